"""The small crisis pathway that the diff and merge tests edit: its parts as data, and editing it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from pathway_designer.model import Pathway

Data = dict[str, Any]

HEAD: Data = {"format": 1, "id": "crisis", "title": "Adult crisis", "review": {"last": "2026-01-10"}}
ORGANISATIONS: list[Data] = [
    {"id": "trust", "name": "The Trust", "role": "nhs-provider"},
    {"id": "mind", "name": "Local Mind", "role": "voluntary-sector"},
]
REFERRAL: Data = {"id": "referral", "label": "Referral", "kind": "entry"}
TRIAGE: Data = {"id": "triage", "label": "Triage", "kind": "decision", "owner": "trust", "partners": ["mind"]}


def edited(data: Data, change: Callable[[Data], Any] | None = None) -> Pathway:
    """The pathway of `data` after `change(copy)`; `data` itself is left as it is."""
    copied = copy.deepcopy(data)
    if change:
        change(copied)
    return Pathway.model_validate(copied)
