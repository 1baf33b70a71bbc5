"""A review as Markdown: one pull-request comment, GitHub's flavour, ready to post.

People's words (titles, labels, names, messages) are never markup: every ASCII punctuation character
is backslash-escaped (CommonMark lets a backslash escape any of them), so a label such as
`![x](http://host/p.png)` or `<img>` shows as written and fetches nothing. File paths and rule names
are shown in code spans whose fence is longer than any backquote run in them. The diagrams are
```mermaid blocks, which GitHub draws; their labels are escaped for Mermaid by the renderer.

The first line is a hidden marker, so the Action finds its own earlier comment and updates it.
"""

from __future__ import annotations

import re

from ..finding import Finding
from ..words import SEVERITY_WORDS, plural, word
from .result import FileReview, Review

MARKER = "<!-- pathway-designer review -->"
DIAGRAM = "Diagram, with what was added, removed and changed marked"
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_STATUS = {
    "added": "New pathway",
    "removed": "Pathway removed",
    "renamed": "Pathway moved",
    "edited": "Pathway changed",
}


def escape(text: object) -> str:
    """People's text as plain Markdown text, on one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def code(text: str) -> str:
    """A code span that shows `text` whole, whatever backquotes it holds."""
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{' '.join(text.split())}{pad}{fence}"


def _fenced(body: str, info: str) -> list[str]:
    runs = [len(r) for r in re.findall(r"`{3,}", body)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [f"{fence}{info}", body.rstrip("\n"), fence]


def _finding(f: Finding) -> str:
    return f"{word(SEVERITY_WORDS, f.severity)}: {escape(f.message)}"


def _findings_details(file: FileReview) -> list[str]:
    """Where each finding is and which rule made it, for whoever edits the YAML."""
    rows = [("introduced", f) for f in file.introduced] + [("fixed", f) for f in file.fixed]
    if not rows:
        return []
    lines = ["<details><summary>For YAML reviewers: rules and lines</summary>", ""]
    for what, f in rows:
        where = f"{file.path}:{f.line}" if f.line else file.path
        lines.append(f"- {what}: {code(f.rule)} at {code(where)}")
    return [*lines, "", "</details>", ""]


def file_markdown(file: FileReview) -> list[str]:
    heading = f"### {_STATUS[file.status]}: {escape(file.title)}"
    lines = [heading, ""]
    if file.status == "renamed":
        lines.append(f"Moved from {code(file.old_path or '')} to {code(file.new_path or '')}.")
    else:
        lines.append(f"File {code(file.path)}.")
    lines.append("")
    for side in file.unreadable:
        lines += [f"**{escape(side.capitalize())} cannot be read as a pathway**: see its findings.", ""]
    if file.changes:
        lines += ["#### What changed", "", *[f"- {escape(c)}" for c in file.changes], ""]
    elif file.status in ("edited", "renamed") and not file.unreadable:
        lines += ["No change in meaning (only layout, order or comments).", ""]
    if file.introduced or file.fixed:
        lines += ["#### Findings", ""]
        lines += [f"- New: {_finding(f)}" for f in file.introduced]
        lines += [f"- Fixed: {_finding(f)}" for f in file.fixed]
        lines.append("")
        lines += _findings_details(file)
    if file.measures:
        lines += ["#### Measures that moved", "", "| Measure | Before | After |", "|---|---|---|"]
        lines += [f"| {escape(m.measure)} | {escape(m.old)} | {escape(m.new)} |" for m in file.measures]
        lines.append("")
    if file.stale_signoffs:
        lines += ["#### Sign-offs this change makes stale", ""]
        lines += [f"- {escape(s)} signed the earlier content and would need to sign again"
                  for s in file.stale_signoffs]
        lines.append("")
    if file.diagram:
        lines += [f"<details open><summary>{DIAGRAM}</summary>", ""]
        lines += [*_fenced(file.diagram, "mermaid"), "", "</details>", ""]
    return lines


def review_markdown(review: Review) -> str:
    """The whole review as one comment, starting with the hidden marker."""
    lines = [MARKER, "## Pathway review", ""]
    if not review.files:
        lines += ["No pathway file changed.", ""]
        return "\n".join(lines)
    summary = [plural(len(review.files), "pathway file")]
    summary.append(f"{plural(review.introduced, 'new finding')}, {plural(review.fixed, 'finding')} fixed")
    lines += ["; ".join(summary) + f" (from {code(review.base_commit[:8])} to "
              f"{code(review.head_commit[:8])}).", ""]
    for file in review.files:
        lines += file_markdown(file)
    return "\n".join(lines).rstrip("\n") + "\n"
