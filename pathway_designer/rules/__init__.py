"""Validation rules. Importing this package registers every rule in `RULES`."""

from . import branches, partnership, references, structure
from .registry import RULES, Issue, Rule, RuleContext, rule

__all__ = ["RULES", "Issue", "Rule", "RuleContext", "branches", "partnership", "references", "rule", "structure"]
