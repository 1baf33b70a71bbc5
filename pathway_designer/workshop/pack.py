"""The workshop pack: one printable HTML page with what a workshop agreed, and who took part.

The diagram (SVG, inline), the findings, the measures, outcomes, involvement, sign-offs (current or
stale), comments, the recent history with each change's reason, and the names of everyone who
contributed. The page is a Jinja2 template (`templates/pack.html`, package data) rendered with
autoescaping: every piece of user text is text, whatever it holds. The SVG is the renderer's (which
escapes user text itself) and is rebuilt from an allow-list (`svg_safety`) before it is inlined, the
one value the template takes as markup. Print it from the browser (or "Save as PDF").

`build_pack` takes plain data, so it needs no workspace and no Graphviz; the app gathers the data.
Its parts sit beside it: `contributions` (who took part), `measures_table` (the measures in words)
and `svg_safety` (the SVG checked before it is inlined).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from ..finding import Finding, Severity
from ..format.canonical import fingerprint
from ..model import Pathway
from ..partnership.measures import Analysis
from ..partnership.story import STORY_TITLE, story
from ..words import (
    DIRECTION_WORDS,
    GEOGRAPHY_WORDS,
    KIND_WORDS,
    ROLE_WORDS,
    SETTING_WORDS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    org_name,
    step_name,
    time_words,
    word,
)
from .contributions import CommentEntry, Contributor, HistoryEntry, contributors
from .flow_section import FLOW_TITLE, flow_blocks
from .measures_table import measures_table
from .svg_safety import safe_svg

# Callers (the app, the tests) take the pack's parts from here as well as from their own modules.
__all__ = [
    "CommentEntry",
    "Contributor",
    "HistoryEntry",
    "build_pack",
    "contributors",
    "measures_table",
    "org_name",
    "safe_svg",
    "step_name",
]


# -- the page -------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1d1d1d;
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #005eb8; padding-bottom: .2rem;
       margin-top: 2rem; color: #003087; }
.meta { color: #4c6272; } table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; border-bottom: 1px solid #d8dde0; padding: .35rem .5rem; vertical-align: top; }
th { background: #f0f4f5; } .diagram { overflow-x: auto; border: 1px solid #d8dde0; padding: .5rem; }
.diagram svg { max-width: 100%; height: auto; }
.sev-error { color: #8a1538; font-weight: 600; } .sev-warning { color: #7a4d00; font-weight: 600; }
.sev-info { color: #4c6272; } .stale { color: #8a1538; font-weight: 600; } .current { color: #006747; }
.none { color: #4c6272; font-style: italic; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
  .diagram { border: none; } section { break-inside: avoid-page; } }
"""

Block = tuple[str, Any]  # ("table", {...}), ("none", text), ("meta", text), ("diagram", svg), ...


