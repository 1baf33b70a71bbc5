"""An unsaved change of an agreed or live pathway, before the person chose to start a revision.

The change makes the partners' sign-offs stale, and the checks say so as things that must be fixed
("The pathway has changed since Sam Lee signed it off..."): true of the draft, but shown before the
person decided anything, two red ✖ read as something they broke. Until the revision starts, those
findings are left out of the findings and the diagram, and what will happen is said plainly instead:
"Saving this will start a revision: X and Y will need to sign again." Once the revision has started
(the draft is in review, without sign-offs) the findings are the draft's own again.
"""

from __future__ import annotations

from pathway_designer.finding import Finding
from pathway_designer.workshop import lifecycle

from . import cache, session

STALE = "stale-signoff"  # the rule whose findings a revision settles


def _saved_agreed() -> bool:
    text = session.base_text()
    saved = cache.check(text).pathway if text else None
    return saved is not None and lifecycle.can_revise(saved)


def pending() -> str | None:
    """The plain sentence, while a change waits for a revision to start; None otherwise (nothing
    changed, a pathway not agreed, or a change that keeps the agreement, such as agreed to live)."""
    if not session.pathway_id() or not session.unsaved() or not _saved_agreed():
        return None
    check = session.current()
    if check.pathway is None or not any(f.rule == STALE for f in check.findings):
        return None
    names = lifecycle.sign_again(cache.check(session.base_text()).pathway or check.pathway)
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Saving this will start a revision: {who} will need to sign again."


def shown(findings: list[Finding]) -> list[Finding]:
    """The findings to show: without the stale sign-offs while a revision is pending."""
    if pending() is None:
        return findings
    return [f for f in findings if f.rule != STALE]


def hidden_rules() -> frozenset[str]:
    """The rules whose findings the diagram leaves out (a cache key: a frozenset)."""
    return frozenset({STALE}) if pending() is not None else frozenset()
