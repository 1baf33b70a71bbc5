"""The analytic flow against networks solved by hand, Erlang's formulas against known values, and
conservation of people whatever the network."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings

import pathway_designer as pd
from pathway_designer.flow import erlang
from pathway_designer.flow.analytic import flow_of, solve
from pathway_designer.flow.errors import FlowError
from pathway_designer.flow.traffic import throughputs

from .strategies import networks

HEAD = "id: hand\ntitle: Hand-solved\norganisations:\n  - {id: t, name: The trust, role: nhs-provider}\n" \
       "  - {id: v, name: Mind, role: voluntary-sector}\n"


def _pathway(steps: str, transitions: str) -> pd.Pathway:
    return pd.load_text(HEAD + "steps:\n" + steps + "transitions:\n" + transitions)


def test_a_chain_with_three_places_waits_as_erlang_c_says():
    flow = flow_of(_pathway(
        "  - {id: a, label: Way in, kind: entry, owner: t, arrivals: 168/w}\n"
        "  - {id: b, label: Clinic, kind: intervention, owner: v, duration: 2h,"
        " spread: {shape: exponential}, capacity: 3, wait: 1h, cost: £100 per person}\n"
        "  - {id: c, label: Home, kind: exit}\n",
        "  - {from: a, to: b}\n  - {from: b, to: c}\n",
    ))
    clinic = flow.step("b")
    assert clinic.people_per_week == pytest.approx(168, abs=1e-9)
    assert clinic.load == pytest.approx(2, abs=1e-9)
    assert clinic.utilisation == pytest.approx(2 / 3, abs=1e-9)
    assert clinic.chance_of_waiting == pytest.approx(4 / 9, abs=1e-9)
    assert clinic.mean_wait_hours == pytest.approx(8 / 9, abs=1e-9)
    assert clinic.within_standard == pytest.approx(1 - 4 / 9 * math.exp(-0.5), abs=1e-9)
    assert flow.exits[0].people_per_week == pytest.approx(168, abs=1e-9)
    assert flow.cost_per_week == pytest.approx(16800, abs=1e-6)
    assert flow.cost_per_person == pytest.approx(100, abs=1e-9)
    assert flow.handoffs_per_person == pytest.approx(1, abs=1e-9)  # the trust to Mind
    assert flow.steps_per_person == pytest.approx(2, abs=1e-9)


def test_a_loop_with_feedback_is_solved_exactly():
    flow = flow_of(_pathway(
        "  - {id: a, label: Way in, kind: entry, arrivals: 7/w}\n"
        "  - {id: b, label: Therapy, kind: intervention, duration: 1w, capacity: 2}\n"
        "  - {id: c, label: Review, kind: review}\n"
        "  - {id: d, label: Discharged, kind: exit}\n",
        "  - {from: a, to: b}\n  - {from: b, to: c}\n"
        "  - {from: c, to: b, share: 30%}\n  - {from: c, to: d, share: rest}\n",
    ))
    assert flow.step("b").people_per_week == pytest.approx(10, abs=1e-9)
    assert flow.step("c").people_per_week == pytest.approx(10, abs=1e-9)
    assert flow.step("b").load == pytest.approx(10 / 168 * 168, abs=1e-9)
    assert flow.step("b").utilisation == pytest.approx(5, abs=1e-9)
    assert not flow.step("b").keeps_up and flow.step("b").mean_wait_hours == math.inf
    assert flow.bottlenecks == ("b",)
    assert flow.exits[0].people_per_week == pytest.approx(7, abs=1e-9)


def test_nested_loops_are_one_linear_system():
    flow = flow_of(_pathway(
        "  - {id: a, label: Way in, kind: entry, arrivals: 1/h}\n"
        "  - {id: b, label: B, kind: assessment}\n  - {id: c, label: C, kind: decision}\n"
        "  - {id: d, label: D, kind: review}\n  - {id: e, label: Out, kind: exit}\n",
        "  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: b, share: 50%, when: again}\n"
        "  - {from: c, to: d, share: 50%, when: on}\n  - {from: d, to: b, share: 20%}\n"
        "  - {from: d, to: e, share: 80%}\n",
    ))
    assert flow.step("b").people_per_week == pytest.approx(2.5 * 168, abs=1e-9)
    assert flow.step("d").people_per_week == pytest.approx(1.25 * 168, abs=1e-9)
    assert flow.exits[0].people_per_week == pytest.approx(168, abs=1e-9)


def test_a_decision_splits_people_by_its_shares():
    flow = flow_of(_pathway(
        "  - {id: a, label: Way in, kind: entry, arrivals: 100/w}\n"
        "  - {id: d, label: Which way?, kind: decision}\n"
        "  - {id: x, label: Crisis café, kind: exit}\n  - {id: y, label: A&E, kind: exit}\n",
        "  - {from: a, to: d}\n  - {from: d, to: x, share: 30%, when: calm}\n"
        "  - {from: d, to: y, share: rest, when: at risk}\n",
    ))
    reached = {e.id: e.people_per_week for e in flow.exits}
    assert reached == pytest.approx({"x": 30.0, "y": 70.0}, abs=1e-9)


def test_a_scenario_changes_the_figures():
    text = HEAD + (
        "steps:\n  - {id: a, label: Way in, kind: entry, arrivals: 100/w}\n"
        "  - {id: d, label: Which way?, kind: decision}\n"
        "  - {id: x, label: Crisis café, kind: exit}\n  - {id: y, label: A&E, kind: exit}\n"
        "transitions:\n  - {from: a, to: d}\n  - {from: d, to: x, share: 30%, when: calm}\n"
        "  - {from: d, to: y, share: rest, when: at risk}\n"
        "scenarios:\n  - name: More to the café\n    why: divert a fifth more\n"
        "    transitions: [{from: d, to: x, share: 50%}]\n"
    )
    flow = flow_of(pd.load_text(text), "more to the café")
    assert {e.id: e.people_per_week for e in flow.exits} == pytest.approx({"x": 50.0, "y": 50.0})
    with pytest.raises(FlowError, match="no scenario called"):
        flow_of(pd.load_text(text), "nothing")


def test_a_loop_nobody_leaves_is_said_plainly():
    with pytest.raises(FlowError, match="never leave"):
        flow_of(_pathway(
            "  - {id: a, label: Way in, kind: entry, arrivals: 1/h}\n"
            "  - {id: b, label: B, kind: assessment}\n  - {id: c, label: C, kind: review}\n"
            "  - {id: e, label: Out, kind: exit}\n",
            "  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: b}\n",
        ))


@pytest.mark.parametrize(
    ("servers", "load", "expected"),
    [(1, 0.5, 0.5), (2, 1.0, 1 / 3), (3, 2.0, 4 / 9), (1, 1.0, 1.0), (2, 3.0, 1.0)],
)
def test_erlang_c_against_known_values(servers, load, expected):
    assert erlang.erlang_c(servers, load) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("servers", "load"), [(10, 8), (50, 45), (200, 190)])
def test_erlang_c_agrees_with_the_textbook_formula_in_fractions(servers, load):
    """C = (aᶜ/c! · c/(c-a)) / (Σₖ₍c aᵏ/k! + aᶜ/c! · c/(c-a)), exactly, against the recursion."""
    a = Fraction(load)
    top = a**servers / math.factorial(servers) * servers / (servers - a)
    exact = top / (sum(a**k / math.factorial(k) for k in range(servers)) + top)
    assert erlang.erlang_c(servers, float(load)) == pytest.approx(float(exact), rel=1e-12)


def test_erlang_b_against_a_table():
    assert erlang.erlang_b(5, 3.0) == pytest.approx(2.025 / 18.4, abs=1e-12)


def _reaches_an_exit(network) -> bool:
    good = {n.id for n in network.exits}
    changed = True
    while changed:
        changed = False
        for r in network.routes:
            if r.target in good and r.source not in good:
                good.add(r.source)
                changed = True
    return all(n.id in good for n in network.nodes)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # no clock
@given(networks())
def test_shares_that_add_up_conserve_people(network):
    if not _reaches_an_exit(network):
        with pytest.raises(FlowError):
            solve(network)
        return
    flow = solve(network)
    reached = sum(e.people_per_week for e in flow.exits)
    assert reached == pytest.approx(flow.arriving_per_week, rel=1e-9)
    rate = throughputs(network, {n.id: n.arrivals.mean for n in network.nodes if n.arrivals})
    for node in network.nodes:  # every node's equation holds
        inflow = (node.arrivals.mean if node.arrivals else 0.0) + sum(
            rate[r.source] * r.share for r in network.routes if r.target == node.id
        )
        assert rate[node.id] == pytest.approx(inflow, rel=1e-9, abs=1e-12)
