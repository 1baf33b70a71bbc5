"""BPMN flows as the pathway's transitions, joined up around the nodes a pathway has no step for.

A parallel gateway, an intermediate event or a gateway that only joins ways is passed through: each
way into it is joined to each way out, so the route a person takes is kept. A boundary event's ways
on leave from the activity it is attached to, with the event as their condition.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ..finding import Severity
from ..words import minutes_words
from .bpmn_elements import SUBPROCESSES, Flow, Node, local
from .bpmn_steps import line
from .bpmn_words import element_words, upper_first
from .imported import Note, note


@dataclass(frozen=True)
class Route:
    source: str  # BPMN ids of two nodes that become steps
    target: str
    when: str | None
    handoff: str | None
    order: int  # where its first flow is in the file: transitions keep the file's order


def _when(flow: Flow, default: str | None) -> str | None:
    if flow.is_message:  # its name says what is sent (the handoff), not when
        return None
    if flow.name is not None:
        return flow.name
    if flow.condition is not None and flow.condition.strip():
        return flow.condition.strip()
    return "otherwise" if default is not None and flow.element.get("id") == default else None


class Router:
    def __init__(self, flows: list[Flow], steps: dict[str, Node], passed: dict[str, Node],
                 boundary: list[Node], notes: list[Note], elements: dict[str, etree._Element]) -> None:
        self.steps, self.passed, self.notes, self.elements = steps, passed, notes, elements
        self.out: dict[str, list[tuple[Flow, str | None]]] = defaultdict(list)
        self.order = {id(flow): i for i, flow in enumerate(flows)}
        defaults = {n.id: n.element.get("default") for n in (*steps.values(), *passed.values())}
        for flow in flows:
            self.out[flow.source].append((flow, _when(flow, defaults.get(flow.source))))
        for event in boundary:
            self._attach(event)
        self.dangling: set[str] = set()

    def what(self, element_id: str) -> str:
        """An element in words: 'the pool "Patient"', 'the task "Physiotherapy" (inside a
        subprocess)', or 'a part that is not in the file'."""
        found = self.elements.get(element_id)
        if found is None:
            return "a part that is not in the file"
        inside = " (inside a subprocess)" if local(found.getparent()) in SUBPROCESSES else ""
        return element_words(local(found), found.get("name")) + inside

    def _attach(self, event: Node) -> None:
        """A boundary event's ways on, leaving from its activity with the event as condition."""
        activity = event.element.get("attachedToRef", "")
        name = event.name.strip() if event.name and event.name.strip() else None
        trigger = next((c.tag.split("}")[-1].removesuffix("EventDefinition") for c in event.element
                        if isinstance(c.tag, str) and c.tag.endswith("EventDefinition")), "event")
        when = name or f"if {trigger}"
        for flow, flow_when in self.out.pop(event.id, []):
            self.out[activity].append((flow, flow_when or when))
        owner = self.steps.get(activity)
        on = f' on "{owner.name}"' if owner is not None and owner.name else ""
        self.notes.append(note("bpmn-boundary-event",
                               f"{upper_first(element_words('boundaryEvent', name))}{on} is imported as "
                               f'a way on from that step with the condition "{when}"; whether it '
                               "interrupts the step is not recorded", event.id, line=line(event.element)))

    def routes(self, source: str) -> Iterator[Route]:
        for flow, when in self.out.get(source, []):
            yield from self._walk(source, flow, when, flow.handoff, {source}, self.order[id(flow)])

    def _walk(self, source: str, flow: Flow, when: str | None, handoff: str | None,
              seen: set[str], order: int) -> Iterator[Route]:
        target = flow.target
        if target in self.steps:
            yield Route(source, target, when, handoff, order)
            return
        node = self.passed.get(target)
        if node is None:
            if target not in self.dangling:
                self.dangling.add(target)
                self.notes.append(note("bpmn-unknown-target",
                                       f"A flow goes to {self.what(target)}, which is not a step of "
                                       "the pathway: it is not imported",
                                       flow.element.get("id"), line=line(flow.element)))
            return
        if target in seen:  # a ring of passed-through nodes only: no step to reach
            return
        source_node = self.steps.get(source)
        for onward, onward_when in self.out.get(target, []):
            named = when or onward_when
            if named is None and source_node is not None and source_node.type == "eventBasedGateway":
                named = node.name
            yield from self._walk(source, onward, named, handoff or onward.handoff, seen | {target}, order)


_ISO_DURATION = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")


def _duration_words(text: str) -> str:
    """An ISO 8601 duration (`P14D`, `PT4H`) in words ("2 weeks"); any other text as written."""
    found = _ISO_DURATION.match(text)
    if found is None or not any(found.groups()):
        return text
    weeks, days, hours, minutes = (int(g or 0) for g in found.groups())
    return minutes_words(((weeks * 7 + days) * 24 + hours) * 60 + minutes)


def passed_note(node: Node, incoming: int, outgoing: int) -> Note:
    words = upper_first(element_words(node.type, node.name))
    if node.type == "parallelGateway":
        what = ("splits the way into branches taken at the same time; the pathway has no 'all at "
                "once', so each branch is a way on of its own") if outgoing > 1 else (
                "waits for branches to meet; the pathway joins them without waiting")
        return note("bpmn-parallel-gateway", f"{words} {what}", node.id, line=line(node.element))
    if node.type.startswith("intermediate"):
        timer = node.element.find(".//{*}timeDuration")
        timed = _duration_words("".join(timer.itertext()).strip()) if timer is not None else ""
        extra = f" (a timer of {timed}: record it as a wait)" if timed else ""
        return note("bpmn-intermediate-event", f"{words} is not a step: the ways around it are joined "
                    f"up{extra}", node.id, line=line(node.element))
    return note("bpmn-joining-gateway", f"{words} only joins ways ({incoming} in, {outgoing} out): "
                "the ways are joined up without a step", node.id, line=line(node.element),
                severity=Severity.INFO)
