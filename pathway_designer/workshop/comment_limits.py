"""How often one person may comment in the app: at most `LIMIT` comments in any `WINDOW` seconds.

Anyone can comment, viewers included, and every comment is a commit shared with every partner: a
limit per person keeps one careless (or hostile) participant from flooding the workspace. The
clock is injected, so the limit is tested without waiting; the app keeps one limiter for all its
sessions (a person's name, not their browser tab, is what is counted).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

LIMIT = 10
WINDOW = 60.0  # seconds


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    wait: float = 0.0  # seconds until the next comment is allowed
    limit: int = LIMIT

    @property
    def message(self) -> str:
        """The plain words the app shows when a comment is refused."""
        seconds = max(1, math.ceil(self.wait))
        return (
            f"You have added {self.limit} comments in the last minute. Please wait {seconds} "
            f"second{'s' if seconds != 1 else ''}, then add your comment again (it is still in the box)."
        )


class CommentLimiter:
    def __init__(
        self, limit: int = LIMIT, window: float = WINDOW, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._times: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # the app's sessions run in threads of one process

    def allow(self, person: str) -> Verdict:
        """Count a comment by `person` if the limit allows it; the verdict either way."""
        now = self.clock()
        key = " ".join(person.split()).casefold()
        with self._lock:
            times = self._times.setdefault(key, deque())
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.limit:
                return Verdict(False, self.window - (now - times[0]), self.limit)
            times.append(now)
            self._forget_idle(now)
            return Verdict(True, limit=self.limit)

    def _forget_idle(self, now: float) -> None:
        """Drop people with no comment in the window, so the table does not grow without end."""
        if len(self._times) > 1000:
            for name in [n for n, t in self._times.items() if not t or now - t[-1] >= self.window]:
                del self._times[name]
