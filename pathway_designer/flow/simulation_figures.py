"""The figures of one run, over the period after the warm-up, as PathSimR defines them.

Per step: wait (arrival to the start of service), active service, capacity delay (blocked after
service because the next step was full), transition delay, length of stay (start of service to
leaving: the three before), delay to transfer (capacity + transition delay); occupancy over time
(people in service or holding their place), bed occupancy (the same plus places held for people on
their way), queue (people waiting to start), people turned away and the rejection rate. People still
in a step at the end count in the figures over time, and in each time whose two events both happened
after the warm-up (a wait, a service), as PathSimR counts them.

Figures in hours; a figure with nobody to measure is None.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pathway_designer.flow.network import Network
from pathway_designer.flow.simulation_nodes import RunState

# Figures per step, with PathSimR's names; "_p95" a 95th percentile, "_p50" a median
STEP_FIGURES = (
    "arrivals", "wait", "wait_p95", "active_service", "capacity_delay", "transition_delay",
    "length_of_stay", "delay_to_transfer", "time_in_step", "occupancy", "occupancy_p50",
    "occupancy_p95", "bed_occupancy", "queue", "queue_p95", "turned_away", "rejection_rate",
    "within_wait_standard",
)
# Figures of the whole pathway
# "time_in_system_by_visits" is PathSimR's total time in system: its mean counts each person once
# for every step they passed, so long journeys weigh more (14.8 days against 9.2 per person on its
# stroke model); kept beside the mean per person so a modeller can compare like with like
PATHWAY_FIGURES = ("entered", "finished", "turned_away", "time_in_system", "time_in_system_p95",
                   "time_in_system_by_visits")


@dataclass(frozen=True)
class RunFigures:
    """One run's figures: per step id, per exit id (people reaching it), and of the pathway."""

    steps: dict[str, dict[str, float | None]]
    exits: dict[str, float]
    pathway: dict[str, float | None]


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation between order statistics."""
    if not values:
        return None
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def levels(intervals: list[tuple[float, float]], start: float, end: float) -> dict[int, float]:
    """How long (hours) the count of open intervals stood at each level within [start, end]."""
    changes: dict[float, int] = defaultdict(int)
    for a, b in intervals:
        a, b = max(a, start), min(b, end)
        if b > a:
            changes[a] += 1
            changes[b] -= 1
    held: dict[int, float] = defaultdict(float)
    level, at = 0, start
    for t in sorted(changes):
        held[level] += t - at
        level += changes[t]
        at = t
    held[level] += end - at
    return held


def level_mean(held: dict[int, float]) -> float | None:
    total = sum(held.values())
    return sum(k * d for k, d in held.items()) / total if total > 0 else None


def level_percentile(held: dict[int, float], q: float) -> float | None:
    """The smallest level that the count stood at or below for q% of the time."""
    total = sum(held.values())
    if total <= 0:
        return None
    running = 0.0
    for k in sorted(held):
        running += held[k]
        if running >= total * q / 100 - 1e-12:
            return float(k)
    return float(max(held))


def run_figures(network: Network, sim: Any, state: RunState, warm_up: float,
                horizon: float) -> RunFigures:
    """The figures of a finished run (`simulation_model.run`) from `warm_up` to `horizon` hours."""
    span = horizon - warm_up
    nodes = sim.transitive_nodes
    held_for: dict[int, list[tuple[float, float]]] = defaultdict(list)
    present: dict[int, list[Any]] = defaultdict(list)
    for node in nodes:
        for ind in node.all_individuals:
            present[node.id_number].append(ind)
            target = getattr(ind, "transit_to", None)
            if target is not None and target in nodes:
                held_for[target.id_number].append((ind.transit_start, horizon))
    steps: dict[str, dict[str, float | None]] = {}
    for spec, node in zip(network.services, nodes, strict=True):
        visits = [v for v in node.visits if v[0] >= warm_up]
        waiting_at_end = present[node.id_number]
        events = [_events(v) for v in node.visits] + [_events_so_far(i) for i in waiting_at_end]
        started = _spans(events, 0, 1, warm_up)
        blocked = _spans(events, 2, 3, warm_up)
        transit = _spans(events, 3, 4, warm_up)
        stay = _spans(events, 1, 4, warm_up)
        queue_spans = [(v[0], v[1]) for v in node.visits]
        place_spans = [(v[1], v[4]) for v in node.visits]
        for ind in waiting_at_end:
            if ind.service_start_date is False:
                queue_spans.append((ind.arrival_date, horizon))
            else:
                queue_spans.append((ind.arrival_date, ind.service_start_date))
                place_spans.append((ind.service_start_date, horizon))
        occupancy = levels(place_spans, warm_up, horizon)
        queue = levels(queue_spans, warm_up, horizon)
        reserved = levels(node.reservations + held_for[node.id_number], warm_up, horizon)
        turned = sum(1 for t in node.turned_away if t >= warm_up)
        standard = spec.wait_standard
        steps[spec.id] = {
            "arrivals": float(len([v for v in node.visits if v[0] >= warm_up])
                              + len([i for i in waiting_at_end if i.arrival_date >= warm_up])),
            "wait": mean(started),
            "wait_p95": percentile(started, 95),
            "active_service": mean(_spans(events, 1, 2, warm_up)),
            "capacity_delay": mean(blocked),
            "transition_delay": mean(transit),
            "length_of_stay": mean(stay),
            "delay_to_transfer": mean(_spans(events, 2, 4, warm_up)),
            "time_in_step": mean([v[4] - v[0] for v in visits]),
            "occupancy": level_mean(occupancy),
            "occupancy_p50": level_percentile(occupancy, 50),
            "occupancy_p95": level_percentile(occupancy, 95),
            "bed_occupancy": _sum_or_none(level_mean(occupancy), level_mean(reserved)),
            "queue": level_mean(queue),
            "queue_p95": level_percentile(queue, 95),
            "turned_away": float(turned),
            "rejection_rate": turned / span if span > 0 else None,
            "within_wait_standard": (
                sum(1 for w in started if w <= standard + 1e-9) / len(started)
                if standard is not None and started else None),
        }
    journeys = [j for j in state.journeys if j[0] >= warm_up]
    exits = {exit_id: 0.0 for exit_id in state.exit_ids}
    for j in journeys:
        if j[2] >= 0:
            exits[state.exit_ids[j[2]]] += 1
    times = [j[1] - j[0] for j in journeys]
    passed = sum(j[3] for j in journeys)
    turned_total = sum(steps[s.id]["turned_away"] or 0.0 for s in network.services)
    pathway: dict[str, float | None] = {
        "entered": float(sum(1 for t in state.entries if t >= warm_up)),
        "finished": float(len(journeys)),
        "turned_away": turned_total,
        "time_in_system": mean(times),
        "time_in_system_p95": percentile(times, 95),
        "time_in_system_by_visits": (
            sum((j[1] - j[0]) * j[3] for j in journeys) / passed if passed else None),
    }
    return RunFigures(steps=steps, exits=exits, pathway=pathway)


# A visit's events, PathSimR's five: arrival, start of service, end of service, start of the
# transition delay (the moment of leaving when there is none) and leaving; None: not yet
Events = tuple[float, float | None, float | None, float | None, float | None]


def _events(visit: tuple[float, float, float, float | None, float]) -> Events:
    arrival, start, end, transit, left = visit
    return arrival, start, end, left if transit is None else transit, left


def _events_so_far(ind: Any) -> Events:
    """The events of someone still at the step when the run ends."""
    if ind.service_start_date is False:
        return ind.arrival_date, None, None, None, None
    if getattr(ind, "transit_to", None) is not None:  # on their way: their place still held
        return ind.arrival_date, ind.service_start_date, ind.service_done, ind.transit_start, None
    if ind.is_blocked:
        return ind.arrival_date, ind.service_start_date, ind.service_done, None, None
    return ind.arrival_date, ind.service_start_date, None, None, None


def _spans(events: list[Events], first: int, then: int, warm_up: float) -> list[float]:
    """The time from one event to a later one, for every visit in which both happened after the
    warm-up: PathSimR measures each time on its own, so someone blocked when the run ends counts
    in the wait and the service, not yet in the delays or the length of stay."""
    spans = []
    for e in events:
        a, b = e[first], e[then]
        if a is not None and b is not None and a >= warm_up:
            spans.append(b - a)
    return spans


def _sum_or_none(a: float | None, b: float | None) -> float | None:
    return None if a is None else a + (b or 0.0)
