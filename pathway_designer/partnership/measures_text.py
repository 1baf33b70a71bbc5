"""An `Analysis` as a plain report, for the workshop and the terminal (`pathway-designer analyse`).

Roles, settings and times are told in the vocabulary's words (`pathway_designer.words`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Setting
from ..words import ROLE_WORDS, minutes_words, plural, setting_words, word
from .measures import NOT_GIVEN, Analysis
from .routes import Route, route_stops


def _names(ids: Iterable[str]) -> str:
    listed = ", ".join(ids)
    return listed or "none"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def setting_words_of(key: str) -> str:
    """A setting's value (or "not given") as the report names it."""
    return setting_words(Setting(key) if key != NOT_GIVEN else None)


def route_text(route: Route | None) -> str:
    """A route on one line: its size, its time and its stops; loops and missing times below it."""
    if route is None:
        return "none"
    stops = " → ".join(route_stops(route))
    text = f"{plural(len(route.steps), 'step')}, {minutes_words(route.minutes)}: {stops}"
    if route.loops:
        text += "\n      [...] is a loop, gone round once"
    if route.untimed:
        text += f"\n      no time given for {', '.join(route.untimed)}"
    return text


def as_text(analysis: Analysis) -> str:
    """A plain report for the workshop and the terminal."""
    a = analysis
    lines = [f"{a.pathway}: {a.title}", ""]
    lines.append(f"Steps: {a.steps} ({plural(a.decisions, 'decision')}); transitions: {a.transitions}")
    lines.append("Organisations by role:")
    lines += [f"  {word(ROLE_WORDS, r)}: {', '.join(ids)}" for r, ids in a.organisations_by_role.items()]
    lines.append("Where steps happen:")
    lines += [
        f"  {setting_words_of(setting)}: {n} of {a.steps} ({_percent(n, a.steps)})"
        for setting, n in a.settings.items()
    ]
    silent = sum(h.how is None for h in a.handoffs)
    lines.append(f"Handoffs between organisations: {len(a.handoffs)} ({silent} with none recorded)")
    lines += [
        f"  {h.from_step} → {h.to_step}: {h.from_organisation} → {h.to_organisation}, "
        f"{h.how or 'no handoff recorded'}"
        for h in a.handoffs
    ]
    lines.append("Who does what:")
    lines += [
        f"  {p.organisation} ({word(ROLE_WORDS, p.role, in_sentence=True)}): owns {_names(p.owns)}; "
        f"partner in {_names(p.partner_in)}"
        for p in a.partners
    ]
    r = a.routes
    lines.append(f"Routes from an entry to an exit: {r.count_text} (each loop counted once)")
    lines.append(f"  fewest steps: {route_text(r.fewest_steps)}")
    lines.append(f"  most steps:   {route_text(r.most_steps)}")
    lines.append(f"  quickest:     {route_text(r.quickest)}")
    lines.append(f"  slowest:      {route_text(r.slowest)}")
    if r.untimed:
        lines.append(f"  steps with no time given: {', '.join(r.untimed)}")
    lines.append("Outcomes measured where:")
    lines += [f"  {o}: {_names(at) if at else 'not measured at any step'}" for o, at in a.outcomes.items()]
    if not a.outcomes:
        lines.append("  no outcomes defined")
    return "\n".join(lines) + "\n"
