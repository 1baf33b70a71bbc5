"""What a diagram marks on its steps and transitions: findings to fix, and differences between versions.

Findings come from `validate`. A finding about a step names it in `finding.step`; a finding about a
transition also names its `from` step there, and points (line and column) at the transition in the
file, so a pathway read from a file has each transition finding placed on its own arrow. A pathway
built in memory has no positions: its transition findings are placed on the `from` step.

Differences come from the version store: `marks` maps step ids, and `transition_marks` maps
`(from, to)` pairs, to `added`, `removed` or `changed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from ..finding import Finding, Severity
from ..model import Pathway
from ..words import rule_brief


class Mark(str, Enum):
    """How a step or transition differs between the two versions a diagram compares."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


StepMarks = Mapping[str, "Mark | str"]
TransitionMarks = Mapping[tuple[str, str], "Mark | str"]


def _mark(value: Mark | str, what: str) -> Mark:
    try:
        return Mark(value)
    except ValueError:
        allowed = ", ".join(m.value for m in Mark)
        raise ValueError(f"mark {value!r} for {what} is not one of {allowed}") from None


def checked_step_marks(marks: StepMarks | None) -> dict[str, Mark]:
    """`marks` with every value checked; raises ValueError naming the allowed values."""
    return {step: _mark(value, f"step {step!r}") for step, value in (marks or {}).items()}


def checked_transition_marks(marks: TransitionMarks | None) -> dict[tuple[str, str], Mark]:
    return {
        (a, b): _mark(value, f"transition {a!r} -> {b!r}") for (a, b), value in (marks or {}).items()
    }


@dataclass
class PlacedFindings:
    """Findings sorted by what they are drawn on: a step, a transition (by index), or the pathway."""

    steps: dict[str, list[Finding]] = field(default_factory=dict)
    transitions: dict[int, list[Finding]] = field(default_factory=dict)
    general: list[Finding] = field(default_factory=list)


TRANSITION_FIELDS = ("from", "to", "when", "handoff")


def _transition_positions(pathway: Pathway) -> dict[tuple[int, int], int]:
    """(line, column) of each transition and of each of its fields, to the transition's index."""
    found: dict[tuple[int, int], int] = {}
    # Only transitions the file has: one added in memory after loading has no position.
    written = pathway.item_positions("transitions", TRANSITION_FIELDS)
    for index, positions in enumerate(written[: len(pathway.transitions)]):
        for position in positions:
            found.setdefault(position, index)
    return found


def place_findings(pathway: Pathway, findings: Iterable[Finding]) -> PlacedFindings:
    """Each finding on the transition it points at, else on the step it names, else the pathway."""
    placed = PlacedFindings()
    step_ids = {s.id for s in pathway.steps}
    positions: dict[tuple[int, int], int] | None = None
    for finding in findings:
        if finding.line is not None and finding.column is not None:
            if positions is None:
                positions = _transition_positions(pathway)
            index = positions.get((finding.line, finding.column))
            if index is not None:
                placed.transitions.setdefault(index, []).append(finding)
                continue
        if finding.step is not None and finding.step in step_ids:
            placed.steps.setdefault(finding.step, []).append(finding)
        else:
            placed.general.append(finding)
    return placed


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The most severe of `findings` that the diagram draws (errors and warnings), if any."""
    severities = {f.severity for f in findings}
    for severity in (Severity.ERROR, Severity.WARNING):
        if severity in severities:
            return severity
    return None


def finding_marks(findings: Iterable[Finding]) -> list[tuple[Severity, str]]:
    """What a box or arrow says is wrong, briefly and in words: one line per kind of finding drawn
    (errors and warnings), the most severe first; never a rule's name."""
    lines: list[tuple[Severity, str]] = []
    seen: set[str] = set()
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.rule)):
        if f.severity is Severity.INFO or f.rule in seen:
            continue
        seen.add(f.rule)
        lines.append((f.severity, rule_brief(f.rule)))
    return lines
