"""The flow figures edited in words (`workshop.editing.flow`, `.scenarios`): written in the format's
spelling, read back as they were typed, refused in words when they do not add up; in a scenario only
what differs from the pathway is kept."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flow_helpers import FLOW
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_designer as pd
from pathway_designer.workshop import flow_view
from pathway_designer.workshop.editing import EditError, scenarios
from pathway_designer.workshop.editing import flow as editing_flow
from pathway_designer.workshop.editing.flow import StepFigures


def falls() -> pd.model.Pathway:
    return pd.load_text(FLOW, "falls.yaml")


def step_data(text: str, step_id: str) -> dict:
    import yaml

    data = yaml.safe_load(text)
    return next(s for s in data["steps"] if s["id"] == step_id)


def test_figures_are_written_in_the_format_and_read_back() -> None:
    figures = StepFigures(arrivals=36, per="w", capacity=3, waiting_outside=10, waiting_inside=0,
                          cost_per_person=120, cost_per_day=450.5, spread="lognormal", spread_sd="1 day")
    edit = editing_flow.set_step_figures(falls(), "referral", figures)
    written = step_data(edit.text, "referral")
    assert written["arrivals"] == "36/w" and written["capacity"] == 3
    assert written["queue-limit"] == {"from-outside": 10, "from-other-steps": 0}
    assert written["cost"] == ["£120 per person", "£450.5 per day"]
    assert written["spread"] == {"shape": "lognormal", "sd": "1d"}
    assert editing_flow.figures_of(edit.pathway, "referral") == StepFigures(
        arrivals=36, per="w", capacity=3, waiting_outside=10, waiting_inside=0, cost_per_person=120,
        cost_per_day=450.5, spread="lognormal", spread_sd="1d")
    assert edit.message == "Kept the flow figures of 'Referral after a fall'"


def test_an_empty_figure_is_not_said_and_one_queue_limit_is_one_number() -> None:
    figures = StepFigures(waiting_outside=4, waiting_inside=4)
    edit = editing_flow.set_step_figures(falls(), "assessment", figures)
    written = step_data(edit.text, "assessment")
    assert written["queue-limit"] == 4
    assert not {"capacity", "cost", "arrivals", "spread"} & set(written)
    assert written["duration"] == "2h"  # the step's other fields are untouched


def test_what_the_form_cannot_show_is_kept() -> None:
    text = FLOW.replace("    capacity: 1\n", "    capacity:\n      - {from: 0h, to: 8h, places: 0}\n"
                        "      - {from: 8h, to: 1d, places: 2}\n")
    p = pd.load_text(text, "falls.yaml")
    figures = editing_flow.figures_of(p, "assessment")
    assert figures.capacity is None and figures.capacity_by_time
    edit = editing_flow.set_step_figures(p, "assessment", figures)
    assert step_data(edit.text, "assessment")["capacity"][1] == {"from": "8h", "to": "1d", "places": 2}


@pytest.mark.parametrize(
    ("figures", "said"),
    [
        (StepFigures(capacity=2.5), "whole number"),  # type: ignore[arg-type]
        (StepFigures(arrivals=-1), "0 or more"),
        (StepFigures(arrivals=3, per="m"), "per hour, per day or per week"),
        (StepFigures(spread="gamma", spread_sd="a while"), "a while"),
        (StepFigures(cost_per_day=float("inf")), "0 or more"),
    ],
)
def test_figures_that_are_no_figures_are_refused_in_words(figures: StepFigures, said: str) -> None:
    with pytest.raises(EditError, match=said):
        editing_flow.set_step_figures(falls(), "assessment", figures)


@settings(max_examples=40, deadline=None)
@given(
    arrivals=st.none() | st.integers(0, 10_000).map(lambda n: n / 4),
    per=st.sampled_from(["h", "d", "w"]),
    capacity=st.none() | st.integers(0, 500),
    outside=st.none() | st.integers(0, 999),
    inside=st.none() | st.integers(0, 999),
    person=st.none() | st.integers(0, 10**7).map(lambda n: n / 100),
    day=st.none() | st.integers(0, 10**6).map(lambda n: n / 100),
)
def test_any_figures_typed_come_back_as_typed(arrivals, per, capacity, outside, inside, person, day) -> None:  # type: ignore[no-untyped-def]
    typed = StepFigures(arrivals=arrivals, per=per if arrivals is not None else "w", capacity=capacity,
                        waiting_outside=outside, waiting_inside=inside, cost_per_person=person,
                        cost_per_day=day)
    edit = editing_flow.set_step_figures(falls(), "referral", typed)
    assert editing_flow.figures_of(edit.pathway, "referral") == typed


def test_shares_add_up_or_one_way_takes_the_rest() -> None:
    p = falls()
    ways = editing_flow.shares_of(p, "risk")
    assert [(w.target_label, w.percent, w.rest) for w in ways] == [
        ("Strength and balance classes", 40.0, False), ("Back to the GP with a plan", None, True)]
    yes, no = (w.index for w in ways)
    edit = editing_flow.set_shares(p, "risk", {yes: 25, no: 75})
    assert [w.percent for w in editing_flow.shares_of(edit.pathway, "risk")] == [25.0, 75.0]
    assert "share: 75%" in edit.text
    edit = editing_flow.set_shares(p, "risk", {yes: 30}, rest=no)
    assert "share: 30%" in edit.text and "share: rest" in edit.text
    with pytest.raises(EditError, match="add up to 90%, not 100%"):
        editing_flow.set_shares(p, "risk", {yes: 30, no: 60})
    with pytest.raises(EditError, match="a percentage from 0 to 100"):
        editing_flow.set_shares(p, "risk", {yes: 130}, rest=no)
    with pytest.raises(EditError, match="a share, or let one of them take the rest"):
        editing_flow.set_shares(p, "risk", {yes: 30, no: None})
    with pytest.raises(EditError, match="nothing to share"):
        editing_flow.set_shares(p, "assessment", {1: 100})
    cleared = editing_flow.set_shares(p, "risk", {yes: None, no: None})
    assert "share:" not in cleared.text


def test_a_scenario_keeps_only_what_differs_from_the_pathway() -> None:
    p = scenarios.add_scenario(falls(), "  One more  assessor ", "Waits are long").pathway
    assert scenarios.scenario_names(p) == ["One more assessor"]
    name = "One more assessor"
    base = editing_flow.figures_of(p, "assessment")
    more = replace(base, capacity=2)
    edit = editing_flow.set_step_figures(p, "assessment", more, scenario=name)
    assert "capacity: 1\n" in edit.text  # the pathway itself is unchanged
    (scenario,) = edit.pathway.scenarios
    assert [(c.id, c.capacity, c.cost) for c in scenario.steps] == [("assessment", 2, None)]
    assert editing_flow.figures_of(edit.pathway, "assessment", name).capacity == 2
    assert editing_flow.figures_of(edit.pathway, "assessment").capacity == 1
    back = editing_flow.set_step_figures(edit.pathway, "assessment", base, scenario=name)
    assert not back.pathway.scenarios[0].steps  # nothing differs any more
    yes, no = (w.index for w in editing_flow.shares_of(p, "risk"))
    shared = editing_flow.set_shares(p, "risk", {yes: 20}, rest=no, scenario=name)
    assert [(t.from_, t.to, t.share) for t in shared.pathway.scenarios[0].transitions] == [
        ("risk", "strength", "20%")]
    assert [w.percent for w in editing_flow.shares_of(shared.pathway, "risk", name)] == [20.0, None]
    with pytest.raises(EditError, match="not left empty"):
        editing_flow.set_step_figures(p, "assessment", StepFigures(), scenario=name)
    with pytest.raises(EditError, match="no scenario called"):
        editing_flow.set_step_figures(p, "assessment", base, scenario="Another")


def test_scenarios_are_added_changed_and_removed_in_words() -> None:
    p = scenarios.add_scenario(falls(), "Crisis café").pathway
    with pytest.raises(EditError, match="already a scenario"):
        scenarios.add_scenario(p, "Crisis café")
    with pytest.raises(EditError, match="Give the scenario a name"):
        scenarios.add_scenario(p, "   ")
    with pytest.raises(EditError, match="at most 80"):
        scenarios.add_scenario(p, "x" * 81)
    index = next(i for i, t in enumerate(p.transitions) if t.to == "strength")
    edit = scenarios.edit_scenario(p, "Crisis café", "Café", "A fifth go to the café",
                                   remove_steps=["strength"], remove_ways=[index, index])
    (s,) = edit.pathway.scenarios
    assert (s.name, s.why, s.remove_steps) == ("Café", "A fifth go to the café", ["strength"])
    assert [(w.from_, w.to) for w in s.remove_transitions] == [("risk", "strength")]
    said = "Kept the scenario 'Café' (it takes away 'Strength and balance classes' and 1 way on)"
    assert edit.message == said
    with pytest.raises(EditError, match="no way on 99"):
        scenarios.edit_scenario(p, "Crisis café", "Café", None, remove_ways=[98])
    gone = scenarios.remove_scenario(edit.pathway, "Café")
    assert not gone.pathway.scenarios and "scenarios" not in gone.text


def test_a_scenario_adds_a_step_for_a_share_of_the_people() -> None:
    p = scenarios.add_scenario(falls(), "Crisis café").pathway
    edit = scenarios.add_scenario_step(p, "Crisis café", "Crisis café", "referral", "discharge", 20,
                                       owner="ageuk", duration="3 hours", capacity=4)
    assert edit.message == ("The scenario 'Crisis café' adds 'Crisis café' after 'Referral after a "
                            "fall', for 20% of the people leaving it")
    (s,) = edit.pathway.scenarios
    (cafe,) = s.add_steps
    assert (cafe.id, cafe.owner, cafe.duration, cafe.capacity) == ("crisis-cafe", "ageuk", "3h", 4)
    assert [(t.from_, t.to, t.share) for t in s.add_transitions] == [
        ("referral", "crisis-cafe", "20%"), ("crisis-cafe", "discharge", None)]
    assert [(t.from_, t.to, t.share) for t in s.transitions] == [("referral", "assessment", "rest")]
    assert not edit.pathway.step("crisis-cafe")  # the pathway itself is unchanged
    shown = flow_view.flow_view(edit.pathway, "Crisis café")
    assert shown.problem is None
    assessment = next(x for x in shown.steps if x.label == "Falls risk assessment")
    assert assessment.per_week == pytest.approx(8)  # a fifth of the 10 a week go to the café
    after_risk = scenarios.add_scenario_step(edit.pathway, "Crisis café", "Café 2", "risk",
                                             "discharge", 10)
    assert after_risk.pathway.scenarios[0].add_transitions[-2].share == "10%"  # "rest" gave it up
    with pytest.raises(EditError, match="under 100%"):
        scenarios.add_scenario_step(p, "Crisis café", "Café", "referral", "discharge", 100)
    taken = scenarios.edit_scenario(edit.pathway, "Crisis café", "Crisis café", None,
                                    remove_steps=["crisis-cafe"])
    (s,) = taken.pathway.scenarios
    assert not s.add_steps and not s.add_transitions and not s.remove_steps
