"""Lengths of time that vary: the spread of a step's duration or of a delay, in hours.

Parameters are kept as the distribution's own (R's and PathSimR's, except that a gamma has a scale
rather than a rate), so a PathSimR model round-trips exactly; `mean` and `sd` give the figures a
workshop talks about, and `from_mean_sd` builds one from them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ..model_flow import Shape  # the format's shapes, one enum for the file and the arithmetic

_ARITY = {Shape.FIXED: 1, Shape.EXPONENTIAL: 1, Shape.LOGNORMAL: 2, Shape.GAMMA: 2,
          Shape.WEIBULL: 2, Shape.UNIFORM: 2}


class DistributionError(ValueError):
    """Parameters that describe no distribution (a negative mean, a low above its high)."""


@dataclass(frozen=True)
class Distribution:
    """A length of time in hours, drawn from `shape` with `params` (see `Shape`)."""

    shape: Shape
    params: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.params) != _ARITY[self.shape]:
            raise DistributionError(
                f"a {self.shape.value} time takes {_ARITY[self.shape]} figures, "
                f"not {len(self.params)}"
            )
        if not all(math.isfinite(p) for p in self.params):
            raise DistributionError(f"a {self.shape.value} time needs finite figures")
        first = self.params[0]
        if self.shape is Shape.UNIFORM:
            if first < 0 or self.params[1] < first:
                raise DistributionError("a uniform time needs 0 ≤ low ≤ high")
        elif self.shape is Shape.LOGNORMAL:
            if self.params[1] < 0:
                raise DistributionError("a lognormal time needs a spread of 0 or more")
        elif self.shape is Shape.FIXED:
            if first < 0:
                raise DistributionError("a fixed time cannot be negative")
        elif any(p <= 0 for p in self.params):
            raise DistributionError(f"a {self.shape.value} time needs figures above 0")

    @classmethod
    def fixed(cls, hours: float) -> Distribution:
        return cls(Shape.FIXED, (float(hours),))

    @classmethod
    def exponential(cls, mean_hours: float) -> Distribution:
        return cls(Shape.EXPONENTIAL, (float(mean_hours),))

    @classmethod
    def from_mean_sd(cls, shape: Shape, mean: float, sd: float) -> Distribution:
        """The distribution of `shape` with this mean and standard deviation (hours)."""
        if mean <= 0 and shape is not Shape.FIXED:
            raise DistributionError("a time that varies needs a mean above 0")
        if shape is Shape.FIXED:
            return cls.fixed(mean)
        if shape is Shape.EXPONENTIAL:
            return cls.exponential(mean)
        if sd <= 0:
            raise DistributionError(f"a {shape.value} time needs a spread above 0")
        if shape is Shape.LOGNORMAL:
            sdlog2 = math.log1p((sd / mean) ** 2)
            return cls(shape, (math.log(mean) - sdlog2 / 2, math.sqrt(sdlog2)))
        if shape is Shape.GAMMA:
            k = (mean / sd) ** 2
            return cls(shape, (k, mean / k))
        if shape is Shape.UNIFORM:
            half = sd * math.sqrt(3)
            if half > mean:
                raise DistributionError("a uniform time this spread would go below 0")
            return cls(shape, (mean - half, mean + half))
        return cls(shape, _weibull_from(mean, sd))

    @property
    def mean(self) -> float:
        a = self.params[0]
        if self.shape in (Shape.FIXED, Shape.EXPONENTIAL):
            return a
        b = self.params[1]
        if self.shape is Shape.LOGNORMAL:
            return math.exp(a + b * b / 2)
        if self.shape is Shape.GAMMA:
            return a * b
        if self.shape is Shape.WEIBULL:
            return b * math.gamma(1 + 1 / a)
        return (a + b) / 2

    @property
    def variance(self) -> float:
        a = self.params[0]
        if self.shape is Shape.FIXED:
            return 0.0
        if self.shape is Shape.EXPONENTIAL:
            return a * a
        b = self.params[1]
        if self.shape is Shape.LOGNORMAL:
            return math.expm1(b * b) * math.exp(2 * a + b * b)
        if self.shape is Shape.GAMMA:
            return a * b * b
        if self.shape is Shape.WEIBULL:
            return b * b * (math.gamma(1 + 2 / a) - math.gamma(1 + 1 / a) ** 2)
        return (b - a) ** 2 / 12

    @property
    def sd(self) -> float:
        return math.sqrt(self.variance)

    def scaled(self, factor: float) -> Distribution:
        """The same spread with every time multiplied by `factor` (days to hours: 24)."""
        a = self.params[0]
        if self.shape is Shape.LOGNORMAL:
            return Distribution(self.shape, (a + math.log(factor), self.params[1]))
        if self.shape in (Shape.GAMMA, Shape.WEIBULL):
            return Distribution(self.shape, (a, self.params[1] * factor))
        return Distribution(self.shape, tuple(p * factor for p in self.params))

    def sample(self, rng: random.Random) -> float:
        """One time drawn with `rng` (the simulation's own generator, for reproducible runs)."""
        a = self.params[0]
        if self.shape is Shape.FIXED:
            return a
        if self.shape is Shape.EXPONENTIAL:
            return rng.expovariate(1 / a)
        b = self.params[1]
        if self.shape is Shape.LOGNORMAL:
            return rng.lognormvariate(a, b)
        if self.shape is Shape.GAMMA:
            return rng.gammavariate(a, b)
        if self.shape is Shape.WEIBULL:
            return rng.weibullvariate(b, a)
        return rng.uniform(a, b)


def _weibull_from(mean: float, sd: float) -> tuple[float, float]:
    """Weibull (shape, scale) with this mean and sd: the shape solved by bisection on the
    coefficient of variation, which falls as the shape grows."""
    cv = sd / mean

    def cv_of(k: float) -> float:
        g1 = math.gamma(1 + 1 / k)
        return math.sqrt(max(math.gamma(1 + 2 / k) / (g1 * g1) - 1, 0.0))

    low, high = 0.05, 200.0
    if not cv_of(high) <= cv <= cv_of(low):
        raise DistributionError("no Weibull time has this mean and spread")
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if cv_of(mid) > cv else (low, mid)
    k = (low + high) / 2
    return k, mean / math.gamma(1 + 1 / k)
