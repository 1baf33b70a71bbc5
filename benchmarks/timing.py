"""The one way the benchmarks time work: the best of several runs (the least disturbed by the
machine's other load), with the last run's result for the figures that need it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """The shortest time of `runs` runs of `work`, in seconds, and what its last run returned."""
    times: list[float] = []
    result: T
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest time of `runs` runs of `work`, in seconds."""
    return best(runs, work)[0]
