"""Editing a pathway in the domain's words: add a step after another, connect, set the owner, mark a
decision with its branch conditions, remove a step and say what else it touches.

Every operation takes a `Pathway` and returns an `Edit`: the new canonical text, its `FileCheck`
(findings) and one sentence saying what changed. An operation that would make the pathway unreadable
(a bad id, a wait of "four hours") raises `EditError` with the findings in plain words, and the
pathway the caller holds is unchanged: nothing is kept before it has been validated.

Operations work on the pathway's plain data (`model.to_data`) and go back through the same reading
and validation as a file, so an edit made in the app is exactly as strict as one made in YAML. This
module is shared by the app and any other front end; it never imports streamlit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..checks.validation import FileCheck, check_text
from ..finding import Finding, Severity
from ..format.canonical import dump_data
from ..model import PROVIDER_ROLES, Pathway, Role, StepKind, to_data
from ..words import ROLE_WORDS

Data = dict[str, Any]


class EditError(ValueError):
    """An edit that cannot be kept; `findings` say why, in the same words as validation."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True)
class Edit:
    """The result of an edit: the pathway's new text, its check, and what changed in words."""

    text: str
    check: FileCheck
    message: str

    @property
    def pathway(self) -> Pathway:
        assert self.check.pathway is not None  # an Edit is only made for a readable pathway
        return self.check.pathway


def check_pathway_text(text: str, name: str | None = None) -> FileCheck:
    """Read and validate pathway text (the shared entry point, so callers can cache it by text)."""
    return check_text(text, name or "<edit>")


def finish(data: Data, message: str, header: str = "", name: str | None = None) -> Edit:
    """Validate edited data; an `Edit` if it can be kept, `EditError` (with findings) if not."""
    text = header + dump_data(data)
    check = check_pathway_text(text, name or _name_of(data))
    if check.pathway is None:
        problems = [f for f in check.findings if f.severity is Severity.ERROR] or check.findings
        raise EditError(
            "That change was not kept: " + "; ".join(f.message for f in problems[:3]), problems
        )
    return Edit(text, check, message)


def from_text(text: str, message: str = "Edited the YAML", name: str | None = None) -> Edit:
    """An edit of the whole text (the expert view); `EditError` when it cannot be read."""
    check = check_pathway_text(text, name)
    if check.pathway is None:
        problems = check.findings
        raise EditError(
            "The YAML was not kept: " + "; ".join(f.message for f in problems[:3]), problems
        )
    return Edit(text, check, message)


def _name_of(data: Data) -> str:
    pid = data.get("id")
    return f"pathways/{pid}.yaml" if isinstance(pid, str) else "<edit>"


def _plain(value: Any) -> Any:
    """Model data as the canonical form writes it: enums as their words, dates kept as dates,
    empty optional fields left out (new dicts and lists throughout, so nothing is shared)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _data(pathway: Pathway) -> Data:
    """The pathway's data to change."""
    return _plain(pathway.model_dump(by_alias=True, mode="python"))  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    """Empty text and empty lists mean "not given"; other text is stripped."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (list, tuple)):
        items = [_clean(v) for v in value]
        return [v for v in items if v is not None] or None
    if value is not None and _is_missing(value):
        return None
    return value


def _is_missing(value: Any) -> bool:
    """NaN / NA values that tables (pandas) use for an empty cell."""
    try:
        return bool(value != value)  # NaN is the only value not equal to itself
    except (TypeError, ValueError):
        return False


DATE_FIELDS = ("date", "last", "due")


def _set(item: Data, key: str, value: Any) -> None:
    value = _clean(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str) and key in DATE_FIELDS:
        # a date from a form or a table as text is kept as a date, as files write it; text that
        # is not a date stays text, and validation says so
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(value[:10])
    if value is None:
        item.pop(key, None)
    else:
        item[key] = value


# -- ids ------------------------------------------------------------------------------------------


def slug(text: str, taken: Iterable[str] = (), fallback: str = "step") -> str:
    """A kebab-case id from words ("Crisis café" -> `crisis-cafe`), unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or fallback
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _step_label(data: Data, step_id: str) -> str:
    for s in data.get("steps", []):
        if s.get("id") == step_id:
            return str(s.get("label") or step_id)
    return step_id


def _find(items: list[Data], key: str, value: str, what: str) -> Data:
    for item in items:
        if item.get(key) == value:
            return item
    raise EditError(f"There is no {what} '{value}'.")


