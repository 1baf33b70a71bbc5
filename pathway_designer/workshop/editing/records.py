"""What a pathway records beside its steps: the outcomes it measures (and where), and the
involvement of service users and carers (and what it changed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ...model import Pathway
from .data import data_of, find, pop_at, set_field, slug
from .edit import Data, Edit, EditError, finish


def add_outcome(
    pathway: Pathway,
    measure: str,
    direction: str,
    target: str | None = None,
    measured_at: Iterable[str] = (),
    outcome_id: str | None = None,
) -> Edit:
    """Add an outcome measure, and mark the steps where it is measured."""
    data = data_of(pathway)
    outcomes: list[Data] = data.setdefault("outcomes", [])
    if not measure.strip():
        raise EditError("Say what is measured.")
    new_id = outcome_id or slug(measure, [o["id"] for o in outcomes], "outcome")
    outcome: Data = {"id": new_id, "measure": measure.strip(), "direction": direction}
    set_field(outcome, "target", target)
    outcomes.append(outcome)
    for step_id in measured_at:
        step = find(data["steps"], "id", step_id, "step")
        step["measures"] = [*step.get("measures", []), new_id]
    return finish(data, f"Added the outcome '{measure.strip()}'", pathway.header)


def remove_outcome(pathway: Pathway, outcome_id: str) -> Edit:
    """Remove an outcome and take it off the steps that measure it."""
    data = data_of(pathway)
    outcome = find(data.get("outcomes", []), "id", outcome_id, "outcome")
    data["outcomes"] = [o for o in data["outcomes"] if o["id"] != outcome_id]
    for s in data["steps"]:
        if outcome_id in s.get("measures", []):
            set_field(s, "measures", [m for m in s["measures"] if m != outcome_id])
    return finish(data, f"Removed the outcome '{outcome['measure']}'", pathway.header)


def add_involvement(
    pathway: Pathway, date: dt.date | str, who: str, how: str, changed: str | None = None
) -> Edit:
    """Record service users' and carers' involvement, and what it changed."""
    data = data_of(pathway)
    item: Data = {}
    set_field(item, "date", date)
    set_field(item, "who", who)
    set_field(item, "how", how)
    set_field(item, "changed", changed)
    data.setdefault("involvement", []).append(item)
    return finish(data, f"Recorded involvement: {who.strip()}, {how.strip()}", pathway.header)


def remove_involvement(pathway: Pathway, index: int) -> Edit:
    """Remove one involvement record (by its index)."""
    data = data_of(pathway)
    items = data.get("involvement", [])
    item = pop_at(items, index, "involvement record")
    if not items:
        data.pop("involvement")
    return finish(data, f"Removed the involvement record of {item.get('who')}", pathway.header)
