"""A pathway as a diagram: lanes, boxes and arrows with what each says and how it is marked.

This is the one picture every output draws: `dot` and `mermaid` only write it in their syntax. It
holds the person's text as written (unescaped); the writers escape it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..finding import Finding
from ..model import Pathway, Setting, Step, StepKind
from ..words import (
    GEOGRAPHY_WORDS,
    KIND_WORDS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    is_no_time,
    plural,
    setting_words,
    time_words,
    word,
)
from .choices import Drawing, Fills, LaneBy, Orientation
from .lanes import Lane, flow_order, lanes
from .marks import (
    Mark,
    checked_step_marks,
    checked_transition_marks,
    place_findings,
    worst,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11

from .text import clean


@dataclass(frozen=True)
class Box:
    """A step as drawn; `kind` is None for a placeholder of a step a transition names but is missing."""

    id: str
    title: str
    kind: StepKind | None
    setting: Setting | None
    details: tuple[str, ...]
    findings: tuple[Finding, ...]
    mark: Mark | None
    tooltip: str
    folded: tuple[str, ...] = ()  # for a box of an overview: the steps folded into it
    comments: int = 0  # comments on the step (a marker with their count)
    fill: str | None = None  # drawn instead of the setting's fill (see `Fills`)

    @property
    def missing(self) -> bool:
        return self.kind is None and not self.folded

    @cached_property
    def severity(self) -> str | None:
        found = worst(self.findings)
        return found.value if found else None


@dataclass(frozen=True)
class Arrow:
    """A transition as drawn. `handoff` is True when responsibility passes to another organisation."""

    source: str
    target: str
    when: str | None
    handoff_text: str | None
    handoff: bool
    findings: tuple[Finding, ...]
    mark: Mark | None

    @cached_property
    def severity(self) -> str | None:
        found = worst(self.findings)
        return found.value if found else None


@dataclass(frozen=True)
class Diagram:
    pathway_id: str
    title: str
    subtitle: str
    lane_by: LaneBy
    orientation: Orientation
    lanes: tuple[Lane, ...]
    boxes: dict[str, Box]  # in flow order
    loose: tuple[str, ...]  # boxes drawn outside any lane
    arrows: tuple[Arrow, ...]
    general_findings: tuple[Finding, ...]  # findings about no particular step or transition
    lane_notes: dict[str, str]  # lane key -> note, for lanes with no steps
    fill_heading: str = ""  # with `fill_key`: what the fills stand for, instead of the settings
    fill_key: tuple[tuple[str, str], ...] = ()  # (meaning, colour)

    def severities(self) -> set[str]:
        found = {b.severity for b in self.boxes.values()} | {a.severity for a in self.arrows}
        found |= {f.severity.value for f in self.general_findings}
        return {s for s in found if s in ("error", "warning")}

    def marks(self) -> set[Mark]:
        found = {b.mark for b in self.boxes.values()} | {a.mark for a in self.arrows}
        return {m for m in found if m is not None}

    def settings(self) -> list[Setting | None]:
        """The settings of the steps drawn, in the order of the `Setting` enum (None last)."""
        used = {b.setting for b in self.boxes.values() if not b.missing}
        return [s for s in Setting if s in used] + ([None] if None in used else [])

    def kinds(self) -> list[StepKind]:
        used = {b.kind for b in self.boxes.values()}
        return [k for k in StepKind if k in used]

    def has_handoffs(self) -> bool:
        return any(a.handoff for a in self.arrows)

    def has_missing_steps(self) -> bool:
        return any(b.missing for b in self.boxes.values())


def connected(names: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each name's group, as one name of it: names joined by links (either way); links to names
    not given are left out."""
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in links:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    return {n: root(n) for n in parent}


def _details(step: Step, pathway: Pathway, lane_by: LaneBy) -> tuple[str, ...]:
    names = {o.id: o.name for o in reversed(pathway.organisations)}
    where = [] if lane_by is LaneBy.SETTING else [setting_words(step.setting, in_sentence=True)]
    if step.wait:
        where.append("starts at once" if is_no_time(step.wait) else f"starts within {time_words(step.wait)}")
    if step.duration:
        where.append(f"takes {time_words(step.duration)}")
    lines = [" · ".join(where)] if where else []
    if lane_by is not LaneBy.ORGANISATION and step.owner:
        lines.append(f"by {names.get(step.owner, step.owner)}")
    if step.partners:
        lines.append("with " + ", ".join(names.get(p, p) for p in step.partners))
    if step.modality:
        lines.append(step.modality)
    return tuple(lines)


def _tooltip(step: Step, findings: Iterable[Finding]) -> str:
    lines = [f"{step.label} ({word(KIND_WORDS, step.kind, in_sentence=True)})"]
    if step.description:
        lines.append(step.description)
    lines.extend(f"Barrier: {b}" for b in step.barriers)
    lines.extend(findings_tip(list(findings)))
    return "\n".join(lines)


def _shown(text: str | None) -> str | None:
    """Text worth drawing: blank is nothing, judged as drawn (a control character shows as U+FFFD)."""
    return text if text and clean(text).strip() else None