# -- new pathways ---------------------------------------------------------------------------------


def new_pathway(
    title: str,
    organisations: Iterable[tuple[str, str]],
    pathway_id: str | None = None,
    taken: Iterable[str] = (),
    summary: str | None = None,
) -> Edit:
    """A small starting pathway: a way in, an assessment, a way out, owned by the first partner.

    `organisations` are (name, role) pairs; ids are made from the names.
    """
    orgs: list[Data] = []
    for name, role in organisations:
        name = name.strip()
        if not name:
            continue
        orgs.append({"id": slug(name, [o["id"] for o in orgs], "partner"), "name": name, "role": role})
    if not orgs:
        raise EditError("Name at least one organisation taking part.")
    pid = pathway_id or slug(title, taken, "pathway")
    if pid in set(taken):
        raise EditError(f"A pathway with the id '{pid}' already exists; choose another title.")
    providers = {r.value for r in PROVIDER_ROLES}
    owner = next((o["id"] for o in orgs if o["role"] in providers), orgs[0]["id"])
    data: Data = {"format": 1, "id": pid, "title": title.strip() or pid, "status": "draft"}
    if summary:
        data["summary"] = summary
    data["organisations"] = orgs
    data["steps"] = [
        {"id": "referral", "label": "Referral or self-referral", "kind": "entry", "owner": owner},
        {"id": "assessment", "label": "First assessment", "kind": "assessment", "owner": owner},
        {"id": "discharge", "label": "Leaves the pathway with a plan", "kind": "exit", "owner": owner},
    ]
    data["transitions"] = [
        {"from": "referral", "to": "assessment"},
        {"from": "assessment", "to": "discharge"},
    ]
    return finish(data, f"Started a new pathway '{data['title']}'")


def copy_pathway(pathway: Pathway, pathway_id: str, title: str) -> Edit:
    """A copy of a pathway under a new id (e.g. from an example), as a draft based on it."""
    data = _data(pathway)
    data["id"] = pathway_id
    data["title"] = title
    data["status"] = "draft"
    data["based-on"] = pathway.id
    data.pop("signoffs", None)
    return finish(_ordered_top(data), f"Started '{title}' from '{pathway.title}'", pathway.header)


# -- steps ----------------------------------------------------------------------------------------


STEP_FIELDS = ("label", "kind", "setting", "owner", "partners", "wait", "duration", "modality",
               "description", "barriers", "measures")


def add_step(
    pathway: Pathway,
    label: str,
    kind: str = StepKind.INTERVENTION.value,
    after: str | None = None,
    then_to: str | None = None,
    **fields: Any,
) -> Edit:
    """Add a step; with `after`, connect it from that step (and place it after it in the list).

    With `then_to` too, the new step goes *between* the two: an existing way on from `after` to
    `then_to` is re-routed through the new step (keeping its condition and handoff on the first
    part); otherwise the new step is connected onward to `then_to`.
    """
    data = _data(pathway)
    steps: list[Data] = data["steps"]
    label = label.strip()
    if not label:
        raise EditError("Give the new step a name.")
    new_id = slug(label, [s["id"] for s in steps])
    step: Data = {"id": new_id, "label": label, "kind": kind}
    for key in STEP_FIELDS[2:]:
        _set(step, key, fields.get(key.replace("-", "_")))
    if after:
        index = next((i for i, s in enumerate(steps) if s["id"] == after), None)
        if index is None:
            raise EditError(f"There is no step '{after}' to add after.")
        steps.insert(index + 1, step)
    else:
        exits = [i for i, s in enumerate(steps) if s.get("kind") == StepKind.EXIT.value]
        steps.insert(exits[0] if exits and kind != StepKind.EXIT.value else len(steps), step)
    transitions: list[Data] = data.setdefault("transitions", [])
    where = ""
    if after and then_to:
        _find(steps, "id", then_to, "step")
        through = next(
            (t for t in transitions if t["from"] == after and t["to"] == then_to), None
        )
        if through is not None:
            through["to"] = new_id
            transitions.insert(transitions.index(through) + 1, {"from": new_id, "to": then_to})
        else:
            transitions += [{"from": after, "to": new_id}, {"from": new_id, "to": then_to}]
        where = f" between '{_step_label(data, after)}' and '{_step_label(data, then_to)}'"
    elif after:
        transitions.append({"from": after, "to": new_id})
        where = f" after '{_step_label(data, after)}'"
    elif then_to:
        _find(steps, "id", then_to, "step")
        transitions.append({"from": new_id, "to": then_to})
        where = f" before '{_step_label(data, then_to)}'"
    return finish(data, f"Added the step '{label}'{where}", pathway.header)


