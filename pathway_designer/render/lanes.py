"""Swimlanes: which lane each step is drawn in, and an order of lanes and steps that follows the flow.

Lanes are ordered by where the flow first reaches them (a breadth-first walk from the entry steps),
so a person's journey reads from the first lane onwards instead of jumping about. Ties are broken by
id, never by the order of the file: reordering steps in a file does not change the diagram.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..model import Organisation, Pathway, Setting, StepKind
from ..words import ROLE_WORDS, UNASSIGNED, setting_words, word
from .choices import LaneBy


@dataclass(frozen=True)
class Lane:
    """One swimlane: a stable key (for names in DOT and Mermaid), its title, and its steps in order."""

    key: str
    title: str
    subtitle: str | None
    steps: tuple[str, ...]
    organisation: str | None = None  # the organisation's id, for organisation lanes


def flow_order(pathway: Pathway) -> list[str]:
    """Every step id once: breadth first from the entries, then from any step not reached yet."""
    steps = pathway.step_index()
    successors: dict[str, set[str]] = {step: set() for step in steps}
    for t in pathway.transitions:
        if t.from_ in steps and t.to in steps:
            successors[t.from_].add(t.to)
    entries = sorted(s.id for s in pathway.steps if s.kind is StepKind.ENTRY)
    seen: set[str] = set()
    order: list[str] = []

    def walk(start: str) -> None:
        queue = deque([start])
        seen.add(start)
        while queue:
            step = queue.popleft()
            order.append(step)
            for nxt in sorted(successors[step] - seen):
                seen.add(nxt)
                queue.append(nxt)

    for start in (*entries, *sorted(steps)):
        if start not in seen:
            walk(start)
    return order


def _role(org: Organisation) -> str:
    return word(ROLE_WORDS, org.role, in_sentence=True)


def _grouped(order: list[str], lane_of: dict[str, str]) -> dict[str, list[str]]:
    """Steps by lane key; lanes in the order the flow first reaches them."""
    grouped: dict[str, list[str]] = {}
    for step in order:
        grouped.setdefault(lane_of[step], []).append(step)
    return grouped


def lanes(pathway: Pathway, by: LaneBy, order: list[str] | None = None) -> list[Lane]:
    """The lanes of the diagram, each with its steps in flow order; none for `LaneBy.NONE`.

    Organisation lanes: one per organisation (those owning no step come last, by id), and an
    "Unassigned" lane for steps without an owner or with an owner that is not an organisation.
    """
    if by is LaneBy.NONE:
        return []
    order = order if order is not None else flow_order(pathway)
    first = pathway.step_index()
    step_of = {sid: pathway.steps[i] for sid, i in first.items()}
    if by is LaneBy.SETTING:
        lane_of = {sid: (s.setting.value if s.setting else "") for sid, s in step_of.items()}
        return [
            Lane(
                key=f"setting-{key}" if key else "setting-not-stated",
                title=setting_words(Setting(key) if key else None),
                subtitle=None,
                steps=tuple(steps),
            )
            for key, steps in _grouped(order, lane_of).items()
        ]
    organisations: dict[str, Organisation] = {}
    for org in pathway.organisations:
        organisations.setdefault(org.id, org)
    lane_of = {
        sid: (s.owner if s.owner is not None and s.owner in organisations else "")
        for sid, s in step_of.items()
    }
    grouped = _grouped(order, lane_of)
    result = []
    for key, steps in grouped.items():
        if key:
            org = organisations[key]
            result.append(Lane(f"org-{key}", org.name, _role(org), tuple(steps), organisation=key))
        else:
            result.append(Lane("unassigned", UNASSIGNED, "no owner named", tuple(steps)))
    for key in sorted(set(organisations) - set(grouped)):
        org = organisations[key]
        result.append(Lane(f"org-{key}", org.name, _role(org), (), organisation=key))
    return result
