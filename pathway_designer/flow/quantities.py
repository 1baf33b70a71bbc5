"""The flow fields' figures as written in a file (`3d`, `36/w`, `30%`, `£120 per person`) and as
numbers (hours, people per hour, shares, pounds), both ways, exactly: a number written by this
module reads back as the same float.
"""

from __future__ import annotations

from decimal import Decimal

from ..model_flow import REST

HOURS_IN = {"m": Decimal(1) / 60, "h": Decimal(1), "d": Decimal(24), "w": Decimal(168)}


def decimal_text(value: float, shift: int = 0) -> str:
    """The shortest decimal that reads back as `value` (times 10**shift), without an exponent:
    0.5, 12, 0.0001."""
    text = format(Decimal(repr(float(value))).scaleb(shift), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def hours(time: str) -> float:
    """A format time (`3d`, `45m`) in hours."""
    return float(Decimal(time[:-1]) * HOURS_IN[time[-1]])


def time_text(hours_: float) -> str:
    """Hours as a format time that reads back exactly (`36h`, `0.75h`)."""
    return f"{decimal_text(hours_)}h"


def readable_time(hours_: float) -> str:
    """Hours as a format time for people to read, to the minute (`3d`, `4.5h`, `20m`)."""
    minutes = round(hours_ * 60)
    for unit, size in (("w", 7 * 24 * 60), ("d", 24 * 60), ("h", 60)):
        if minutes >= size and minutes % (size // 4 if unit != "h" else 1) == 0:
            return f"{decimal_text(minutes / size)}{unit}"
    return f"{minutes}m"


def per_hour(rate: str) -> float:
    """A rate (`36/w`) in people per hour."""
    number, _, unit = rate.partition("/")
    return float(Decimal(number) / HOURS_IN[unit])


def rate_text(per_hour_: float) -> str:
    """People per hour as a rate that reads back exactly (`0.25/h`)."""
    return f"{decimal_text(per_hour_)}/h"


def share_of(share: str) -> float | None:
    """A share (`30%`) as a fraction; None for `rest`."""
    return None if share == REST else float(Decimal(share[:-1]) / 100)


def share_text(fraction: float) -> str:
    """A fraction as a share that reads back exactly (`33.3%`)."""
    return f"{decimal_text(fraction, 2)}%"  # shifted as a decimal: exact, where * 100 rounds


def cost_of(cost: str) -> tuple[float, str]:
    """A cost (`£1,200 per day`) as pounds and what it is per (`person` or `day`)."""
    amount, _, per = cost[1:].partition(" per ")
    return float(Decimal(amount.replace(",", ""))), per


def cost_text(pounds: float, per: str) -> str:
    return f"£{decimal_text(pounds)} per {per}"
