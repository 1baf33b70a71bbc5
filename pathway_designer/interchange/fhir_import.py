"""A FHIR PlanDefinition (JSON) as a pathway, with what could not be carried said in words.

Reads what `fhir_export` writes back whole, and PlanDefinitions written by others as far as they
map (CPG-on-FHIR recommendations with nested actions, no actors, definitions elsewhere): what is
guessed or left out is a note. Bad JSON, another kind of resource or a file past the size limit is
a note too, never an exception.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from ..finding import Severity
from ..flow.carried import with_flow_record
from ..flow.errors import FlowError
from ..format.files import read_regular
from ..format.reading import YamlReadError
from ..model import COMMIT_PATTERN, REMOTE_PATTERN, Geography, Pathway, Role, Status
from ..words import ROLE_WORDS, word
from . import fhir_codes as c
from . import fhir_records as records
from .fhir_actions import Actions, Context
from .ids import Ids
from .imported import Imported, Note, note

MAX_BYTES = 10 * 1024 * 1024
_ERROR = Severity.ERROR
_ROLES = {r.value for r in Role}
_GUESSED_ROLES = {
    "patient": Role.SERVICE_USERS_CARERS.value,
    "relatedperson": Role.SERVICE_USERS_CARERS.value,
}


def import_fhir_file(path: str | os.PathLike[str]) -> Imported:
    """The pathway in a PlanDefinition file (a regular file, at most MAX_BYTES)."""
    try:
        data = read_regular(path, MAX_BYTES)
    except YamlReadError as exc:
        imported = Imported(None, [Note(f) for f in exc.findings])
    except OSError as exc:
        imported = Imported(None, [note("unreadable", exc.strerror or str(exc), severity=_ERROR)])
    else:
        imported = import_fhir(data)
    name = os.fspath(path)  # each note says which file it is about, as BPMN's do
    imported.notes = [Note(n.finding.at(n.finding.file or name), n.element) for n in imported.notes]
    return imported


def import_fhir(data: bytes | str) -> Imported:
    """The pathway in a PlanDefinition's JSON text."""
    if len(data) > MAX_BYTES:
        return _refused("file-too-large", f"The file is larger than the limit of {MAX_BYTES:,} bytes.")
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        return _refused("not-utf8", f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read).")
    try:
        resource = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return Imported(
            None,
            [
                note(
                    "not-json",
                    f"The file is not JSON: {exc.msg.lower()}.",
                    severity=_ERROR,
                    line=exc.lineno,
                    column=exc.colno,
                )
            ],
        )
    except (RecursionError, ValueError):
        return _refused(
            "not-json",
            "The file is not JSON a PlanDefinition can be read from "
            "(nested too deeply, or a number JSON does not allow).",
        )
    plan, notes = _plan_in(resource)
    if plan is None:
        return Imported(None, notes)
    return _Reader(plan, notes).pathway()


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _refused(rule: str, message: str) -> Imported:
    return Imported(None, [note(rule, message, severity=_ERROR)])


def _plan_in(resource: Any) -> tuple[dict[str, Any] | None, list[Note]]:
    """The PlanDefinition: the resource itself, or the first of a Bundle's entries."""
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if kind == "PlanDefinition":
        return resource, []
    if kind == "Bundle":
        plans = [
            e["resource"]
            for e in c.items(resource.get("entry"))
            if isinstance(e, dict)
            and isinstance(e.get("resource"), dict)
            and e["resource"].get("resourceType") == "PlanDefinition"
        ]
        notes = (
            [
                note(
                    "fhir-bundle",
                    f"The bundle holds {len(plans)} PlanDefinitions: the first is imported.",
                    "entry",
                )
            ]
            if len(plans) > 1
            else []
        )
        if plans:
            return plans[0], notes
    what = f"a FHIR {kind}" if isinstance(kind, str) else "not a FHIR resource"
    return None, [
        note(
            "not-a-plan-definition",
            f"The file is {what[:80]}, not a PlanDefinition.",
            "resourceType",
            severity=_ERROR,
        )
    ]


