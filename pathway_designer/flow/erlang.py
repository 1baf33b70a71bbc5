"""Erlang's formulas for a step with `servers` places and exponential times (M/M/c): the chance
of waiting (Erlang C), the mean wait, and the chance of starting within a time."""

from __future__ import annotations

import math


def erlang_b(servers: int, load: float) -> float:
    """The chance that all places are taken in a loss system (Erlang B), by the stable recursion."""
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """The chance that a person has to wait (Erlang C); 1 when the step cannot keep up."""
    if load <= 0:
        return 0.0
    if load >= servers:
        return 1.0
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1 - b))


def mean_wait(servers: int, load: float, service_hours: float) -> float:
    """The mean wait before starting, in hours (infinite when the step cannot keep up)."""
    if load <= 0:
        return 0.0
    if load >= servers:
        return math.inf
    return erlang_c(servers, load) * service_hours / (servers - load)


def within(servers: int, load: float, service_hours: float, hours: float) -> float:
    """The share of people who start within `hours`: 1 - C e^{-(c - a) t / s}."""
    if load <= 0 or service_hours <= 0:
        return 1.0
    if load >= servers:
        return 0.0
    return 1 - erlang_c(servers, load) * math.exp(-(servers - load) * hours / service_hours)
