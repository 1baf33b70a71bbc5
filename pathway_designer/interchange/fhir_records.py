"""The parts of a PlanDefinition around its actions: goals as outcomes, involvement, endorsers
as sign-offs, and the small readers of FHIR values `fhir_import` shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..model import Direction
from . import fhir_codes as c
from .ids import Ids

Say = Callable[[str, str, str], None]  # rule, message in words, where in the file


def date(value: Any) -> str | None:
    """A FHIR date or dateTime as a date (None for a partial one such as `2024-05`)."""
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parts(extension: dict[str, Any]) -> dict[str, Any]:
    """The values of a complex extension's parts, by their url."""
    found: dict[str, Any] = {}
    for part in c.items(extension.get("extension")):
        if isinstance(part, dict) and isinstance(part.get("url"), str):
            found.setdefault(part["url"], next((v for k, v in part.items() if k.startswith("value")), None))
    return found


def goals(plan: dict[str, Any], say: Say) -> list[dict[str, Any]]:
    """The goals as outcomes."""
    ids, found = Ids(), []
    for i, goal in enumerate(c.items(plan.get("goal"))):
        if not isinstance(goal, dict):
            continue
        measure = c.concept_text(goal.get("description")) or f"Goal {i + 1}"
        direction = c.extension_value(goal, c.DIRECTION_EXT, "Code")
        if not isinstance(direction, str) or direction not in {d.value for d in Direction}:
            direction = Direction.HIGHER.value
            say(
                "fhir-direction",
                f"The file does not say whether more or less of ‘{measure[:80]}’ "
                "is the aim: imported as more; say which.",
                f"goal[{i}]",
            )
        targets = [t for t in c.items(goal.get("target")) if isinstance(t, dict)]
        target = _target(targets[0]) if targets else None
        found.append(
            {
                "id": ids.keep(goal.get("id")) or ids.make(measure, fallback="outcome"),
                "measure": measure,
                "direction": direction,
                "target": target,
            }
        )
    return found


def involvement(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The involvement records kept in the extension `involvement`."""
    return [
        {
            "date": date(p.get("date")),
            "who": p.get("who"),
            "how": p.get("how"),
            "changed": p.get("changed"),
        }
        for p in map(parts, c.extensions(plan, c.INVOLVEMENT_EXT))
    ]


def signoffs(plan: dict[str, Any], say: Say) -> list[dict[str, Any]]:
    """The endorsers that are sign-offs (with the extension `signoff`)."""
    found = []
    for i, endorser in enumerate(c.items(plan.get("endorser"))):
        signed = parts(next(iter(c.extensions(endorser, c.SIGNOFF_EXT)), {}))
        name = text(endorser.get("name")) if isinstance(endorser, dict) else None
        if not signed:
            say(
                "fhir-endorser",
                f"{name or 'Someone'} endorsed the PlanDefinition; a sign-off here is "
                "an organisation agreeing to this content: ask them to sign off.",
                f"endorser[{i}]",
            )
            continue
        found.append(
            {
                "organisation": signed.get("organisation"),
                "name": name,
                "role": signed.get("role"),
                "date": date(signed.get("date")),
                "fingerprint": signed.get("fingerprint"),
            }
        )
    return found


def _target(target: dict[str, Any]) -> str | None:
    """A goal's target in words: text as written, a quantity or a range with its unit."""
    if isinstance(target.get("detailString"), str):
        return str(target["detailString"]) or None
    for key in ("detailInteger", "detailBoolean"):
        if key in target:
            return str(target[key])
    quantity = target.get("detailQuantity")
    if isinstance(quantity, dict) and "value" in quantity:
        return f"{quantity.get('comparator', '')}{quantity['value']} {quantity.get('unit', '')}".strip()
    span = target.get("detailRange")
    if isinstance(span, dict):
        low, high = (c.mapping(span.get(k)) for k in ("low", "high"))
        unit = high.get("unit") or low.get("unit") or ""
        return f"{low.get('value', '')}–{high.get('value', '')} {unit}".strip()
    return c.concept_text(target.get("detailCodeableConcept"))
