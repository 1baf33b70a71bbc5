"""The flow fields carried as one record through formats that have no place for them (BPMN's
extension elements, a FHIR extension): JSON of each step's and way on's flow fields, the
scenarios and the unit, put back on the pathway read from the other format."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from ..model import Pathway
from .errors import FlowError

STEP_KEYS = ("spread", "arrivals", "capacity", "queue-limit", "cost")
WAY_KEYS = ("share", "delay", "delay-spread")


def flow_record(pathway: Pathway) -> str | None:
    """The pathway's flow fields as JSON (ASCII only, so any XML or JSON carries it); None if none."""
    data = pathway.model_dump(mode="json", by_alias=True)
    steps = {s["id"]: {k: s[k] for k in STEP_KEYS if s.get(k) is not None} for s in data["steps"]}
    ways = [
        {"from": t["from"], "to": t["to"], **{k: t[k] for k in WAY_KEYS if t.get(k) is not None}}
        for t in data["transitions"]
    ]
    record: dict[str, Any] = {
        "steps": {k: v for k, v in steps.items() if v},
        "transitions": [w for w in ways if len(w) > 2],
        "scenarios": data["scenarios"],
        "flow-unit": data["flow-unit"],
    }
    record = {k: v for k, v in record.items() if v}
    return json.dumps(record, ensure_ascii=True, separators=(",", ":")) if record else None


def with_flow_record(pathway: Pathway, record: str) -> Pathway:
    """The pathway with the flow fields of `record` put back (by step id; ways on by their two
    steps, in order); a FlowError in plain words when the record is not one."""
    try:
        carried = json.loads(record)
        data = pathway.model_dump(mode="json", by_alias=True)
        steps = {s["id"]: s for s in data["steps"]}
        for step_id, fields in carried.get("steps", {}).items():
            if step_id in steps:
                steps[step_id].update({k: v for k, v in fields.items() if k in STEP_KEYS})
        seen: dict[tuple[str, str], int] = {}
        pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for t in data["transitions"]:
            pairs.setdefault((t["from"], t["to"]), []).append(t)
        for way in carried.get("transitions", []):
            pair = (way["from"], way["to"])
            k = seen[pair] = seen.get(pair, -1) + 1
            if k < len(pairs.get(pair, [])):
                pairs[pair][k].update({f: v for f, v in way.items() if f in WAY_KEYS})
        data["scenarios"] = carried.get("scenarios", [])
        data["flow-unit"] = carried.get("flow-unit")
        return Pathway.model_validate(data, by_alias=True, by_name=False)
    # ValidationError is a ValueError; RecursionError: a record nested too deeply to parse
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        what = exc.errors()[0]["msg"].lower() if isinstance(exc, ValidationError) else "it is not readable"
        raise FlowError(f"The flow figures carried in the file could not be read back ({what}).") from None
