"""Comparing like with like: two pathways (a rural and an urban twin, or a local one and its base).

Steps are matched by id, then the rest by label similarity. Organisations differ between places (one
trust here, another there), so where the two pathways do not share an organisation's id it is compared
by its role: an NHS provider owning the step in both is the same, a step moving from the NHS to the
voluntary sector is a difference. `compare` gives a `Comparison` (plain data, written as text by
`comparison_text` and as JSON by `comparison_json`), and `comparison_marks` and
`comparison_transition_marks` give the renderer what to mark on each diagram.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import words
from ..model import Pathway, Step
from .measures import Analysis, analyse

LABEL_SIMILARITY = 0.6  # below this, two labels name different steps
_COMMON_WORD_LIMIT = 50  # a word in more steps than this says nothing about which step is which
_STOP_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)
COMPARED_FIELDS = (
    "label", "kind", "setting", "owner", "partners", "wait", "duration", "modality", "barriers",
    "measures",
)  # fmt: skip


@dataclass(frozen=True)
class FieldDifference:
    field: str
    a: str | None
    b: str | None


@dataclass(frozen=True)
class StepSummary:
    """A step only one pathway has: enough to say what it is without opening the file."""

    id: str
    label: str
    kind: str
    setting: str | None
    owner: str | None  # "id (role)"


@dataclass(frozen=True)
class StepMatch:
    """A step of A and the step of B taken to be the same, and how their fields differ."""

    a: str
    b: str
    matched_by: str  # "id" or "label"
    similarity: float  # of the labels, 0 to 1
    differences: tuple[FieldDifference, ...]


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    context: tuple[FieldDifference, ...]  # area, geography, population
    matches: tuple[StepMatch, ...]
    only_a: tuple[StepSummary, ...]
    only_b: tuple[StepSummary, ...]
    transitions_only_a: tuple[tuple[str, str], ...]  # (from, to) in A's step ids
    transitions_only_b: tuple[tuple[str, str], ...]  # (from, to) in B's step ids
    outcomes_only_a: tuple[str, ...]
    outcomes_only_b: tuple[str, ...]
    analysis_a: Analysis
    analysis_b: Analysis

    @property
    def changed(self) -> tuple[StepMatch, ...]:
        return tuple(m for m in self.matches if m.differences)


def compare(a: Pathway, b: Pathway) -> Comparison:
    """What only A has, what only B has, what differs between matched steps, and both analyses."""
    pairs = _match_steps(a.steps, b.steps)
    orgs = _Organisations(a, b)
    matched_a = {pair[0].id for pair in pairs}
    matched_b = {pair[1].id for pair in pairs}
    a_outcomes, b_outcomes = [o.id for o in a.outcomes], [o.id for o in b.outcomes]
    only_a_ways, only_b_ways = _transition_differences(a, b, {sa.id: sb.id for sa, sb, _ in pairs})
    return Comparison(
        a=a.id,
        b=b.id,
        context=tuple(_context_differences(a, b)),
        matches=tuple(_step_match(sa, sb, how, orgs) for sa, sb, how in pairs),
        only_a=tuple(_summary(s, orgs) for s in _unique(a.steps).values() if s.id not in matched_a),
        only_b=tuple(_summary(s, orgs) for s in _unique(b.steps).values() if s.id not in matched_b),
        transitions_only_a=only_a_ways,
        transitions_only_b=only_b_ways,
        outcomes_only_a=tuple(o for o in a_outcomes if o not in b_outcomes),
        outcomes_only_b=tuple(o for o in b_outcomes if o not in a_outcomes),
        analysis_a=analyse(a),
        analysis_b=analyse(b),
    )


def comparison_marks(comparison: Comparison) -> tuple[dict[str, str], dict[str, str]]:
    """(marks for A's diagram, marks for B's): step id -> "removed", "added" or "changed"."""
    changed = comparison.changed
    marks_a = {s.id: "removed" for s in comparison.only_a} | {m.a: "changed" for m in changed}
    marks_b = {s.id: "added" for s in comparison.only_b} | {m.b: "changed" for m in changed}
    return marks_a, marks_b


def comparison_transition_marks(
    comparison: Comparison,
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(marks for A's diagram, marks for B's): (from, to) -> "removed" or "added"."""
    return (
        {way: "removed" for way in comparison.transitions_only_a},
        {way: "added" for way in comparison.transitions_only_b},
    )


# Matching steps ----------------------------------------------------------------------------------


def _unique(steps: list[Step]) -> dict[str, Step]:
    found: dict[str, Step] = {}
    for step in steps:
        found.setdefault(step.id, step)
    return found


