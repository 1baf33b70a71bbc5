"""Scenarios edited in words: a named what-if kept with the pathway (a crisis café that takes a fifth
of the people, a clinic with one more clinician), added, changed (its name, what it asks, the steps and
ways on it takes away) or removed. Its changed figures are kept by `flow.set_step_figures` and
`flow.set_shares`."""

from __future__ import annotations

from collections.abc import Iterable

from ...model import Pathway
from ...words import plural
from .data import Data, data_of, find, step_label
from .edit import Edit, EditError, finish

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
    for step_id in step_ids:
        find(data["steps"], "id", step_id, "step")
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
