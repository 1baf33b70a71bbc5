"""Options offered in people's words: the `format_func` of a select box or a table's column."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def named(words: Mapping[Any, str], empty: str | None = None) -> Callable[[Any], str]:
    """Each option in its words; `empty` for the empty option ("" or None) when given; an option
    with no words as its own text (never a blank line in the list)."""

    def show(value: Any) -> str:
        if empty is not None and value in (None, ""):
            return empty
        return words.get(value, str(value))

    return show
