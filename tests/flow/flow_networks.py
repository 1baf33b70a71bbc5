"""Small networks with known answers, built on `Network` directly, for the simulation's tests."""

from __future__ import annotations

import math

from pathway_designer.flow.calendar import Calendar, Period
from pathway_designer.flow.distributions import Distribution
from pathway_designer.flow.network import Network, Node, Route

HORIZON = 3000.0  # hours of a run looked at event by event


def places(node: object, horizon: float) -> list[tuple[float, float]]:
    """(start, leave) of everyone who started at a Ciw node, those still there until the end."""
    spans = [(v[1], v[4]) for v in node.visits]  # type: ignore[attr-defined]
    spans += [(i.service_start_date, horizon) for i in node.all_individuals  # type: ignore[attr-defined]
              if i.service_start_date is not False]
    return spans


def erlang_b(c: int, load: float) -> float:
    """The share of arrivals turned away by c places and no waiting (M/M/c/c)."""
    b = 1.0
    for k in range(1, c + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c_wait(c: int, arrival_rate: float, mean_service: float) -> float:
    """The mean wait to start in M/M/c (Erlang C), in the time unit of the figures."""
    load = arrival_rate * mean_service
    b = erlang_b(c, load)
    waits = c * b / (c - load * (1 - b))
    return waits * mean_service / (c - load)


def one_step(arrivals: float, mean_service: float, places: int | None, *,
             outside_limit: int | None = None, wait_standard: float | None = None) -> Network:
    return Network(
        nodes=(
            Node("clinic", "Clinic", organisation="trust",
                 capacity=None if places is None else Calendar.constant(places),
                 service=Distribution.exponential(mean_service),
                 arrivals=Calendar.constant(arrivals), outside_queue_limit=outside_limit,
                 wait_standard=wait_standard),
            Node("home", "Home", is_exit=True),
        ),
        routes=(Route("clinic", "home", 1.0),),
    )


def chain(*, ward_inside_limit: int | None, delay: Distribution | None = None,
          ward_places: int = 1, ward_mean: float = 3.0) -> Network:
    """A fast clinic feeding a slow ward: with no room to wait at the ward, people finishing at
    the clinic are blocked there."""
    return Network(
        nodes=(
            Node("clinic", "Clinic", capacity=Calendar.constant(2),
                 service=Distribution.exponential(0.5), arrivals=Calendar.constant(0.8)),
            Node("ward", "Ward", capacity=Calendar.constant(ward_places),
                 service=Distribution.exponential(ward_mean), inside_queue_limit=ward_inside_limit),
            Node("home", "Home", is_exit=True),
        ),
        routes=(Route("clinic", "ward", 0.25), Route("clinic", "home", 0.75),
                Route("ward", "home", 1.0, delay)),
    )


def day_clinic() -> Network:
    """3 places from 8:00 to 17:00, none at night; arrivals around the clock."""
    opening = Calendar((Period(0, 8, 0), Period(8, 17, 3), Period(17, 24, 0)))
    return Network(
        nodes=(
            Node("clinic", "Clinic", capacity=opening, service=Distribution.exponential(0.5),
                 arrivals=Calendar.constant(1.5)),
            Node("home", "Home", is_exit=True),
        ),
        routes=(Route("clinic", "home", 1.0),),
    )


def feedback() -> Network:
    """A Jackson network: A then B, 30% back to A. Traffic: A = B = 0.5 / 0.7 an hour."""
    return Network(
        nodes=(
            Node("a", "A", capacity=Calendar.constant(1), service=Distribution.exponential(0.5),
                 arrivals=Calendar.constant(0.5)),
            Node("b", "B", capacity=Calendar.constant(1),
                 service=Distribution.exponential(1 / 1.5)),
            Node("out", "Out", is_exit=True),
        ),
        routes=(Route("a", "b", 1.0), Route("b", "a", 0.3), Route("b", "out", 0.7)),
    )


def within(value: float, low: float | None, high: float | None) -> bool:
    assert low is not None and high is not None
    return low <= value <= high and not math.isnan(value)


def two_steps(first: Node, second: Node, delay: Distribution | None, share: float = 1.0) -> Network:
    """`first` then, for `share` of its people (after `delay`), `second`; everyone else and
    everyone from `second` goes home."""
    routes = [Route(first.id, second.id, share, delay), Route(second.id, "home", 1.0)]
    if share < 1:
        routes.insert(1, Route(first.id, "home", 1 - share))
    return Network(nodes=(first, second, Node("home", "Home", is_exit=True)), routes=tuple(routes))
