"""Loading a pathway: YAML text or a file to a `Pathway`, or findings that say what is wrong where.

Model errors from pydantic become `unknown-field` (with a "did you mean"), `missing-field` and
`invalid-value` (with the allowed values), each at the line and column of the node concerned.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import model
from ..finding import Finding, Severity
from .files import read_text
from .reading import Document, YamlReadError, read

Source = str | os.PathLike[str]

# A file with hundreds of unknown fields holds no typo worth guessing at; past this many, the
# findings list the allowed fields instead, since a guess for each would cost more than the reading.
MAX_GUESSES = 200


class PathwayError(Exception):
    """A pathway could not be loaded; `findings` say why and where."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def is_path(source: Source) -> bool:
    """Path objects are paths; so is a one-line string naming a .yaml or .yml file."""
    if isinstance(source, os.PathLike):
        return True
    return "\n" not in source and source.endswith((".yaml", ".yml"))


def read_source(source: Source) -> tuple[str, str]:
    """(text, name) of a source; raises PathwayError for an unreadable file."""
    if not is_path(source):
        return str(source), "<text>"
    path = Path(source)
    name = str(source)
    try:
        text = read_text(path)
    except YamlReadError as exc:
        raise PathwayError([f.at(name) for f in exc.findings]) from None
    except OSError as exc:
        raise PathwayError(
            [Finding("unreadable", Severity.ERROR, exc.strerror or str(exc), file=name)]
        ) from None
    return text, name


def load(source: Source) -> model.Pathway:
    """Load a pathway from a file path or YAML text; raises PathwayError with findings."""
    text, name = read_source(source)
    return load_text(text, name)


def load_text(text: str, name: str = "<text>") -> model.Pathway:
    try:
        document = read(text)
    except YamlReadError as exc:
        raise PathwayError([f.at(name) for f in exc.findings]) from None
    return from_document(document, name)


def from_document(document: Document, name: str = "<text>") -> model.Pathway:
    data = document.data
    if not isinstance(data, dict):
        line, column = document.position(())
        raise PathwayError(
            [
                Finding(
                    "not-a-mapping",
                    Severity.ERROR,
                    "a pathway file is a mapping of fields (format, id, title, ...) at the top "
                    f"level, not {_kind_of(data)}",
                    name,
                    line,
                    column,
                )
            ]
        )
    try:
        # Files use the names of the format only (`based-on`, `from`), never Python's (`based_on`).
        pathway = model.Pathway.model_validate(data, by_alias=True, by_name=False)
    except ValidationError as exc:
        errors = exc.errors()
        unknown = [i for i, err in enumerate(errors) if err["type"] == "extra_forbidden"]
        guessed = set(unknown[:MAX_GUESSES])
        raise PathwayError(
            [_model_finding(err, document, data, name, i in guessed) for i, err in enumerate(errors)]
        ) from None
    pathway.attach_source(name, document, document.header)
    return pathway


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return f"the text {str(value)[:40]!r}"


def _model_at(path: tuple[str | int, ...]) -> type[BaseModel]:
    """The model class that owns the field at `path`, following field annotations."""
    current: type[BaseModel] = model.Pathway
    owners: dict[str, type[BaseModel]] = {
        "review": model.Review,
        "context": model.Context,
        "organisations": model.Organisation,
        "steps": model.Step,
        "transitions": model.Transition,
        "outcomes": model.Outcome,
        "involvement": model.Involvement,
        "signoffs": model.Signoff,
    }
    if path and isinstance(path[0], str) and path[0] in owners:
        current = owners[path[0]]
    return current


