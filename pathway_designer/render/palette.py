"""The diagram's colours and line styles: Okabe-Ito, safe for colour-blind viewers and greyscale print.

Colour never carries meaning alone. A setting's fill colour is also written in the step as a word; an
error or a warning is also a line style (solid thick or dashed) and a symbol with the rule's name; a
difference between versions is also a line style and a `+`, `−` or `~` before the label. Fills are
light tints so black text stays readable on every one of them, in colour and in greyscale.

Okabe, M. and Ito, K. (2008) *Color Universal Design*: https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from dataclasses import dataclass

from ..finding import Severity
from ..model import Setting, StepKind
from .marks import Mark

# The Okabe-Ito colours, by name.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

INK = "#222222"  # text and ordinary outlines
QUIET_INK = "#555555"  # details under a step's label
LANE_FILLS = ("#F4F4F4", "#FFFFFF")  # lanes alternate, so neighbouring lanes stay apart in print
LANE_BORDER = "#9A9A9A"
NO_SETTING_FILL = "#FFFFFF"


def tint(colour: str, white: float) -> str:
    """`colour` mixed with `white` parts of white (0 to 1): a light fill that keeps text readable."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * white) for c in (r, g, b))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def shade(colour: str, black: float) -> str:
    """`colour` mixed with `black` parts of black (0 to 1): a darker line of the same hue."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - black)):02X}" for c in (r, g, b))


# Okabe-Ito orange prints as a pale grey; warnings are drawn in a darker shade of it, so that
# their dashed outline and symbol still show in greyscale print (vermillion already does).
WARNING_ORANGE = shade(ORANGE, 0.15)

# One strong colour per setting, shown as a light tint. Vermillion is kept for errors.
SETTING_COLOURS: dict[Setting, str] = {
    Setting.HOME: ORANGE,
    Setting.COMMUNITY: BLUISH_GREEN,
    Setting.PRIMARY_CARE: YELLOW,
    Setting.HOSPITAL: BLUE,
    Setting.INPATIENT: REDDISH_PURPLE,
    Setting.REMOTE: SKY_BLUE,
}
SETTING_FILLS: dict[Setting, str] = {
    setting: tint(colour, 0.72 if setting is not Setting.PRIMARY_CARE else 0.55)
    for setting, colour in SETTING_COLOURS.items()
}


def setting_fill(setting: Setting | None) -> str:
    return SETTING_FILLS[setting] if setting is not None else NO_SETTING_FILL


@dataclass(frozen=True)
class Shape:
    """How a step kind is drawn: a Graphviz shape (plus style), a Mermaid shape, and its name."""

    graphviz: str
    rounded: bool
    peripheries: int
    mermaid_open: str
    mermaid_close: str
    name: str


SHAPES: dict[StepKind, Shape] = {
    StepKind.ENTRY: Shape("ellipse", False, 1, "([", "])", "oval"),
    StepKind.ASSESSMENT: Shape("box", False, 1, "[", "]", "box"),
    StepKind.DECISION: Shape("diamond", False, 1, "{", "}", "diamond"),
    StepKind.INTERVENTION: Shape("box", True, 1, "(", ")", "rounded box"),
    StepKind.REFERRAL: Shape("cds", False, 1, ">", "]", "arrow"),
    StepKind.REVIEW: Shape("hexagon", False, 1, "{{", "}}", "hexagon"),
    StepKind.EXIT: Shape("ellipse", False, 2, "(((", ")))", "double oval"),
}
# A transition that names a step the pathway does not have goes to a placeholder drawn like this.
MISSING_STEP_SHAPE = Shape("box", False, 1, "[", "]", "dashed box")
# Several steps folded into one box in an overview: a stack of boxes.
FOLDED_SHAPE = Shape("box3d", False, 1, "[[", "]]", "stacked box")
COMMENT_SYMBOL = "✎"  # before the count of comments on a step (in DejaVu Sans, so PNGs show it)
COMMENT_INK = "#005EB8"  # NHS blue: 6.4:1 on white and on every setting's fill


@dataclass(frozen=True)
class Look:
    """An outline or line: colour, width, Graphviz style, the symbol before its text, its meaning."""

    colour: str
    width: float
    style: str  # "solid", "dashed" or "dotted"
    symbol: str
    meaning: str


FINDING_LOOKS: dict[Severity, Look] = {
    Severity.ERROR: Look(VERMILLION, 3.0, "solid", "✖", "error: thick solid outline"),
    Severity.WARNING: Look(WARNING_ORANGE, 2.5, "dashed", "⚠", "warning: dashed outline"),
}
ORDINARY = Look(INK, 1.2, "solid", "", "")
HANDOFF_LINE_WIDTH = 1.6
HANDOFF_COLOUR = INK  # drawn as a double line: "#222222:invis:#222222"
MISSING_STEP_LOOK = Look(VERMILLION, 2.0, "dashed", "✖", "a step the pathway does not have")


def double_line(colour: str) -> str:
    """A Graphviz colour list that draws an edge as two parallel lines."""
    return f"{colour}:invis:{colour}"

MARK_LOOKS: dict[Mark, Look] = {
    Mark.ADDED: Look(BLUISH_GREEN, 3.0, "solid", "+", "added: thick solid outline, +"),
    Mark.REMOVED: Look(VERMILLION, 2.5, "dashed", "−", "removed: dashed outline, −, struck through"),
    Mark.CHANGED: Look(BLUE, 3.0, "dotted", "~", "changed: dotted outline, ~"),
}
