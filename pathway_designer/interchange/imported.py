"""What an import gives: the pathway (when one could be made) and what the import has to say.

Each note is a finding in people's words (step labels, organisation names) and, apart, where in
the source file it comes from (a FHIR element's path or a BPMN element's id): a detail for people
who read the source, never the main text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..finding import Finding, Severity, has_errors
from ..format.canonical import dump
from ..model import Pathway


@dataclass(frozen=True)
class Note:
    finding: Finding
    element: str | None = None  # where in the source: `action[2].participant[0]`, `Task_1`


@dataclass
class Imported:
    pathway: Pathway | None
    notes: list[Note] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [n.finding for n in self.notes]

    @property
    def ok(self) -> bool:
        return self.pathway is not None and not has_errors(self.findings)

    def text(self) -> str:
        """The pathway's canonical YAML (empty when there is none)."""
        return dump(self.pathway, header="") if self.pathway is not None else ""


def note(
    rule: str,
    message: str,
    element: str | None = None,
    *,
    step: str | None = None,
    severity: Severity = Severity.WARNING,
    line: int | None = None,
    column: int | None = None,
) -> Note:
    return Note(Finding(rule, severity, message, line=line, column=column, step=step), element)
