"""The save rule: errors are allowed only in a draft.

A pathway with errors can be saved while it is a draft, so work in progress is never lost; once it
is in review, agreed, live or retired, every error must be fixed first. Saving, syncing and the app
all ask this one rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..finding import Finding, Severity
from ..model import Pathway, Status


def blocking_findings(pathway: Pathway, findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop `pathway` being saved: its errors, unless it is a draft."""
    if pathway.status is Status.DRAFT:
        return []
    return [f for f in findings if f.severity is Severity.ERROR]


def blocks_saving(pathway: Pathway, findings: Iterable[Finding]) -> bool:
    """Whether `findings` stop `pathway` being saved (errors, in anything but a draft)."""
    return bool(blocking_findings(pathway, findings))