class _Reader:
    def __init__(self, plan: dict[str, Any], notes: list[Note]) -> None:
        self.plan = plan
        self.notes = notes
        self.ours = bool(c.extensions(plan, c.STATUS_EXT))
        self.org_ids = Ids()
        self.organisations: list[dict[str, Any]] = []
        self._actors: dict[str, str] = {}  # actor element id, or a participant's type or role -> org id

    def say(
        self, rule: str, message: str, where: str | None = None, severity: Severity = Severity.WARNING
    ) -> None:
        self.notes.append(note(rule, message, where, severity=severity))

    def pathway(self) -> Imported:
        plan = self.plan
        data: dict[str, Any] = {"format": 1}
        data["id"] = Ids().keep(plan.get("id")) or Ids().make(
            records.text(plan.get("name")), records.text(plan.get("title")), fallback="imported-pathway"
        )
        title = records.text(plan.get("title")) or records.text(plan.get("name"))
        if title is None:
            title = "Imported pathway"
            self.say(
                "fhir-no-title", f"The PlanDefinition has no title: it is called ‘{title}’; name it.", "title"
            )
        data["title"] = title
        data["summary"] = records.text(plan.get("description"))
        data["status"] = self._status()
        data["based-on"] = self._based_on()
        data["review"] = {
            "last": records.date(plan.get("lastReviewDate")),
            "due": records.date(c.extension_value(plan, c.REVIEW_DUE_EXT, "Date")),
        }
        data["context"] = self._context()
        self._read_actors()
        goals = records.goals(self.plan, self.say)
        actions = Actions(
            Context(self.ours, self._organisation, {g["id"]: g["id"] for g in goals}, self.notes)
        )
        actions.read(plan.get("action"))
        if not actions.steps:
            self.say(
                "fhir-no-actions",
                "The PlanDefinition has no actions, so the pathway has no steps: "
                "a first step stands in; add the steps.",
                "action",
            )
            actions.steps.append({"id": "start", "label": "Start", "kind": "entry"})
        if not self.organisations:
            name = records.text(plan.get("publisher")) or "Partner not named"
            self.organisations.append({"id": self.org_ids.make(name), "name": name, "role": Role.OTHER.value})
            self.say(
                "fhir-no-actors",
                f"The file names no one who takes part: ‘{name}’ stands in; name the "
                "partners and say what part each plays.",
                "actor",
            )
        data["organisations"] = self.organisations
        data["steps"] = actions.steps
        data["transitions"] = actions.transitions()
        data["outcomes"] = goals
        data["involvement"] = records.involvement(self.plan)
        data["signoffs"] = records.signoffs(self.plan, self.say)
        return self._validated(data)

    def _validated(self, data: dict[str, Any]) -> Imported:
        try:
            pathway = Pathway.model_validate(_without_none(data), by_alias=True, by_name=False)
        except ValidationError as exc:
            for err in exc.errors()[:20]:
                where = ".".join(str(p) for p in err["loc"])
                self.say(
                    "fhir-not-a-pathway",
                    f"The file gives {where} a value a pathway cannot hold: {err['msg'].lower()}.",
                    None,
                    _ERROR,
                )
            return Imported(None, self.notes)
        flow = c.extension_value(self.plan, c.FLOW_EXT, "String")
        if isinstance(flow, str):
            try:
                pathway = with_flow_record(pathway, flow)
            except FlowError as error:
                self.say("fhir-bad-flow", str(error), "extension", Severity.WARNING)
        return Imported(pathway, self.notes)

    # -- the whole pathway ---------------------------------------------------------------------------

    def _status(self) -> str:
        exact = c.extension_value(self.plan, c.STATUS_EXT, "Code")
        if isinstance(exact, str) and exact in {s.value for s in Status}:
            return str(exact)
        status = self.plan.get("status")
        if status == "active":
            self.say(
                "fhir-status",
                "The PlanDefinition is active: it is imported as agreed; the partners' "
                "sign-offs say so here.",
                "status",
            )
        return c.STATUS_FROM_FHIR.get(status, Status.DRAFT.value) if isinstance(status, str) else "draft"

    def _base(self, artifact: dict[str, Any], reference: str) -> str | dict[str, str] | None:
        """A base by its id, with the version adapted (`id|version`) and its remote when given."""
        base_id, _, version = reference.partition("|")
        kept = Ids().keep(base_id)
        remote = c.extension_value(artifact, c.BASE_REPOSITORY_EXT, "String")
        # Only what the format can hold: a commit, a remote's name (anything else is left out).
        version = version if re.fullmatch(COMMIT_PATTERN, version) else ""
        remote = remote if isinstance(remote, str) and re.fullmatch(REMOTE_PATTERN, remote) else None
        if not version and not remote:
            return kept
        return {k: v for k, v in (("pathway", kept), ("version", version), ("repository", remote)) if v}

    def _based_on(self) -> str | dict[str, str] | None:
        for i, artifact in enumerate(c.items(self.plan.get("relatedArtifact"))):
            if not isinstance(artifact, dict):
                continue
            resource = artifact.get("resource")
            if (
                artifact.get("type") == "derived-from"
                and isinstance(resource, str)
                and resource.startswith(c.PATHWAY_URL)
            ):
                return self._base(artifact, resource.removeprefix(c.PATHWAY_URL))
            label = (
                records.text(artifact.get("display"))
                or records.text(artifact.get("label"))
                or records.text(resource)
                or "a document"
            )
            self.say(
                "fhir-related-artifact",
                f"The file refers to {label[:120]}, which a pathway does not "
                "keep: add it to the summary if it matters.",
                f"relatedArtifact[{i}]",
            )
        return None

    def _context(self) -> dict[str, Any]:
        context: dict[str, Any] = {}
        for place in c.items(self.plan.get("jurisdiction")):
            context.setdefault("area", c.concept_text(place))
        for use in c.items(self.plan.get("useContext")):
            if not isinstance(use, dict):
                continue
            code = c.mapping(use.get("code")).get("code") if isinstance(use.get("code"), dict) else None
            value = use.get("valueCodeableConcept")
            geography = c.code_in(value, c.GEOGRAPHY)
            if code == "venue" and geography in {g.value for g in Geography}:
                context["geography"] = geography
            elif code == "focus" and c.concept_text(value):
                context.setdefault("population", c.concept_text(value))
        return context

    # -- who takes part --------------------------------------------------------------------------------

    def _read_actors(self) -> None:
        for i, actor in enumerate(c.items(self.plan.get("actor"))):
            if not isinstance(actor, dict):
                continue
            options = [o for o in c.items(actor.get("option")) if isinstance(o, dict)]
            first = options[0] if options else {}
            name = (
                records.text(actor.get("title"))
                or c.concept_text(first.get("role"))
                or records.text(first.get("type"))
                or f"Partner {i + 1}"
            )
            oid = self.org_ids.keep(actor.get("id")) or self.org_ids.make(name, fallback="partner")
            role = c.code_in(first.get("role"), c.ROLE) or self._guess_role(
                name, first.get("type"), f"actor[{i}]"
            )
            self.organisations.append({"id": oid, "name": name, "role": role})
            if isinstance(actor.get("id"), str):
                self._actors.setdefault(actor["id"], oid)

    def _guess_role(self, name: str, kind: Any, where: str) -> str:
        role = _GUESSED_ROLES.get(kind, Role.OTHER.value) if isinstance(kind, str) else Role.OTHER.value
        self.say(
            "fhir-role",
            f"The file does not say what part ‘{name}’ plays in the pathway: imported as "
            f"{word(ROLE_WORDS, role, in_sentence=True)}; say what part it plays.",
            where,
        )
        return role

    def _organisation(self, participant: dict[str, Any]) -> str | None:
        """The organisation a participant stands for: its actor, else one made from its type or role."""
        actor = participant.get("actorId")
        if isinstance(actor, str):
            return self._actors.get(actor) or Ids().keep(actor) or self._named(actor, None)
        name = (
            c.concept_text(participant.get("role"))
            or records.text(
                c.mapping(participant.get("typeReference")).get("display")
                if isinstance(participant.get("typeReference"), dict)
                else None
            )
            or records.text(participant.get("type"))
        )
        return self._named(name, participant.get("type")) if name else None

    def _named(self, name: str, kind: Any) -> str:
        if name not in self._actors:
            oid = self.org_ids.make(name, fallback="partner")
            label = name[:1].upper() + name[1:]
            role = self._guess_role(label, kind, "action.participant")
            self.organisations.append({"id": oid, "name": label, "role": role})
            self._actors[name] = oid
        return self._actors[name]


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _without_none(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value
