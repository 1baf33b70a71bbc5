"""The semantic three-way merge of two versions of a pathway made from the same base.

Several people edit a pathway in the same workshop; a save based on an old version is merged with
what was saved since, by meaning rather than by line:

- Items are matched as in the diff (steps, organisations, outcomes by id; transitions by "from -> to"
  with repeats numbered; involvement by date and who; sign-offs by organisation and name).
- Field by field: a field changed on one side takes that side; changed the same way on both is fine;
  changed differently on both is a `Conflict` for that field. The pathway's own fields, and the
  fields of its `review` and `context`, merge the same way (`review.due`).
- An item added on one side is kept, after the item that precedes it on that side. Added on both
  sides: kept once, its fields merged as if from nothing (so differing values conflict).
- Removed on one side and unchanged on the other: removed. Removed on one side and changed on the
  other: a `Conflict` for the whole item (`field` None), so nothing is lost silently.
- List fields (partners, barriers, measures) changed on both sides merge as ordered sets: additions
  from both, removals from both. It is a `Conflict` only when one side emptied or wholly replaced a
  non-empty list, or both sides reordered it differently: then no merge can honour both.
- Order: when one side reordered a section, its order is kept; when both reordered it differently,
  the base order is kept (order carries no meaning in the format). Items added by both sides at the
  same place are ordered by key, so the merge is the same whichever side is "ours".
- If the two sides' removals together leave no step (or no organisation), that is a `Conflict` for
  the section (key "", field None): the format needs at least one.

The result is validated again through the model. `resolve` applies a person's choice of side for
each conflict, for the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Pathway, without_empty
from .diff import (
    NESTED,
    PATHWAY,
    SECTIONS,
    Data,
    describe_item,
    field_names,
    keyed_items,
    keyed_like,
    numbered,
    pathway_data,
    show,
)

Side = Literal["ours", "theirs"]

# Sections the format requires to have at least one item.
_REQUIRED = ("organisations", "steps")


@dataclass(frozen=True)
class Conflict:
    """A change the two sides made differently; the values are as in the diff (None = absent)."""

    section: str
    key: str
    field: str | None
    base: Any
    ours: Any
    theirs: Any

    @property
    def id(self) -> tuple[str, str, str | None]:
        """What `resolve` takes a choice for."""
        return (self.section, self.key, self.field)

    def describe(self) -> str:
        subject = describe_item(self.section, self.key)
        if self.field is not None:
            return (
                f"{subject}: {self.field} changed on both sides: ours {show(self.ours)}, "
                f"theirs {show(self.theirs)} (was {show(self.base)})"
            )
        if not self.key and self.section in _REQUIRED:
            return f"{subject}: the removals on both sides together leave none; the format needs one"
        if self.ours is None:
            return f"{subject}: removed by ours but changed by theirs"
        if self.theirs is None:
            return f"{subject}: changed by ours but removed by theirs"
        # Other conflicts (the store makes some about whole files): show both sides.
        return f"{subject}: the two sides disagree: ours {show(self.ours)}, theirs {show(self.theirs)}"


@dataclass
class MergeResult:
    pathway: Pathway | None  # None when there are conflicts
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


class UnresolvedConflicts(ValueError):
    """`resolve` was given no choice for some conflicts."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__("no choice for: " + "; ".join(c.describe() for c in conflicts))
        self.conflicts = conflicts


def merge_pathways(base: Pathway, ours: Pathway, theirs: Pathway) -> MergeResult:
    """Merge `ours` and `theirs`, both made from `base`; conflicts leave `pathway` None."""
    merger = _Merger({})
    data = merger.merge(pathway_data(base), pathway_data(ours), pathway_data(theirs))
    if merger.conflicts:
        return MergeResult(None, merger.conflicts)
    return MergeResult(_build(data, base, ours, theirs), [])


def resolve(
    base: Pathway,
    ours: Pathway,
    theirs: Pathway,
    choices: dict[tuple[str, str, str | None], Literal["ours", "theirs"]],
) -> Pathway:
    """The merge with each conflict settled by the side chosen for (section, key, field).

    Raises `UnresolvedConflicts` (a ValueError) when a conflict has no choice.
    """
    merger = _Merger(choices)
    data = merger.merge(pathway_data(base), pathway_data(ours), pathway_data(theirs))
    if merger.conflicts:
        raise UnresolvedConflicts(merger.conflicts)
    return _build(data, base, ours, theirs)


def _build(data: Data, base: Pathway, ours: Pathway, theirs: Pathway) -> Pathway:
    merged = Pathway.model_validate(data)
    # Keep the leading comment (the schema link) a side changed, as for any field.
    header = theirs.header if ours.header == base.header else ours.header
    merged.attach_source(None, None, header)
    return merged


