"""Helpers for the format tests: a small builder of pathway YAML, and finding look-ups.

Structural tests look only at the findings of the rule under test, so rules added by other issues
(partnership, language...) cannot make them fail; CLI tests that need a clean file turn every rule
outside the "structure" category off in a `pathway-designer.yaml` next to the file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

from pathway_designer import Finding, check_text
from pathway_designer.checks.rules import RULES

REPO = Path(__file__).resolve().parents[2]
PATHWAYS = REPO / "pathways"
SCHEMA_FILE = REPO / "schema" / "pathway.schema.json"

StepSpec = tuple[str, str] | tuple[str, str, str]
TransitionSpec = tuple[str, str] | tuple[str, str, str]

BASE_STEPS: list[StepSpec] = [
    ("start", "entry"),
    ("triage", "decision"),
    ("help", "intervention"),
    ("done", "exit"),
]
BASE_TRANSITIONS: list[TransitionSpec] = [
    ("start", "triage"),
    ("triage", "help", "Risk is high"),
    ("triage", "done", "Risk is low"),
    ("help", "done"),
]


def build(
    steps: Sequence[StepSpec] = BASE_STEPS,
    transitions: Sequence[TransitionSpec] = BASE_TRANSITIONS,
    *,
    pathway_id: str = "demo",
    organisations: str = "",
    tail: str = "",
) -> str:
    """YAML text of a pathway: steps as (id, kind[, extra lines]), transitions as (from, to[, when]).

    Extra step lines are written at the step's field indentation, e.g. "owner: trust".
    `organisations` replaces the default list (one NHS trust); `tail` is YAML appended at the end.
    """
    lines = [
        "format: 1",
        f"id: {pathway_id}",
        "title: Demo pathway",
        "organisations:",
    ]
    lines += (
        organisations.rstrip("\n").splitlines()
        if organisations
        else ["  - id: trust", "    name: Demo NHS Trust", "    role: nhs-provider"]
    )
    lines.append("steps:")
    for spec in steps:
        step_id, kind = spec[0], spec[1]
        lines += [f"  - id: {step_id}", f"    label: Step {step_id}", f"    kind: {kind}"]
        if len(spec) == 3:
            lines += [f"    {line}" for line in spec[2].splitlines()]  # type: ignore[misc]
    if transitions:
        lines.append("transitions:")
        for t in transitions:
            lines += [f"  - from: {t[0]}", f"    to: {t[1]}"]
            if len(t) == 3:
                lines.append(f"    when: {t[2]}")  # type: ignore[misc]
    text = "\n".join(lines) + "\n"
    return text + textwrap.dedent(tail)


def at(text: str, line_has: str, target: str | None = None, nth: int = 1) -> tuple[int, int]:
    """(line, column), 1-based, of `target` (default: `line_has`) on the nth line containing
    `line_has`. Tests state positions this way so they stay readable and exact."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line_has in line:
            seen += 1
            if seen == nth:
                column = line.index(target if target is not None else line_has, line.index(line_has))
                return number, column + 1
    raise AssertionError(f"no line {nth} containing {line_has!r}")


def findings(text: str, rule: str | None = None, name: str = "demo.yaml", **kwargs) -> list[Finding]:
    """Findings of checking `text` (of one rule, if named); the text must load."""
    check = check_text(text, name, **kwargs)
    if rule is not None:
        assert check.pathway is not None, check.findings
        assert rule in RULES, f"{rule} is not a registered rule"
    return [f for f in check.findings if rule is None or f.rule == rule]


def where(found: Iterable[Finding]) -> list[tuple[int | None, int | None, str | None]]:
    """(line, column, step) of each finding, in order."""
    return [(f.line, f.column, f.step) for f in found]


def structure_only_config() -> str:
    """A `pathway-designer.yaml` turning off every rule that is not structural."""
    off = sorted(name for name, r in RULES.items() if r.category != "structure")
    body = "".join(f"  {name}: off\n" for name in off)
    return "rules:\n" + body if off else "rules: {}\n"
