"""BPMN nodes and lanes as the pathway's steps and organisations, with our extension attributes
(a step's kind, setting, times, partners; an organisation's role) read back where an export wrote
them, and notes for what a node carries that a step cannot."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree
from pydantic import TypeAdapter, ValidationError

from ..finding import Severity
from ..model import Identifier, Organisation, Role, Setting, Step, StepKind, TimeStandard
from ..words import ROLE_WORDS, word
from .bpmn_elements import DECISIONS, Contents, Node, Pool, documentation, local, text_of
from .bpmn_names import bpmn, pd
from .bpmn_words import element_words, kind_words, upper_first
from .ids import Ids
from .imported import Note, note

MAX_LABEL = 120
_KINDS = {"startEvent": StepKind.ENTRY, "endEvent": StepKind.EXIT}
_TIME = TypeAdapter(TimeStandard)
_ID = TypeAdapter(Identifier)
_EXPANDED_HINT = "the steps inside it are not imported; draw them as steps of the pathway if they matter"


def line(element: etree._Element) -> int | None:
    return element.sourceline if isinstance(element.sourceline, int) else None


def _valid(adapter: TypeAdapter, value: str | None) -> str | None:  # type: ignore[type-arg]
    if value is None:
        return None
    try:
        adapter.validate_python(value)
    except ValidationError:
        return None
    return value


def _enum(kind: type[StepKind] | type[Setting] | type[Role], value: str | None):  # type: ignore[no-untyped-def]
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


def organisations(contents: Contents, roles: Mapping[str, Role],
                  notes: list[Note]) -> tuple[list[Organisation], dict[str, str]]:
    """An organisation per lane (or pool without lanes), and the owner's id of every node id."""
    ids = Ids()
    result: list[Organisation] = []
    owners: dict[str, str] = {}
    for pool in contents.pools:
        # our own export's names are kept as written; another tool's are tidied
        ours = pool.element.get(pd("id")) is not None
        name = pool.name if pool.name is not None and (ours or pool.name.strip()) else ""
        name = name if ours else name.strip()
        kind = local(pool.element)
        if not name:
            name = f"Unnamed {kind_words(kind)} {len(result) + 1}"
            notes.append(note("bpmn-unnamed", f"{upper_first(element_words(kind, None))} has no name; "
                              f"it is imported as the organisation \"{name}\"",
                              pool.element.get("id"), line=line(pool.element)))
        org_id = (ids.keep(pool.element.get(pd("id")))
                  or ids.make(name, pool.element.get("id"), fallback="organisation"))
        role = _role(pool, name, org_id, roles, notes)
        result.append(Organisation(id=org_id, name=name, role=role))
        for node_id in pool.nodes:
            owners.setdefault(node_id, org_id)
    if not result:  # a pathway has at least one organisation
        result.append(Organisation(id="organisation", name="Unnamed organisation", role=Role.OTHER))
        notes.append(note("bpmn-no-organisation", "The file has no pool or lane, so no organisation: "
                          "one unnamed organisation was added; name it and say its part"))
    return result, owners


def _role(pool: Pool, name: str, org_id: str, roles: Mapping[str, Role], notes: list[Note]) -> Role:
    for key in (name, pool.element.get("id"), org_id):
        if key is not None and key in roles:
            return roles[key]
    written = _enum(Role, pool.element.get(pd("role")))
    if isinstance(written, Role):
        return written
    notes.append(note(
        "bpmn-role-needed",
        f'What part does "{name}" play in the pathway? BPMN does not say, so it is imported as '
        f'"{word(ROLE_WORDS, Role.OTHER)}": say which role it has',
        pool.element.get("id"), line=line(pool.element), severity=Severity.INFO))
    return Role.OTHER


