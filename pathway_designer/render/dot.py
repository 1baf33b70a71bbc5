"""A diagram as Graphviz DOT source (built with the `graphviz` package; no `dot` binary needed).

The output is deterministic: lanes, steps and transitions come in flow order with ties broken by id
(see `lanes`), so the same pathway always gives the same bytes, whatever the order of its file.
Every piece of user text goes through `text` (HTML-like labels, escStrings): none can add nodes,
edges or attributes, nor reach the SVG as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import graphviz

from ..finding import Finding, Severity
from ..model import Pathway, StepKind
from . import palette
from .diagram import Arrow, Box, Diagram, Orientation, build_diagram
from .lanes import LaneBy
from .marks import Mark, StepMarks, TransitionMarks
from .text import HARD_BREAK_DOT, dot_html, dot_string, html_escape
from .wording import setting_words

FONT = "Helvetica,Arial,sans-serif"
DETAIL_SIZE = "10"
MAX_LISTED_FINDINGS = 12


def _font(text: str, *, size: str | None = None, colour: str | None = None) -> str:
    """Markup already escaped, in a FONT element."""
    attrs = (f' POINT-SIZE="{size}"' if size else "") + (f' COLOR="{colour}"' if colour else "")
    return f"<FONT{attrs}>{text}</FONT>"


def _finding_lines(findings: Sequence[Finding]) -> list[str]:
    """One line per rule with errors and warnings: the symbol in the severity's colour, the rule."""
    lines = []
    seen: set[str] = set()
    for f in sorted(findings, key=lambda f: (f.severity.rank, f.rule)):
        look = palette.FINDING_LOOKS.get(f.severity)
        if look is None or f.rule in seen:
            continue
        seen.add(f.rule)
        lines.append(
            _font(
                _font(look.symbol, colour=look.colour) + " " + html_escape(f.rule),
                size=DETAIL_SIZE,
            )
        )
    return lines


def _mark_line(mark: Mark | None) -> list[str]:
    if mark is None:
        return []
    look = palette.MARK_LOOKS[mark]
    return [_font(f"<B>{look.symbol} {mark.value}</B>", colour=look.colour)]


def _outline(severity: str | None, mark: Mark | None) -> palette.Look:
    """The line around a step or along an arrow: a difference wins, then a finding."""
    if mark is not None:
        return palette.MARK_LOOKS[mark]
    if severity is not None:
        return palette.FINDING_LOOKS[Severity(severity)]
    return palette.ORDINARY


def _style(*parts: str) -> str:
    return ",".join(p for p in parts if p and p != "solid")


def box_label(box: Box) -> str:
    """The HTML-like label of a step: its label in bold, then details and findings, smaller."""
    title = dot_html(box.title, 22 if box.kind is StepKind.DECISION else 26)
    title = f"<S>{title}</S>" if box.mark is Mark.REMOVED else title
    lines = [*_mark_line(box.mark), f"<B>{title}</B>"]
    lines += [_font(dot_html(d, 34), size=DETAIL_SIZE, colour=palette.QUIET_INK) for d in box.details]
    lines += _finding_lines(box.findings)
    return "<" + HARD_BREAK_DOT.join(lines) + ">"


def arrow_label(arrow: Arrow) -> str | None:
    lines = _mark_line(arrow.mark)
    if arrow.when:
        lines.append(dot_html(arrow.when, 24))
    if arrow.handoff_text:
        lines.append(_font("<I>" + dot_html(arrow.handoff_text, 28) + "</I>", size=DETAIL_SIZE))
    lines += _finding_lines(arrow.findings)
    return "<" + HARD_BREAK_DOT.join(lines) + ">" if lines else None


def _box_attrs(box: Box) -> dict[str, str]:
    look = _outline(box.severity, box.mark)
    if box.kind is None:
        shape = palette.MISSING_STEP_SHAPE
        look = palette.MISSING_STEP_LOOK if box.mark is None else look
    else:
        shape = palette.SHAPES[box.kind]
    attrs = {
        "label": box_label(box),
        "shape": shape.graphviz,
        "style": _style("filled", "rounded" if shape.rounded else "", look.style),
        "fillcolor": palette.setting_fill(box.setting),
        "color": look.colour,
        "penwidth": f"{look.width:g}",
        "tooltip": dot_string(box.tooltip),
    }
    if shape.peripheries != 1:
        attrs["peripheries"] = str(shape.peripheries)
    if box.kind is StepKind.DECISION:
        attrs["margin"] = "0.02,0.02"
    elif box.kind is StepKind.REFERRAL:
        attrs["margin"] = "0.22,0.08"  # the arrow's point would otherwise cover the text
    return attrs


