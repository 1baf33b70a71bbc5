"""Involvement rule: were service users and carers part of designing the pathway, and recently?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...words import date_words
from .registry import Issue, RuleContext, rule


def year_before(day: dt.date) -> dt.date:
    """The same date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@rule("no-involvement", "warning", category="partnership")
def no_involvement(ctx: RuleContext) -> Iterator[Issue]:
    """No involvement of service users and carers recorded, or none in the last 12 months."""
    records = ctx.pathway.involvement
    if not records:
        yield Issue(
            "No involvement of service users and carers is recorded: who has lived experience "
            "of this pathway, and how could they help shape it?",
            ("involvement",),
        )
        return
    latest = max(range(len(records)), key=lambda i: records[i].date)
    if records[latest].date < year_before(ctx.today):
        yield Issue(
            f"Service users and carers were last involved on "
            f"{date_words(records[latest].date)}, more than 12 months ago: could they look at "
            "the pathway again?",
            ("involvement", latest),
        )
