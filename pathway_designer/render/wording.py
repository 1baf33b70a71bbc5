"""The words a diagram uses for the format's values: `4h` is "4 hours", `nhs-provider` "NHS provider"."""

from __future__ import annotations

import re

from ..model import Role, Setting

ROLE_WORDS: dict[Role, str] = {
    Role.COMMISSIONER: "commissioner",
    Role.NHS_PROVIDER: "NHS provider",
    Role.PRIMARY_CARE: "primary care",
    Role.SOCIAL_CARE: "social care",
    Role.VOLUNTARY_SECTOR: "voluntary sector",
    Role.PRIVATE_PROVIDER: "private provider",
    Role.SERVICE_USERS_CARERS: "service users and carers",
    Role.OTHER: "other partner",
}

SETTING_WORDS: dict[Setting, str] = {
    Setting.HOME: "at home",
    Setting.COMMUNITY: "community",
    Setting.PRIMARY_CARE: "primary care",
    Setting.HOSPITAL: "hospital",
    Setting.INPATIENT: "inpatient",
    Setting.REMOTE: "remote",
}
NO_SETTING = "setting not stated"
UNASSIGNED = "Unassigned"

_UNITS = {"m": "minute", "h": "hour", "d": "day", "w": "week"}
_TIME = re.compile(r"^([0-9]+(?:\.[0-9]+)?)([mhdw])$")


def readable_time(value: str) -> str:
    """`4h` as "4 hours", `1d` as "1 day"; anything else as written."""
    match = _TIME.match(value)
    if not match:
        return value
    number, unit = match.groups()
    word = _UNITS[unit]
    return f"{number} {word}" if number == "1" else f"{number} {word}s"


def starts_within(wait: str) -> str:
    """A step's wait in words: "starts within 4 hours", or "starts at once" for a wait of 0."""
    match = _TIME.match(wait)
    if match and float(match.group(1)) == 0:
        return "starts at once"
    return f"starts within {readable_time(wait)}"


def setting_words(setting: Setting | None) -> str:
    return SETTING_WORDS[setting] if setting is not None else NO_SETTING


def role_words(role: Role) -> str:
    return ROLE_WORDS.get(role, str(role.value))
