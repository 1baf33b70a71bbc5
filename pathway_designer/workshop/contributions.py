"""Who contributed to a pathway: saved versions, comments, sign-offs and involvement, per person.

The pack lists them; the app gathers the history and comments from the workspace as plain data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Pathway
from ..words import org_name, plural


@dataclass(frozen=True)
class HistoryEntry:
    """One saved version, as the pack shows it."""

    version: str
    date: str
    author: str
    organisation: str
    rationale: str


@dataclass(frozen=True)
class CommentEntry:
    """A comment on a step (or on the whole pathway when `step` is None)."""

    author: str
    organisation: str
    text: str
    date: str = ""
    step: str | None = None


@dataclass(frozen=True)
class Contributor:
    name: str
    organisation: str
    how: tuple[str, ...]  # "saved 3 versions", "commented", "signed off", "took part in involvement"


def contributors(
    pathway: Pathway,
    history: Iterable[HistoryEntry],
    comments: Iterable[CommentEntry] = (),
    automated: Iterable[str] = (),
) -> list[Contributor]:
    """Everyone who contributed: saved versions, commented, signed off, or took part in involvement.

    `automated` names authors that are tools, not people (e.g. whatever seeded the workspace).
    """
    found: dict[tuple[str, str], dict[str, int]] = {}
    tools = set(automated)

    def add(name: str, organisation: str, how: str) -> None:
        name = " ".join(name.split())
        if not name or name in tools:
            return
        key = (name, " ".join(organisation.split()))
        found.setdefault(key, {})
        found[key][how] = found[key].get(how, 0) + 1

    for h in history:
        add(h.author, h.organisation, "saved")
    for c in comments:
        add(c.author, c.organisation, "commented")
    for s in pathway.signoffs:
        add(s.name, org_name(pathway, s.organisation), "signed off")
    for i in pathway.involvement:
        add(i.who, "", "took part")
    people = []
    for (name, organisation), hows in sorted(found.items(), key=lambda kv: kv[0][0].casefold()):
        parts = []
        for how, n in hows.items():
            if how == "saved":
                parts.append(f"saved {plural(n, 'version')}")
            elif how == "commented":
                parts.append(plural(n, "comment"))
            elif how == "took part":
                parts.append("involvement: " + "; ".join(
                    f"{i.how} ({i.date.isoformat()})" for i in pathway.involvement
                    if " ".join(i.who.split()) == name))
            else:
                parts.append(how)
        people.append(Contributor(name, organisation, tuple(parts)))
    return people
