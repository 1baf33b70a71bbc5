"""A `Comparison` as a plain report: what only each has, what differs, and the measures side by side.

Field names, kinds, settings and times are told in the vocabulary's words (`pathway_designer.words`).
"""

from __future__ import annotations

from ..words import (
    GEOGRAPHY_WORDS,
    KIND_WORDS,
    SETTING_WORDS,
    field_words,
    minutes_words,
    plural,
    time_words,
    word,
)
from .comparison import Comparison, FieldDifference, StepSummary
from .measures import Analysis
from .routes import Route

_VALUE_WORDS = {"kind": KIND_WORDS, "setting": SETTING_WORDS, "geography": GEOGRAPHY_WORDS}


def _value(field: str, value: str | None) -> str:
    if value is None:
        return "(none)"
    if field in ("wait", "duration"):
        return time_words(value)
    return word(_VALUE_WORDS[field], value, in_sentence=True) if field in _VALUE_WORDS else value


def _difference_text(d: FieldDifference) -> str:
    return f"{field_words(d.field)} {_value(d.field, d.a)} → {_value(d.field, d.b)}"


def _summary_text(s: StepSummary) -> str:
    kind = word(KIND_WORDS, s.kind, in_sentence=True)
    setting = word(SETTING_WORDS, s.setting, in_sentence=True) if s.setting else None
    where = ", ".join(part for part in (kind, setting, s.owner) if part)
    return f"{s.id}: {s.label} ({where})"


def steps_and_time(route: Route | None) -> str:
    """A route's size and time: "4 steps, 1 day 2 hours"; "-" for no route."""
    return f"{plural(len(route.steps), 'step')}, {minutes_words(route.minutes)}" if route else "-"


def _measures(a: Analysis) -> list[tuple[str, str]]:
    r = a.routes
    silent = sum(h.how is None for h in a.handoffs)
    community = a.settings.get("community", 0) + a.settings.get("home", 0)
    hospital = a.settings.get("hospital", 0) + a.settings.get("inpatient", 0)
    return [
        ("steps", str(a.steps)),
        ("decisions", str(a.decisions)),
        ("transitions", str(a.transitions)),
        ("organisations", str(sum(len(ids) for ids in a.organisations_by_role.values()))),
        ("handoffs (none recorded)", f"{len(a.handoffs)} ({silent})"),
        ("home or community steps", str(community)),
        ("hospital or inpatient steps", str(hospital)),
        ("routes", r.count_text),
        ("fewest steps", steps_and_time(r.fewest_steps)),
        ("most steps", steps_and_time(r.most_steps)),
        ("quickest", steps_and_time(r.quickest)),
        ("slowest", steps_and_time(r.slowest)),
        ("outcomes", str(len(a.outcomes))),
    ]


def _side_by_side(c: Comparison) -> list[str]:
    left, right = _measures(c.analysis_a), _measures(c.analysis_b)
    name_width = max(len(name) for name, _ in left)
    a_width = max(len(c.a), *(len(v) for _, v in left))
    lines = [f"  {'':<{name_width}}  {c.a:<{a_width}}  {c.b}"]
    for (name, va), (_, vb) in zip(left, right, strict=True):
        mark = "" if va == vb else "  *"
        lines.append(f"  {name:<{name_width}}  {va:<{a_width}}  {vb}{mark}")
    return lines


def as_text(c: Comparison) -> str:
    """A plain report: what only each has, what differs, and the measures side by side."""
    lines = [f"Comparing {c.a} (A) with {c.b} (B)"]
    lines += [f"  context: {_difference_text(d)}" for d in c.context]
    by_label = sum(m.matched_by == "label" for m in c.matches)
    lines.append(f"Steps in both: {len(c.matches)} ({by_label} matched by label)")
    for name, only in ((c.a, c.only_a), (c.b, c.only_b)):
        lines.append(f"Only in {name}: {len(only) or 'none'}")
        lines += [f"  {_summary_text(s)}" for s in only]
    lines.append(f"Different: {len(c.changed) or 'none'}")
    for m in c.changed:
        name = m.a if m.a == m.b else f"{m.a} ~ {m.b} (labels {round(100 * m.similarity)}% alike)"
        lines.append(f"  {name}")
        lines += [f"    {_difference_text(d)}" for d in m.differences]
    for name, ways in ((c.a, c.transitions_only_a), (c.b, c.transitions_only_b)):
        listed = ", ".join(f"{x} → {y}" for x, y in ways)
        lines.append(f"Ways on only in {name}: {listed or 'none'}")
    if c.outcomes_only_a or c.outcomes_only_b:
        lines.append(f"Outcomes only in {c.a}: {', '.join(c.outcomes_only_a) or 'none'}")
        lines.append(f"Outcomes only in {c.b}: {', '.join(c.outcomes_only_b) or 'none'}")
    else:
        lines.append("Outcomes: the same in both")
    lines.append("Measures (* where they differ):")
    lines += _side_by_side(c)
    return "\n".join(lines) + "\n"
