"""A store record as JSON data: the fields of a dataclass or named tuple, in order, made plain.

Comments, versions and save and sync results are written as JSON (to files, the CLI, the app);
each says only what differs from its fields as they are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any


def json_fields(
    record: Any,
    *,
    renamed: Mapping[str, str] | None = None,
    leave_out: Iterable[str] = (),
    **values: Any,
) -> dict[str, Any]:
    """`record`'s fields by name, with datetimes in ISO form, tuples as lists and mappings as dicts.

    `renamed` gives a field another name (in its place); `leave_out` drops fields; `values` replace
    fields (in their place) or add new ones (at the end).
    """
    if dataclasses.is_dataclass(record):
        fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    else:
        fields = record._asdict()  # a named tuple
    names = renamed or {}
    dropped = set(leave_out)
    data = {
        names.get(name, name): values.pop(name) if name in values else _plain(value)
        for name, value in fields.items()
        if name not in dropped
    }
    data.update(values)
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value
