"""The simulation against queueing theory, within the 95% intervals over runs: M/M/1 and M/M/c
waits (Erlang C), the share turned away by M/M/c/c (Erlang B), a Jackson network's occupancies.
Each check holds 19 times in 20 by chance; the fixed seeds make a result repeatable."""

from __future__ import annotations

import pytest

from pathway_designer.flow.simulation import simulate

from .flow_networks import erlang_b, erlang_c_wait, feedback, one_step, within


@pytest.mark.parametrize(("places", "arrivals", "mean_service"), [(1, 0.7, 1.0), (3, 2.4, 1.0)])
def test_mm_c_wait_is_erlang_c(places: int, arrivals: float, mean_service: float) -> None:
    result = simulate(one_step(arrivals, mean_service, places), days=150, warm_up_days=5,
                      runs=6, seed=11)
    wait = result.step("clinic").figures["wait"]
    expected = erlang_c_wait(places, arrivals, mean_service)
    assert within(expected, wait.low, wait.high), (expected, wait)
    # the people in service at once are the offered load
    occupancy = result.step("clinic").figures["occupancy"]
    assert within(arrivals * mean_service, occupancy.low, occupancy.high)


def test_mm_c_c_turns_away_the_erlang_b_share() -> None:
    places, arrivals, mean_service = 3, 2.0, 1.0
    result = simulate(one_step(arrivals, mean_service, places, outside_limit=0), days=100,
                      warm_up_days=2, runs=6, seed=5)
    turned = result.step("clinic").figures["turned_away"]
    entered = result.pathway["entered"]
    assert turned.low is not None and turned.high is not None and entered.mean is not None
    offered = entered.mean + (turned.mean or 0)
    expected = erlang_b(places, arrivals * mean_service)
    assert turned.low / offered <= expected <= turned.high / offered, (expected, turned)
    # nobody waits: turned away instead
    assert result.step("clinic").figures["wait"].mean == 0


def test_jackson_network_occupancies() -> None:
    result = simulate(feedback(), days=150, warm_up_days=5, runs=6, seed=2)
    through = 0.5 / 0.7
    for step_id, mean_service in (("a", 0.5), ("b", 1 / 1.5)):
        load = through * mean_service
        figures = result.step(step_id).figures
        occupancy = figures["occupancy"]
        assert within(load, occupancy.low, occupancy.high), (step_id, occupancy)
        # everyone at the step, waiting or being seen: rho / (1 - rho) in M/M/1
        low = (figures["queue"].low or 0) + (occupancy.low or 0)
        high = (figures["queue"].high or 0) + (occupancy.high or 0)
        assert low <= load / (1 - load) <= high, step_id


def test_share_within_the_wait_standard_is_the_waits_distribution() -> None:
    """M/M/1: P(wait <= t) = 1 - rho * exp(-(mu - lambda) t)."""
    import math

    result = simulate(one_step(0.6, 1.0, 1, wait_standard=2.0), days=150, warm_up_days=5,
                      runs=6, seed=1)
    share = result.step("clinic").figures["within_wait_standard"]
    assert within(1 - 0.6 * math.exp(-0.4 * 2.0), share.low, share.high), share
