"""A figure that may change with the time of day or the day of the week, repeating: a step's
capacity (3 places from 8:00 to 17:00, none at night) or a rate of arrivals.

Times are hours from the start of the cycle (PathSimR's calendar rows: start, end, value).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


class CalendarError(ValueError):
    """Periods that do not follow each other from 0, or a negative figure."""


@dataclass(frozen=True)
class Period:
    start: float  # hours from the start of the cycle
    end: float
    value: float


@dataclass(frozen=True)
class Calendar:
    """Periods that follow each other from hour 0; the cycle is the last period's end. One period
    with an infinite end is a constant."""

    periods: tuple[Period, ...]

    def __post_init__(self) -> None:
        if not self.periods:
            raise CalendarError("a calendar needs at least one period")
        at = 0.0
        for p in self.periods:
            if p.start != at or not p.end > p.start:
                raise CalendarError("the periods of a calendar follow each other from hour 0")
            if p.value < 0:
                raise CalendarError("a calendar's figure cannot be negative")
            at = p.end
        if len(self.periods) > 1 and at == float("inf"):
            raise CalendarError("a calendar of several periods repeats: its last period ends")

    @classmethod
    def constant(cls, value: float) -> Calendar:
        return cls((Period(0.0, float("inf"), float(value)),))

    @property
    def is_constant(self) -> bool:
        return len({p.value for p in self.periods}) == 1

    @property
    def cycle(self) -> float:
        """Hours after which the calendar repeats (infinite for a constant)."""
        return self.periods[-1].end

    def at(self, hour: float) -> float:
        """The figure at `hour` (any hour: the calendar repeats)."""
        if self.cycle == float("inf"):
            return self.periods[0].value
        return self._lookup(hour % self.cycle)

    def _lookup(self, hour: float) -> float:
        starts = [p.start for p in self.periods]
        return self.periods[bisect.bisect_right(starts, hour) - 1].value

    @property
    def mean(self) -> float:
        """The time-averaged figure over one cycle."""
        if self.cycle == float("inf"):
            return self.periods[0].value
        return sum((p.end - p.start) * p.value for p in self.periods) / self.cycle

    @property
    def peak(self) -> float:
        return max(p.value for p in self.periods)

    def shifted(self, hours: float) -> Calendar:
        """The calendar started `hours` later: its hour 0 falls at `hours` (PathSimR starts the
        calendar at the end of the warm-up, so the measured period begins at its hour 0)."""
        if self.is_constant or self.cycle == float("inf"):
            return self
        offset = hours % self.cycle
        if offset == 0:
            return self
        # the part of the cycle that is running at hour 0 of the shifted calendar, then the rest
        cut = self.cycle - offset
        pieces: list[tuple[float, float, float]] = []
        for p in self.periods:
            for a, b in ((p.start, min(p.end, cut)), (max(p.start, cut), p.end)):
                if b > a:
                    start = a + offset if a < cut else a - cut
                    pieces.append((start, start + (b - a), p.value))
        pieces.sort()
        merged: list[Period] = []
        for start, end, value in pieces:
            if merged and merged[-1].value == value:
                merged[-1] = Period(merged[-1].start, end, value)
            else:
                merged.append(Period(start, end, value))
        return Calendar(tuple(merged))