def _words(label: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", label.lower()) if w not in _STOP_WORDS}


def label_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _match_steps(a_steps: list[Step], b_steps: list[Step]) -> list[tuple[Step, Step, str]]:
    a, b = _unique(a_steps), _unique(b_steps)
    pairs = [(a[i], b[i], "id") for i in a if i in b]
    rest_a = [s for i, s in a.items() if i not in b]
    rest_b = [s for i, s in b.items() if i not in a]
    pairs += [(sa, sb, "label") for sa, sb in _match_by_label(rest_a, rest_b)]
    order = {s.id: n for n, s in enumerate(a_steps)}
    return sorted(pairs, key=lambda p: order[p[0].id])


def _match_by_label(rest_a: list[Step], rest_b: list[Step]) -> list[tuple[Step, Step]]:
    """Best pairs first; only steps sharing a telling word are compared, not every pair."""
    by_word: dict[str, list[int]] = {}
    for j, step in enumerate(rest_b):
        for word in _words(step.label):
            by_word.setdefault(word, []).append(j)
    scored = []
    for i, step in enumerate(rest_a):
        candidates = {
            j
            for word in _words(step.label)
            for j in by_word.get(word, [])
            if len(by_word[word]) <= _COMMON_WORD_LIMIT
        }
        for j in candidates:
            score = label_similarity(step.label, rest_b[j].label)
            if score >= LABEL_SIMILARITY:
                scored.append((-score, i, j))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    found = []
    for _, i, j in sorted(scored):
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            found.append((rest_a[i], rest_b[j]))
    return found


def _transition_differences(
    a: Pathway, b: Pathway, a_to_b: dict[str, str]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """Ways on that only one pathway has, with A's steps named as their matches in B."""
    b_ways = {(t.from_, t.to) for t in b.transitions}
    a_ways_in_b = {(a_to_b.get(t.from_), a_to_b.get(t.to)) for t in a.transitions}
    only_a = [(t.from_, t.to) for t in a.transitions
              if (a_to_b.get(t.from_), a_to_b.get(t.to)) not in b_ways]  # fmt: skip
    only_b = [(t.from_, t.to) for t in b.transitions if (t.from_, t.to) not in a_ways_in_b]
    return tuple(dict.fromkeys(only_a)), tuple(dict.fromkeys(only_b))


# Differences -------------------------------------------------------------------------------------


class _Organisations:
    """How to compare organisations across two pathways: by id when both have it, else by role."""

    def __init__(self, a: Pathway, b: Pathway) -> None:
        self.roles = {o.id: o.role.value for o in [*b.organisations, *a.organisations]}
        self.shared = {o.id for o in a.organisations} & {o.id for o in b.organisations}

    def key(self, org: str | None) -> str | None:
        if org is None or org in self.shared:
            return org
        return f"role:{self.roles.get(org, '?')}"

    def show(self, org: str | None) -> str | None:
        if org not in self.roles:
            return org
        return f"{org} ({words.word(words.ROLE_WORDS, self.roles[org], in_sentence=True)})"

    def show_all(self, orgs: list[str]) -> str | None:
        return ", ".join(self.show(o) or o for o in orgs) or None


def _summary(step: Step, orgs: _Organisations) -> StepSummary:
    setting = step.setting.value if step.setting else None
    return StepSummary(step.id, step.label, step.kind.value, setting, orgs.show(step.owner))


def _show_list(items: list[str]) -> str | None:
    return ", ".join(items) if items else None


def _step_match(sa: Step, sb: Step, how: str, orgs: _Organisations) -> StepMatch:
    return StepMatch(
        a=sa.id,
        b=sb.id,
        matched_by=how,
        similarity=round(label_similarity(sa.label, sb.label), 2),
        differences=tuple(_step_differences(sa, sb, orgs)),
    )


def _step_differences(sa: Step, sb: Step, orgs: _Organisations) -> Iterator[FieldDifference]:
    for field in COMPARED_FIELDS:
        va, vb = getattr(sa, field), getattr(sb, field)
        if field == "owner":
            if orgs.key(va) != orgs.key(vb):
                yield FieldDifference(field, orgs.show(va), orgs.show(vb))
        elif field == "partners":
            if sorted(orgs.key(p) or "" for p in va) != sorted(orgs.key(p) or "" for p in vb):
                yield FieldDifference(field, orgs.show_all(va), orgs.show_all(vb))
        elif isinstance(va, list):
            if sorted(va) != sorted(vb):
                yield FieldDifference(field, _show_list(va), _show_list(vb))
        elif _plain(va) != _plain(vb):
            yield FieldDifference(field, _plain(va), _plain(vb))


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _context_differences(a: Pathway, b: Pathway) -> Iterator[FieldDifference]:
    for field in ("area", "geography", "population"):
        va = _plain(getattr(a.context, field)) if a.context else None
        vb = _plain(getattr(b.context, field)) if b.context else None
        if va != vb:
            yield FieldDifference(field, va, vb)
