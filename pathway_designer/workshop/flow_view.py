"""What the app's Flow and capacity tab shows, in people's words: the analytic figures of a pathway
(or of one of its scenarios) as rows per step and per organisation, a few sentences, and the
diagram's fills by how busy each step is, bottlenecks marked.

The figures are `flow.analytic`'s; this only says them: step labels and organisation names, never
ids; times with the one time formatter; a wait set against the step's wait standard.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..flow import analytic
from ..flow.errors import FlowError
from ..model import Pathway
from ..render.choices import Fills
from ..render.diagram import build_diagram
from ..render.dot import diagram_dot
from ..render.overview import overview
from ..render.palette import BLUISH_GREEN, ORANGE, VERMILLION, YELLOW, tint
from ..words import hours_words
from .views import BIG

HOURS_PER_WEEK = 24 * 7
AS_IT_IS = "As it is"
ASSUMPTION = (
    "Waits are worked out from averages, as if times varied at random around them (Erlang C); the "
    "simulation below follows the times as they are set."
)


@dataclass(frozen=True)
class Band:
    """How busy a step is, as a colour and in words (colour never alone: the step says its figure)."""

    below: float  # the band holds utilisations under this
    words: str
    colour: str


BANDS = (
    Band(0.70, "under 70% busy", tint(BLUISH_GREEN, 0.75)),
    Band(0.85, "70% to 85% busy", tint(YELLOW, 0.55)),
    Band(1.00, "85% to 100% busy", tint(ORANGE, 0.55)),
    Band(math.inf, "full: more arrive than it can see", tint(VERMILLION, 0.55)),
)
NO_LIMIT = Band(-1.0, "no limit on places", "#FFFFFF")


def band(utilisation: float | None) -> Band:
    if utilisation is None:
        return NO_LIMIT
    return next((b for b in BANDS if utilisation < b.below), BANDS[-1])  # inf: no places at all


def percent(share: float) -> str:
    """A share in words: whole percents, tenths under 1%, and "under 0.1%" for what rounds to none."""
    points = share * 100
    if points == 0 or points >= 1:
        return f"{points:.0f}%"
    return f"{points:.1f}%" if points >= 0.1 else "under 0.1%"


def people(per_week: float) -> str:
    """People a week in words: whole people when there are many, one decimal when few."""
    if per_week >= 10:
        return f"{per_week:,.0f}"
    return f"{per_week:.1f}".rstrip("0").rstrip(".") if per_week else "0"


def pounds(value: float) -> str:
    return f"£{value:,.0f}" if value >= 100 else f"£{value:,.2f}"


STEP_COLUMNS = ("Step", "Responsible", "People a week", "Places", "Busy", "Bottleneck",
                "Chance of waiting", "Average wait", "Wait standard")
ORGANISATION_COLUMNS = ("Organisation", "People a week through its steps", "People in its steps",
                        "Cost per year")
NOBODY = "No one named"  # the organisation of steps nobody is responsible for


@dataclass(frozen=True)
class StepLine:
    """One step's figures in words (the table's row)."""

    step: str  # id (for the diagram, never shown)
    label: str
    organisation: str  # its name, or "" when no one is responsible
    per_week: float
    places: str
    busy: float | None  # utilisation, 0 and up (inf with no places); None: no limit on places
    bottleneck: str  # "" or "1st", "2nd", ...
    waiting: str
    wait: str
    standard: str

    def cells(self) -> list[Any]:
        return [self.label, self.organisation, people(self.per_week), self.places,
                None if self.busy is None else min(self.busy, 1.0), self.bottleneck,
                self.waiting, self.wait, self.standard]


@dataclass(frozen=True)
class OrganisationLine:
    name: str
    per_week: float
    load: float  # people in its steps at once, on average
    cost_per_year: float | None  # None: no cost said

    def cells(self) -> list[Any]:
        cost = pounds(self.cost_per_year) if self.cost_per_year is not None else "not said"
        return [self.name, people(self.per_week), people(self.load), cost]


@dataclass(frozen=True)
class FlowView:
    """The tab's figures, or the `problem` (in words) that there are none."""

    problem: str | None = None
    steps: tuple[StepLine, ...] = ()
    organisations: tuple[OrganisationLine, ...] = ()
    summary_lines: tuple[str, ...] = ()
    over_capacity: str = ""  # a warning naming the steps more people reach than they can see
    spoken: str = ""  # the coloured diagram's accessible name
    entries: frozenset[str] = frozenset()  # the steps people arrive at from outside
    arriving_per_week: float = 0.0
    cost_per_year: float | None = None  # None: no cost said
    assumption: str = ASSUMPTION


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _standard(s: analytic.StepFlow) -> str:
    if s.wait_standard_hours is None:
        return "none set"
    said = f"within {hours_words(s.wait_standard_hours)}"
    if not s.keeps_up:
        return f"{said}: missed, the wait grows"
    if s.within_standard is None:
        return said
    return f"{said}: {percent(s.within_standard)} start in time"


