"""A `SimulationResult` as a plain report in a workshop's words: step labels, organisation names,
times in words ("1 day 4 hours"), each figure a mean over the runs with its 95% range."""

from __future__ import annotations

from collections.abc import Callable

from pathway_designer.flow.simulation_results import Estimate, SimulationResult, StepResult
from pathway_designer.words import hours_words, plural


def _count(value: float | None) -> str:
    if value is None:
        return "none measured"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def _people(value: float | None) -> str:
    return f"{value:.1f}".removesuffix(".0") if value is not None else "none measured"


def _hours(value: float | None) -> str:
    return hours_words(max(value, 0.0)) if value is not None else "none measured"


def _with_range(est: Estimate, words: Callable[[float | None], str] = _hours) -> str:
    text = words(est.mean)
    if est.low is not None and est.high is not None and est.low != est.high:
        text += f" ({words(max(est.low, 0.0))} to {words(est.high)})"
    return text


def _percent(value: float | None) -> str:
    return f"{round(100 * value)}%" if value is not None else "none measured"


def step_lines(step: StepResult, organisation: str | None) -> list[str]:
    f = step.figures
    head = step.label + (f" ({organisation})" if organisation else "")
    lines = [head]
    lines.append(f"  People arriving: {_with_range(f['arrivals'], _count)}")
    p95 = f["wait_p95"].mean
    if f["wait"].mean == 0:
        lines.append("  Wait to start: none, everyone started at once")
    else:
        lines.append(f"  Wait to start: {_with_range(f['wait'])}; " + (
            "95 in 100 started at once" if p95 is not None and p95 * 60 < 0.5 else
            f"95 in 100 started within {_hours(p95)}"))
    if step.wait_standard is not None and f["within_wait_standard"].mean is not None:
        lines.append(f"  {_percent(f['within_wait_standard'].mean)} started "
                     f"{step.label} within {_hours(step.wait_standard)}")
    lines.append(f"  Being seen or holding a place, at once: {_with_range(f['occupancy'], _people)}"
                 f"; at most {_people(f['occupancy_p95'].mean)} for 95% of the time")
    if (f["bed_occupancy"].mean or 0) > (f["occupancy"].mean or 0) + 1e-9:
        lines.append(f"  With places held for people on their way: "
                     f"{_with_range(f['bed_occupancy'], _people)}")
    lines.append(f"  Waiting to start, at once: {_with_range(f['queue'], _people)}")
    if (f["capacity_delay"].mean or 0) > 0:
        lines.append(f"  Kept waiting for a place at the next step: {_with_range(f['capacity_delay'])}")
    if (f["transition_delay"].mean or 0) > 0:
        lines.append(f"  Waiting to move on: {_with_range(f['transition_delay'])}")
    lines.append(f"  Time from starting to leaving: {_with_range(f['length_of_stay'])}")
    if (f["turned_away"].mean or 0) > 0:
        lines.append(f"  People turned away: {_with_range(f['turned_away'], _count)}")
    return lines


def simulation_text(result: SimulationResult, title: str = "the pathway",
                    organisations: dict[str, str] | None = None) -> str:
    """The report; `organisations` maps an organisation's id to its name."""
    names = organisations or {}
    p = result.pathway
    lines = [
        f"Simulation of {title}: {plural(result.runs, 'run')} of "
        f"{plural(round(result.days), 'day')} after a warm-up of "
        f"{plural(round(result.warm_up_days), 'day')}.",
        "Each figure is the mean over the runs, with its 95% range in brackets.",
        "",
        "The whole pathway",
        f"  People coming in: {_with_range(p['entered'], _count)}",
        f"  People who reached a way out: {_with_range(p['finished'], _count)}",
        f"  People turned away: {_with_range(p['turned_away'], _count)}",
        f"  Time from coming in to leaving: {_with_range(p['time_in_system'])}; "
        f"95 in 100 within {_hours(p['time_in_system_p95'].mean)}",
    ]
    for step in result.steps:
        lines.append("")
        org = names.get(step.organisation, step.organisation) if step.organisation else None
        lines.extend(step_lines(step, org))
    if result.exits:
        lines += ["", "Ways out"]
        lines += [f"  {e.label}: {_with_range(e.people, _count)}" for e in result.exits]
    return "\n".join(lines) + "\n"
