"""Reporting findings: compiler-style text, JSON, and GitHub Actions annotations.

Reporters only format; they never check anything. People's text in the text formats (a name or a
label in a message, a file name) has its control characters escaped (`pathway_designer.controls`), so
a sign-off name holding a newline cannot start a line that looks like another finding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from ..controls import escaped, escaped_lines
from ..finding import Finding, Severity
from ..words import plural
from .validation import FileCheck


def summary(checks: Sequence[FileCheck]) -> str:
    """`3 files checked: 2 valid, 1 with 2 errors and 1 warning`."""
    with_errors = [c for c in checks if any(f.severity is Severity.ERROR for f in c.findings)]
    errors = sum(f.severity is Severity.ERROR for c in checks for f in c.findings)
    warnings = sum(f.severity is Severity.WARNING for c in checks for f in c.findings)
    infos = sum(f.severity is Severity.INFO for c in checks for f in c.findings)
    valid = len(checks) - len(with_errors)
    text = f"{plural(len(checks), 'file')} checked: {valid} valid"
    if with_errors:
        text += f", {len(with_errors)} with {plural(errors, 'error')}"
        if warnings:
            text += f" and {plural(warnings, 'warning')}"
    elif warnings:
        text += f", {plural(warnings, 'warning')}"
    if infos:
        text += f" ({infos} for information)"
    return text


def finding_text(finding: Finding) -> str:
    """`file:line:column: severity rule: message` on one line, whatever the message holds."""
    file = escaped(finding.file) if finding.file is not None else None
    return str(replace(finding, message=escaped(finding.message), file=file))


def as_text(checks: Sequence[FileCheck]) -> str:
    lines = [finding_text(f) for c in checks for f in c.findings]
    lines.append(summary(checks))
    return "\n".join(lines) + "\n"


def as_json(checks: Sequence[FileCheck]) -> str:
    return json.dumps([f.to_json() for c in checks for f in c.findings], indent=2) + "\n"


def _escape_data(text: str) -> str:
    # Line ends become %0D and %0A (GitHub shows them as breaks in one annotation); others escaped.
    return escaped_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value]
    props = [f"file={_escape_property(finding.file or '')}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
    if finding.column is not None:
        props.append(f"col={finding.column}")
    props.append(f"title={_escape_property(finding.rule)}")
    return f"::{level} {','.join(props)}::{_escape_data(finding.message)}"


def as_github(checks: Sequence[FileCheck]) -> str:
    lines = [github_annotation(f) for c in checks for f in c.findings]
    lines.append(summary(checks))
    return "\n".join(lines) + "\n"


REPORTERS = {"text": as_text, "json": as_json, "github": as_github}
