"""Joint sign-off: partners agree to one content of the pathway, and the status follows agreement.

A sign-off records who signed (name, and email when a sign-in said it), for which organisation, when,
and the content fingerprint at the time of signing, so any later change shows as a stale sign-off.
One sign-off per organisation: signing again replaces that organisation's earlier one. The
commissioner's and the provider's agreement must come from different people: one person signing
for both is one agreement, not two. `sign_off` and `change_status` return a new pathway and leave
the one given untouched.
"""

from __future__ import annotations

import datetime as dt

from .. import names
from ..format.canonical import fingerprint
from ..model import PROVIDER_ROLES, Organisation, Pathway, Role, Signoff, Status
from ..words import STATUS_WORDS, word

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


def same_person(a: Signoff, b: Signoff) -> bool:
    """Whether two sign-offs were given by one person: by email when both say one, else by name."""
    if a.email and b.email:
        return a.email.strip().casefold() == b.email.strip().casefold()
    return names.plain(a.name) == names.plain(b.name)


def one_person_for_both(pathway: Pathway, current_only: bool = False) -> str | None:
    """The name of the one person who gave every commissioner and provider sign-off there is, when
    there is at least one of each and no two different people among them; otherwise None."""
    roles = {o.id: o.role for o in pathway.organisations}
    current = fingerprint(pathway) if current_only else None
    held = [s for s in pathway.signoffs if current is None or s.fingerprint == current]
    commissioners = [s for s in held if roles.get(s.organisation) is Role.COMMISSIONER]
    providers = [s for s in held if roles.get(s.organisation) in PROVIDER_ROLES]
    if not commissioners or not providers:
        return None
    if any(not same_person(c, p) for c in commissioners for p in providers):
        return None
    return commissioners[0].name


def sign_off(
    pathway: Pathway,
    organisation: str,
    name: str,
    role: str | None = None,
    today: dt.date | None = None,
    email: str | None = None,
) -> Pathway:
    """The pathway with `organisation`'s sign-off of its current content (replacing an earlier one);
    the organisation by its id or by its name as people write it."""
    organisation = organisation_named(pathway, organisation).id
    email = (email or "").strip() or None
    if email is not None:
        try:
            names.person_name(email, "the email address")
        except ValueError as exc:
            raise SignoffError(str(exc)) from None
    if not name.strip():
        raise SignoffError("a sign-off needs the name of the person signing")
    try:
        names.person_name(name, "the name of the person signing")
    except ValueError as exc:
        raise SignoffError(str(exc)) from None
    try:
        role = names.one_line(role, "the role") if role and role.strip() else None
    except ValueError as exc:
        raise SignoffError(str(exc)) from None
    signoff = Signoff(
        organisation=organisation,
        name=name.strip(),
        email=email,
        role=role,
        date=today or dt.date.today(),
        fingerprint=fingerprint(pathway),
    )
    others = [s for s in pathway.signoffs if s.organisation != organisation]
    return copied(pathway, signoffs=[*others, signoff])


def organisation_called(pathway: Pathway, given: str) -> Organisation | None:
    """The organisation of the pathway with the id or the name `given` (case and spacing aside)."""
    wanted = names.plain(given)
    return next(
        (o for o in pathway.organisations if o.id == given.strip() or names.plain(o.name) == wanted),
        None,
    )


def organisation_named(pathway: Pathway, given: str) -> Organisation:
    """`organisation_called`, or SignoffError naming the pathway's organisations."""
    found = organisation_called(pathway, given)
    if found is not None:
        return found
    known = "; ".join(f"{o.name} ({o.id})" for o in pathway.organisations)
    raise SignoffError(
        f"“{given}” is not an organisation of “{pathway.title}”: its organisations are {known}"
    )


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
                f"“{pathway.title}” cannot be {word(STATUS_WORDS, new, in_sentence=True)} yet: it "
                f"needs a sign-off of its current content from {' and from '.join(missing)}"
            )
        alone = one_person_for_both(pathway, current_only=True)
        if alone is not None:
            raise SignoffError(
                f"“{pathway.title}” cannot be {word(STATUS_WORDS, new, in_sentence=True)} yet: "
                f"{alone} signed for both the commissioner and the provider; the two sign-offs "
                "must come from different people of those organisations"
            )
    return copied(pathway, status=new)


def copied(pathway: Pathway, **changes: object) -> Pathway:
    """A deep copy with `changes`, keeping where it was read from (its header comment)."""
    copy = pathway.model_copy(deep=True, update=changes)
    copy.attach_source(pathway.source_name, None, pathway.header)
    return copy
