"""The simulation decides as PathSimR does where Ciw alone would not: each way out's own delay, a
delay only with a place to hold, a held place kept for its person, a freed place to whoever waited
longest, each time counted when its two events came after the warm-up, calendars starting at the
end of the warm-up, PathSimR's time in system; and any random network runs and loses nobody."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution
from pathway_designer.flow.network import Network, Node, Route
from pathway_designer.flow.simulation_figures import levels, run_figures
from pathway_designer.flow.simulation_model import run

from .flow_networks import HORIZON, day_clinic, places, two_steps
from .strategies import networks


def test_each_way_out_keeps_its_own_transition_delay() -> None:
    """Ciw has one exit node for every way out: a delay home must not become the delay of the
    other ways out (PathSimR's stroke model has a different discharge delay to each)."""
    network = Network(
        nodes=(
            Node("ward", "Ward", capacity=Calendar.constant(50),
                 service=Distribution.exponential(1.0), arrivals=Calendar.constant(1.0)),
            Node("home", "Home", is_exit=True),
            Node("care-home", "Care home", is_exit=True),
            Node("died", "Died", is_exit=True),
        ),
        routes=(Route("ward", "home", 0.5, Distribution.fixed(2.0)),
                Route("ward", "care-home", 0.25, Distribution.fixed(8.0)),
                Route("ward", "died", 0.25)),
    )
    sim, state = run(network, HORIZON, 2)
    ward = sim.transitive_nodes[0]
    by_delay: dict[float, int] = {}
    for visit in ward.visits:
        delay = round(visit[4] - visit[3], 9) if visit[3] is not None else 0.0
        by_delay[delay] = by_delay.get(delay, 0) + 1
    assert set(by_delay) == {0.0, 2.0, 8.0}
    total = sum(by_delay.values())
    assert by_delay[0.0] / total == pytest.approx(0.25, abs=0.04)
    assert by_delay[8.0] / total == pytest.approx(0.25, abs=0.04)
    figures = run_figures(network, sim, state, 0.0, HORIZON)
    # every visit counts, with 0 for a way out without a delay: 0.5 x 2 + 0.25 x 8 = 3 hours
    assert figures.steps["ward"]["transition_delay"] == pytest.approx(3.0, rel=0.1)


def test_a_delay_starts_only_with_a_free_place_ahead_else_the_queue_is_joined_at_once() -> None:
    """PathSimR's rule: a transition delay holds a place at the destination, so it starts only
    when one is free; a person who can only queue there joins the queue without the delay."""
    network = two_steps(Node("clinic", "Clinic", capacity=Calendar.constant(3),
                             service=Distribution.exponential(0.5), arrivals=Calendar.constant(0.25)),
                        Node("ward", "Ward", capacity=Calendar.constant(1),
                             service=Distribution.exponential(3.0)),
                        Distribution.fixed(2.0))
    sim, _ = run(network, HORIZON, 5)
    clinic, ward = sim.transitive_nodes
    to_ward = [v for v in clinic.visits if v[3] is not None]
    assert to_ward, "some people had a place free and waited 2 hours to go"
    held = places(ward, HORIZON) + ward.reservations
    for visit in to_ward:
        start = visit[3]
        others = sum(1 for a, b in held if a < start < b)
        assert others == 0, f"a delay started at {start:.2f} with the ward's place taken"
    queued = [v for v in ward.visits if v[1] - v[0] > 1e-9]
    assert queued, "people also joined the ward's queue without the delay"


def test_each_time_counts_when_its_two_events_happened_after_the_warm_up() -> None:
    """As PathSimR measures: someone blocked when the run ends has a wait and a service, but no
    capacity delay or length of stay yet; someone still waiting has neither."""
    from pathway_designer.flow.simulation_figures import _events, _events_so_far, _spans

    network = Network(
        nodes=(Node("clinic", "Clinic", capacity=Calendar.constant(1),
                    service=Distribution.fixed(1.0), arrivals=Calendar.constant(0.5)),
               Node("ward", "Ward", capacity=Calendar.constant(1),
                    service=Distribution.fixed(1e6), inside_queue_limit=0),
               Node("home", "Home", is_exit=True)),
        routes=(Route("clinic", "ward", 1.0), Route("ward", "home", 1.0)),
    )
    sim, _ = run(network, 100.0, 3)
    clinic = sim.transitive_nodes[0]
    assert len(clinic.visits) == 1  # the first went to the ward, which never frees its bed
    still = [_events_so_far(i) for i in clinic.all_individuals]
    blocked = [e for e in still if e[2] is not None]
    assert len(blocked) == 1 and blocked[0][3] is None  # seen, then blocked for good
    events = [_events(v) for v in clinic.visits] + still
    assert _spans(events, 1, 2, 0.0) == [1.0, 1.0]  # both services
    assert _spans(events, 1, 4, 0.0) == [1.0]  # one length of stay: the one who left
    assert len(_spans(events, 0, 1, 0.0)) == 2  # the others have not started
    assert _spans(events, 1, 2, clinic.visits[0][1] + 0.5) == [1.0]  # the first before warm-up


def test_pathsimrs_time_in_system_counts_a_person_once_for_each_step_passed() -> None:
    network = Network(
        nodes=(Node("clinic", "Clinic", capacity=None, service=Distribution.fixed(1.0),
                    arrivals=Calendar.constant(1.0)),
               Node("ward", "Ward", capacity=None, service=Distribution.fixed(10.0)),
               Node("home", "Home", is_exit=True)),
        routes=(Route("clinic", "home", 0.5), Route("clinic", "ward", 0.5),
                Route("ward", "home", 1.0)),
    )
    sim, state = run(network, HORIZON, 8)
    pathway = run_figures(network, sim, state, 0.0, HORIZON).pathway
    long = sum(1 for j in state.journeys if j[3] == 2) / len(state.journeys)
    assert {j[3] for j in state.journeys} == {1, 2}
    assert pathway["time_in_system"] == pytest.approx(1 + 10 * long)
    # (1 x 1 + 11 x 2 of every 2 people) / 3 visits, with the shares this run drew
    assert pathway["time_in_system_by_visits"] == pytest.approx(
        ((1 - long) * 1 + long * 11 * 2) / ((1 - long) + 2 * long))


def test_after_a_warm_up_of_part_of_a_day_the_clinic_still_opens_at_8() -> None:
    """The measured period starts at the calendar's hour 0 (PathSimR shifts its calendars by the
    warm-up): with 6 hours of warm-up, nobody starts at the clinic before 14:00 of the run."""
    network = day_clinic()
    sim, _ = run(network, 6 + 24 * 10, 1, warm_up=6.0)
    starts = [(v[1] - 6.0) % 24 for v in sim.transitive_nodes[0].visits]
    assert starts and all(8 - 1e-9 <= s <= 17 + 1e-9 for s in starts)


def test_an_interval_stays_within_what_the_figure_can_be() -> None:
    from pathway_designer.flow.simulation_results import Estimate

    wait = Estimate.of([0.0, 0.0, 0.0, 0.9])  # t's interval would reach below no wait
    assert wait.low == 0.0 and wait.high is not None and wait.high > 0.9 / 4
    share = Estimate.of([1.0, 1.0, 0.4], most=1.0)
    assert share.high == 1.0 and share.low is not None and share.low < 0.8
    change = Estimate.of([-1.0, 1.0])  # a figure that may be below 0 keeps t's interval
    assert change.low is not None and change.low < -1


def _busy_ward(*, delay: Distribution | None, inside_limit: int | None) -> Network:
    """A ward taking people from outside (who may queue) and from a clinic."""
    return two_steps(Node("clinic", "Clinic", capacity=Calendar.constant(2),
                          service=Distribution.exponential(1.0), arrivals=Calendar.constant(0.6)),
                     Node("ward", "Ward", capacity=Calendar.constant(2),
                          service=Distribution.exponential(2.5), arrivals=Calendar.constant(0.3),
                          inside_queue_limit=inside_limit),
                     delay, share=0.5)


def test_a_place_held_for_someone_on_their_way_is_theirs() -> None:
    sim, _ = run(_busy_ward(delay=Distribution.fixed(1.0), inside_limit=None), HORIZON, 6)
    ward = sim.transitive_nodes[1]
    came = {round(end, 9) for _start, end in ward.reservations}
    assert len(came) > 50
    arrived = [v for v in ward.visits if round(v[0], 9) in came]
    assert arrived and all(v[1] == v[0] for v in arrived)  # started the moment they came
    assert any(v[1] > v[0] for v in ward.visits)  # while others queued


def test_a_freed_place_goes_to_whoever_waited_longest_blocked_or_queued() -> None:
    sim, _ = run(_busy_ward(delay=None, inside_limit=0), HORIZON, 7)
    clinic, ward = sim.transitive_nodes
    blocked = [(v[2], v[4]) for v in clinic.visits if v[4] - v[2] > 1e-9]
    assert len(blocked) > 20
    queued = [v for v in ward.visits if v[1] - v[0] > 1e-9]
    assert queued
    for v in queued:  # nobody blocked since before they joined was still blocked as they started
        assert not any(b0 < v[0] and b1 > v[1] + 1e-9 for b0, b1 in blocked), v


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # no clock
@given(networks())
def test_any_network_runs_loses_nobody_and_never_overfills_a_step(network: Network) -> None:
    """Random networks with blocking, both limits, delays, calendars and loops: the run ends, the
    figures come out, everyone who came in has left or is still inside, and no step with a fixed
    number of places ever has more people holding one (places held ahead included)."""
    horizon = 100.0
    sim, state = run(network, horizon, 1)
    figures = run_figures(network, sim, state, 10.0, horizon)
    assert set(figures.steps) == {n.id for n in network.services}
    still_inside = sum(len(n.all_individuals) for n in sim.transitive_nodes)
    assert len(state.entries) == len(state.journeys) + still_inside
    for spec, node in zip(network.services, sim.transitive_nodes, strict=True):
        if spec.capacity is None or not spec.capacity.is_constant:
            continue
        held = places(node, horizon) + node.reservations
        held += [(i.transit_start, horizon) for n in sim.transitive_nodes
                 for i in n.all_individuals if getattr(i, "transit_to", None) is node]
        assert max(levels(held, 0, horizon), default=0) <= spec.capacity.periods[0].value
