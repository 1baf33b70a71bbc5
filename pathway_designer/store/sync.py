"""Sharing a workspace between organisations: pull from and push to its git remote.

Any git host the partners already use will do (a bare repository on a shared drive, GitHub, GitLab,
Azure DevOps): the remote is the workspace's own `origin` (or another named remote), reached by
dulwich's clients (see `transport`: a folder through git's own programs, so its hooks run).

- Fetch the remote's branch. If only one side has new versions, fast-forward (or just push).
- If both have, merge them per file: pathways by the same semantic three-way merge as a stale save
  (by step, transition, organisation and outcome, field by field), comments as the union of both
  (each is a file of its own, added on one side; an old single comments file is merged by id),
  any other file only when one side alone changed it. The result is a merge commit whose parents
  are both heads, so every local and every remote version stays in history with its author.
- True conflicts, or a merge that would leave a pathway with errors, refuse the whole sync: nothing
  is changed locally and nothing is pushed, and the result lists the conflicts per pathway. The
  person settles them by saving (the app shows both sides), then syncs again.
- Push by compare-and-swap on the remote too: if a partner pushed meanwhile, fetch and merge again.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from dulwich.graph import can_fast_forward, find_merge_base

from ..changes.merge import Conflict, UnresolvedConflicts, merge_pathways, resolve
from ..changes.writing import conflict_json
from ..checks.saving import blocks_saving
from ..checks.validation import validate
from ..finding import Finding
from ..format.canonical import dump
from ..format.loading import PathwayError, load_bytes
from . import messages, transport
from .authors import Author
from .comments import merge_comment_files
from .commits import TREE_MODE, Branch
from .errors import SyncFailed
from .json_fields import json_fields
from .objects import oid
from .repository import COMMENTS, PATHWAYS, Repository
from .saving import Choices

SyncStatus = Literal["up-to-date", "pulled", "pushed", "merged", "conflict"]
ATTEMPTS = 5


class Transport(Protocol):
    """How a sync reaches the remote: dulwich's clients (`transport`), or git's own command line
    (`pathway_designer.sharing.gitcli`, which the app's background sharing uses)."""

    def fetch(self) -> str | None: ...  # the remote's branch head, fetched; None if it has none

    def push(self, expected: str | None, new: str) -> bool: ...  # False if it moved meanwhile


class _Dulwich:
    def __init__(self, repository: Repository, remote: str) -> None:
        self.repository, self.remote = repository, remote
        self.client, self.path = transport.client_for(repository, remote)

    def fetch(self) -> str | None:
        return transport.fetch(self.repository, self.client, self.path, self.remote)

    def push(self, expected: str | None, new: str) -> bool:
        return transport.push(self.repository, self.client, self.path, self.remote, expected, new)


@dataclass
class SyncResult:
    status: SyncStatus
    message: str
    pulled: list[str] = field(default_factory=list)  # pathways the remote's versions changed here
    pushed: bool = False
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)  # by pathway id (or file)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    head: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "conflict"

    def to_json(self) -> dict[str, Any]:
        return json_fields(
            self,
            conflicts={name: [conflict_json(c) for c in found] for name, found in self.conflicts.items()},
            findings={name: [f.to_json() for f in found] for name, found in self.findings.items()},
        )


@dataclass
class _Merged:
    changes: dict[str, bytes | None] = field(default_factory=dict)
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)


def sync(
    repository: Repository,
    author: Author,
    remote: str = "origin",
    choices: Mapping[str, Choices] | None = None,
    via: Transport | None = None,
) -> SyncResult:
    return _Sync(repository, author, remote, choices or {}, via or _Dulwich(repository, remote)).run()


# Where a sync stands after bringing the remote's versions in: the new head and the pathways the
# remote changed; a result to return as it is (refused); or None when the branch moved meanwhile.
_BroughtIn = tuple[str | None, list[str]] | SyncResult | None


class _Sync:
    def __init__(
        self,
        repository: Repository,
        author: Author,
        remote: str,
        choices: Mapping[str, Choices],
        via: Transport,
    ) -> None:
        self.repository = repository
        self.branch = repository.branch
        self.author = author
        self.remote = remote
        self.choices = choices
        self.via = via

    def run(self) -> SyncResult:
        for _ in range(ATTEMPTS):
            theirs = self.via.fetch()
            ours = self.branch.head()
            brought = self.bring_in(ours, theirs)
            if brought is None:
                continue  # a save landed meanwhile: start again from the new head
            if isinstance(brought, SyncResult):
                return brought
            target, pulled = brought
            pushed = target is not None and target != theirs
            if target is not None and pushed and not self.via.push(theirs, target):
                continue  # a partner pushed meanwhile: fetch and merge again
            return _result(theirs, ours, target, pulled, pushed, self.remote)
        raise SyncFailed(f"'{self.remote}' kept changing while we synced; try again in a moment")

    def bring_in(self, ours: str | None, theirs: str | None) -> _BroughtIn:
        if theirs is None or theirs == ours or (ours and _is_ancestor(self.repository, theirs, ours)):
            return ours, []  # nothing new there
        if ours is None or _is_ancestor(self.repository, ours, theirs):
            changed = _changed_paths(self.branch, ours, theirs)
            message = f"sync: fast-forward to {self.remote}"
            if not self.branch.move(ours, theirs, self.author, message, changed):
                return None
            return theirs, _pathway_ids(changed)
        return self.merge(ours, theirs)

    def merge(self, ours: str, theirs: str) -> _BroughtIn:
        base = find_merge_base(self.repository.repo, [oid(ours), oid(theirs)])
        merged = _merge_trees(self.branch, base[0].decode() if base else None, ours, theirs, self.choices)
        if merged.conflicts or merged.findings:
            return _refused(merged, self.remote)
        changed = _pathway_ids(merged.changes)
        message = messages.compose(
            f"Sync with {self.remote}: merge partners' versions"
            + (f" of {', '.join(changed)}" if changed else ""),
            [
                (messages.ORGANISATION, self.author.organisation or ""),
                (messages.MERGED_FROM, f"{self.remote} {theirs}"),
            ],
        )
        target = self.repository.commit(ours, merged.changes, self.author, message, other_parents=[theirs])
        if target is None:
            return None
        return target, _pathway_ids(_changed_paths(self.branch, ours, target))


