"""The base's changes written out: in people's words (the app's banner, the CLI's text) and as JSON.

Text names steps by their labels and the base by its title; ids, field names and commits are in the
JSON, for programs and YAML reviewers.
"""

from __future__ import annotations

from typing import Any

from ..changes.words import changes_in_words, conflict_in_words
from ..changes.writing import conflict_json, diff_json
from ..words import LOCAL_STATE_WORDS, plural, quoted
from .upstream import Upstream, UpstreamChange

_STEPWISE = ("steps", "transitions")


def headline(up: Upstream) -> str:
    """One sentence: "The base pathway “…” changed since you adapted it: 3 changes, 2 touch steps you
    kept"; or that it has not, or that the version adapted is unknown."""
    title = quoted(up.base_now.title)
    if up.unknown:
        return (
            f"The base pathway {title} may have changed since you adapted it: which version you "
            "adapted is not recorded."
        )
    if up.up_to_date:
        return f"The base pathway {title} has not changed since you adapted it."
    kept = [c for c in up.changes if c.local == "kept"]
    what = "steps" if all(c.change.section in _STEPWISE for c in kept) else "parts"
    touch = f"{len(kept)} {'touches' if len(kept) == 1 else 'touch'} {what} you kept"
    count = plural(len(up.changes), "change")
    said = f"The base pathway {title} changed since you adapted it: {count}, {touch}"
    if up.conflicts:
        said += f"; {plural(len(up.conflicts), 'change meets', 'changes meet')} one of yours"
    return said + "."


def change_words(up: Upstream, item: UpstreamChange) -> str:
    """A change of the base in words, with what the local pathway did with the part it touches."""
    assert up.base_then is not None
    told = changes_in_words([item.change], up.base_then, up.base_now)[0]
    meets = "; it meets a change of yours: choose which to keep" if item.meets else ""
    return f"{told} ({LOCAL_STATE_WORDS[item.local]}{meets})"


def upstream_text(up: Upstream) -> str:
    lines = [headline(up)]
    lines += [f"- {change_words(up, c)}" for c in up.changes]
    return "\n".join(lines)


def conflict_lines(up: Upstream) -> list[str]:
    """Each conflict in words: what both changed, ours (the local pathway's) and the base's."""
    assert up.base_then is not None
    lines = []
    for conflict in up.conflicts:
        told = conflict_in_words(conflict, up.base_then, up.base_now, up.local)
        lines.append(f"{told.subject}: yours {told.ours}, the base's {told.theirs} (was {told.base})")
    return lines


def upstream_json(up: Upstream) -> dict[str, Any]:
    return {
        "pathway": up.local.id,
        "base": {"pathway": up.base.pathway, "repository": up.base.repository, "title": up.base_now.title},
        "adapted": up.then,
        "latest": up.now,
        "known": not up.unknown,
        "guess": up.guess,
        "headline": headline(up),
        "changes": [
            {**diff_json([c.change])[0], "local": c.local, "steps": list(c.steps), "meets": c.meets}
            for c in up.changes
        ],
        "conflicts": [conflict_json(c) for c in up.conflicts],
    }
