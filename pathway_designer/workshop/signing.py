"""Signing off as who you said you are: a person signs only for their own organisation.

The organisation a person gave when they joined (or that their sign-in set, `workshop.access`) is
matched to one of the pathway's partners by name (or id); there is no choice of "for whom". The
record keeps their name, their email when the sign-in said it, the organisation, the date and the
fingerprint of the content they agreed to (`partnership.signoff`).
"""

from __future__ import annotations

import datetime as dt

from ..model import Organisation, Pathway
from ..partnership.signoff import SignoffError, organisation_called, sign_off
from .access import Identity


def own_organisation(pathway: Pathway, person: Identity) -> Organisation | None:
    """The partner of the pathway that is the person's organisation, if it is one."""
    return organisation_called(pathway, person.organisation)


def not_a_partner(pathway: Pathway, person: Identity) -> str:
    """Why the person cannot sign this pathway, in words."""
    partners = ", ".join(o.name for o in pathway.organisations)
    return (
        f"You joined as {person.organisation}, which is not one of the partners of this pathway "
        f"({partners}): only someone from a partner can sign off for it."
    )


def sign_as(
    pathway: Pathway, person: Identity, role: str | None = None, today: dt.date | None = None
) -> Pathway:
    """The pathway with the person's sign-off for their own organisation, or `SignoffError`."""
    if not person.can_edit:
        raise SignoffError("Signing off needs editor access.")
    organisation = own_organisation(pathway, person)
    if organisation is None:
        raise SignoffError(not_a_partner(pathway, person))
    return sign_off(pathway, organisation.id, person.name, role, today, email=person.email)
