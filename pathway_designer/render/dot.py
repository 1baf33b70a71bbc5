"""A diagram as Graphviz DOT source (built with the `graphviz` package; no `dot` binary needed).

The output is deterministic: lanes, steps and transitions come in flow order with ties broken by id
(see `lanes`), so the same pathway always gives the same bytes, whatever the order of its file.
Every piece of user text goes through `text` (HTML-like labels, escStrings): none can add nodes,
edges or attributes, nor reach the SVG as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import graphviz

from ..finding import Finding, Severity
from ..model import Pathway, StepKind
from ..words import plural
from . import palette
from .choices import Drawing
from .diagram import Arrow, Box, Diagram, build_diagram, connected, findings_tip
from .dot_header import DETAIL_SIZE, font, header_label, small
from .marks import Mark, finding_marks
from .text import HARD_BREAK_DOT, dot_html, dot_quoted, dot_string, dot_tooltip, html_escape

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11

FONT = "Helvetica,Arial,sans-serif"
LABEL_BACKGROUND = "#FFFFFFD9"  # white, 85% opaque: lines under a label show faintly


class Html(str):
    """An HTML-like label this module built (user text in it already escaped): written as `<...>`."""


Attrs = dict[str, str]


def _attr_list(attrs: Attrs) -> str:
    """` [key=value ...]`: HTML labels as `<...>`, every other value quoted and escaped."""
    parts = (
        f"{key}=<{value}>" if isinstance(value, Html)
        else f"{key}={dot_tooltip(value) if key == 'tooltip' else dot_quoted(value)}"
        for key, value in attrs.items()
    )
    return " [" + " ".join(parts) + "]"


def _node(name: str, attrs: Attrs) -> str:
    return f"\t{dot_quoted(name)}{_attr_list(attrs)}\n"


def _edge(tail: str, head: str, attrs: Attrs) -> str:
    return f"\t{dot_quoted(tail)} -> {dot_quoted(head)}{_attr_list(attrs)}\n"


def _finding_lines(findings: Sequence[Finding]) -> list[str]:
    """One line per kind of error or warning: the symbol in the severity's colour, a few words."""
    lines = []
    for severity, brief in finding_marks(findings):
        look = palette.FINDING_LOOKS[severity]
        symbol = font(look.symbol, colour=look.colour)
        lines.append(font(symbol + " " + html_escape(brief), size=DETAIL_SIZE))
    return lines


def _mark_line(mark: Mark | None) -> list[str]:
    if mark is None:
        return []
    look = palette.MARK_LOOKS[mark]
    return [font(f"<B>{look.symbol} {mark.value}</B>", colour=look.colour)]


def _outline(severity: str | None, mark: Mark | None) -> palette.Look:
    """The line around a step or along an arrow: a difference wins, then a finding."""
    if mark is not None:
        return palette.MARK_LOOKS[mark]
    if severity is not None:
        return palette.FINDING_LOOKS[Severity(severity)]
    return palette.ORDINARY


def _style(*parts: str) -> str:
    return ",".join(p for p in parts if p and p != "solid")


def box_label(box: Box) -> Html:
    """The HTML-like label of a step: its label in bold, then details and findings, smaller."""
    title = dot_html(box.title, 22 if box.kind is StepKind.DECISION else 26)
    title = f"<S>{title}</S>" if box.mark is Mark.REMOVED else title
    lines = [*_mark_line(box.mark), f"<B>{title}</B>"]
    lines += [font(dot_html(d, 34), size=DETAIL_SIZE, colour=palette.QUIET_INK) for d in box.details]
    lines += _finding_lines(box.findings)
    if box.comments:
        marker = f"{palette.COMMENT_SYMBOL} {plural(box.comments, 'comment')}"
        lines.append(font(f"<B>{marker}</B>", size=DETAIL_SIZE, colour=palette.COMMENT_INK))
    return Html(HARD_BREAK_DOT.join(lines))


def arrow_label(arrow: Arrow) -> Html | None:
    lines = _mark_line(arrow.mark)
    if arrow.when:
        lines.append(dot_html(arrow.when, 24))
    if arrow.handoff_text:
        lines.append(font("<I>" + dot_html(arrow.handoff_text, 28) + "</I>", size=DETAIL_SIZE))
    lines += _finding_lines(arrow.findings)
    if not lines:
        return None
    # On a background, so that the label stays readable where a line runs under it (its own arrow,
    # or one drawn before it).
    return Html(
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="{LABEL_BACKGROUND}">'
        f"<TR><TD>{HARD_BREAK_DOT.join(lines)}</TD></TR></TABLE>"
    )


