"""What the command line prints in its text formats: people's text with control characters escaped.

Two guards, both from `pathway_designer.controls`. `echo` and `write` escape whatever reaches the
terminal, keeping only the line ends of the output itself, so no ESC, CR, BEL, C1 control, line
separator or bidirectional override in any writer's text gets through. A newline inside one value
(a sign-off name, a rationale) cannot be told from a line end once a writer has joined the lines, so
`for_text` escapes every piece of text in a result before a text writer sees it: a name with a
newline then shows as `\\n` and cannot start a line that looks like a finding.
JSON output goes out unchanged: `json.dumps` escapes control characters itself.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from ..controls import escaped, escaped_lines

T = TypeVar("T")


def echo(text: str = "", *, err: bool = False) -> None:
    """Print a line (or lines) on standard output, or standard error with `err`."""
    print(escaped_lines(text), file=sys.stderr if err else sys.stdout)


def write(text: str) -> None:
    """Write a whole text (a report, a file) on standard output as it is, but for its controls."""
    sys.stdout.write(escaped_lines(text))


def for_text(value: T) -> T:
    """`value` with every string in it escaped: in lists, tuples, mappings, named tuples,
    dataclasses and pydantic models (a pathway, a version, a diff, a save's result)."""
    return _escaped(value)  # type: ignore[no-any-return]


def _escaped(value: Any) -> Any:
    if type(value) is str:  # not a str enum (a severity, a status): those are the tool's words
        return escaped(value)
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return value.model_copy(update={name: _escaped(getattr(value, name)) for name in fields})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: _escaped(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changed)
    if isinstance(value, tuple) and hasattr(value, "_replace"):  # a named tuple
        names: tuple[str, ...] = value._fields  # type: ignore[attr-defined]
        return value._replace(**{name: _escaped(getattr(value, name)) for name in names})
    if isinstance(value, (list, tuple)):
        return type(value)(_escaped(v) for v in value)
    if isinstance(value, Mapping):
        return {_escaped(k): _escaped(v) for k, v in value.items()}
    return value
