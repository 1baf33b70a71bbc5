"""A whole pathway: starting a new one, copying one, and its details (title, context, review)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import PROVIDER_ROLES, Pathway
from .data import clean, data_of, ordered_top, set_field, slug
from .edit import Data, Edit, EditError, finish


def new_pathway(
    title: str,
    organisations: Iterable[tuple[str, str]],
    pathway_id: str | None = None,
    taken: Iterable[str] = (),
    summary: str | None = None,
) -> Edit:
    """A small starting pathway: a way in, an assessment, a way out, owned by the first partner.

    `organisations` are (name, role) pairs; ids are made from the names.
    """
    orgs: list[Data] = []
    for name, role in organisations:
        name = name.strip()
        if not name:
            continue
        orgs.append({"id": slug(name, [o["id"] for o in orgs], "partner"), "name": name, "role": role})
    if not orgs:
        raise EditError("Name at least one organisation taking part.")
    pid = pathway_id or slug(title, taken, "pathway")
    if pid in set(taken):
        raise EditError(f"A pathway with the id '{pid}' already exists; choose another title.")
    providers = {r.value for r in PROVIDER_ROLES}
    owner = next((o["id"] for o in orgs if o["role"] in providers), orgs[0]["id"])
    data: Data = {"format": 1, "id": pid, "title": title.strip() or pid, "status": "draft"}
    if summary:
        data["summary"] = summary
    data["organisations"] = orgs
    data["steps"] = [
        {"id": "referral", "label": "Referral or self-referral", "kind": "entry", "owner": owner},
        {"id": "assessment", "label": "First assessment", "kind": "assessment", "owner": owner},
        {"id": "discharge", "label": "Leaves the pathway with a plan", "kind": "exit", "owner": owner},
    ]
    data["transitions"] = [
        {"from": "referral", "to": "assessment"},
        {"from": "assessment", "to": "discharge"},
    ]
    return finish(data, f"Started a new pathway '{data['title']}'")


def copy_pathway(pathway: Pathway, pathway_id: str, title: str) -> Edit:
    """A copy of a pathway under a new id (e.g. from an example), as a draft based on it."""
    data = data_of(pathway)
    data["id"] = pathway_id
    data["title"] = title
    data["status"] = "draft"
    data["based-on"] = pathway.id
    data.pop("signoffs", None)
    return finish(ordered_top(data), f"Started '{title}' from '{pathway.title}'", pathway.header)


def update_details(pathway: Pathway, **fields: Any) -> Edit:
    """Title, summary, context (area, geography, population) and review dates."""
    data = data_of(pathway)
    for key, value in fields.items():
        if key in ("title", "summary"):
            if key == "title" and not clean(value):
                raise EditError("A pathway needs a title.")
            set_field(data, key, value)
        elif key in ("area", "geography", "population"):
            context = data.setdefault("context", {})
            set_field(context, key, value)
            if not context:
                data.pop("context")
        elif key in ("review_last", "review_due"):
            review = data.setdefault("review", {})
            set_field(review, key.removeprefix("review_"), value)
            if not review:
                data.pop("review")
        else:
            raise EditError(f"A pathway has no detail '{key}'.")
    return finish(ordered_top(data), "Changed the pathway's details", pathway.header)
