"""Who may use the workshop app, and as what: identity, roles, access codes and where it may listen.

- On this computer only (a loopback address, the default) everyone is trusted and may edit, unless
  sign-in is configured, which is then always used.
- Served to a network, people must sign in: with OpenID Connect (Streamlit's `st.login`) when an
  `[auth]` section is configured in `.streamlit/secrets.toml`, otherwise with a workshop access code
  from the environment (`PATHWAY_ACCESS_CODE` for editors, optionally `PATHWAY_VIEWER_CODE` for
  people who look and comment). With neither, the app refuses to start on such an address.
- Viewers can look and comment; editors can change, save, sign off and restore.

Codes are compared in constant time (`hmac.compare_digest` over digests of equal length), so the
time a wrong guess takes says nothing about the code; codes have at least 12 characters, and wrong
ones are slowed down by `workshop.attempts`. This module never imports streamlit; the app asks it
the questions and shows the answers.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10: Streamlit installs `toml`
    tomllib = None  # type: ignore[assignment]

from .. import names

ACCESS_CODE_ENV = "PATHWAY_ACCESS_CODE"
VIEWER_CODE_ENV = "PATHWAY_VIEWER_CODE"
EDITORS_ENV = "PATHWAY_EDITORS"  # with sign-in: e-mail addresses or @domains that may edit
MIN_CODE_LENGTH = 12


class Access(str, Enum):
    EDITOR = "editor"
    VIEWER = "viewer"

    @property
    def can_edit(self) -> bool:
        return self is Access.EDITOR


# The part a person plays in the workshop (not the organisation's role in the pathway).
PARTICIPANT_ROLES: dict[str, str] = {
    "commissioner": "Commissioner",
    "provider": "Provider (NHS, primary care, social care, voluntary or private)",
    "service-user": "Service user / expert by experience",
    "carer": "Carer or family member",
    "facilitator": "Workshop facilitator",
    "other": "Other",
}


@dataclass(frozen=True)
class Identity:
    """A participant: who they are, which organisation, their part, and what they may do."""

    name: str
    organisation: str
    role: str = "other"
    access: Access = Access.EDITOR
    email: str | None = None  # when a sign-in (OpenID Connect) said it
    signed_in: bool = False  # name, email and organisation come from the sign-in: not changeable

    @property
    def can_edit(self) -> bool:
        return self.access.can_edit

    def label(self) -> str:
        """`Amina (Voluntary sector)`: how others see them in announcements and history."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class IdentityError(ValueError):
    """What is missing or wrong in the details a person gave about themselves."""


def make_identity(
    name: str,
    organisation: str,
    role: str,
    access: Access = Access.EDITOR,
    email: str | None = None,
    signed_in: bool = False,
) -> Identity:
    """An identity from a form (or a sign-in); names are trimmed, limited, and must be given."""
    name = " ".join(name.split())[:80]
    organisation = " ".join(organisation.split())[:120]
    if not name:
        raise IdentityError("Please give your name, so others know who made each change.")
    if not organisation:
        raise IdentityError("Please say which organisation you are from (or 'none').")
    if role not in PARTICIPANT_ROLES:
        raise IdentityError(f"Choose your part in the workshop: {', '.join(PARTICIPANT_ROLES)}.")
    email = (email or "").strip() or None
    try:  # what every save and comment will record as the author: refused here, not there
        names.person_name(name, "Your name")
        names.person_name(organisation, "Your organisation")
        if email is not None:
            names.person_name(email, "Your email address")
    except ValueError as exc:
        raise IdentityError(f"{exc}.") from None
    return Identity(name, organisation, role, access, email, signed_in)


# -- where the app listens ------------------------------------------------------------------------


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*")


def listen_address(address: str) -> str:
    """The address as Streamlit must be given it, or `AccessConfigError` saying what is wrong.

    Streamlit passes the address to its web server as it is and crashes on anything else than an IP
    address or a host name, after the gate has let it through: so it is checked here, first. A
    bracketed IPv6 address (`[::1]`, as in a URL) is taken as the address inside the brackets;
    spaces are refused rather than trimmed, since a stray space usually means a quoting mistake.
    An empty address means all interfaces to Streamlit.
    """
    if address == "":
        return address
    if address != address.strip() or any(c.isspace() or not c.isprintable() for c in address):
        raise AccessConfigError(
            f"--address {address!r} has spaces or invisible characters in it: give the address "
            "alone, for example 127.0.0.1, ::1 or 0.0.0.0."
        )
    host = address[1:-1] if address.startswith("[") and address.endswith("]") else address
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if host is address and _HOST_NAME.fullmatch(host) and not host.replace(".", "").isdigit():
            return host
        raise AccessConfigError(
            f"--address {address!r} is not an IP address or a host name: give one such as "
            "127.0.0.1 (this computer only), ::1 or 0.0.0.0 (every network)."
        ) from None
    if host is not address and ip.version != 6:
        raise AccessConfigError(f"--address {address!r}: only IPv6 addresses are written in brackets")
    return str(ip) if ip.version == 6 else host


