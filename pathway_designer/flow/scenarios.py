"""A named scenario applied to a pathway: its changes to flow fields, the steps and ways on it
adds, and those it takes away. The pathway itself is never changed; the result is a copy."""

from __future__ import annotations

from ..model import Pathway, Scenario
from ..words import listed, quoted
from .errors import FlowError


def scenario_named(pathway: Pathway, name: str) -> Scenario:
    """The scenario called `name` (as written, or the same ignoring case and outer spaces)."""
    for scenario in pathway.scenarios:
        if scenario.name == name:
            return scenario
    wanted = name.strip().casefold()
    for scenario in pathway.scenarios:
        if scenario.name.strip().casefold() == wanted:
            return scenario
    if not pathway.scenarios:
        raise FlowError(f"This pathway has no scenarios, so none is called {quoted(name)}.")
    names = listed([quoted(s.name) for s in pathway.scenarios], most=10, joiner="or")
    raise FlowError(f"There is no scenario called {quoted(name)}: choose {names}.")


def apply_scenario(pathway: Pathway, name: str) -> Pathway:
    """A copy of the pathway as the scenario `name` would make it."""
    scenario = scenario_named(pathway, name)
    changed = pathway.model_copy(deep=True)
    gone = set(scenario.remove_steps)
    removed_ways = {(w.from_, w.to) for w in scenario.remove_transitions}
    changed.steps = [s for s in changed.steps if s.id not in gone]
    changed.transitions = [
        t for t in changed.transitions
        if t.from_ not in gone and t.to not in gone and (t.from_, t.to) not in removed_ways
    ]
    changed.steps.extend(s.model_copy(deep=True) for s in scenario.add_steps)
    changed.transitions.extend(t.model_copy(deep=True) for t in scenario.add_transitions)
    where = quoted(scenario.name)
    for step_change in scenario.steps:
        step = changed.step(step_change.id)
        if step is None:
            raise FlowError(
                f"The scenario {where} changes a step ({step_change.id}) that is not in the pathway."
            )
        for field in step_change.model_fields_set - {"id"}:
            setattr(step, field, getattr(step_change, field))
    for way_change in scenario.transitions:
        ways = [t for t in changed.transitions if (t.from_, t.to) == (way_change.from_, way_change.to)]
        if not ways:
            raise FlowError(
                f"The scenario {where} changes a way on ({way_change.from_} to {way_change.to}) "
                f"that is not in the pathway."
            )
        for way in ways:
            for field in way_change.model_fields_set - {"from_", "to"}:
                setattr(way, field, getattr(way_change, field))
    return changed
