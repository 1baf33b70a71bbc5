"""The result of an edit, and the one way every edit is finished: validated before it is kept.

Every operation takes a `Pathway` and returns an `Edit`: the new canonical text, its `FileCheck`
(findings) and one sentence saying what changed. An operation that would make the pathway unreadable
(a bad id, a wait of "four hours") raises `EditError` with the findings in plain words, and the
pathway the caller holds is unchanged: nothing is kept before it has been validated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...checks.validation import FileCheck, check_text
from ...finding import Finding, Severity
from ...format.canonical import dump_data
from ...model import Pathway

Data = dict[str, Any]


class EditError(ValueError):
    """An edit that cannot be kept; `findings` say why, in the same words as validation."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True)
class Edit:
    """The result of an edit: the pathway's new text, its check, and what changed in words."""

    text: str
    check: FileCheck
    message: str

    @property
    def pathway(self) -> Pathway:
        assert self.check.pathway is not None  # an Edit is only made for a readable pathway
        return self.check.pathway


def check_pathway_text(text: str, name: str | None = None) -> FileCheck:
    """Read and validate pathway text (the shared entry point, so callers can cache it by text)."""
    return check_text(text, name or "<edit>")


def finish(data: Data, message: str, header: str = "", name: str | None = None) -> Edit:
    """Validate edited data; an `Edit` if it can be kept, `EditError` (with findings) if not."""
    text = header + dump_data(data)
    check = check_pathway_text(text, name or _name_of(data))
    if check.pathway is None:
        problems = [f for f in check.findings if f.severity is Severity.ERROR] or check.findings
        raise EditError(
            "That change was not kept: " + "; ".join(f.message for f in problems[:3]), problems
        )
    return Edit(text, check, message)


def from_text(text: str, message: str = "Edited the YAML", name: str | None = None) -> Edit:
    """An edit of the whole text (the expert view); `EditError` when it cannot be read."""
    check = check_pathway_text(text, name)
    if check.pathway is None:
        problems = check.findings
        raise EditError(
            "The YAML was not kept: " + "; ".join(f.message for f in problems[:3]), problems
        )
    return Edit(text, check, message)


def _name_of(data: Data) -> str:
    pid = data.get("id")
    return f"pathways/{pid}.yaml" if isinstance(pid, str) else "<edit>"
