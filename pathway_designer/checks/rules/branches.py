"""Rules about the ways on from a step: decisions, conditions and repeated transitions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...model import StepKind
from ...words import listed
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
                ways = "only one way on" if targets else "no way on"
                yield Issue(
                    f"The decision {ctx.step(step.id)} has {ways}: a decision needs at least two.",
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
                f"The way on from the decision {ctx.step(t.from_)} to {ctx.step(t.to)} does not "
                "say when it applies: add a condition.",
                ("transitions", i),
                t.from_,
                detail=f"transition {t.from_} to {t.to}, field when",
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
            names = listed(list(dict.fromkeys(ctx.step(b) for b in bare)))
            yield Issue(
                f"{ctx.step(step.id)} has {len(ways)} ways on, but does not say when the way to "
                f"{names} applies: add a condition to each, or make it a decision.",
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
                f"The way on from {ctx.step(t.from_)} to {ctx.step(t.to)} is there twice: "
                "remove one.",
                ("transitions", i),
                t.from_,
                detail=f"transition {t.from_} to {t.to}",
            )
        seen.add(key)


@rule("self-loop", "warning")
def self_loop(ctx: RuleContext) -> Iterator[Issue]:
    """A transition from a step to itself."""
    for i, t in enumerate(ctx.pathway.transitions):
        if t.from_ == t.to:
            yield Issue(
                f"{ctx.step(t.from_)} leads back to itself: is a review step missing?",
                ("transitions", i),
                t.from_,
            )
