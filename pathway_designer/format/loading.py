"""Loading a pathway: YAML text or a file to a `Pathway`, or findings that say what is wrong where.

Model errors from pydantic become `unknown-field` (with a "did you mean"), `missing-field` and
`invalid-value` (with the allowed values), each at the line and column of the node concerned.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from .. import model
from ..finding import Finding, Severity
from ..model_flow import FORM_TAGS
from ..words import CHOICE_WORDS, field_of, field_words, quoted, word
from .files import read_text
from .reading import Document, YamlReadError, decode, read

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


def load_bytes(data: bytes, name: str = "<text>") -> model.Pathway:
    """`load_text` of bytes (a version's blob, which git takes as any bytes): bytes that are not
    UTF-8 are a `not-utf8` finding at their line and column, never a UnicodeDecodeError."""
    try:
        text = decode(data)
    except YamlReadError as exc:
        raise PathwayError([f.at(name) for f in exc.findings]) from None
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
    """The model class that owns the field at `path`, following field annotations (into lists and
    the flow fields' mappings: `steps[2].spread` is a `Spread`)."""
    current: type[BaseModel] = model.Pathway
    for part in path:
        if isinstance(part, int):
            continue
        field = _field_named(current, part)
        inner = _model_in(field.annotation) if field is not None else None
        if inner is None:
            break
        current = inner
    return current


def _field_named(owner: type[BaseModel], name: str) -> Any:
    return next((f for key, f in owner.model_fields.items() if (f.alias or key) == name), None)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The one model class inside an annotation (`list[Step]`, `Spread | None`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    found = [m for arg in get_args(annotation) if (m := _model_in(arg)) is not None]
    return found[0] if len(found) == 1 else None


def _untagged(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The path without the spelling pydantic names for a field of two spellings (`based-on` is
    an id or a mapping): `based-on.mapping.version` is `based-on.version`."""
    if len(path) >= 2 and path[0] == "based-on" and path[1] in ("id", "mapping"):
        return (path[0], *path[2:])
    return path


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


_TIME_HINT = "write a number then m, h, d or w, such as 4h or 2w (4 hours, 2 weeks)"
_PATTERN_HINTS = {
    **dict.fromkeys(("wait", "duration", "delay", "sd", "scale", "low", "high", "from", "to"), _TIME_HINT),
    "arrivals": "write how many people per hour, day or week, such as 36/w or 2.5/d",
    "rate": "write how many people per hour, day or week, such as 36/w or 2.5/d",
    "cost": "write pounds per person or per day, such as £120 per person or £450 per day",
    "share": "write a percentage, such as 30%, or rest for the people who take no other way",
    "version": "write the commit of the base's version, such as 3f2a9c1, "
    "or leave it out when it is unknown",
    "repository": "write the name of a git remote of this workspace, such as national",
    "fingerprint": "it is written when a partner signs off, and cannot be typed",
}
_ID_HINT = "use lower-case letters, digits and single hyphens, such as crisis-team"


def _label(item: Any, key: str) -> str | None:
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def _item_words(data: dict[str, Any], section: str, index: int) -> str:
    """An item of a section as people know it: the step “Triage”, the organisation Age UK North."""
    item = _item(data, (section,), index)
    number = f"number {index + 1}"
    if section == "steps":
        label = _label(item, "label")
        return f"the step {quoted(label)}" if label else f"step {number}"
    if section == "organisations":
        return _label(item, "name") or f"organisation {number}"
    if section == "outcomes":
        measure = _label(item, "measure")
        return f"the outcome {quoted(measure)}" if measure else f"outcome {number}"
    if section == "transitions":
        steps = {s.get("id"): s.get("label") for s in data.get("steps") or [] if isinstance(s, dict)}
        ends = [steps.get(item.get(end)) if isinstance(item, dict) else None for end in ("from", "to")]
        if all(isinstance(e, str) for e in ends):
            return f"the way on from {quoted(str(ends[0]))} to {quoted(str(ends[1]))}"
        return f"way on {number}"
    singular = {"involvement": "involvement record", "signoffs": "sign-off"}.get(section, section)
    return f"{singular} {number}"


def in_words(path: tuple[str | int, ...], data: dict[str, Any]) -> str:
    """Where a field is, as people say it: "the wait to start of the step “Triage”"."""
    if not path:
        return "the pathway"
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    section = path[0]
    if len(path) >= 2 and isinstance(section, str) and isinstance(path[1], int):
        owner = _item_words(data, section, path[1])
        if len(path) == 2:
            return owner
        return f"{field_of(field)} {owner}"
    if isinstance(section, str) and len(path) == 1:
        return f"the pathway's {field_words(section)}"
    if section == "based-on":
        return f"{field_of(field)} the base pathway"
    return f"{field_of(field)} the pathway"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _written(document: Document, path: tuple[str | int, ...]) -> str:
    """The scalar as the person wrote it (`1_000`, not 1000)."""
    written = document.node_at(path).value
    return written[:60] if isinstance(written, str) else "the value"


def _model_finding(
    err: Any, document: Document, data: dict[str, Any], name: str, guess: bool = True
) -> Finding:
    path = _untagged(tuple(p for p in err["loc"] if p not in FORM_TAGS))
    kind = err["type"]
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    value = err.get("input")
    step = _step_of(data, path)
    where = dotted(path, data)  # for whoever reads the YAML: ids and field names
    if kind == "extra_forbidden":
        owner_path = path[:-1]
        allowed = model.field_names(_model_at(owner_path))
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6) if guess else []
        hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed: {', '.join(allowed)}"
        line, column = document.position(path, key=True)
        # Met only in the YAML itself, so said in its terms: the field as written.
        return Finding(
            "unknown-field",
            Severity.ERROR,
            f"unknown field '{path[-1]}' in {dotted(owner_path, data)}{hint}",
            name,
            line,
            column,
            step,
            where,
        )
    line, column = document.position(path)
    what = in_words(path, data)
    if kind == "missing":
        message = f"{_sentence(in_words(path[:-1], data))} has no {field_words(str(path[-1]))}."
        return Finding("missing-field", Severity.ERROR, message, name, line, column, step,
                       f"{dotted(path[:-1], data)} needs '{path[-1]}'")
    if kind == "enum":
        choices = CHOICE_WORDS.get(field)  # to say what may be chosen: "way in, assessment, ..."
        options = ", ".join(word(choices, v, in_sentence=True) for v in choices) if choices else ""
        expected = err.get("ctx", {}).get("expected", "")
        message = f"{_sentence(what)} cannot be {quoted(str(value))}: choose one of {options or expected}."
        where += f": use one of {expected}"
    elif kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(field, _ID_HINT)
        message = f"{_sentence(what)} cannot be {quoted(str(value))}: {hint}."
    elif kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        message = f"{_sentence(what)} is {len(str(value))} characters long: at most {limit} fit."
    elif kind in {"time_too_long", "date_text"}:  # the message names the value already
        message = f"{_sentence(what)}: {err['msg']}."
    elif kind == "string_type" and isinstance(value, (bool, int, float)):
        written = _written(document, path)
        read_as = "true or false" if isinstance(value, bool) else "a number"
        message = (
            f"{_sentence(what)} is {quoted(written)}, which is read as {read_as}, not as words: "
            f"put it in quotes to keep it as words."
        )
    elif kind in {"string_type", "string_too_short"} and value in (None, ""):
        message = f"{_sentence(what)} is empty: it needs words."
    elif kind in {"less_than_equal", "greater_than_equal"} and field == "format":
        message = (
            f"The pathway's format version {quoted(_written(document, path))} is not one this tool "
            f"reads: write {model.FORMAT_VERSION}."
        )
    elif kind == "too_short" and value == []:
        message = f"{_sentence(what)} is empty: it needs at least one."
    elif kind == "int_type" and isinstance(value, str):
        message = f"{_sentence(what)} is {quoted(value)}, in quotes: write the number without them."
    elif kind == "int_type":
        message = f"{_sentence(what)} is {quoted(_written(document, path))}: it needs a whole number."
    elif kind in {"list_type", "too_short"} and isinstance(value, (dict, str, type(None))):
        message = f"{_sentence(what)}: {err['msg'].lower()}."
    else:
        message = f"{_sentence(what)}: {err['msg'].lower()}"
        if value is not None and not isinstance(value, (dict, list)):
            message += f" (not {quoted(str(value)[:60])})"
        message += "."
    return Finding("invalid-value", Severity.ERROR, message, name, line, column, step, where)
