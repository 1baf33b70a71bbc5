"""The simulation's rules, checked on what happened in runs: blocking with a full step ahead
(nobody lost from inside), the two queue limits, calendars (nobody starts while a clinic is
closed), transition delays holding a place, Little's law on every step, the same figures whatever
the number of workers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution, Shape
from pathway_designer.flow.network import Network, Node, Route
from pathway_designer.flow.simulation import SimulationError, simulate
from pathway_designer.flow.simulation_figures import levels, run_figures
from pathway_designer.flow.simulation_model import run

from .flow_networks import chain, day_clinic, one_step, two_steps
from .strategies import networks

HORIZON = 3000.0


def _places(node: object, horizon: float) -> list[tuple[float, float]]:
    """(start, leave) of everyone who started at a Ciw node, those still there until the end."""
    spans = [(v[1], v[4]) for v in node.visits]  # type: ignore[attr-defined]
    spans += [(i.service_start_date, horizon) for i in node.all_individuals  # type: ignore[attr-defined]
              if i.service_start_date is not False]
    return spans


def test_a_full_ward_blocks_people_in_the_clinic_and_loses_nobody() -> None:
    network = chain(ward_inside_limit=0)
    sim, state = run(network, HORIZON, 4)
    _clinic, ward = sim.transitive_nodes
    assert max(levels(_places(ward, HORIZON), 0, HORIZON)) <= 1  # never more than its one bed
    assert ward.turned_away == []  # people from inside are never turned away
    figures = run_figures(network, sim, state, 0.0, HORIZON)
    assert figures.steps["clinic"]["capacity_delay"] > 0.1  # type: ignore[operator]
    assert figures.steps["ward"]["queue"] == 0  # nobody may wait for the ward
    still_inside = sum(len(n.all_individuals) for n in sim.transitive_nodes)
    assert len(state.entries) == len(state.journeys) + still_inside


def test_room_to_wait_at_the_ward_means_no_blocking() -> None:
    figures = simulate(chain(ward_inside_limit=None), days=60, runs=2, seed=3)
    assert figures.step("clinic").figures["capacity_delay"].mean == 0
    assert (figures.step("ward").figures["queue"].mean or 0) > 0


def test_the_inside_limit_caps_the_queue_and_blocks_beyond_it() -> None:
    network = chain(ward_inside_limit=2)
    sim, _ = run(network, HORIZON, 9)
    ward = sim.transitive_nodes[1]
    queue = [(v[0], v[1]) for v in ward.visits]
    assert max(levels(queue, 0, HORIZON)) == 2  # reached, never passed


def test_the_outside_limit_turns_people_away_only_when_the_queue_is_full() -> None:
    network = one_step(1.8, 1.0, 2, outside_limit=3)
    sim, _ = run(network, HORIZON, 6)
    clinic = sim.transitive_nodes[0]
    queue = [(v[0], v[1]) for v in clinic.visits]
    queue += [(i.arrival_date, i.service_start_date or HORIZON) for i in clinic.all_individuals]
    assert max(levels(queue, 0, HORIZON)) == 3
    assert clinic.turned_away
    for t in clinic.turned_away:  # at each turning away, three were waiting
        assert sum(1 for a, b in queue if a < t <= b) == 3


def test_outside_limits_do_not_turn_away_people_from_inside() -> None:
    """A ward that turns away outside arrivals beyond 0 waiting still takes (or blocks) people
    from the clinic: the two limits are separate."""
    base = chain(ward_inside_limit=4)
    ward = base.node("ward")
    nodes = (base.node("clinic"),
             Node("ward", "Ward", capacity=ward.capacity, service=ward.service,
                  arrivals=Calendar.constant(0.2), outside_queue_limit=0, inside_queue_limit=4),
             base.node("home"))
    sim, _ = run(Network(nodes=nodes, routes=base.routes), HORIZON, 2)
    ward_node = sim.transitive_nodes[1]
    queue = [(v[0], v[1]) for v in ward_node.visits]
    assert ward_node.turned_away
    assert max(levels(queue, 0, HORIZON)) == 4


def test_nobody_starts_while_the_clinic_is_closed() -> None:
    network = day_clinic()
    sim, _ = run(network, 24 * 30, 1)
    starts = [v[1] % 24 for v in sim.transitive_nodes[0].visits]
    assert starts and all(8 - 1e-9 <= s <= 17 + 1e-9 for s in starts)
    # people being seen at 17:00 are seen to the end; a queue builds at night
    figures = simulate(network, days=20, runs=2, seed=1)
    assert (figures.step("clinic").figures["wait"].mean or 0) > 1


def test_arrivals_follow_their_calendar() -> None:
    from pathway_designer.flow.calendar import Period

    network = Network(
        nodes=(Node("clinic", "Clinic", capacity=None, service=Distribution.fixed(0.1),
                    arrivals=Calendar((Period(0, 12, 0), Period(12, 24, 2.0)))),
               Node("home", "Home", is_exit=True)),
        routes=(Route("clinic", "home", 1.0),),
    )
    _sim, state = run(network, 24 * 40, 3)
    assert state.entries and all(t % 24 >= 12 for t in state.entries)
    assert 0.8 * 24 * 40 < len(state.entries) < 1.2 * 24 * 40  # 2 an hour for 12 hours a day


def test_a_transition_delay_keeps_the_place_and_holds_one_ahead() -> None:
    network = chain(ward_inside_limit=None, delay=Distribution.fixed(2.0), ward_places=3,
                    ward_mean=1.0)
    result = simulate(network, days=60, warm_up_days=2, runs=3, seed=4)
    ward = result.step("ward").figures
    assert ward["transition_delay"].mean == pytest.approx(2.0)
    # 0.2 an hour each holding the ward's place 1 hour being seen + 2 hours waiting to go home
    assert ward["occupancy"].mean == pytest.approx(0.2 * 3.0, rel=0.15)
    assert ward["length_of_stay"].mean == pytest.approx(3.0, rel=0.1)


def test_places_held_ahead_count_in_bed_occupancy() -> None:
    network = two_steps(Node("ward", "Ward", capacity=Calendar.constant(2),
                             service=Distribution.exponential(1.0), arrivals=Calendar.constant(0.5)),
                        Node("rehab", "Rehab", capacity=Calendar.constant(5),
                             service=Distribution.fixed(1.0)),
                        Distribution.fixed(1.0))
    rehab = simulate(network, days=60, runs=2, seed=2).step("rehab").figures
    assert rehab["occupancy"].mean == pytest.approx(0.5, rel=0.15)
    assert rehab["bed_occupancy"].mean == pytest.approx(1.0, rel=0.15)  # + 0.5 held for 1 hour


def test_littles_law_on_every_step() -> None:
    """People at a step (waiting or holding a place) = arrival rate x time at the step."""
    network = chain(ward_inside_limit=1, delay=Distribution(Shape.UNIFORM, (0.5, 1.0)))
    result = simulate(network, days=200, warm_up_days=5, runs=1, seed=7)
    for step in result.steps:
        f = step.figures
        rate = (f["arrivals"].mean or 0) / (200 * 24)
        people = (f["queue"].mean or 0) + (f["occupancy"].mean or 0)
        assert people == pytest.approx(rate * (f["time_in_step"].mean or 0), rel=0.03), step.label


@pytest.mark.slow
def test_the_same_seed_gives_the_same_figures_whatever_the_workers() -> None:
    network = chain(ward_inside_limit=0, delay=Distribution.fixed(0.5))
    alone = simulate(network, days=20, warm_up_days=1, runs=4, seed=42, workers=1)
    shared = simulate(network, days=20, warm_up_days=1, runs=4, seed=42, workers=2)
    assert alone == shared
    assert simulate(network, days=20, warm_up_days=1, runs=4, seed=43) != alone


def test_workers_are_forked_only_from_a_process_with_no_other_thread() -> None:
    """The app's server has threads: its workers are spawned, and give the same figures."""
    import threading

    from pathway_designer.flow.simulation import _start_method

    network = chain(ward_inside_limit=0, delay=Distribution.fixed(0.5))
    alone = simulate(network, days=10, runs=2, seed=5, workers=1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert _start_method() == "spawn"
        assert simulate(network, days=10, runs=2, seed=5, workers=2) == alone
    finally:
        stop.set()
        other.join()
    if threading.active_count() == 1:  # pytest itself may run threads
        assert _start_method() == "fork"


def test_progress_is_told_after_each_run() -> None:
    told: list[tuple[int, int]] = []
    simulate(one_step(0.5, 1.0, 1), days=2, runs=3, seed=1, progress=lambda d, n: told.append((d, n)))
    assert told == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize("settings", [
    {"days": 0}, {"days": 10, "runs": 0}, {"days": 10, "warm_up_days": -1},
    {"days": 10, "workers": 0}, {"days": 1e9},
])
def test_settings_that_cannot_run_are_refused_in_words(settings: dict[str, float]) -> None:
    with pytest.raises(SimulationError):
        simulate(one_step(0.5, 1.0, 1), **settings)  # type: ignore[arg-type]


def test_a_network_with_shares_not_adding_up_is_refused() -> None:
    network = Network(nodes=one_step(0.5, 1.0, 1).nodes, routes=(Route("clinic", "home", 0.5),))
    with pytest.raises(SimulationError, match="add up"):
        simulate(network, days=1)


def test_a_worker_that_cannot_start_never_hangs_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # a spawned worker that dies at once (here: its start-up breaks) gives the same figures
    import multiprocessing

    network = chain(ward_inside_limit=0, delay=Distribution.fixed(0.5))
    alone = simulate(network, days=5, runs=3, seed=7, workers=1)
    real = multiprocessing.get_context

    class Dying:
        def __getattr__(self, name: str) -> object:
            return getattr(real("spawn"), name)

        def Process(self, *args: object, **kwargs: object) -> object:
            kwargs["target"] = _die
            kwargs.pop("args", None)
            return real("spawn").Process(*args, **kwargs)

    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: Dying())
    told: list[tuple[int, int]] = []
    shared = simulate(network, days=5, runs=3, seed=7, workers=2,
                      progress=lambda d, n: told.append((d, n)))
    assert shared == alone
    assert told[-1] == (3, 3)


def _die() -> None:
    import os

    os._exit(3)


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
    held = _places(ward, HORIZON) + ward.reservations
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
        held = _places(node, horizon) + node.reservations
        held += [(i.transit_start, horizon) for n in sim.transitive_nodes
                 for i in n.all_individuals if getattr(i, "transit_to", None) is node]
        assert max(levels(held, 0, horizon), default=0) <= spec.capacity.periods[0].value
