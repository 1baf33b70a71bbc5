"""The files git hands its drivers, read within the bounds `validate` keeps: a regular file of at
most `MAX_BYTES`. Git's own temporary files always are; a command run by hand may name anything (a
device would otherwise be read without end, and a file past the limit merged cut short)."""

from __future__ import annotations

import os
from pathlib import Path

from ..format.files import read_regular
from ..format.reading import MAX_BYTES, YamlReadError

NO_FILE = "/dev/null"  # git's name for the side that does not exist (a file added or removed)


class DriverInput(Exception):
    """A file a driver cannot read as a pathway's text: which, and why, in words."""


def read_side(path: str | os.PathLike[str], errors: str = "surrogateescape") -> str | None:
    """The text of one side; None for git's /dev/null. Bytes that are not UTF-8 are kept as they
    are (`surrogateescape`: a merge writes them back) or replaced (`replace`: for showing). Raises
    DriverInput for a missing, special or unreadable file and for one larger than `MAX_BYTES`."""
    if os.fspath(path) == NO_FILE:
        return None
    try:
        data = read_regular(Path(path), MAX_BYTES)
    except YamlReadError as exc:
        raise DriverInput(f"{os.fspath(path)}: {exc.findings[0].message}") from None
    except OSError as exc:
        raise DriverInput(f"{os.fspath(path)}: {exc.strerror or exc}") from None
    return data.decode("utf-8", errors)
