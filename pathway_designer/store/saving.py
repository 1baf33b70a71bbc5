"""Saving a pathway as a new version, based on the version the edit started from.

- The text is validated first. A pathway that does not load is refused; one with errors is saved
  only as `status: draft`, and the result says so.
- What is committed is the canonical text (`dump`), so diffs show only real changes; saving what
  is already the latest version makes no version.
- The save names its base. If the pathway changed since (someone else saved), the two edits are
  merged by meaning (`merge.merge_pathways`) into a version whose message records both, with the
  trailers `Base:` (what the edit started from) and `Merged-with:` (the newer version). True
  conflicts are refused with the structured conflicts, and nothing is written: the person's text is
  theirs to keep, and `choices` settle the conflicts on the next try.
- The branch moves by compare-and-swap: a save prepares without the lock; if it loses the race, it
  prepares again on the new head (merging again if it has to) under the workspace lock, so that no
  saver is starved by the others and no work is done more than twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..changes.diff import diff_pathways
from ..changes.merge import Conflict, UnresolvedConflicts, merge_pathways, resolve
from ..changes.writing import conflict_json
from ..checks.config import CONFIG_NAME, RuleConfig
from ..checks.saving import blocks_saving
from ..checks.validation import check_text, config_for, validate
from ..finding import Finding
from ..format.canonical import dump
from ..format.loading import PathwayError, load_bytes
from ..model import Pathway
from . import messages
from .authors import Author
from .errors import WorkspaceBusy
from .json_fields import json_fields
from .repository import PATHWAYS, Repository, pathway_path
from .version_diffs import changes_between
from .versions import Version, Versions
from .worktree import blob_id

SaveStatus = Literal["saved", "unchanged", "merged", "conflict", "refused"]
Choices = Mapping[tuple[str, str, str | None], Literal["ours", "theirs"]]

OPTIMISTIC_ATTEMPTS = 1
ATTEMPTS = 4


@dataclass
class SaveResult:
    """What became of a save: a new version, none needed, merged, or refused with the reasons."""

    status: SaveStatus
    message: str
    version: Version | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # The newer version a stale save was merged with (or conflicts with).
    latest: Version | None = None
    # The canonical text of the version saved (after a merge, the merged text).
    text: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("saved", "unchanged", "merged")

    def to_json(self) -> dict[str, Any]:
        return json_fields(
            self,
            leave_out=["text"],
            version=self.version.to_json() if self.version else None,
            latest=self.latest.to_json() if self.latest else None,
            conflicts=[conflict_json(c) for c in self.conflicts],
            findings=[f.to_json() for f in self.findings],
        )


@dataclass
class _Commit:
    """A prepared save: the text to commit and how to describe it."""

    status: SaveStatus
    pathway: Pathway
    text: str
    findings: list[Finding]
    trailers: list[tuple[str, str]]
    latest: Version | None
    previous: Pathway | None  # the head's version, when it was loaded anyway


@dataclass
class SaveRequest:
    text: str
    author: Author
    rationale: str
    base: str | None  # a commit id, or None for a new pathway
    name: str = "<text>"
    choices: Choices | None = None
    extra_trailers: tuple[tuple[str, str], ...] = ()


def save(repository: Repository, versions: Versions, request: SaveRequest) -> SaveResult:
    config = _config(repository)
    check = check_text(request.text, request.name, config=config)
    pathway = check.pathway
    if pathway is None:
        return SaveResult(
            "refused",
            f"{request.name} cannot be read ({_count(check.findings)}): nothing was saved",
            findings=check.findings,
        )
    if blocks_saving(pathway, check.findings):
        return SaveResult(
            "refused",
            f"“{pathway.title}” has {_count(check.findings)}: fix them, or save it as a draft "
            "(work in progress may have errors)",
            findings=check.findings,
        )
    messages.compose(request.rationale, [])  # refuse an empty rationale before anything else
    base = versions.commit(request.base, pathway.id) if request.base else None
    saver = _Saver(repository, versions, request, pathway, check.findings, base, config)
    path = pathway_path(pathway.id)
    for attempt in range(ATTEMPTS):
        # The first attempt prepares without the lock; if the branch moved meanwhile, the next
        # prepares under it (merging with the new head), so no saver is starved by the others.
        with repository.lock.writing() if attempt >= OPTIMISTIC_ATTEMPTS else contextlib.nullcontext():
            head = repository.branch.head()
            prepared = saver.prepare(head)
            if isinstance(prepared, SaveResult):
                return prepared
            trailers = [
                (messages.PATHWAY, pathway.id),
                (messages.ORGANISATION, request.author.organisation or ""),
                *prepared.trailers,
                *request.extra_trailers,
            ]
            commit = repository.commit(
                head,
                {path: prepared.text.encode("utf-8")},
                request.author,
                messages.compose(request.rationale, trailers),
                also_clean={path: request.text.encode("utf-8")},
            )
        if commit is not None:
            return _saved(repository, versions, prepared, head, commit)
    raise WorkspaceBusy(f"could not save {pathway.id}: the branch kept moving (a git command running?)")


class _Saver:
    """One save: what to commit on top of a given head, with what it parsed kept for a retry."""

    def __init__(
        self,
        repository: Repository,
        versions: Versions,
        request: SaveRequest,
        ours: Pathway,
        findings: list[Finding],
        base: str | None,
        config: RuleConfig | None,
    ) -> None:
        self.repository = repository
        self.versions = versions
        self.request = request
        self.ours = ours
        self.text = dump(ours)
        self.findings = findings
        self.base = base
        self.config = config
        self.path = pathway_path(ours.id)
        self._parsed: dict[bytes, Pathway] = {}

    def prepare(self, head: str | None) -> _Commit | SaveResult:
        """What to commit on top of `head`, or the result if there is nothing (or nothing allowed)."""
        ours, text, branch = self.ours, self.text, self.repository.branch
        current = branch.read(head, self.path)
        latest = self.versions.latest(ours.id, head)
        if current is not None and current == text.encode("utf-8"):
            label = latest.label if latest else "the latest version"
            return SaveResult("unchanged", f"{ours.id} is unchanged: still {label}", latest, text=text)
        base_text = branch.read(self.base, self.path) if self.base else None
        if current is None and base_text is None:
            return _Commit("saved", ours, text, self.findings, [], None, None)
        if current is None:
            return SaveResult(
                "refused", f"{ours.id} was removed after the version this edit started from", latest=latest
            )
        assert latest is not None
        if base_text is None:
            return SaveResult(
                "refused",
                f"{ours.id} already exists ({latest.label}): save with the version your edit started "
                "from as its base",
                latest=latest,
            )
        if base_text == current:
            return _Commit("saved", ours, text, self.findings, [], latest, None)
        return self.merge(base_text, current, latest)

    def merge(self, base_text: bytes, current: bytes, latest: Version) -> _Commit | SaveResult:
        """A stale save: merge it with what was saved since, field by field."""
        try:
            base_pathway = self._parse(base_text)
            theirs = self._parse(current)
        except PathwayError as exc:
            return SaveResult(
                "refused",
                f"cannot merge with {latest.label}: a version cannot be read ({_count(exc.findings)})",
                findings=exc.findings,
                latest=latest,
            )
        merged = merge_pathways(base_pathway, self.ours, theirs)
        pathway = merged.pathway
        if pathway is None and self.request.choices:
            with contextlib.suppress(UnresolvedConflicts):
                pathway = resolve(base_pathway, self.ours, theirs, dict(self.request.choices))
        if pathway is None:
            n = len(merged.conflicts)
            return SaveResult(
                "conflict",
                f"{n} conflict{'s' if n != 1 else ''} with {latest.label} ({latest.who()}: "
                f"{latest.summary}); nothing was saved: choose a side for each",
                conflicts=merged.conflicts,
                latest=latest,
            )
        findings = validate(pathway, self.config, file=self.path)
        if blocks_saving(pathway, findings):
            return SaveResult(
                "refused",
                f"merging with {latest.label} gives a pathway with {_count(findings)}: nothing was saved",
                findings=findings,
                latest=latest,
            )
        text = dump(pathway)
        if text.encode("utf-8") == current:
            return SaveResult(
                "unchanged", f"{self.ours.id}: these changes are already in {latest.label}", latest,
                latest=latest,
            )
        trailers = [(messages.BASE, str(self.base)), (messages.MERGED_WITH, latest.commit)]
        return _Commit("merged", pathway, text, findings, trailers, latest, theirs)

    def _parse(self, data: bytes) -> Pathway:
        if data not in self._parsed:
            self._parsed[data] = load_bytes(data, self.path)
        return self._parsed[data]


def _saved(
    repository: Repository,
    versions: Versions,
    prepared: _Commit,
    head: str | None,
    commit: str,
) -> SaveResult:
    pathway = prepared.pathway
    version = versions.latest(pathway.id, commit)
    assert version is not None and version.commit == commit
    _remember_changes(repository, prepared, head)
    if prepared.status == "merged" and prepared.latest:
        message = f"saved {version.label} of {pathway.id}, merged with {prepared.latest.label}"
    else:
        message = f"saved {version.label} of {pathway.id}"
    errors = sum(1 for f in prepared.findings if f.severity.value == "error")
    if errors:
        message += f" as a draft with {errors} error{'s' if errors != 1 else ''}"
    return SaveResult(
        prepared.status,
        message,
        version,
        findings=prepared.findings,
        latest=prepared.latest,
        text=prepared.text,
    )


def _remember_changes(repository: Repository, prepared: _Commit, head: str | None) -> None:
    """Keep this version's semantic diff when it costs no parse: for a new pathway, and after a
    merge (the newer version is parsed already). Other diffs are worked out by blame, once."""
    path = pathway_path(prepared.pathway.id)
    old_blob = repository.branch.blob_id(head, path)
    if prepared.previous is not None:
        changes = diff_pathways(prepared.previous, prepared.pathway)
    elif old_blob is None:
        changes = changes_between(None, prepared.pathway)
    else:
        return
    new_blob = blob_id(prepared.text.encode("utf-8")).decode("ascii")
    repository.changes.put(old_blob.decode("ascii") if old_blob else None, new_blob, changes)


def _config(repository: Repository) -> RuleConfig | None:
    """The workspace's rule configuration (a `pathway-designer.yaml` at its root, if any)."""
    repository.worktree.file(CONFIG_NAME)  # a committed link to a config elsewhere is refused
    return config_for(repository.worktree.file(f"{PATHWAYS}/pathway.yaml"))


def _count(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    parts = [f"{errors} error{'s' if errors != 1 else ''}"]
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts)
