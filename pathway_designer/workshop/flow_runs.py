"""A simulation of a pathway for the app's Flow and capacity tab: its settings checked in words, the
run on request (the library's progress callback tells the app how far it is), and its figures as
rows in people's words, each with its 95% confidence interval over the runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..flow.errors import FlowError
from ..flow.from_pathway import network_of
from ..flow.simulation import SimulationError, simulate
from ..flow.simulation_results import Estimate, SimulationResult
from ..model import Pathway
from .flow_view import hours_words, percent

SIMULATION_COLUMNS = ("Step", "People who came", "Average wait", "95 in 100 waited less than",
                      "Started within the standard", "Average in the step", "Turned away")


class RunError(ValueError):
    """A simulation that cannot run, said in plain words."""


@dataclass(frozen=True)
class Settings:
    days: float = 90.0  # measured, after the warm-up
    warm_up_days: float = 30.0
    runs: int = 5
    seed: int = 1


def between(estimate: Estimate, say: Callable[[float], str]) -> str:
    if estimate.mean is None:
        return "nobody"
    mean = say(estimate.mean)
    if estimate.low is None or estimate.high is None:
        return mean
    low, high = say(max(estimate.low, 0)), say(estimate.high)
    return mean if low == high == mean else f"{mean} ({low} to {high})"


def _count(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


@dataclass(frozen=True)
class SimulationView:
    """The rows of a simulation's figures, and what it was (in words)."""

    rows: tuple[tuple[str, ...], ...]
    said: tuple[str, ...]


def simulation_view(result: SimulationResult) -> SimulationView:
    rows = []
    for step in result.steps:
        f = step.figures
        within = f["within_wait_standard"]
        rows.append((
            step.label,
            between(f["arrivals"], _count),
            between(f["wait"], hours_words),
            between(f["wait_p95"], hours_words),
            "no standard set" if step.wait_standard is None else between(within, percent),
            between(f["occupancy"], _count),
            between(f["turned_away"], _count),
        ))
    said = [
        f"{result.runs} runs of {_days(result.days)} each, after {_days(result.warm_up_days)} to fill "
        f"up (seed {result.seed}); in brackets, where 95 in 100 such runs would put the average.",
    ]
    through = result.pathway.get("time_in_system")
    if through is not None and through.mean is not None:
        said.append(f"From coming in to leaving, a person spends {between(through, hours_words)}.")
    away = result.pathway.get("turned_away")
    if away is not None and away.mean:
        said.append(f"{between(away, _count)} people were turned away in that time.")
    return SimulationView(tuple(rows), tuple(said))


def _days(days: float) -> str:
    return f"{days:g} day" if days == 1 else f"{days:g} days"


def run(pathway: Pathway, scenario: str | None, settings: Settings,
        progress: Callable[[int, int], None] | None = None) -> SimulationResult:
    """Simulate the pathway (or its scenario); `RunError` in words for what cannot run."""
    try:
        network = network_of(pathway, scenario)
        return simulate(network, days=settings.days, warm_up_days=settings.warm_up_days,
                        runs=settings.runs, seed=settings.seed, progress=progress)
    except (FlowError, SimulationError) as exc:
        raise RunError(_sentence(str(exc))) from None


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else "The simulation cannot run."
