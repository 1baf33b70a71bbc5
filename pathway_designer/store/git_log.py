"""Commit records read in bulk by git's own `git log`, for a history made elsewhere (a fresh clone).

A fresh clone of a long history knows none of its commits: reading each one and its trees through
dulwich costs about 3 ms a commit, 3 s for 1,000 versions, while `git log --raw` reads them all in
a few tens of milliseconds. So when git is installed, a commit the index does not know brings in a
batch of its ancestors from one `git log` (at most `BATCH`, so the few commits a sync brought cost
a few); without git, or if git fails (an old git, a repository it will not read), the index reads
commits through dulwich as before. What comes back is exactly what `CommitIndex._from_git` makes:
the parents, the author, the message, and the files directly under the tracked folders that differ
from the first parent.

The output is split on NUL (`-z`): a commit message cannot hold one, so no text typed into a
rationale can pass for a field or a commit of its own.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

BATCH = 2000
TIMEOUT = 60.0
_CHUNK = 1 << 16
_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%ad%x00%B"
_HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")

# What a record is made from: id, parents, author, email, time, timezone, message, delta.
Fields = tuple[str, tuple[str, ...], str, str, int, int, str, dict[str, str | None]]


def available() -> bool:
    return shutil.which("git") is not None


def read(git_dir: Path, commit: str, tracked: Sequence[str], limit: int = BATCH) -> list[Fields] | None:
    """Up to `limit` commits from `commit` back, as the fields of a record each;
    None when git cannot be asked (then the caller reads through dulwich)."""
    rows: list[Fields] = []
    return rows if stream(git_dir, commit, tracked, rows.extend, limit) else None


def stream(
    git_dir: Path, commit: str, tracked: Sequence[str], take: Callable[[list[Fields]], object],
    limit: int = BATCH,
) -> bool:
    """`read`, handing the commits to `take` a batch at a time as git writes them, so that what the
    caller makes of them overlaps git's work on a second core; False when git cannot be asked (or
    fails part way: then the caller drops what it was given)."""
    if not _HASH.fullmatch(commit):
        return False
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)
    try:
        process = subprocess.Popen(
            read_command(git_dir, commit, limit),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env,
        )
    except OSError:
        return False
    timer = threading.Timer(TIMEOUT, process.kill)  # a git that hangs is stopped, and we read no more
    timer.start()
    parser = Parser(tuple(tracked))
    try:
        with process:
            assert process.stdout is not None
            out = process.stdout.fileno()
            decoder = codecs.getincrementaldecoder("utf-8")("replace")
            try:
                while chunk := os.read(out, _CHUNK):
                    take(parser.feed(decoder.decode(chunk)))
                take(parser.feed(decoder.decode(b"", final=True), final=True))
            except (ValueError, IndexError):
                process.kill()
                return False  # output this git writes differently: dulwich reads them instead
    finally:
        timer.cancel()
    return process.returncode == 0


def read_command(git_dir: Path, commit: str, limit: int) -> list[str]:
    return [
        "git", f"--git-dir={git_dir}", "-c", "log.showSignature=false", "log", "-z", "--raw",
        "--no-color", "--no-mailmap",
        "--no-abbrev", "--no-renames", "--root", "--diff-merges=first-parent", "--date=raw",
        "--encoding=UTF-8", f"--format={_FORMAT}", f"--max-count={limit}", commit, "--",
    ]


class Parser:
    """`git log -z --raw` output, fed in pieces as it is read; each piece gives the commits it
    completes. A commit is complete once the token after its last file is there (or at the end)."""

    def __init__(self, tracked: tuple[str, ...]) -> None:
        self.tracked = tracked
        self._tokens: list[str] = []
        self._rest = ""  # the start of a token cut by the end of a piece

    def feed(self, text: str, final: bool = False) -> list[Fields]:
        tokens = (self._rest + text).split("\0")
        self._rest = tokens.pop()
        if final and self._rest.strip("\n"):
            raise ValueError("the output ends inside a commit")  # git ends each field with a NUL
        tokens = self._tokens + tokens if self._tokens else tokens
        found: list[Fields] = []
        i, end = 0, len(tokens)
        while i < end:
            commit = tokens[i].lstrip("\n")
            if i + 6 >= end and not final:
                break  # its fields are not all here yet
            if not _HASH.fullmatch(commit):
                raise ValueError(f"expected a commit id, found {commit[:50]!r}")
            j = i + 6
            while j < end and tokens[j].lstrip("\n").startswith(":"):
                j += 2
            if j >= end and not final:
                break  # more of its files may follow
            found.append(self._fields(commit, tokens[i + 1 : i + 6], tokens[i + 6 : j]))
            i = j
        self._tokens = tokens[i:]
        if final and self._tokens:
            raise ValueError("the output ends inside a commit")
        return found

    def _fields(self, commit: str, head: list[str], files: list[str]) -> Fields:
        parents, name, email, date, message = head
        delta: dict[str, str | None] = {}
        tracked = self.tracked
        for k in range(0, len(files), 2):
            # ":old-mode new-mode old-blob new-blob status", then the path
            _, new_mode, old_blob, new_blob, _ = files[k].lstrip("\n").split(" ")
            path = files[k + 1]
            folder, _, name_in = path.partition("/")
            if folder in tracked and name_in and "/" not in name_in and old_blob != new_blob:
                delta[path] = None if new_mode == "000000" else new_blob
        seconds, zone = date.split(" ")
        if not (len(zone) == 5 and zone[0] in "+-" and zone[1:].isdigit()):
            raise ValueError(f"a time zone git writes differently: {zone!r}")
        offset = (int(zone[1:3]) * 3600 + int(zone[3:5]) * 60) * (-1 if zone[0] == "-" else 1)
        return (commit, tuple(parents.split()), name.strip(), email.strip(), int(seconds), offset,
                message, dict(sorted(delta.items())) if len(delta) > 1 else delta)
