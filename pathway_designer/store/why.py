"""Why is this step here? Each step's and transition's story: the version that introduced it and
every version that changed it since, with who, from which organisation, and why.

Computed in one walk of the branch's history, folding the semantic diff of each version against
the one(s) before it; never step by step. Diffs come from the change cache (see `changes_cache`),
so a history saved here is folded without parsing a single pathway; versions made elsewhere are
diffed once (see `version_diffs`), then remembered.

Merges keep each side's story: after a sync, a step a partner changed is credited to the partner's
version, not to the merge. A merge is credited only with what it decided itself (a field that
differs from every side it joined).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..changes.diff import SECTIONS, numbered, plain_key
from .changes_cache import ChangeKey
from .errors import StoreError, UnknownPathway
from .repository import Repository, pathway_path
from .version_diffs import VersionDiffs
from .versions import Version, Versions

ItemKey = tuple[str, str]  # (section, key)
# (position in the commit order, commit, action, fields)
EventRef = tuple[int, str, str, tuple[str, ...]]

SHOWN = ("steps", "transitions")
_SECTIONS = frozenset(SECTIONS)


class Event(NamedTuple):
    """Something a version did to an item. (Named tuples: blame makes thousands of these.)"""

    version: Version
    action: str  # added, changed or removed
    fields: tuple[str, ...] = ()

    def describe(self) -> str:
        v = self.version
        verb = {"added": "introduced", "removed": "removed"}.get(self.action, "changed")
        what = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"{verb} in {v.label}{what}, {v.date:%Y-%m-%d}, by {v.who()}: {v.summary}"

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "fields": list(self.fields),
            "version": self.version.number,
            "commit": self.version.commit,
            "date": self.version.date.isoformat(),
            "author": self.version.author,
            "organisation": self.version.organisation,
            "rationale": self.version.rationale,
        }


class Lineage(NamedTuple):
    """One item's story, oldest event first."""

    section: str
    key: str
    events: tuple[Event, ...]

    @property
    def present(self) -> bool:
        return bool(self.events) and self.events[-1].action != "removed"

    @property
    def introduced(self) -> Event | None:
        added = [e for e in self.events if e.action == "added"]
        return added[-1] if added else None

    @property
    def title(self) -> str:
        noun = {"steps": "step", "transitions": "transition"}.get(self.section, self.section)
        return f"{noun} '{self.key}'"

    def lines(self) -> list[str]:
        return [e.describe() for e in self.events]

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "key": self.key,
            "present": self.present,
            "events": [e.to_json() for e in self.events],
        }


Story = dict[ItemKey, Lineage]


def blame(story: Story, text: str | None = None) -> list[Lineage]:
    """The story of every step and transition in the latest version: steps, then transitions, in
    the order of the file when its text is given, else in the order they came."""
    present = [lin for lin in story.values() if lin.present and lin.section in SHOWN]
    place = file_order(text) if text is not None else {}
    unplaced = len(place)
    return sorted(
        present,
        key=lambda lin: (SHOWN.index(lin.section), place.get((lin.section, lin.key), unplaced), _first(lin)),
    )


