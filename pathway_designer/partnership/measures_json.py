"""An `Analysis` as plain data and JSON (`pathway-designer analyse --format json`, the app).

Each route carries its minutes and, for people reading the JSON, its time in words.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..words import minutes_words
from .measures import Analysis


def as_data(analysis: Analysis) -> dict[str, Any]:
    """Plain data (lists, dicts, numbers, text) for JSON and the app."""
    data = asdict(analysis)
    data["routes"]["count_text"] = analysis.routes.count_text
    for name in ("fewest_steps", "most_steps", "quickest", "slowest"):
        route = data["routes"][name]
        if route is not None:
            route["time"] = minutes_words(route["minutes"])
    return data


def as_json(analysis: Analysis) -> str:
    return json.dumps(as_data(analysis), indent=2, ensure_ascii=False) + "\n"
