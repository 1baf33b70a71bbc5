"""The building blocks of the format's models: the kinds of text, time and number a field holds,
and `Part`, the configuration every model shares (unknown fields are errors, names are kebab-case).

Apart from `model.py` so that the flow fields (`model_flow.py`) use the same blocks without a cycle.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from .ids import ID_PATTERN

TIME_PATTERN = r"^[0-9]+(\.[0-9]+)?[mhdw]$"

# Strict where the JSON Schema is strict: text is text (a plain 12345 in a file is a number, and
# refused as the schema refuses it), a whole number is a number (never the text "1").
Str = Annotated[str, Strict()]
Identifier = Annotated[
    str, Strict(), StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)
]
# At most 10 years (520 weeks): no care pathway waits longer, and a bound keeps every sum of times
# finite (a wait of 400 nines made the measures and the pack overflow).
MAX_TIME_WEEKS = 520
_UNIT_MINUTES = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1}
_MAX_TIME_MINUTES = MAX_TIME_WEEKS * _UNIT_MINUTES["w"]


def _within_bound(value: str) -> str:
    """A time the pattern accepted, refused when it is longer than MAX_TIME_WEEKS."""
    # Decimal is exact at any length, where float() would give inf and int() refuse 4,300+ digits
    if Decimal(value[:-1]) * _UNIT_MINUTES[value[-1]] > _MAX_TIME_MINUTES:
        raise PydanticCustomError(
            "time_too_long",
            "{time} is longer than 10 years; a time is at most {weeks} weeks ({weeks}w)",
            {"time": value if len(value) <= 24 else value[:20] + "…", "weeks": MAX_TIME_WEEKS},
        )
    return value


TimeStandard = Annotated[
    str, Strict(), StringConstraints(pattern=TIME_PATTERN), AfterValidator(_within_bound)
]
Text = Annotated[str, Strict(), StringConstraints(min_length=1)]


def _whole_number(value: Any) -> Any:
    # JSON Schema's integer is a whole number, 1.0 included; text and booleans stay refused
    return int(value) if isinstance(value, float) and value.is_integer() else value


Whole = Annotated[int, BeforeValidator(_whole_number), Strict()]


def _kebab(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


class Part(BaseModel):
    """Shared configuration: unknown fields are errors, names in files are kebab-case."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=_kebab,
        populate_by_name=True,
        use_enum_values=False,
        str_strip_whitespace=False,
        frozen=False,
    )
