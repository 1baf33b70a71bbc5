"""The measures of a pathway as (measure, value) rows in plain words: the app's panel and the pack.

Step labels, settings and times come from the one vocabulary (`pathway_designer.words`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Pathway, Setting
from ..partnership.measures import NOT_GIVEN, Analysis
from ..words import minutes_words, plural, setting_words, step_name


def measures_table(pathway: Pathway, analysis: Analysis) -> list[tuple[str, str]]:
    """(measure, value) rows in plain words, for the app's measures panel and the pack."""
    rows: list[tuple[str, str]] = [
        ("Steps", str(analysis.steps)),
        ("Ways on between steps", str(analysis.transitions)),
        ("Decisions", str(analysis.decisions)),
        ("Partners", str(len(pathway.organisations))),
    ]
    silent = sum(1 for h in analysis.handoffs if h.how is None)
    handoff_text = str(len(analysis.handoffs))
    if silent:
        handoff_text += f" ({silent} with no handoff agreed)"
    rows.append(("Handoffs between organisations", handoff_text))
    if analysis.steps:
        shares = sorted(analysis.settings.items(), key=lambda kv: -kv[1])
        rows.append((
            "Where care happens",
            ", ".join(
                f"{setting_words(None if k == NOT_GIVEN else Setting(k))} "
                f"{round(100 * v / analysis.steps)}%"
                for k, v in shares
            ),
        ))
    r = analysis.routes
    rows.append(("Different routes through", r.count_text))
    for name, route in (("Shortest route", r.fewest_steps), ("Longest route", r.most_steps)):
        if route is not None:
            steps = plural(len(route.steps), "step")
            rows.append((name, f"{steps}, {_route_time(route.minutes, route.untimed)}"))
    if r.quickest is not None:
        rows.append(("Quickest route", _route_time(r.quickest.minutes, r.quickest.untimed)))
    if r.slowest is not None:
        rows.append(("Slowest route", _route_time(r.slowest.minutes, r.slowest.untimed)))
    if r.untimed:
        rows.append(("Steps with no time given", ", ".join(step_name(pathway, s) for s in r.untimed)))
    measured = sum(1 for steps in analysis.outcomes.values() if steps)
    rows.append(("Outcomes measured", f"{measured} of {len(analysis.outcomes)}"))
    return rows


def _route_time(minutes: float, untimed: Sequence[str]) -> str:
    text = minutes_words(minutes)
    if untimed:
        text += f" (plus {plural(len(untimed), 'step')} with no time given)"
    return text
