"""Any git revision to a commit, without the git program: what `git rev-parse REV^{commit}` gives.

A name is what dulwich finds (a branch, a remote branch such as `origin/main`, a tag, annotated or
not, a full or short commit id, `HEAD`, `@`), followed by any of git's steps back: `~N` (N first
parents back), `^N` (the N-th parent), `^` (`^1`) and `^{commit}`. Reflog forms (`@{1}`), ranges and
searches (`:/text`) are not revisions of one commit in a workspace's sense, and are refused.
"""

from __future__ import annotations

import re

from dulwich.objects import Commit, Tag
from dulwich.objectspec import parse_commit
from dulwich.repo import Repo

from .errors import UnknownVersion

_STEP = re.compile(r"~(\d*)|\^\{commit\}|\^(\d*)")
_NAME = re.compile(r"^[^~^:@\s\\]+|^@(?![{])")


def _split(spec: str) -> tuple[str, list[tuple[str, int]]]:
    """The name and its steps: `main~2^2` is ("main", [("~", 2), ("^", 2)])."""
    name = _NAME.match(spec)
    if name is None:
        raise UnknownVersion(f"{spec!r} is not a git revision")
    steps: list[tuple[str, int]] = []
    rest = spec[name.end():]
    while rest:
        step = _STEP.match(rest)
        if step is None:
            raise UnknownVersion(f"{spec!r} is not a git revision (git's ~N and ^N are understood)")
        if step.group(0) != "^{commit}":
            tilde = step.group(0).startswith("~")
            count = step.group(1) if tilde else step.group(2)
            steps.append(("~" if tilde else "^", int(count) if count else 1))
        rest = rest[step.end():]
    return ("HEAD" if name.group(0) == "@" else name.group(0)), steps


def _commit(repo: Repo, name: str) -> Commit:
    try:
        found = parse_commit(repo, name.encode("utf-8"))
    except (KeyError, ValueError):
        found = None
    while isinstance(found, Tag):  # an annotated tag: the commit it names
        found = repo[found.object[1]]
    if not isinstance(found, Commit):
        raise UnknownVersion(f"{name!r} names no commit in this repository (try `git log`)")
    return found


def resolve_revision(repo: Repo, spec: str) -> str:
    """The full id of the commit `spec` names; UnknownVersion (a person can act on it) otherwise."""
    spec = spec.strip()
    name, steps = _split(spec)
    commit = _commit(repo, name)
    for kind, count in steps:
        if kind == "^" and count == 0:
            continue
        hops, parent = (count, 0) if kind == "~" else (1, count - 1)
        for _ in range(hops):
            if len(commit.parents) <= parent:
                raise UnknownVersion(f"{spec!r} goes back past the first commit")
            found = repo[commit.parents[parent]]
            assert isinstance(found, Commit)
            commit = found
    return commit.id.decode("ascii")