def update_step(pathway: Pathway, step_id: str, **fields: Any) -> Edit:
    """Set fields of a step (keyword names as in the model: label, kind, owner, wait, ...).

    An empty value clears an optional field. The message lists what changed.
    """
    data = _data(pathway)
    step = _find(data["steps"], "id", step_id, "step")
    changed = []
    for key, value in fields.items():
        name = key.replace("_", "-")
        if name not in STEP_FIELDS:
            raise EditError(f"A step has no field '{name}'.")
        before = step.get(name)
        _set(step, name, value)
        if step.get(name) != before:
            changed.append(name)
    label = step.get("label", step_id)
    if not changed:
        return finish(data, f"No change to '{label}'", pathway.header)
    return finish(data, f"Changed {_and(changed)} of '{label}'", pathway.header)


def rename_step(pathway: Pathway, step_id: str, new_id: str) -> Edit:
    """Change a step's id, and every transition that names it."""
    data = _data(pathway)
    step = _find(data["steps"], "id", step_id, "step")
    if any(s["id"] == new_id for s in data["steps"]):
        raise EditError(f"There is already a step '{new_id}'.")
    step["id"] = new_id
    for t in data.get("transitions", []):
        for end in ("from", "to"):
            if t[end] == step_id:
                t[end] = new_id
    return finish(data, f"Renamed the step id '{step_id}' to '{new_id}'", pathway.header)


@dataclass(frozen=True)
class Impact:
    """What else removing something touches, said in a sentence for a confirmation."""

    subject: str
    touches: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The question's sentence: "Removing the step 'Triage' also removes 2 connections: ..."."""
        if not self.touches:
            return f"Removing {self.subject} touches nothing else."
        return f"Removing {self.subject} also " + "; ".join(self.touches) + "."

    def done(self) -> str:
        """The sentence once done: "Removed the step 'Triage', which also removed ..."."""
        if not self.touches:
            return f"Removed {self.subject}"
        return f"Removed {self.subject} (it also " + "; ".join(self.touches) + ")"


def _way(data: Data, t: Data) -> str:
    when = f" (when '{t['when']}')" if t.get("when") else ""
    return f"'{_step_label(data, t['from'])}' → '{_step_label(data, t['to'])}'{when}"


def step_impact(pathway: Pathway, step_id: str) -> Impact:
    """What removing a step touches: its connections, and steps left with no way in."""
    data = _data(pathway)
    _find(data["steps"], "id", step_id, "step")
    label = _step_label(data, step_id)
    transitions = data.get("transitions", [])
    linked = [t for t in transitions if step_id in (t["from"], t["to"])]
    touches = []
    if linked:
        ways = ", ".join(_way(data, t) for t in linked)
        touches.append(f"removes {len(linked)} connection{'s' * (len(linked) != 1)}: {ways}")
    stranded = [
        t["to"]
        for t in linked
        if t["from"] == step_id
        and t["to"] != step_id
        and not any(u["to"] == t["to"] and u["from"] != step_id for u in transitions)
    ]
    for other in dict.fromkeys(stranded):
        touches.append(f"leaves '{_step_label(data, other)}' with no way in")
    return Impact(f"the step '{label}'", touches)


def remove_step(pathway: Pathway, step_id: str) -> Edit:
    """Remove a step and every connection to or from it."""
    impact = step_impact(pathway, step_id)
    data = _data(pathway)
    data["steps"] = [s for s in data["steps"] if s["id"] != step_id]
    if not data["steps"]:
        raise EditError("A pathway needs at least one step; add another before removing this one.")
    data["transitions"] = [
        t for t in data.get("transitions", []) if step_id not in (t["from"], t["to"])
    ]
    return finish(data, impact.done(), pathway.header)


