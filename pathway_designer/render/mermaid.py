r"""A diagram as Mermaid flowchart text, which GitHub and GitLab draw in pull requests and Markdown.

Lanes are subgraphs; step kinds are Mermaid shapes; settings, findings and differences are classes
(`classDef`), and findings and differences are also written in the labels, so they read without
colour. Node ids are made from step ids (`s_` and the id with `-` as `_`), never from user text;
every label is quoted and escaped by `text.mermaid_text`, which writes as entities only what Mermaid
would read as syntax.

mermaid-cli 11 (and the Mermaid it bundles) strips the last `;` of any line matching
`style.*:\S*#.*;` or `classDef.*:\S*#.*;` before it parses, meant for style lines: a label such as
"Lifestyle advice (diet/exercise:5-a-day; smoking)" then loses a character, or an entity its `;`.
A line that would match has the colons of its label written as `#58;`, which leaves no `:` for the
pattern to start from. The title is in the front matter (`title:`), which Mermaid draws above the
chart; a lane's title is one line (a second line hid behind the lane's first step), with room
below it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..finding import Finding, Severity
from ..model import Pathway, Setting
from . import palette
from .choices import Drawing
from .diagram import Arrow, Box, Diagram, build_diagram
from .marks import Mark, finding_marks
from .text import HARD_BREAK_MERMAID, clean, mermaid_escape, mermaid_text

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INDENT = "    "
# mermaid-cli's pre-processing (see above); `.` stops at a line end, as in JavaScript
_STRIPS_A_SEMICOLON = re.compile(r"(?:style|classDef).*:\S*#.*;")
LANE_TITLE_SEPARATOR = " · "
# Room above and below a lane's title, in pixels, so the first step never covers it
_LANE_TITLE_MARGIN = {"top": 8, "bottom": 16}


def labelled(before: str, label: str, after: str) -> str:
    """A line holding a quoted label, safe from mermaid-cli's pre-processing."""
    line = before + label + after
    if _STRIPS_A_SEMICOLON.search(line):
        line = before + label.replace(":", "#58;") + after
    return line


def one_line(text: str) -> str:
    """Text for a title: its line breaks as spaces (a title is one line)."""
    return clean(text).replace("\n", " ")


def front_matter(title: str) -> list[str]:
    """The YAML front matter: the title (a JSON string is a YAML double-quoted string, any text
    safe in it) and the room around lane titles."""
    margin = json.dumps(_LANE_TITLE_MARGIN)
    return [
        "---",
        f"title: {json.dumps(one_line(title), ensure_ascii=False)}",
        "config:",
        "  flowchart:",
        f"    subGraphTitleMargin: {margin}",
        "---",
    ]


def node_id(step_id: str, index: int) -> str:
    """A Mermaid id for a step: readable when the id is well formed, by position otherwise."""
    return "s_" + step_id.replace("-", "_") if _ID.match(step_id) else f"s{index}"


def _finding_lines(findings: Iterable[Finding]) -> list[str]:
    return [
        mermaid_escape(f"{palette.FINDING_LOOKS[severity].symbol} {brief}")
        for severity, brief in finding_marks(findings)
    ]


def _mark_lines(mark: Mark | None) -> list[str]:
    return [mermaid_escape(f"{palette.MARK_LOOKS[mark].symbol} {mark.value}")] if mark else []


def box_label(box: Box) -> str:
    lines = [*_mark_lines(box.mark), mermaid_text(box.title)]
    lines += [mermaid_text(d, 34) for d in box.details]
    lines += _finding_lines(box.findings)
    return HARD_BREAK_MERMAID.join(lines)


def arrow_label(arrow: Arrow) -> str:
    lines = _mark_lines(arrow.mark)
    if arrow.when:
        lines.append(mermaid_text(arrow.when, 24))
    if arrow.handoff_text:
        lines.append(mermaid_text(arrow.handoff_text, 28))
    lines += _finding_lines(arrow.findings)
    return HARD_BREAK_MERMAID.join(lines)


def _shape(box: Box) -> tuple[str, str]:
    shape = palette.SHAPES[box.kind] if box.kind is not None else palette.MISSING_STEP_SHAPE
    return shape.mermaid_open, shape.mermaid_close


