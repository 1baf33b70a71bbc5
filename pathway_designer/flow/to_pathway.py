"""A `Network` (read from PathSimR's templates, say) written as a pathway with the flow fields, so
that every figure of every node and route reads back exactly (`network_of` gives the same network).

Exits become ways out; a node with people arriving from outside is a way in; the others are help or
treatment. A node's organisation that is not among those given becomes a partner named by its id.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import (
    Organisation,
    Pathway,
    Role,
    Step,
    StepKind,
    Transition,
)
from ..model_flow import ArrivalPeriod, CapacityPeriod, QueueLimit, TimeUnit
from .calendar import Calendar
from .errors import FlowError
from .network import Network, Node, Route
from .quantities import cost_text, rate_text, share_text, time_text
from .times import written

LABEL_LIMIT = 120
_UNITS = {1.0: None, 24.0: TimeUnit.DAYS, 168.0: TimeUnit.WEEKS}


def pathway_of(
    network: Network,
    *,
    pathway_id: str,
    title: str,
    organisation: Organisation,
    others: Sequence[Organisation] = (),
) -> Pathway:
    """The network as a pathway; `organisation` first among its partners, then `others`."""
    if network.time_unit_hours not in _UNITS:
        raise FlowError("A flow model's unit of time is hours, days or weeks.")
    partners = [organisation, *others]
    known = {o.id for o in partners}
    for node in network.nodes:
        if node.organisation and node.organisation not in known:
            known.add(node.organisation)
            partners.append(
                Organisation.model_validate({"id": node.organisation, "name": node.organisation,
                                             "role": Role.OTHER})
            )
    steps = [_step(node) for node in network.nodes]
    transitions = [
        _transition(route, several=len(network.routes_from(route.source)) > 1)
        for route in network.routes
    ]
    return Pathway.model_validate(
        {"id": pathway_id, "title": title, "organisations": partners, "steps": steps,
         "transitions": transitions, "flow_unit": _UNITS[network.time_unit_hours]}
    )


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _step(node: Node) -> Step:
    if node.is_exit:
        return Step.model_validate(
            {"id": node.id, "label": _label(node.label), "kind": StepKind.EXIT, "owner": node.organisation}
        )
    duration, spread = written(node.service)
    kind = StepKind.ENTRY if node.arrivals is not None else StepKind.INTERVENTION
    return Step.model_validate({
        "id": node.id,
        "label": _label(node.label),
        "kind": kind,
        "owner": node.organisation,
        "wait": time_text(node.wait_standard) if node.wait_standard is not None else None,
        "duration": duration,
        "spread": spread,
        "arrivals": _arrivals(node.arrivals),
        "capacity": _capacity(node.capacity),
        "queue_limit": _queue_limit(node.outside_queue_limit, node.inside_queue_limit),
        "cost": _cost(node.cost_per_person, node.cost_per_day),
    })


def _transition(route: Route, *, several: bool) -> Transition:
    delay, spread = written(route.delay)
    share = share_text(route.share) if several or route.share != 1.0 else None
    return Transition.model_validate(
        {"from": route.source, "to": route.target, "share": share, "delay": delay,
         "delay-spread": spread}
    )


def _arrivals(calendar: Calendar | None) -> str | list[ArrivalPeriod] | None:
    if calendar is None:
        return None
    if calendar.cycle == float("inf"):
        return rate_text(calendar.periods[0].value)
    return [
        ArrivalPeriod.model_validate(
            {"from": time_text(p.start), "to": time_text(p.end), "rate": rate_text(p.value)}
        )
        for p in calendar.periods
    ]


def _capacity(calendar: Calendar | None) -> int | list[CapacityPeriod] | None:
    if calendar is None:
        return None
    if any(not p.value.is_integer() for p in calendar.periods):
        raise FlowError("A step's places at once are whole numbers.")
    if calendar.cycle == float("inf"):
        return int(calendar.periods[0].value)
    return [
        CapacityPeriod.model_validate(
            {"from": time_text(p.start), "to": time_text(p.end), "places": int(p.value)}
        )
        for p in calendar.periods
    ]


def _queue_limit(outside: int | None, inside: int | None) -> int | QueueLimit | None:
    if outside == inside:
        return outside
    return QueueLimit(from_outside=outside, from_other_steps=inside)


def _cost(per_person: float | None, per_day: float | None) -> str | list[str] | None:
    costs = [cost_text(v, per) for v, per in ((per_person, "person"), (per_day, "day")) if v is not None]
    return costs[0] if len(costs) == 1 else costs or None