def set_branches(pathway: Pathway, step_id: str, conditions: Mapping[int, str | None]) -> Edit:
    """Mark a step as a decision and set the condition of each way on (by transition index)."""
    data = _data(pathway)
    step = _find(data["steps"], "id", step_id, "step")
    step["kind"] = StepKind.DECISION.value
    transitions = data.get("transitions", [])
    for index, when in conditions.items():
        if not 0 <= index < len(transitions) or transitions[index]["from"] != step_id:
            raise EditError(f"Way on {index} does not leave '{step.get('label', step_id)}'.")
        _set(transitions[index], "when", when)
    return finish(data, f"Made '{step.get('label', step_id)}' a decision", pathway.header)


# -- transitions ----------------------------------------------------------------------------------


def connect(
    pathway: Pathway,
    from_step: str,
    to_step: str,
    when: str | None = None,
    handoff: str | None = None,
) -> Edit:
    """Add a way on from one step to another, with its condition and handoff."""
    data = _data(pathway)
    for end in (from_step, to_step):
        _find(data["steps"], "id", end, "step")
    transitions: list[Data] = data.setdefault("transitions", [])
    if any(
        t["from"] == from_step and t["to"] == to_step and t.get("when") == _clean(when)
        for t in transitions
    ):
        raise EditError(
            f"'{_step_label(data, from_step)}' already leads to '{_step_label(data, to_step)}'."
        )
    t: Data = {"from": from_step, "to": to_step}
    _set(t, "when", when)
    _set(t, "handoff", handoff)
    transitions.append(t)
    return finish(data, f"Connected {_way(data, t)}", pathway.header)


def update_transition(pathway: Pathway, index: int, **fields: Any) -> Edit:
    """Set fields of a way on (from, to, when, handoff); `from_` or `from` both name the start."""
    data = _data(pathway)
    transitions = data.get("transitions", [])
    if not 0 <= index < len(transitions):
        raise EditError(f"There is no way on number {index + 1}.")
    t = transitions[index]
    for key, value in fields.items():
        name = "from" if key in ("from_", "from") else key
        if name not in ("from", "to", "when", "handoff"):
            raise EditError(f"A way on has no field '{name}'.")
        if name in ("from", "to"):
            if not value:
                raise EditError("A way on needs a step at each end.")
            _find(data["steps"], "id", value, "step")
        _set(t, name, value)
    return finish(data, f"Changed the way on {_way(data, t)}", pathway.header)


def disconnect(pathway: Pathway, index: int) -> Edit:
    """Remove one way on (by its index in the transitions)."""
    data = _data(pathway)
    transitions = data.get("transitions", [])
    if not 0 <= index < len(transitions):
        raise EditError(f"There is no way on number {index + 1}.")
    t = transitions.pop(index)
    return finish(data, f"Removed the way on {_way(data, t)}", pathway.header)


# -- organisations --------------------------------------------------------------------------------


def add_organisation(pathway: Pathway, name: str, role: str, org_id: str | None = None) -> Edit:
    """Add a partner organisation (its id is made from its name unless given)."""
    data = _data(pathway)
    name = name.strip()
    if not name:
        raise EditError("Give the organisation's name.")
    if role not in {r.value for r in Role}:
        raise EditError(f"'{role}' is not a role; use one of {', '.join(ROLE_WORDS)}.")
    orgs: list[Data] = data["organisations"]
    if any(o["name"].casefold() == name.casefold() for o in orgs):
        raise EditError(f"'{name}' is already a partner.")
    new_id = org_id or slug(name, [o["id"] for o in orgs], "partner")
    if any(o["id"] == new_id for o in orgs):
        raise EditError(f"There is already an organisation with the id '{new_id}'.")
    orgs.append({"id": new_id, "name": name, "role": role})
    return finish(data, f"Added the partner '{name}' ({ROLE_WORDS[role]})", pathway.header)


def update_organisation(pathway: Pathway, org_id: str, **fields: Any) -> Edit:
    data = _data(pathway)
    org = _find(data["organisations"], "id", org_id, "organisation")
    for key, value in fields.items():
        if key not in ("name", "role"):
            raise EditError(f"An organisation has no field '{key}'.")
        if not _clean(value):
            raise EditError(f"An organisation needs a {key}.")
        _set(org, key, value)
    return finish(data, f"Changed the partner '{org['name']}'", pathway.header)


