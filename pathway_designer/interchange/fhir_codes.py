"""The names FHIR and this project give the parts of a PlanDefinition: code systems, extensions
and units, shared by the export and the import so both read and write the same ones.

Where FHIR R5 has an element for a part of a pathway, the part goes there; the few parts FHIR has
no element for (the exact status, the next review, involvement, barriers, the kind of help, sign-off
details) go in extensions under `BASE`, so an export imports back whole.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

BASE = "https://github.com/pathway-designer/pathway-designer/fhir"
PATHWAY_URL = "urn:pathway-designer:pathway:"  # + pathway id: the canonical url of a pathway
FINGERPRINT_SYSTEM = "urn:pathway-designer:fingerprint"
COMMIT_SYSTEM = "urn:pathway-designer:commit"

PLAN_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"
USAGE_CONTEXT = "http://terminology.hl7.org/CodeSystem/usage-context-type"
PARTICIPANT_FUNCTION = "http://terminology.hl7.org/CodeSystem/action-participant-function"
UCUM = "http://unitsofmeasure.org"


def code_system(name: str) -> str:
    return f"{BASE}/CodeSystem/{name}"


def extension_url(name: str) -> str:
    return f"{BASE}/StructureDefinition/{name}"


KIND = code_system("step-kind")
SETTING = code_system("setting")
ROLE = code_system("organisation-role")
GEOGRAPHY = code_system("geography")
ACTION_PART = code_system("action-part")  # `branch`: a decision's way on, not a step
PARTNER_FUNCTION = code_system("participant-function")  # `partner`: involved, not responsible

STATUS_EXT = extension_url("pathway-status")
REVIEW_DUE_EXT = extension_url("review-due")
FLOW_EXT = extension_url("flow")  # the flow fields as one JSON record (flow/carried.py)
INVOLVEMENT_EXT = extension_url("involvement")
MODALITY_EXT = extension_url("modality")
BARRIER_EXT = extension_url("barrier")
WAIT_EXT = extension_url("wait")
WHEN_EXT = extension_url("transition-when")
HANDOFF_EXT = extension_url("handoff")
DIRECTION_EXT = extension_url("outcome-direction")
SIGNOFF_EXT = extension_url("signoff")
ORDER_EXT = extension_url("transition-order")
BASE_REPOSITORY_EXT = extension_url("base-repository")  # the git remote holding a base pathway
TIME_EXT = extension_url("time-as-written")  # `1.50h`: a number JSON cannot write as it is

# a format time's unit, as UCUM writes it, and back
UNITS = {"m": "min", "h": "h", "d": "d", "w": "wk"}
UNIT_NAMES = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
FROM_UCUM = {"min": "m", "h": "h", "d": "d", "wk": "w", "s": None, "mo": None, "a": None}

# A pathway's lifecycle in FHIR's publication status (the exact status goes in STATUS_EXT)
STATUS_TO_FHIR = {
    "draft": "draft", "in-review": "draft", "agreed": "active", "live": "active", "retired": "retired",
}  # fmt: skip
STATUS_FROM_FHIR = {"draft": "draft", "active": "agreed", "retired": "retired"}

SELECTING = ("exactly-one", "at-most-one", "one-or-more", "any", "all-or-none")
BEFORE = ("before-start", "before", "before-end", "concurrent-with-start")
AFTER = ("after-end", "after", "after-start", "concurrent-with-end")


_CARRIED = re.compile(r"[ \r\n\t\S]")  # FHIR's string: at least one such character


def carried(text: str) -> bool:
    """Whether FHIR can hold a text: not empty, and not only invisible space characters (`\x85`,
    `\u2028`, `\u3000`), which its string type refuses."""
    return bool(_CARRIED.search(text))


def items(value: Any) -> list[Any]:
    """A FHIR list as a list (a file may put anything where a list belongs)."""
    return value if isinstance(value, list) else []


def mapping(value: Any) -> dict[str, Any]:
    """A FHIR element as a mapping (empty for anything else)."""
    return value if isinstance(value, dict) else {}


def coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def code_in(concept: Any, system: str) -> str | None:
    """The code of `system` in a CodeableConcept, if it has one."""
    if not isinstance(concept, dict):
        return None
    for c in items(concept.get("coding")):
        if isinstance(c, dict) and c.get("system") == system and isinstance(c.get("code"), str):
            return str(c["code"])
    return None


def concept_text(concept: Any) -> str | None:
    """What a CodeableConcept says in words: its text, else a coding's display or code."""
    if not isinstance(concept, dict):
        return None
    if isinstance(concept.get("text"), str) and concept["text"]:
        return str(concept["text"])
    for c in items(concept.get("coding")):
        if isinstance(c, dict):
            for key in ("display", "code"):
                if isinstance(c.get(key), str) and c[key]:
                    return str(c[key])
    return None


def extensions(element: Any, url: str) -> list[dict[str, Any]]:
    if not isinstance(element, dict):
        return []
    return [e for e in items(element.get("extension")) if isinstance(e, dict) and e.get("url") == url]


def extension_value(element: Any, url: str, kind: str) -> Any:
    """The `value<kind>` of the first extension `url` of an element (None if there is none)."""
    found = extensions(element, url)
    return found[0].get(f"value{kind}") if found else None


def duration(time: str) -> dict[str, Any]:
    """A format time (`4h`, `1.5d`) as a FHIR Duration; the text kept aside when the number
    would not read back as written (`1.50h`, `012m`)."""
    number, unit = time[:-1], time[-1]
    value: int | float = int(number) if number.isdigit() else float(number)
    out: dict[str, Any] = {"value": value, "unit": UNIT_NAMES[unit], "system": UCUM, "code": UNITS[unit]}
    if repr(value) != number:
        out["extension"] = [{"url": TIME_EXT, "valueString": time}]
    return out


def time_of(value: Any) -> str | None:
    """A FHIR Duration (or Quantity of time) as a format time, or None when it is not one."""
    if not isinstance(value, dict):
        return None
    written = extension_value(value, TIME_EXT, "String")
    if isinstance(written, str):
        return written
    unit = FROM_UCUM.get(str(value.get("code") or value.get("unit") or ""))
    number = value.get("value")
    if unit is None or isinstance(number, bool) or not isinstance(number, int | float | Decimal):
        return None
    try:
        text = format(Decimal(str(number)), "f")
    except InvalidOperation:
        return None
    return f"{text}{unit}" if not text.startswith("-") else None
