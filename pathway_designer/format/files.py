"""Reading a file from a path: a regular file only (after symlinks), and never more than the limit.

`stat()` says 0 bytes for `/dev/zero`, a FIFO or a socket, so a size check by `stat()` let a device
be read without end (7.5 GB in 20 s) and a FIFO block forever. Here the file is opened without
waiting (O_NONBLOCK: a FIFO with no writer opens at once), its kind is taken from the open file
itself (no race with a rename), and the read stops one byte past the limit whatever stat() says.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ..finding import Finding, Severity
from .reading import MAX_BYTES, YamlReadError, decode

_CHUNK = 64 * 1024
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((word for test, word in _KINDS if test(mode)), "a special file")


def _refuse_special(mode: int) -> None:
    if not stat.S_ISREG(mode):
        message = f"it is {_kind(mode)}, not a regular file; name a pathway file"
        raise YamlReadError([Finding("unreadable", Severity.ERROR, message)])


def read_regular(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.

    Raises YamlReadError with an `unreadable` finding for anything but a regular file, and a
    `file-too-large` one past `limit`; OSError (missing, permission denied) as `open` raises it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(Path(path), flags)
    except OSError:
        # a socket cannot be opened at all (ENXIO): say what it is rather than "no such device"
        with contextlib.suppress(OSError):
            _refuse_special(os.stat(path).st_mode)
        raise
    try:
        _refuse_special(os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:
        message = f"file is larger than the limit of {limit:,} bytes"
        raise YamlReadError([Finding("file-too-large", Severity.ERROR, message)])
    return b"".join(chunks)


def read_text(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a regular file, or YamlReadError (with line and column for bad bytes)."""
    return decode(read_regular(path, limit))
