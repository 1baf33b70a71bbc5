"""What a person chooses when drawing a pathway: the lanes, the direction, and what to mark.

Every way of drawing (`build_diagram`, `render_dot`, `render_mermaid`, `render`) takes the same
choices as keyword arguments, typed once here as `Drawing`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TypedDict

from ..finding import Finding
from .marks import StepMarks, TransitionMarks


class LaneBy(str, Enum):
    """What the lanes of a diagram stand for."""

    ORGANISATION = "organisation"
    SETTING = "setting"
    NONE = "none"


class Orientation(str, Enum):
    """Which way the flow runs: left to right, or top to bottom."""

    LR = "LR"
    TB = "TB"


class Drawing(TypedDict, total=False):
    """The choices, each optional.

    `lanes`: "organisation" (default), "setting" or "none". `direction`: "LR" (default) or "TB".
    `findings` (from `validate`) are marked on the steps and transitions they concern. For a
    comparison or a semantic diff, `marks` maps step ids and `transition_marks` maps `(from, to)`
    to "added", "removed" or "changed"; pass a pathway holding the steps of both versions.
    `comments` maps step ids to how many comments each has: drawn as a marker with the count.
    """

    lanes: LaneBy | str
    direction: Orientation | str
    findings: Iterable[Finding]
    marks: StepMarks | None
    transition_marks: TransitionMarks | None
    comments: Mapping[str, int] | None
