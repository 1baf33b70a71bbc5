"""An unsaved draft and the versions others save meanwhile: what their version changed, bringing it
into the draft (merged by meaning, so the person's unsaved changes are kept), and settling the true
conflicts with a side chosen for each.

The draft and the versions are canonical texts, as the app keeps them. Nothing here is saved: the
result is the draft's new text, which the person saves when ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..changes.diff import diff_pathways
from ..changes.merge import Conflict, Side, merge_pathways, resolve
from ..changes.words import _Names, changes_in_words
from ..format.canonical import dump
from ..format.loading import PathwayError, load_text
from ..model import Pathway
from ..words import FIELD_WORDS
from .editing import EditError

ConflictId = tuple[str, str, str | None]
Choices = dict[ConflictId, Side]


@dataclass(frozen=True)
class BroughtIn:
    """Others' version brought into a draft: the draft's new text, or the conflicts to settle first.

    `kept_mine` says whether the draft had unsaved changes that were merged with theirs (rather
    than the draft simply becoming their version).
    """

    text: str | None  # None while conflicts are unsettled
    conflicts: list[Conflict] = field(default_factory=list)
    kept_mine: bool = False


def bring_in(base_text: str, draft_text: str, theirs_text: str) -> BroughtIn:
    """Bring a newer version (`theirs_text`) into a draft made from `base_text`.

    With no unsaved changes (or no base, for a pathway not saved before), the draft becomes their
    version. Otherwise the two are merged by meaning; true conflicts come back to be settled with
    `settle`. `EditError` when the draft cannot be read, so it cannot be merged.
    """
    if not base_text or draft_text == base_text:
        return BroughtIn(theirs_text)
    base, ours, theirs = _sides(base_text, draft_text, theirs_text)
    merged = merge_pathways(base, ours, theirs)
    if merged.pathway is None:
        return BroughtIn(None, merged.conflicts, kept_mine=True)
    return BroughtIn(dump(merged.pathway), kept_mine=True)


def settle(base_text: str, draft_text: str, theirs_text: str, choices: Choices) -> str:
    """The draft with their version brought in and each conflict settled by the side chosen.

    Raises `merge.UnresolvedConflicts` (a ValueError) when a conflict has no choice.
    """
    return dump(resolve(*_sides(base_text, draft_text, theirs_text), choices))


def changes_since(base_text: str, theirs_text: str) -> list[str]:
    """What a newer version changed since the draft's base, in words (step labels, organisation
    names), for the announcement of someone else's save."""
    try:
        theirs = load_text(theirs_text)
        base = load_text(base_text) if base_text else None
    except PathwayError:
        return ["(a version cannot be read, so its changes cannot be listed)"]
    if base is None:
        return ["A new pathway."]
    told = changes_in_words(diff_pathways(base, theirs), base, theirs)
    return told or ["Nothing that changes the pathway."]


def choose(conflicts: Sequence[Conflict], picks: Sequence[object]) -> Choices:
    """The choices for `settle` from what a person picked for each conflict, in order: "theirs"
    takes theirs; anything else (including no pick yet) keeps the draft's."""
    return {c.id: "theirs" if pick == "theirs" else "ours" for c, pick in zip(conflicts, picks, strict=True)}


@dataclass(frozen=True)
class ConflictInWords:
    """One true conflict as the app shows it: what it is about and the three values, in words."""

    subject: str  # "the step 'Triage'"
    what: str  # "wait to start"; empty when the whole item was added or removed
    yours: str
    theirs: str
    before: str


def conflicts_in_words(
    conflicts: Sequence[Conflict], base_text: str, draft_text: str, theirs_text: str
) -> list[ConflictInWords]:
    """Each conflict named by step labels and organisation names, its values in words."""
    # named as the person's own draft names them (their label wins over theirs and the base)
    sides = [p for p in _readable(base_text, theirs_text, draft_text) if p is not None]
    names = _Names(sides[0], sides[-1]) if sides else None
    told = []
    for c in conflicts:
        if names is None:
            told.append(ConflictInWords(c.key, c.field or "", str(c.ours), str(c.theirs), str(c.base)))
            continue
        told.append(ConflictInWords(
            names.item(c.section, c.key)[0:1].upper() + names.item(c.section, c.key)[1:],
            FIELD_WORDS.get(c.field, c.field.replace("-", " ")) if c.field else "",
            *(_value_words(names, c.field, v) for v in (c.ours, c.theirs, c.base)),
        ))
    return told


def kept_words(conflicts: Sequence[Conflict], choices: Choices) -> str:
    """What a settled merge kept, truthfully: how many of the shared changes are whose."""
    theirs = sum(1 for c in conflicts if choices.get(c.id) == "theirs")
    mine = len(conflicts) - theirs
    if theirs == 0:
        shared = f"yours is kept for {'the' if mine == 1 else 'all ' + str(mine)} " + (
            "thing you both changed" if mine == 1 else "things you both changed")
    elif mine == 0:
        shared = f"theirs is taken for {'the' if theirs == 1 else 'all ' + str(theirs)} " + (
            "thing you both changed" if theirs == 1 else "things you both changed")
    else:
        shared = (f"of the {len(conflicts)} things you both changed, yours is kept for {mine} "
                  f"and theirs is taken for {theirs}")
    return f"{shared[0].upper()}{shared[1:]}; everything else either of you changed is kept."


def _value_words(names: _Names, field_name: str | None, value: object) -> str:
    if value is None:
        return "(not there)"
    if isinstance(value, dict):  # a whole item, added or removed on one side
        parts = [f"{FIELD_WORDS.get(k, k)} {names.value(k, v)}" for k, v in value.items() if k != "id"]
        return "; ".join(parts) or "(there)"
    return names.value(field_name, value)


def _readable(*texts: str) -> list[Pathway | None]:
    out: list[Pathway | None] = []
    for text in texts:
        try:
            out.append(load_text(text) if text else None)
        except PathwayError:
            out.append(None)
    return out


def _sides(base_text: str, draft_text: str, theirs_text: str) -> tuple[Pathway, Pathway, Pathway]:
    try:
        ours = load_text(draft_text)
    except PathwayError as exc:
        raise EditError(
            "Fix the YAML first: your draft cannot be read, so it cannot be merged.", exc.findings
        ) from None
    return load_text(base_text), ours, load_text(theirs_text)
