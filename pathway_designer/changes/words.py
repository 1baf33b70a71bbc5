"""A semantic diff told in a workshop's words: step labels, organisation names and plain field names.

What the app's history and its announcements of others' saves show. Ids and file field names
(`owner`, `based-on`) never reach the page: a step is named by its label, an organisation by its
name, an outcome by what it measures, times as "3 days" and enum values by the vocabulary's words.
The technical text with ids, for the CLI, is `changes.writing.diff_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Pathway
from ..words import CHOICE_WORDS, date_words, field_of, quoted, time_words
from .diff import Change, plain_key
from .merge import Conflict

_TIMES = ("wait", "duration")
_DATES = ("date", "last", "due", "review.last", "review.due")
# How an item of a section is named; the name comes from `_Names.by_section` where ids have names.
_SUBJECTS = {
    "steps": "the step {}",
    "organisations": "the partner {}",
    "outcomes": "the outcome {}",
    "involvement": "the involvement record {}",
}


class _Names:
    """The names people use for the ids of some versions (the later name wins)."""

    def __init__(self, *versions: Pathway) -> None:
        both = versions
        self.steps = {s.id: s.label for p in both for s in p.steps}
        self.organisations = {o.id: o.name for p in both for o in p.organisations}
        self.outcomes = {o.id: o.measure for p in both for o in p.outcomes}
        self.by_section = {
            "steps": self.steps, "organisations": self.organisations, "outcomes": self.outcomes
        }
        self.values: dict[str, Mapping[str, str]] = {
            **CHOICE_WORDS, "from": self.steps, "to": self.steps,
            "owner": self.organisations, "partners": self.organisations,
            "organisation": self.organisations, "measures": self.outcomes,
        }

    def value(self, field: str | None, value: object) -> str:
        if value is None or value == []:
            return "nothing"
        if isinstance(value, list):
            return ", ".join(self.value(field, v) for v in value)
        if field in _TIMES:
            return time_words(str(value))
        if field in _DATES:
            return _date(value)
        if isinstance(value, dict):  # a whole item (a conflict over an added step): its name
            named = value.get("label") or value.get("name") or value.get("measure")
            return quoted(str(named)) if named else "its details"
        return quoted(str(self.values.get(field or "", {}).get(str(value), value)))

    def item(self, section: str, key: str) -> str:
        key = plain_key(key)
        if section == "transitions":
            a, _, b = key.partition(" -> ")
            return f"the way from {quoted(self.steps.get(a, a))} to {quoted(self.steps.get(b, b))}"
        if section == "signoffs":
            org, _, person = key.partition(": ")
            return f"the sign-off by {person} for {self.organisations.get(org, org)}"
        if section in _SUBJECTS:
            names = self.by_section.get(section, {})
            return _SUBJECTS[section].format(quoted(names.get(key, key)))
        return "the pathway"


def item_in_words(section: str, key: str, *versions: Pathway) -> str:
    """An item of a diff's section named as people know it ("the way from “A” to “B”"), by the
    names of `versions` (the later name wins)."""
    return _Names(*versions).item(section, key)


def changes_in_words(changes: Iterable[Change], old: Pathway, new: Pathway) -> list[str]:
    """Each change as a sentence: "Changed who is responsible for the step “Triage”: “A” → “B”"."""
    names = _Names(old, new)
    told = []
    for change in changes:
        subject = names.item(change.section, change.key)
        if change.action == "added":
            told.append(f"Added {subject}")
        elif change.action == "removed":
            told.append(f"Removed {subject}")
        elif change.field == "based-on":
            told.append(_based_on_words(change.old, change.new))
        else:
            field = change.field or ""
            before, after = names.value(field, change.old), names.value(field, change.new)
            told.append(f"Changed {_field(field)} {subject}: {before} → {after}")
    return told


def _based_on_words(old: Any, new: Any) -> str:
    """`based-on` is an id or a mapping: say whether the base or only the version adapted moved."""
    def base(value: Any) -> str | None:
        return value.get("pathway") if isinstance(value, dict) else value

    if base(old) == base(new):
        return "Recorded a newer version of the base pathway as the one adapted"
    shown = [quoted(str(b)) if b else "nothing" for b in (base(old), base(new))]
    return f"Changed the base pathway: {shown[0]} → {shown[1]}"


def _date(value: object) -> str:
    """A date in words ("10 January 2027"); anything else as it is, in quotes."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return quoted(str(value))
    return date_words(day)


def _field(field: str) -> str:
    return field_of(field) if field else "the details of"


@dataclass(frozen=True)
class ConflictInWords:
    """A conflict as the conflict panel shows it: what both changed, and each side's value."""

    subject: str  # "the wait to start of the step “Triage”"
    ours: str
    theirs: str
    base: str


def conflict_in_words(conflict: Conflict, *versions: Pathway) -> ConflictInWords:
    """A conflict told with labels, names and values in words (names from `versions`, the later
    winning): not `step 'x': wait '2w'` but "the wait to start of the step “Triage”: 2 weeks"."""
    names = _Names(*versions)
    subject = names.item(conflict.section, conflict.key)
    if conflict.field:
        subject = f"{_field(conflict.field)} {subject}"

    def told(value: Any) -> str:
        if value is None:
            return "removed" if conflict.field is None else "nothing"
        return names.value(conflict.field, value)

    return ConflictInWords(subject[:1].upper() + subject[1:], told(conflict.ours),
                           told(conflict.theirs), told(conflict.base))
