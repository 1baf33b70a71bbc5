"""User text in diagrams: cleaned, wrapped and escaped so that it is always shown as text, never code.

Every label, condition, handoff and name a person wrote passes through here before it reaches DOT or
Mermaid source. Nothing else in `render` puts user text into markup.

- DOT labels are HTML-like labels (`<...>`): the text is entity-escaped (`&`, `<`, `>`, quotes), so
  it can neither close the label nor open a tag. Graphviz still reads escString escapes in them once
  entities are decoded (`\\N` shows the node's name, `\\G` the graph's, even written `&#92;N`), so
  backslashes are doubled as well: `\\\\` shows one backslash. A line break the author wrote is
  `<BR/>`; a break added to wrap a long label carries the alignment of its place (`<BR
  ALIGN="CENTER"/>`), which looks the same, so the exact text can be read back from the source: a
  `BR` with `ALIGN` is ours.
- DOT names are escStrings: backslashes are doubled, newlines become `\\n`, and the whole is
  quoted (`dot_quoted`, or the `graphviz` package for names).
- DOT tooltips are read twice by Graphviz 2.43: once as an escString, then again, HTML entities
  decoded, when the SVG is written. A doubled backslash is still expanded there (`\\\\N` shows the
  node's name, `\\\\L` leaks the label's markup), and `&#92;N` is a `\\N` again. So each backslash
  is written four times and each `&` as `&amp;` (`dot_tooltip`): measured with `dot` 2.43, every
  `\\N \\G \\E \\L \\T \\H`, entity and quote then shows as typed (a tab shows as a space).
- Mermaid labels are written inside `"..."` with only what Mermaid or HTML would read as syntax
  (the quote, `<`, `&`, a backtick, `%`, and a `#` that would start an entity) as an entity code
  (`#quot;`, `#35;`), which Mermaid shows as the character itself. A line break the author wrote
  is `<br>`; a break added to wrap is `<br/>`.

Characters a YAML file cannot hold (control characters other than tab and newline, lone surrogates)
are shown as U+FFFD, the replacement character. A line of tabs alone is shown as spaces: Graphviz
2.43 refuses an HTML-like label (or a `<B>`) that holds nothing but tabs, and draws nothing at all.
"""

from __future__ import annotations

import html
import re

import graphviz

REPLACEMENT = "\ufffd"
WRAP_WIDTH = 26

HARD_BREAK_DOT = "<BR/>"
HARD_BREAK_MERMAID = "<br>"
SOFT_BREAK_MERMAID = "<br/>"

_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


_TABS_ONLY = re.compile(r"^\t+$", re.MULTILINE)


def clean(text: str) -> str:
    """`text` with Windows and old Mac line ends as newlines and unprintable characters replaced."""
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TABS_ONLY.sub(lambda m: " " * len(m.group(0)), text)
    return _NOT_TEXT.sub(REPLACEMENT, text)


def wrap(line: str, width: int = WRAP_WIDTH) -> list[str]:
    """One line cut into pieces of about `width` characters, keeping every character.

    Breaks come after a space (which stays at the end of its piece); a word longer than `width` is
    cut every `width` characters. Joining the pieces gives back `line` exactly.
    """
    if len(line) <= width:
        return [line]
    pieces = []
    start = 0
    while len(line) - start > width:
        space = line.rfind(" ", start, start + width + 1)
        end = space + 1 if space > start else start + width
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


def _lines(text: str, width: int | None) -> list[list[str]]:
    """The author's lines of `text`, each as its wrapped pieces (unwrapped when `width` is None)."""
    return [wrap(line, width) if width else [line] for line in clean(text).split("\n")]


def _html(text: str) -> str:
    # `]` as an entity: Graphviz 2.43 refuses a label whose text after a tag starts with `]`.
    return html.escape(text, quote=True).replace("\\", "\\\\").replace("]", "&#93;")


def html_escape(text: str) -> str:
    """Text for inside an HTML-like DOT label: `&`, `<`, `>`, quotes as entities, `\\` doubled."""
    return _html(clean(text))


def dot_html(text: str, width: int | None = WRAP_WIDTH, align: str = "CENTER") -> str:
    """User text as the inside of an HTML-like DOT label, wrapped at about `width` characters.

    `align` ("CENTER" or "LEFT") is the alignment of the place the text goes: a table cell with
    `BALIGN="LEFT"` wants "LEFT", so wrapped lines line up with the author's own lines.
    """
    soft = f'<BR ALIGN="{align}"/>'
    return HARD_BREAK_DOT.join(
        soft.join(_html(piece) for piece in pieces)
        for pieces in _lines(text, width)
    )


def dot_string(text: str) -> str:
    """User text as a DOT escString for the `graphviz` package's API (names): never HTML or escapes."""
    escaped = graphviz.escape(clean(text)).replace("\n", "\\n")
    return graphviz.nohtml(escaped)


def dot_quoted(text: str) -> str:
    """Text as a quoted DOT escString literal, as `graphviz.escape` then `graphviz.quote` make it.

    Backslashes are doubled first, so every quote in the text is then unescaped and is escaped.
    """
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    text = clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def dot_tooltip(text: str) -> str:
    """User text as a quoted DOT tooltip that Graphviz shows exactly as typed, expanding nothing."""
    if text.isascii() and text.isprintable() and not any(c in text for c in '"\\&'):
        return f'"{text}"'
    text = clean(text).replace("\\", "\\" * 4).replace("&", "&amp;")
    return '"' + text.replace('"', '\\"').replace("\n", "\\n") + '"'


# What Mermaid itself would read in a quoted label, written as its entity codes: the closing quote,
# a `#` that starts an entity (`#35;`), HTML's `<` and `&`, a backtick (a Markdown string) and `%`
# (`%%` starts a comment or a directive anywhere). Everything else, `;`, `#`, brackets and emoji
# included, is written as it is: mermaid-cli 11 strips a `;` from some lines holding `#...;`, so
# the fewer entities the better (see `mermaid.py` for the rest of that story).
_MERMAID_ENTITY = {'"': "#quot;", "<": "#60;", "&": "#38;", "`": "#96;", "%": "#37;", "\t": "#9;"}
_ENTITY_START = re.compile(r"#(?=\w+;)")


def _mermaid_char(char: str) -> str:
    return _MERMAID_ENTITY.get(char, char)


def mermaid_escape(text: str) -> str:
    """Text for inside a quoted Mermaid label, on one line, with no character Mermaid can parse."""
    text = _ENTITY_START.sub("#35;", text)  # before the others: their codes start with a `#` too
    return "".join(_mermaid_char(c) for c in text)


def mermaid_text(text: str, width: int | None = WRAP_WIDTH) -> str:
    """User text as the inside of a quoted Mermaid label, wrapped at about `width` characters."""
    return HARD_BREAK_MERMAID.join(
        SOFT_BREAK_MERMAID.join(mermaid_escape(piece) for piece in pieces)
        for pieces in _lines(text, width)
    )
