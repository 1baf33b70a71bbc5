"""Hypothesis strategies for the version tests: small random pathways, and random edits of them.

Ids, words and dates come from small pools on purpose, so that two edits of the same base often meet
(the same step added on both sides, the same field changed twice, a transition repeated): that is
where a diff or a merge can go wrong. Edits work on the pathway's JSON data and keep it valid for the
model (at least one step and one organisation, ids unique where the format expects them to be).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from pathway_designer.changes.diff import pathway_data
from pathway_designer.model import Direction, Geography, Pathway, Role, Setting, Status, StepKind

# Few examples, each a rich pathway: the whole version suite stays well under 30 seconds.
FAST = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Data = dict[str, Any]
Draw = Callable[[st.SearchStrategy[Any]], Any]

STEP_IDS = ["referral", "triage", "assess", "decide", "treat", "review", "refer-on", "discharge"]
ORG_IDS = ["icb", "trust", "gp", "council", "mind"]
OUTCOME_IDS = ["wait-met", "readmitted", "wellbeing"]
WORDS = ["Yes", "No", "Risk is high", "Shared care record", "Phone call", "Café", "Few staff", "1:30"]
DATES = ["2025-03-01", "2026-10-12", "2026-11-20"]
FINGERPRINTS = ["sha256:" + c * 64 for c in "0a"]

texts = st.sampled_from(WORDS)
times = st.sampled_from(["4h", "2w", "30m", "1.5d"])
dates = st.sampled_from(DATES)


def _values(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in enum])


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# The values each field may take, as JSON.
TOP_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "title": texts,
    "summary": _maybe(texts),
    "status": _values(Status),
    "based-on": _maybe(st.sampled_from(["adult-crisis-national", "talking-therapies"])),
}
NESTED_FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "review": {"last": _maybe(dates), "due": _maybe(dates)},
    "context": {"area": _maybe(texts), "geography": _maybe(_values(Geography)), "population": _maybe(texts)},
}
ITEM_FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "organisations": {"name": texts, "role": _values(Role)},
    "steps": {
        "label": texts,
        "kind": _values(StepKind),
        "setting": _maybe(_values(Setting)),
        "owner": _maybe(st.sampled_from(ORG_IDS)),
        "wait": _maybe(times),
        "duration": _maybe(times),
        "modality": _maybe(texts),
        "description": _maybe(texts),
    },
    "transitions": {"when": _maybe(texts), "handoff": _maybe(texts)},
    "outcomes": {"measure": texts, "direction": _values(Direction), "target": _maybe(texts)},
    "involvement": {"how": texts, "changed": _maybe(texts)},
    "signoffs": {"role": _maybe(texts), "date": dates, "fingerprint": st.sampled_from(FINGERPRINTS)},
}
LIST_FIELDS: dict[str, list[str]] = {"partners": ORG_IDS, "barriers": WORDS, "measures": OUTCOME_IDS}
# Sections whose items are named by an id the format expects to be unique.
ID_POOLS = {"organisations": ORG_IDS, "steps": STEP_IDS, "outcomes": OUTCOME_IDS}
MINIMUM = {"organisations": 1, "steps": 1}
# Edits go mostly to steps and transitions, and to a few fields, so that two sides often meet.
EDITED_SECTIONS = ["steps", "steps", "steps", "transitions", "transitions", *sorted(ITEM_FIELDS)]
EDITED_FIELDS = {
    **{s: sorted(f) for s, f in ITEM_FIELDS.items()},
    "steps": ["label", "owner", "wait", "kind"],
}


# Fields every new item has; the others are filled a few at a time (fewer draws: faster tests).
REQUIRED_FIELDS = {
    "organisations": ("name", "role"),
    "steps": ("label", "kind"),
    "outcomes": ("measure", "direction"),
    "involvement": ("how",),
    "signoffs": ("date", "fingerprint"),
    "transitions": (),
}
OPTIONAL_FIELDS = {
    section: sorted(set(fields) - set(REQUIRED_FIELDS[section])) for section, fields in ITEM_FIELDS.items()
}


def _pick(draw: Draw, pool: list[Any]) -> Any:
    return pool[draw(st.integers(0, len(pool) - 1))]


def new_item(draw: Draw, section: str, data: Data) -> Data:
    """A new item for a section of `data` (with a fresh id where ids must be unique)."""
    item: Data = dict.fromkeys(ITEM_FIELDS[section])
    if section in ID_POOLS:
        used = {i["id"] for i in data[section]}
        item["id"] = _pick(draw, [i for i in ID_POOLS[section] if i not in used])
    elif section == "transitions":
        step_ids = [s["id"] for s in data["steps"]]
        item["from"], item["to"] = _pick(draw, step_ids), _pick(draw, step_ids)
    elif section == "involvement":
        item["date"], item["who"] = draw(dates), _pick(draw, ["Panel", "Carers group"])
    else:
        item["organisation"], item["name"] = _pick(draw, ORG_IDS), _pick(draw, ["Jo", "Sam"])
    for name in REQUIRED_FIELDS[section]:
        item[name] = draw(ITEM_FIELDS[section][name])
    for _ in range(draw(st.integers(0, 2)) if OPTIONAL_FIELDS[section] else 0):
        name = _pick(draw, OPTIONAL_FIELDS[section])
        item[name] = draw(ITEM_FIELDS[section][name])
    if section == "steps":
        for name in LIST_FIELDS:
            item[name] = []
        if draw(st.booleans()):
            name = _pick(draw, sorted(LIST_FIELDS))
            item[name] = [_pick(draw, LIST_FIELDS[name])]
    return item


def _has_room(section: str, data: Data) -> bool:
    return section not in ID_POOLS or len(data[section]) < len(ID_POOLS[section])


@st.composite
def pathways(draw: Draw) -> Pathway:
    """A small valid pathway."""
    data: Data = {"format": 1, "id": "crisis", "title": draw(texts)}
    for name, values in TOP_FIELDS.items():
        data[name] = draw(values)
    for name, fields in NESTED_FIELDS.items():
        # An empty review reads like no review; generate one or the other, not both.
        nested = {sub: draw(values) for sub, values in fields.items()}
        data[name] = nested if any(v is not None for v in nested.values()) else None
    for section, sizes in [
        ("organisations", (1, 2)),
        ("steps", (1, 4)),
        ("transitions", (0, 4)),
        ("outcomes", (0, 2)),
        ("involvement", (0, 2)),
        ("signoffs", (0, 2)),
    ]:
        data[section] = []
        for _ in range(draw(st.integers(*sizes))):
            if _has_room(section, data):
                data[section].append(new_item(draw, section, data))
    return Pathway.model_validate(data)


# Edits ------------------------------------------------------------------------------------------


def _set_top(draw: Draw, data: Data) -> None:
    name = draw(st.sampled_from(sorted(TOP_FIELDS)))
    data[name] = draw(TOP_FIELDS[name])


def _set_nested(draw: Draw, data: Data) -> None:
    name = draw(st.sampled_from(sorted(NESTED_FIELDS)))
    sub = draw(st.sampled_from(sorted(NESTED_FIELDS[name])))
    nested = dict(data[name] or dict.fromkeys(NESTED_FIELDS[name]))
    nested[sub] = draw(NESTED_FIELDS[name][sub])
    data[name] = nested if any(v is not None for v in nested.values()) else None


def _add_item(draw: Draw, data: Data) -> None:
    section = _pick(draw, EDITED_SECTIONS)
    if _has_room(section, data):
        position = draw(st.integers(0, len(data[section])))
        data[section].insert(position, new_item(draw, section, data))


def _remove_item(draw: Draw, data: Data) -> None:
    section = _pick(draw, EDITED_SECTIONS)
    if len(data[section]) > MINIMUM.get(section, 0):
        del data[section][draw(st.integers(0, len(data[section]) - 1))]


def _move_item(draw: Draw, data: Data) -> None:
    section = _pick(draw, EDITED_SECTIONS)
    if data[section]:
        item = data[section].pop(draw(st.integers(0, len(data[section]) - 1)))
        data[section].insert(draw(st.integers(0, len(data[section]))), item)


def _set_item_field(draw: Draw, data: Data) -> None:
    section = _pick(draw, EDITED_SECTIONS)
    if data[section]:
        item = data[section][draw(st.integers(0, len(data[section]) - 1))]
        name = _pick(draw, EDITED_FIELDS[section])
        item[name] = draw(ITEM_FIELDS[section][name])


def _edit_step_list(draw: Draw, data: Data) -> None:
    _edit_list(
        draw, data["steps"][draw(st.integers(0, len(data["steps"]) - 1))], _pick(draw, sorted(LIST_FIELDS))
    )


def _edit_list(draw: Draw, step: Data, name: str) -> None:
    """Add a value to a step's list field, or remove one."""
    values = step[name]
    missing = [v for v in LIST_FIELDS[name] if v not in values]
    if values and (not missing or draw(st.booleans())):
        values.pop(draw(st.integers(0, len(values) - 1)))
    elif missing:
        values.insert(draw(st.integers(0, len(values))), _pick(draw, missing))


