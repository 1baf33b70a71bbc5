"""Outcome rules: does the pathway measure what made a difference for people, and where?"""

from __future__ import annotations

from collections.abc import Iterator

from ...words import quoted
from .registry import Issue, RuleContext, rule


@rule("no-outcomes", "warning", category="partnership")
def no_outcomes(ctx: RuleContext) -> Iterator[Issue]:
    """The pathway defines no outcome measures."""
    if not ctx.pathway.outcomes:
        yield Issue(
            "No outcomes are defined: what would tell partners, and the people using the "
            "pathway, that it made a difference (e.g. recovery, fewer readmissions)?",
            ("outcomes",),
        )


@rule("unmeasured-outcome", "warning", category="partnership")
def unmeasured_outcome(ctx: RuleContext) -> Iterator[Issue]:
    """An outcome that no step measures."""
    measured = {m for step in ctx.pathway.steps for m in step.measures}
    for i, outcome in enumerate(ctx.pathway.outcomes):
        if outcome.id not in measured:
            yield Issue(
                f"The outcome {quoted(outcome.measure)} is not measured at any step: at which "
                "step could it be recorded?",
                ("outcomes", i),
                detail=f"outcome {outcome.id}",
            )
