"""What the command line prints in its text formats: people's text with control characters escaped.

Two guards, both from `pathway_designer.controls`. `echo` and `write` escape whatever reaches the
terminal, keeping only the line ends of the output itself, so no ESC, CR, BEL, C1 control, line
separator or bidirectional override in any writer's text gets through. A newline inside one value
(a sign-off name, a rationale) cannot be told from a line end once a writer has joined the lines, so
`for_text` escapes every piece of text in a result before a text writer sees it: a name with a
newline then shows as `\\n` and cannot start a line that looks like a finding.
JSON output goes out unchanged: `json.dumps` escapes control characters itself.

The conventions of the command line's neighbours (ruff, git): results on standard output, summaries
and notes on standard error (`note`, silenced by `-q`), more with `-v` (`detail`), and colour
(`paint`) on a terminal unless `NO_COLOR` is set (to any value) or `--color never`.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from typing import Any, TypeVar

from ..controls import escaped, escaped_lines

T = TypeVar("T")


@dataclasses.dataclass
class Output:
    """How this run prints: set once from the global options."""

    quiet: bool = False
    verbose: bool = False
    color: bool = False


OUTPUT = Output()
_ANSI = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[36m", "good": "\x1b[32m",
         "bold": "\x1b[1m"}
_RESET = "\x1b[0m"


def wants_color(choice: str, stream: Any = None) -> bool:
    """`always`, `never`, or `auto`: on a terminal that is not dumb, unless NO_COLOR is set."""
    if choice in ("always", "never"):
        return choice == "always"
    stream = sys.stdout if stream is None else stream
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def configure(*, quiet: bool = False, verbose: bool = False, color: str = "auto") -> None:
    OUTPUT.quiet, OUTPUT.verbose, OUTPUT.color = quiet, verbose and not quiet, wants_color(color)


def paint(text: str, style: str) -> str:
    """`text` in the colour of `style` (a severity, `good`, `bold`) when colour is on. Apply it
    to text already escaped: the colour codes are the only escape sequences printed."""
    return f"{_ANSI[style]}{text}{_RESET}" if OUTPUT.color and style in _ANSI else text


def note(text: str) -> None:
    """A summary or a note, on standard error, unless -q."""
    if not OUTPUT.quiet:
        echo(text, err=True)


def detail(text: str) -> None:
    """More, with -v, on standard error."""
    if OUTPUT.verbose:
        echo(text, err=True)


def echo(text: str = "", *, err: bool = False) -> None:
    """Print a line (or lines) on standard output, or standard error with `err`."""
    print(escaped_lines(text), file=sys.stderr if err else sys.stdout)


def echo_escaped(text: str) -> None:
    """Print a line whose people's text is escaped already (a finding's line, painted): the colour
    codes `paint` added are the only escape sequences in it."""
    print(text)


def write(text: str) -> None:
    """Write a whole text (a report, a file) on standard output as it is, but for its controls."""
    sys.stdout.write(escaped_lines(text))


def for_text(value: T) -> T:
    """`value` with every string in it escaped: in lists, tuples, mappings, named tuples,
    dataclasses and pydantic models (a pathway, a version, a diff, a save's result)."""
    return _escaped(value)  # type: ignore[no-any-return]


def _is_model(value: object) -> bool:
    """A pydantic model? Asked without importing pydantic: if nothing has imported it, no value is
    one (and `--version` or `history` need not pay for it)."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(value, pydantic.BaseModel)


def _escaped(value: Any) -> Any:
    if type(value) is str:  # not a str enum (a severity, a status): those are the tool's words
        return escaped(value)
    if _is_model(value):
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
