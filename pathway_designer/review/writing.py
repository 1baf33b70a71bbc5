"""A review as text (for the terminal) and as JSON (for programs, with ids and rule names).

The text is the Markdown's content without the markup or the diagrams; people's words in it are
escaped for the terminal by the command line (`cli.terminal.for_text`) before this sees them.
"""

from __future__ import annotations

from typing import Any

from ..finding import Finding
from ..words import SEVERITY_WORDS, plural, word
from .result import FileReview, Review

JSON_VERSION = 1  # the shape of the JSON below; raised when a field changes meaning or goes


def _finding(f: Finding) -> str:
    return f"{word(SEVERITY_WORDS, f.severity)}: {f.message}"


def _file_lines(file: FileReview) -> list[str]:
    moved = f" from {file.old_path}" if file.status == "renamed" else ""
    lines = [f"{file.path}: {file.title} ({file.status}{moved})"]
    lines += [f"  {side} cannot be read as a pathway" for side in file.unreadable]
    lines += [f"  {c}" for c in file.changes]
    lines += [f"  new {_finding(f)}" for f in file.introduced]
    lines += [f"  fixed {_finding(f)}" for f in file.fixed]
    lines += [f"  {m.measure}: {m.old} -> {m.new}" for m in file.measures]
    lines += [f"  sign-off made stale: {s}" for s in file.stale_signoffs]
    return lines


def review_text(review: Review) -> str:
    if not review.files:
        return "no pathway file changed"
    lines = [
        f"{plural(len(review.files), 'pathway file')} changed from {review.base_commit[:8]} to "
        f"{review.head_commit[:8]}: {plural(review.introduced, 'new finding')}, "
        f"{plural(review.fixed, 'finding')} fixed"
    ]
    for file in review.files:
        lines += ["", *_file_lines(file)]
    return "\n".join(lines)


def _file_json(file: FileReview) -> dict[str, Any]:
    return {
        "status": file.status,
        "old_path": file.old_path,
        "new_path": file.new_path,
        "title": file.title,
        "changes": list(file.changes),
        "diff": list(file.diff),
        "introduced": [f.to_json() for f in file.introduced],
        "fixed": [f.to_json() for f in file.fixed],
        "measures": [
            {"key": m.key, "measure": m.measure, "old": m.old, "new": m.new} for m in file.measures
        ],
        "stale_signoffs": list(file.stale_signoffs),
        "unreadable": list(file.unreadable),
        "mermaid": file.diagram,
    }


def review_json(review: Review) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "base": review.base,
        "head": review.head,
        "base_commit": review.base_commit,
        "head_commit": review.head_commit,
        "files": [_file_json(f) for f in review.files],
    }
