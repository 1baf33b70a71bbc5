"""Time on a pathway: a format time (`4h`, `2w`) in minutes, and the time a step adds to a route.

The parse itself lives with the words that tell a time (`pathway_designer.words`), so the report,
the diagram and the rules read a time one way; it is re-exported here for the partnership lens.
"""

from __future__ import annotations

from ..model import Step
from ..words import time_in_minutes

__all__ = ["step_minutes", "time_in_minutes"]


def step_minutes(step: Step) -> float | None:
    """The time a step adds to a route (wait plus duration), or None when neither is given."""
    parts = [time_in_minutes(t) for t in (step.wait, step.duration) if t]
    return sum(parts) if parts else None
