"""What the Flow and capacity tab shows (`workshop.flow_view`, `workshop.flow_runs`): the analytic
figures in words, the diagram's fills by how busy each step is, scenarios side by side, and a real
simulation's rows; labels and names, never ids."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flow_helpers import FLOW
from hypothesis import given, settings
from hypothesis import strategies as st

import pathway_designer as pd
from pathway_designer.workshop import flow_runs, flow_view
from pathway_designer.workshop.editing import flow as editing_flow
from pathway_designer.workshop.editing import scenarios

ASSESSMENT = 10 / 168 * 2  # 10 people a week, 2 hours each, 1 place


def falls(text: str = FLOW) -> pd.model.Pathway:
    return pd.load_text(text, "falls.yaml")


def line(view: flow_view.FlowView, label: str) -> flow_view.StepLine:
    return next(s for s in view.steps if s.label == label)


def test_the_figures_are_said_with_labels_and_names() -> None:
    shown = flow_view.flow_view(falls())
    assert shown.problem is None
    assessment = line(shown, "Falls risk assessment")
    assert assessment.busy == pytest.approx(ASSESSMENT, abs=1e-9)
    assert assessment.per_week == pytest.approx(10)
    assert (assessment.organisation, assessment.places) == ("Community Health Trust", "1")
    assert assessment.standard == "within 1 week: 100% start in time"
    strength = line(shown, "Strength and balance classes")
    assert strength.busy == pytest.approx(10 / 168 * 0.4 * 12 * 168 / 100)
    assert strength.bottleneck == assessment.bottleneck == ""  # under 85% busy: no bottleneck
    assert shown.summary_lines[0] == "10 people a week come into the pathway."
    names = {o.name for o in shown.organisations}
    assert {"Community Health Trust", "Age UK North"} <= names
    everything = " ".join([*shown.summary_lines, *(str(c) for s in shown.steps for c in s.cells()),
                           *(str(c) for o in shown.organisations for c in o.cells())])
    assert not any(i in everything.split() for i in ("ageuk", "trust", "icb", "referral", "strength"))


def test_a_step_more_people_reach_than_it_can_see_is_said_plainly() -> None:
    shown = flow_view.flow_view(falls(FLOW.replace("arrivals: 10/w", "arrivals: 100/w")))
    assessment = line(shown, "Falls risk assessment")
    assert assessment.busy is not None and assessment.busy > 1
    assert assessment.wait == "grows without end"
    assert assessment.standard == "within 1 week: missed, the wait grows"
    assert "“Falls risk assessment”" in shown.over_capacity and "grows without end" in shown.over_capacity
    assert assessment.cells()[4] == 1.0  # the bar is full, not beyond
    assert (line(shown, "Strength and balance classes").bottleneck, assessment.bottleneck) == ("1st", "2nd")
    assert flow_view.busy_fills(shown).notes["assessment"] == "busy 119% · 100 a week · ⚑ 2nd bottleneck"


def test_no_figures_and_unknown_scenarios_are_problems_in_words() -> None:
    from app_helpers import SMALL

    assert "how many people arrive" in (flow_view.flow_view(falls(SMALL)).problem or "")
    assert flow_view.flow_view(falls(), "No such scenario").problem


@pytest.mark.parametrize(
    ("busy", "words"),
    [(None, "no limit on places"), (0.0, "under 70% busy"), (0.6999, "under 70% busy"),
     (0.70, "70% to 85% busy"), (0.85, "85% to 100% busy"), (1.0, "full: more arrive than it can see"),
     (7.0, "full: more arrive than it can see")],
)
def test_bands_of_busy(busy: float | None, words: str) -> None:
    assert flow_view.band(busy).words == words


def test_the_fills_say_in_words_what_the_colour_says() -> None:
    shown = flow_view.flow_view(falls())
    fills = flow_view.busy_fills(shown)
    assert fills.by_step["assessment"] == flow_view.band(ASSESSMENT).colour
    assert fills.notes["assessment"] == "busy 12% · 10 a week"
    assert fills.notes["strength"] == "busy 48% · 4 a week"
    assert "referral" not in fills.notes  # no limit on places: no figure to give
    assert [meaning for meaning, _ in fills.key] == ["under 70% busy", "no limit on places"]
    dot = flow_view.busy_diagram(falls(), shown, lanes="organisation", direction="TB")
    assert "How busy" in dot and fills.by_step["assessment"] in dot


@pytest.mark.parametrize(
    ("hours", "words"),
    [(0, "no time"), (0.001, "under a minute"), (0.2, "12 minutes"), (1.97, "2 hours"),
     (26.4, "1 day 2 hours"), (24 * 40.3, "5 weeks 5 days")],
)
def test_times_are_said_as_precisely_as_people_say_them(hours: float, words: str) -> None:
    assert flow_view.hours_words(hours) == words


def test_scenarios_side_by_side() -> None:
    p = scenarios.add_scenario(falls(), "Two assessors").pathway
    two = replace(editing_flow.figures_of(p, "assessment"), capacity=2)
    p = editing_flow.set_step_figures(p, "assessment", two, scenario="Two assessors").pathway
    p = scenarios.add_scenario(p, "Nobody comes").pathway
    nobody = replace(editing_flow.figures_of(p, "referral"), arrivals=0)
    p = editing_flow.set_step_figures(p, "referral", nobody, scenario="Nobody comes").pathway
    compared = flow_view.compare(p, [None, "Two assessors", "Nobody comes"])
    assert list(compared.busy) == ["As it is", "Two assessors"]
    assert compared.busy["Two assessors"]["Falls risk assessment"] == pytest.approx(ASSESSMENT * 50, abs=0.1)
    assert [row[0] for row in compared.rows] == ["As it is", "Two assessors"]
    assert compared.rows[0][1] == "10"
    assert len(compared.without) == 1 and compared.without[0].startswith("Nobody comes: ")


def test_a_simulation_gives_rows_in_words() -> None:
    ticks: list[tuple[int, int]] = []
    result = flow_runs.run(falls(), None, flow_runs.Settings(days=20, warm_up_days=2, runs=2, seed=3),
                           lambda done, total: ticks.append((done, total)))
    assert ticks == [(1, 2), (2, 2)]
    shown = flow_runs.simulation_view(result)
    assert [row[0] for row in shown.rows][:2] == ["Referral after a fall", "Falls risk assessment"]
    assert all(len(row) == len(flow_runs.SIMULATION_COLUMNS) for row in shown.rows)
    assert shown.said[0].startswith("2 runs of 20 days each, after 2 days to fill up (seed 3)")
    again = flow_runs.simulation_view(flow_runs.run(falls(), None, flow_runs.Settings(20, 2, 2, 3)))
    assert again == shown  # the same seed, the same figures


def test_a_simulation_that_cannot_run_says_why() -> None:
    with pytest.raises(flow_runs.RunError, match="days"):
        flow_runs.run(falls(), None, flow_runs.Settings(days=0))
    from app_helpers import SMALL

    with pytest.raises(flow_runs.RunError, match="how many people arrive"):
        flow_runs.run(falls(SMALL), None, flow_runs.Settings())


@pytest.mark.parametrize(("share", "words"), [(0, "0%"), (0.00001, "under 0.1%"), (0.0042, "0.4%"),
                                              (0.119, "12%"), (1.19, "119%")])
def test_shares_in_words(share: float, words: str) -> None:
    assert flow_view.percent(share) == words


def test_a_figure_with_no_spread_over_the_runs_is_said_once() -> None:
    from pathway_designer.flow.simulation_results import Estimate

    assert flow_runs.between(Estimate(0.0, 0.0, 0.0, 3), flow_view.hours_words) == "no time"
    assert flow_runs.between(Estimate(2.0, 1.0, 3.0, 3), flow_view.hours_words) == (
        "2 hours (1 hour to 3 hours)")
    assert flow_runs.between(Estimate(None), flow_view.hours_words) == "nobody"


@settings(max_examples=60, deadline=None)
@given(
    arrivals=st.none() | st.integers(0, 5000).map(lambda n: n / 2),
    per=st.sampled_from(["h", "d", "w"]),
    capacity=st.none() | st.integers(0, 5),
    outside=st.none() | st.integers(0, 3),
    cost=st.none() | st.integers(0, 10**6),
    yes=st.integers(0, 100),
)
def test_any_figures_give_figures_or_a_problem_in_words_never_a_crash(  # type: ignore[no-untyped-def]
    arrivals, per, capacity, outside, cost, yes
) -> None:
    p = falls()
    p = editing_flow.set_step_figures(p, "referral", replace(
        editing_flow.figures_of(p, "referral"), arrivals=arrivals, per=per)).pathway
    p = editing_flow.set_step_figures(p, "assessment", replace(
        editing_flow.figures_of(p, "assessment"), capacity=capacity, waiting_outside=outside,
        cost_per_person=cost)).pathway
    ways = [w.index for w in editing_flow.shares_of(p, "risk")]
    p = editing_flow.set_shares(p, "risk", {ways[0]: yes}, rest=ways[1]).pathway
    shown = flow_view.flow_view(p)
    if shown.problem is not None:
        assert shown.problem.strip() and not shown.steps
        return
    fills = flow_view.busy_fills(shown)
    assert set(fills.by_step) == {s.step for s in shown.steps}
    for line in shown.steps:
        assert all(c is None or isinstance(c, (str, float, int)) for c in line.cells())
        assert "nan" not in " ".join(str(c) for c in line.cells()).lower().split()
    assert flow_view.busy_diagram(p, shown).startswith("digraph")


def test_a_step_with_no_places_is_full() -> None:
    shown = flow_view.flow_view(falls(FLOW.replace("    capacity: 1\n", "    capacity: 0\n")))
    assessment = line(shown, "Falls risk assessment")
    assert flow_view.band(assessment.busy).words == "full: more arrive than it can see"
    assert flow_view.busy_fills(shown).notes["assessment"].startswith("busy over 100% (it has no places)")
    assert assessment.wait == "grows without end"


def test_a_big_pathway_is_coloured_as_its_overview() -> None:
    steps = ["  - {id: s0, label: Way in, kind: entry, arrivals: 50/w}"]
    steps += [f"  - {{id: s{i}, label: Step {i}, kind: assessment, duration: 1h, capacity: 2}}"
              for i in range(1, 59)]
    steps += ["  - {id: s59, label: Way out, kind: exit}"]
    ways = [f"  - {{from: s{i}, to: s{i + 1}}}" for i in range(59)]
    text = ("format: 1\nid: big\ntitle: Big\norganisations:\n  - {id: a, name: A, role: nhs-provider}\n"
            "steps:\n" + "\n".join(steps) + "\ntransitions:\n" + "\n".join(ways))
    p = pd.load_text(text + "\n", "big.yaml")
    shown = flow_view.flow_view(p)
    assert len(shown.steps) == 59
    dot = flow_view.busy_diagram(p, shown)
    assert dot.count('"s3"') == 0 and "How busy" in dot  # the long run is folded into one box