def flow_view(pathway: Pathway, scenario: str | None = None) -> FlowView:
    """The figures of `pathway` (or of its `scenario`) in words; a `problem` when it has none."""
    try:
        result = analytic.flow_of(pathway, scenario)
    except FlowError as exc:
        return FlowView(problem=str(exc))
    names = {o.id: o.name for o in pathway.organisations}
    ranks = {step: i for i, step in enumerate(result.bottlenecks, 1)}
    costed = _costed(pathway, scenario)
    lines = tuple(
        StepLine(
            step=s.id,
            label=s.label,
            organisation=names.get(s.organisation or "", ""),
            per_week=s.people_per_week,
            places=_places(s.places),
            busy=s.utilisation,
            bottleneck=_ordinal(ranks[s.id]) if s.id in ranks else "",
            waiting=_waiting(s),
            wait=_wait(s),
            standard=_standard(s),
        )
        for s in result.steps
    )
    full = [s.label for s in result.unstable]
    over = ""
    if full:
        over = (f"More people reach {_listed(full)} than {'it' if len(full) == 1 else 'they'} can "
                "see: the queue grows without end, until places are added or fewer people come.")
    return FlowView(
        steps=lines,
        organisations=tuple(
            OrganisationLine(o.name or NOBODY, o.people_per_week, o.load,
                             o.cost_per_year if costed else None)
            for o in result.organisations
        ),
        summary_lines=_summary(result, costed),
        over_capacity=over,
        spoken=f"{pathway.title}: each step filled by how busy it is",
        entries=frozenset(s.id for s in result.steps if s.arriving_per_week > 0),
        arriving_per_week=result.arriving_per_week,
        cost_per_year=result.cost_per_year if costed else None,
    )


def _costed(pathway: Pathway, scenario: str | None) -> bool:
    """Whether any step (or the scenario) says what it costs: £0 is then a figure, not silence."""
    changes = [c for s in pathway.scenarios if s.name == scenario for c in s.steps]
    return any(s.cost is not None for s in pathway.steps) or any(c.cost is not None for c in changes)


def _listed(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _places(places: float | None) -> str:
    if places is None:
        return "no limit"
    return f"{places:g}" if float(places).is_integer() else f"{places:.1f} on average"


def _waiting(s: analytic.StepFlow) -> str:
    if not s.keeps_up:
        return "everyone, in the end"
    return "none" if s.chance_of_waiting is None else percent(s.chance_of_waiting)


def _wait(s: analytic.StepFlow) -> str:
    if not s.keeps_up or not math.isfinite(s.mean_wait_hours):
        return "grows without end"
    return "no wait" if s.places is None or s.mean_wait_hours <= 0 else hours_words(s.mean_wait_hours)


def _summary(result: analytic.FlowResult, costed: bool) -> tuple[str, ...]:
    said = [f"{people(result.arriving_per_week)} people a week come into the pathway."]
    limited = [s for s in result.steps if s.utilisation is not None]
    if limited:
        top = max(limited, key=lambda s: s.utilisation or 0.0)
        said.append(f"The busiest step is “{top.label}” ({busy_words(top.utilisation)} busy).")
    said.append(f"A person passes through {result.steps_per_person:.1f} steps on average, with "
                f"{result.handoffs_per_person:.1f} handoffs between organisations.")
    if costed:
        said.append(f"Each person costs {pounds(result.cost_per_person)} on average: "
                    f"{pounds(result.cost_per_year)} a year.")
    return tuple(said)


def busy_words(utilisation: float | None) -> str:
    if utilisation is None:
        return "no limit"
    return percent(utilisation) if math.isfinite(utilisation) else "over 100% (it has no places)"


def busy_fills(view: FlowView) -> Fills:
    """Each step filled by its band of busy-ness, its figure written on it, bottlenecks marked."""
    notes: dict[str, str] = {}
    for line in view.steps:
        if line.busy is None:
            continue
        note = f"busy {busy_words(line.busy)} · {people(line.per_week)} a week"
        if line.bottleneck:
            note += f" · ⚑ {line.bottleneck} bottleneck"
        notes[line.step] = note
    used = {band(line.busy) for line in view.steps}
    return Fills(
        by_step={line.step: band(line.busy).colour for line in view.steps},
        notes=notes,
        heading="How busy",
        key=tuple((b.words, b.colour) for b in (*BANDS, NO_LIMIT) if b in used),
    )


def busy_diagram(pathway: Pathway, view: FlowView, **how: Any) -> str:
    """The pathway's DOT with its steps filled by how busy they are (see `busy_fills`); a big
    pathway as its overview (long runs folded, as the page's diagram shows it), so it stays
    readable and quick to draw; the bottlenecks, which are rarely in a run, stay in view."""
    drawn = build_diagram(pathway, fills=busy_fills(view), **how)
    if len(pathway.steps) > BIG:
        drawn = overview(drawn, unfolded=[]).diagram
    return diagram_dot(drawn)


COMPARISON_COLUMNS = ("Scenario", "People a week", "Busiest step", "Steps full", "Cost per year")


@dataclass(frozen=True)
class Comparison:
    """Scenarios side by side: how busy each step is in each (percent, by step label), and a row
    of figures each; those with no figures are named in `without`, with why."""

    busy: dict[str, dict[str, float]]
    rows: tuple[tuple[str, ...], ...]
    without: tuple[str, ...]


def compare(pathway: Pathway, names: list[str | None]) -> Comparison:
    """The scenarios `names` (None: the pathway as it is) side by side."""
    busy: dict[str, dict[str, float]] = {}
    rows, without = [], []
    for name in names:
        title = name or AS_IT_IS
        shown = flow_view(pathway, name)
        if shown.problem is not None:
            without.append(f"{title}: {shown.problem}")
            continue
        busy[title] = {s.label: round(min(s.busy or 0, 10) * 100, 1) for s in shown.steps}
        timed = [s for s in shown.steps if s.busy is not None]
        top = max(timed, key=lambda s: s.busy or 0, default=None)
        full = sum(1 for s in timed if (s.busy or 0) >= 1)
        rows.append((
            title,
            people(shown.arriving_per_week),
            f"{top.label} ({busy_words(top.busy)})" if top else "none with a limit",
            str(full),
            pounds(shown.cost_per_year) if shown.cost_per_year is not None else "not said",
        ))
    return Comparison(busy, tuple(rows), tuple(without))
