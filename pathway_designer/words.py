"""Plain words for the format's values, for people who never read the YAML (the workshop app).

The file keeps short kebab-case values (`nhs-provider`, `primary-care`); people in a workshop see the
words here. Every value of every enum of the model has a word, and a test checks it.
"""

from __future__ import annotations

from .finding import Severity
from .model import Role, Setting, Status, StepKind

KIND_WORDS: dict[str, str] = {
    StepKind.ENTRY.value: "Way in",
    StepKind.ASSESSMENT.value: "Assessment",
    StepKind.DECISION.value: "Decision",
    StepKind.INTERVENTION.value: "Help or treatment",
    StepKind.REFERRAL.value: "Referral",
    StepKind.REVIEW.value: "Review",
    StepKind.EXIT.value: "Way out",
}

SETTING_WORDS: dict[str, str] = {
    Setting.HOME.value: "At home",
    Setting.COMMUNITY.value: "In the community",
    Setting.PRIMARY_CARE.value: "GP practice / primary care",
    Setting.HOSPITAL.value: "Hospital",
    Setting.INPATIENT.value: "Hospital stay (inpatient)",
    Setting.REMOTE.value: "Phone or online",
}

ROLE_WORDS: dict[str, str] = {
    Role.COMMISSIONER.value: "Commissioner",
    Role.NHS_PROVIDER.value: "NHS provider",
    Role.PRIMARY_CARE.value: "Primary care",
    Role.SOCIAL_CARE.value: "Social care",
    Role.VOLUNTARY_SECTOR.value: "Voluntary sector",
    Role.PRIVATE_PROVIDER.value: "Private provider",
    Role.SERVICE_USERS_CARERS.value: "Service users and carers",
    Role.OTHER.value: "Other",
}

STATUS_WORDS: dict[str, str] = {
    Status.DRAFT.value: "Draft",
    Status.IN_REVIEW.value: "In review",
    Status.AGREED.value: "Agreed",
    Status.LIVE.value: "Live",
    Status.RETIRED.value: "Retired",
}

SEVERITY_WORDS: dict[str, str] = {
    Severity.ERROR.value: "Must be fixed",
    Severity.WARNING.value: "Worth discussing",
    Severity.INFO.value: "For information",
}

DIRECTION_WORDS: dict[str, str] = {"higher": "Higher is better", "lower": "Lower is better"}

TIME_UNITS: dict[str, str] = {"m": "minute", "h": "hour", "d": "day", "w": "week"}


def time_words(value: str | None) -> str:
    """`4h` as `4 hours`, `1.5d` as `1.5 days`; empty for no value; unknown text as given."""
    if not value:
        return ""
    number, unit = value[:-1], TIME_UNITS.get(value[-1])
    if unit is None or not number:
        return value
    return f"{number} {unit}" + ("" if number == "1" else "s")


def word(table: dict[str, str], value: object) -> str:
    """The word for a value (an enum or its text); the value itself when there is none."""
    if value is None:
        return ""
    key = getattr(value, "value", value)
    return table.get(str(key), str(key))
