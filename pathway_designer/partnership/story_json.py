"""The journey in words as JSON: the same sentences, with each step's id for programs that link
the story to a diagram or a pathway file."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .story import Story


def story_data(told: Story) -> dict[str, Any]:
    return asdict(told)


def story_json(told: Story) -> str:
    return json.dumps(story_data(told), indent=2, ensure_ascii=False) + "\n"
