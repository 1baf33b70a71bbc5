"""Validation rules. Importing this package registers every rule in `RULES`."""

from . import (
    agreement,
    branches,
    care,
    flow,
    involvement,
    language,
    outcomes,
    partnership,
    references,
    structure,
    waits,
)
from .registry import RULES, Issue, Rule, RuleContext, rule

__all__ = [
    "RULES",
    "Issue",
    "Rule",
    "RuleContext",
    "agreement",
    "branches",
    "care",
    "flow",
    "involvement",
    "language",
    "outcomes",
    "partnership",
    "references",
    "rule",
    "structure",
    "waits",
]