def _step_of(data: dict[str, Any], path: tuple[str | int, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
        steps = data.get("steps")
        if isinstance(steps, list) and path[1] < len(steps) and isinstance(steps[path[1]], dict):
            step_id = steps[path[1]].get("id")
            return step_id if isinstance(step_id, str) else None
    return None


_NOUNS = {"steps": "step", "organisations": "organisation", "outcomes": "outcome"}


def dotted(path: tuple[str | int, ...], data: dict[str, Any] | None = None) -> str:
    """Where a field is, in words: `step 'triage'.label`, or `transitions[3].when`."""
    out = ""
    for i, part in enumerate(path):
        if isinstance(part, int):
            item = _item(data, path[:i], part) if i == 1 else None
            noun = _NOUNS.get(str(path[0])) if i == 1 else None
            if noun and isinstance(item, dict) and isinstance(item.get("id"), str):
                out = f"{noun} '{item['id']}'"
            else:
                out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "the pathway"


def _item(data: dict[str, Any] | None, prefix: tuple[str | int, ...], index: int) -> Any:
    items = data.get(str(prefix[0])) if data and prefix else None
    return items[index] if isinstance(items, list) and index < len(items) else None


_PATTERN_HINTS = {
    "wait": "write a number then m, h, d or w, e.g. 4h or 2w",
    "duration": "write a number then m, h, d or w, e.g. 4h or 2w",
    "fingerprint": "write sha256: then 64 hex digits (pathway-designer signoff writes it)",
}
_ID_HINT = "use lower-case letters, digits and single hyphens, e.g. crisis-team"


def _written(document: Document, path: tuple[str | int, ...]) -> str:
    """The scalar as the person wrote it (`1_000`, not 1000)."""
    written = document.node_at(path).value
    return written[:60] if isinstance(written, str) else "the value"


def _model_finding(
    err: Any, document: Document, data: dict[str, Any], name: str, guess: bool = True
) -> Finding:
    path = tuple(err["loc"])
    kind = err["type"]
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    value = err.get("input")
    step = _step_of(data, path)
    if kind == "extra_forbidden":
        owner_path = path[:-1]
        allowed = model.field_names(_model_at(owner_path))
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6) if guess else []
        hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed: {', '.join(allowed)}"
        line, column = document.position(path, key=True)
        return Finding(
            "unknown-field",
            Severity.ERROR,
            f"unknown field '{path[-1]}' in {dotted(owner_path, data)}{hint}",
            name,
            line,
            column,
            step,
        )
    line, column = document.position(path)
    if kind == "missing":
        return Finding(
            "missing-field",
            Severity.ERROR,
            f"{dotted(path[:-1], data)} needs '{path[-1]}'",
            name,
            line,
            column,
            step,
        )
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"{dotted(path, data)}: {value!r} is not allowed; use one of {expected}"
    elif kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(field, _ID_HINT)
        message = f"{dotted(path, data)}: {value!r} is not valid; {hint}"
    elif kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        message = f"{dotted(path, data)} is {len(str(value))} characters; at most {limit} are allowed"
    elif kind in {"time_too_long", "date_text"}:  # the message names the value already
        message = f"{dotted(path, data)}: {err['msg']}"
    elif kind == "string_type" and isinstance(value, (bool, int, float)):
        written = _written(document, path)
        what = "true or false" if isinstance(value, bool) else "a number"
        message = (
            f"{dotted(path, data)}: {written} is read as {what}, not as text; "
            f"put it in quotes to keep it as text: '{written}'"
        )
    elif kind in {"string_type", "string_too_short"} and value in (None, ""):
        message = f"{dotted(path, data)} is empty; it needs text"
    elif kind in {"less_than_equal", "greater_than_equal"} and field == "format":
        message = (
            f"{dotted(path, data)}: {_written(document, path)} is not a format version this "
            f"tool reads; write {model.FORMAT_VERSION}"
        )
    elif kind == "too_short" and value == []:
        message = f"{dotted(path, data)} is empty; it needs at least one"
    elif kind == "int_type" and isinstance(value, str):
        message = f"{dotted(path, data)}: {value!r} is text; write the number without quotes"
    elif kind == "int_type":
        message = f"{dotted(path, data)}: {_written(document, path)} is not a whole number"
    elif kind in {"list_type", "too_short"} and isinstance(value, (dict, str, type(None))):
        message = f"{dotted(path, data)}: {err['msg'].lower()}"
    else:
        message = f"{dotted(path, data)}: {err['msg']}"
        if value is not None and not isinstance(value, (dict, list)):
            message += f" (got {str(value)[:60]!r})"
    return Finding("invalid-value", Severity.ERROR, message, name, line, column, step)
