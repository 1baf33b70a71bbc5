"""Twins: pathways of a workspace to compare like with like, found without knowing their ids.

Two pathways are twins when both adapt the same base, when one adapts the other, or when they are
alike: their titles and their steps' names share enough words (a similarity from 0 to 1, the mean of
two Jaccard indices: of the words of the titles, and of the steps' names). Each comes with its
geography and area, since twins are compared to see what a rural area does that an urban one does
not, and the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal

from ..model import Pathway
from ..store import StoreError, Workspace

Reason = Literal["share a base", "adapts", "alike"]
ALIKE = 0.5  # the similarity from which two pathways with no base in common are twins
_WORD = re.compile(r"[a-z0-9]+")
# Words that say where, not what: a rural and an urban version of one pathway differ in these.
_PLACE_WORDS = {"rural", "urban", "mixed", "national", "regional", "local", "city", "county"}


@dataclass(frozen=True)
class Side:
    id: str
    title: str
    geography: str | None
    area: str | None

    @classmethod
    def of(cls, pathway: Pathway) -> Side:
        context = pathway.context
        geography = context.geography.value if context and context.geography else None
        return cls(pathway.id, pathway.title, geography, context.area if context else None)


@dataclass(frozen=True)
class Twin:
    a: Side
    b: Side
    reason: Reason
    similarity: float  # 0 to 1
    base: str | None = None  # the base both adapt, or the one adapted

    def other(self, pathway_id: str) -> Side:
        return self.b if self.a.id == pathway_id else self.a

    def to_json(self) -> dict[str, Any]:
        return {
            "a": vars(self.a), "b": vars(self.b), "reason": self.reason,
            "similarity": round(self.similarity, 3), "base": self.base,
        }


def similarity(a: Pathway, b: Pathway) -> float:
    """The mean of the Jaccard indices of the titles' words and of the steps' names."""
    titles = _jaccard(_words(a.title) - _PLACE_WORDS, _words(b.title) - _PLACE_WORDS)
    steps = _jaccard({_name(s.label) for s in a.steps}, {_name(s.label) for s in b.steps})
    return (titles + steps) / 2


def pair(a: Pathway, b: Pathway) -> Twin | None:
    """Whether `a` and `b` are twins, and why."""
    score = similarity(a, b)
    sides = Side.of(a), Side.of(b)
    if a.base_id is not None and a.base_id == b.base_id:
        return Twin(*sides, "share a base", score, a.base_id)
    if a.base_id == b.id or b.base_id == a.id:
        return Twin(*sides, "adapts", score, b.id if a.base_id == b.id else a.id)
    return Twin(*sides, "alike", score) if score >= ALIKE else None


def twins(pathways: list[Pathway]) -> list[Twin]:
    """Every twin pair: those sharing a base first, then one adapting the other, then alike; the
    most similar first within each."""
    found = [t for a, b in combinations(pathways, 2) if (t := pair(a, b)) is not None]
    order = {"share a base": 0, "adapts": 1, "alike": 2}
    return sorted(found, key=lambda t: (order[t.reason], -t.similarity, t.a.id, t.b.id))


def workspace_twins(ws: Workspace) -> list[Twin]:
    """The twins among the latest versions of the workspace's pathways (unreadable ones left out)."""
    return twins(_readable(ws))


def twins_of(pathway: Pathway, others: list[Pathway]) -> list[Twin]:
    """The twins of one pathway (a draft, say) among others."""
    found = [t for o in others if o.id != pathway.id and (t := pair(pathway, o)) is not None]
    order = {"adapts": 0, "share a base": 1, "alike": 2}  # its base first: what it was made from
    return sorted(found, key=lambda t: (order[t.reason], -t.similarity, t.other(pathway.id).id))


def _readable(ws: Workspace) -> list[Pathway]:
    pathways = []
    for pathway_id in ws.pathway_ids():
        try:
            pathways.append(ws.pathway(pathway_id))
        except StoreError:
            continue
    return pathways


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _name(label: str) -> str:
    return " ".join(_WORD.findall(label.lower()))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