def _box_attrs(box: Box) -> Attrs:
    look = _outline(box.severity, box.mark)
    if box.folded:
        shape = palette.FOLDED_SHAPE
    elif box.kind is None:
        shape = palette.MISSING_STEP_SHAPE
        look = palette.MISSING_STEP_LOOK if box.mark is None else look
    else:
        shape = palette.SHAPES[box.kind]
    attrs = {
        "label": box_label(box),
        "shape": shape.graphviz,
        "style": _style("filled", "rounded" if shape.rounded else "", look.style),
        "fillcolor": box.fill or palette.setting_fill(box.setting),
        "color": look.colour,
        "penwidth": f"{look.width:g}",
        "tooltip": box.tooltip,
    }
    if shape.peripheries != 1:
        attrs["peripheries"] = str(shape.peripheries)
    if box.kind is StepKind.DECISION:
        attrs["margin"] = "0.02,0.02"
    elif box.kind is StepKind.REFERRAL:
        attrs["margin"] = "0.22,0.14"  # the arrow's point and edges would otherwise touch the text
    return attrs


def _arrow_attrs(arrow: Arrow, boxes: dict[str, Box], beside: bool = False) -> Attrs:
    look = _outline(arrow.severity, arrow.mark)
    width = max(look.width, palette.HANDOFF_LINE_WIDTH) if arrow.handoff else look.width
    attrs: Attrs = {
        "color": palette.double_line(look.colour) if arrow.handoff else look.colour,
        "penwidth": f"{width:g}",
    }
    if look.style != "solid":
        attrs["style"] = look.style
    label = arrow_label(arrow)
    if label:
        attrs["xlabel" if beside else "label"] = label
    # the steps by their titles, as on the boxes (a missing step by the id the file names)
    ends = [boxes[end].title if end in boxes else end for end in (arrow.source, arrow.target)]
    tip = " → ".join(ends)
    if arrow.when:
        tip += f"\nwhen: {arrow.when}"
    if arrow.handoff:
        tip += "\nresponsibility passes to another organisation"
    if arrow.handoff_text:
        tip += f"\nhandoff: {arrow.handoff_text}"
    tip += "".join(f"\n{line}" for line in findings_tip(list(arrow.findings)))
    attrs["tooltip"] = tip
    return attrs


def _lane_label(title: str, subtitle: str | None) -> str:
    label = "<B>" + dot_html(title, 40) + "</B>"
    if subtitle:
        label += HARD_BREAK_DOT + small(dot_html(subtitle, 40))
    return "<" + label + ">"  # the `graphviz` package writes a `<...>` string as it is


BOUNDED_LAYOUT = 100  # steps; above this, network simplex is bounded (`nslimit`)
LARGE_DIAGRAM = 500  # steps; above this, arrow labels go beside arrows to keep `dot` fast
LARGE_DIAGRAM_NOTE = (
    "This diagram has more than {limit} steps: arrow labels are placed beside their arrows "
    "rather than in line, which keeps Graphviz's layout time reasonable."
)


def is_large(diagram: Diagram) -> bool:
    return len(diagram.boxes) > LARGE_DIAGRAM


def _lane_cluster(graph: graphviz.Digraph, name: str, attrs: Attrs, body: list[str]) -> None:
    with graph.subgraph(name=dot_string(name)) as cluster:
        cluster.attr(**attrs)
        cluster.body.extend(body)


def _lane_attrs(lane_title: str, subtitle: str | None, fill: str) -> Attrs:
    return {
        "label": _lane_label(lane_title, subtitle),
        "style": "filled,rounded",
        "fillcolor": fill,
        "color": palette.LANE_BORDER,
        "labeljust": "l",
        "fontname": FONT,
        "fontsize": "13",
    }


def _note(name: str, text: str) -> str:
    label = font(f"<I>{html_escape(text)}</I>", size="9", colour=palette.QUIET_INK)
    attrs: Attrs = {
        "label": Html(label), "shape": "plaintext", "style": "", "margin": "0.04,0.02", "height": "0.2"
    }
    return _node(name, attrs)


