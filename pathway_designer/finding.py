"""A finding: one thing a check has to say about a pathway, with where it is.

Every checker (YAML reading, the model, structural and partnership rules) returns findings; the CLI,
the app and CI annotations all report the same type.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    step: str | None = None
    # For YAML reviewers: the ids and field the finding is about ("step triage, field wait"); the
    # message itself names steps and organisations as people know them.
    detail: str | None = None

    def at(self, file: str | None) -> Finding:
        return replace(self, file=file)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def location(self) -> str:
        """`file:line:column`, as much of it as is known."""
        parts = [self.file or "<text>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def reference(self) -> str:
        """The small print for YAML reviewers: the rule and where it is ("dead-end, line 24:5").
        The ids of `detail` are left to the JSON and the command line."""
        if self.line is None:
            return self.rule
        column = f":{self.column}" if self.column is not None else ""
        return f"{self.rule}, line {self.line}{column}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity.value} {self.rule}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (
            self.file or "",
            self.line or 0,
            self.column or 0,
            self.severity.rank,
            self.rule,
        )


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
