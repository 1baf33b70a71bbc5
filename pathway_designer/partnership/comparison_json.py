"""A `Comparison` as plain data and JSON (`pathway-designer compare --format json`), marks included."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .comparison import Comparison, comparison_marks, comparison_transition_marks
from .measures_json import as_data as analysis_data


def as_data(c: Comparison) -> dict[str, Any]:
    data = asdict(c)
    data["analysis_a"] = analysis_data(c.analysis_a)
    data["analysis_b"] = analysis_data(c.analysis_b)
    marks_a, marks_b = comparison_marks(c)
    data["marks"] = {"a": marks_a, "b": marks_b}
    ways_a, ways_b = comparison_transition_marks(c)
    data["transition_marks"] = {  # JSON keys are text: "from -> to"
        "a": {f"{x} -> {y}": mark for (x, y), mark in ways_a.items()},
        "b": {f"{x} -> {y}": mark for (x, y), mark in ways_b.items()},
    }
    return data


def as_json(c: Comparison) -> str:
    return json.dumps(as_data(c), indent=2, ensure_ascii=False) + "\n"