def _label(node: Node, notes: list[Note]) -> tuple[str, str | None]:
    """The step's label, and the full name when it was too long for a label."""
    name = node.name
    if name is None or (not name.strip() and node.element.get(pd("id")) is None):
        plain = upper_first(kind_words(node.type))
        label = {"startEvent": "Start", "endEvent": "End"}.get(node.type, plain)
        if node.type not in ("startEvent", "endEvent"):
            notes.append(note("bpmn-unnamed", f"{upper_first(element_words(node.type, None))} has no name; "
                              f'its step is labelled "{label}"', node.id, line=line(node.element)))
        return label, None
    if len(name) > MAX_LABEL:
        words = element_words(node.type, name[:40] + "…")
        notes.append(note("bpmn-long-name", f"The name of {words} is longer than "
                          f"{MAX_LABEL} characters: the label is cut short and the full name kept in the "
                          "description", node.id, line=line(node.element)))
        return name[: MAX_LABEL - 1].rstrip() + "…", name
    return name, None


def _kind(node: Node, outgoing: int) -> StepKind:
    written = _enum(StepKind, node.element.get(pd("kind")))
    if isinstance(written, StepKind):
        return written
    if node.type in _KINDS:
        return _KINDS[node.type]
    return StepKind.DECISION if node.type in DECISIONS and outgoing > 1 else StepKind.INTERVENTION


def _ids_list(value: str | None) -> list[str]:
    return [v for v in (value or "").split() if _valid(_ID, v)]


def step(node: Node, step_id: str, owner: str | None, outgoing: int, notes: list[Note]) -> Step:
    element = node.element
    label, full_name = _label(node, notes)
    described = [t for t in (full_name, documentation(element)) if t is not None]
    barriers = [text_of(b) for b in element.iter(pd("barrier")) if text_of(b)]
    _notes_on_activity(node, label, notes)
    return Step(
        id=step_id, label=label, kind=_kind(node, outgoing),
        setting=_enum(Setting, element.get(pd("setting"))), owner=owner,
        partners=_ids_list(element.get(pd("partners"))),
        wait=_valid(_TIME, element.get(pd("wait"))), duration=_valid(_TIME, element.get(pd("duration"))),
        modality=element.get(pd("modality")),
        description="\n\n".join(described) if described else None,
        barriers=barriers, measures=_ids_list(element.get(pd("measures"))),
    )


def _notes_on_activity(node: Node, label: str, notes: list[Note]) -> None:
    """Notes for what an activity carries that a step cannot: loops, inner steps, triggers."""
    element = node.element
    words = element_words(node.type, label)
    for marker in ("standardLoopCharacteristics", "multiInstanceLoopCharacteristics"):
        found = element.find(bpmn(marker))
        if found is not None:
            how = "repeats" if marker.startswith("standard") else "is done several times over"
            notes.append(note("bpmn-loop", f"{upper_first(words)} {how} (a loop marker); the step is "
                              "imported once: say in its description when it repeats", node.id,
                              line=line(found), step=None))
    inner = [c for c in element if local(c) not in ("documentation", "extensionElements", "incoming",
                                                   "outgoing", "ioSpecification", "property",
                                                   "dataInputAssociation", "dataOutputAssociation",
                                                   "standardLoopCharacteristics",
                                                   "multiInstanceLoopCharacteristics")
             and isinstance(c.tag, str)]
    if node.type in ("subProcess", "transaction", "adHocSubProcess") and inner:
        notes.append(note("bpmn-expanded-subprocess", f"{upper_first(words)} holds {len(inner)} elements "
                          f"of its own: it is imported as one step; {_EXPANDED_HINT}", node.id,
                          line=line(element)))
    triggers = [local(c) for c in element if local(c).endswith("EventDefinition")]
    if triggers and node.type in ("startEvent", "endEvent"):
        what = ", ".join(t.removesuffix("EventDefinition") for t in triggers)
        notes.append(note("bpmn-event-trigger", f"{upper_first(words)} has a trigger ({what}) that a "
                          "pathway does not record: it is imported as a plain way in or out", node.id,
                          line=line(element), severity=Severity.INFO))
    if node.type == "inclusiveGateway":
        notes.append(note("bpmn-inclusive", f"{upper_first(words)} lets several ways on be taken at "
                          "once; the pathway keeps it as a decision, each way with its condition", node.id,
                          line=line(element), severity=Severity.INFO))
    if node.type in ("complexGateway", "eventBasedGateway"):
        notes.append(note("bpmn-gateway", f"{upper_first(words)} is imported as a decision: check the "
                          "condition of each way on", node.id, line=line(element), severity=Severity.INFO))
