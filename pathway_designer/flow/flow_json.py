"""The analytic flow as JSON (`"version": 1`): ids beside labels; a figure without end (the wait
at a step that cannot keep up) is null, with `keeps_up` false."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Any

from .analytic import FlowResult

VERSION = 1


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def flow_data(result: FlowResult) -> dict[str, Any]:
    data = asdict(result)
    for step, flow in zip(data["steps"], result.steps, strict=True):
        step["keeps_up"] = flow.keeps_up
    for org, by_org in zip(data["organisations"], result.organisations, strict=True):
        org["cost_per_year"] = by_org.cost_per_year
    data.update(cost_per_person=result.cost_per_person, cost_per_year=result.cost_per_year,
                unstable=[s.id for s in result.unstable])
    return {"version": VERSION, **_finite(data)}


def flow_json(result: FlowResult) -> str:
    return json.dumps(flow_data(result), indent=2, ensure_ascii=False) + "\n"