def organisation_impact(pathway: Pathway, org_id: str) -> Impact:
    """What removing a partner touches: steps it owns or partners in, its sign-offs."""
    data = _data(pathway)
    org = _find(data["organisations"], "id", org_id, "organisation")
    owned = [s.get("label", s["id"]) for s in data["steps"] if s.get("owner") == org_id]
    partnered = [s.get("label", s["id"]) for s in data["steps"] if org_id in s.get("partners", [])]
    signed = [s["name"] for s in data.get("signoffs", []) if s.get("organisation") == org_id]
    touches = []
    if owned:
        touches.append(f"leaves {len(owned)} step{'s' * (len(owned) != 1)} with no owner: "
                       + ", ".join(f"'{x}'" for x in owned))
    if partnered:
        touches.append("takes it off as a partner of " + ", ".join(f"'{x}'" for x in partnered))
    if signed:
        touches.append("removes its sign-off by " + ", ".join(signed))
    return Impact(f"the partner '{org['name']}'", touches)


def remove_organisation(pathway: Pathway, org_id: str) -> Edit:
    impact = organisation_impact(pathway, org_id)
    data = _data(pathway)
    data["organisations"] = [o for o in data["organisations"] if o["id"] != org_id]
    if not data["organisations"]:
        raise EditError("A pathway needs at least one organisation.")
    for s in data["steps"]:
        if s.get("owner") == org_id:
            s.pop("owner")
        if org_id in s.get("partners", []):
            _set(s, "partners", [p for p in s["partners"] if p != org_id])
    if "signoffs" in data:
        _set(data, "signoffs", [s for s in data["signoffs"] if s.get("organisation") != org_id])
    return finish(data, impact.done(), pathway.header)


# -- outcomes and involvement ---------------------------------------------------------------------


def add_outcome(
    pathway: Pathway,
    measure: str,
    direction: str,
    target: str | None = None,
    measured_at: Iterable[str] = (),
    outcome_id: str | None = None,
) -> Edit:
    """Add an outcome measure, and mark the steps where it is measured."""
    data = _data(pathway)
    outcomes: list[Data] = data.setdefault("outcomes", [])
    if not measure.strip():
        raise EditError("Say what is measured.")
    new_id = outcome_id or slug(measure, [o["id"] for o in outcomes], "outcome")
    outcome: Data = {"id": new_id, "measure": measure.strip(), "direction": direction}
    _set(outcome, "target", target)
    outcomes.append(outcome)
    for step_id in measured_at:
        step = _find(data["steps"], "id", step_id, "step")
        step["measures"] = [*step.get("measures", []), new_id]
    return finish(data, f"Added the outcome '{measure.strip()}'", pathway.header)


def update_outcome(pathway: Pathway, outcome_id: str, **fields: Any) -> Edit:
    data = _data(pathway)
    outcome = _find(data.get("outcomes", []), "id", outcome_id, "outcome")
    for key, value in fields.items():
        if key not in ("measure", "direction", "target"):
            raise EditError(f"An outcome has no field '{key}'.")
        _set(outcome, key, value)
    return finish(data, f"Changed the outcome '{outcome.get('measure', outcome_id)}'", pathway.header)


def remove_outcome(pathway: Pathway, outcome_id: str) -> Edit:
    """Remove an outcome and take it off the steps that measure it."""
    data = _data(pathway)
    outcome = _find(data.get("outcomes", []), "id", outcome_id, "outcome")
    data["outcomes"] = [o for o in data["outcomes"] if o["id"] != outcome_id]
    for s in data["steps"]:
        if outcome_id in s.get("measures", []):
            _set(s, "measures", [m for m in s["measures"] if m != outcome_id])
    return finish(data, f"Removed the outcome '{outcome['measure']}'", pathway.header)


def add_involvement(
    pathway: Pathway, date: dt.date | str, who: str, how: str, changed: str | None = None
) -> Edit:
    """Record service users' and carers' involvement, and what it changed."""
    data = _data(pathway)
    item: Data = {}
    _set(item, "date", date)
    _set(item, "who", who)
    _set(item, "how", how)
    _set(item, "changed", changed)
    data.setdefault("involvement", []).append(item)
    return finish(data, f"Recorded involvement: {who.strip()}, {how.strip()}", pathway.header)


def update_involvement(pathway: Pathway, index: int, **fields: Any) -> Edit:
    data = _data(pathway)
    items = data.get("involvement", [])
    if not 0 <= index < len(items):
        raise EditError(f"There is no involvement record number {index + 1}.")
    for key, value in fields.items():
        if key not in ("date", "who", "how", "changed"):
            raise EditError(f"An involvement record has no field '{key}'.")
        _set(items[index], key, value)
    return finish(data, "Changed an involvement record", pathway.header)


