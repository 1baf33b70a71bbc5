"""A duration or delay with its spread (the file's `duration` + `spread`) as a `Distribution`, and
back, exactly: a distribution's own parameters are written as they are, so they read back equal."""

from __future__ import annotations

from ..model_flow import Shape, Spread
from .distributions import Distribution, DistributionError
from .errors import FlowError
from .quantities import hours, readable_time, time_text


def distribution_of(mean: str | None, spread: Spread | None, what: str) -> Distribution | None:
    """The time a step or delay takes; None when neither a time nor a spread is given. `what`
    names it for a person ("the duration of “Triage”")."""
    if spread is None:
        return None if mean is None else Distribution.fixed(hours(mean))
    try:
        exact = _exact(spread)
        if exact is not None:
            return exact
        if mean is None:
            raise FlowError(f"{_first_upper(what)} has a spread but no typical time to spread around.")
        if spread.shape in (Shape.FIXED, Shape.EXPONENTIAL):
            return Distribution.from_mean_sd(spread.shape, hours(mean), 0.0)
        if spread.sd is None:
            raise FlowError(
                f"{_first_upper(what)} is {spread.shape.value} but says neither how much it varies "
                f"(sd) nor the shape's own figures."
            )
        return Distribution.from_mean_sd(spread.shape, hours(mean), hours(spread.sd))
    except DistributionError as exc:
        raise FlowError(f"{_first_upper(what)}: {exc}.") from None


def _exact(spread: Spread) -> Distribution | None:
    """The distribution from its own parameters, when the spread gives them all."""
    s = spread
    if s.shape is Shape.LOGNORMAL and s.meanlog is not None and s.sdlog is not None:
        return Distribution(s.shape, (s.meanlog, s.sdlog))
    if s.shape in (Shape.GAMMA, Shape.WEIBULL) and s.shape_parameter is not None and s.scale:
        return Distribution(s.shape, (s.shape_parameter, hours(s.scale)))
    if s.shape is Shape.UNIFORM and s.low is not None and s.high is not None:
        return Distribution(s.shape, (hours(s.low), hours(s.high)))
    return None


def written(distribution: Distribution | None) -> tuple[str | None, Spread | None]:
    """(typical time, spread) for a file: exact for fixed and exponential times, whose mean is
    their parameter; the others keep their parameters and a mean for people to read."""
    if distribution is None:
        return None, None
    d = distribution
    if d.shape is Shape.FIXED:
        return time_text(d.params[0]), None
    if d.shape is Shape.EXPONENTIAL:
        return time_text(d.params[0]), Spread(shape=d.shape)
    mean = readable_time(d.mean)
    if d.shape is Shape.LOGNORMAL:
        return mean, Spread(shape=d.shape, meanlog=d.params[0], sdlog=d.params[1])
    if d.shape is Shape.UNIFORM:
        return mean, Spread(shape=d.shape, low=time_text(d.params[0]), high=time_text(d.params[1]))
    return mean, Spread(shape=d.shape, shape_parameter=d.params[0], scale=time_text(d.params[1]))


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
