"""The partnership lens: time, routes and measures; comparison of twins; sign-off.

Results are data (`measures`, `routes`, `comparison`); each is written as text and as JSON by the
writer beside it (`measures_text`, `measures_json`, `comparison_text`, `comparison_json`).
"""

from .comparison import Comparison, compare, comparison_marks, comparison_transition_marks
from .measures import Analysis, Handoff, PartnerShare, analyse, handoffs
from .routes import ROUTE_LIMIT, Route, Routes, routes
from .times import step_minutes, time_in_minutes

__all__ = [
    "ROUTE_LIMIT",
    "Analysis",
    "Comparison",
    "Handoff",
    "PartnerShare",
    "Route",
    "Routes",
    "analyse",
    "compare",
    "comparison_marks",
    "comparison_transition_marks",
    "handoffs",
    "routes",
    "step_minutes",
    "time_in_minutes",
]
