"""The workshop pack: one printable HTML page with what a workshop agreed, and who took part.

The diagram (SVG, inline), the findings, the measures, outcomes, involvement, sign-offs (current or
stale), comments, the recent history with each change's reason, and the names of everyone who
contributed. Every piece of user text is escaped; the SVG is the renderer's (which escapes user
text itself) and is checked again here: a script, an event handler or a `javascript:` URL in it is
removed before it is inlined. Print it from the browser (or "Save as PDF").

`build_pack` takes plain data, so it needs no workspace and no Graphviz; the app gathers the data.
Its parts sit beside it: `contributions` (who took part), `measures_table` (the measures in words)
and `svg_safety` (the SVG checked before it is inlined).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

from ..finding import Finding, Severity
from ..format.canonical import fingerprint
from ..model import Pathway
from ..partnership.measures import Analysis
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
from .measures_table import measures_table
from .svg_safety import safe_svg

# Callers (the app, the tests) take the pack's parts from here as well as from their own modules.
__all__ = [
    "CommentEntry",
    "Contributor",
    "HistoryEntry",
    "build_pack",
    "contributors",
    "e",
    "measures_table",
    "org_name",
    "safe_svg",
    "step_name",
]


def e(text: object) -> str:
    """Escape any value for HTML text and attributes."""
    return html.escape("" if text is None else str(text), quote=True)


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
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Workshop pack: {e(pathway.title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(pathway.title)}</h1>",
        '<p class="meta">Workshop pack · status: '
        f"<strong>{e(word(STATUS_WORDS, pathway.status))}</strong>"
        + (f" · version {e(version)}" if version else "")
        + f" · produced {e(generated.strftime('%d %B %Y, %H:%M'))}</p>",
    ]
    if pathway.summary:
        out.append(f"<p>{e(pathway.summary)}</p>")
    out += _context(pathway)
    out += _section("Partners", _partners(pathway))
    diagram = [f'<div class="diagram">{safe_svg(svg)}</div>'] if svg else [
        '<p class="none">The diagram could not be drawn here (Graphviz is not installed on the '
        "server); the steps are listed below.</p>"]
    if diagram_note:
        diagram.append(f'<p class="meta">{e(diagram_note)}</p>')
    out += _section("The pathway", diagram + _steps(pathway))
    out += _section("What the checks found", _findings(pathway, findings))
    if analysis is not None:
        out += _section("Measures", _table(("Measure", "Value"), measures_table(pathway, analysis)))
    out += _section("Outcomes", _outcomes(pathway, analysis))
    out += _section("Involvement of service users and carers", _involvement(pathway))
    out += _section("Sign-offs", _signoffs(pathway))
    if comments:
        out += _section("Comments", _comments(pathway, comments))
    out += _section("Recent changes and why they were made", _history(history[:recent]))
    people = contributors(pathway, history, comments, automated)
    out += _section("Who contributed", _contributors(people))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _section(title: str, body: list[str]) -> list[str]:
    return [f"<section><h2>{e(title)}</h2>", *body, "</section>"]


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], raw: bool = False) -> list[str]:
    out = ["<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr></thead><tbody>"]
    for row in rows:
        cells = (str(c) if raw else e(c) for c in row)
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def _none(text: str) -> list[str]:
    return [f'<p class="none">{e(text)}</p>']


def _context(pathway: Pathway) -> list[str]:
    rows = []
    if pathway.context:
        c = pathway.context
        for name, value in (("Area", c.area), ("Geography", word(GEOGRAPHY_WORDS, c.geography)),
                            ("For", c.population)):
            if value:
                rows.append((name, value))
    if pathway.based_on:
        rows.append(("Adapts", pathway.based_on))
    if pathway.review:
        if pathway.review.last:
            rows.append(("Last reviewed together", pathway.review.last.isoformat()))
        if pathway.review.due:
            rows.append(("Next joint review", pathway.review.due.isoformat()))
    return _table(("", ""), rows) if rows else []


def _partners(pathway: Pathway) -> list[str]:
    return _table(
        ("Organisation", "Part in the pathway", "Steps it is responsible for"),
        (
            (o.name, word(ROLE_WORDS, o.role), sum(1 for s in pathway.steps if s.owner == o.id))
            for o in pathway.organisations
        ),
    )


def _steps(pathway: Pathway) -> list[str]:
    return _table(
        ("Step", "Kind", "Responsible", "Where", "Wait", "How long"),
        (
            (s.label, word(KIND_WORDS, s.kind), org_name(pathway, s.owner) or "nobody yet",
             word(SETTING_WORDS, s.setting), time_words(s.wait), time_words(s.duration))
            for s in pathway.steps
        ),
    )


def _findings(pathway: Pathway, findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return _none("Nothing: the checks found no problems.")
    out: list[str] = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        out.append(f'<h3 class="sev-{severity.value}">{e(SEVERITY_WORDS[severity.value])} '
                   f"({len(group)})</h3><ul>")
        for f in group:
            where = f"<strong>{e(step_name(pathway, f.step))}</strong>: " if f.step else ""
            out.append(f"<li>{where}{e(f.message)} <span class=\"meta\">({e(f.rule)})</span></li>")
        out.append("</ul>")
    return out


def _outcomes(pathway: Pathway, analysis: Analysis | None) -> list[str]:
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


def _involvement(pathway: Pathway) -> list[str]:
    if not pathway.involvement:
        return _none("No involvement of service users and carers is recorded yet.")
    return _table(
        ("Date", "Who", "How", "What changed"),
        ((i.date.isoformat(), i.who, i.how, i.changed or "") for i in pathway.involvement),
    )


def _signoffs(pathway: Pathway) -> list[str]:
    if not pathway.signoffs:
        return _none("No sign-offs yet.")
    current = fingerprint(pathway)
    rows = []
    for s in pathway.signoffs:
        state = ('<span class="current">current</span>' if s.fingerprint == current else
                 '<span class="stale">stale: the pathway changed since; sign again</span>')
        rows.append((e(org_name(pathway, s.organisation)), e(s.name), e(s.role or ""),
                     e(s.date.isoformat()), state))
    return _table(("Organisation", "Signed by", "Role", "Date", "Still holds?"), rows, raw=True)


def _comments(pathway: Pathway, comments: Sequence[CommentEntry]) -> list[str]:
    return _table(
        ("On", "Comment", "By", "Date"),
        ((step_name(pathway, c.step), c.text, f"{c.author} ({c.organisation})".replace(" ()", ""),
          c.date) for c in comments),
    )


def _history(history: Sequence[HistoryEntry]) -> list[str]:
    if not history:
        return _none("No saved versions yet.")
    return _table(
        ("Version", "When", "Who", "Organisation", "Why"),
        ((h.version, h.date, h.author, h.organisation, h.rationale) for h in history),
    )


def _contributors(people: Sequence[Contributor]) -> list[str]:
    if not people:
        return _none("No contributors recorded yet.")
    return _table(
        ("Name", "Organisation", "Contribution"),
        ((p.name, p.organisation, "; ".join(p.how)) for p in people),
    )
