"""A `Network` made a Ciw model, and one run of it.

Ciw's own classes throughout: its distributions for lengths of service and delays, `Schedule` for a
capacity that follows a calendar (no pre-emption: a person being seen when a clinic closes is seen
to the end), `PoissonIntervals` for arrivals that follow a calendar, exponential gaps for a constant
rate. The two queue limits and the transition delays are `simulation_nodes.StepNode`'s.
"""

from __future__ import annotations

from math import inf
from typing import Any

import ciw

from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution, Shape
from pathway_designer.flow.network import Network
from pathway_designer.flow.simulation_nodes import EntryNode, RunState, StepNode, StepSpec, Ways


def ciw_distribution(dist: Distribution | None) -> Any:
    """The Ciw distribution drawing the same times (hours); none is no time at all."""
    if dist is None:
        return ciw.dists.Deterministic(0.0)
    a = dist.params[0]
    if dist.shape is Shape.FIXED:
        return ciw.dists.Deterministic(a)
    if dist.shape is Shape.EXPONENTIAL:
        return ciw.dists.Exponential(1 / a)
    b = dist.params[1]
    if dist.shape is Shape.LOGNORMAL:
        return ciw.dists.Lognormal(a, b)
    if dist.shape is Shape.GAMMA:
        return ciw.dists.Gamma(a, b)
    if dist.shape is Shape.WEIBULL:
        return ciw.dists.Weibull(b, a)  # Ciw takes the scale first
    return ciw.dists.Uniform(a, b)


def ciw_servers(capacity: Calendar | None) -> Any:
    """A number of places, infinity for no limit, or a Ciw schedule that repeats the calendar."""
    if capacity is None:
        return inf
    if capacity.is_constant:
        return round(capacity.periods[0].value)
    return ciw.Schedule(
        numbers_of_servers=[round(p.value) for p in capacity.periods],
        shift_end_dates=[p.end for p in capacity.periods],
        preemption=False,
    )


def ciw_arrivals(arrivals: Calendar | None, horizon: float) -> Any:
    """Poisson arrivals at the calendar's rate per hour; None for a step nobody enters directly.
    Built after seeding: PoissonIntervals draws its dates when made."""
    if arrivals is None or arrivals.peak <= 0:
        return None
    if arrivals.cycle == inf:
        return ciw.dists.Exponential(arrivals.periods[0].value)
    return ciw.dists.PoissonIntervals(
        rates=[p.value for p in arrivals.periods],
        endpoints=[p.end for p in arrivals.periods],
        max_sample_date=horizon,
    )


def _limit(value: int | None) -> float:
    return inf if value is None else float(value)


def build(network: Network, horizon: float, warm_up: float = 0.0) -> tuple[Any, RunState]:
    """The Ciw network of `network` for a run of `horizon` hours, and the state its nodes share;
    calendars start at the end of the `warm_up` (hours), as PathSimR's do."""
    services = network.services
    index = {n.id: i + 1 for i, n in enumerate(services)}
    exit_ids = [n.id for n in network.exits]
    specs, routers = [], []
    for node in services:
        targets, shares, exit_index = [], [], []
        delays: dict[int, Any] = {}
        exit_delays: dict[int, Any] = {}
        for route in network.routes_from(node.id):
            target = index.get(route.target, -1)
            way_out = exit_ids.index(route.target) if target == -1 else -1
            targets.append(target)
            shares.append(route.share)
            exit_index.append(way_out)
            if route.delay is not None and route.delay.mean > 0:
                # every way out is Ciw's one exit node: its delay is known by which way out
                if target == -1:
                    exit_delays[way_out] = ciw_distribution(route.delay)
                else:
                    delays[target] = ciw_distribution(route.delay)
        routers.append(Ways(targets, shares, exit_index))
        specs.append(StepSpec(_limit(node.outside_queue_limit), _limit(node.inside_queue_limit),
                              delays, exit_delays))
    model = ciw.create_network(
        arrival_distributions=[ciw_arrivals(n.arrivals and n.arrivals.shifted(warm_up), horizon)
                               for n in services],
        service_distributions=[ciw_distribution(n.service) for n in services],
        number_of_servers=[ciw_servers(n.capacity and n.capacity.shifted(warm_up))
                           for n in services],
        routing=ciw.routing.NetworkRouting(routers=routers),
    )
    state = RunState(specs=specs, exit_ids=exit_ids)
    model.pathway = state
    return model, state


def run(network: Network, horizon: float, seed: int, warm_up: float = 0.0
        ) -> tuple[Any, RunState]:
    """One run of `horizon` hours from empty, seeded: the finished Ciw simulation and its state."""
    ciw.seed(seed)
    model, state = build(network, horizon, warm_up)
    sim = ciw.Simulation(model, node_class=StepNode, arrival_node_class=EntryNode)
    sim.simulate_until_max_time(horizon)
    return sim, state
