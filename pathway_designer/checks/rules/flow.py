"""Rules about the flow fields: shares that add up, arrivals where people come in, scenarios that
name real steps, complete spreads and calendars, and steps that cannot keep up."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...flow.calendar import Calendar, CalendarError, Period
from ...flow.errors import FlowError
from ...flow.from_pathway import has_flow, shares, ways_on
from ...flow.quantities import hours, share_of
from ...flow.times import distribution_of
from ...model import REST, Scenario, Spread, StepKind, Transition, TransitionChange, Way
from ...words import quoted
from .registry import Issue, RuleContext, rule


def _ways(ctx: RuleContext) -> Iterator[tuple[int, str, list[Transition]]]:
    """(index, id, ways on) of each step with a share on one of its ways on."""
    ways = ways_on(ctx.pathway)
    for i, step in enumerate(ctx.pathway.steps):
        out = ways.get(step.id, [])
        if any(w.share is not None for w in out):
            yield i, step.id, out


@rule("shares-add-up", "error", category="flow")
def shares_add_up(ctx: RuleContext) -> Iterator[Issue]:
    """The shares of people leaving a step do not add up to 100% (or more than one takes the rest)."""
    for i, step_id, out in _ways(ctx):
        if any(w.share is None for w in out):
            continue  # share-missing says so
        try:
            shares(out, ctx.pathway.steps[i].label)
        except FlowError as exc:
            yield Issue(str(exc), ("steps", i), step_id)


@rule("share-missing", "warning", category="flow")
def share_missing(ctx: RuleContext) -> Iterator[Issue]:
    """Some ways on from a step have a share and others do not."""
    for i, step_id, out in _ways(ctx):
        missing = [w for w in out if w.share is None]
        if missing and len(out) > 1:
            names = ", ".join(ctx.step(w.to) for w in missing)
            yield Issue(
                f"Some of the people leaving {ctx.step(step_id)} have a share and the ways on to "
                f"{names} have none: say how many take each (one may take the rest).",
                ("steps", i), step_id,
            )


@rule("share-single-way", "info", category="flow")
def share_single_way(ctx: RuleContext) -> Iterator[Issue]:
    """A share on the only way on from a step, where everyone goes anyway."""
    for i, step_id, out in _ways(ctx):
        if len(out) == 1 and (out[0].share == REST or share_of(out[0].share or "") == 1.0):
            yield Issue(
                f"Everyone leaving {ctx.step(step_id)} goes to {ctx.step(out[0].to)}, its only way "
                "on, so its share need not be said.",
                ("steps", i), step_id,
            )


@rule("arrivals-not-entry", "warning", category="flow")
def arrivals_not_entry(ctx: RuleContext) -> Iterator[Issue]:
    """People arrive from outside at a step that is not a way in."""
    for i, step in enumerate(ctx.pathway.steps):
        if step.arrivals is not None and step.kind is not StepKind.ENTRY:
            yield Issue(
                f"People arrive from outside at {ctx.step(step.id)}, which is not a way in: make it "
                "a way in, or add a way in before it.",
                ("steps", i, "arrivals"), step.id,
            )


@rule("capacity-without-duration", "warning", category="flow")
def capacity_without_duration(ctx: RuleContext) -> Iterator[Issue]:
    """A step has places at once but no duration, so its places never fill."""
    for i, step in enumerate(ctx.pathway.steps):
        if step.capacity is not None and step.duration is None and step.spread is None:
            yield Issue(
                f"{ctx.step(step.id)} has places but does not say how long people stay, so its "
                "places never fill: how long does it take?",
                ("steps", i, "capacity"), step.id,
            )


@rule("spread-incomplete", "error", category="flow")
def spread_incomplete(ctx: RuleContext) -> Iterator[Issue]:
    """A duration's or delay's spread lacks what its shape needs (a spread, or the shape's figures)."""
    for i, step in enumerate(ctx.pathway.steps):
        if step.spread is not None:
            yield from _spread(step.duration, step.spread, f"the duration of {ctx.step(step.id)}",
                               ("steps", i, "spread"), step.id)
    for i, way in enumerate(ctx.pathway.transitions):
        if way.delay_spread is not None:
            what = f"the delay from {ctx.step(way.from_)} to {ctx.step(way.to)}"
            yield from _spread(way.delay, way.delay_spread, what, ("transitions", i, "delay-spread"),
                               way.from_)


def _spread(
    mean: str | None, spread: Spread, what: str, path: tuple[str | int, ...], step: str
) -> Iterator[Issue]:
    try:
        distribution_of(mean, spread, what)
    except FlowError as exc:
        yield Issue(str(exc), path, step)


@rule("calendar-periods", "error", category="flow")
def calendar_periods(ctx: RuleContext) -> Iterator[Issue]:
    """A calendar's periods do not follow each other from 0h (a gap, an overlap, an end before its start)."""
    for i, step in enumerate(ctx.pathway.steps):
        for field in ("capacity", "arrivals"):
            written = getattr(step, field)
            if not isinstance(written, list):
                continue
            try:
                Calendar(tuple(Period(hours(p.from_), hours(p.to), 0.0) for p in written))
            except CalendarError:
                yield Issue(
                    f"The {'places' if field == 'capacity' else 'arrivals'} of {ctx.step(step.id)} "
                    "change through a cycle whose periods do not follow each other: start the first "
                    "at 0h and each one where the one before ends.",
                    ("steps", i, field), step.id,
                )


def _named(scenario: Scenario) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Each step id a scenario names, with where."""
    for k, change in enumerate(scenario.steps):
        yield change.id, ("steps", k)
    for k, step_id in enumerate(scenario.remove_steps):
        yield step_id, ("remove-steps", k)
    ways: tuple[tuple[str, Sequence[Transition | TransitionChange | Way]], ...] = (
        ("transitions", scenario.transitions),
        ("add-transitions", scenario.add_transitions),
        ("remove-transitions", scenario.remove_transitions),
    )
    for section, items in ways:
        for k, way in enumerate(items):
            yield way.from_, (section, k)
            yield way.to, (section, k)


@rule("scenario-unknown-step", "error", category="flow")
def scenario_unknown_step(ctx: RuleContext) -> Iterator[Issue]:
    """A scenario names a step that is neither in the pathway nor added by the scenario."""
    known = {s.id for s in ctx.pathway.steps}
    for i, scenario in enumerate(ctx.pathway.scenarios):
        here = known | {s.id for s in scenario.add_steps}
        told: set[str] = set()
        for step_id, where in _named(scenario):
            if step_id not in here and step_id not in told:
                told.add(step_id)
                yield Issue(
                    f"The scenario {quoted(scenario.name)} names a step that is not in the pathway.",
                    ("scenarios", i, *where), detail=f"scenario {scenario.name!r}: step {step_id}",
                )


@rule("scenario-duplicate", "error", category="flow")
def scenario_duplicate(ctx: RuleContext) -> Iterator[Issue]:
    """Two scenarios have the same name."""
    seen: set[str] = set()
    for i, scenario in enumerate(ctx.pathway.scenarios):
        key = scenario.name.strip().casefold()
        if key in seen:
            yield Issue(f"Two scenarios are called {quoted(scenario.name)}: give each its own name.",
                        ("scenarios", i, "name"))
        seen.add(key)


@rule("over-capacity", "warning", category="flow")
def over_capacity(ctx: RuleContext) -> Iterator[Issue]:
    """More people arrive at a step than its places can see (utilisation 100% or more)."""
    pathway = ctx.pathway
    if not has_flow(pathway) or not any(s.capacity is not None for s in pathway.steps):
        return
    from ...flow.analytic import flow_of  # only pathways with places pay for the solve

    try:
        result = flow_of(pathway)
    except FlowError:
        return  # the rules above say what keeps it from being worked out
    for s in result.unstable:
        full = "has no places" if s.places == 0 else f"is {(s.utilisation or 0) * 100:.0f}% full"
        yield Issue(
            f"More people arrive than {ctx.step(s.id)} can see: on average it {full}, so its "
            "queue grows without end.",
            ctx.step_path(s.id), s.id,
        )
