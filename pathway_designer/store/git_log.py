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

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

BATCH = 2000
TIMEOUT = 60.0
_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%ad%x00%B"
_HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_ZONE = re.compile(r"([+-])(\d\d)(\d\d)")

# What a record is made from: id, parents, author, email, time, timezone, message, delta.
Fields = tuple[str, tuple[str, ...], str, str, int, int, str, dict[str, str | None]]


def available() -> bool:
    return shutil.which("git") is not None


def read(git_dir: Path, commit: str, tracked: Sequence[str], limit: int = BATCH) -> list[Fields] | None:
    """Up to `limit` commits from `commit` back, as the fields of a record each;
    None when git cannot be asked (then the caller reads through dulwich)."""
    if not _HASH.fullmatch(commit):
        return None
    command = [
        "git", f"--git-dir={git_dir}", "-c", "log.showSignature=false", "log", "-z", "--raw",
        "--no-color", "--no-mailmap",
        "--no-abbrev", "--no-renames", "--root", "--diff-merges=first-parent", "--date=raw",
        "--encoding=UTF-8", f"--format={_FORMAT}", f"--max-count={limit}", commit, "--",
    ]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    try:
        return list(_parse(done.stdout.decode("utf-8", "replace"), tuple(tracked)))
    except (ValueError, IndexError):
        return None  # output this version of git writes differently: dulwich reads them instead


def _parse(text: str, tracked: tuple[str, ...]) -> Iterator[Fields]:
    tokens = text.split("\0")
    i, end = 0, len(tokens)
    while i < end:
        commit = tokens[i].lstrip("\n")
        if not commit and i == end - 1:
            return
        if not _HASH.fullmatch(commit):
            raise ValueError(f"expected a commit id, found {commit[:50]!r}")
        parents, name, email, date, message = tokens[i + 1 : i + 6]
        i += 6
        delta: dict[str, str | None] = {}
        while i < end and tokens[i].lstrip("\n").startswith(":"):
            meta, path = tokens[i].lstrip("\n")[1:].split(" "), tokens[i + 1]
            i += 2
            folder, _, name_in = path.partition("/")
            if folder in tracked and name_in and "/" not in name_in and meta[2] != meta[3]:
                new_mode, new_blob = meta[1], meta[3]
                delta[path] = None if set(new_mode) == {"0"} else new_blob
        seconds, zone = date.split(" ")
        zoned = _ZONE.fullmatch(zone)
        if zoned is None:
            raise ValueError(f"a time zone git writes differently: {zone!r}")
        sign, hours, minutes = zoned.groups()
        offset = (int(hours) * 3600 + int(minutes) * 60) * (-1 if sign == "-" else 1)
        yield (commit, tuple(parents.split()), name.strip(), email.strip(), int(seconds), offset,
               message, dict(sorted(delta.items())))