def why(story: Story, pathway_id: str, step_id: str) -> list[Lineage]:
    """The step's story, then the stories of the transitions into and out of it."""
    step = story.get(("steps", step_id))
    if step is None:
        steps = [key for section, key in story if section == "steps"]
        close = difflib.get_close_matches(step_id, steps, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise StoreError(f"no step '{step_id}' has ever been in {pathway_id}{hint}")
    transitions = [
        lin
        for (section, key), lin in story.items()
        if section == "transitions" and step_id in plain_key(key).split(" -> ")
    ]
    return [step, *sorted(transitions, key=lambda lin: (not lin.present, _first(lin), lin.key))]


def file_order(text: str) -> dict[ItemKey, int]:
    """Where each step and transition is in a pathway file, from a scan of its lines.

    Only orders a report, so a scan of the canonical layout does (a full parse of a long pathway
    costs more than the whole blame); anything it cannot place goes last.
    """
    keys: dict[str, list[str]] = {"steps": [], "transitions": []}
    section, source = "", ""
    for line in text.splitlines():
        if not line.startswith(" "):
            section = line[:-1] if line.endswith(":") else ""
        elif section == "steps" and line.startswith("  - id: "):
            keys["steps"].append(_scalar(line[8:]))
        elif section == "transitions" and line.startswith("  - from: "):
            source = _scalar(line[10:])
        elif section == "transitions" and line.startswith("    to: ") and source:
            keys["transitions"].append(f"{source} -> {_scalar(line[8:])}")
            source = ""
    return {(s, key): i for s, found in keys.items() for i, key in enumerate(numbered(found))}


def _scalar(value: str) -> str:
    return value.strip().strip("'\"")


def _first(lineage: Lineage) -> int:
    intro = lineage.introduced or lineage.events[0]
    return intro.version.number


# The fold ---------------------------------------------------------------------------------------


def fold(repository: Repository, versions: Versions, pathway_id: str, head: str | None) -> Story:
    """Every item's story (steps, transitions, organisations, ...) at `head`, from one walk of
    history."""
    with repository.changes.batch():
        return _fold(repository, versions, pathway_id, head)


def _fold(repository: Repository, versions: Versions, pathway_id: str, head: str | None) -> Story:
    path = pathway_path(pathway_id)
    by_commit = {v.commit: v for v in versions.of(pathway_id, head)}
    if not by_commit:
        raise UnknownPathway(f"no pathway '{pathway_id}' has been saved in this workspace")
    diffs = VersionDiffs(repository, path)
    commits = repository.commits
    order = commits.order(head)
    records = {c: commits.records.get(c) or commits.record(c) for c in order}
    children = Counter(p for record in records.values() for p in record.parents)
    blob_at: dict[str, str | None] = {}
    states: dict[str, dict[ItemKey, tuple[EventRef, ...]]] = {}
    for position, commit in enumerate(order):
        record = records[commit]
        parents = record.parents
        blob = record.delta[path] if path in record.delta else (blob_at[parents[0]] if parents else None)
        parent_blobs = [blob_at[p] for p in parents]
        if blob is None:
            state: dict[ItemKey, tuple[EventRef, ...]] = {}
        elif blob in parent_blobs:
            state = _take(states, children, parents[parent_blobs.index(blob)])
        else:
            others = [
                (states[p], {(s, k, f) for _, s, k, f in diffs.between(pb, blob)})
                for p, pb in zip(parents[1:], parent_blobs[1:], strict=True)
            ]
            state = _apply(
                _take(states, children, parents[0]) if parents else {},
                diffs.between(parent_blobs[0] if parents else None, blob),
                others,
                (position, commit),
            )
        states[commit] = state
        blob_at[commit] = blob
        for parent in parents:
            children[parent] -= 1
            if children[parent] <= 0:
                states.pop(parent, None)
    final = states.get(head, {}) if head else {}
    return {
        item: Lineage(item[0], item[1], tuple(Event(by_commit[c], a, f) for _, c, a, f in refs))
        for item, refs in final.items()
        if refs
    }


def _take(
    states: dict[str, dict[ItemKey, tuple[EventRef, ...]]], children: Counter[str], parent: str
) -> dict[ItemKey, tuple[EventRef, ...]]:
    """The parent's state to build on: taken over when no other child will need it, else copied,
    so that no two commits ever share a state that is changed in place."""
    if children[parent] <= 1:
        return states.pop(parent)
    return dict(states[parent])


def _apply(
    state: dict[ItemKey, tuple[EventRef, ...]],
    changes: list[ChangeKey],
    others: list[tuple[dict[ItemKey, tuple[EventRef, ...]], set[tuple[str, str, str | None]]]],
    at: tuple[int, str],
) -> dict[ItemKey, tuple[EventRef, ...]]:
    """One version's changes against its first parent, each credited to the side it came from."""
    grouped: dict[ItemKey, tuple[str, list[str | None]]] = {}
    for action, section, key, name in changes:
        if section not in _SECTIONS:
            continue
        entry = grouped.get((section, key))
        if entry is None:
            grouped[(section, key)] = (action, [name])
        else:
            entry[1].append(name)
    for item, (action, names) in grouped.items():
        events = state.get(item, ())
        if others:
            for other_state, _ in others:
                events = _union(events, other_state.get(item, ()))
            # What differs from every other parent too was decided here, not carried over from a side.
            names = [n for n in names if all((item[0], item[1], n) in diff for _, diff in others)]
        if names:
            events = (*events, (at[0], at[1], action, tuple(n for n in names if n)))
        state[item] = events
    return state


def _union(ours: tuple[EventRef, ...], theirs: tuple[EventRef, ...]) -> tuple[EventRef, ...]:
    if not theirs or ours == theirs:
        return ours
    return tuple(sorted(set(ours) | set(theirs)))


def items(lineages: list[Lineage]) -> Iterator[tuple[str, list[str]]]:
    """(title, lines) of each lineage, for a text report."""
    for lineage in lineages:
        yield lineage.title, lineage.lines()
