"""Bringing the base's changes into a local pathway, and pinning the version a pathway adapts.

The bring-in is the semantic three-way merge of the base then (the version adapted), the local
pathway now ("ours") and the base now ("theirs"): what only the base changed comes in, what only the
local partners changed stays, and where both changed the same field (or one removed what the other
changed) it is a conflict for the partners to choose, never overwritten. A clean merge is saved as a
new local version with the reason, an `Upstream: <base>@<commit>` trailer, and `based-on` moved on
to the base's latest version; with conflicts nothing is saved until `choices` settle them ("ours"
keeps the local value, "theirs" takes the base's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..changes.merge import Conflict, resolve
from ..store import Author, SaveResult, StoreError, Workspace
from ..store.messages import UPSTREAM
from ..store.saving import Choices
from .base import BaseRef, base_at, latest_base, save_local
from .upstream import Upstream, as_local, upstream

BringInStatus = Literal["brought-in", "up-to-date", "conflict", "refused"]


class VersionUnknown(StoreError):
    """The pathway's `based-on` names no version: pin one first."""


@dataclass
class BringIn:
    """What became of a bring-in: saved, nothing to bring, or the conflicts to choose."""

    status: BringInStatus
    upstream: Upstream
    saved: SaveResult | None = None
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("brought-in", "up-to-date")


def unknown_message(up: Upstream) -> str:
    """How to go on when the version adapted is unknown."""
    return (
        f"{up.local.id} names its base {up.base} without the version it adapted, so what changed "
        f"since is unknown: pin the version adapted with `pathway-designer upstream {up.local.id} "
        "--pin VERSION` (a version of the base: v3, a date, a commit"
        + (f"; {up.guess[:12]} was in force when {up.local.id} was first saved" if up.guess else "")
        + "), or `--pin latest` if it already has everything of the base's latest version"
    )


def bring_in(
    ws: Workspace,
    pathway_id: str,
    *,
    who: Author,
    rationale: str | None = None,
    choices: Choices | None = None,
) -> BringIn:
    """Merge the base's changes into the local pathway's latest version, and save the result."""
    latest = ws.latest(pathway_id)
    if latest is None:
        raise StoreError(f"no pathway '{pathway_id}' has been saved in this workspace")
    up = upstream(ws, pathway_id)
    if up.unknown:
        raise VersionUnknown(unknown_message(up))
    if up.up_to_date:
        return BringIn("up-to-date", up)
    if up.conflicts and not all(c.id in (choices or {}) for c in up.conflicts):
        return BringIn("conflict", up, conflicts=up.conflicts)
    assert up.base_then is not None
    before, after = as_local(up.base_then, up.local), as_local(up.base_now, up.local)
    merged = resolve(before, up.local, after, dict(choices or {}))
    merged.based_on = up.base.recorded(up.now)
    why = rationale or f"Brought in the changes of “{up.base_now.title}” since the version adapted"
    saved = save_local(ws, merged, who, why, latest.commit, [(UPSTREAM, f"{up.base.pathway}@{up.now}")])
    return BringIn("brought-in" if saved.ok else "refused", up, saved, saved.conflicts)


def pin(
    ws: Workspace, pathway_id: str, version: str, *, who: Author, rationale: str | None = None
) -> SaveResult:
    """Record in `based-on` which version of the base the local pathway adapts (`latest`: the
    base's latest), saved as a new local version."""
    latest = ws.latest(pathway_id)
    if latest is None:
        raise StoreError(f"no pathway '{pathway_id}' has been saved in this workspace")
    local = ws.pathway(pathway_id, latest.commit)
    ref = BaseRef.of(local)
    commit, base = latest_base(ws, ref) if version.strip().lower() == "latest" else base_at(ws, ref, version)
    local.based_on = ref.recorded(commit)
    why = rationale or f"Recorded the version of “{base.title}” this pathway adapts"
    return save_local(ws, local, who, why, latest.commit)