def _setting_class(setting: Setting | None) -> str:
    return "setting_" + (setting.value.replace("-", "_") if setting else "none")


def _style(look: palette.Look) -> str:
    style = f"stroke:{look.colour},stroke-width:{look.width:g}px"
    if look.style == "dashed":
        style += ",stroke-dasharray:6 4"
    elif look.style == "dotted":
        style += ",stroke-dasharray:2 3"
    return style


def _class_defs() -> list[str]:
    lines = [
        f"classDef {_setting_class(s)} fill:{palette.setting_fill(s)},stroke:{palette.INK},"
        f"color:{palette.INK}"
        for s in [*Setting, None]
    ]
    lines.append(f"classDef missing {_style(palette.MISSING_STEP_LOOK)}")
    lines.append(f"classDef note fill:none,stroke:none,color:{palette.QUIET_INK}")
    for severity, look in palette.FINDING_LOOKS.items():
        lines.append(f"classDef {severity.value} {_style(look)}")
    for mark, look in palette.MARK_LOOKS.items():
        lines.append(f"classDef {mark.value} {_style(look)}")
    return lines


def _arrow_op(arrow: Arrow) -> str:
    if arrow.mark is Mark.REMOVED:
        return "-.->"
    return "==>" if arrow.handoff else "-->"


def diagram_mermaid(diagram: Diagram) -> str:
    """Mermaid flowchart text of a diagram."""
    ids = {step: node_id(step, i) for i, step in enumerate(diagram.boxes)}
    out = [
        *front_matter(diagram.title),
        f"%% {mermaid_escape(diagram.pathway_id)}: drawn by pathway-designer",
        f"flowchart {diagram.orientation.value}",
    ]

    def node(step: str, indent: str) -> None:
        box = diagram.boxes[step]
        opening, closing = _shape(box)
        out.append(labelled(f'{indent}{ids[step]}{opening}"', box_label(box), f'"{closing}'))

    for i, lane in enumerate(diagram.lanes):
        title = one_line(lane.title)
        if lane.subtitle:
            title += LANE_TITLE_SEPARATOR + one_line(lane.subtitle)
        out.append(labelled(f'{INDENT}subgraph lane_{i}["', mermaid_escape(title), '"]'))
        for step in lane.steps:
            node(step, INDENT * 2)
        if lane.key in diagram.lane_notes:
            note = mermaid_escape(diagram.lane_notes[lane.key])
            out.append(labelled(f'{INDENT * 2}note_{i}["', note, '"]:::note'))
        out.append(f"{INDENT}end")
    for step in diagram.loose:
        node(step, INDENT)

    link_styles: dict[str, list[int]] = {}
    for n, arrow in enumerate(diagram.arrows):
        label = arrow_label(arrow)
        op = _arrow_op(arrow)
        start = f"{INDENT}{ids[arrow.source]} {op}"
        if label:
            out.append(labelled(f'{start}|"', label, f'"| {ids[arrow.target]}'))
        else:
            out.append(f"{start} {ids[arrow.target]}")
        look = None
        if arrow.mark is not None:
            look = palette.MARK_LOOKS[arrow.mark]
        elif arrow.severity is not None:
            look = palette.FINDING_LOOKS[Severity(arrow.severity)]
        if look is not None:
            link_styles.setdefault(_style(look), []).append(n)

    out += [INDENT + line for line in _class_defs()]
    classes: dict[str, list[str]] = {}
    for step, box in diagram.boxes.items():
        if box.missing:
            classes.setdefault("missing", []).append(ids[step])
            continue
        classes.setdefault(_setting_class(box.setting), []).append(ids[step])
        if box.severity:
            classes.setdefault(box.severity, []).append(ids[step])
        if box.mark:
            classes.setdefault(box.mark.value, []).append(ids[step])
    for name, members in classes.items():
        out.append(f"{INDENT}class {','.join(members)} {name}")
    for style, numbers in link_styles.items():
        out.append(f"{INDENT}linkStyle {','.join(map(str, numbers))} {style}")
    return "\n".join(out) + "\n"


def render_mermaid(pathway: Pathway, **how: Unpack[Drawing]) -> str:
    """Mermaid flowchart text of `pathway`, drawn as chosen (see `Drawing`)."""
    return diagram_mermaid(build_diagram(pathway, **how))
