"""Parts of a big pathway, so a diagram stays readable: one organisation's steps, or the steps
around one step (a stretch of the routes through it).

A view is an ordinary `Pathway` holding the chosen steps, the steps one step beyond them (so that
handoffs in and out still show) and the transitions between them; findings are kept for the steps
shown. The renderer draws it like any pathway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..finding import Finding
from ..model import Pathway

BIG = 40  # above this many steps, a whole diagram is hard to read on a screen


@dataclass(frozen=True)
class View:
    pathway: Pathway
    shown: int  # steps drawn
    total: int  # steps in the pathway
    description: str

    @property
    def partial(self) -> bool:
        return self.shown < self.total


def _neighbours(pathway: Pathway) -> dict[str, set[str]]:
    near: dict[str, set[str]] = {s.id: set() for s in pathway.steps}
    for t in pathway.transitions:
        if t.from_ in near and t.to in near:
            near[t.from_].add(t.to)
            near[t.to].add(t.from_)
    return near


def _subset(pathway: Pathway, keep: set[str]) -> Pathway:
    steps = [s for s in pathway.steps if s.id in keep]
    transitions = [t for t in pathway.transitions if t.from_ in keep and t.to in keep]
    return pathway.model_copy(update={"steps": steps, "transitions": transitions})


def whole(pathway: Pathway) -> View:
    n = len(pathway.steps)
    return View(pathway, n, n, f"all {n} steps")


def organisations_view(pathway: Pathway, organisations: Iterable[str]) -> View:
    """Steps owned by (or partnered by) the organisations, and the steps next to them."""
    chosen = set(organisations)
    core = {s.id for s in pathway.steps if s.owner in chosen or chosen & set(s.partners)}
    near = _neighbours(pathway)
    keep = core | {n for c in core for n in near.get(c, ())}
    names = ", ".join(o.name for o in pathway.organisations if o.id in chosen) or "nobody"
    view = _subset(pathway, keep)
    return View(view, len(view.steps), len(pathway.steps),
                f"steps of {names} and the steps next to them")


def around_view(pathway: Pathway, step_id: str, radius: int = 3) -> View:
    """Steps within `radius` connections of a step, in either direction."""
    near = _neighbours(pathway)
    keep = {step_id} if step_id in near else set()
    frontier = set(keep)
    for _ in range(max(radius, 0)):
        frontier = {n for f in frontier for n in near[f]} - keep
        keep |= frontier
    step = pathway.step(step_id)
    view = _subset(pathway, keep)
    label = step.label if step else step_id
    return View(view, len(view.steps), len(pathway.steps),
                f"steps within {radius} connections of '{label}'")


def findings_for(view: View, findings: Iterable[Finding]) -> list[Finding]:
    """Findings about the steps shown, and findings about no particular step."""
    shown = {s.id for s in view.pathway.steps}
    return [f for f in findings if f.step is None or f.step in shown]


@dataclass(frozen=True)
class DiffView:
    """Two versions drawn as one: the newer pathway plus what the older had and the newer lost,
    with each step and transition marked added, removed or changed (for the renderer's `marks`)."""

    pathway: Pathway
    marks: dict[str, str]
    transition_marks: dict[tuple[str, str], str]


def diff_view(old: Pathway, new: Pathway) -> DiffView:
    from ..changes.diff import diff_marks, diff_pathways

    steps, transitions = diff_marks(diff_pathways(old, new))
    present = {s.id for s in new.steps}
    gone_steps = [s for s in old.steps if s.id not in present]
    ways = {(t.from_, t.to) for t in new.transitions}
    gone_ways = [t for t in old.transitions if (t.from_, t.to) not in ways]
    both = new.model_copy(update={
        "steps": [*new.steps, *gone_steps],
        "transitions": [*new.transitions, *gone_ways],
        "organisations": [*new.organisations,
                          *[o for o in old.organisations if new.organisation(o.id) is None]],
    })
    return DiffView(both, steps, transitions)


def changes_in_words(changes: Iterable[object], old: Pathway, new: Pathway) -> list[str]:
    """A semantic diff told with the names people use (step labels, organisation names), not ids."""
    from ..changes.diff import Change, plain_key
    from ..words import FIELD_WORDS, KIND_WORDS, ROLE_WORDS, SETTING_WORDS, STATUS_WORDS, time_words

    labels = {s.id: s.label for s in old.steps} | {s.id: s.label for s in new.steps}
    orgs = {o.id: o.name for o in old.organisations} | {o.id: o.name for o in new.organisations}
    outcomes = {o.id: o.measure for o in old.outcomes} | {o.id: o.measure for o in new.outcomes}
    tables = {"kind": KIND_WORDS, "setting": SETTING_WORDS, "role": ROLE_WORDS,
              "status": STATUS_WORDS, "owner": orgs, "partners": orgs, "measures": outcomes,
              "organisation": orgs}

    def value(name: str | None, v: object) -> str:
        if v is None or v == []:
            return "nothing"
        if isinstance(v, list):
            return ", ".join(value(name, x) for x in v)
        if name in ("wait", "duration"):
            return time_words(str(v))
        return f"'{tables.get(name or '', {}).get(str(v), v)}'"

    def item(section: str, key: str) -> str:
        key = plain_key(key)
        if section == "steps":
            return f"the step '{labels.get(key, key)}'"
        if section == "transitions":
            a, _, b = key.partition(" -> ")
            return f"the way from '{labels.get(a, a)}' to '{labels.get(b, b)}'"
        if section == "organisations":
            return f"the partner '{orgs.get(key, key)}'"
        if section == "outcomes":
            return f"the outcome '{outcomes.get(key, key)}'"
        if section == "signoffs":
            org, _, person = key.partition(": ")
            return f"the sign-off by {person} for {orgs.get(org, org)}"
        if section == "involvement":
            return f"the involvement record '{key}'"
        return "the pathway"

    told = []
    for change in changes:
        if not isinstance(change, Change):
            continue
        subject = item(change.section, change.key)
        if change.action == "added":
            told.append(f"Added {subject}")
        elif change.action == "removed":
            told.append(f"Removed {subject}")
        else:
            what = FIELD_WORDS.get(change.field or "", change.field or "details")
            told.append(f"Changed {what} of {subject}: {value(change.field, change.old)} → "
                        f"{value(change.field, change.new)}")
    return told
