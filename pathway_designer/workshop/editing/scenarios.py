"""Scenarios edited in words: a named what-if kept with the pathway (a crisis café that takes a fifth
of the people, a clinic with one more clinician), added, changed (its name, what it asks, the steps and
ways on it takes away) or removed. Its changed figures are kept by `flow.set_step_figures` and
`flow.set_shares`."""

from __future__ import annotations

from collections.abc import Iterable

from ...model import Pathway, StepKind
from ...words import plural
from .data import Data, data_of, find, set_field, slug, step_label
from .edit import Edit, EditError, finish
from .flow import REST, number_text

NAME_LIMIT = 80


def scenario_names(pathway: Pathway) -> list[str]:
    return [s.name for s in getattr(pathway, "scenarios", [])]


def _name(text: str | None) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise EditError("Give the scenario a name (what it asks, in a few words).")
    if len(name) > NAME_LIMIT:
        raise EditError(f"A scenario's name is at most {NAME_LIMIT} characters.")
    return name


def _find(data: Data, name: str) -> Data:
    for s in data.get("scenarios", []):
        if s.get("name") == name:
            return s  # type: ignore[no-any-return]
    raise EditError(f"There is no scenario called '{name}'.")


def add_scenario(pathway: Pathway, name: str | None, why: str | None = None) -> Edit:
    """A new scenario, changing nothing yet: its figures are changed one step at a time."""
    data = data_of(pathway)
    name = _name(name)
    scenarios: list[Data] = data.setdefault("scenarios", [])
    if any(s.get("name") == name for s in scenarios):
        raise EditError(f"There is already a scenario called '{name}'.")
    scenario: Data = {"name": name}
    if why and why.strip():
        scenario["why"] = why.strip()
    scenarios.append(scenario)
    return finish(data, f"Added the scenario '{name}'", pathway.header)


def _drop_added(scenario: Data, steps: set[str]) -> None:
    """Steps the scenario added, taken out of it with their ways on and changes."""
    if not steps:
        return
    scenario["add-steps"] = [s for s in scenario.get("add-steps", []) if s["id"] not in steps]
    scenario["add-transitions"] = [
        t for t in scenario.get("add-transitions", []) if t["from"] not in steps and t["to"] not in steps
    ]
    scenario["steps"] = [c for c in scenario.get("steps", []) if c.get("id") not in steps]
    for key in ("add-steps", "add-transitions", "steps"):
        if not scenario[key]:
            del scenario[key]


def remove_scenario(pathway: Pathway, name: str) -> Edit:
    data = data_of(pathway)
    _find(data, name)
    data["scenarios"] = [s for s in data["scenarios"] if s.get("name") != name]
    if not data["scenarios"]:
        del data["scenarios"]
    return finish(data, f"Removed the scenario '{name}'", pathway.header)


def edit_scenario(
    pathway: Pathway,
    name: str,
    new_name: str | None,
    why: str | None,
    remove_steps: Iterable[str] = (),
    remove_ways: Iterable[int] = (),
) -> Edit:
    """A scenario kept as one change: its name, what it asks, and the steps (by id) and ways on (by
    transition index) it takes away."""
    data = data_of(pathway)
    scenario = _find(data, name)
    renamed = _name(new_name)
    if renamed != name and any(s.get("name") == renamed for s in data["scenarios"]):
        raise EditError(f"There is already a scenario called '{renamed}'.")
    scenario["name"] = renamed
    if why and why.strip():
        scenario["why"] = why.strip()
    else:
        scenario.pop("why", None)
    step_ids = list(dict.fromkeys(remove_steps))
    added = {s["id"] for s in scenario.get("add-steps", [])}
    dropped = [s for s in step_ids if s in added]  # a step the scenario added: it adds it no more
    step_ids = [s for s in step_ids if s not in added]
    for step_id in step_ids:
        find(data["steps"], "id", step_id, "step")
    _drop_added(scenario, set(dropped))
    transitions = data.get("transitions", [])
    removed: list[Data] = []
    for index in dict.fromkeys(remove_ways):
        if not 0 <= index < len(transitions):
            raise EditError(f"There is no way on {index + 1}.")
        way = {"from": transitions[index]["from"], "to": transitions[index]["to"]}
        if way not in removed:
            removed.append(way)
    for key, value in (("remove-steps", step_ids), ("remove-transitions", removed)):
        if value:
            scenario[key] = value
        else:
            scenario.pop(key, None)
    said = [", ".join(f"'{step_label(data, s)}'" for s in step_ids)] if step_ids else []
    said += [plural(len(removed), "way on", "ways on")] if removed else []
    away = f" (it takes away {' and '.join(said)})" if said else ""
    return finish(data, f"Kept the scenario '{renamed}'{away}", pathway.header)


def add_scenario_step(
    pathway: Pathway,
    name: str,
    label: str | None,
    after: str,
    then_to: str,
    percent: float | None,
    *,
    owner: str | None = None,
    duration: str | None = None,
    capacity: int | None = None,
) -> Edit:
    """A step the scenario adds (a crisis café): `percent` of the people leaving `after` go to it,
    and on to `then_to`. The way on out of `after` that takes the rest gives them up; a step with
    one way on lets it take the rest."""
    data = data_of(pathway)
    scenario = _find(data, name)
    label = " ".join((label or "").split())
    if not label:
        raise EditError("Give the new step a name.")
    for step_id in (after, then_to):
        find(data["steps"], "id", step_id, "step")
    if percent is None or not 0 < percent < 100:
        raise EditError("Say which share of people go to the new step: more than 0%, under 100%.")
    added: list[Data] = scenario.setdefault("add-steps", [])
    taken = [s["id"] for s in data["steps"]] + [s["id"] for s in added]
    step: Data = {"id": slug(label, taken), "label": label, "kind": StepKind.INTERVENTION.value}
    set_field(step, "owner", owner)
    set_field(step, "duration", duration)
    if capacity is not None:
        step["capacity"] = int(capacity)
    added.append(step)
    _make_room(data, scenario, after)
    scenario.setdefault("add-transitions", []).extend([
        {"from": after, "to": step["id"], "share": f"{number_text(percent)}%"},
        {"from": step["id"], "to": then_to},
    ])
    return finish(
        data,
        f"The scenario '{name}' adds '{label}' after '{step_label(data, after)}', "
        f"for {number_text(percent)}% of the people leaving it",
        pathway.header,
    )


def _make_room(data: Data, scenario: Data, after: str) -> None:
    """One way on out of `after` takes the rest in the scenario (the new step's share comes from it)."""
    gone = {(w["from"], w["to"]) for w in scenario.get("remove-transitions", [])}
    ways = [t for t in data.get("transitions", []) if t["from"] == after and (t["from"], t["to"]) not in gone]
    changes: list[Data] = scenario.setdefault("transitions", [])
    shares = {(t["from"], t["to"]): t.get("share") for t in ways}
    for change in changes:
        if (change["from"], change["to"]) in shares and "share" in change:
            shares[(change["from"], change["to"])] = change["share"]
    for t in scenario.get("add-transitions", []):
        if t["from"] == after:
            shares[(t["from"], t["to"])] = t.get("share")
    if REST in shares.values():
        return
    if len(shares) == 1 and None in shares.values():
        (way,) = shares
        changes.append({"from": way[0], "to": way[1], "share": REST})
        return
    label = step_label(data, after)
    raise EditError(
        f"Let one way on out of '{label}' take the rest first (in this scenario's shares): the new "
        "step's share comes out of it."
    )