def _escaped(value: object) -> Markup:
    """What autoescaping writes for a value: Markup as it is, anything else escaped as the standard
    library escapes it (`'` as `&#x27;`, as the pack always has), `None` as nothing."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


@functools.cache
def _template() -> jinja2.Template:
    text = resources.files(__package__).joinpath("templates/pack.html").read_text(encoding="utf-8")
    environment = jinja2.Environment(
        autoescape=True,
        finalize=_escaped,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.from_string(text)


def build_pack(
    pathway: Pathway,
    *,
    svg: str | None,
    findings: Sequence[Finding],
    analysis: Analysis | None,
    history: Sequence[HistoryEntry] = (),
    comments: Sequence[CommentEntry] = (),
    version: str | None = None,
    generated: dt.datetime | None = None,
    recent: int = 15,
    diagram_note: str | None = None,
    automated: Sequence[str] = (),
) -> str:
    """The workshop pack as one HTML document (UTF-8, no external resources)."""
    generated = generated or dt.datetime.now().replace(microsecond=0)
    cleaned = safe_svg(svg) if svg else ""
    diagram: list[Block] = [("diagram", Markup(cleaned))] if cleaned else [(
        "none", "The diagram could not be drawn here (Graphviz is not installed on the server); the "
        "steps are listed below.")]
    if diagram_note:
        diagram.append(("meta", diagram_note))
    sections: list[tuple[str, list[Block]]] = [
        ("Partners", [_partners(pathway)]),
        ("The pathway", [*diagram, ("meta", f"{STORY_TITLE}, below, tells what the diagram shows."),
                         _steps(pathway)]),
        (STORY_TITLE, [("story", story(pathway))]),  # the diagram's text alternative
        ("What the checks found", [_findings(pathway, findings)]),
    ]
    if analysis is not None:
        sections.append(("Measures", [_table(("Measure", "Value"), measures_table(pathway, analysis))]))
    flow = flow_blocks(pathway)
    if flow is not None:
        sections.append((FLOW_TITLE, flow))
    sections += [
        ("Outcomes", [_outcomes(pathway, analysis)]),
        ("Involvement of service users and carers", [_involvement(pathway)]),
        ("Sign-offs", [_signoffs(pathway)]),
    ]
    if comments:
        sections.append(("Comments", [_comments(pathway, comments)]))
    people = contributors(pathway, history, comments, automated)
    sections += [
        ("Recent changes and why they were made", [_history(history[:recent])]),
        ("Who contributed", [_contributors(people)]),
    ]
    return _template().render(
        title=pathway.title,
        status=word(STATUS_WORDS, pathway.status),
        version=version,
        produced=generated.strftime("%d %B %Y, %H:%M"),
        summary=pathway.summary,
        context=_context(pathway),
        css=Markup(_CSS),  # the page's own style sheet, no user text in it
        sections=[{"title": title, "blocks": blocks} for title, blocks in sections],
        story_title=STORY_TITLE,
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Block:
    return ("table", {"headers": headers, "rows": [["" if c is None else c for c in row] for row in rows]})


def _none(text: str) -> Block:
    return ("none", text)


def _context(pathway: Pathway) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if pathway.context:
        c = pathway.context
        for name, value in (("Area", c.area), ("Geography", word(GEOGRAPHY_WORDS, c.geography)),
                            ("For", c.population)):
            if value:
                rows.append((name, value))
    if pathway.base_id:
        rows.append(("Adapts", pathway.base_id))
    if pathway.review:
        if pathway.review.last:
            rows.append(("Last reviewed together", pathway.review.last.isoformat()))
        if pathway.review.due:
            rows.append(("Next joint review", pathway.review.due.isoformat()))
    return rows


def _partners(pathway: Pathway) -> Block:
    return _table(
        ("Organisation", "Part in the pathway", "Steps it is responsible for"),
        (
            (o.name, word(ROLE_WORDS, o.role), sum(1 for s in pathway.steps if s.owner == o.id))
            for o in pathway.organisations
        ),
    )


def _steps(pathway: Pathway) -> Block:
    return _table(
        ("Step", "Kind", "Responsible", "Where", "Wait", "How long"),
        (
            (s.label, word(KIND_WORDS, s.kind), org_name(pathway, s.owner) or "nobody yet",
             word(SETTING_WORDS, s.setting), time_words(s.wait), time_words(s.duration))
            for s in pathway.steps
        ),
    )


def _findings(pathway: Pathway, findings: Sequence[Finding]) -> Block:
    if not findings:
        return _none("Nothing: the checks found no problems.")
    groups = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in findings if f.severity is severity]
        if group:
            groups.append({
                "severity": severity.value,
                "title": SEVERITY_WORDS[severity.value],
                "findings": [
                    {"message": f.message, "reference": f.reference()}
                    for f in group
                ],
            })
    return ("findings", groups)


def _outcomes(pathway: Pathway, analysis: Analysis | None) -> Block:
    if not pathway.outcomes:
        return _none("No outcome measures yet.")
    measured = analysis.outcomes if analysis else {}
    return _table(
        ("Outcome", "Aim", "Target", "Measured at"),
        (
            (o.measure, word(DIRECTION_WORDS, o.direction), o.target or "",
             ", ".join(step_name(pathway, s) for s in measured.get(o.id, ())) or "not measured yet")
            for o in pathway.outcomes
        ),
    )


def _involvement(pathway: Pathway) -> Block:
    if not pathway.involvement:
        return _none("No involvement of service users and carers is recorded yet.")
    return _table(
        ("Date", "Who", "How", "What changed"),
        ((i.date.isoformat(), i.who, i.how, i.changed or "") for i in pathway.involvement),
    )


def _signoffs(pathway: Pathway) -> Block:
    if not pathway.signoffs:
        return _none("No sign-offs yet.")
    current = fingerprint(pathway)
    rows = []
    for s in pathway.signoffs:
        state = ({"css": "current", "text": "current"} if s.fingerprint == current else
                 {"css": "stale", "text": "stale: the pathway changed since; sign again"})
        rows.append((org_name(pathway, s.organisation), s.name, s.role or "", s.date.isoformat(), state))
    return _table(("Organisation", "Signed by", "Role", "Date", "Still holds?"), rows)


def _comments(pathway: Pathway, comments: Sequence[CommentEntry]) -> Block:
    return _table(
        ("On", "Comment", "By", "Date"),
        ((step_name(pathway, c.step), c.text, f"{c.author} ({c.organisation})".replace(" ()", ""),
          c.date) for c in comments),
    )


def _history(history: Sequence[HistoryEntry]) -> Block:
    if not history:
        return _none("No saved versions yet.")
    return _table(
        ("Version", "When", "Who", "Organisation", "Why"),
        ((h.version, h.date, h.author, h.organisation, h.rationale) for h in history),
    )


def _contributors(people: Sequence[Contributor]) -> Block:
    if not people:
        return _none("No contributors recorded yet.")
    return _table(
        ("Name", "Organisation", "Contribution"),
        ((p.name, p.organisation, "; ".join(p.how)) for p in people),
    )
