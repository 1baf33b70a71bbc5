"""A diff and a merge's conflicts written out: as text for the terminal, as JSON for programs.

These are the technical words, with ids (`step 'triage'`), for the CLI and for files; the words of a
workshop, with step labels and organisation names, are in `changes.words`.
"""

from __future__ import annotations

from typing import Any

from .diff import Change
from .merge import Conflict

_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def diff_text(changes: list[Change]) -> str:
    """One line a change, marked + added, - removed, ~ changed; "no changes" when there are none."""
    if not changes:
        return "no changes"
    return "\n".join(f"{_SIGNS[c.action]} {c.describe()}" for c in changes)


def diff_json(changes: list[Change]) -> list[dict[str, Any]]:
    """The changes as plain data, each with its description."""
    return [
        {
            "action": c.action,
            "section": c.section,
            "key": c.key,
            "field": c.field,
            "old": c.old,
            "new": c.new,
            "description": c.describe(),
        }
        for c in changes
    ]


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """One conflict as plain data, with its description (what a save or sync refused returns)."""
    c = conflict
    return {
        "section": c.section,
        "key": c.key,
        "field": c.field,
        "base": c.base,
        "ours": c.ours,
        "theirs": c.theirs,
        "description": c.describe(),
    }
