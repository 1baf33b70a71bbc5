"""The workshop pack's flow section, when the pathway has flow fields: people per week, how full
each step is, waits, cost by organisation, and the scenarios side by side, in people's words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..flow.analytic import FlowResult, flow_of
from ..flow.errors import FlowError
from ..flow.flow_text import CAVEAT, people, percent, pounds, wait_words
from ..flow.from_pathway import has_flow
from ..model import Pathway
from ..words import UNASSIGNED, minutes_words

FLOW_TITLE = "Flow and capacity"
Block = tuple[str, Any]


def flow_blocks(pathway: Pathway) -> list[Block] | None:
    """The section's blocks; None when the pathway has no flow fields (no section then)."""
    if not has_flow(pathway):
        return None
    try:
        result = flow_of(pathway)
    except FlowError as exc:
        return [("none", f"The flow cannot be worked out yet: {exc}")]
    blocks: list[Block] = [("meta", CAVEAT), ("meta", _headline(result)), _steps(result),
                           _organisations(result)]
    if pathway.scenarios:
        blocks.append(_scenarios(pathway, result))
    return blocks


def _table(headers: tuple[str, ...], rows: Sequence[Sequence[object]]) -> Block:
    return ("table", {"headers": headers, "rows": [["" if c is None else c for c in row] for row in rows]})


def _headline(result: FlowResult) -> str:
    text = (
        f"{people(result.arriving_per_week)} people arrive a week; each passes through "
        f"{people(result.steps_per_person)} steps on average and is handed between organisations "
        f"{people(result.handoffs_per_person)} times."
    )
    if result.cost_per_week:
        text += f" Cost: {pounds(result.cost_per_person)} per person, {pounds(result.cost_per_year)} a year."
    return text


def _steps(result: FlowResult) -> Block:
    rows = []
    for s in result.steps:
        if s.places is None:
            full, waiting, wait, within = "no limit", "", "", ""
        else:
            full = f"{percent(s.utilisation or 0.0)} of {people(s.places)}" if s.keeps_up else (
                "more people arrive than it can see")
            waiting = percent(s.chance_of_waiting or 0.0) if s.keeps_up else ""
            wait = wait_words(s.mean_wait_hours)
            within = ""
            if s.within_standard is not None and s.wait_standard_hours is not None:
                within = f"{percent(s.within_standard)} within {minutes_words(s.wait_standard_hours * 60)}"
        rows.append((s.label, people(s.people_per_week), people(s.load), full, waiting, wait, within))
    return _table(("Step", "People a week", "At once", "How full", "Chance of waiting", "Mean wait",
                   "Start within the standard"), rows)


def _organisations(result: FlowResult) -> Block:
    return _table(
        ("Organisation", "People a week through its steps", "People at once", "Cost a week", "Cost a year"),
        [(o.name or UNASSIGNED, people(o.people_per_week), people(o.load), pounds(o.cost_per_week),
          pounds(o.cost_per_year)) for o in result.organisations],
    )


def _scenarios(pathway: Pathway, base: FlowResult) -> Block:
    rows: list[tuple[object, ...]] = [("As it is", "", *_figures(base))]
    for scenario in pathway.scenarios:
        try:
            rows.append((scenario.name, scenario.why or "", *_figures(flow_of(pathway, scenario.name))))
        except FlowError as exc:
            rows.append((scenario.name, scenario.why or "", str(exc), "", "", ""))
    headers = ("Scenario", "Why", "People a week", "Cost a year", "Fullest step", "Steps that cannot keep up")
    return _table(headers, rows)


def _figures(result: FlowResult) -> tuple[str, str, str, str]:
    fullest = max((s for s in result.steps if s.utilisation is not None),
                  key=lambda s: s.utilisation if s.utilisation is not None else -math.inf, default=None)
    fullest_text = f"{fullest.label} ({percent(fullest.utilisation or 0.0)})" if fullest else ""
    stuck = ", ".join(s.label for s in result.unstable) or "none"
    return people(result.arriving_per_week), pounds(result.cost_per_year), fullest_text, stuck
