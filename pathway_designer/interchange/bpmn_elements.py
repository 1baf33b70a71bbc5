"""What a BPMN file holds, sorted into what a pathway can be made of.

Every element of every process is put in one of these: a node that becomes a step, a node that is
passed through (a gateway that only joins or splits in parallel, an intermediate event: its flows
are joined up around it), a flow, a lane or pool (an organisation), or something the pathway has no
place for, which is kept as a note. Nothing is skipped without a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .bpmn_names import MODEL, bpmn, pd

TASKS = frozenset({
    "task", "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask",
    "sendTask", "receiveTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
})
SUBPROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
DECISIONS = frozenset({"exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"})
PASSED = frozenset({"parallelGateway", "intermediateCatchEvent", "intermediateThrowEvent"})
FLOWS = frozenset({"sequenceFlow"})
# Parts of a process that say nothing about the route a person takes (kept as notes).
ARTIFACTS = frozenset({
    "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association",
    "group", "category",
})


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and other non-elements)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def in_bpmn(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and etree.QName(element.tag).namespace == MODEL


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


def documentation(element: etree._Element) -> str | None:
    """The element's documentation, several joined by a blank line; None when there is none."""
    texts = [text_of(d) for d in element.findall(bpmn("documentation"))]
    return "\n\n".join(texts) if texts else None


@dataclass
class Node:
    element: etree._Element
    process: str  # the id of the process it is in

    @property
    def id(self) -> str:
        return self.element.get("id", "")

    @property
    def type(self) -> str:
        return local(self.element)

    @property
    def name(self) -> str | None:
        return self.element.get("name")


@dataclass
class Flow:
    element: etree._Element
    source: str
    target: str
    handoff: str | None = None  # a message flow's message (or its name), or our own attribute

    @property
    def name(self) -> str | None:
        return self.element.get("name")

    @property
    def is_message(self) -> bool:
        return local(self.element) == "messageFlow"

    @property
    def condition(self) -> str | None:
        found = self.element.find(bpmn("conditionExpression"))
        return text_of(found) if found is not None else None


@dataclass
class Pool:
    """A lane, or a pool without lanes: one organisation, and the ids of the nodes it owns."""

    element: etree._Element
    name: str | None
    nodes: set[str] = field(default_factory=set)


@dataclass
class Contents:
    steps: list[Node] = field(default_factory=list)
    passed: list[Node] = field(default_factory=list)
    boundary: list[Node] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    left: list[etree._Element] = field(default_factory=list)  # no place in a pathway
    processes: list[etree._Element] = field(default_factory=list)
    participants: dict[str, etree._Element] = field(default_factory=dict)  # by process id


def _lanes(lane_set: etree._Element, into: list[Pool], nested: list[etree._Element]) -> None:
    """The leaf lanes of a lane set (a lane with lanes inside is a heading, not an owner)."""
    for lane in lane_set.findall(bpmn("lane")):
        children = lane.find(bpmn("childLaneSet"))
        if children is not None and children.findall(bpmn("lane")):
            nested.append(lane)
            _lanes(children, into, nested)
            continue
        refs = {text_of(r).strip() for r in lane.findall(bpmn("flowNodeRef"))}
        into.append(Pool(lane, lane.get("name"), refs))


def _process(process: etree._Element, contents: Contents, nested: list[etree._Element]) -> None:
    pid = process.get("id", "")
    for child in process:
        kind = local(child)
        if not in_bpmn(child) or kind in ("documentation", "extensionElements", "laneSet"):
            continue
        if kind in TASKS or kind in DECISIONS or kind in ("startEvent", "endEvent"):
            contents.steps.append(Node(child, pid))
        elif kind in PASSED:
            contents.passed.append(Node(child, pid))
        elif kind == "boundaryEvent":
            contents.boundary.append(Node(child, pid))
        elif kind in FLOWS:
            contents.flows.append(Flow(child, child.get("sourceRef", ""), child.get("targetRef", ""),
                                       child.get(pd("handoff"))))
        else:
            contents.left.append(child)
    for lane_set in process.findall(bpmn("laneSet")):
        _lanes(lane_set, contents.pools, nested)


def collect(root: etree._Element) -> tuple[Contents, list[etree._Element]]:
    """The contents of every process of `root` (a `definitions`), and the lanes that hold lanes."""
    contents = Contents()
    nested: list[etree._Element] = []
    messages = {m.get("id"): m.get("name") for m in root.iter(bpmn("message"))}
    message_flows: list[Flow] = []
    for collaboration in root.findall(bpmn("collaboration")):
        for participant in collaboration.findall(bpmn("participant")):
            contents.participants[participant.get("processRef") or participant.get("id", "")] = participant
        for flow in collaboration.findall(bpmn("messageFlow")):
            named = messages.get(flow.get("messageRef")) or flow.get("name")
            message_flows.append(
                Flow(flow, flow.get("sourceRef", ""), flow.get("targetRef", ""), named or "a message")
            )
    for process in root.findall(bpmn("process")):
        contents.processes.append(process)
        lanes_before = len(contents.pools)
        _process(process, contents, nested)
        if len(contents.pools) == lanes_before:  # no lanes: the pool itself is the organisation
            participant = contents.participants.get(process.get("id", ""))
            owner = participant if participant is not None else process
            ids = {n.id for n in contents.steps if n.process == process.get("id", "")}
            contents.pools.append(Pool(owner, owner.get("name"), ids))
    contents.flows.extend(message_flows)  # after each process's own: transitions in reading order
    processes = {p.get("id") for p in contents.processes}
    for pid, participant in contents.participants.items():
        if pid not in processes:  # a pool drawn without its process (a "black box"): a partner
            contents.pools.append(Pool(participant, participant.get("name")))
    return contents, nested
