"""Big pathways folded so they fit one screen: long runs of steps drawn as one box, with the count.

Folding works on a `Diagram`, so every writer draws the result like any diagram. Three ways:

- `overview` first folds runs: stretches of steps one after another with no way in or out but
  the next, in one lane. Decisions, ways in and out and handoffs stay as they are (a run never
  crosses a lane). When that still leaves more boxes than fit a screen (`budget`), the pathway is
  folded by phase instead: the flow cut into stretches, one box per lane in each (decisions and
  handoffs inside are counted on the box); ways in and out stay visible.
- `organisation_part`: the chosen organisations' steps in their own lanes, and everything the
  others do between them folded into boxes in one lane of their own.

Any folded box can be opened again by its key (`unfolded`): its steps are drawn in its place.
Keys are made from the first step's id, so they survive edits elsewhere in the pathway.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from ..model import StepKind
from ..words import plural
from .diagram import Arrow, Box, Diagram, connected
from .lanes import Lane
from .marks import Mark

BUDGET = 40  # boxes that stay readable on one screen
MIN_RUN = 3  # shorter runs are not worth folding
KEPT_KINDS = (StepKind.ENTRY, StepKind.EXIT)  # always drawn as themselves
RUN_BREAKERS = (StepKind.ENTRY, StepKind.EXIT, StepKind.DECISION)  # never inside a run
OTHERS_LANE = "others"


@dataclass(frozen=True)
class Fold:
    """Steps drawn as one box: its key (to open it), the steps in flow order, and its name."""

    key: str
    steps: tuple[str, ...]
    name: str  # "Step A … Step B (7 steps)", for the list of boxes a person can open


@dataclass(frozen=True)
class Folded:
    """A diagram with some of its steps folded, and the folds drawn (those not opened)."""

    diagram: Diagram
    folds: tuple[Fold, ...]
    steps: int  # steps in the pathway

    @property
    def boxes(self) -> int:
        return len(self.diagram.boxes)


def fold_key(steps: Iterable[str]) -> str:
    return "fold-" + next(iter(steps))


def _lane_of(diagram: Diagram) -> dict[str, str]:
    lane_of = {s: lane.key for lane in diagram.lanes for s in lane.steps}
    return {b: lane_of.get(b, "") for b in diagram.boxes}


def runs(diagram: Diagram, min_run: int = MIN_RUN) -> list[list[str]]:
    """Runs of at least `min_run` steps, one after another in one lane, with no other way in or out."""
    lane_of = _lane_of(diagram)
    ins: dict[str, set[str]] = {b: set() for b in diagram.boxes}
    outs: dict[str, set[str]] = {b: set() for b in diagram.boxes}
    for a in diagram.arrows:
        outs[a.source].add(a.target)
        ins[a.target].add(a.source)

    def foldable(b: str) -> bool:
        box = diagram.boxes[b]
        return not box.missing and box.kind not in RUN_BREAKERS

    def joined(a: str, b: str) -> bool:  # b follows a and nothing else comes in or goes out between
        return (a != b and outs[a] == {b} and ins[b] == {a} and lane_of[a] == lane_of[b]
                and foldable(a) and foldable(b))

    found, used = [], set()
    for start in diagram.boxes:
        if start in used or not foldable(start):
            continue
        if len(ins[start]) == 1 and joined(next(iter(ins[start])), start):
            continue  # not the start of its run
        run = [start]
        while len(outs[run[-1]]) == 1 and joined(run[-1], nxt := next(iter(outs[run[-1]]))) \
                and nxt not in run:
            run.append(nxt)
        used.update(run)
        if len(run) >= min_run:
            found.append(run)
    return found


def phases(diagram: Diagram, budget: int = BUDGET) -> list[list[str]]:
    """Every step but the ways in and out, in stretches of the flow, one group per lane in each."""
    lane_of = _lane_of(diagram)
    inner = [b for b, box in diagram.boxes.items() if not box.missing and box.kind not in KEPT_KINDS]
    kept = len(diagram.boxes) - len(inner)
    lanes = max(len({lane_of[b] for b in inner}), 1)
    count = max(1, (budget - kept) // lanes)
    size = -(-len(inner) // count) if inner else 1  # ceiling: `count` stretches at most
    groups: dict[tuple[int, str], list[str]] = {}
    for i, b in enumerate(inner):
        groups.setdefault((i // size, lane_of[b]), []).append(b)
    return [g for g in groups.values() if len(g) > 1]


def _inside(members: list[str], diagram: Diagram) -> list[str]:
    """What is folded away inside a box, in words: decisions and handoffs."""
    inside = set(members)
    decisions = sum(diagram.boxes[m].kind is StepKind.DECISION for m in members)
    handoffs = sum(a.handoff and a.source in inside and a.target in inside for a in diagram.arrows)
    words = [plural(decisions, "decision")] if decisions else []
    words += [plural(handoffs, "handoff")] if handoffs else []
    return [" · ".join(words) + " inside"] if words else []


def _fold_box(key: str, members: list[str], diagram: Diagram, extra: Iterable[str]) -> Box:
    boxes = [diagram.boxes[m] for m in members]
    first, last = boxes[0], boxes[-1]
    settings = {b.setting for b in boxes}
    marks = {b.mark for b in boxes}
    names = [b.title for b in boxes]
    listed = names[:25] + ([f"and {plural(len(names) - 25, 'more step')}"] if len(names) > 25 else [])
    return Box(
        id=key,
        title=f"{first.title} … {last.title}",
        kind=None,
        setting=settings.pop() if len(settings) == 1 else None,
        details=(f"{plural(len(members), 'step')} folded into one box", *extra, *_inside(members, diagram)),
        findings=tuple(f for b in boxes for f in b.findings),
        mark=marks.pop() if len(marks) == 1 else Mark.CHANGED if marks - {None} else None,
        tooltip="\n".join([f"{plural(len(members), 'step')}:", *listed]),
        folded=tuple(members),
        comments=sum(b.comments for b in boxes),
    )


def _merged(arrows: list[Arrow]) -> Arrow:
    """Arrows between the same two boxes drawn as one."""
    if len(arrows) == 1:
        return arrows[0]
    whens = {a.when for a in arrows}
    marks = {a.mark for a in arrows}
    return replace(
        arrows[0],
        when=whens.pop() if len(whens) == 1 else None,
        handoff_text=None,
        handoff=any(a.handoff for a in arrows),
        findings=tuple(f for a in arrows for f in a.findings),
        mark=marks.pop() if len(marks) == 1 else None,
    )


def fold(diagram: Diagram, groups: Iterable[list[str]], unfolded: Collection[str] = (),
         extra: dict[str, list[str]] | None = None) -> Folded:
    """`diagram` with each group of steps drawn as one box (except the keys in `unfolded`)."""
    where = {b: b for b in diagram.boxes}
    folds, boxes = [], {}
    members_of = {}
    for members in groups:
        key = fold_key(members)
        if key in unfolded or len(members) < 2:
            continue
        members_of[key] = members
        for m in members:
            where[m] = key
    for b, box in diagram.boxes.items():  # in flow order: a fold where its first step was
        key = where[b]
        if key == b:
            boxes[b] = box
        elif key not in boxes:
            members = members_of[key]
            boxes[key] = _fold_box(key, members, diagram, (extra or {}).get(key, ()))
            first, last = diagram.boxes[members[0]].title, diagram.boxes[members[-1]].title
            folds.append(Fold(key, tuple(members), f"{first} … {last} ({plural(len(members), 'step')})"))
    between: dict[tuple[str, str], list[Arrow]] = {}
    for a in diagram.arrows:
        source, target = where[a.source], where[a.target]
        if source == target and source in members_of:
            continue  # inside a fold
        between.setdefault((source, target), []).append(replace(a, source=source, target=target))
    position = {b: i for i, b in enumerate(boxes)}
    arrows = sorted((_merged(a) for a in between.values()),
                    key=lambda r: (position[r.source], position[r.target], r.when or ""))
    lanes = tuple(_relaned(lane, where) for lane in diagram.lanes)
    in_lanes = {s for lane in lanes for s in lane.steps}
    folded = replace(diagram, boxes=boxes, arrows=tuple(arrows), lanes=lanes,
                     loose=tuple(b for b in boxes if b not in in_lanes))
    return Folded(folded, tuple(folds), sum(not b.missing for b in diagram.boxes.values()))


def _relaned(lane: Lane, where: dict[str, str]) -> Lane:
    steps = dict.fromkeys(where[s] for s in lane.steps)
    return replace(lane, steps=tuple(steps))


def overview(diagram: Diagram, budget: int = BUDGET, unfolded: Collection[str] = (),
             min_run: int = MIN_RUN) -> Folded:
    """The diagram with its runs folded; folded by phase when that still leaves too many boxes."""
    folded = fold(diagram, runs(diagram, min_run), unfolded)
    if folded.boxes <= budget:
        return folded
    return fold(diagram, phases(diagram, budget), unfolded)


def organisation_part(diagram: Diagram, organisations: Collection[str],
                      unfolded: Collection[str] = ()) -> Folded:
    """The chosen organisations' steps in their lanes; what others do between them folded, in one lane.

    Each stretch of others' steps joined by ways on between them is one box naming who does it.
    """
    chosen = {s for lane in diagram.lanes if lane.organisation in organisations for s in lane.steps}
    others = [b for b, box in diagram.boxes.items() if b not in chosen and not box.missing]
    group = connected(others, ((a.source, a.target) for a in diagram.arrows))
    stretches: dict[str, list[str]] = {}
    for b in others:
        stretches.setdefault(group[b], []).append(b)
    lane_title = {s: lane.title for lane in diagram.lanes for s in lane.steps}
    extra = {
        fold_key(g): ["by " + ", ".join(dict.fromkeys(lane_title.get(s, "") for s in g if s in lane_title))]
        for g in stretches.values()
    }
    folded = fold(diagram, stretches.values(), unfolded, extra)
    picture = folded.diagram
    kept = [lane for lane in picture.lanes if lane.organisation in organisations]
    rest = tuple(b for lane in picture.lanes if lane not in kept for b in lane.steps)
    lanes = (*kept, *([Lane(OTHERS_LANE, "Other partners", "what others do, folded", rest)] if rest else ()))
    return replace(folded, diagram=replace(picture, lanes=lanes, lane_notes={}))


def spoken_name(diagram: Diagram, steps: int | None = None) -> str:
    """The diagram's accessible name: the pathway's title and what the picture holds, in words."""
    boxes = len(diagram.boxes)
    steps = boxes if steps is None else steps
    organisations = sum(lane.organisation is not None and bool(lane.steps) for lane in diagram.lanes)
    parts = [f"Diagram of {diagram.title}: {plural(steps, 'step')}"]
    if organisations:
        parts.append(f"{plural(organisations, 'organisation')} responsible")
    if boxes < steps:
        parts.append(f"drawn as {plural(boxes, 'box', 'boxes')}, long runs of steps folded together")
    handoffs = sum(a.handoff for a in diagram.arrows)
    if handoffs:
        parts.append(f"{plural(handoffs, 'handoff')} between organisations shown")
    return ", ".join(parts) + "."
