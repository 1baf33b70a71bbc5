"""A BPMN 2.0 file from any modeller (Camunda, bpmn.io, Signavio, Bizagi) as a pathway.

Pools and lanes become organisations, tasks and subprocesses steps, start and end events ways in
and out, exclusive and inclusive gateways decisions, flows transitions (a message flow's message its
handoff), documentation descriptions. What a pathway cannot carry is brought in as closely as it
can be and said in a note naming the BPMN element and its line: nothing is dropped without a word.
The pathway is a draft, checked like any other; its findings are the rest of the story.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from ..checks.validation import validate
from ..finding import Severity
from ..model import Identifier, Pathway, Role, Transition
from ..words import plural
from .bpmn_elements import DECISIONS, Contents, Node, collect, documentation, in_bpmn, local
from .bpmn_names import bpmn, pd
from .bpmn_reading import BpmnReadError, XmlDocument, parse_bytes, read_file
from .bpmn_records import read_records, with_flow
from .bpmn_routes import Router, passed_note
from .bpmn_steps import line, organisations, step
from .bpmn_words import element_words, upper_first
from .ids import Ids
from .imported import Imported, Note, note


def import_bpmn_file(path: str | os.PathLike[str], roles: Mapping[str, Role] | None = None) -> Imported:
    """The pathway in the BPMN file at `path`, with the import's notes (never raises for a bad file)."""
    try:
        document = read_file(path)
    except BpmnReadError as error:
        return Imported(None, [Note(error.finding.at(os.fspath(path)))])
    return import_document(document, roles, Path(path).stem)


def import_bpmn_bytes(data: bytes, name: str = "<text>", roles: Mapping[str, Role] | None = None) -> Imported:
    """The pathway in BPMN XML `data` (an upload), with the import's notes."""
    try:
        document = parse_bytes(data, name)
    except BpmnReadError as error:
        return Imported(None, [Note(error.finding.at(name))])
    return import_document(document, roles, Path(name).stem)


def import_document(document: XmlDocument, roles: Mapping[str, Role] | None = None,
                    stem: str = "pathway") -> Imported:
    root = document.root
    if not in_bpmn(root) or local(root) != "definitions":
        message = (f"this is XML, but not BPMN 2.0: its root element is <{local(root) or root.tag}>, "
                   "where a BPMN file has <definitions> in the BPMN 2.0 namespace")
        return Imported(None, [_at(note("bpmn-not-bpmn", message, severity=Severity.ERROR,
                                        line=line(root)), document.name)])
    notes: list[Note] = []
    contents, nested = collect(root)
    for lane in nested:
        notes.append(note("bpmn-nested-lane", f"{upper_first(element_words('lane', lane.get('name')))} "
                          "holds lanes of its own: each inner lane is imported as an organisation",
                          lane.get("id"), line=line(lane), severity=Severity.INFO))
    pathway = _pathway(root, contents, roles or {}, stem, notes)
    notes = [_at(n, document.name) for n in notes]
    if pathway is None:
        return Imported(None, notes)
    # checked as the YAML it becomes: not under the BPMN file's name (the id would not match it)
    checked = [Note(f.at(document.name)) for f in validate(pathway, file="")]
    return Imported(pathway, notes + checked)


def _id_or_none(value: str | None) -> str | None:
    return Ids().keep(value)


def _at(item: Note, file: str) -> Note:
    return replace(item, finding=item.finding.at(file))


def _outgoing(contents: Contents) -> Counter[str]:
    return Counter(flow.source for flow in contents.flows)


