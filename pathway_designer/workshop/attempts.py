"""Back-off after wrong workshop codes: a few tries a minute per client, and a limit for everyone.

A code typed in is only checked when `Attempts.wait` says the client may try; each wrong code is
recorded with `failed`, which also writes a log line (who tried and how often, never the code). The
per-client limit slows one guesser; the global limit slows many (or one who changes address), at
the price of making everyone wait a little while an attack goes on. Time comes from an injected
clock (monotonic by default), so the rule can be tested without waiting. Thread-safe: one limiter
serves every session of the app.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("pathway_designer.access")

PER_CLIENT = 5  # wrong codes per client in a window
GLOBAL = 30  # wrong codes from everyone in a window
WINDOW = 60.0  # seconds


@dataclass
class Attempts:
    """Wrong codes in the last `window` seconds, per client and in all."""

    per_client: int = PER_CLIENT
    overall: int = GLOBAL
    window: float = WINDOW
    clock: Callable[[], float] = time.monotonic
    _clients: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    _all: deque[float] = field(default_factory=deque, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait(self, client: str) -> float:
        """Seconds before `client` may try a code again; 0 when it may try now."""
        with self._lock:
            now = self.clock()
            self._forget(now)
            waits = [0.0]
            mine = self._clients.get(client)
            if mine is not None and len(mine) >= self.per_client:
                waits.append(mine[-self.per_client] + self.window - now)
            if len(self._all) >= self.overall:
                waits.append(self._all[-self.overall] + self.window - now)
            return max(waits)

    def failed(self, client: str) -> None:
        """A wrong code from `client`: counted, and logged (without the code)."""
        with self._lock:
            now = self.clock()
            self._forget(now)
            mine = self._clients.setdefault(client, deque())
            mine.append(now)
            self._all.append(now)
            recent, everyone = len(mine), len(self._all)
        log.warning(
            "wrong workshop code from client %s (%d from it and %d in all in the last %d s)",
            client, recent, everyone, int(self.window),
        )

    def succeeded(self, client: str) -> None:
        """A right code: the client's own count starts again (the global count stays)."""
        with self._lock:
            self._clients.pop(client, None)

    def _forget(self, now: float) -> None:
        start = now - self.window
        while self._all and self._all[0] <= start:
            self._all.popleft()
        for client in list(self._clients):
            times = self._clients[client]
            while times and times[0] <= start:
                times.popleft()
            if not times:
                del self._clients[client]
