"""A PlanDefinition's actions as steps and transitions: what `fhir_import` does with `action`.

An action is a step. Its `relatedAction`s are transitions (`before-*`: this step, then the target;
`after-*`: the target, then this step). A grouping action that selects (`exactly-one`, `any`, ...)
is a decision, each child a way on chosen by its applicability condition: a child that is only a
way on (this project's export) is a transition, any other child a step of its own. A group that
does not select is a step followed by its children in the order written.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..model import StepKind, TimeStandard
from ..words import KIND_WORDS, word
from . import fhir_codes as c
from .ids import Ids
from .imported import Note, note

MAX_DEPTH = 32
_TIME: TypeAdapter[str] = TypeAdapter(TimeStandard)
_KINDS = {k.value for k in StepKind}
NOT_CARRIED = (
    "trigger", "input", "output", "dynamicValue", "transform", "documentation", "reason",
    "priority", "prefix", "type", "subjectCodeableConcept", "subjectReference", "subjectCanonical",
    "timingAge", "timingTiming", "precheckBehavior", "cardinalityBehavior", "requiredBehavior",
)  # fmt: skip


@dataclass
class Context:
    """What reading the actions needs from the rest of the import."""

    ours: bool  # written by this project's export: nothing is guessed
    organisation: Callable[[dict[str, Any]], str | None]  # a participant's organisation id
    goals: dict[str, str]  # a goal's element id -> outcome id
    notes: list[Note] = field(default_factory=list)


@dataclass
class _Way:
    source: str
    target: str
    when: str | None
    handoff: str | None
    order: int | None


class Actions:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.ids = Ids()
        self.steps: list[dict[str, Any]] = []
        self.ways: list[_Way] = []
        self._element: dict[str, str] = {}  # an action's element id -> step id
        self._related: list[tuple[str, dict[str, Any], str]] = []
        self._guessed: list[str] = []
        self._by_id: dict[str, dict[str, Any]] = {}

    # -- the walk ----------------------------------------------------------------------------------

    def read(self, actions: Any) -> None:
        top = self._walk(actions, "action", 0, None)
        if not self._related and len(top) > 1 and not self.context.ours:
            for a, b in itertools.pairwise(top):
                self.ways.append(_Way(a, b, None, None, None))
            self._say(
                "fhir-order-guessed",
                "The file does not say how one action leads to the next: "
                "the steps are connected in the order they are written.",
                "action",
            )
        for source, related, path in self._related:
            self._way(source, related, path, None)
        if self._guessed:
            kinds = word(KIND_WORDS, StepKind.INTERVENTION, in_sentence=True)
            self._say(
                "fhir-kind-guessed",
                f"The file does not say what kind of step {_listed(self._guessed)} "
                f"{'is' if len(self._guessed) == 1 else 'are'}: imported as {kinds}; say which "
                "are ways in, ways out, assessments or reviews.",
                "action",
            )
        if self.context.ours:  # the export wrote each way on with its place in the pathway's list
            self.ways.sort(key=lambda w: w.order if w.order is not None else 1 << 60)

    def transitions(self) -> list[dict[str, Any]]:
        return [
            {
                k: v
                for k, v in (("from", w.source), ("to", w.target), ("when", w.when), ("handoff", w.handoff))
                if v is not None
            }
            for w in self.ways
        ]

    def _walk(self, actions: Any, path: str, depth: int, decision: str | None) -> list[str]:
        made: list[str] = []
        if not isinstance(actions, list):
            return made
        for i, action in enumerate(actions):
            where = f"{path}[{i}]"
            if not isinstance(action, dict):
                self._say(
                    "fhir-not-an-action", "A part of the file's actions is not an action: left out.", where
                )
                continue
            part = c.code_in(action.get("code"), c.ACTION_PART)
            if part == "from" and isinstance(action.get("id"), str):
                source = action["id"].removesuffix(".from")
                self._related += [
                    (source, r, f"{where}.relatedAction") for r in _dicts(action.get("relatedAction"))
                ]
                continue
            if decision is not None and (part == "branch" or _only_a_way_on(action)):
                when = _condition(action) or (None if part == "branch" else _text(action.get("title")))
                for r in _dicts(action.get("relatedAction")):
                    self._way(decision, r, f"{where}.relatedAction", when)
                continue
            made.append(self._step(action, where, depth, decision))
        return made

    def _step(self, action: dict[str, Any], where: str, depth: int, decision: str | None) -> str:
        given = action.get("linkId") if self.context.ours else None
        sid = (
            self.ids.keep(given)
            or self.ids.keep(action.get("id"))
            or self.ids.make(_text(action.get("title")), _text(action.get("linkId")), fallback="step")
        )
        if isinstance(action.get("id"), str):
            self._element.setdefault(action["id"], sid)
        label, whole = self._label(action, where, len(self.steps) + 1)
        step: dict[str, Any] = {"id": sid, "label": label}
        self.steps.append(step)
        self._by_id.setdefault(sid, step)
        if decision is not None:
            self.ways.append(_Way(decision, sid, _condition(action), None, None))
        elif action.get("condition"):
            self._say(
                "fhir-condition-not-carried",
                f"‘{step['label']}’ applies only when a condition "
                "holds; a step has no condition of its own: put it on the way into the step.",
                f"{where}.condition",
                sid,
            )
        children = action.get("action")
        selecting = action.get("selectionBehavior") in c.SELECTING
        kind = c.code_in(action.get("code"), c.KIND)
        if kind not in _KINDS:
            kind = StepKind.DECISION.value if children and selecting else StepKind.INTERVENTION.value
            if kind == StepKind.INTERVENTION.value:
                self._guessed.append(f"‘{step['label']}’")
        step["kind"] = kind
        self._details(step, action, where)
        step["description"] = step["description"] or whole
        self._related += [(sid, r, f"{where}.relatedAction") for r in _dicts(action.get("relatedAction"))]
        if isinstance(children, list) and children:
            if depth >= MAX_DEPTH:
                self._say(
                    "fhir-too-deep",
                    f"The actions inside ‘{step['label']}’ are nested more than "
                    f"{MAX_DEPTH} deep: the deeper ones are left out.",
                    f"{where}.action",
                    sid,
                )
            elif selecting or kind == StepKind.DECISION.value:
                self._walk(children, f"{where}.action", depth + 1, sid)
            else:
                inside = self._walk(children, f"{where}.action", depth + 1, None)
                for a, b in zip([sid, *inside], inside, strict=False):
                    self.ways.append(_Way(a, b, None, None, None))
        return sid

    # -- a step's details --------------------------------------------------------------------------

    def _label(self, action: dict[str, Any], where: str, number: int) -> tuple[str, str | None]:
        """The step's label, and the whole title when it had to be cut short."""
        label = (
            _text(action.get("title"))
            or _text(action.get("textEquivalent"))
            or c.concept_text(action.get("code"))
            or _text(action.get("description"))
        )
        if label is None:
            label = f"Step {number}"
            self._say("fhir-no-title", f"An action has no title: it is called ‘{label}’; name it.", where)
        if len(label) > 120:
            self._say(
                "fhir-long-title",
                f"A title is longer than 120 characters: ‘{label[:60]}…’ is cut "
                "short; the whole of it is in the step's description.",
                f"{where}.title",
            )
            return label[:119] + "…", label
        return label, None

    def _details(self, step: dict[str, Any], action: dict[str, Any], where: str) -> None:
        label, sid = step["label"], step["id"]
        setting = c.code_in(c.mapping(action.get("location")).get("concept"), c.SETTING)
        if setting:
            step["setting"] = setting
        elif action.get("location"):
            self._say(
                "fhir-setting-not-carried",
                f"Where ‘{label}’ happens is not one of the settings of a pathway: say where it happens.",
                f"{where}.location",
                sid,
            )
        owner, partners = self._who(action, where)
        if owner:
            step["owner"] = owner
        if partners:
            step["partners"] = partners
        step["wait"] = self._time(c.extension_value(action, c.WAIT_EXT, "Duration"), label, where, sid)
        step["duration"] = self._time(action.get("timingDuration"), label, where, sid)
        if "timingRange" in action and step["duration"] is None:
            span = action["timingRange"] if isinstance(action["timingRange"], dict) else {}
            step["duration"] = self._time(span.get("high") or span.get("low"), label, where, sid)
            self._say(
                "fhir-range",
                f"‘{label}’ takes a range of time: its longest is kept as how long it takes.",
                f"{where}.timingRange",
                sid,
            )
        modality = c.extension_value(action, c.MODALITY_EXT, "String")
        step["modality"] = modality if isinstance(modality, str) else None
        step["description"] = _text(action.get("description"))
        step["barriers"] = [
            b for e in c.extensions(action, c.BARRIER_EXT) if isinstance(b := e.get("valueString"), str)
        ]
        step["measures"] = [
            self.context.goals.get(g, g) for g in c.items(action.get("goalId")) if isinstance(g, str)
        ]
        for key in ("definitionCanonical", "definitionUri"):
            if isinstance(action.get(key), str):
                self._say(
                    "fhir-definition",
                    f"‘{label}’ is defined in another resource ({action[key]}), which "
                    "is not brought in: describe what happens in the step.",
                    f"{where}.{key}",
                    sid,
                )
        others = [k for k in NOT_CARRIED if k in action]
        if others:
            self._say(
                "fhir-not-carried",
                f"A pathway step has no place for the {_listed(others)} of ‘{label}’: left out.",
                where,
                sid,
            )

    def _who(self, action: dict[str, Any], where: str) -> tuple[str | None, list[str]]:
        owner: str | None = None
        partners: list[str] = []
        for i, p in enumerate(_dicts(action.get("participant"))):
            org = self.context.organisation(p)
            if org is None:
                self._say(
                    "fhir-participant",
                    "A participant names no actor, type or role: left out.",
                    f"{where}.participant[{i}]",
                    None,
                )
                continue
            function = c.code_in(p.get("function"), c.PARTICIPANT_FUNCTION) or c.code_in(
                p.get("function"), c.PARTNER_FUNCTION
            )
            responsible = function == "performer" or (function is None and not self.context.ours)
            if responsible and owner is None:
                owner = org
            else:
                partners.append(org)
        return owner, partners

    def _time(self, value: Any, label: str, where: str, sid: str) -> str | None:
        if value is None:
            return None
        time = c.time_of(value)
        try:
            return _TIME.validate_python(time) if time is not None else None
        except ValidationError:
            pass
        self._say(
            "fhir-time",
            f"A time of ‘{label}’ is not one a pathway can hold (minutes to 520 weeks): left out.",
            where,
            sid,
        )
        return None

    # -- ways on -----------------------------------------------------------------------------------

    def _way(self, source: str, related: dict[str, Any], where: str, when: str | None) -> None:
        target_given = related.get("targetId")
        if not isinstance(target_given, str):
            self._say("fhir-no-target", "A related action names no action: left out.", where)
            return
        target = self._element.get(target_given) or Ids().keep(target_given) or target_given
        relationship = related.get("relationship")
        when = when or _str(c.extension_value(related, c.WHEN_EXT, "String"))
        handoff = _str(c.extension_value(related, c.HANDOFF_EXT, "String"))
        order = c.extension_value(related, c.ORDER_EXT, "Integer")
        order = order if isinstance(order, int) and not isinstance(order, bool) else None
        if relationship in c.BEFORE:
            self.ways.append(_Way(source, target, when, handoff, order))
        elif relationship in c.AFTER:
            self.ways.append(_Way(target, source, when, handoff, order))
        else:
            self._say(
                "fhir-relationship",
                f"A relationship ‘{relationship}’ between two actions is not a way "
                "on from one step to the next: left out.",
                where,
                source,
            )
            return
        offset = related.get("offsetDuration") or c.mapping(related.get("offsetRange")).get("high")
        later = self._by_id.get(target if relationship in c.BEFORE else source)
        if offset is not None and later is not None and later.get("wait") is None and not self.context.ours:
            later["wait"] = self._time(offset, later["label"], where, later["id"])

    def _say(self, rule: str, message: str, where: str, step: str | None = None) -> None:
        self.context.notes.append(note(rule, message, where, step=step))


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    """Text as written; None for none (FHIR has no empty strings)."""
    return value if isinstance(value, str) and value else None


def _condition(action: dict[str, Any]) -> str | None:
    """The applicability condition of an action, in the words the file gives it."""
    for cond in _dicts(action.get("condition")):
        if cond.get("kind") in (None, "applicability") and isinstance(cond.get("expression"), dict):
            expression = cond["expression"]
            return _str(expression.get("description")) or _str(expression.get("expression"))
    return None


def _only_a_way_on(action: dict[str, Any]) -> bool:
    """A child with nothing of a step: no title, definition, code or children, only where it goes."""
    return bool(action.get("relatedAction")) and not any(
        action.get(k)
        for k in (
            "title",
            "textEquivalent",
            "description",
            "code",
            "action",
            "definitionCanonical",
            "definitionUri",
            "participant",
        )
    )


def _listed(items: list[str], most: int = 8) -> str:
    """`a`, `a and b`, `a, b and c`; past `most`, the first ones and how many more."""
    if len(items) > most:
        return ", ".join(items[:most]) + f" and {len(items) - most} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
