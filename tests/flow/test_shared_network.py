"""The shared flow contract: distributions, calendars and the network's own checks."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathway_designer.flow.calendar import Calendar, CalendarError, Period
from pathway_designer.flow.distributions import Distribution, DistributionError, Shape
from pathway_designer.flow.network import Network, Node, Route

means = st.floats(0.1, 1000)
ratios = st.floats(0.05, 3)


@given(st.sampled_from([s for s in Shape if s is not Shape.FIXED and s is not Shape.EXPONENTIAL]),
       means, ratios)
def test_mean_and_spread_come_back(shape: Shape, mean: float, ratio: float) -> None:
    sd = mean * ratio
    if shape is Shape.UNIFORM and sd * math.sqrt(3) > mean:
        with pytest.raises(DistributionError):
            Distribution.from_mean_sd(shape, mean, sd)
        return
    try:
        d = Distribution.from_mean_sd(shape, mean, sd)
    except DistributionError:
        assert shape is Shape.WEIBULL  # only a Weibull has a bounded spread for its shapes
        return
    assert d.mean == pytest.approx(mean, rel=1e-9)
    assert d.sd == pytest.approx(sd, rel=1e-6)


@given(st.sampled_from(list(Shape)), means, ratios, st.floats(0.01, 100))
def test_scaling_scales_mean_and_spread(shape: Shape, mean: float, ratio: float, k: float) -> None:
    sd = min(mean * ratio, mean / 2)
    d = Distribution.from_mean_sd(shape, mean, sd)
    assert d.scaled(k).mean == pytest.approx(d.mean * k, rel=1e-9)
    assert d.scaled(k).sd == pytest.approx(d.sd * k, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("shape", list(Shape))
def test_samples_have_the_mean_they_say(shape: Shape) -> None:
    d = Distribution.from_mean_sd(shape, 3.0, 1.0)
    rng = random.Random(7)
    n = 20000
    draws = [d.sample(rng) for _ in range(n)]
    assert min(draws) >= 0
    # five standard errors: a wrong parameterisation is off by far more
    assert sum(draws) / n == pytest.approx(d.mean, abs=5 * max(d.sd, 1e-9) / math.sqrt(n) + 1e-12)


@pytest.mark.parametrize(
    "shape, params",
    [(Shape.UNIFORM, (2.0, 1.0)), (Shape.GAMMA, (0.0, 1.0)), (Shape.EXPONENTIAL, (-1.0,)),
     (Shape.LOGNORMAL, (1.0, -0.1)), (Shape.FIXED, (1.0, 2.0)), (Shape.WEIBULL, (float("nan"), 1.0))],
)
def test_impossible_parameters_are_refused(shape: Shape, params: tuple[float, ...]) -> None:
    with pytest.raises(DistributionError):
        Distribution(shape, params)


def test_a_calendar_repeats_and_averages_over_its_cycle() -> None:
    clinic = Calendar((Period(0, 8, 0), Period(8, 17, 3), Period(17, 24, 0)))
    assert clinic.cycle == 24
    assert [clinic.at(h) for h in (0, 7.99, 8, 16.5, 17, 24 + 8.5, 48 + 23)] == [0, 0, 3, 3, 0, 3, 0]
    assert clinic.mean == pytest.approx(27 / 24)
    assert clinic.peak == 3
    assert not clinic.is_constant
    assert Calendar.constant(10).mean == 10 and Calendar.constant(10).at(1e6) == 10


@pytest.mark.parametrize(
    "periods",
    [(), (Period(1, 2, 1),), (Period(0, 8, 1), Period(9, 10, 1)), (Period(0, 8, -1),),
     (Period(0, 8, 1), Period(8, float("inf"), 1)), (Period(0, 0, 1),)],
)
def test_periods_that_do_not_follow_each_other_are_refused(periods: tuple[Period, ...]) -> None:
    with pytest.raises(CalendarError):
        Calendar(periods)


def _network(shares: tuple[float, float]) -> Network:
    return Network(
        nodes=(
            Node("triage", "Triage", arrivals=Calendar.constant(2), capacity=Calendar.constant(1)),
            Node("ward", "Ward"),
            Node("home", "Home", is_exit=True),
        ),
        routes=(Route("triage", "ward", shares[0]), Route("triage", "home", shares[1]),
                Route("ward", "home", 1.0)),
    )


def test_a_network_whose_shares_add_up_has_no_problems() -> None:
    net = _network((0.3, 0.7))
    assert net.problems() == []
    assert [n.id for n in net.services] == ["triage", "ward"]
    assert [n.id for n in net.exits] == ["home"]
    assert [r.target for r in net.routes_from("triage")] == ["ward", "home"]


def test_shares_that_do_not_add_up_are_a_problem_in_words() -> None:
    assert net_problems((0.3, 0.6)) == ["the ways on from 'Triage' add up to 0.9, not 1"]


def net_problems(shares: tuple[float, float]) -> list[str]:
    return _network(shares).problems()


def test_a_calendar_shifted_by_the_warm_up_starts_its_hour_0_there() -> None:
    from pathway_designer.flow.calendar import Calendar, Period

    clinic = Calendar((Period(0, 8, 0), Period(8, 17, 3), Period(17, 24, 0)))
    for warm_up in (5.0, 29.0, 0.5, 23.0):
        shifted = clinic.shifted(warm_up)
        assert shifted.cycle == 24 and shifted.mean == clinic.mean
        for hour in range(0, 72):
            assert shifted.at(hour + warm_up) == clinic.at(hour), (warm_up, hour)
    assert clinic.shifted(48) == clinic
    assert Calendar.constant(4).shifted(7) == Calendar.constant(4)