def finding_tip(finding: Finding) -> str:
    """A finding as a tooltip line: "Must be fixed: “Triage” has no way on to a way out"."""
    return f"{word(SEVERITY_WORDS, finding.severity)}: {finding.message}"


TIP_CHARACTERS = 160  # a finding's line in a tooltip, at most: the findings panel has the whole text


def findings_tip(findings: list[Finding]) -> list[str]:
    """Findings as short tooltip lines: one finding of a kind in (the start of) its words, several
    as a count. Tooltips travel to the browser with every diagram; on a big pathway the arrows
    between folded boxes gather dozens of findings, and their whole text made most of the diagram."""
    lines = []
    for severity in sorted({f.severity for f in findings}, key=lambda s: s.rank):
        group = [f for f in findings if f.severity is severity]
        if len(group) == 1:
            line = finding_tip(group[0])
            lines.append(line if len(line) <= TIP_CHARACTERS else line[: TIP_CHARACTERS - 1] + "…")
        else:
            lines.append(f"{word(SEVERITY_WORDS, severity)}: {len(group)} things (see the findings)")
    return lines


def _subtitle(pathway: Pathway) -> str:
    parts = [word(STATUS_WORDS, pathway.status, in_sentence=True)]
    if pathway.context and pathway.context.area:
        area = pathway.context.area
        if pathway.context.geography:
            area += f" ({word(GEOGRAPHY_WORDS, pathway.context.geography, in_sentence=True)})"
        parts.append(area)
    return " · ".join(parts)


def build_diagram(pathway: Pathway, **how: Unpack[Drawing]) -> Diagram:
    """The diagram of `pathway`, with findings placed and differences marked (see `Drawing`)."""
    unknown = set(how) - Drawing.__optional_keys__  # a misspelt choice must not pass unseen
    if unknown:
        raise TypeError(f"unknown drawing choices: {', '.join(sorted(unknown))}")
    lane_by = LaneBy(how.get("lanes", LaneBy.ORGANISATION))
    direction = Orientation(how.get("direction", Orientation.LR))
    placed = place_findings(pathway, how.get("findings", ()))
    marked_steps = checked_step_marks(how.get("marks"))
    marked_transitions = checked_transition_marks(how.get("transition_marks"))
    comments = dict(how.get("comments") or {})
    fills = how.get("fills") or Fills({})

    order = flow_order(pathway)
    first = pathway.step_index()
    boxes: dict[str, Box] = {}
    for step_id in order:
        step = pathway.steps[first[step_id]]
        found = tuple(placed.steps.get(step_id, ()))
        note = fills.notes.get(step_id)
        boxes[step_id] = Box(
            id=step_id,
            title=step.label,
            kind=step.kind,
            setting=step.setting,
            details=_details(step, pathway, lane_by) + ((note,) if note else ()),
            findings=found,
            mark=marked_steps.get(step_id),
            tooltip=_tooltip(step, found),
            comments=max(int(comments.get(step_id, 0)), 0),
            fill=fills.by_step.get(step_id),
        )
    named = {t.from_ for t in pathway.transitions} | {t.to for t in pathway.transitions}
    for step_id in sorted(named - set(boxes)):
        boxes[step_id] = Box(
            id=step_id,
            title=step_id,
            kind=None,
            setting=None,
            details=("not a step of this pathway",),
            findings=(),
            mark=marked_steps.get(step_id),
            tooltip=f"'{step_id}' is named by a transition but is not a step of this pathway",
        )

    position = {step_id: i for i, step_id in enumerate(boxes)}
    owner = {step_id: pathway.steps[i].owner for step_id, i in first.items()}
    arrows = []
    for index, t in enumerate(pathway.transitions):
        a, b = owner.get(t.from_), owner.get(t.to)
        arrows.append(
            Arrow(
                source=t.from_,
                target=t.to,
                when=_shown(t.when),
                handoff_text=_shown(t.handoff),
                handoff=a is not None and b is not None and a != b,
                findings=tuple(placed.transitions.get(index, ())),
                mark=marked_transitions.get((t.from_, t.to)),
            )
        )
    arrows.sort(
        key=lambda r: (position[r.source], position[r.target], r.when or "", r.handoff_text or "")
    )

    drawn_lanes = tuple(lanes(pathway, lane_by, order))
    in_lanes = {s for lane in drawn_lanes for s in lane.steps}
    notes = {}
    for lane in drawn_lanes:
        if not lane.steps and lane.organisation is not None:
            partner_in = sum(lane.organisation in s.partners for s in pathway.steps)
            notes[lane.key] = "owns no steps" + (
                f"; partner in {plural(partner_in, 'step')}" if partner_in else ""
            )
    return Diagram(
        pathway_id=pathway.id,
        title=pathway.title,
        subtitle=_subtitle(pathway),
        lane_by=lane_by,
        orientation=direction,
        lanes=drawn_lanes,
        boxes=boxes,
        loose=tuple(b for b in boxes if b not in in_lanes),
        arrows=tuple(arrows),
        general_findings=tuple(placed.general),
        lane_notes=notes,
        fill_heading=fills.heading if fills.key else "",
        fill_key=tuple(fills.key),
    )
