"""The flow of a pathway worked out on paper (no simulation): people per week through each step and
reaching each way out, the load on each step against its places, the bottlenecks, the waits by
Erlang C (which assumes exponential times), and what it costs, per person and by organisation.

Everything is in hours inside; results are per week (people, pounds) and in hours (waits), with
a year of 365.25 days.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model import Pathway
from . import erlang
from .from_pathway import network_of
from .network import Network, Node
from .traffic import throughputs

WEEK = 168.0
WEEKS_A_YEAR = 365.25 / 7
BUSY = 0.85  # a step this full or fuller is listed among the bottlenecks


@dataclass(frozen=True)
class StepFlow:
    """One step's figures (a service node of the network)."""

    id: str
    label: str
    organisation: str | None
    people_per_week: float
    arriving_per_week: float  # from outside the pathway
    load: float  # people in the step on average (offered load: in service or waiting to move on)
    places: float | None  # time-averaged places at once; None: no limit
    servers: int | None  # places used by Erlang C (whole, from the average)
    utilisation: float | None  # load / places; None with no limit; inf with no places
    chance_of_waiting: float | None  # Erlang C; None with no limit
    mean_wait_hours: float  # 0 with no limit; inf when the step cannot keep up
    wait_standard_hours: float | None
    within_standard: float | None  # share starting within the wait standard
    cost_per_week: float

    @property
    def keeps_up(self) -> bool:
        return self.utilisation is None or self.utilisation < 1


@dataclass(frozen=True)
class ExitFlow:
    id: str
    label: str
    people_per_week: float


@dataclass(frozen=True)
class OrganisationFlow:
    id: str | None  # None: steps nobody is responsible for
    name: str
    people_per_week: float  # through its steps (a person counted at each step)
    load: float
    cost_per_week: float

    @property
    def cost_per_year(self) -> float:
        return self.cost_per_week * WEEKS_A_YEAR


@dataclass(frozen=True)
class FlowResult:
    title: str
    scenario: str | None
    arriving_per_week: float
    steps: tuple[StepFlow, ...]
    exits: tuple[ExitFlow, ...]
    bottlenecks: tuple[str, ...]  # step ids, fullest first (utilisation ≥ BUSY)
    steps_per_person: float
    handoffs_per_person: float
    cost_per_week: float
    organisations: tuple[OrganisationFlow, ...]

    @property
    def cost_per_person(self) -> float:
        return self.cost_per_week / self.arriving_per_week if self.arriving_per_week else 0.0

    @property
    def cost_per_year(self) -> float:
        return self.cost_per_week * WEEKS_A_YEAR

    @property
    def unstable(self) -> tuple[StepFlow, ...]:
        return tuple(s for s in self.steps if not s.keeps_up)

    def step(self, step_id: str) -> StepFlow:
        return next(s for s in self.steps if s.id == step_id)


def flow_of(pathway: Pathway, scenario: str | None = None) -> FlowResult:
    """The pathway's flow (changed by the named scenario); raises FlowError in plain words."""
    network = network_of(pathway, scenario)
    names = {o.id: o.name for o in pathway.organisations}
    return solve(network, title=pathway.title, scenario=scenario, names=names)


def solve(
    network: Network, *, title: str = "", scenario: str | None = None, names: dict[str, str] | None = None
) -> FlowResult:
    """The analytic flow of a network (see the module's docstring)."""
    arrivals = {n.id: n.arrivals.mean for n in network.nodes if n.arrivals is not None}
    rate = throughputs(network, arrivals)
    delays = {n.id: 0.0 for n in network.nodes}
    handoffs = 0.0
    for r in network.routes:
        if r.delay is not None:
            delays[r.source] += r.share * r.delay.mean
        a, b = network.node(r.source).organisation, network.node(r.target).organisation
        if a and b and a != b:
            handoffs += rate[r.source] * r.share
    steps = tuple(_step(n, rate[n.id], arrivals.get(n.id, 0.0), delays[n.id]) for n in network.services)
    exits = tuple(ExitFlow(n.id, n.label, rate[n.id] * WEEK) for n in network.exits)
    arriving = sum(arrivals.values())
    busy = sorted(
        (s for s in steps if s.utilisation is not None and s.utilisation >= BUSY),
        key=lambda s: (-s.utilisation if s.utilisation is not None else 0.0, s.label),
    )
    per_person = (lambda x: x / arriving) if arriving else (lambda x: 0.0)
    return FlowResult(
        title=title,
        scenario=scenario,
        arriving_per_week=arriving * WEEK,
        steps=steps,
        exits=exits,
        bottlenecks=tuple(s.id for s in busy),
        steps_per_person=per_person(sum(rate[n.id] for n in network.services)),
        handoffs_per_person=per_person(handoffs),
        cost_per_week=sum(s.cost_per_week for s in steps),
        organisations=_by_organisation(steps, names or {}),
    )


def _step(node: Node, rate: float, arriving: float, delay: float) -> StepFlow:
    service = node.service.mean if node.service is not None else 0.0
    held = service + delay  # the place is kept while waiting to move on
    load = rate * held
    places = node.capacity.mean if node.capacity is not None else None
    servers = utilisation = chance = wait = within = None
    if places is not None:
        servers = max(1, math.floor(places)) if places > 0 else 0
        utilisation = load / places if places > 0 else (math.inf if load > 0 else 0.0)
        if servers == 0:
            chance, wait = (1.0, math.inf) if load > 0 else (0.0, 0.0)
        else:
            chance = erlang.erlang_c(servers, load)
            wait = erlang.mean_wait(servers, load, held)
        if node.wait_standard is not None:
            within = erlang.within(servers, load, held, node.wait_standard) if servers else (
                0.0 if load > 0 else 1.0
            )
    else:  # no limit: everyone starts at once
        wait = 0.0
        within = 1.0 if node.wait_standard is not None else None
    cost = rate * WEEK * (node.cost_per_person or 0.0) + load * 7 * (node.cost_per_day or 0.0)
    return StepFlow(
        id=node.id, label=node.label, organisation=node.organisation, people_per_week=rate * WEEK,
        arriving_per_week=arriving * WEEK, load=load, places=places, servers=servers,
        utilisation=utilisation, chance_of_waiting=chance, mean_wait_hours=wait,
        wait_standard_hours=node.wait_standard, within_standard=within, cost_per_week=cost,
    )


def _by_organisation(steps: tuple[StepFlow, ...], names: dict[str, str]) -> tuple[OrganisationFlow, ...]:
    totals: dict[str | None, list[float]] = {}
    for s in steps:
        t = totals.setdefault(s.organisation, [0.0, 0.0, 0.0])
        t[0] += s.people_per_week
        t[1] += s.load
        t[2] += s.cost_per_week
    return tuple(
        OrganisationFlow(org, names.get(org, org) if org else "", *figures)
        for org, figures in sorted(totals.items(), key=lambda item: -item[1][2])
    )
