"""The partnership measures a change moved: handoffs, routes, steps, time on the quickest and slowest
route, each in words, before and after (a side that is absent reads as "none")."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Pathway
from ..partnership.measures import Analysis, analyse
from ..partnership.routes import Route
from ..words import minutes_words
from .result import MeasureMove

NONE = "none"


def _route_time(route: Route | None) -> str:
    return minutes_words(route.minutes) if route is not None else "no route"


_MEASURES: tuple[tuple[str, str, Callable[[Analysis], str]], ...] = (
    ("steps", "Steps", lambda a: str(a.steps)),
    ("handoffs", "Handoffs between organisations", lambda a: str(len(a.handoffs))),
    ("routes", "Routes from a way in to a way out", lambda a: a.routes.count_text),
    ("quickest", "Time on the quickest route", lambda a: _route_time(a.routes.quickest)),
    ("slowest", "Time on the slowest route", lambda a: _route_time(a.routes.slowest)),
)


def measures_moved(old: Pathway | None, new: Pathway | None) -> tuple[MeasureMove, ...]:
    """Each measure whose value differs between the two sides, in the order above."""
    before = analyse(old) if old is not None else None
    after = analyse(new) if new is not None else None
    moved = []
    for key, name, value in _MEASURES:
        was = value(before) if before is not None else NONE
        now = value(after) if after is not None else NONE
        if was != now:
            moved.append(MeasureMove(key, name, was, now))
    return tuple(moved)
