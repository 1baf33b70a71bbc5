"""Ways on from one step to another: connect two steps (with a condition and a handoff), or remove
one way on."""

from __future__ import annotations

from ...model import Pathway
from .data import clean, data_of, find, pop_at, set_field, step_label, way
from .edit import Data, Edit, EditError, finish


def connect(
    pathway: Pathway,
    from_step: str,
    to_step: str,
    when: str | None = None,
    handoff: str | None = None,
) -> Edit:
    """Add a way on from one step to another, with its condition and handoff."""
    data = data_of(pathway)
    for end in (from_step, to_step):
        find(data["steps"], "id", end, "step")
    transitions: list[Data] = data.setdefault("transitions", [])
    if any(
        t["from"] == from_step and t["to"] == to_step and t.get("when") == clean(when)
        for t in transitions
    ):
        raise EditError(
            f"'{step_label(data, from_step)}' already leads to '{step_label(data, to_step)}'."
        )
    t: Data = {"from": from_step, "to": to_step}
    set_field(t, "when", when)
    set_field(t, "handoff", handoff)
    transitions.append(t)
    return finish(data, f"Connected {way(data, t)}", pathway.header)


def disconnect(pathway: Pathway, index: int) -> Edit:
    """Remove one way on (by its index in the transitions)."""
    data = data_of(pathway)
    t = pop_at(data.get("transitions", []), index, "way on")
    return finish(data, f"Removed the way on {way(data, t)}", pathway.header)
