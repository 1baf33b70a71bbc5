"""A simulation's result: each figure over the runs, as a mean with its 95% confidence interval
(Student's t over the runs' figures), per step, per way out and for the whole pathway."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pathway_designer.flow.network import Network
from pathway_designer.flow.simulation_figures import PATHWAY_FIGURES, STEP_FIGURES, RunFigures

# Student's t, two-sided 95% (the 0.975 quantile), for 1 to 30 degrees of freedom
_T975 = (12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
         2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
         2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423)


def t975(df: int) -> float:
    """The 0.975 quantile of Student's t with `df` degrees of freedom (beyond 30 by the
    Cornish-Fisher expansion around the normal, within 1e-4)."""
    if df < 1:
        raise ValueError("Student's t needs 1 degree of freedom or more")
    if df <= len(_T975):
        return _T975[df - 1]
    z = 1.959964
    return (z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3))


SHARES = {"within_wait_standard"}  # figures that are a share of people, 0 to 1


@dataclass(frozen=True)
class Estimate:
    """A figure over the runs: its mean, and the 95% confidence interval when there are two runs
    or more with the figure (None otherwise)."""

    mean: float | None
    low: float | None = None
    high: float | None = None
    runs: int = 0  # the runs that had this figure (a step nobody reached has no wait)

    @classmethod
    def of(cls, values: list[float | None], *, most: float | None = None) -> Estimate:
        """The mean and interval of the runs' figures. Every figure here is 0 or more (a time, a
        count, people at once) and a share is at most `most`: the interval stays within what the
        figure can be (t's interval of a wait near 0 would reach below it)."""
        have = [v for v in values if v is not None]
        if not have:
            return cls(None)
        m = sum(have) / len(have)
        if len(have) < 2:
            return cls(m, runs=len(have))
        sd = math.sqrt(sum((v - m) ** 2 for v in have) / (len(have) - 1))
        half = t975(len(have) - 1) * sd / math.sqrt(len(have))
        low, high = m - half, m + half
        if min(have) >= 0:
            low = max(low, 0.0)
        if most is not None and max(have) <= most:
            high = min(high, most)
        return cls(m, low, high, len(have))

    def scaled(self, factor: float) -> Estimate:
        def by(v: float | None) -> float | None:
            return None if v is None else v * factor

        return Estimate(by(self.mean), by(self.low), by(self.high), self.runs)


@dataclass(frozen=True)
class StepResult:
    step_id: str
    label: str
    organisation: str | None
    wait_standard: float | None  # hours
    figures: dict[str, Estimate]  # by the names of STEP_FIGURES, times in hours


@dataclass(frozen=True)
class ExitResult:
    exit_id: str
    label: str
    people: Estimate  # people reaching this way out in the period after the warm-up


@dataclass(frozen=True)
class SimulationResult:
    days: float
    warm_up_days: float
    runs: int
    seed: int
    time_unit_hours: float  # the unit of the network's source (PathSimR: hours or days)
    steps: tuple[StepResult, ...]
    exits: tuple[ExitResult, ...]
    pathway: dict[str, Estimate]  # by the names of PATHWAY_FIGURES, times in hours

    def step(self, step_id: str) -> StepResult:
        return next(s for s in self.steps if s.step_id == step_id)


def combined(network: Network, runs: list[RunFigures], *, days: float, warm_up_days: float,
             seed: int) -> SimulationResult:
    """The runs' figures as one result."""
    steps = tuple(
        StepResult(
            step_id=n.id, label=n.label, organisation=n.organisation,
            wait_standard=n.wait_standard,
            figures={k: Estimate.of([r.steps[n.id][k] for r in runs],
                                    most=1.0 if k in SHARES else None) for k in STEP_FIGURES},
        )
        for n in network.services
    )
    exits = tuple(ExitResult(n.id, n.label, Estimate.of([r.exits[n.id] for r in runs]))
                  for n in network.exits)
    pathway = {k: Estimate.of([r.pathway[k] for r in runs]) for k in PATHWAY_FIGURES}
    return SimulationResult(days=days, warm_up_days=warm_up_days, runs=len(runs), seed=seed,
                            time_unit_hours=network.time_unit_hours, steps=steps, exits=exits,
                            pathway=pathway)