def _result(
    theirs: str | None, ours: str | None, target: str | None, pulled: list[str], pushed: bool, remote: str
) -> SyncResult:
    merged = target not in (ours, theirs)
    came_in = target != ours
    status: SyncStatus = "merged" if merged else "pulled" if came_in else "pushed" if pushed else "up-to-date"
    parts = []
    if came_in:
        parts.append("brought in partners' changes" + (f" to {', '.join(pulled)}" if pulled else ""))
    if merged:
        parts.append("merged them with the versions saved here")
    if pushed:
        parts.append(f"sent this workspace's versions to {remote}")
    message = "; ".join(parts) if parts else f"up to date with {remote}"
    return SyncResult(status, message[0].upper() + message[1:], pulled, pushed, head=target)


def _refused(merged: _Merged, remote: str) -> SyncResult:
    names = sorted({*merged.conflicts, *merged.findings})
    count = sum(len(c) for c in merged.conflicts.values())
    parts = []
    if count:
        parts.append(f"{count} conflict{'s' if count != 1 else ''}")
    if merged.findings:
        parts.append("a merge with errors")
    return SyncResult(
        "conflict",
        f"not synced: {' and '.join(parts)} with {remote} in {', '.join(names)}; nothing was changed "
        "here or sent; save a version that settles them, then sync again",
        conflicts=merged.conflicts,
        findings=merged.findings,
    )


def _is_ancestor(repository: Repository, ancestor: str, commit: str) -> bool:
    return bool(can_fast_forward(repository.repo, oid(ancestor), oid(commit)))


# Merging two heads ------------------------------------------------------------------------------


def flat_files(branch: Branch, commit: str | None) -> dict[str, bytes]:
    """Every file of a commit: path -> blob id."""
    files: dict[str, bytes] = {}
    stack: list[tuple[str, bytes | None]] = [("", branch.tree_of(commit))]
    while stack:
        prefix, tree = stack.pop()
        for name, (mode, sha) in branch.entries(tree).items():
            if mode == TREE_MODE:
                stack.append((f"{prefix}{name}/", sha))
            else:
                files[f"{prefix}{name}"] = sha
    return files


def _changed_paths(branch: Branch, old: str | None, new: str) -> list[str]:
    before, after = flat_files(branch, old), flat_files(branch, new)
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def _pathway_ids(paths: Any) -> list[str]:
    return sorted({p.split("/", 1)[1].rsplit(".", 1)[0] for p in paths if _is(p, PATHWAYS, "yaml")})


def _is(path: str, folder: str, suffix: str) -> bool:
    return fnmatch.fnmatch(path, f"{folder}/*.{suffix}") and path.count("/") == 1


def _merge_trees(
    branch: Branch, base: str | None, ours: str, theirs: str, choices: Mapping[str, Choices]
) -> _Merged:
    """Both heads' files merged; `changes` are relative to ours."""
    b, o, t = flat_files(branch, base), flat_files(branch, ours), flat_files(branch, theirs)
    merged = _Merged()
    for path in sorted(set(b) | set(o) | set(t)):
        bb, ob, tb = b.get(path), o.get(path), t.get(path)
        if ob == tb or tb == bb:
            continue  # ours already has it
        if ob == bb:
            merged.changes[path] = branch.read_blob(tb)
            continue
        texts = (branch.read_blob(bb), branch.read_blob(ob), branch.read_blob(tb))
        if _is(path, COMMENTS, "jsonl"):
            merged.changes.update(merge_comment_files(path, *texts))
        elif _is(path, PATHWAYS, "yaml"):
            _merge_pathway(path, *texts, merged, choices)
        else:
            merged.conflicts[path] = [Conflict("file", path, None, None, "changed here", "changed there")]
    return merged


def _merge_pathway(
    path: str,
    base: bytes | None,
    ours: bytes | None,
    theirs: bytes | None,
    merged: _Merged,
    choices: Mapping[str, Choices],
) -> None:
    name = path.split("/", 1)[1].rsplit(".", 1)[0]
    if base is None or ours is None or theirs is None:
        what = "added on both sides" if base is None else "removed on one side and changed on the other"
        merged.conflicts[name] = [Conflict("pathway", "", None, None, what, what)]
        return
    try:
        b, o, t = (load_bytes(x, path) for x in (base, ours, theirs))
    except PathwayError:
        merged.conflicts[name] = [Conflict("pathway", "", None, None, "unreadable", "unreadable")]
        return
    result = merge_pathways(b, o, t)
    pathway = result.pathway
    if pathway is None and name in choices:
        try:
            pathway = resolve(b, o, t, dict(choices[name]))
        except UnresolvedConflicts as exc:
            merged.conflicts[name] = exc.conflicts
            return
    if pathway is None:
        merged.conflicts[name] = result.conflicts
        return
    findings = validate(pathway, file=path)
    if blocks_saving(pathway, findings):
        merged.findings[name] = findings
        return
    merged.changes[path] = dump(pathway).encode("utf-8")
