"""Partners: the organisations taking part, added with their role and removed with what they held
(steps they own or share, their sign-offs)."""

from __future__ import annotations

from ...model import Pathway, Role
from ...words import ROLE_WORDS
from .data import data_of, set_field, slug
from .edit import Data, Edit, EditError, finish
from .impact import organisation_impact


def add_organisation(pathway: Pathway, name: str, role: str, org_id: str | None = None) -> Edit:
    """Add a partner organisation (its id is made from its name unless given)."""
    data = data_of(pathway)
    name = name.strip()
    if not name:
        raise EditError("Give the organisation's name.")
    if role not in {r.value for r in Role}:
        raise EditError(f"'{role}' is not a role; use one of {', '.join(ROLE_WORDS)}.")
    orgs: list[Data] = data["organisations"]
    if any(o["name"].casefold() == name.casefold() for o in orgs):
        raise EditError(f"'{name}' is already a partner.")
    new_id = org_id or slug(name, [o["id"] for o in orgs], "partner")
    if any(o["id"] == new_id for o in orgs):
        raise EditError(f"There is already an organisation with the id '{new_id}'.")
    orgs.append({"id": new_id, "name": name, "role": role})
    return finish(data, f"Added the partner '{name}' ({ROLE_WORDS[role]})", pathway.header)


def remove_organisation(pathway: Pathway, org_id: str) -> Edit:
    """Remove a partner: its steps are left with no owner, and its sign-offs go with it."""
    impact = organisation_impact(pathway, org_id)
    data = data_of(pathway)
    data["organisations"] = [o for o in data["organisations"] if o["id"] != org_id]
    if not data["organisations"]:
        raise EditError("A pathway needs at least one organisation.")
    for s in data["steps"]:
        if s.get("owner") == org_id:
            s.pop("owner")
        if org_id in s.get("partners", []):
            set_field(s, "partners", [p for p in s["partners"] if p != org_id])
    if "signoffs" in data:
        set_field(data, "signoffs", [s for s in data["signoffs"] if s.get("organisation") != org_id])
    return finish(data, impact.done(), pathway.header)
