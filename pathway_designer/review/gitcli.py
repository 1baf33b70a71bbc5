"""The git program, run for a review: revisions resolved and files read exactly as git sees them.

A review runs where pull requests live (a developer's clone, a CI runner), where git is installed;
its rename detection (`git diff -M`) and its revision syntax (`main`, `HEAD~1`, `v2^`, a tag, a sha)
are what reviewers know, so the review asks git itself rather than reimplementing either.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..format.reading import MAX_BYTES


class ReviewError(Exception):
    """Something a person can act on: not a repository, an unknown revision, no git."""


def _env() -> dict[str, str]:
    # No pager, no prompts, the C locale's messages; the person's own config still applies.
    return {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, env=_env(), check=False
        )
    except FileNotFoundError:
        raise ReviewError("git is not installed: a review needs the git program") from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReviewError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done


def repository_root(start: Path) -> Path:
    """The top of the git work tree holding `start`."""
    done = git(start, "rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        raise ReviewError(f"{start} is not inside a git repository: run the review in a clone")
    return Path(done.stdout.decode("utf-8", "surrogateescape").strip())


def commit_of(root: Path, revision: str) -> str:
    """The commit any revision git understands names (a branch, tag, `HEAD~1`, a sha)."""
    if not revision.strip() or revision.startswith("-"):
        raise ReviewError(f"{revision!r} is not a revision")
    done = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}",
               check=False)
    if done.returncode != 0:
        raise ReviewError(f"{revision!r} is not a revision of this repository (try `git log`)")
    return done.stdout.decode("ascii").strip()


def fork_point(root: Path, base: str, head: str) -> str:
    """Where `head` left `base` (what a pull request is compared with); `base` if unrelated."""
    done = git(root, "merge-base", base, head, check=False)
    return done.stdout.decode("ascii").strip() if done.returncode == 0 else base


def name_status(root: Path, old: str, new: str) -> list[tuple[str, str, str]]:
    """(status letter, old path, new path) of every file that differs, renames found (-M)."""
    done = git(root, "diff", "--no-ext-diff", "--no-textconv", "-z", "--name-status", "-M",
               old, new, "--")
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    found = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            found.append((status, fields[i + 1], fields[i + 2]))
            i += 3
        else:
            found.append((status, fields[i + 1], fields[i + 1]))
            i += 2
    return found


def read_blob(root: Path, commit: str, path: str) -> bytes | None:
    """The file's bytes at `commit` (None when it is not there); a file larger than a pathway may be
    is read only as far as that, so the checks refuse it as too large without holding all of it."""
    spec = f"{commit}:{path}"
    size = git(root, "cat-file", "-s", spec, check=False)
    if size.returncode != 0:
        return None
    if int(size.stdout) > MAX_BYTES:
        return b"\0" * (MAX_BYTES + 1)
    return git(root, "cat-file", "blob", spec).stdout
