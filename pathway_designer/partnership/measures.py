"""Measures of a pathway for the partnership: who does what, where care happens, how long it takes.

`analyse(pathway)` gives an `Analysis`: plain data, written as text by `measures_text` and as JSON by
`measures_json`. The routes and their times come from `routes`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Pathway, Role, StepKind

if TYPE_CHECKING:
    from .routes import Routes

NOT_GIVEN = "not given"


@dataclass(frozen=True)
class Handoff:
    """A transition where responsibility passes from one organisation to another."""

    transition: int  # its index in the pathway's transitions
    from_step: str
    to_step: str
    from_organisation: str
    to_organisation: str
    how: str | None  # the transition's `handoff`, or None when nothing is recorded


@dataclass(frozen=True)
class PartnerShare:
    """What one organisation does in the pathway."""

    organisation: str
    role: str
    owns: tuple[str, ...]
    partner_in: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    pathway: str
    title: str
    steps: int
    transitions: int
    decisions: int
    organisations_by_role: dict[str, tuple[str, ...]]
    handoffs: tuple[Handoff, ...]
    settings: dict[str, int]  # setting (or "not given") -> number of steps
    partners: tuple[PartnerShare, ...]
    routes: Routes
    outcomes: dict[str, tuple[str, ...]]  # outcome id -> steps that measure it

    def setting_share(self, setting: str) -> float:
        return self.settings.get(setting, 0) / self.steps if self.steps else 0.0


def analyse(pathway: Pathway) -> Analysis:
    """Every measure of the pathway; works on any pathway that loads, even with rule errors."""
    return Analysis(
        pathway=pathway.id,
        title=pathway.title,
        steps=len(pathway.steps),
        transitions=len(pathway.transitions),
        decisions=sum(s.kind is StepKind.DECISION for s in pathway.steps),
        organisations_by_role=_organisations_by_role(pathway),
        handoffs=tuple(handoffs(pathway)),
        settings=_settings(pathway),
        partners=tuple(_partner_shares(pathway)),
        routes=_routes(pathway),
        outcomes={o.id: tuple(_measured_at(pathway, o.id)) for o in pathway.outcomes},
    )


def _organisations_by_role(pathway: Pathway) -> dict[str, tuple[str, ...]]:
    found = {
        role.value: tuple(o.id for o in pathway.organisations if o.role is role) for role in Role
    }
    return {role: ids for role, ids in found.items() if ids}


def handoffs(pathway: Pathway) -> list[Handoff]:
    """Transitions between steps owned by different organisations, in file order."""
    owners = {s.id: s.owner for s in reversed(pathway.steps)}  # the first step with an id wins
    found = []
    for i, t in enumerate(pathway.transitions):
        a, b = owners.get(t.from_), owners.get(t.to)
        if a and b and a != b:
            how = t.handoff.strip() if t.handoff else ""
            found.append(Handoff(i, t.from_, t.to, a, b, how or None))
    return found


def _settings(pathway: Pathway) -> dict[str, int]:
    counts: dict[str, int] = {}
    for step in pathway.steps:
        key = step.setting.value if step.setting else NOT_GIVEN
        counts[key] = counts.get(key, 0) + 1
    # Most used first; "not given" last, as it is not a place.
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == NOT_GIVEN, -kv[1], kv[0])))


def _partner_shares(pathway: Pathway) -> Iterable[PartnerShare]:
    for org in pathway.organisations:
        yield PartnerShare(
            org.id,
            org.role.value,
            tuple(s.id for s in pathway.steps if s.owner == org.id),
            tuple(s.id for s in pathway.steps if org.id in s.partners),
        )


def _measured_at(pathway: Pathway, outcome: str) -> Iterable[str]:
    return (s.id for s in pathway.steps if outcome in s.measures)


def _routes(pathway: Pathway) -> Routes:
    # imported here: `validate` needs `handoffs` on every commit, not the route search
    from .routes import routes

    return routes(pathway)
