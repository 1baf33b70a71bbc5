"""A pathway as BPMN 2.0 XML: one pool, a lane per organisation, and a diagram laid out by Graphviz.

Entries are start events, exits end events, decisions exclusive gateways (each way on a flow with
its condition as name and `conditionExpression`), other steps tasks; documentation carries the
descriptions. What BPMN has no element for (a step's kind, setting, times, partners, barriers and
measures, an organisation's role, a handoff) goes in attributes and elements of our own namespace,
which BPMN allows everywhere and other tools keep, so an import gives the pathway back.
"""

from __future__ import annotations

import re
from importlib import metadata

from lxml import etree

from ..model import Pathway, Step, StepKind
from .bpmn_layout import Placed, diagram
from .bpmn_names import PREFIXES, XSI, bpmn, pd
from .bpmn_records import write_records
from .exported import Exported

_ELEMENT = {StepKind.ENTRY: "startEvent", StepKind.EXIT: "endEvent", StepKind.DECISION: "exclusiveGateway"}
_PREFIX = {StepKind.ENTRY: "StartEvent", StepKind.EXIT: "EndEvent", StepKind.DECISION: "Gateway"}
# Characters XML 1.0 cannot hold at all (not even escaped): C0 controls but tab, LF and CR;
# surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Writer:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.used: set[str] = set()

    def text(self, value: str, what: str) -> str:
        if _NOT_XML.search(value):
            self.notes.append(f"{what} has characters XML cannot hold; they are written as \ufffd")
            return _NOT_XML.sub("\ufffd", value)
        return value

    def xml_id(self, prefix: str, given: str) -> str:
        """A unique XML id (an NCName) for a part whose own id may repeat or be missing."""
        base = f"{prefix}_{given}" if given else prefix
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}_{n}"
        self.used.add(candidate)
        return candidate

    def sub(self, parent: etree._Element, local: str, attrs: dict[str, str | None] | None = None,
            text: str | None = None) -> etree._Element:
        element = etree.SubElement(parent, bpmn(local))
        for key, value in (attrs or {}).items():
            if value is not None:
                element.set(key, value)
        if text is not None:
            element.text = text
        return element

    def documentation(self, parent: etree._Element, text: str | None, what: str) -> None:
        if text is not None:
            self.sub(parent, "documentation", text=self.text(text, what))


def _version() -> str:
    try:
        return metadata.version("pathway-designer")
    except metadata.PackageNotFoundError:
        return "unknown"


def _step_attributes(w: _Writer, s: Step) -> dict[str, str | None]:
    what = f'the step "{s.label}"'
    return {
        "name": w.text(s.label, what), pd("id"): s.id, pd("kind"): s.kind.value,
        pd("setting"): s.setting.value if s.setting else None, pd("owner"): s.owner,
        pd("partners"): " ".join(s.partners) or None, pd("wait"): s.wait, pd("duration"): s.duration,
        pd("modality"): w.text(s.modality, what) if s.modality is not None else None,
        pd("measures"): " ".join(s.measures) or None,
    }


def export_bpmn(pathway: Pathway) -> Exported:
    """The pathway as BPMN 2.0 XML, valid against the OMG schema, with its diagram."""
    w = _Writer()
    root = etree.Element(bpmn("definitions"), nsmap={**PREFIXES, "xsi": XSI})
    root.set("id", w.xml_id("Definitions", pathway.id))
    root.set("targetNamespace", f"https://github.com/pathway-designer/pathways/{pathway.id}")
    root.set("exporter", "pathway-designer")
    root.set("exporterVersion", _version())
    title = w.text(pathway.title, "the title")
    collaboration = w.sub(root, "collaboration", {"id": w.xml_id("Collaboration", pathway.id)})
    process_id = w.xml_id("Process", pathway.id)
    participant = w.sub(collaboration, "participant", {"id": w.xml_id("Participant", pathway.id),
                                                       "name": title, "processRef": process_id})
    process = w.sub(root, "process", {"id": process_id, "name": title, "isExecutable": "false",
                                      pd("id"): pathway.id})
    w.documentation(process, pathway.summary, "the summary")
    write_records(process, pathway, w.text)
    step_ids = [w.xml_id(_PREFIX.get(s.kind, "Activity"), s.id) for s in pathway.steps]
    lane_set = w.sub(process, "laneSet", {"id": w.xml_id("LaneSet", pathway.id)})
    lanes: list[tuple[str, list[int]]] = []
    for org in pathway.organisations:
        lane_id = w.xml_id("Lane", org.id)
        name = w.text(org.name, f'the organisation "{org.id}"')
        lane = w.sub(lane_set, "lane", {"id": lane_id, "name": name,
                                        pd("id"): org.id, pd("role"): org.role.value})
        owned = [i for i, s in enumerate(pathway.steps)
                 if s.owner == org.id and pathway.organisation(s.owner) is org]
        for i in owned:
            w.sub(lane, "flowNodeRef", text=step_ids[i])
        lanes.append((lane_id, owned))
    index = pathway.step_index()
    flows: list[tuple[str, int, int]] = []
    flow_ids: list[str | None] = []
    for t in pathway.transitions:
        if t.from_ in index and t.to in index:
            flow_ids.append(w.xml_id("Flow", f"{t.from_}_{t.to}"))
            flows.append((flow_ids[-1] or "", index[t.from_], index[t.to]))
        else:
            flow_ids.append(None)
            missing = t.to if t.from_ in index else t.from_
            w.notes.append(f'A way on from "{t.from_}" to "{t.to}" is not in the BPMN file: '
                           f'"{missing}" is not a step')
    nodes = []
    for i, s in enumerate(pathway.steps):
        node = w.sub(process, _ELEMENT.get(s.kind, "task"), {"id": step_ids[i], **_step_attributes(w, s)})
        w.documentation(node, s.description, f'the description of "{s.label}"')
        if s.barriers:
            extension = w.sub(node, "extensionElements")
            for barrier in s.barriers:
                etree.SubElement(extension, pd("barrier")).text = w.text(barrier, f'a barrier of "{s.label}"')
        nodes.append(node)
    for flow_id, source, target in flows:
        w.sub(nodes[target], "incoming", text=flow_id)
        w.sub(nodes[source], "outgoing", text=flow_id)
    for node in nodes:  # the schema wants incoming before outgoing
        node[:] = sorted(node, key=lambda c: ("documentation", "extensionElements", "incoming",
                                              "outgoing").index(etree.QName(c).localname))
    for t, written in zip(pathway.transitions, flow_ids, strict=True):
        if written is None:
            continue
        flow_id = written
        what = f'the way on from "{t.from_}" to "{t.to}"'
        flow = w.sub(process, "sequenceFlow", {
            "id": flow_id, "name": w.text(t.when, what) if t.when is not None else None,
            "sourceRef": step_ids[index[t.from_]], "targetRef": step_ids[index[t.to]],
            pd("handoff"): w.text(t.handoff, what) if t.handoff is not None else None,
        })
        if t.when is not None and t.when.strip():
            condition = w.sub(flow, "conditionExpression", text=w.text(t.when, what))
            condition.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
    placed = Placed(
        participant=participant.get("id", ""), lanes=lanes, steps=step_ids,
        kinds=[s.kind for s in pathway.steps], flows=flows,
    )
    root.append(diagram(placed, collaboration.get("id", ""), w.notes))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Exported(data, tuple(dict.fromkeys(w.notes)))