class _Merger:
    """One merge: settles conflicts from the choices given, and records those it cannot."""

    def __init__(self, choices: Mapping[tuple[str, str, str | None], Side]) -> None:
        self.choices = choices
        self.conflicts: list[Conflict] = []

    def settle(self, conflict: Conflict) -> Side:
        choice = self.choices.get(conflict.id)
        if choice is None:
            self.conflicts.append(conflict)
            return "ours"  # a placeholder: a merge with conflicts gives no pathway
        return choice

    def merge(self, base: Data, ours: Data, theirs: Data) -> Data:
        merged: Data = {}
        for name in base:
            if name in SECTIONS:
                merged[name] = self.section(name, base[name], ours[name], theirs[name])
            elif name in NESTED:
                merged[name] = self.nested(name, base[name], ours[name], theirs[name])
            else:
                merged[name] = self.value(PATHWAY, "", name, base[name], ours[name], theirs[name])
        return merged

    def value(self, section: str, key: str, name: str, base: Any, ours: Any, theirs: Any) -> Any:
        """One field, three ways."""
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        if isinstance(ours, list) and isinstance(theirs, list):
            merged = merge_lists(base or [], ours, theirs)
            if merged is not None:
                return merged
        conflict = Conflict(section, key, name, base, ours, theirs)
        return ours if self.settle(conflict) == "ours" else theirs

    def nested(self, name: str, base: Data | None, ours: Data | None, theirs: Data | None) -> Any:
        """`review` or `context`: whole when one side left it alone, else field by field."""
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        b, o, t = base or {}, ours or {}, theirs or {}
        return {
            sub: self.value(PATHWAY, "", f"{name}.{sub}", b.get(sub), o.get(sub), t.get(sub))
            for sub in field_names(NESTED[name])
        }

    def section(self, section: str, base: list[Data], ours: list[Data], theirs: list[Data]) -> list[Data]:
        b = keyed_items(section, base)
        o, t = keyed_like(section, b, ours), keyed_like(section, b, theirs)
        items: dict[str, Data] = {}
        for key in _union(b, o, t):
            item = self.item(section, key, b.get(key), o.get(key), t.get(key))
            if item is not None:
                items[key] = item
        order, _ = merged_order(list(b), list(o), list(t), set(items))
        merged = [items[key] for key in order]
        if section in _REQUIRED and not merged:
            conflict = Conflict(section, "", None, list(b), list(o), list(t))
            return ours if self.settle(conflict) == "ours" else theirs
        return merged

    def item(
        self, section: str, key: str, base: Data | None, ours: Data | None, theirs: Data | None
    ) -> Data | None:
        """One item, three ways; None when it is gone."""
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        if ours is not None and theirs is not None:
            b = base or {}
            return {
                name: self.value(section, key, name, b.get(name), ours[name], theirs[name]) for name in ours
            }
        if base is None:  # added on one side only
            return ours if ours is not None else theirs
        # Removed on one side, changed on the other.
        sides = (without_empty(side) for side in (base, ours, theirs))
        conflict = Conflict(section, key, None, *sides)
        return ours if self.settle(conflict) == "ours" else theirs


def _union(*keyed: dict[str, Data]) -> list[str]:
    return list(dict.fromkeys(key for items in keyed for key in items))


def merge_lists(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any] | None:
    """Two changes of a list as ordered sets; None when they cannot both be honoured."""
    if base and not (_overlaps(base, ours) and _overlaps(base, theirs)):
        return None  # a side emptied or wholly replaced it
    keys = [numbered(_element_key(v) for v in values) for values in (base, ours, theirs)]
    b, o, t = keys
    values = {
        k: v
        for side, elements in zip(keys, (base, ours, theirs), strict=True)
        for k, v in zip(side, elements, strict=True)
    }
    in_base = set(b)
    present = (in_base & set(o) & set(t)) | (set(o) - in_base) | (set(t) - in_base)
    order, reordered_both = merged_order(b, o, t, present)
    return None if reordered_both else [values[k] for k in order]


def _overlaps(base: list[Any], side: list[Any]) -> bool:
    return any(v in base for v in side)


def _element_key(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


def merged_order(
    base: list[str], ours: list[str], theirs: list[str], present: set[str]
) -> tuple[list[str], bool]:
    """The order of the merged keys in `present`, and whether both sides reordered differently.

    The items on all three sides keep the order of the side that moved them (base order if both
    did, differently); every other key follows the key that precedes it on its side. Runs both
    sides put at the same place are ordered by their keys, so swapping the sides changes nothing.
    """
    common = set(base) & set(ours) & set(theirs)
    b, o, t = ([k for k in keys if k in common] for keys in (base, ours, theirs))
    if o == b:
        spine, reordered_both = t, False
    elif t in (b, o):
        spine, reordered_both = o, False
    else:
        spine, reordered_both = b, True
    runs_ours, runs_theirs = _runs(ours, common, present), _runs(theirs, common, present)
    order: list[str] = []
    seen: set[str] = set()
    for anchor in [None, *spine]:
        if anchor is not None:
            order.append(anchor)
            seen.add(anchor)
        first, second = sorted((runs_ours.get(anchor, []), runs_theirs.get(anchor, [])))
        for key in first + second:
            if key not in seen:
                order.append(key)
                seen.add(key)
    return order, reordered_both


def _runs(keys: list[str], spine: set[str], present: set[str]) -> dict[str | None, list[str]]:
    """The keys off the spine, grouped after the spine key that precedes them (None: the start)."""
    runs: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in keys:
        if key in spine:
            anchor = key
        elif key in present:
            runs.setdefault(anchor, []).append(key)
    return runs
