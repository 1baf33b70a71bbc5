"""Content-keyed caches: parsing, validation, measures, DOT and tables are worked out once per text.

The keys are the texts themselves (a Python string caches its hash, so a rerun with the same draft
costs a dictionary lookup). Values are shared between sessions and must not be changed: the library's
editing operations copy before they change anything.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from pathway_designer.checks.validation import FileCheck
from pathway_designer.partnership.measures import Analysis, analyse
from pathway_designer.render.diagram import build_diagram
from pathway_designer.render.dot import diagram_dot
from pathway_designer.render.overview import Fold, organisation_part, overview, spoken_name
from pathway_designer.workshop import editing
from pathway_designer.workshop.views import View, around_view, findings_for, organisations_view, whole


def check(text: str) -> FileCheck:
    known = _known.get(text)
    return known if known is not None else _check(text)


@functools.lru_cache(maxsize=128)
def _check(text: str) -> FileCheck:
    return editing.check_pathway_text(text)


@functools.lru_cache(maxsize=64)
def measures(text: str) -> Analysis | None:
    pathway = check(text).pathway
    return analyse(pathway) if pathway is not None else None


@functools.lru_cache(maxsize=64)
def view(text: str, focus: tuple[str, ...]) -> View | None:
    """`focus`: () for everything, ("org", id, ...) for organisations, ("around", step) for a step."""
    pathway = check(text).pathway
    if pathway is None:
        return None
    if focus and focus[0] == "org":
        return organisations_view(pathway, focus[1:])
    if focus and focus[0] == "around" and len(focus) > 1:
        return around_view(pathway, focus[1], int(focus[2]) if len(focus) > 2 else 3)
    return whole(pathway)


@dataclass(frozen=True)
class Picture:
    """What the live diagram shows: its DOT, the folded boxes a person can open, its name in words."""

    dot: str
    folds: tuple[Fold, ...]
    name: str  # the accessible name: title and a short summary
    shown: str | None  # which part is drawn, in words, when not every step is
    boxes: int  # how many boxes are drawn (a big picture's PNG is drawn from its kept layout)


class Shown(NamedTuple):
    """What the live diagram shows besides the text, lanes and direction (see `picture`)."""

    focus: tuple[str, ...] = ()
    unfolded: frozenset[str] = frozenset()
    comments: tuple[tuple[str, int], ...] = ()
    hidden: frozenset[str] = frozenset()


def drawn(text: str, lanes: str, direction: str, shown: Shown) -> Picture | None:
    return picture(text, lanes, direction, *shown)


@functools.lru_cache(maxsize=64)
def picture(
    text: str,
    lanes: str,
    direction: str,
    focus: tuple[str, ...],
    unfolded: frozenset[str] = frozenset(),
    comments: tuple[tuple[str, int], ...] = (),
    hidden: frozenset[str] = frozenset(),
) -> Picture | None:
    """The live diagram, worked out once per content and choice. `focus`: () for every step,
    ("overview",) for long runs folded, ("org", id, ...) for organisations' part (the others'
    steps folded), ("around", step, radius) for the steps around one step. `hidden`: the rules
    whose findings are left out (see `revising`)."""
    checked = check(text)
    pathway = checked.pathway
    if pathway is None:
        return None
    found = [f for f in checked.findings if f.rule not in hidden]
    noted = dict(comments)
    if focus and focus[0] == "around":
        shown = view(text, focus)
        assert shown is not None
        drawn = build_diagram(shown.pathway, lanes=lanes, direction=direction, comments=noted,
                              findings=findings_for(shown, found))
        part = f"{shown.shown} of {shown.total} steps: {shown.description}" if shown.partial else None
        return Picture(diagram_dot(drawn), (), spoken_name(drawn), part, len(drawn.boxes))
    drawn = build_diagram(pathway, lanes=lanes, direction=direction, comments=noted,
                          findings=found)
    if not focus:
        return Picture(diagram_dot(drawn), (), spoken_name(drawn), None, len(drawn.boxes))
    if focus[0] == "org":
        folded = organisation_part(drawn, set(focus[1:]), unfolded)
        part = "the steps of the organisations chosen; what others do between them is folded"
    else:
        folded = overview(drawn, unfolded=unfolded)
        part = "long runs of steps folded into one box each" if folded.folds else None
    spoken = spoken_name(folded.diagram, folded.steps)
    return Picture(diagram_dot(folded.diagram), folded.folds, spoken, part, len(folded.diagram.boxes))


@functools.lru_cache(maxsize=64)
def table(text: str, name: str) -> pd.DataFrame:
    """The rows of one table of the pathway, as the data editors show them (do not change it)."""
    pathway = check(text).pathway
    rows: list[dict[str, Any]] = editing.table_rows(pathway, name) if pathway is not None else []
    frame = pd.DataFrame(rows, columns=list(editing.TABLE_COLUMNS[name]))
    if name == "involvement" and not frame.empty:
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


_known: dict[str, FileCheck] = {}


def remember(text: str, result: FileCheck) -> None:
    """Keep the check an edit already made, so the page does not validate the same text again."""
    if len(_known) > 32:
        _known.clear()
    _known[text] = result
