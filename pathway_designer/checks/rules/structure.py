"""Structural rules over the graph of steps: entries, exits, reachability, dead ends and traps.

Each rule is one or two linear passes over the graph (a BFS or a condensation), never a search
per step, so a 5,000-step pathway checks in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import reachable_from, reaching, steps_of_kind
from ...model import StepKind
from ...words import KIND_WORDS, listed, word
from .registry import Issue, RuleContext, rule


def _kind(kind: StepKind) -> str:
    return word(KIND_WORDS, kind, in_sentence=True)


@rule("missing-entry", "error")
def missing_entry(ctx: RuleContext) -> Iterator[Issue]:
    """No step of kind entry: nobody can start the pathway."""
    if not any(s.kind is StepKind.ENTRY for s in ctx.pathway.steps):
        yield Issue(f"No step is a {_kind(StepKind.ENTRY)}: mark where people come in.", ("steps",))


@rule("missing-exit", "error")
def missing_exit(ctx: RuleContext) -> Iterator[Issue]:
    """No step of kind exit: nobody can leave the pathway."""
    if not any(s.kind is StepKind.EXIT for s in ctx.pathway.steps):
        yield Issue(
            f"No step is a {_kind(StepKind.EXIT)}: mark where people leave the pathway.", ("steps",)
        )


@rule("unreachable-step", "error")
def unreachable_step(ctx: RuleContext) -> Iterator[Issue]:
    """A step that no route from any entry reaches."""
    entries = steps_of_kind(ctx.graph, StepKind.ENTRY)
    if not entries:
        return  # missing-entry says it once, not once per step
    reached = reachable_from(ctx.graph, entries)
    for step_id in ctx.graph.nodes:
        if step_id not in reached:
            yield Issue(
                f"{ctx.step(step_id)} cannot be reached from any {_kind(StepKind.ENTRY)}.",
                ctx.step_path(step_id),
                step_id,
            )


def _trapped_components(ctx: RuleContext) -> list[set[str]]:
    """Sets of steps with no route to an exit that lead nowhere else: dead ends and loops."""
    exits = steps_of_kind(ctx.graph, StepKind.EXIT)
    if not exits:
        return []
    stuck = set(ctx.graph.nodes) - reaching(ctx.graph, exits)
    if not stuck:
        return []
    components = [set(c) for c in ctx.graph.components(stuck)]
    where = {step: i for i, component in enumerate(components) for step in component}
    return [  # the components that lead to no other: dead ends and loops with no way out
        component
        for i, component in enumerate(components)
        if all(where[n] == i for s in component for n in ctx.graph.successors(s) if n in stuck)
    ]


def _is_loop(ctx: RuleContext, steps: set[str]) -> bool:
    if len(steps) > 1:
        return True
    (only,) = steps
    return ctx.graph.has_edge(only, only)


@rule("dead-end", "error")
def dead_end(ctx: RuleContext) -> Iterator[Issue]:
    """A step (not an exit) with no way onward to any exit."""
    for steps in _trapped_components(ctx):
        if not _is_loop(ctx, steps):
            (step_id,) = steps
            yield Issue(
                f"{ctx.step(step_id)} has no way on to a {_kind(StepKind.EXIT)} of the pathway.",
                ctx.step_path(step_id),
                step_id,
            )


@rule("endless-loop", "error")
def endless_loop(ctx: RuleContext) -> Iterator[Issue]:
    """A loop of steps with no way out to an exit (reported once for the loop)."""
    for steps in _trapped_components(ctx):
        if _is_loop(ctx, steps):
            ordered = sorted(steps, key=lambda s: ctx.step_index[s])
            names = listed([ctx.step(s) for s in ordered])
            yield Issue(
                f"The steps {names} go round in a loop with no way on to a "
                f"{_kind(StepKind.EXIT)}.",
                ctx.step_path(ordered[0]),
                ordered[0],
                detail="steps " + ", ".join(ordered[:20]),
            )


@rule("exit-has-onward", "error")
def exit_has_onward(ctx: RuleContext) -> Iterator[Issue]:
    """An exit step with transitions leaving it."""
    exits = {s.id for s in ctx.pathway.steps if s.kind is StepKind.EXIT}
    for i, t in enumerate(ctx.pathway.transitions):
        if t.from_ in exits:
            yield Issue(
                f"{ctx.step(t.from_)} is a {_kind(StepKind.EXIT)}, but it has a way on to "
                f"{ctx.step(t.to)}: make it another kind of step, or remove that way on.",
                ("transitions", i),
                t.from_,
                detail=f"transition {t.from_} to {t.to}",
            )
