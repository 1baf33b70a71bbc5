"""The simulation's rules, checked on what happened in runs: blocking with a full step ahead
(nobody lost from inside), the two queue limits, calendars (nobody starts while a clinic is
closed), transition delays holding a place, Little's law on every step, the same figures whatever
the number of workers."""

from __future__ import annotations

import pytest

from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution, Shape
from pathway_designer.flow.network import Network, Node, Route
from pathway_designer.flow.simulation import SimulationError, simulate
from pathway_designer.flow.simulation_figures import levels, run_figures
from pathway_designer.flow.simulation_model import run

from .flow_networks import HORIZON, chain, day_clinic, one_step, places, two_steps


def test_a_full_ward_blocks_people_in_the_clinic_and_loses_nobody() -> None:
    network = chain(ward_inside_limit=0)
    sim, state = run(network, HORIZON, 4)
    _clinic, ward = sim.transitive_nodes
    assert max(levels(places(ward, HORIZON), 0, HORIZON)) <= 1  # never more than its one bed
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
