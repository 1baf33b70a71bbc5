"""Steps: add one after another (or between two), change its fields, keep its details (description,
barriers, a decision's branches) as one change, and remove it with its connections."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...model import TIME_PATTERN, Pathway, StepKind
from .data import and_words, data_of, find, set_field, slug, step_label
from .edit import Data, Edit, EditError, finish
from .impact import step_impact

STEP_FIELDS = ("label", "kind", "setting", "owner", "partners", "wait", "duration", "modality",
               "description", "barriers", "measures")

# A wait or a duration as a form or a table cell accepts it: the format's time, or nothing yet.
OPTIONAL_TIME_PATTERN = "^(" + TIME_PATTERN.removeprefix("^").removesuffix("$") + ")?$"


def add_step(
    pathway: Pathway,
    label: str,
    kind: str = StepKind.INTERVENTION.value,
    after: str | None = None,
    then_to: str | None = None,
    *,
    branch: str | None = None,
    when: str | None = None,
    **fields: Any,
) -> Edit:
    """Add a step; with `after`, connect it from that step (and place it after it in the list).

    With `then_to` too, the new step goes *between* the two: an existing way on from `after` to
    `then_to` is re-routed through the new step (keeping its condition and handoff on the first
    part); otherwise the new step is connected onward to `then_to`.

    After a decision, the new step joins one of its branches (`branch`: the step that way out leads
    to; the new step goes between, keeping the branch's condition) or starts a new branch (`when`:
    its condition). A decision's branches are never lost; with neither given, `EditError` asks.
    """
    data = data_of(pathway)
    steps: list[Data] = data["steps"]
    label = label.strip()
    if not label:
        raise EditError("Give the new step a name.")
    new_id = slug(label, [s["id"] for s in steps])
    step: Data = {"id": new_id, "label": label, "kind": kind}
    for key in STEP_FIELDS[2:]:
        set_field(step, key, fields.get(key.replace("-", "_")))
    transitions: list[Data] = data.setdefault("transitions", [])
    if after:
        index = next((i for i, s in enumerate(steps) if s["id"] == after), None)
        if index is None:
            raise EditError(f"There is no step '{after}' to add after.")
        if steps[index].get("kind") == StepKind.DECISION.value:
            then_to, when = _decision_branch(data, after, branch or None, when, then_to)
        steps.insert(index + 1, step)
    else:
        exits = [i for i, s in enumerate(steps) if s.get("kind") == StepKind.EXIT.value]
        steps.insert(exits[0] if exits and kind != StepKind.EXIT.value else len(steps), step)
    where = ""
    if after and then_to:
        find(steps, "id", then_to, "step")
        through = None if when else next(  # a decision's new branch re-routes no other
            (t for t in transitions if t["from"] == after and t["to"] == then_to), None
        )
        if through is not None:
            through["to"] = new_id
            transitions.insert(transitions.index(through) + 1, {"from": new_id, "to": then_to})
        else:
            first: Data = {"from": after, "to": new_id}
            set_field(first, "when", when)
            transitions += [first, {"from": new_id, "to": then_to}]
        where = f" between '{step_label(data, after)}' and '{step_label(data, then_to)}'"
    elif after:
        first = {"from": after, "to": new_id}
        set_field(first, "when", when)
        transitions.append(first)
        where = f" after '{step_label(data, after)}'"
    elif then_to:
        find(steps, "id", then_to, "step")
        transitions.append({"from": new_id, "to": then_to})
        where = f" before '{step_label(data, then_to)}'"
    if not transitions:
        data.pop("transitions")
    return finish(data, f"Added the step '{label}'{where}", pathway.header)


def decision_branches(pathway: Pathway, step_id: str) -> dict[str, str]:
    """A decision's ways out, for choosing which one a new step joins: the step each leads to →
    "when <condition>: <its label>" (empty for a step that is not a decision)."""
    step = pathway.step(step_id)
    if step is None or step.kind is not StepKind.DECISION:
        return {}
    labels = {s.id: s.label for s in pathway.steps}
    return {
        t.to: (f"When {t.when}: " if t.when else "") + f"on to '{labels.get(t.to, t.to)}'"
        for t in pathway.transitions if t.from_ == step_id
    }


def _decision_branch(
    data: Data, decision: str, branch: str | None, when: str | None, then_to: str | None
) -> tuple[str | None, str | None]:
    """Where a step added after a decision goes: (the step it goes on to, the new way's condition)."""
    outs = [t for t in data.get("transitions", []) if t["from"] == decision]
    targets = [t["to"] for t in outs]
    branch = branch or (then_to if then_to in targets and not (when or "").strip() else None)
    name = step_label(data, decision)
    if branch is not None:
        if branch not in targets:
            raise EditError(
                f"'{name}' has no way on to '{step_label(data, branch)}' for the new step to join."
            )
        return branch, None
    when = (when or "").strip() or None
    if when is None and outs:
        raise EditError(
            f"'{name}' is a decision: choose which of its answers the new step follows, or give "
            "the answer that leads to it, for a new way on."
        )
    return then_to, when


def update_step(pathway: Pathway, step_id: str, **fields: Any) -> Edit:
    """Set fields of a step (keyword names as in the model: label, kind, owner, wait, ...).

    An empty value clears an optional field. The message lists what changed.
    """
    data = data_of(pathway)
    step = find(data["steps"], "id", step_id, "step")
    changed = []
    for key, value in fields.items():
        name = key.replace("_", "-")
        if name not in STEP_FIELDS:
            raise EditError(f"A step has no field '{name}'.")
        before = step.get(name)
        set_field(step, name, value)
        if step.get(name) != before:
            changed.append(name)
    label = step.get("label", step_id)
    if not changed:
        return finish(data, f"No change to '{label}'", pathway.header)
    return finish(data, f"Changed {and_words(changed)} of '{label}'", pathway.header)


def update_step_details(
    pathway: Pathway,
    step_id: str,
    *,
    description: str | None,
    barriers: str | Iterable[str],
    decision: bool,
    conditions: Mapping[int, str | None] | None = None,
) -> Edit:
    """A step's details kept as one change: its description, its barriers (a list, or text with
    one a line), and whether it is a decision, with the condition of each way on out of it (by
    transition index). A step that stops being a decision becomes an assessment."""
    data = data_of(pathway)
    step = find(data["steps"], "id", step_id, "step")
    label = step.get("label", step_id)
    set_field(step, "description", description)
    lines = barriers.splitlines() if isinstance(barriers, str) else barriers
    set_field(step, "barriers", [line.strip() for line in lines])
    if decision:
        step["kind"] = StepKind.DECISION.value
        transitions = data.get("transitions", [])
        for index, when in (conditions or {}).items():
            if not 0 <= index < len(transitions) or transitions[index]["from"] != step_id:
                raise EditError(f"Way on {index + 1} does not leave '{label}'.")
            set_field(transitions[index], "when", when)
    elif step.get("kind") == StepKind.DECISION.value:
        step["kind"] = StepKind.ASSESSMENT.value
    return finish(data, f"Kept the details of '{label}'", pathway.header)


def remove_step(pathway: Pathway, step_id: str) -> Edit:
    """Remove a step and every connection to or from it."""
    impact = step_impact(pathway, step_id)
    data = data_of(pathway)
    data["steps"] = [s for s in data["steps"] if s["id"] != step_id]
    if not data["steps"]:
        raise EditError("A pathway needs at least one step; add another before removing this one.")
    data["transitions"] = [
        t for t in data.get("transitions", []) if step_id not in (t["from"], t["to"])
    ]
    return finish(data, impact.done(), pathway.header)