def remove_involvement(pathway: Pathway, index: int) -> Edit:
    data = _data(pathway)
    items = data.get("involvement", [])
    if not 0 <= index < len(items):
        raise EditError(f"There is no involvement record number {index + 1}.")
    item = items.pop(index)
    if not items:
        data.pop("involvement")
    return finish(data, f"Removed the involvement record of {item.get('who')}", pathway.header)


def update_details(pathway: Pathway, **fields: Any) -> Edit:
    """Title, summary, context (area, geography, population) and review dates."""
    data = _data(pathway)
    for key, value in fields.items():
        if key in ("title", "summary"):
            if key == "title" and not _clean(value):
                raise EditError("A pathway needs a title.")
            _set(data, key, value)
        elif key in ("area", "geography", "population"):
            context = data.setdefault("context", {})
            _set(context, key, value)
            if not context:
                data.pop("context")
        elif key in ("review_last", "review_due"):
            review = data.setdefault("review", {})
            _set(review, key.removeprefix("review_"), value)
            if not review:
                data.pop("review")
        else:
            raise EditError(f"A pathway has no detail '{key}'.")
    ordered = _ordered_top(data)
    return finish(ordered, "Changed the pathway's details", pathway.header)


_TOP_ORDER = ("format", "id", "title", "summary", "status", "based-on", "review", "context",
              "organisations", "steps", "transitions", "outcomes", "involvement", "signoffs")


def _ordered_top(data: Data) -> Data:
    return {k: data[k] for k in _TOP_ORDER if k in data}


# -- tables ---------------------------------------------------------------------------------------

# The columns of each table the app shows, and the operation that applies a changed cell.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "steps": ("id", "label", "kind", "owner", "setting", "wait", "duration", "partners",
              "modality", "measures"),
    "transitions": ("from", "to", "when", "handoff"),
    "organisations": ("id", "name", "role"),
    "outcomes": ("id", "measure", "direction", "target"),
    "involvement": ("date", "who", "how", "changed"),
}


def table_rows(pathway: Pathway, table: str) -> list[dict[str, Any]]:
    """The rows of one table: every column present (None or [] when empty), in file order."""
    data = to_data(pathway)
    list_columns = {"partners", "measures"}
    return [
        {c: item.get(c, [] if c in list_columns else None) for c in TABLE_COLUMNS[table]}
        for item in data.get(table, [])
    ]


def apply_table_edits(
    pathway: Pathway, table: str, edited_rows: Mapping[int | str, Mapping[str, Any]]
) -> Edit:
    """Apply a table editor's changed cells ({row index: {column: new value}}) in one edit."""
    if table not in TABLE_COLUMNS:
        raise EditError(f"There is no table '{table}'.")
    data = _data(pathway)
    items: list[Data] = data.get(table, [])
    changed: dict[int, list[str]] = {}
    for row_key, cells in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        row = int(row_key)
        if not 0 <= row < len(items):
            raise EditError(f"Row {row + 1} of {table} is no longer there; reload the table.")
        item = items[row]
        for column, value in cells.items():
            if column not in TABLE_COLUMNS[table] or (column == "id" and table != "outcomes"):
                continue  # ids of steps and organisations are changed with rename, not in a cell
            if column in ("from", "to") and not _clean(value):
                raise EditError("A way on needs a step at each end.")
            if table == "outcomes" and column == "id":
                raise EditError("Change an outcome's id in the YAML view.")
            before = item.get(column)
            _set(item, column, value)
            if item.get(column) != before:
                changed.setdefault(row, []).append(column)
    if not changed:
        return finish(data, "No change", pathway.header)
    parts = [_describe_cells(data, table, items[row], cols) for row, cols in changed.items()]
    return finish(data, "Changed " + "; ".join(parts), pathway.header)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _describe_cells(data: Data, table: str, item: Data, columns: list[str]) -> str:
    what = _and(columns)
    if table == "steps":
        return f"{what} of '{item.get('label', item['id'])}'"
    if table == "transitions":
        return f"{what} of the way on {_way(data, item)}"
    if table == "organisations":
        return f"{what} of '{item.get('name', item.get('id'))}'"
    if table == "outcomes":
        return f"{what} of the outcome '{item.get('measure', item.get('id'))}'"
    return f"{what} of the involvement record of {item.get('who', '')}"
