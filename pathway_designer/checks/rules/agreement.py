"""Rules about the partners' agreement: sign-offs that hold, and joint reviews that are due.

A pathway marked agreed or live with a missing or outdated sign-off says partners agreed to something
they did not: that is the one place where these rules are errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...finding import Severity
from ...format.canonical import fingerprint
from ...partnership.signoff import AGREED, missing_signatories, one_person_for_both
from ...words import STATUS_WORDS, date_words, word
from .registry import Issue, RuleContext, rule


@rule("signoff-required", "error", category="partnership")
def signoff_required(ctx: RuleContext) -> Iterator[Issue]:
    """An agreed or live pathway lacks a sign-off from a commissioner and from a provider."""
    if ctx.pathway.status not in AGREED:
        return
    missing = missing_signatories(ctx.pathway)
    if missing:
        yield Issue(
            f"The pathway is {word(STATUS_WORDS, ctx.pathway.status, in_sentence=True)} but has no "
            f"sign-off from {' or '.join(missing)}: someone from each signs it off, or the "
            f"pathway goes back to being {word(STATUS_WORDS, 'in-review', in_sentence=True)}.",
            ("status",),
        )


@rule("signoff-one-person", "error", category="partnership")
def signoff_one_person(ctx: RuleContext) -> Iterator[Issue]:
    """An agreed or live pathway whose commissioner and provider sign-offs are all by one person."""
    if ctx.pathway.status not in AGREED:
        return
    alone = one_person_for_both(ctx.pathway)
    if alone is not None:
        yield Issue(
            f"The pathway is {word(STATUS_WORDS, ctx.pathway.status, in_sentence=True)}, but "
            f"{alone} signed for both the commissioner and the provider: the two sign-offs must "
            "come from different people of those organisations.",
            ("signoffs",),
        )


@rule("stale-signoff", "warning", category="partnership")
def stale_signoff(ctx: RuleContext) -> Iterator[Issue]:
    """A sign-off was given to different content (error when the pathway is agreed or live)."""
    if not ctx.pathway.signoffs:
        return  # the fingerprint writes the whole pathway out: only worth it when there are sign-offs
    current = fingerprint(ctx.pathway)
    renewed = {s.organisation for s in ctx.pathway.signoffs if s.fingerprint == current}
    severity = Severity.ERROR if ctx.pathway.status in AGREED else None
    for i, s in enumerate(ctx.pathway.signoffs):
        if s.fingerprint != current and s.organisation not in renewed:
            name = ctx.org(s.organisation)
            yield Issue(
                f"The pathway has changed since {s.name} ({name}) signed it off on "
                f"{date_words(s.date)}: {s.name}, or someone else from {name}, needs to "
                "sign off again.",
                ("signoffs", i),
                severity=severity,
            )


@rule("review-overdue", "warning", category="partnership")
def review_overdue(ctx: RuleContext) -> Iterator[Issue]:
    """The joint review date (review.due) has passed."""
    review = ctx.pathway.review
    if review and review.due and review.due < ctx.today:
        yield Issue(
            f"The joint review was due on {date_words(review.due)}: time to bring partners, service "
            "users and carers together to look at it again.",
            ("review", "due"),
        )
