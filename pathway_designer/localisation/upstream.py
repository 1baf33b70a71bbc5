"""What changed in the base since the version a local pathway adapted, by meaning.

The base then (the version recorded in `based-on`) and the base now (its latest version) are
compared with the semantic diff. Each change is marked by what the local pathway did with the part it
touches, comparing that part in the base then with the local pathway now: kept as it was, changed,
removed, or (for a part the base added) added locally too, or new. A change that meets a local
adaptation of the same field is one the three-way merge cannot settle: `meets` says so before any
bring-in is tried.

The base's own agreement is not the local partners': its id, title, status, review dates, sign-offs
and `based-on` never count as upstream changes (the local pathway keeps its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..changes.diff import (
    PATHWAY,
    SECTIONS,
    Change,
    Data,
    diff_pathways,
    keyed_items,
    keyed_like,
    pathway_data,
    plain_key,
    top_fields,
)
from ..changes.merge import Conflict, merge_pathways
from ..model import Pathway
from ..store import StoreError, Workspace
from .base import BaseRef, base_at, latest_base

LocalState = Literal["kept", "changed", "removed", "added", "new"]

# The local partners' own: never brought in from the base.
OWN = {"id": "id", "title": "title", "status": "status", "based_on": "based-on", "review": "review",
       "signoffs": "signoffs"}  # fmt: skip


def as_local(base: Pathway, local: Pathway) -> Pathway:
    """The base with the local pathway's own fields (id, title, status, review, sign-offs, based-on),
    so that neither a diff nor a merge of the two ever counts those."""
    copy = base.model_copy(update={name: getattr(local, name) for name in OWN})
    copy.attach_source(None, None, local.header)
    return copy


@dataclass(frozen=True)
class UpstreamChange:
    """One change of the base, and what the local pathway did with the part it touches."""

    change: Change
    local: LocalState
    steps: tuple[str, ...]  # ids of the steps it touches (a step, or a transition's two ends)
    meets: bool  # it meets a local adaptation: bringing it in needs the partners' choice


@dataclass
class Upstream:
    """The base's changes since the version adapted; `then` None when that version is unknown."""

    local: Pathway
    base: BaseRef
    now: str
    base_now: Pathway
    then: str | None = None
    base_then: Pathway | None = None
    changes: list[UpstreamChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    guess: str | None = None  # when unknown: the base's version in force when the local began

    @property
    def unknown(self) -> bool:
        return self.then is None

    @property
    def up_to_date(self) -> bool:
        return not self.unknown and not self.changes

    def count(self, state: LocalState) -> int:
        return sum(c.local == state for c in self.changes)


def upstream(ws: Workspace, pathway_id: str, local: Pathway | None = None) -> Upstream:
    """The base's changes for a local pathway (its latest version, or `local`, a draft of it)."""
    local = local if local is not None else ws.pathway(pathway_id)
    ref = BaseRef.of(local)
    now, base_now = latest_base(ws, ref)
    if local.base_version is None:
        return Upstream(local, ref, now, base_now, guess=_guess(ws, ref, pathway_id))
    then, base_then = base_at(ws, ref, local.base_version)
    return compared(local, ref, (then, base_then), (now, base_now))


def compared(
    local: Pathway, ref: BaseRef, then: tuple[str, Pathway], now: tuple[str, Pathway]
) -> Upstream:
    """The base's changes from `then` to `now` (commit, pathway), marked against `local`."""
    before, after = as_local(then[1], local), as_local(now[1], local)
    changes = diff_pathways(before, after)
    conflicts = merge_pathways(before, local, after).conflicts if changes else []
    marked = _Marker(before, local, conflicts)
    return Upstream(
        local, ref, now[0], now[1], then[0], then[1], [marked.mark(c) for c in changes], conflicts
    )


class _Marker:
    def __init__(self, then: Pathway, local: Pathway, conflicts: list[Conflict]) -> None:
        self.then, self.local = pathway_data(then), pathway_data(local)
        self.items = {s: keyed_items(s, self.then[s]) for s in SECTIONS}
        self.mine = {s: keyed_like(s, self.items[s], self.local[s]) for s in SECTIONS}
        self.conflicts = conflicts

    def mark(self, change: Change) -> UpstreamChange:
        return UpstreamChange(change, self.state(change), _steps(change), self.meets(change))

    def state(self, change: Change) -> LocalState:
        if change.section == PATHWAY:
            name = change.field or ""
            return "kept" if _top(self.then, name) == _top(self.local, name) else "changed"
        before = self.items[change.section].get(change.key)
        mine = self.mine[change.section].get(change.key)
        if before is None:
            return "added" if mine is not None else "new"
        if mine is None:
            return "removed"
        return "kept" if before == mine else "changed"

    def meets(self, change: Change) -> bool:
        return any(
            c.section == change.section
            and (not c.key or c.key == change.key)
            and (c.field is None or change.field is None or c.field == change.field)
            for c in self.conflicts
        )


def _top(data: Data, name: str) -> Any:
    fields = top_fields(data)
    return fields[name] if name in fields else data.get(name)


def _steps(change: Change) -> tuple[str, ...]:
    key = plain_key(change.key)
    if change.section == "steps":
        return (key,)
    if change.section == "transitions":
        source, _, target = key.partition(" -> ")
        return (source, target)
    return ()


def _guess(ws: Workspace, ref: BaseRef, pathway_id: str) -> str | None:
    """The base's version in force when the local pathway was first saved (a base of this
    workspace only): the likely one adapted, for the person to confirm with a pin."""
    if ref.repository is not None:
        return None
    try:
        first = ws.history(pathway_id)[-1]
        return ws.version(ref.pathway, first.date.isoformat()).commit
    except (StoreError, LookupError, ValueError):
        return None
