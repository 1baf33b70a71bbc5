"""Append-only JSON Lines files: the store's caches, safe with many writers and with crashes.

Writers only append whole lines with one `write` on a file opened with O_APPEND, so concurrent
writers never interleave inside a line. A crash can tear the last line: readers skip any line that
does not parse, and a writer that finds the file not ending in a newline starts its own on a new
line. Readers remember how far they have read and pick up only what was added since.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# One encoder for every line: `json.dumps` with options builds a new one per call, which was most
# of the cost of writing a fresh clone's thousand commit records.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def line(record: Any) -> str:
    """`record` as one line of a file (a list of records in one line is one encoding: faster)."""
    return _ENCODE(record) + "\n"


def append(path: Path, records: Iterable[Any]) -> None:
    append_lines(path, [line(r) for r in records])


def append_lines(path: Path, lines: list[str]) -> None:
    """Lines made by `line`, in one write."""
    text = "".join(lines)
    if not text:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return  # a cache (a full disk, say): what it would have kept is read from git again
    try:
        size = os.fstat(fd).st_size
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)
            if os.read(fd, 1) != b"\n":
                text = "\n" + text  # a line torn by a crash must not swallow our first one
        os.write(fd, text.encode("utf-8"))
    except OSError:
        pass  # a line cut short is skipped by readers, as after a crash
    finally:
        os.close(fd)


def read_from(path: Path, offset: int) -> tuple[list[Any], int]:
    """The records of the complete lines after `offset`, and the offset to read from next time."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
    except FileNotFoundError:
        return [], offset
    end = data.rfind(b"\n") + 1
    lines = [line for line in data[:end].decode("utf-8", "replace").splitlines() if line.strip()]
    return _parse(lines), offset + end


def _parse(lines: list[str]) -> list[Any]:
    try:
        return list(json.loads("[" + ",".join(lines) + "]"))  # one parse: fast for the usual file
    except (ValueError, RecursionError):
        pass  # a torn line somewhere: parse them one by one and skip it
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except (ValueError, RecursionError):  # torn, or nested too deeply to parse
            continue
    return out
