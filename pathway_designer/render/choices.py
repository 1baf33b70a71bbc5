"""What a person chooses when drawing a pathway: the lanes, the direction, and what to mark.

Every way of drawing (`build_diagram`, `render_dot`, `render_mermaid`, `render`) takes the same
choices as keyword arguments, typed once here as `Drawing`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Fills:
    """Steps filled by a figure instead of by their setting (how busy each step is, say).

    Drawn by DOT (the app's diagrams); Mermaid keeps the settings' fills. Colour never carries
    meaning alone: `notes` adds a line in words to each step (the figure), and
    `key` lists each colour with its meaning, drawn under `heading` in the diagram's key in place
    of the settings' fills.
    """

    by_step: Mapping[str, str]  # step id -> fill colour ("#RRGGBB")
    notes: Mapping[str, str] = field(default_factory=dict)  # step id -> a line added to the step
    heading: str = ""
    key: tuple[tuple[str, str], ...] = ()  # (meaning, colour), in the order drawn

    def __post_init__(self) -> None:
        # colours are written into DOT's markup unquoted by the key: only plain hex colours pass
        colours = [*self.by_step.values(), *(colour for _, colour in self.key)]
        bad = [c for c in colours if not _COLOUR.fullmatch(c)]
        if bad:
            raise ValueError(f"fill colours are written #RRGGBB, not {bad[0]!r}")


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class Drawing(TypedDict, total=False):
    """The choices, each optional.

    `lanes`: "organisation" (default), "setting" or "none". `direction`: "LR" (default) or "TB".
    `findings` (from `validate`) are marked on the steps and transitions they concern. For a
    comparison or a semantic diff, `marks` maps step ids and `transition_marks` maps `(from, to)`
    to "added", "removed" or "changed"; pass a pathway holding the steps of both versions.
    `comments` maps step ids to how many comments each has: drawn as a marker with the count.
    `fills` fills steps by a figure instead of their setting (see `Fills`).
    """

    lanes: LaneBy | str
    direction: Orientation | str
    findings: Iterable[Finding]
    marks: StepMarks | None
    transition_marks: TransitionMarks | None
    comments: Mapping[str, int] | None
    fills: Fills | None
