"""Python's full garbage collection, moved off the clicks people wait for.

The server keeps big objects in its caches (a 300-step pathway's model, its checks, tables and
layouts), so a full collection walks them all: about 0.2 s on a small server. Python starts one by
itself every few edits (once the objects that survived since the last reach a quarter of the
rest), in the middle of somebody's edit. So here the automatic full collection is made rare, and a
full collection runs instead when the server has been quiet for a moment after a script run. A
server that is never quiet still collects after every `EVERY` runs, so garbage in reference cycles
is freed either way. (Streamlit's own collection after every run is switched off in the app's
configuration: `runner.postScriptGC`.)
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

QUIET = 1.5  # seconds with no script run before the full collection runs
EVERY = 30  # runs after which it runs anyway, quiet or not
RARE = 1000  # young collections between Python's own full ones (its default is 10)


class Collector:
    """Runs the full collection when no script has run for `quiet` seconds, or every `every` runs."""

    def __init__(self, quiet: float = QUIET, every: int = EVERY) -> None:
        self.quiet = quiet
        self.every = every
        self.collections = 0
        self._lock = threading.Lock()
        self._running = 0
        self._runs = 0
        self._timer: threading.Timer | None = None

    @contextlib.contextmanager
    def run(self) -> Iterator[None]:
        """Around one script run: a pending collection waits until it is over."""
        with self._lock:
            self._running += 1
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                self._runs += 1
                due = self._runs >= self.every
                if not due and self._running == 0:
                    self._timer = threading.Timer(self.quiet, self._when_quiet)
                    self._timer.daemon = True
                    self._timer.start()
            if due:
                self._collect()

    def _when_quiet(self) -> None:
        with self._lock:
            if self._running:  # a run began meanwhile: its end sets a new timer
                return
            self._timer = None
        self._collect()

    def _collect(self) -> None:
        with self._lock:
            self._runs = 0
        gc.collect()
        with self._lock:
            self.collections += 1


def make_full_collections_rare() -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, RARE)


COLLECTOR = Collector()
