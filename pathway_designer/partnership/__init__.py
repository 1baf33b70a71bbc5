"""The partnership lens: time, routes and measures; comparison of twins; sign-off.

Results are data (`measures`, `routes`, `comparison`); each is written as text and as JSON by the
writer beside it (`measures_text`, `measures_json`, `comparison_text`, `comparison_json`).

The names below are imported on first use (PEP 562): `validate` needs only `signoff`, `times` and
`measures.handoffs`, and importing a submodule runs this file first, so eager imports here would
make every pre-commit run pay for the route search and the comparison of twins. (The `routes`
function is not offered here: it shares its name with its module.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .comparison import Comparison as Comparison
    from .comparison import compare as compare
    from .comparison import comparison_marks as comparison_marks
    from .comparison import comparison_transition_marks as comparison_transition_marks
    from .measures import Analysis as Analysis
    from .measures import Handoff as Handoff
    from .measures import PartnerShare as PartnerShare
    from .measures import analyse as analyse
    from .measures import handoffs as handoffs
    from .routes import ROUTE_LIMIT as ROUTE_LIMIT
    from .routes import Route as Route
    from .routes import Routes as Routes
    from .times import step_minutes as step_minutes
    from .times import time_in_minutes as time_in_minutes

_HOME = {
    "Comparison": "comparison", "compare": "comparison", "comparison_marks": "comparison",
    "comparison_transition_marks": "comparison",
    "Analysis": "measures", "Handoff": "measures", "PartnerShare": "measures",
    "analyse": "measures", "handoffs": "measures",
    "ROUTE_LIMIT": "routes", "Route": "routes", "Routes": "routes",
    "step_minutes": "times", "time_in_minutes": "times",
}  # fmt: skip

__all__ = sorted(_HOME)

__getattr__ = lazy_names(__name__, globals(), _HOME)
