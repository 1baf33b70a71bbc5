"""The canonical form of a pathway file: fixed key order, block style, stable quoting, UTF-8.

Saving an unchanged pathway changes no byte, so diffs in review show only real changes.

The emitter is our own, for the one shape a pathway has (mappings, lists, text, dates, whole
numbers): PyYAML's pure-Python emitter took seconds for a 5,000-step pathway, and its C emitter may
differ in small ways between builds, while the canonical form (and so every fingerprint) must not.
Quoting follows one rule: plain when the text reads back as the same text in every YAML 1.1 and 1.2
reader (PyYAML, ruamel, the 1.1 spec's y/n and sexagesimal numbers),
single quotes when it would not, double quotes (with escapes) when it holds characters that only
escapes can carry, and a `|` block for text of several lines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from enum import Enum
from typing import Any

import yaml

from ..model import Pathway, without_empty

_INDENT = "  "
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
# What some YAML 1.1 or 1.2 reader takes for a boolean, null, number or date, beyond PyYAML's own
# resolvers: the 1.1 spec's y/n booleans, 1.2's (and ruamel's) numbers such as 1e3 and 0o17,
# underscores in numbers, sexagesimal 12:30, and dates with one-digit months (2026-1-1).
_OTHER_READERS = re.compile(
    r"""^(?:
      [yYnN] | yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    | ~ | null|Null|NULL | = | <<
    | [-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+]?0x[0-9a-fA-F_]+
    | [-+]?[0-9_]+(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
    | [-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}
      (?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
         (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?
    )$""",
    re.VERBOSE,
)
# Characters YAML can carry outside double quotes (printable, and not a line break of YAML 1.1).
_NEEDS_ESCAPE = re.compile(
    "[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)
_PLAIN_START = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]")
_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_",
    "\u2028": "\\L", "\u2029": "\\P",
}


def _resolves_to_other_type(text: str) -> bool:
    for _tag, pattern in _IMPLICIT.get(text[:1], []) + _IMPLICIT.get(None, []):  # type: ignore[call-overload]
        if pattern.match(text):
            return True
    return bool(_OTHER_READERS.match(text)) or text.lower() in {"null", "true", "false"}


def _is_plain(text: str) -> bool:
    return bool(
        text
        and not _PLAIN_START.match(text)
        and not text[-1].isspace()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\t" not in text
        and not _NEEDS_ESCAPE.search(text)
        and not _resolves_to_other_type(text)
    )


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _NEEDS_ESCAPE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF
                       else f"\\U{code:08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _literal_block(text: str, indent: str) -> str | None:
    """A `|` block for text of several lines, or None when one cannot carry it exactly."""
    if (
        _NEEDS_ESCAPE.search(text.replace("\n", ""))
        or text[:1].isspace()
        or text.endswith("\n\n")
        or "\r" in text
        or any(line != line.rstrip() for line in text.split("\n"))
    ):
        return None
    chomp = "" if text.endswith("\n") else "-"
    body = text[:-1] if text.endswith("\n") else text
    lines = [indent + line if line else "" for line in body.split("\n")]
    return f"|{chomp}\n" + "\n".join(lines)


def number_text(value: float) -> str:
    """A number as the shortest text that reads back as exactly it, and as a number in YAML 1.1
    too (whose floats need a dot and a signed exponent: 1.0e-05, never 1e-05)."""
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if e and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + (e + exponent if e else "")


def scalar(value: Any, indent: str = "") -> str:
    """One value as YAML text; `indent` is where a `|` block's lines start."""
    if isinstance(value, bool):  # never in the format, but never silently a word either
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.value if isinstance(value, Enum) else str(value)
    if "\n" in text:
        block = _literal_block(text, indent)
        if block is not None:
            return block
    if _is_plain(text):
        return text
    if not _NEEDS_ESCAPE.search(text) and "\t" not in text:
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


def _mapping(data: dict[str, Any], indent: str, out: list[str], first_prefix: str | None = None) -> None:
    prefix = indent if first_prefix is None else first_prefix
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{prefix}{key}:")
            _mapping(value, indent + _INDENT, out)
        elif isinstance(value, list):
            out.append(f"{prefix}{key}:")
            _sequence(value, indent + _INDENT, out)
        else:
            out.append(f"{prefix}{key}: {scalar(value, indent + _INDENT)}")
        prefix = indent


def _sequence(items: list[Any], indent: str, out: list[str]) -> None:
    for item in items:
        if isinstance(item, dict):
            _mapping(item, indent + _INDENT, out, first_prefix=indent + "- ")
        else:
            out.append(f"{indent}- {scalar(item, indent + _INDENT)}")


def dump_data(data: dict[str, Any]) -> str:
    """Canonical YAML of plain data (dicts in key order, lists, text, dates, whole numbers)."""
    out: list[str] = []
    _mapping(without_empty(data), "", out)
    return "\n".join(out) + "\n"


def _content(pathway: Pathway) -> dict[str, Any]:
    return pathway.model_dump(by_alias=True, mode="python")


def dump(pathway: Pathway, header: str | None = None) -> str:
    """The canonical YAML text of a pathway, with its leading comment (e.g. the schema link)."""
    head = pathway.header if header is None else header
    return head + dump_data(_content(pathway))


def fingerprint(pathway: Pathway) -> str:
    """sha256 of the canonical content without status and sign-offs: what partners agree to."""
    data = _content(pathway)
    data.pop("status", None)
    data.pop("signoffs", None)
    return "sha256:" + hashlib.sha256(dump_data(data).encode("utf-8")).hexdigest()
