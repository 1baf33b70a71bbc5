"""The journey in words as plain text: a heading for each route, its steps numbered.

People's text goes out as written; the command line escapes control characters before printing.
"""

from __future__ import annotations

import textwrap

from .story import Story

WIDTH = 88


def _paragraph(sentences: tuple[str, ...] | list[str], indent: str = "") -> list[str]:
    text = " ".join(sentences)
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent),
                         break_on_hyphens=False) if text else []


def story_text(told: Story) -> str:
    """The story as text, wrapped for a terminal or a plain-text e-mail."""
    lines = [told.title, "=" * min(len(told.title), WIDTH), ""]
    lines += _paragraph(told.introduction)
    for route in told.routes:
        lines += ["", route.title, "-" * min(len(route.title), WIDTH)]
        lines += _paragraph(route.summary)
        for number, step in enumerate(route.steps, 1):
            lines.append("")
            lines += _paragraph(step.sentences, f"{number}. ")
    if told.closing:
        lines.append("")
        lines += _paragraph(told.closing)
    return "\n".join(lines) + "\n"
