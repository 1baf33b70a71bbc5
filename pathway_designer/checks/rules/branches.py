"""Rules about the ways on from a step: decisions, conditions and repeated transitions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...model import StepKind
from ...words import plural
from .registry import Issue, RuleContext, rule


def _outgoing(ctx: RuleContext) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(ctx.pathway.transitions):
        out[t.from_].append(i)
    return out


def _has_condition(text: str | None) -> bool:
    return bool(text and text.strip())


@rule("decision-branches", "error")
def decision_branches(ctx: RuleContext) -> Iterator[Issue]:
    """A decision with fewer than two ways on."""
    out = _outgoing(ctx)
    for i, step in enumerate(ctx.pathway.steps):
        if step.kind is StepKind.DECISION:
            targets = {ctx.pathway.transitions[j].to for j in out.get(step.id, [])}
            if len(targets) < 2:
                yield Issue(
                    f"decision '{step.id}' has {plural(len(targets), 'way')} on; a decision needs at "
                    "least two",
                    ("steps", i),
                    step.id,
                )


@rule("unlabelled-branch", "error")
def unlabelled_branch(ctx: RuleContext) -> Iterator[Issue]:
    """A transition leaving a decision has no condition (when)."""
    decisions = {s.id for s in ctx.pathway.steps if s.kind is StepKind.DECISION}
    for i, t in enumerate(ctx.pathway.transitions):
        if t.from_ in decisions and not _has_condition(t.when):
            yield Issue(
                f"the way from decision '{t.from_}' to '{t.to}' needs a condition ('when')",
                ("transitions", i),
                t.from_,
            )


@rule("ambiguous-branch", "warning")
def ambiguous_branch(ctx: RuleContext) -> Iterator[Issue]:
    """A step that is not a decision has several ways on, some without a condition."""
    out = _outgoing(ctx)
    for i, step in enumerate(ctx.pathway.steps):
        ways = out.get(step.id, [])
        if step.kind is StepKind.DECISION or len(ways) < 2:
            continue
        bare = [ctx.pathway.transitions[j].to for j in ways
                if not _has_condition(ctx.pathway.transitions[j].when)]
        if bare:
            names = ", ".join(f"'{b}'" for b in bare)
            yield Issue(
                f"step '{step.id}' has {len(ways)} ways on and no condition for {names}; "
                "say when each applies, or make the step a decision",
                ("steps", i),
                step.id,
            )


@rule("duplicate-transition", "error")
def duplicate_transition(ctx: RuleContext) -> Iterator[Issue]:
    """The same transition (from, to and condition) appears twice."""
    seen: set[tuple[str, str, str]] = set()
    for i, t in enumerate(ctx.pathway.transitions):
        key = (t.from_, t.to, (t.when or "").strip())
        if key in seen:
            yield Issue(
                f"the transition from '{t.from_}' to '{t.to}' appears twice; remove one",
                ("transitions", i),
                t.from_,
            )
        seen.add(key)


@rule("self-loop", "warning")
def self_loop(ctx: RuleContext) -> Iterator[Issue]:
    """A transition from a step to itself."""
    for i, t in enumerate(ctx.pathway.transitions):
        if t.from_ == t.to:
            yield Issue(
                f"step '{t.from_}' leads back to itself; is a review step missing?",
                ("transitions", i),
                t.from_,
            )
