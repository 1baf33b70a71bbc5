"""BPMN diagram interchange (DI): where each pool, lane, shape and flow is drawn, so BPMN tools open
an export laid out rather than as a heap.

Graphviz places the steps from left to right along the flow (its ranks give the columns, its order
within a rank the rows); each organisation is then a horizontal band of the pool (a lane), with its
steps in rows inside it, and flows are drawn as right-angled lines between the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..model import StepKind
from ..render.export import GraphvizMissing, LayoutFailed, lay_out
from .bpmn_names import BPMNDI, DC, DI

_SIZE = {StepKind.ENTRY: (36, 36), StepKind.EXIT: (36, 36), StepKind.DECISION: (50, 50)}
_TASK = (100, 80)
ROW = 120  # height of a row of shapes in a lane
POOL_LABEL = 30  # the pool's name is written down its left edge
LANE_LABEL = 30
MARGIN = 40
_NO_GRAPHVIZ = "Graphviz's dot was not available, so the BPMN diagram is laid out in the order of the steps"


@dataclass(frozen=True)
class Placed:
    """What the diagram draws: XML ids of the pool, the lanes (with the steps they hold by index),
    the steps (with their kinds) and the flows (id, source index, target index)."""

    participant: str
    lanes: list[tuple[str, list[int]]]
    steps: list[str]
    kinds: list[StepKind]
    flows: list[tuple[str, int, int]]


def _graphviz_positions(placed: Placed, notes: list[str]) -> list[tuple[float, float]]:
    """Each step's centre in Graphviz's left-to-right layout (node names carry no user text)."""
    lines = ["digraph { rankdir=LR; nodesep=0.4; ranksep=0.5;",
             "node [shape=box, label=\"\", fixedsize=true, width=1.4, height=1.1];"]
    lines += [f"n{i};" for i in range(len(placed.steps))]
    lines += [f"n{s} -> n{t};" for _, s, t in placed.flows]
    try:
        svg = lay_out("\n".join(lines) + "}", "svg").data
    except (GraphvizMissing, LayoutFailed):
        notes.append(_NO_GRAPHVIZ)
        return [(i * 150.0, 0.0) for i in range(len(placed.steps))]
    positions: dict[int, tuple[float, float]] = {}
    for group in etree.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        title = group.find("{http://www.w3.org/2000/svg}title")
        polygon = group.find("{http://www.w3.org/2000/svg}polygon")
        if group.get("class") != "node" or title is None or polygon is None:
            continue
        points = [tuple(float(v) for v in p.split(",")) for p in (polygon.get("points") or "").split()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        positions[int((title.text or "n0")[1:])] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return [positions.get(i, (i * 150.0, 0.0)) for i in range(len(placed.steps))]


def _rows(members: list[int], centres: list[tuple[float, float]], width: float) -> dict[int, int]:
    """A row in its lane for each step: in Graphviz's order, the first row where it overlaps none."""
    rows: list[list[float]] = []
    placed: dict[int, int] = {}
    for i in sorted(members, key=lambda i: (centres[i][1], centres[i][0])):
        x = centres[i][0]
        row = next((r for r, xs in enumerate(rows) if all(abs(x - o) >= width for o in xs)), len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append(x)
        placed[i] = row
    return placed


def _bounds(parent: etree._Element, x: float, y: float, w: float, h: float) -> None:
    etree.SubElement(parent, f"{{{DC}}}Bounds", x=f"{x:g}", y=f"{y:g}", width=f"{w:g}", height=f"{h:g}")


def _shape(plane: etree._Element, element: str, box: tuple[float, float, float, float], **attrs: str) -> None:
    shape = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNShape", id=f"{element}_di", bpmnElement=element,
                             **attrs)
    _bounds(shape, *box)


Box = tuple[float, float, float, float]  # x, y, width, height


def _waypoints(a: Box, b: Box) -> list[tuple[float, float]]:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    if a == b:  # a step that leads back to itself: out of its right side, round and in at the top
        return [(ax + aw, ay + ah / 2), (ax + aw + 20, ay + ah / 2), (ax + aw + 20, ay - 20),
                (ax + aw / 2, ay - 20), (ax + aw / 2, ay)]
    if bx >= ax + aw:  # forward: from the right side to the left side, bending half-way
        start, end = (ax + aw, ay + ah / 2), (bx, by + bh / 2)
        if start[1] == end[1]:
            return [start, end]
        middle = (start[0] + end[0]) / 2
        return [start, (middle, start[1]), (middle, end[1]), end]
    below = max(ay + ah, by + bh) + 20  # backward: under both shapes
    return [(ax + aw / 2, ay + ah), (ax + aw / 2, below), (bx + bw / 2, below), (bx + bw / 2, by + bh)]


def diagram(placed: Placed, collaboration: str, notes: list[str]) -> etree._Element:
    """The `BPMNDiagram` of a pool with its lanes as horizontal bands, the steps in their owner's band."""
    centres = _graphviz_positions(placed, notes)
    left = min((c[0] for c in centres), default=0.0)
    owned = {i for _, members in placed.lanes for i in members}
    bands = [*placed.lanes, ("", [i for i in range(len(placed.steps)) if i not in owned])]
    boxes: dict[int, tuple[float, float, float, float]] = {}
    lane_boxes: list[tuple[str, float, float]] = []
    top = 0.0
    for lane_id, members in bands:
        if not lane_id and not members:
            continue
        rows = _rows(members, centres, _TASK[0] + 20)
        for i, row in rows.items():
            w, h = _SIZE.get(placed.kinds[i], _TASK)
            cx = POOL_LABEL + LANE_LABEL + MARGIN + _TASK[0] / 2 + (centres[i][0] - left)
            cy = top + row * ROW + ROW / 2
            boxes[i] = (round(cx - w / 2), round(cy - h / 2), w, h)
        height = max(1, len(set(rows.values()))) * ROW
        lane_boxes.append((lane_id, top, height))
        top += height
    width = max((x + w for x, _, w, _ in boxes.values()), default=POOL_LABEL + LANE_LABEL) + MARGIN
    root = etree.Element(f"{{{BPMNDI}}}BPMNDiagram", id="BPMNDiagram_1")
    plane = etree.SubElement(root, f"{{{BPMNDI}}}BPMNPlane", id="BPMNPlane_1", bpmnElement=collaboration)
    _shape(plane, placed.participant, (0, 0, width, top), isHorizontal="true")
    for lane_id, lane_top, lane_height in lane_boxes:
        if lane_id:
            box = (POOL_LABEL, lane_top, width - POOL_LABEL, lane_height)
            _shape(plane, lane_id, box, isHorizontal="true")
    for i, element in enumerate(placed.steps):
        marker = {"isMarkerVisible": "true"} if placed.kinds[i] is StepKind.DECISION else {}
        _shape(plane, element, boxes[i], **marker)
    for flow_id, source, target in placed.flows:
        edge = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNEdge", id=f"{flow_id}_di", bpmnElement=flow_id)
        for x, y in _waypoints(boxes[source], boxes[target]):
            etree.SubElement(edge, f"{{{DI}}}waypoint", x=f"{x:g}", y=f"{y:g}")
    return root
