"""A semantic diff told in a workshop's words: step labels, organisation names and plain field names.

What the app's history and its announcements of others' saves show. Ids and file field names
(`owner`, `based-on`) never reach the page: a step is named by its label, an organisation by its
name, an outcome by what it measures, times as "3 days" and enum values by the vocabulary's words.
The technical text with ids, for the CLI, is `changes.writing.diff_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..model import Pathway
from ..words import FIELD_WORDS, KIND_WORDS, ROLE_WORDS, SETTING_WORDS, STATUS_WORDS, time_words
from .diff import Change, plain_key

_TIMES = ("wait", "duration")
# How an item of a section is named; the name comes from `_Names.by_section` where ids have names.
_SUBJECTS = {
    "steps": "the step '{}'",
    "organisations": "the partner '{}'",
    "outcomes": "the outcome '{}'",
    "involvement": "the involvement record '{}'",
}


class _Names:
    """The names people use for the ids of two versions (the newer name wins)."""

    def __init__(self, old: Pathway, new: Pathway) -> None:
        both = (old, new)
        self.steps = {s.id: s.label for p in both for s in p.steps}
        self.organisations = {o.id: o.name for p in both for o in p.organisations}
        self.outcomes = {o.id: o.measure for p in both for o in p.outcomes}
        self.by_section = {
            "steps": self.steps, "organisations": self.organisations, "outcomes": self.outcomes
        }
        self.values: dict[str, Mapping[str, str]] = {
            "kind": KIND_WORDS, "setting": SETTING_WORDS, "role": ROLE_WORDS, "status": STATUS_WORDS,
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
        return f"'{self.values.get(field or '', {}).get(str(value), value)}'"

    def item(self, section: str, key: str) -> str:
        key = plain_key(key)
        if section == "transitions":
            a, _, b = key.partition(" -> ")
            return f"the way from '{self.steps.get(a, a)}' to '{self.steps.get(b, b)}'"
        if section == "signoffs":
            org, _, person = key.partition(": ")
            return f"the sign-off by {person} for {self.organisations.get(org, org)}"
        if section in _SUBJECTS:
            names = self.by_section.get(section, {})
            return _SUBJECTS[section].format(names.get(key, key))
        return "the pathway"


def changes_in_words(changes: Iterable[Change], old: Pathway, new: Pathway) -> list[str]:
    """Each change as a sentence: "Changed who is responsible of the step 'Triage': 'A' → 'B'"."""
    names = _Names(old, new)
    told = []
    for change in changes:
        subject = names.item(change.section, change.key)
        if change.action == "added":
            told.append(f"Added {subject}")
        elif change.action == "removed":
            told.append(f"Removed {subject}")
        else:
            field = change.field or ""
            what = FIELD_WORDS.get(field, field.replace("-", " ") or "details")
            before, after = names.value(field, change.old), names.value(field, change.new)
            told.append(f"Changed {what} of {subject}: {before} → {after}")
    return told
