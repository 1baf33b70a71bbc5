"""The semantic diff of two pathways: what a change means to the people reviewing it.

Items are matched by who they are, not where they sit: organisations, steps and outcomes by id;
transitions by their "from -> to" pair; involvement by date and who; sign-offs by organisation and
name. A repeated identity (a second transition between the same two steps, or a duplicate id that the
validator reports anyway) gets " #2", " #3", ... so that every item still has exactly one key.

Fields are compared one by one, with their names as written in files (`based-on`). The nested
`review` and `context` of the pathway are compared field by field too (`review.due`), so a change of
the review date reads as that and not as "review changed".

Order is not meaning in the format, so an item moved without being changed is not a change here (the
canonical text still shows the move). Values are the JSON form of the model
(`model_dump(mode="json", by_alias=True)`), so a diff can be stored, sent and compared as plain data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ..model import Context, Pathway, Review, without_empty

Action = Literal["added", "removed", "changed"]
Data = dict[str, Any]

PATHWAY = "pathway"
SECTIONS: tuple[str, ...] = (
    "organisations",
    "steps",
    "transitions",
    "outcomes",
    "involvement",
    "scenarios",
    "signoffs",
)
NESTED: dict[str, type[BaseModel]] = {"review": Review, "context": Context}

_NOUNS = {
    PATHWAY: "pathway",
    "organisations": "organisation",
    "steps": "step",
    "transitions": "transition",
    "outcomes": "outcome",
    "involvement": "involvement",
    "scenarios": "scenario",
    "signoffs": "sign-off",
}
# The field that says in words what an added or removed item is.
_TITLE_FIELDS = {
    "organisations": "name",
    "steps": "label",
    "transitions": "when",
    "outcomes": "measure",
    "involvement": "how",
    "scenarios": "why",
    "signoffs": "role",
}


@dataclass(frozen=True)
class Change:
    """One change between two versions of a pathway."""

    action: Action
    section: str
    key: str
    field: str | None
    old: Any
    new: Any

    def describe(self) -> str:
        """The change in plain words: "step 'triage': owner changed from 'trust' to 'mind'"."""
        subject = describe_item(self.section, self.key)
        if self.action == "changed":
            return f"{subject}: {self.field} {describe_value_change(self.old, self.new)}"
        item = self.new if self.action == "added" else self.old
        title = item.get(_TITLE_FIELDS.get(self.section, "")) if isinstance(item, dict) else None
        return f"{subject} {self.action}" + (f": {show(title)}" if title else "")


def describe_item(section: str, key: str) -> str:
    """How people refer to an item: "step 'triage'", or "pathway" for its top-level fields."""
    noun = _NOUNS.get(section, section)
    return f"{noun} '{key}'" if key else noun


def show(value: Any) -> str:
    """A value as a reader sees it: text in quotes, lists in brackets, nothing as "nothing"."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return str(value)


def describe_value_change(old: Any, new: Any) -> str:
    """A field's change in words: lists by what was added and removed, others from/to."""
    if isinstance(old, list) and isinstance(new, list):
        return _describe_list_change(old, new)
    if old is None:
        return f"set to {show(new)}"
    if new is None:
        return f"cleared (was {show(old)})"
    return f"changed from {show(old)} to {show(new)}"


def _describe_list_change(old: list[Any], new: list[Any]) -> str:
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    parts = []
    if added:
        parts.append("added " + ", ".join(show(v) for v in added))
    if removed:
        parts.append("removed " + ", ".join(show(v) for v in removed))
    return "; ".join(parts) if parts else f"reordered from {show(old)} to {show(new)}"


# Keys -------------------------------------------------------------------------------------------


# What makes an item itself, written as people name it; every other section is keyed by its id.
_IDENTITIES = {
    "transitions": "{from} -> {to}",
    "involvement": "{date}: {who}",
    "signoffs": "{organisation}: {name}",
    "scenarios": "{name}",
}


def natural_key(section: str, item: Data) -> str:
    """An item's identity in its section, before repeats are numbered."""
    return _IDENTITIES.get(section, "{id}").format_map(item)


def numbered(names: Iterable[str]) -> list[str]:
    """Names made unique by numbering repeats in order: a, a #2, a #3."""
    seen: dict[str, int] = {}
    keys = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return keys


def plain_key(key: str) -> str:
    """A key without its repeat number: 'a -> b #2' is 'a -> b'."""
    head, sep, tail = key.rpartition(" #")
    return head if sep and tail.isdigit() else key


def keyed_items(section: str, items: list[Data]) -> dict[str, Data]:
    """A section's items by key, in file order."""
    keys = numbered(natural_key(section, item) for item in items)
    return dict(zip(keys, items, strict=True))


