"""The analytic flow as text for people: step labels, organisation names and plain words."""

from __future__ import annotations

import math

from ..words import UNASSIGNED, hours_words, minutes_words, plural, quoted
from .analytic import FlowResult, StepFlow

MOST_BOTTLENECKS = 5
CAVEAT = (
    "Worked out on paper, for the long run: waits assume times that vary at random (exponential), "
    "and places that change through the week are taken at their average. The simulation gives "
    "waits for the times as written."
)


def people(count: float) -> str:
    """A number of people, to a sensible precision: 36, 2.5, 0.04."""
    if count >= 100:
        return f"{count:,.0f}"
    if count >= 10:
        return f"{count:.1f}".removesuffix(".0")
    return f"{count:.2g}" if count < 1 else f"{count:.2f}".rstrip("0").removesuffix(".")


def pounds(amount: float) -> str:
    return f"£{amount:,.0f}" if amount >= 100 else f"£{amount:,.2f}".removesuffix(".00")


def percent(fraction: float) -> str:
    return "more than 1,000%" if fraction > 10 else f"{fraction * 100:.0f}%"


def wait_words(hours: float) -> str:
    return "without end" if math.isinf(hours) else hours_words(hours)


def step_line(s: StepFlow) -> str:
    """One step's figures in a sentence."""
    line = f"{quoted(s.label)}: {people(s.people_per_week)} a week"
    if s.places is None:
        return line + ("." if s.load == 0 else f", {people(s.load)} on average at once, with no limit "
                       "on places, so nobody waits.")
    line += f", {people(s.load)} on average at once"
    line += f" of {people(s.places)} {'place' if s.places == 1 else 'places'}"
    if not s.keeps_up:
        return line + f" ({percent(s.utilisation or math.inf)} full): more people arrive than it can see."
    line += f" ({percent(s.utilisation or 0.0)} full); "
    line += f"{percent(s.chance_of_waiting or 0.0)} wait, on average {wait_words(s.mean_wait_hours)}"
    if s.within_standard is not None and s.wait_standard_hours is not None:
        line += (
            f"; {percent(s.within_standard)} start within "
            f"{minutes_words(s.wait_standard_hours * 60)}"
        )
    return line + "."


def flow_text(result: FlowResult) -> str:
    lines = [f"Flow through {quoted(result.title)}"
             + (f", in the scenario {quoted(result.scenario)}" if result.scenario else ""), CAVEAT, ""]
    lines.append(f"People arriving: {people(result.arriving_per_week)} a week.")
    lines.append(
        f"Each person passes through {people(result.steps_per_person)} "
        f"{'step' if result.steps_per_person == 1 else 'steps'} on average and is handed from one "
        f"organisation to another {people(result.handoffs_per_person)} times."
    )
    if result.cost_per_week:
        lines.append(
            f"Cost: {pounds(result.cost_per_person)} per person, {pounds(result.cost_per_week)} a week, "
            f"{pounds(result.cost_per_year)} a year."
        )
    lines += ["", "Steps:"]
    lines += [f"  {step_line(s)}" for s in result.steps]
    if result.bottlenecks:
        lines += ["", "Fullest steps first:"]
        for number, step_id in enumerate(result.bottlenecks[:MOST_BOTTLENECKS], 1):
            s = result.step(step_id)
            lines.append(f"  {number}. {quoted(s.label)} is {percent(s.utilisation or 0.0)} full.")
        if len(result.bottlenecks) > MOST_BOTTLENECKS:
            lines.append(f"  and {plural(len(result.bottlenecks) - MOST_BOTTLENECKS, 'other')}.")
    for s in result.unstable:
        lines.append(f"More people arrive than {quoted(s.label)} can see: its queue grows without end.")
    lines += ["", "Ways out:"]
    lines += [f"  {quoted(e.label)}: {people(e.people_per_week)} a week." for e in result.exits]
    lines += ["", "Who carries what:"]
    for o in result.organisations:
        line = f"  {o.name or UNASSIGNED}: {people(o.people_per_week)} a week through its steps, " \
               f"{people(o.load)} people at once"
        if o.cost_per_week:
            line += f", {pounds(o.cost_per_week)} a week ({pounds(o.cost_per_year)} a year)"
        lines.append(line + ".")
    return "\n".join(lines) + "\n"