def _arrow_attrs(arrow: Arrow) -> dict[str, str]:
    look = _outline(arrow.severity, arrow.mark)
    width = max(look.width, palette.HANDOFF_LINE_WIDTH) if arrow.handoff else look.width
    attrs = {
        "color": palette.double_line(look.colour) if arrow.handoff else look.colour,
        "penwidth": f"{width:g}",
    }
    if look.style != "solid":
        attrs["style"] = look.style
    label = arrow_label(arrow)
    if label:
        attrs["label"] = label
    tip = f"{arrow.source} → {arrow.target}"
    if arrow.when:
        tip += f"\nwhen: {arrow.when}"
    if arrow.handoff:
        tip += "\nresponsibility passes to another organisation"
    if arrow.handoff_text:
        tip += f"\nhandoff: {arrow.handoff_text}"
    tip += "".join(f"\n{f.severity.value} {f.rule}: {f.message}" for f in arrow.findings)
    attrs["tooltip"] = dot_string(tip)
    return attrs


def _text_row(markup: str) -> str:
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{markup}</TD></TR>'


def _swatch(text: str, fill: str) -> str:
    return f'<TD ALIGN="LEFT" BGCOLOR="{fill}" BORDER="1" COLOR="{palette.LANE_BORDER}">{text}</TD>'


def _small(text: str) -> str:
    return _font(text, size=DETAIL_SIZE)


def _settings_row(diagram: Diagram) -> str:
    """The fill colours of the settings drawn, each a swatch with its name written in it."""
    cells = "".join(
        _swatch(_small(html_escape(setting_words(s))), palette.setting_fill(s))
        for s in diagram.settings()
    )
    heading = f'<TD ALIGN="LEFT">{_small("<B>Where</B> (fill)")}</TD>'
    return (
        '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
        f"<TR>{heading}{cells}</TR></TABLE></TD></TR>"
    )


SEPARATOR = "   ·   "


def _key_rows(diagram: Diagram) -> list[str]:
    rows = []
    if diagram.lane_by is not LaneBy.SETTING and diagram.settings():
        rows.append(_settings_row(diagram))
    kinds = [f"{palette.SHAPES[k].name}: {k.value}" for k in diagram.kinds()]
    if diagram.has_missing_steps():
        kinds.append("dashed box: a step the pathway does not have")
    if kinds:
        rows.append(_text_row(_small("<B>Step</B> (shape)   " + html_escape(SEPARATOR.join(kinds)))))
    lines = []
    if diagram.has_handoffs():
        lines.append(html_escape("double line: responsibility passes to another organisation"))
    for severity in ("error", "warning"):
        if severity in diagram.severities():
            look = palette.FINDING_LOOKS[Severity(severity)]
            lines.append(_font(look.symbol, colour=look.colour) + " " + html_escape(look.meaning))
    for mark in Mark:
        if mark in diagram.marks():
            look = palette.MARK_LOOKS[mark]
            symbol = _font(f"<B>{look.symbol}</B>", colour=look.colour)
            lines.append(symbol + " " + html_escape(look.meaning))
    if lines:
        rows.append(_text_row(_small("<B>Lines</B>   " + SEPARATOR.join(lines))))
    return rows


def _general_finding_rows(diagram: Diagram) -> list[str]:
    """Findings about the pathway as a whole, listed under the key (the first few)."""
    listed = [f for f in diagram.general_findings if f.severity in palette.FINDING_LOOKS]
    rows = []
    for finding in listed[:MAX_LISTED_FINDINGS]:
        look = palette.FINDING_LOOKS[finding.severity]
        text = dot_html(f"{finding.rule}: {finding.message}", 110, "LEFT")
        rows.append(_text_row(_small(_font(look.symbol, colour=look.colour) + " " + text)))
    if len(listed) > MAX_LISTED_FINDINGS:
        more = len(listed) - MAX_LISTED_FINDINGS
        rows.append(_text_row(_small(f"… and {more} more: run validate to see them all")))
    return rows


