"""A pathway as a FHIR R5 PlanDefinition (type clinical-protocol), as plain JSON data.

One action per step, in the pathway's order; each transition a `relatedAction` (`before-start`) on
the action it leaves; a decision a grouping action (`selectionBehavior: exactly-one`) whose child
actions are its ways on, each with its condition as an applicability expression. Organisations are
`actor`s, outcomes `goal`s, sign-offs `endorser`s. `docs/interchange.md` gives the whole mapping.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..flow.carried import flow_record
from ..format.canonical import fingerprint
from ..model import Pathway, Signoff, Step, StepKind, Transition
from ..words import GEOGRAPHY_WORDS, KIND_WORDS, ROLE_WORDS, SETTING_WORDS, word
from . import fhir_codes as c


def _text(value: str | None) -> str | None:
    """FHIR has no empty strings: empty text is left out."""
    return value if value else None


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != [] and value != {}:
        data[key] = value


def _ext(url: str, kind: str, value: Any) -> dict[str, Any]:
    return {"url": url, f"value{kind}": value}


def _identifiers(print_: str, commit: str | None) -> list[dict[str, Any]]:
    found = [{"system": c.FINGERPRINT_SYSTEM, "value": print_}]
    if commit:
        found.append({"system": c.COMMIT_SYSTEM, "value": commit})
    return found


def _name(pathway_id: str) -> str:
    """A computer-friendly name (FHIR's `[A-Z][A-Za-z0-9_]*`): `adult-crisis` is `AdultCrisis`."""
    name = "".join(part.capitalize() for part in pathway_id.split("-"))
    return name if name[:1].isalpha() else f"Pathway{name}"


def _use_context(pathway: Pathway) -> list[dict[str, Any]]:
    context = pathway.context
    found: list[dict[str, Any]] = []
    if context and context.geography:
        words = word(GEOGRAPHY_WORDS, context.geography)
        found.append(
            {
                "code": {"system": c.USAGE_CONTEXT, "code": "venue"},
                "valueCodeableConcept": c.coding(c.GEOGRAPHY, context.geography.value, words),
            }
        )
    if context and context.population and c.carried(context.population):
        found.append(
            {
                "code": {"system": c.USAGE_CONTEXT, "code": "focus"},
                "valueCodeableConcept": {"text": context.population},
            }
        )
    return found


def _involvement(pathway: Pathway) -> list[dict[str, Any]]:
    found = []
    for item in pathway.involvement:
        parts = [
            _ext("date", "Date", item.date.isoformat()),
            _ext("who", "String", item.who),
            _ext("how", "String", item.how),
        ]
        if item.changed:
            parts.append(_ext("changed", "String", item.changed))
        found.append({"url": c.INVOLVEMENT_EXT, "extension": parts})
    return found


def _endorser(signoff: Signoff) -> dict[str, Any]:
    parts = [
        _ext("organisation", "Id", signoff.organisation),
        _ext("date", "Date", signoff.date.isoformat()),
        _ext("fingerprint", "String", signoff.fingerprint),
    ]
    if signoff.role:
        parts.append(_ext("role", "String", signoff.role))
    return {"extension": [{"url": c.SIGNOFF_EXT, "extension": parts}], "name": signoff.name}


def _actor(org_id: str, name: str, role: str) -> dict[str, Any]:
    return {
        "id": org_id,
        "title": name,
        "option": [{"type": "organization", "role": c.coding(c.ROLE, role, word(ROLE_WORDS, role))}],
    }


def _participants(step: Step) -> list[dict[str, Any]]:
    found = []
    if step.owner:
        function = {
            "coding": [{"system": c.PARTICIPANT_FUNCTION, "code": "performer"}],
            "text": "Responsible",
        }
        found.append({"actorId": step.owner, "function": function})
    for partner in step.partners:
        function = c.coding(c.PARTNER_FUNCTION, "partner", "Also involved")
        found.append({"actorId": partner, "function": function})
    return found


Way = tuple[int, Transition]  # a transition and its place in the pathway's list


def _way_on(way: Way, wait: str | None) -> dict[str, Any]:
    index, transition = way
    related: dict[str, Any] = {"targetId": transition.to, "relationship": "before-start"}
    if wait:  # the next step starts within its wait of this one's end
        related["offsetRange"] = {"high": c.duration(wait)}
    # its place in the file's list, so the import gives back the same text (and fingerprint)
    extension = [_ext(c.ORDER_EXT, "Integer", index)]
    if transition.handoff:
        extension.append(_ext(c.HANDOFF_EXT, "String", transition.handoff))
    return {"extension": extension, **related}


def _branch(decision: Step, number: int, way: Way, wait: str | None) -> dict[str, Any]:
    """One way on from a decision: a child action chosen when its condition holds."""
    transition = way[1]
    branch: dict[str, Any] = {"id": f"{decision.id}.{number}"}
    _put(branch, "title", _text(transition.when))
    branch["code"] = {"coding": [{"system": c.ACTION_PART, "code": "branch"}]}
    if transition.when:
        expression = {"description": transition.when, "language": "text/plain", "expression": transition.when}
        branch["condition"] = [{"kind": "applicability", "expression": expression}]
    branch["relatedAction"] = [_way_on(way, wait)]
    return branch


def _action(step: Step, leaving: list[Way], waits: dict[str, str | None]) -> dict[str, Any]:
    action: dict[str, Any] = {"id": step.id}
    extension = []
    if step.modality:
        extension.append(_ext(c.MODALITY_EXT, "String", step.modality))
    extension += [_ext(c.BARRIER_EXT, "String", b) for b in step.barriers]
    if step.wait:
        extension.append(_ext(c.WAIT_EXT, "Duration", c.duration(step.wait)))
    _put(action, "extension", extension)
    action["linkId"] = step.id
    action["title"] = step.label
    _put(action, "description", _text(step.description))
    action["code"] = c.coding(c.KIND, step.kind.value, word(KIND_WORDS, step.kind))
    _put(action, "goalId", list(step.measures))
    if step.duration:
        action["timingDuration"] = c.duration(step.duration)
    if step.setting:
        action["location"] = {
            "concept": c.coding(c.SETTING, step.setting.value, word(SETTING_WORDS, step.setting))
        }
    _put(action, "participant", _participants(step))
    if step.kind is StepKind.DECISION:
        action["groupingBehavior"] = "logical-group"
        action["selectionBehavior"] = "exactly-one"
        _put(action, "action", [_branch(step, n, w, waits.get(w[1].to)) for n, w in enumerate(leaving, 1)])
    else:
        _put(action, "relatedAction", [_with_when(w, waits.get(w[1].to)) for w in leaving])
    return action


def _with_when(way: Way, wait: str | None) -> dict[str, Any]:
    """A way on from a step that is not a decision; a condition on it is kept aside."""
    related = _way_on(way, wait)
    if way[1].when:
        related["extension"].append(_ext(c.WHEN_EXT, "String", way[1].when))
    return related


def _derived_from(pathway: Pathway) -> dict[str, Any]:
    """The base as FHIR's canonical reference, `url|version` when the version adapted is known."""
    version = f"|{pathway.base_version}" if pathway.base_version else ""
    resource = f"{c.PATHWAY_URL}{pathway.base_id}{version}"
    artifact: dict[str, Any] = {"type": "derived-from", "resource": resource}
    if pathway.base_repository:
        artifact["extension"] = [{"url": c.BASE_REPOSITORY_EXT, "valueString": pathway.base_repository}]
    return artifact


def _goal(outcome_id: str, measure: str, direction: str, target: str | None) -> dict[str, Any]:
    goal: dict[str, Any] = {
        "id": outcome_id,
        "extension": [_ext(c.DIRECTION_EXT, "Code", direction)],
        "description": {"text": measure if c.carried(measure) else outcome_id},
    }
    if target:
        goal["target"] = [{"detailString": target}]
    return goal


def to_plan_definition(pathway: Pathway, commit: str | None = None) -> dict[str, Any]:
    """The PlanDefinition of a pathway; `commit`, the saved version's commit when the file is one."""
    return _only_carried(_plan(pathway, commit))  # type: ignore[no-any-return]


def _only_carried(value: Any) -> Any:
    """The plan without texts FHIR cannot carry (nothing but invisible space characters), and
    without the elements and extensions those leave empty."""
    if isinstance(value, dict):
        kept = {k: _only_carried(v) for k, v in value.items() if not isinstance(v, str) or c.carried(v)}
        kept = {k: v for k, v in kept.items() if v != {} and v != []}
        return {} if set(kept) == {"url"} else kept
    if isinstance(value, list):
        kept_items = [_only_carried(v) for v in value if not isinstance(v, str) or c.carried(v)]
        return [v for v in kept_items if v != {} and v != []]
    return value


def _plan(pathway: Pathway, commit: str | None) -> dict[str, Any]:
    print_ = fingerprint(pathway)
    plan: dict[str, Any] = {"resourceType": "PlanDefinition", "id": pathway.id}
    extension = [_ext(c.STATUS_EXT, "Code", pathway.status.value)]
    if pathway.review and pathway.review.due:
        extension.append(_ext(c.REVIEW_DUE_EXT, "Date", pathway.review.due.isoformat()))
    flow = flow_record(pathway)
    if flow is not None:
        extension.append(_ext(c.FLOW_EXT, "String", flow))
    plan["extension"] = extension + _involvement(pathway)
    plan["url"] = c.PATHWAY_URL + pathway.id
    plan["identifier"] = _identifiers(print_, commit)
    plan["version"] = commit or print_
    plan["name"] = _name(pathway.id)
    plan["title"] = pathway.title
    plan["type"] = c.coding(c.PLAN_TYPE, "clinical-protocol", "Clinical Protocol")
    plan["status"] = c.STATUS_TO_FHIR[pathway.status.value]
    _put(plan, "description", _text(pathway.summary))
    _put(plan, "useContext", _use_context(pathway))
    if pathway.context and pathway.context.area:
        plan["jurisdiction"] = [{"text": pathway.context.area}]
    agreed = [s.date for s in pathway.signoffs if s.fingerprint == print_]
    if agreed:
        plan["approvalDate"] = max(agreed).isoformat()
    if pathway.review and pathway.review.last:
        plan["lastReviewDate"] = pathway.review.last.isoformat()
    _put(plan, "endorser", [_endorser(s) for s in pathway.signoffs])
    if pathway.base_id:
        plan["relatedArtifact"] = [_derived_from(pathway)]
    _put(plan, "goal", [_goal(o.id, o.measure, o.direction.value, o.target) for o in pathway.outcomes])
    plan["actor"] = [_actor(o.id, o.name, o.role.value) for o in pathway.organisations]
    leaving: dict[str, list[Way]] = defaultdict(list)
    for index, t in enumerate(pathway.transitions):
        leaving[t.from_].append((index, t))
    waits = {s.id: s.wait for s in reversed(pathway.steps)}  # the first step of an id, as the graph
    first = pathway.step_index()  # transitions leave the first step of an id, as in the graph
    actions = [
        _action(s, leaving.pop(s.id, []) if first[s.id] == i else [], waits)
        for i, s in enumerate(pathway.steps)
    ]
    plan["action"] = actions + _dangling(leaving, waits)
    return plan


def _dangling(leaving: dict[str, list[Way]], waits: dict[str, str | None]) -> list[dict[str, Any]]:
    """Transitions from a step that does not exist (a draft being written) still travel: on an
    action that is only a way on, so nothing typed is lost."""
    return [
        {
            "id": f"{source}.from",
            "code": {"coding": [{"system": c.ACTION_PART, "code": "from"}]},
            "relatedAction": [_with_when(w, waits.get(w[1].to)) for w in found],
        }
        for source, found in leaving.items()
    ]


def plan_definition_json(pathway: Pathway, commit: str | None = None) -> str:
    """The PlanDefinition as JSON text (UTF-8, indented, ending with a newline)."""
    return json.dumps(to_plan_definition(pathway, commit), ensure_ascii=False, indent=2) + "\n"