def is_loopback(address: str | None) -> bool:
    """True for addresses only this computer can reach: localhost, 127.0.0.0/8, ::1.

    An empty address means "all interfaces" to Streamlit, so it is *not* loopback.
    """
    if not address:
        return False
    host = address.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def oidc_configured(secrets: Mapping[str, Any] | None) -> bool:
    """True when secrets hold an `[auth]` section Streamlit's `st.login` can use."""
    if not secrets:
        return False
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping):
        return False
    if not (auth.get("redirect_uri") and auth.get("cookie_secret")):
        return False
    direct = auth.get("client_id") and auth.get("server_metadata_url")
    providers = any(
        isinstance(v, Mapping) and v.get("client_id") and v.get("server_metadata_url")
        for v in auth.values()
    )
    return bool(direct or providers)


def read_secrets(app_dir: Path, home: Path | None = None) -> dict[str, Any]:
    """Streamlit's secrets files merged (global first, then the app's): what `st.secrets` sees."""
    merged: dict[str, Any] = {}
    home = home if home is not None else Path.home()
    for path in (home / ".streamlit" / "secrets.toml", app_dir / ".streamlit" / "secrets.toml"):
        try:
            merged.update(_load_toml(path))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:  # TOMLDecodeError is a ValueError
            raise AccessConfigError(f"cannot read {path}: {exc}") from exc
    return merged


def _load_toml(path: Path) -> dict[str, Any]:
    if tomllib is not None:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    import toml  # type: ignore[import-untyped]  # pragma: no cover

    return dict(toml.load(path))  # pragma: no cover


class AccessConfigError(ValueError):
    """The access configuration is unsafe or unreadable; the message says what to do."""


class Gate(str, Enum):
    """How people get in: open (this computer only), sign-in, or a workshop access code."""

    OPEN = "open"
    SIGN_IN = "sign-in"
    CODE = "code"


def gate_for(
    address: str | None, secrets: Mapping[str, Any] | None, env: Mapping[str, str] | None = None
) -> Gate:
    """The gate for an address; `AccessConfigError` when a network address has no protection."""
    env = os.environ if env is None else env
    address = listen_address(address or "")
    if oidc_configured(secrets):
        return Gate.SIGN_IN
    codes = check_codes(env)  # a weak code is refused even on this computer: it would be used later
    if is_loopback(address):
        return Gate.OPEN
    if ACCESS_CODE_ENV in codes:
        return Gate.CODE
    raise AccessConfigError(
        f"refusing to serve the workshop app on '{address or 'all interfaces'}' without sign-in: "
        "configure OpenID Connect in .streamlit/secrets.toml ([auth] with redirect_uri, "
        f"cookie_secret, client_id, client_secret and server_metadata_url), or set {ACCESS_CODE_ENV} "
        "to a workshop access code; or use --address 127.0.0.1 to keep it on this computer."
    )


def check_codes(env: Mapping[str, str]) -> dict[str, str]:
    """The workshop codes that are set (by variable), or `AccessConfigError` for one that is too
    weak: shorter than `MIN_CODE_LENGTH` characters (spaces at either end not counted), blank (set
    but empty, or only spaces), or the viewer code the same as the editor code."""
    codes = {name: env[name] for name in (ACCESS_CODE_ENV, VIEWER_CODE_ENV) if name in env}
    for name, code in codes.items():
        if not code.strip():
            raise AccessConfigError(
                f"{name} is set but blank: give it a code of at least {MIN_CODE_LENGTH} characters "
                "(for example four random words), or unset it."
            )
        if len(code.strip()) < MIN_CODE_LENGTH:
            raise AccessConfigError(
                f"{name} is too short to protect a workshop: use at least {MIN_CODE_LENGTH} "
                f"characters (for example four random words); it has {len(code.strip())}."
            )
    if len(codes) == 2 and code_matches(codes[VIEWER_CODE_ENV], codes[ACCESS_CODE_ENV]):
        raise AccessConfigError(
            f"{VIEWER_CODE_ENV} is the same as {ACCESS_CODE_ENV}: viewers would be editors; "
            "give them a code of their own."
        )
    return codes


def _digest(code: str) -> bytes:
    return hashlib.sha256(code.encode("utf-8")).digest()


def code_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of a code typed in with the configured one (an empty code never
    matches). Both are hashed first, so their lengths do not show in the time taken either."""
    if not expected:
        return False
    return hmac.compare_digest(_digest(given), _digest(expected))


def access_for_code(given: str, env: Mapping[str, str] | None = None) -> Access | None:
    """The access a code gives: editor, viewer, or None when it matches neither code.

    Both comparisons always run, so a viewer code takes as long to check as an editor code.
    """
    env = os.environ if env is None else env
    editor = code_matches(given, env.get(ACCESS_CODE_ENV, ""))
    viewer = code_matches(given, env.get(VIEWER_CODE_ENV, ""))
    if editor:
        return Access.EDITOR
    if viewer:
        return Access.VIEWER
    return None


def access_for_user(email: str | None, env: Mapping[str, str] | None = None) -> Access:
    """Access for a signed-in person: editors are listed in PATHWAY_EDITORS (addresses or
    @domains, separated by commas); when it is not set, everyone signed in may edit."""
    env = os.environ if env is None else env
    listed = [e.strip().lower() for e in env.get(EDITORS_ENV, "").split(",") if e.strip()]
    if not listed:
        return Access.EDITOR
    email = (email or "").strip().lower()
    if not email:
        return Access.VIEWER
    domain = "@" + email.rpartition("@")[2]
    return Access.EDITOR if email in listed or domain in listed else Access.VIEWER
