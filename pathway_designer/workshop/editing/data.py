"""The pathway's plain data as edits change it: fields set from forms and tables, ids made from
words, items found by id, and the labels messages name them by.

Operations work on the pathway's plain data and go back through the same reading and validation
as a file (`edit.finish`), so an edit made in the app is exactly as strict as one made in YAML.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from enum import Enum
from typing import Any

from ...model import Pathway, without_empty
from ...words import TIME_HINT, TIME_REFUSED, typed_time
from .edit import Data, EditError

DATE_FIELDS = ("date", "last", "due")
TIME_FIELDS = ("wait", "duration")

# The order of a pathway's top-level fields, as the canonical form writes them.
TOP_ORDER = ("format", "id", "title", "summary", "status", "based-on", "review", "context",
             "organisations", "steps", "transitions", "outcomes", "involvement", "signoffs")


def data_of(pathway: Pathway) -> Data:
    """The pathway's data to change: new dicts and lists throughout (nothing shared with the
    model), enums as their text, dates kept as dates, empty optional fields left out."""
    data: Data = without_empty(_enum_values(pathway.model_dump(by_alias=True, mode="python")))
    return data


def _enum_values(value: Any) -> Any:
    # mode="json" would give the text of enums but also turn dates into text, which the
    # canonical form would then quote; so only the enums are turned into their text here
    if isinstance(value, dict):
        return {k: _enum_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_enum_values(v) for v in value]
    return value.value if isinstance(value, Enum) else value


def ordered_top(data: Data) -> Data:
    return {k: data[k] for k in TOP_ORDER if k in data}


def clean(value: Any) -> Any:
    """Empty text and empty lists mean "not given"; other text is stripped."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (list, tuple)):
        items = [clean(v) for v in value]
        return [v for v in items if v is not None] or None
    if value is not None and _is_missing(value):
        return None
    return value


def _is_missing(value: Any) -> bool:
    """NaN / NA values that tables (pandas) use for an empty cell."""
    try:
        return bool(value != value)  # NaN is the only value not equal to itself
    except (TypeError, ValueError):
        return False


def set_field(item: Data, key: str, value: Any) -> None:
    """Set one field from a form or a table cell; an empty value removes it. A wait or a duration
    may be typed in words ("2 weeks"); `EditError` when it is not a time at all."""
    value = clean(value)
    if isinstance(value, str) and key in TIME_FIELDS:
        try:
            value = typed_time(value)
        except ValueError:
            raise EditError(f"'{value}' {TIME_REFUSED} ({TIME_HINT}).") from None
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str) and key in DATE_FIELDS:
        # a date from a form or a table as text is kept as a date, as files write it; text that
        # is not a date stays text, and validation says so
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(value[:10])
    if value is None:
        item.pop(key, None)
    else:
        item[key] = value


def slug(text: str, taken: Iterable[str] = (), fallback: str = "step") -> str:
    """A kebab-case id from words ("Crisis café" -> `crisis-cafe`), unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or fallback
    taken = set(taken)
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def find(items: list[Data], key: str, value: str, what: str) -> Data:
    for item in items:
        if item.get(key) == value:
            return item
    raise EditError(f"There is no {what} '{value}'.")


def step_label(data: Data, step_id: str) -> str:
    for s in data.get("steps", []):
        if s.get("id") == step_id:
            return str(s.get("label") or step_id)
    return step_id


def way(data: Data, t: Data) -> str:
    """A way on in words: "'Triage' → 'Assessment' (when 'Risk is high')"."""
    when = f" (when '{t['when']}')" if t.get("when") else ""
    return f"'{step_label(data, t['from'])}' → '{step_label(data, t['to'])}'{when}"


def and_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def pop_at(items: list[Data], index: int, what: str) -> Data:
    """Take out the item at `index`; `EditError` naming it as people count (from 1) if none."""
    if not 0 <= index < len(items):
        raise EditError(f"There is no {what} number {index + 1}.")
    return items.pop(index)
