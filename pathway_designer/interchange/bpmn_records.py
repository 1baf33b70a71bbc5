"""What a pathway records beyond its route (outcomes, involvement, sign-offs, review dates, its
context, status and base), carried in BPMN's extension elements in our own namespace.

BPMN has no element for any of these; its `extensionElements` hold elements of other namespaces,
which the schema accepts and modellers keep. One element per record, one attribute per field.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pydantic import BaseModel, ValidationError

from ..finding import Severity
from ..flow.carried import flow_record, with_flow_record
from ..flow.errors import FlowError
from ..model import BasedOn, Context, Involvement, Outcome, Pathway, Review, Signoff
from .bpmn_names import bpmn, pd
from .imported import Note, note

LISTS: dict[str, tuple[str, type[BaseModel]]] = {
    "outcomes": ("outcome", Outcome), "involvement": ("involvement", Involvement),
    "signoffs": ("signoff", Signoff),
}
SINGLE: dict[str, type[BaseModel]] = {"review": Review, "context": Context}
ATTRIBUTES = ("status", "based-on")


def _record(parent: etree._Element, tag: str, data: dict[str, Any], clean: Any) -> None:
    element = etree.SubElement(parent, pd(tag))
    for key, value in data.items():
        if value is not None:
            element.set(key, clean(str(value), f"a record of the {tag}"))


def write_records(process: etree._Element, pathway: Pathway, clean: Any) -> None:
    """Our extension elements on the process: placed after its documentation, as the schema wants."""
    data = pathway.model_dump(mode="json", by_alias=True)
    extension = etree.Element(bpmn("extensionElements"))
    top = {k: data.get(k) for k in ATTRIBUTES}
    base = top["based-on"]
    if isinstance(base, dict):  # the base with its version: an element of its own
        _record(extension, "based-on", base, clean)
        top.pop("based-on")
    _record(extension, "pathway", top, clean)
    for key, tag in ((k, k) for k in SINGLE):
        if data.get(key):
            _record(extension, tag, data[key], clean)
    for key, (tag, _) in LISTS.items():
        for item in data[key]:
            _record(extension, tag, item, clean)
    flow = flow_record(pathway)
    if flow is not None:  # the flow fields, as one JSON record (BPMN has no place for them)
        etree.SubElement(extension, pd("flow")).text = flow
    if len(extension):
        documentation = process.find(bpmn("documentation"))
        process.insert(0 if documentation is None else 1, extension)


def read_records(process: etree._Element, notes: list[Note]) -> dict[str, Any]:
    """The pathway's fields our extension elements give back (a record that is not valid is noted)."""
    fields: dict[str, Any] = {}
    for extension in process.findall(bpmn("extensionElements")):
        for element in extension.findall(pd("pathway")):
            fields.update({k.replace("-", "_"): element.get(k) for k in ATTRIBUTES if element.get(k)})
        for element in extension.findall(pd("based-on")):
            fields["based_on"] = _valid(BasedOn, element, notes)
        for key, model in SINGLE.items():
            for element in extension.findall(pd(key)):
                fields[key] = _valid(model, element, notes)
        for key, (tag, model) in LISTS.items():
            found = [_valid(model, e, notes) for e in extension.findall(pd(tag))]
            fields.setdefault(key, []).extend(f for f in found if f is not None)
    return fields


def _valid(model: type[BaseModel], element: etree._Element, notes: list[Note]) -> BaseModel | None:
    try:
        return model.model_validate(dict(element.attrib))
    except ValidationError as error:
        notes.append(note("bpmn-bad-record", f"A record of the pathway's {etree.QName(element).localname} "
                          f"could not be read back ({error.errors()[0]['msg']}); it is not imported",
                          line=element.sourceline, severity=Severity.WARNING))
        return None


def with_flow(pathway: Pathway, process: etree._Element, notes: list[Note]) -> Pathway:
    """The pathway with the flow fields our `flow` extension element carries (if any) put back."""
    found = process.find(f"{bpmn('extensionElements')}/{pd('flow')}")
    if found is None or not found.text:
        return pathway
    try:
        return with_flow_record(pathway, found.text)
    except FlowError as error:
        notes.append(note("bpmn-bad-record", str(error), line=found.sourceline, severity=Severity.WARNING))
        return pathway