def header_label(diagram: Diagram, key: bool = True) -> str:
    """The title, and (with `key`) the key to the diagram and findings not tied to a step."""
    rows = [
        _text_row(_font("<B>" + dot_html(diagram.title, 80, "LEFT") + "</B>", size="18")),
        _text_row(_small(dot_html(diagram.subtitle, None, "LEFT"))),
    ]
    if key:
        rows += _key_rows(diagram)
    rows += _general_finding_rows(diagram)
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
    return "<" + table + "".join(rows) + "</TABLE>>"


def _lane_label(title: str, subtitle: str | None) -> str:
    label = "<B>" + dot_html(title, 40) + "</B>"
    if subtitle:
        label += HARD_BREAK_DOT + _small(dot_html(subtitle, 40))
    return "<" + label + ">"


def diagram_dot(diagram: Diagram, *, key: bool = True) -> str:
    """DOT source of a diagram."""
    graph = graphviz.Digraph(name=dot_string(diagram.pathway_id))
    graph.attr(
        "graph",
        rankdir=diagram.orientation.value,
        label=header_label(diagram, key),
        labelloc="t",
        labeljust="l",
        fontname=FONT,
        nodesep="0.3",
        ranksep="0.45",
        pad="0.2",
        bgcolor="white",
        outputorder="edgesfirst",
    )
    graph.attr("node", fontname=FONT, fontsize="12", fontcolor=palette.INK, margin="0.12,0.06")
    graph.attr("edge", fontname=FONT, fontsize="11", fontcolor=palette.INK, arrowsize="0.8")

    notes = []
    for i, lane in enumerate(diagram.lanes):
        with graph.subgraph(name=dot_string(f"cluster_{lane.key}")) as cluster:
            cluster.attr(
                label=_lane_label(lane.title, lane.subtitle),
                style="filled,rounded",
                fillcolor=palette.LANE_FILLS[i % 2],
                color=palette.LANE_BORDER,
                labeljust="l",
                fontname=FONT,
                fontsize="13",
            )
            for step in lane.steps:
                cluster.node(dot_string(step), **_box_attrs(diagram.boxes[step]))
            if lane.key in diagram.lane_notes:
                notes.append(f"_note_{i}")
                cluster.node(
                    dot_string(notes[-1]),
                    label="<" + _font("<I>" + html_escape(diagram.lane_notes[lane.key]) + "</I>",
                                      size=DETAIL_SIZE, colour=palette.QUIET_INK) + ">",
                    shape="plaintext",
                    style="",
                )
    for step in diagram.loose:
        graph.node(dot_string(step), **_box_attrs(diagram.boxes[step]))
    for arrow in diagram.arrows:
        graph.edge(dot_string(arrow.source), dot_string(arrow.target), **_arrow_attrs(arrow))
    for first, other in _tethers(diagram, notes):
        graph.edge(dot_string(first), dot_string(other), style="invis", weight="0")
    return graph.source


def _tethers(diagram: Diagram, notes: list[str]) -> list[tuple[str, str]]:
    """Invisible edges from the first step to each part of the diagram not connected to it.

    Graphviz places parts with no edge between them (an unreachable step, a lane with no steps)
    before the flow; tethered, they come after it, and the lane where the flow starts comes first.
    """
    names = [*diagram.boxes, *notes]
    if not names:
        return []
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for arrow in diagram.arrows:
        parent[root(arrow.source)] = root(arrow.target)
    first = names[0]
    tethered = {root(first)}
    tethers = []
    for n in names:
        if root(n) not in tethered:
            tethered.add(root(n))
            tethers.append((first, n))
    return tethers


def render_dot(
    pathway: Pathway,
    *,
    lanes: LaneBy | str = LaneBy.ORGANISATION,
    direction: Orientation | str = Orientation.LR,
    findings: Iterable[Finding] = (),
    marks: StepMarks | None = None,
    transition_marks: TransitionMarks | None = None,
    key: bool = True,
) -> str:
    """Graphviz DOT source of `pathway`.

    `lanes`: "organisation" (default), "setting" or "none". `direction`: "LR" or "TB".
    `findings` (from `validate`) are marked on the steps and transitions they concern. For a
    comparison or a semantic diff, `marks` maps step ids and `transition_marks` maps `(from, to)`
    to "added", "removed" or "changed"; pass a pathway holding the steps of both versions.
    """
    diagram = build_diagram(
        pathway,
        lanes_by=lanes,
        orientation=direction,
        findings=findings,
        marks=marks,
        transition_marks=transition_marks,
    )
    return diagram_dot(diagram, key=key)
