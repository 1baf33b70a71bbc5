"""The workspace lock: one writer at a time moves the branch, and a writer that died is cleaned up after.

Saves prepare their commit without the lock (optimistically) and hold it only to compare the branch
with what they started from, write the objects, move the ref and bring the work tree in step: a few
milliseconds. The lock is an OS file lock (`flock`, or `msvcrt.locking` on Windows), which the
kernel releases when its holder dies, so a killed process can never leave the workspace locked.

What a killed writer can leave behind is git's own lock files (`refs/heads/main.lock`,
`index.lock`) and temporary files. A writer marks the critical section with a `writing` file before
it starts and removes it when it is done; whoever takes the lock next and finds the mark knows that
the previous writer died inside, and removes what it may have left. A lock file found *without* the
mark belongs to someone else (a `git` command running in the workspace) and is waited for, never
removed.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import WorkspaceBusy

TIMEOUT = 30.0


class WorkspaceLock:
    """An exclusive, re-entrant (per thread) lock over the writers of one workspace."""

    def __init__(
        self,
        state_dir: Path,
        leftovers: Callable[[], Iterable[Path]],
        litter: Callable[[], Iterable[Path]] = lambda: (),
        after_recovery: Callable[[], None] = lambda: None,
    ) -> None:
        self.state_dir = state_dir
        self.path = state_dir / "lock"
        self.marker = state_dir / "writing"
        self.leftovers = leftovers  # what a writer killed inside the critical section may leave
        self.litter = litter  # what a writer killed anywhere may leave, safe to sweep at any time
        self.after_recovery = after_recovery  # e.g. bring the files the dead writer left behind in step
        self._held = threading.local()

    @contextlib.contextmanager
    def writing(self, timeout: float = TIMEOUT) -> Iterator[None]:
        """Hold the lock; recover from a writer that died holding it; mark the critical section."""
        depth = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        fd = self._acquire(timeout)
        self._held.depth = 1
        try:
            if self.marker.exists():
                self.recover()
            _remove(self.litter())
            self.marker.write_text(f"{os.getpid()}\n", encoding="ascii")
            yield
            # Left in place on an exception: the next writer then cleans up whatever was left.
            self.marker.unlink()
        finally:
            self._held.depth = 0
            _unlock(fd)
            os.close(fd)

    def recover(self) -> None:
        """Remove what a writer that died in its critical section may have left."""
        _remove(self.leftovers())
        self.after_recovery()

    def recover_if_abandoned(self) -> None:
        """Recover now, not at the next write, if a writer died in its critical section.

        A reader calls this (it costs one `stat` while no writer has died): otherwise the files and
        git's index a killed writer left behind the branch stay there until someone writes, and in
        the meantime `git status` shows the version it saved as a staged revert. A writer at work
        holds the lock and brings them in step itself; so do we, when we are that writer.
        """
        if getattr(self._held, "depth", 0) or not self.marker.exists():
            return
        with contextlib.suppress(OSError):  # a read-only workspace: leave it for a writer
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _try_lock(fd):
                    return
                self._held.depth = 1  # what recovery reads must not come back here
                try:
                    if self.marker.exists():
                        self.recover()
                        self.marker.unlink()
                finally:
                    self._held.depth = 0
                    _unlock(fd)
            finally:
                os.close(fd)

    def _acquire(self, timeout: float) -> int:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        delay = 0.001
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                os.close(fd)
                raise WorkspaceBusy(
                    f"the workspace has been busy for {timeout:.0f} s (lock {self.path}); "
                    "is another save stuck?"
                )
            # Jitter, so that waiting writers do not wake in step.
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.002)
        return fd


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