def keyed_like(section: str, reference: dict[str, Data], items: list[Data]) -> dict[str, Data]:
    """`items` by key, numbering repeats so that an item equal to one in `reference` gets its key.

    With plain numbering in file order, two sign-offs by the same person that merely swap places
    would read as both changed; pairing equal items first keeps "order is not meaning" true for
    repeats too. Unequal repeats then pair in order, and any left over get the next numbers.
    """
    free: dict[str, list[str]] = {}
    for key, item in reference.items():
        free.setdefault(natural_key(section, item), []).append(key)
    names = [natural_key(section, item) for item in items]
    keys: list[str | None] = [None] * len(items)
    for i, (name, item) in enumerate(zip(names, items, strict=True)):
        match = next((k for k in free.get(name, []) if reference[k] == item), None)
        if match is not None:
            keys[i] = match
            free[name].remove(match)
    taken = set(reference)
    for i, name in enumerate(names):
        if keys[i] is not None:
            continue
        if free.get(name):
            keys[i] = free[name].pop(0)
            continue
        number = 1
        while (candidate := name if number == 1 else f"{name} #{number}") in taken:
            number += 1
        taken.add(candidate)
        keys[i] = candidate
    return {key: item for key, item in zip(keys, items, strict=True) if key is not None}


def pathway_data(pathway: Pathway) -> Data:
    """The pathway as JSON data with every field present (None and [] included)."""
    return pathway.model_dump(mode="json", by_alias=True)


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def top_fields(data: Data) -> dict[str, Any]:
    """The pathway's own fields, with `review` and `context` spread out as `review.due`, ..."""
    fields: dict[str, Any] = {}
    for name, value in data.items():
        if name in SECTIONS:
            continue
        if name in NESTED:
            inner = value or {}
            for sub in field_names(NESTED[name]):
                fields[f"{name}.{sub}"] = inner.get(sub)
        else:
            fields[name] = value
    return fields


# The diff ---------------------------------------------------------------------------------------


def diff_pathways(old: Pathway, new: Pathway) -> list[Change]:
    """Every change from `old` to `new`: pathway fields first, then each section in file order."""
    old_data, new_data = pathway_data(old), pathway_data(new)
    changes = list(_diff_top(old_data, new_data))
    for section in SECTIONS:
        changes.extend(
            diff_section(section, before := keyed_items(section, old_data[section]),
                         keyed_like(section, before, new_data[section]))
        )
    return changes


def _diff_top(old: Data, new: Data) -> Iterator[Change]:
    old_fields, new_fields = top_fields(old), top_fields(new)
    for name, before in old_fields.items():
        after = new_fields[name]
        if before != after:
            yield Change("changed", PATHWAY, "", name, before, after)
    for name in NESTED:
        # `review: {}` and no review read the same field by field; still say that it changed.
        spread_equal = all(old_fields[k] == new_fields[k] for k in old_fields if k.startswith(name + "."))
        if spread_equal and old[name] != new[name]:
            yield Change("changed", PATHWAY, "", name, old[name], new[name])


def diff_section(section: str, old: dict[str, Data], new: dict[str, Data]) -> Iterator[Change]:
    """Changes to one section's items, in file order (a removed item where it used to be)."""
    for key in file_order(list(old), list(new)):
        before, after = old.get(key), new.get(key)
        if before is None:
            yield Change("added", section, key, None, None, without_empty(after))
        elif after is None:
            yield Change("removed", section, key, None, without_empty(before), None)
        else:
            yield from diff_item(section, key, before, after)


def diff_item(section: str, key: str, old: Data, new: Data) -> Iterator[Change]:
    for name, before in old.items():
        after = new.get(name)
        if before != after:
            yield Change("changed", section, key, name, before, after)


def file_order(old: list[str], new: list[str]) -> list[str]:
    """The new keys in order, each removed key placed after the key that preceded it before."""
    kept = set(new)
    removed_after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in old:
        if key in kept:
            anchor = key
        else:
            removed_after.setdefault(anchor, []).append(key)
    order = list(removed_after.get(None, []))
    for key in new:
        order.append(key)
        order.extend(removed_after.get(key, []))
    return order


# For the renderer ---------------------------------------------------------------------------


def diff_marks(
    changes: list[Change],
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """What the renderer draws: step id -> mark, (from, to) -> mark; marks are the actions.

    A step or pair with several marks (a repeated transition added and another removed) is "changed".
    """
    steps: dict[str, str] = {}
    transitions: dict[tuple[str, str], str] = {}
    for change in changes:
        if change.section == "steps":
            _mark(steps, plain_key(change.key), change.action)
        elif change.section == "transitions":
            source, _, target = plain_key(change.key).partition(" -> ")
            _mark(transitions, (source, target), change.action)
    return steps, transitions


def _mark(marks: dict[Any, str], key: Any, action: str) -> None:
    marks[key] = action if marks.get(key, action) == action else "changed"
