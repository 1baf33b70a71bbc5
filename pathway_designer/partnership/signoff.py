"""Joint sign-off: partners agree to one content of the pathway, and the status follows agreement.

A sign-off records the content fingerprint at the time of signing, so any later change shows as a
stale sign-off. One sign-off per organisation: signing again replaces that organisation's earlier one.
`sign_off` and `change_status` return a new pathway and leave the one given untouched.
"""

from __future__ import annotations

import datetime as dt

from .. import names
from ..format.canonical import fingerprint
from ..model import PROVIDER_ROLES, Pathway, Role, Signoff, Status

AGREED = frozenset({Status.AGREED, Status.LIVE})  # the statuses that say partners have agreed


class SignoffError(ValueError):
    """A sign-off or status change that would record something untrue; the message says why."""


def signed_roles(pathway: Pathway, current_only: bool = False) -> tuple[bool, bool]:
    """(a commissioner has signed, a provider has signed); only current sign-offs if asked."""
    roles = {o.id: o.role for o in pathway.organisations}
    current = fingerprint(pathway) if current_only else None
    signed = {
        roles.get(s.organisation)
        for s in pathway.signoffs
        if current is None or s.fingerprint == current
    }
    return Role.COMMISSIONER in signed, bool(signed & PROVIDER_ROLES)


def missing_signatories(pathway: Pathway, current_only: bool = False) -> list[str]:
    """Which kinds of partner still need to sign: "a commissioner", "a provider", or none."""
    commissioner, provider = signed_roles(pathway, current_only)
    wanted = (("a commissioner", commissioner), ("a provider", provider))
    return [name for name, signed in wanted if not signed]


def sign_off(
    pathway: Pathway,
    organisation: str,
    name: str,
    role: str | None = None,
    today: dt.date | None = None,
) -> Pathway:
    """The pathway with `organisation`'s sign-off of its current content (replacing an earlier one)."""
    if pathway.organisation(organisation) is None:
        known = ", ".join(o.id for o in pathway.organisations)
        raise SignoffError(
            f"'{organisation}' is not an organisation of pathway '{pathway.id}'; its organisations "
            f"are {known}"
        )
    if not name.strip():
        raise SignoffError("a sign-off needs the name of the person signing")
    try:
        names.person_name(name, "the name of the person signing")
    except ValueError as exc:
        raise SignoffError(str(exc)) from None
    signoff = Signoff(
        organisation=organisation,
        name=name.strip(),
        role=(role or "").strip() or None,
        date=today or dt.date.today(),
        fingerprint=fingerprint(pathway),
    )
    others = [s for s in pathway.signoffs if s.organisation != organisation]
    return _copy(pathway, signoffs=[*others, signoff])


def change_status(pathway: Pathway, status: Status | str) -> Pathway:
    """The pathway with a new status; agreed and live need current commissioner and provider sign-offs."""
    try:
        new = Status(status)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise SignoffError(f"'{status}' is not a status; use one of {allowed}") from None
    if new in AGREED:
        missing = missing_signatories(pathway, current_only=True)
        if missing:
            raise SignoffError(
                f"pathway '{pathway.id}' cannot be {new.value} yet: it needs a sign-off of its "
                f"current content from {' and from '.join(missing)} (pathway-designer signoff "
                "PATH --organisation ORG --name NAME)"
            )
    return _copy(pathway, status=new)


def _copy(pathway: Pathway, **changes: object) -> Pathway:
    """A deep copy with `changes`, keeping where it was read from (its header comment)."""
    copy = pathway.model_copy(deep=True, update=changes)
    copy.attach_source(pathway.source_name, None, pathway.header)
    return copy
