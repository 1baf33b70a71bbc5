"""The journey in words as Markdown, for GitHub, a wiki or an e-mail: people's text stays text.

Every sentence holds people's words (labels, names, conditions), so every ASCII punctuation
character is escaped with a backslash (CommonMark allows it for any of them): a label such as
`![x](http://host/p.png)` or `<script>` shows as written and never becomes an image, a link or HTML.
"""

from __future__ import annotations

import re

from .story import Story

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """`text` on one line with every Markdown character escaped."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def _sentences(sentences: tuple[str, ...]) -> str:
    return " ".join(markdown_text(s) for s in sentences)


def story_markdown(told: Story) -> str:
    """The story as Markdown: the title, each route a section, its steps a numbered list."""
    lines = [f"# {markdown_text(told.title)}", "", _sentences(told.introduction)]
    for route in told.routes:
        lines += ["", f"## {markdown_text(route.title)}", "", _sentences(route.summary), ""]
        lines += [f"{n}. {_sentences(step.sentences)}" for n, step in enumerate(route.steps, 1)]
    if told.closing:
        lines += ["", _sentences(told.closing)]
    return "\n".join(lines) + "\n"