def diagram_dot(diagram: Diagram, *, key: bool = True) -> str:
    """DOT source of a diagram.

    `newrank=true` ranks steps by the flow across lanes, not lane by lane: the journey then reads
    from one side to the other, and dot 2.43's `trouble in init_rank` (seen on 30-step pathways with
    the old ranking) does not arise. Large diagrams (see `LARGE_DIAGRAM`) put arrow labels beside
    the arrows (`xlabel`): in line, each label is a node of its own in dot's layout, whose time then
    grows faster than the square of the steps (dot 2.43, CPU time for 1,000 steps: the benchmark's
    pathway 3.6 s beside and 26 s in line; a more tangled one 15 s and 90 s).
    From `BOUNDED_LAYOUT` steps, network simplex is bounded (`nslimit=1`): at 300 steps, 4.7 s
    down to 1.2 s for the same drawing.
    """
    large = is_large(diagram)
    bounded = len(diagram.boxes) > BOUNDED_LAYOUT
    # The graph's name is the SVG's <title>: the pathway's title, as people know it (not its id).
    graph = graphviz.Digraph(name=dot_string(diagram.title or diagram.pathway_id))
    graph.attr(
        "graph",
        rankdir=diagram.orientation.value,
        newrank="true",
        label=header_label(diagram, key),
        labelloc="t",
        labeljust="l",
        fontname=FONT,
        nodesep="0.3",
        ranksep="0.45",
        pad="0.2",
        bgcolor="white",
        outputorder="edgesfirst",
        **({"nslimit": "1"} if bounded else {}),
        **({"forcelabels": "true"} if large else {}),
    )
    graph.attr("node", fontname=FONT, fontsize="12", fontcolor=palette.INK, margin="0.12,0.06")
    graph.attr("edge", fontname=FONT, fontsize="11", fontcolor=palette.INK, arrowsize="0.8")

    # Statements are written into `body` rather than through `node()`/`edge()`, whose quoting of
    # every attribute is most of the time of a large diagram; `_attr_list` quotes instead.
    with_steps = [lane for lane in diagram.lanes if lane.steps]
    for i, lane in enumerate(with_steps):
        attrs = _lane_attrs(lane.title, lane.subtitle, palette.LANE_FILLS[i % 2])
        body = [_node(s, _box_attrs(diagram.boxes[s])) for s in lane.steps]
        _lane_cluster(graph, f"cluster_{lane.key}", attrs, body)
    notes = []
    without_steps = [lane for lane in diagram.lanes if not lane.steps]
    if without_steps:
        # Organisations that own no step: small lanes kept together in one box, after the flow.
        with graph.subgraph(name=dot_string("cluster_no-steps")) as group:
            group.attr(
                label="<" + small("<I>Partners with no steps of their own</I>") + ">",
                style="dashed,rounded",
                color=palette.LANE_BORDER,
                labeljust="l",
                fontname=FONT,
            )
            for i, lane in enumerate(without_steps):
                notes.append(f"_note_{i}")
                note = diagram.lane_notes.get(lane.key, "owns no steps")
                attrs = _lane_attrs(lane.title, lane.subtitle, palette.LANE_FILLS[1])
                _lane_cluster(group, f"cluster_{lane.key}", attrs, [_note(notes[-1], note)])
    graph.body.extend(_node(s, _box_attrs(diagram.boxes[s])) for s in diagram.loose)
    graph.body.extend(
        _edge(a.source, a.target, _arrow_attrs(a, diagram.boxes, beside=large)) for a in diagram.arrows
    )
    graph.body.extend(
        _edge(tail, head, {"style": "invis", "weight": "0"})
        for tail, head in _tethers(diagram, notes)
    )
    return graph.source


def _tethers(diagram: Diagram, notes: list[str]) -> list[tuple[str, str]]:
    """Invisible edges that keep parts of the diagram not connected to the flow out of its way.

    Graphviz puts a part with no edge to the rest (an unreachable step, a lane with no steps) in
    its first rank, in front of the flow. Each such group of steps is tethered to the first step;
    the lanes with no steps are chained one after another, so they form a row, not a column.
    """
    names = list(diagram.boxes)
    if not names:
        return list(pairwise(notes))
    group = connected(names, ((a.source, a.target) for a in diagram.arrows))
    first = names[0]
    tethered = {group[first]}
    tethers = []
    for n in names:
        if group[n] not in tethered:
            tethered.add(group[n])
            tethers.append((first, n))
    chain = [first, *notes]
    tethers += list(pairwise(chain))
    return tethers


def render_dot(pathway: Pathway, *, key: bool = True, **how: Unpack[Drawing]) -> str:
    """Graphviz DOT source of `pathway`, drawn as chosen (see `Drawing`), with a key if `key`."""
    return diagram_dot(build_diagram(pathway, **how), key=key)