def _pathway(root, contents: Contents, roles: Mapping[str, Role], stem: str,  # type: ignore[no-untyped-def]
             notes: list[Note]) -> Pathway | None:
    outgoing = _outgoing(contents)
    incoming = Counter(flow.target for flow in contents.flows)
    steps: dict[str, Node] = {}
    passed: dict[str, Node] = {n.id: n for n in contents.passed}
    for node in contents.steps:
        # a gateway that only joins ways (and was not a decision of ours) is no step
        joins_only = (node.type in DECISIONS and outgoing[node.id] <= 1
                      and node.element.get(pd("kind")) is None)
        (passed if joins_only else steps)[node.id] = node
    for node in passed.values():
        notes.append(passed_note(node, incoming[node.id], outgoing[node.id]))
    for element in contents.left:
        words = upper_first(element_words(local(element), element.get("name")))
        notes.append(note("bpmn-not-imported", f"{words} "
                          "has no place in a pathway and is not imported", element.get("id"),
                          line=line(element), severity=Severity.INFO))
    if not steps:
        notes.append(note("bpmn-no-steps", "The file has no task, event or gateway that could be a "
                          "step, so there is no pathway to import", severity=Severity.ERROR, line=line(root)))
        return None
    orgs, owners = organisations(contents, roles, notes)
    ids = Ids()
    step_ids = {n.id: ids.keep(n.element.get(pd("id"))) or ids.make(n.name, n.id, fallback="step")
                for n in steps.values()}
    built = [step(n, step_ids[n.id], owners.get(n.id) or _id_or_none(n.element.get(pd("owner"))),
                  outgoing[n.id], notes) for n in steps.values()]
    guessed = [s for s, n in zip(built, steps.values(), strict=True)
               if n.element.get(pd("kind")) is None and n.type not in ("startEvent", "endEvent")
               and s.kind.value == "intervention"]
    if guessed:
        notes.append(note("bpmn-kind-guessed", f"{plural(len(guessed), 'step')} came from tasks, "
                          "which BPMN does not sort into assessments, referrals, reviews and interventions: "
                          f'"{guessed[0].label}"'
                          f"{' and the others are' if len(guessed) > 1 else ' is'} imported as an "
                          "intervention; change the kind where another fits", severity=Severity.INFO))
    elements = {e.get("id", ""): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    router = Router(contents.flows, steps, passed, contents.boundary, notes, elements)
    routes = sorted((r for source in steps for r in router.routes(source)), key=lambda r: r.order)
    transitions = [Transition.model_validate(
        {"from": step_ids[r.source], "to": step_ids[r.target], "when": r.when, "handoff": r.handoff})
                   for r in routes]
    for flow in contents.flows:
        if flow.source not in steps and flow.source not in passed and flow.is_message:
            notes.append(note("bpmn-unknown-source", f"A message flow starts at {router.what(flow.source)}, "
                              "which is not a step of the pathway: it is not imported",
                              flow.element.get("id"), line=line(flow.element)))
    return _whole(root, contents, stem, orgs, built, transitions, notes)


def _listed(names: list[str]) -> str:
    """'A, B and C'."""
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _whole(root, contents: Contents, stem: str, orgs, built, transitions,  # type: ignore[no-untyped-def]
           notes: list[Note]) -> Pathway | None:
    process = contents.processes[0] if contents.processes else root
    participant = contents.participants.get(process.get("id", ""))
    names = [e.get("name") for e in (participant, process, root) if e is not None]
    if len(contents.processes) > 1:  # pools side by side: the whole drawing names the pathway
        pools = [p.get("name") or "" for p in contents.participants.values() if (p.get("name") or "").strip()]
        collaboration = root.find(bpmn("collaboration"))
        names = [collaboration.get("name") if collaboration is not None else None, root.get("name"),
                 _listed([n.strip() for n in pools])]
    if process.get(pd("id")) is not None and process.get("name"):  # our export: as written
        title = process.get("name")
    else:
        title = next((n.strip() for n in names if n and n.strip()), None)
    if title is None:
        title = stem.replace("-", " ").replace("_", " ").strip() or "Imported pathway"
        notes.append(note("bpmn-no-title",
                          f'The file gives its process no name: the pathway is titled "{title}"'))
    ids = Ids()
    written = ids.keep(process.get(pd("id"))) or ids.keep(root.get(pd("id")))
    pathway_id: Identifier = written or ids.make(title, stem, fallback="imported-pathway")
    records = read_records(process, notes)
    try:
        pathway = Pathway.model_validate({
            "id": pathway_id, "title": title, "summary": documentation(process), **records,
            "organisations": orgs, "steps": built, "transitions": transitions})
    except ValidationError as error:  # a part our checks above let through: said, not raised
        notes.append(note("bpmn-not-a-pathway", f"The file could not be made into a pathway: "
                          f"{error.errors()[0]['msg']}", severity=Severity.ERROR))
        return None
    return with_flow(pathway, process, notes)
