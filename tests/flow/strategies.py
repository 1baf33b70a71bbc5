"""Hypothesis strategies for flow networks: random but solvable networks, every node field used."""

from __future__ import annotations

from hypothesis import strategies as st

from pathway_designer.flow.calendar import Calendar, Period
from pathway_designer.flow.distributions import Distribution, Shape
from pathway_designer.flow.network import Network, Node, Route

_positive = st.floats(min_value=0.01, max_value=500, allow_nan=False, allow_infinity=False)


@st.composite
def distributions(draw: st.DrawFn) -> Distribution:
    shape = draw(st.sampled_from(list(Shape)))
    if shape in (Shape.FIXED, Shape.EXPONENTIAL):
        return Distribution(shape, (draw(_positive),))
    if shape is Shape.LOGNORMAL:
        return Distribution(shape, (draw(st.floats(-3, 5)), draw(st.floats(0, 2))))
    if shape is Shape.UNIFORM:
        low = draw(_positive)
        return Distribution(shape, (low, low + draw(_positive)))
    return Distribution(shape, (draw(st.floats(0.2, 20)), draw(_positive)))


@st.composite
def calendars(draw: st.DrawFn, whole: bool, least: float = 0.0) -> Calendar:
    value = st.integers(0, 50).map(float) if whole else st.floats(least, 20)
    if draw(st.booleans()):
        return Calendar.constant(draw(value))
    ends = sorted(set(draw(st.lists(st.floats(0.5, 168), min_size=1, max_size=5))))
    starts = [0.0, *ends[:-1]]
    return Calendar(tuple(Period(a, b, draw(value)) for a, b in zip(starts, ends, strict=True)))


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.none() | strategy


@st.composite
def networks(draw: st.DrawFn) -> Network:
    """A network of 2-8 service nodes and 1-2 exits; each node's routes share out exactly 1."""
    count = draw(st.integers(2, 8))
    exits = draw(st.integers(1, 2))
    ids = [f"s{i}" for i in range(count)]
    exit_ids = [f"out{i}" for i in range(exits)]
    nodes = []
    routes = []
    for i, node_id in enumerate(ids):
        nodes.append(Node(
            id=node_id, label=f"Step {i}", organisation=draw(_maybe(st.sampled_from(["a", "b"]))),
            capacity=draw(_maybe(calendars(True))), service=draw(_maybe(distributions())),
            arrivals=draw(calendars(False, least=0.01)) if i == 0 else draw(_maybe(calendars(False))),
            outside_queue_limit=draw(_maybe(st.integers(0, 999))),
            inside_queue_limit=draw(_maybe(st.integers(0, 999))),
            cost_per_person=draw(_maybe(st.floats(0, 5000))), cost_per_day=draw(_maybe(st.floats(0, 900))),
            wait_standard=draw(_maybe(st.floats(0, 1000))),
        ))
        targets = draw(st.lists(st.sampled_from(ids[i + 1:] + exit_ids + ids[:i]), min_size=1,
                                max_size=3, unique=True))
        weights = [draw(st.integers(1, 9)) for _ in targets]
        total = sum(weights)
        shares = [w / total for w in weights[:-1]]
        shares.append(1 - sum(shares))
        for target, share in zip(targets, shares, strict=True):
            routes.append(Route(node_id, target, share, draw(_maybe(distributions()))))
    nodes.extend(Node(id=e, label=f"Way out {e}", is_exit=True) for e in exit_ids)
    unit = draw(st.sampled_from([1.0, 24.0, 168.0]))
    return Network(tuple(nodes), tuple(routes), time_unit_hours=unit)
