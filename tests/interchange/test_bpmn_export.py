"""The export: valid against the OMG BPMN 2.0 schema, one pool with a lane per organisation, every
step in its owner's lane, decisions with conditioned flows, and a diagram laid out in bands."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from pathway_designer import load, load_text
from pathway_designer.interchange.bpmn_export import export_bpmn
from pathway_designer.interchange.bpmn_names import BPMNDI, DC, DI, MODEL, PATHWAY

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "pathways").glob("*.yaml"))
NS = {"bpmn": MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI, "pd": PATHWAY}


def _tree(path: Path) -> etree._Element:
    return etree.fromstring(export_bpmn(load(path)).data)


def _bounds(root: etree._Element) -> dict[str, tuple[float, float, float, float]]:
    found = {}
    for shape in root.iterfind(".//bpmndi:BPMNShape", NS):
        b = shape.find("dc:Bounds", NS)
        found[shape.get("bpmnElement")] = tuple(float(b.get(k)) for k in ("x", "y", "width", "height"))
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_valid_bpmn(path: Path, bpmn_schema: Any) -> None:
    bpmn_schema.validate(export_bpmn(load(path)).data.decode("utf-8"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_one_pool_with_a_lane_per_organisation_and_each_step_in_its_owners_lane(path: Path) -> None:
    pathway, root = load(path), _tree(path)
    assert len(root.findall("bpmn:collaboration/bpmn:participant", NS)) == 1
    lanes = root.findall(".//bpmn:lane", NS)
    assert [lane.get("name") for lane in lanes] == [o.name for o in pathway.organisations]
    holder = {ref.text: lane.get(f"{{{PATHWAY}}}id")
              for lane in lanes for ref in lane.findall("bpmn:flowNodeRef", NS)}
    by_step = {e.get(f"{{{PATHWAY}}}id"): e.get("id") for e in root.iterfind(".//bpmn:process/*[@name]", NS)}
    for step in pathway.steps:
        assert holder.get(by_step[step.id]) == step.owner


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_kinds_become_events_gateways_and_tasks_and_whens_conditions(path: Path) -> None:
    pathway, root = load(path), _tree(path)
    process = root.find("bpmn:process", NS)
    counts = {tag: len(process.findall(f"bpmn:{tag}", NS))
              for tag in ("startEvent", "endEvent", "exclusiveGateway", "task")}
    kinds = [s.kind.value for s in pathway.steps]
    assert counts["startEvent"] == kinds.count("entry") and counts["endEvent"] == kinds.count("exit")
    assert counts["exclusiveGateway"] == kinds.count("decision")
    assert counts["task"] == len(kinds) - kinds.count("entry") - kinds.count("exit") - kinds.count("decision")
    flows = process.findall("bpmn:sequenceFlow", NS)
    assert len(flows) == len(pathway.transitions)
    for flow, transition in zip(flows, pathway.transitions, strict=True):
        assert flow.get("name") == transition.when
        condition = flow.find("bpmn:conditionExpression", NS)
        assert (condition.text if condition is not None else None) == (transition.when or None)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_diagram_draws_every_part_with_lanes_as_bands(path: Path) -> None:
    pathway, root = load(path), _tree(path)
    boxes = _bounds(root)
    edges = root.findall(".//bpmndi:BPMNEdge", NS)
    assert len(edges) == len(pathway.transitions)
    assert all(len(e.findall("di:waypoint", NS)) >= 2 for e in edges)
    lanes = sorted((boxes[lane.get("id")], lane) for lane in root.iterfind(".//bpmn:lane", NS))
    for (above, _), (below, _) in itertools.pairwise(lanes):
        assert above[1] + above[3] <= below[1]  # stacked, never overlapping
    for (x, y, w, h), lane in lanes:
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            sx, sy, sw, sh = boxes[ref.text]
            assert y <= sy and sy + sh <= y + h and x <= sx and sx + sw <= x + w  # in its owner's band
    shapes = [boxes[e.get("id")] for e in root.find("bpmn:process", NS) if e.get(f"{{{PATHWAY}}}kind")]
    for i, a in enumerate(shapes):  # no two steps drawn on top of each other
        for b in shapes[i + 1:]:
            assert a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


MINIMAL = """\
id: odd
title: "Odd \\x01 text"
organisations:
  - {id: team, name: "Team \\x1b[31m", role: nhs-provider}
steps:
  - {id: start, label: "Start \\x00", kind: entry, owner: team}
  - {id: end, label: End, kind: exit, owner: nobody}
transitions:
  - {from: start, to: end}
  - {from: start, to: ghost}
"""


def test_text_xml_cannot_hold_and_ways_to_nowhere_are_said_not_crashed(bpmn_schema: Any) -> None:
    exported = export_bpmn(load_text(MINIMAL))
    bpmn_schema.validate(exported.data.decode("utf-8"))
    assert any("XML cannot hold" in note for note in exported.notes)
    assert any('"ghost" is not a step' in note for note in exported.notes)
    root = etree.fromstring(exported.data)
    assert root.find(".//bpmn:startEvent", NS).get("name") == "Start \ufffd"
    # a step whose owner is no organisation sits in the pool, in no lane
    end = root.find(".//bpmn:endEvent", NS).get("id")
    assert end not in {r.text for r in root.iterfind(".//bpmn:flowNodeRef", NS)}
    assert end in _bounds(root)
