"""A pathway's flow fields (and a scenario's changes) as a `Network` in hours: the one input of the
analytic solution, the simulation and PathSimR's templates.

Steps that are ways out, and steps with no way on, are exits. The shares of a step with one way on
need not be written (all go that way); a step with several says each way's share, one of which may
be `rest`. Anything that keeps the network from being solved is a `FlowError` in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Pathway, Step, StepKind, Transition
from ..model_flow import ArrivalPeriod, CapacityPeriod, QueueLimit, TimeUnit
from ..words import quoted
from .calendar import Calendar, CalendarError, Period
from .errors import FlowError
from .network import SHARE_TOLERANCE, Network, Node, Route
from .quantities import cost_of, hours, per_hour, share_of
from .scenarios import apply_scenario
from .times import distribution_of

STEP_FIELDS = ("spread", "arrivals", "capacity", "queue_limit", "cost")
WAY_FIELDS = ("share", "delay", "delay_spread")
UNIT_HOURS = {TimeUnit.HOURS: 1.0, TimeUnit.DAYS: 24.0, TimeUnit.WEEKS: 168.0}
NO_FLOW = (
    "This pathway does not say yet how many people arrive, how many each step can take or which "
    "share of people takes each way on, so there is nothing to work out."
)


def has_flow(pathway: Pathway) -> bool:
    """Whether the pathway has any flow field (or a scenario)."""
    return bool(pathway.scenarios) or any(
        getattr(s, f) is not None for s in pathway.steps for f in STEP_FIELDS
    ) or any(getattr(t, f) is not None for t in pathway.transitions for f in WAY_FIELDS)


def network_of(pathway: Pathway, scenario: str | None = None) -> Network:
    """The pathway (changed by the named scenario) as a queueing network in hours."""
    if scenario is not None:
        pathway = apply_scenario(pathway, scenario)
    if not has_flow(pathway):
        raise FlowError(NO_FLOW)
    steps = _first_of_each(pathway.steps)
    ways = ways_on(pathway)
    nodes: list[Node] = []
    routes: list[Route] = []
    for step in steps.values():
        out = ways.get(step.id, [])
        if step.kind is StepKind.EXIT or not out:
            nodes.append(Node(step.id, step.label, step.owner, is_exit=True))
            continue
        nodes.append(_node(step))
        for way, share in zip(out, shares(out, step.label), strict=True):
            delay = distribution_of(way.delay, way.delay_spread, _delay_words(steps, way))
            routes.append(Route(step.id, way.to, share, delay))
    unit = UNIT_HOURS[pathway.flow_unit] if pathway.flow_unit else 1.0
    network = Network(tuple(nodes), tuple(routes), time_unit_hours=unit)
    if not any(n.arrivals is not None and n.arrivals.peak > 0 for n in nodes):
        raise FlowError(
            "No step says how many people arrive (arrivals, such as 36/w on a way in), so nobody "
            "goes through the pathway."
        )
    problems = network.problems()
    if problems:
        raise FlowError("The flow cannot be worked out: " + "; ".join(problems) + ".")
    return network


def _first_of_each(steps: Sequence[Step]) -> dict[str, Step]:
    first: dict[str, Step] = {}
    for step in steps:
        first.setdefault(step.id, step)
    return first


def ways_on(pathway: Pathway) -> dict[str, list[Transition]]:
    """The ways on from each step to a step of the pathway, in file order."""
    known = {s.id for s in pathway.steps}
    found: dict[str, list[Transition]] = {}
    for t in pathway.transitions:
        if t.to in known:
            found.setdefault(t.from_, []).append(t)
    return found


def shares(ways: Sequence[Transition], label: str) -> list[float]:
    """The share of people leaving a step who take each way on, adding up to 1."""
    if len(ways) == 1 and ways[0].share is None:
        return [1.0]
    given = [share_of(w.share) if w.share is not None else None for w in ways]
    rests = [w for w in ways if w.share == "rest"]
    where = quoted(label)
    if len(rests) > 1:
        raise FlowError(f"More than one way on from {where} takes the rest: only one can.")
    if any(w.share is None for w in ways):
        raise FlowError(
            f"Say which share of the people leaving {where} takes each way on (one may take the rest)."
        )
    known = sum(g for g in given if g is not None)
    if rests:
        if known > 1 + SHARE_TOLERANCE:
            raise FlowError(f"The shares of the people leaving {where} add up to more than 100%.")
        return [max(0.0, 1 - known) if g is None else g for g in given]
    if abs(known - 1) > SHARE_TOLERANCE:
        raise FlowError(
            f"The shares of the people leaving {where} add up to {known * 100:.4g}%, not 100%."
        )
    return [g for g in given if g is not None]


def _delay_words(steps: dict[str, Step], way: Transition) -> str:
    return f"the delay from {quoted(steps[way.from_].label)} to {quoted(steps[way.to].label)}"


def _node(step: Step) -> Node:
    where = quoted(step.label)
    outside, inside = _queue_limits(step.queue_limit)
    per_person, per_day = _costs(step.cost)
    return Node(
        id=step.id,
        label=step.label,
        organisation=step.owner,
        capacity=_calendar(step.capacity, where, "places") if step.capacity is not None else None,
        service=distribution_of(step.duration, step.spread, f"the duration of {where}"),
        arrivals=_calendar(step.arrivals, where, "arrivals") if step.arrivals is not None else None,
        outside_queue_limit=outside,
        inside_queue_limit=inside,
        cost_per_person=per_person,
        cost_per_day=per_day,
        wait_standard=hours(step.wait) if step.wait else None,
    )


def _calendar(
    written: int | str | list[CapacityPeriod] | list[ArrivalPeriod], where: str, what: str
) -> Calendar:
    if isinstance(written, int):
        return Calendar.constant(written)
    if isinstance(written, str):
        return Calendar.constant(per_hour(written))
    periods = [
        Period(
            hours(p.from_),
            hours(p.to),
            float(p.places) if isinstance(p, CapacityPeriod) else per_hour(p.rate),
        )
        for p in written
    ]
    try:
        return Calendar(tuple(periods))
    except CalendarError as exc:
        raise FlowError(f"The {what} calendar of {where}: {exc} (the first from 0h).") from None


def _queue_limits(limit: int | QueueLimit | None) -> tuple[int | None, int | None]:
    if limit is None or isinstance(limit, int):
        return limit, limit
    return limit.from_outside, limit.from_other_steps


def _costs(cost: str | list[str] | None) -> tuple[float | None, float | None]:
    written = [cost] if isinstance(cost, str) else cost or []
    sums: dict[str, float] = {}
    for item in written:
        pounds, per = cost_of(item)
        sums[per] = sums.get(per, 0.0) + pounds
    return sums.get("person"), sums.get("day")
