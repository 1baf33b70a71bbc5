"""Showing people's words safely in Streamlit: their text is never markup.

Streamlit renders Markdown (GitHub's flavour, with its own directives such as `:red[...]` and
`:material/...:`) in titles, headers, captions, alerts, toasts, widget and button labels and the
cells of `st.table`: a title such as `![i](http://host/x.png)` would make every participant's
browser fetch that image. CommonMark lets a backslash escape any ASCII punctuation character, so
`md` escapes all of them: images, links, autolinks (`<...>`, `www.`, `http:`, e-mail addresses),
HTML, entities, emphasis, code, headings, lists, tables, maths and directives all become plain text.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def md(text: object) -> str:
    """Text with every markdown (and Streamlit directive) character escaped, on one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def plain_cells(columns: dict[str, list[object]]) -> dict[str, list[str]]:
    """A table's columns with every cell escaped, for `st.table` (which renders cells as Markdown)."""
    return {md(name): [md(value) for value in values] for name, values in columns.items()}