EDITS = [
    _set_top,
    _set_nested,
    _add_item,
    _remove_item,
    _move_item,
    _set_item_field,
    _set_item_field,
    _edit_step_list,
    _edit_step_list,
]


def _contest(draw: Draw, ours: Data, theirs: Data) -> None:
    """One edit of the same thing on both sides: the same field, or a removal against a change."""
    kind = _pick(draw, ["field", "field", "remove", "list", "top"])
    if kind == "top":
        name = _pick(draw, sorted(TOP_FIELDS))
        ours[name], theirs[name] = draw(TOP_FIELDS[name]), draw(TOP_FIELDS[name])
        return
    if kind == "list":
        index, name = draw(st.integers(0, len(ours["steps"]) - 1)), _pick(draw, sorted(LIST_FIELDS))
        _edit_list(draw, ours["steps"][index], name)
        _edit_list(draw, theirs["steps"][index], name)
        return
    section = _pick(draw, EDITED_SECTIONS)
    if not ours[section]:
        return
    index, name = draw(st.integers(0, len(ours[section]) - 1)), _pick(draw, EDITED_FIELDS[section])
    ours[section][index][name] = draw(ITEM_FIELDS[section][name])
    if kind == "remove" and len(theirs[section]) > MINIMUM.get(section, 0):
        del theirs[section][index]
    else:
        theirs[section][index][name] = draw(ITEM_FIELDS[section][name])


def _edit(draw: Draw, data: Data, max_edits: int) -> Pathway:
    for _ in range(draw(st.integers(0, max_edits))):
        _pick(draw, EDITS)(draw, data)
    return Pathway.model_validate(data)


@st.composite
def edited(draw: Draw, pathway: Pathway, max_edits: int = 4) -> Pathway:
    """`pathway` after a few random edits (possibly none)."""
    return _edit(draw, copy.deepcopy(pathway_data(pathway)), max_edits)


@st.composite
def three_versions(draw: Draw) -> tuple[Pathway, Pathway, Pathway]:
    """(base, ours, theirs): two edits of one base, which often touch the same thing."""
    base = draw(pathways())
    ours, theirs = copy.deepcopy(pathway_data(base)), copy.deepcopy(pathway_data(base))
    if draw(st.booleans()):
        _contest(draw, ours, theirs)
    return base, _edit(draw, ours, 3), _edit(draw, theirs, 3)
