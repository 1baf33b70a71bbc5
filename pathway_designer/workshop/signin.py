"""Who a signed-in person is, as the login says: name and email from the identity provider, the
organisation from a configured mapping or from their one recorded choice.

With OpenID Connect (Streamlit's `st.login`), `st.user` carries the provider's claims. The name and
email are taken from them and cannot be changed in the app; the organisation comes from secrets'
`[organisations]` table (an email address or a domain to an organisation's name) or, when that says
nothing, from the person's first choice, recorded once in the workspace's git folder
(`store.memberships`) and fixed from then on. Sign-offs then record who signed as the login says.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..store.memberships import Memberships
from .access import Access, Identity, IdentityError, make_identity

ORGANISATIONS_SECTION = "organisations"  # secrets: email address or domain -> organisation name


def organisation_for(email: str | None, secrets: Mapping[str, Any] | None) -> str | None:
    """The organisation configured for a signed-in email: secrets' `[organisations]` maps an address
    (`"jane@icb.nhs.uk"`), a domain (`"trust.nhs.uk"` or `"@trust.nhs.uk"`) or a parent domain
    (`"nhs.net"` for `x.nhs.net`) to an organisation's name. The address wins over its domain, and
    a longer domain over a shorter one."""
    mapping = (secrets or {}).get(ORGANISATIONS_SECTION)
    email = (email or "").strip().casefold()
    if not isinstance(mapping, Mapping) or "@" not in email:
        return None
    table = {str(k).strip().casefold().lstrip("@"): str(v) for k, v in mapping.items() if str(v).strip()}
    if email in table:
        return table[email].strip()
    labels = email.rpartition("@")[2].split(".")
    for i in range(len(labels)):
        found = table.get(".".join(labels[i:]))
        if found:
            return found.strip()
    return None


def login_claims(user: Mapping[str, Any]) -> tuple[str, str | None]:
    """(name, email) from a sign-in's claims: the name, else given and family names, else the
    email's part before the @; `IdentityError` when the sign-in says neither."""
    email = str(user.get("email") or "").strip() or None
    name = " ".join(str(user.get("name") or "").split())
    if not name:
        name = " ".join(str(user.get(k) or "") for k in ("given_name", "family_name")).strip()
    if not name and email:
        name = email.partition("@")[0]
    if not name:
        raise IdentityError("Your sign-in did not say your name or email: ask the facilitator.")
    return name, email


def known_organisation(
    email: str | None, secrets: Mapping[str, Any] | None, memberships: Memberships
) -> str | None:
    """The organisation a signed-in person is from, if it is settled: configured, or recorded."""
    if not email:
        return None
    return organisation_for(email, secrets) or memberships.organisation(email)


def signed_in_identity(
    user: Mapping[str, Any],
    secrets: Mapping[str, Any] | None,
    memberships: Memberships,
    role: str,
    access: Access,
    chosen: str | None = None,
) -> Identity:
    """The identity of a signed-in person. Their organisation is the configured or recorded one;
    only when neither is known is `chosen` used, and recorded so that it holds from then on."""
    name, email = login_claims(user)
    organisation = known_organisation(email, secrets, memberships)
    if organisation is None:
        chosen = " ".join((chosen or "").split())
        if not chosen:
            raise IdentityError("Please say which organisation you are from.")
        make_identity(name, chosen, role, access, email)  # check it before it is recorded for good
        organisation = memberships.record(email, chosen) if email else chosen
    return make_identity(name, organisation, role, access, email, signed_in=True)
