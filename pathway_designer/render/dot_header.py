"""The header of a DOT diagram: its title, the key to what its fills, shapes and lines mean, and the
findings about the pathway as a whole (HTML-like label markup, user text escaped)."""

from __future__ import annotations

from ..finding import Severity
from ..words import KIND_WORDS, plural, setting_words, word
from . import palette
from .choices import LaneBy
from .diagram import Diagram
from .marks import Mark
from .text import dot_html, html_escape

DETAIL_SIZE = "10"
MAX_LISTED_FINDINGS = 12


def font(text: str, *, size: str | None = None, colour: str | None = None) -> str:
    """Markup already escaped, in a FONT element."""
    attrs = (f' POINT-SIZE="{size}"' if size else "") + (f' COLOR="{colour}"' if colour else "")
    return f"<FONT{attrs}>{text}</FONT>"


def small(text: str) -> str:
    return font(text, size=DETAIL_SIZE)


def _text_row(markup: str) -> str:
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{markup}</TD></TR>'


def _swatch(text: str, fill: str) -> str:
    return f'<TD ALIGN="LEFT" BGCOLOR="{fill}" BORDER="1" COLOR="{palette.LANE_BORDER}">{text}</TD>'


def _settings_row(diagram: Diagram) -> str:
    """The fill colours of the settings drawn (or of the figure the steps are filled by, see
    `Fills`), each a swatch with its meaning written in it."""
    if diagram.fill_key:
        swatches = [(meaning, colour) for meaning, colour in diagram.fill_key]
        title = f"<B>{html_escape(diagram.fill_heading)}</B> (fill)"
    else:
        swatches = [(setting_words(s, in_sentence=True), palette.setting_fill(s)) for s in diagram.settings()]
        title = "<B>Where</B> (fill)"
    cells = "".join(_swatch(small(html_escape(meaning)), colour) for meaning, colour in swatches)
    heading = f'<TD ALIGN="LEFT">{small(title)}</TD>'
    return (
        '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
        f"<TR>{heading}{cells}</TR></TABLE></TD></TR>"
    )


SEPARATOR = "   ·   "


def _key_rows(diagram: Diagram) -> list[str]:
    rows = []
    if diagram.fill_key or (diagram.lane_by is not LaneBy.SETTING and diagram.settings()):
        rows.append(_settings_row(diagram))
    kinds = [
        f"{palette.SHAPES[k].name}: {word(KIND_WORDS, k, in_sentence=True)}" for k in diagram.kinds()
    ]
    if diagram.has_missing_steps():
        kinds.append("dashed box: a step the pathway does not have")
    if kinds:
        rows.append(_text_row(small("<B>Step</B> (shape)   " + html_escape(SEPARATOR.join(kinds)))))
    lines = []
    if diagram.has_handoffs():
        lines.append(html_escape("double line: responsibility passes to another organisation"))
    for severity in ("error", "warning"):
        if severity in diagram.severities():
            look = palette.FINDING_LOOKS[Severity(severity)]
            lines.append(font(look.symbol, colour=look.colour) + " " + html_escape(look.meaning))
    for mark in Mark:
        if mark in diagram.marks():
            look = palette.MARK_LOOKS[mark]
            symbol = font(f"<B>{look.symbol}</B>", colour=look.colour)
            lines.append(symbol + " " + html_escape(look.meaning))
    if lines:
        rows.append(_text_row(small("<B>Lines</B>   " + SEPARATOR.join(lines))))
    return rows


def _general_finding_rows(diagram: Diagram) -> list[str]:
    """Findings about the pathway as a whole, listed under the key (the first few)."""
    listed = [f for f in diagram.general_findings if f.severity in palette.FINDING_LOOKS]
    rows = []
    for finding in listed[:MAX_LISTED_FINDINGS]:
        look = palette.FINDING_LOOKS[finding.severity]
        text = dot_html(finding.message, 110, "LEFT")
        rows.append(_text_row(small(font(look.symbol, colour=look.colour) + " " + text)))
    if len(listed) > MAX_LISTED_FINDINGS:
        more = len(listed) - MAX_LISTED_FINDINGS
        rows.append(_text_row(small(html_escape(f"… and {plural(more, 'more finding')}"))))
    return rows


def header_label(diagram: Diagram, key: bool = True) -> str:
    """The title, and (with `key`) the key to the diagram and findings not tied to a step."""
    rows = [
        _text_row(font("<B>" + dot_html(diagram.title, 80, "LEFT") + "</B>", size="18")),
        _text_row(small(dot_html(diagram.subtitle, None, "LEFT"))),
    ]
    if key:
        rows += _key_rows(diagram)
    rows += _general_finding_rows(diagram)
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
    return "<" + table + "".join(rows) + "</TABLE>>"
