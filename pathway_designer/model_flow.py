"""The flow fields of the format (all optional): how many people arrive, how many a step can take at
once, how long a step takes and how that varies, how many may wait, what it costs, which share of
people takes each way on, and the delay before they move on. `flow/from_pathway.py` reads them into
a queueing network; `docs/format.md` says how to write them.

Times are the format's times (`3d`); calendars are periods from the start of a repeating cycle
(`{from: 8h, to: 17h, places: 3}`), the cycle being the last period's end.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import Discriminator, Field, Strict, StringConstraints, Tag

from .model_parts import Identifier, Part, Str, TimeStandard, Whole

RATE_PATTERN = r"^[0-9]+(\.[0-9]+)?/[hdw]$"
SHARE_PATTERN = r"^([0-9]+(\.[0-9]+)?%|rest)$"
COST_PATTERN = r"^£[0-9][0-9,]*(\.[0-9]+)? per (person|day)$"
REST = "rest"

Rate = Annotated[str, Strict(), StringConstraints(pattern=RATE_PATTERN)]
Share = Annotated[str, Strict(), StringConstraints(pattern=SHARE_PATTERN)]
Cost = Annotated[str, Strict(), StringConstraints(pattern=COST_PATTERN)]
Count = Annotated[Whole, Field(ge=0)]
# A whole number is a number too; text, booleans and infinities are not
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]


class Shape(str, Enum):
    """How a length of time varies (`flow/distributions.py` holds their arithmetic)."""

    FIXED = "fixed"  # (value,)
    EXPONENTIAL = "exponential"  # (mean,)
    LOGNORMAL = "lognormal"  # (meanlog, sdlog): of the log of hours
    GAMMA = "gamma"  # (shape, scale)
    WEIBULL = "weibull"  # (shape, scale)
    UNIFORM = "uniform"  # (low, high)


class TimeUnit(str, Enum):
    """The unit of time a model from another tool (PathSimR) was written in."""

    HOURS = "h"
    DAYS = "d"
    WEEKS = "w"


class Spread(Part):
    """How a duration (or a delay) varies around its mean: a shape with a spread (`sd`), or the
    shape's own parameters exactly as another tool gives them."""

    shape: Shape = Field(description="fixed, exponential, lognormal, gamma, weibull or uniform.")
    sd: TimeStandard | None = Field(
        default=None, description="The standard deviation, a time (1d); the mean is the duration."
    )
    meanlog: Number | None = Field(
        default=None, description="Lognormal, exactly: the mean of the log of the time in hours."
    )
    sdlog: Annotated[Number, Field(ge=0)] | None = Field(
        default=None, description="Lognormal, exactly: the standard deviation of the log of hours."
    )
    shape_parameter: Annotated[Number, Field(gt=0)] | None = Field(
        default=None, description="Gamma or Weibull, exactly: the shape parameter (k)."
    )
    scale: TimeStandard | None = Field(
        default=None, description="Gamma or Weibull, exactly: the scale, a time (1.5d)."
    )
    low: TimeStandard | None = Field(default=None, description="Uniform, exactly: the shortest time.")
    high: TimeStandard | None = Field(default=None, description="Uniform, exactly: the longest time.")


class CapacityPeriod(Part):
    """Places from one time of the cycle to another (hours from its start: 8h to 17h)."""

    from_: TimeStandard = Field(alias="from", description="Start, from the start of the cycle (8h).")
    to: TimeStandard = Field(description="End (17h); the last period's end is the cycle (1d, 7d).")
    places: Count = Field(description="How many people the step can take at once in this period.")


class ArrivalPeriod(Part):
    """A rate of arrivals from one time of the cycle to another."""

    from_: TimeStandard = Field(alias="from", description="Start, from the start of the cycle (0h).")
    to: TimeStandard = Field(description="End, from the start of the cycle (8h).")
    rate: Rate = Field(description="People arriving per hour, day or week in this period (3/h).")


class QueueLimit(Part):
    """How many people can wait for the step, apart for those arriving from outside and those
    moving on from another step (who stay blocked in their place while the queue is full)."""

    from_outside: Count | None = Field(
        default=None, description="Waiting places for people from outside; beyond, they are turned away."
    )
    from_other_steps: Count | None = Field(
        default=None, description="Waiting places for people from other steps; beyond, they stay put."
    )


def _written_as(value: Any) -> str:
    """Which form of a field of several forms was written, so only that form's errors are told
    (a list of periods with a typo is not also "not a number")."""
    if isinstance(value, list):
        return "many"
    return "mapping" if isinstance(value, (dict, Part)) else "one"  # a Part: when written out


Forms = Discriminator(_written_as)
FORM_TAGS = frozenset({"one", "many", "mapping"})  # in an error's location; the loader drops them

# The flow fields of a step and a way on, declared once for `Step`, `Transition` and the overrides of
# a scenario.
SpreadField = Annotated[Spread | None, Field(description="How the duration varies (its shape).")]
ArrivalsField = Annotated[
    Annotated[Annotated[Rate, Tag("one")] | Annotated[list[ArrivalPeriod], Tag("many")], Forms] | None,
    Field(description="People arriving from outside: a rate (36/w) or a repeating calendar."),
]
CapacityField = Annotated[
    Annotated[Annotated[Count, Tag("one")] | Annotated[list[CapacityPeriod], Tag("many")], Forms]
    | None,
    Field(description="How many people the step can take at once: a number or a calendar."),
]
QueueLimitField = Annotated[
    Annotated[Annotated[Count, Tag("one")] | Annotated[QueueLimit, Tag("mapping")], Forms] | None,
    Field(description="How many can wait: a number, or from-outside and from-other-steps."),
]
CostField = Annotated[
    Annotated[Annotated[Cost, Tag("one")] | Annotated[list[Cost], Tag("many")], Forms] | None,
    Field(description="What the step costs: £120 per person, £450 per day, or both in a list."),
]
ShareField = Annotated[
    Share | None, Field(description="The share of people leaving the step who take this way (30%), or rest.")
]
DelayField = Annotated[
    TimeStandard | None,
    Field(description="Time spent waiting to move on while keeping one's place (a discharge delay)."),
]
DelaySpreadField = Annotated[Spread | None, Field(description="How the delay varies (its shape).")]


class StepChange(Part):
    """A scenario's change to a step: the flow fields given replace the step's."""

    id: Identifier = Field(description="Id of the step changed.")
    duration: TimeStandard | None = Field(default=None, description="The step's duration in this scenario.")
    spread: SpreadField = None
    arrivals: ArrivalsField = None
    capacity: CapacityField = None
    queue_limit: QueueLimitField = None
    cost: CostField = None


class TransitionChange(Part):
    """A scenario's change to a way on, named by its two steps: the fields given replace the way's."""

    from_: Identifier = Field(alias="from", description="Id of the step the way leaves.")
    to: Identifier = Field(description="Id of the step it goes to.")
    share: ShareField = None
    delay: DelayField = None
    delay_spread: DelaySpreadField = None


class Way(Part):
    """A way on named by its two steps (for a scenario removing it)."""

    from_: Identifier = Field(alias="from", description="Id of the step the way leaves.")
    to: Identifier = Field(description="Id of the step it goes to.")


ScenarioName = Annotated[Str, StringConstraints(min_length=1, max_length=80)]
