"""Rules about time: waits that are not stated, and long waits whose barriers are not recorded."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import StepKind
from ...partnership.times import time_in_minutes
from ...words import KIND_WORDS, time_words, word
from .registry import Issue, RuleContext, rule

# Four weeks: beyond this, people often drop out while waiting, so the barriers are worth knowing.
LONG_WAIT = "4w"

_FIRST_CONTACT = frozenset({StepKind.ENTRY, StepKind.ASSESSMENT})


@rule("missing-wait", "warning", category="partnership")
def missing_wait(ctx: RuleContext) -> Iterator[Issue]:
    """An entry or assessment step has no time standard (wait)."""
    for i, step in enumerate(ctx.pathway.steps):
        if step.kind in _FIRST_CONTACT and not step.wait:
            yield Issue(
                f"The {word(KIND_WORDS, step.kind, in_sentence=True)} {ctx.step(step.id)} does not "
                "say how long people may wait. How soon can they expect it to start (for example "
                "within 4 hours, or within 2 weeks)?",
                ("steps", i),
                step.id,
            )


@rule("barrier-unrecorded", "info", category="partnership")
def barrier_unrecorded(ctx: RuleContext) -> Iterator[Issue]:
    """A step with a long wait (4 weeks or more) and no barriers recorded."""
    limit = time_in_minutes(LONG_WAIT)
    for i, step in enumerate(ctx.pathway.steps):
        if step.wait and time_in_minutes(step.wait) >= limit and not step.barriers:
            yield Issue(
                f"People may wait up to {time_words(step.wait)} for {ctx.step(step.id)}, and "
                "no barriers are recorded: what makes it hard for people to get here or to wait "
                "(transport, language, caring duties)?",
                ("steps", i, "wait"),
                step.id,
            )
