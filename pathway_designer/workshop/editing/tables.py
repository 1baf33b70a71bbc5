"""The tables the app shows (steps, ways on, partners, outcomes, involvement), in people's words,
and the changed cells its table editors send back, mapped back to the file's codes.

A cell shows, and a screen reader hears, what the page says: "Phone or online", not `remote`; an
organisation's name, not its id; "2 weeks", not `2w`. The same words come back from an edited cell
and are turned into the codes here. A cell that cannot be kept ("two weeks" as a wait) is refused on
its own, with the reason, while the other cells are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...model import Pathway, to_data
from ...words import DIRECTION_WORDS, KIND_WORDS, ROLE_WORDS, SETTING_WORDS, field_words, time_words
from .data import TIME_FIELDS, and_words, clean, data_of, set_field, way
from .edit import Data, Edit, EditError, finish

# The columns of each table the app shows ("id" is kept for the YAML reviewer's view, not shown).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "steps": ("id", "label", "kind", "owner", "setting", "wait", "duration", "partners",
              "modality", "measures"),
    "transitions": ("from", "to", "when", "handoff"),
    "organisations": ("id", "name", "role"),
    "outcomes": ("id", "measure", "direction", "target"),
    "involvement": ("date", "who", "how", "changed"),
}
LIST_COLUMNS = frozenset({"partners", "measures"})


@dataclass(frozen=True)
class RefusedCell:
    """A changed cell that was not kept: where it is, what was typed, and why (in words)."""

    row: int
    column: str
    value: Any
    reason: str


@dataclass(frozen=True)
class TableEdit:
    """The cells kept (as one edit, None when nothing changed) and the cells refused."""

    edit: Edit | None
    refused: list[RefusedCell] = field(default_factory=list)


def table_words(pathway: Pathway, table: str) -> dict[str, dict[str, str]]:
    """For each column shown as a choice, code → the words shown (unique: a label two steps share
    is numbered, so a choice always maps back to one code)."""
    steps = _unique({s.id: s.label for s in pathway.steps})
    orgs = _unique({o.id: o.name for o in pathway.organisations})
    outcomes = _unique({o.id: o.measure for o in pathway.outcomes})
    return {
        "steps": {"kind": KIND_WORDS, "owner": orgs, "setting": SETTING_WORDS, "partners": orgs,
                  "measures": outcomes},
        "transitions": {"from": steps, "to": steps},
        "organisations": {"role": ROLE_WORDS},
        "outcomes": {"direction": DIRECTION_WORDS},
        "involvement": {},
    }.get(table, {})


def table_rows(pathway: Pathway, table: str) -> list[dict[str, Any]]:
    """The rows of one table in words: every column present (None or [] when empty), in file order."""
    data = to_data(pathway)
    words = table_words(pathway, table)
    rows = []
    for item in data.get(table, []):
        row = {}
        for column in TABLE_COLUMNS[table]:
            value = item.get(column, [] if column in LIST_COLUMNS else None)
            if column in words:
                shown = words[column]
                value = [shown.get(v, v) for v in value] if isinstance(value, list) else (
                    None if value is None else shown.get(value, value))
            elif column in TIME_FIELDS and value is not None:
                value = time_words(value)
            row[column] = value
        rows.append(row)
    return rows


def apply_table_cells(
    pathway: Pathway, table: str, edited_rows: Mapping[int | str, Mapping[str, Any]]
) -> TableEdit:
    """Apply a table editor's changed cells ({row index: {column: value in words}}): the cells that
    can be kept as one edit, each other one refused with its reason."""
    if table not in TABLE_COLUMNS:
        raise EditError(f"There is no table '{table}'.")
    data = data_of(pathway)
    items: list[Data] = data.get(table, [])
    shown_words = table_words(pathway, table)
    codes = {column: {w: c for c, w in shown.items()} for column, shown in shown_words.items()}
    changed: dict[int, list[str]] = {}
    refused: list[RefusedCell] = []
    for row_key, cells in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        row = int(row_key)
        if not 0 <= row < len(items):
            raise EditError(f"Row {row + 1} of the table is no longer there; look at the table again.")
        item = items[row]
        for column, value in cells.items():
            if column not in TABLE_COLUMNS[table] or column == "id":
                continue  # ids are changed in the YAML, not in a cell
            before = item.get(column)
            try:
                set_field(item, column, _code(codes.get(column), column, value))
            except EditError as exc:
                refused.append(RefusedCell(row, column, value, str(exc)))
                continue
            if item.get(column) != before:
                changed.setdefault(row, []).append(column)
    if not changed:
        return TableEdit(None, refused)
    parts = [_describe_cells(data, table, items[row], cols) for row, cols in changed.items()]
    try:
        return TableEdit(finish(data, "Changed " + "; ".join(parts), pathway.header), refused)
    except EditError as exc:  # the cells together make the pathway unreadable: none is kept
        cells_changed = [(row, column) for row, columns in changed.items() for column in columns]
        return TableEdit(None, refused + [
            RefusedCell(row, column, edited_rows.get(row, edited_rows.get(str(row), {})).get(column),
                        str(exc))
            for row, column in cells_changed
        ])


def apply_table_edits(
    pathway: Pathway, table: str, edited_rows: Mapping[int | str, Mapping[str, Any]]
) -> Edit:
    """Apply changed cells as one edit, or refuse them all (`EditError`, the first reason)."""
    result = apply_table_cells(pathway, table, edited_rows)
    if result.refused:
        raise EditError(result.refused[0].reason)
    return result.edit or finish(data_of(pathway), "No change", pathway.header)


def _code(codes: Mapping[str, str] | None, column: str, value: Any) -> Any:
    """A cell's words back to the file's code (a code itself is taken as it is)."""
    if column in ("from", "to") and not clean(value):
        raise EditError("A way on needs a step at each end.")
    if codes is None or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [codes.get(v, v) for v in value]
    return codes.get(value, value)


def _unique(names: Mapping[str, str]) -> dict[str, str]:
    seen: dict[str, int] = {}
    shown = {}
    for code, name in names.items():
        seen[name] = seen.get(name, 0) + 1
        shown[code] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return shown


def _describe_cells(data: Data, table: str, item: Data, columns: list[str]) -> str:
    what = and_words([field_words(c) for c in columns])
    if table == "steps":
        return f"{what} of '{item.get('label', item['id'])}'"
    if table == "transitions":
        return f"{what} of the way on {way(data, item)}"
    if table == "organisations":
        return f"{what} of '{item.get('name', item.get('id'))}'"
    if table == "outcomes":
        return f"{what} of the outcome '{item.get('measure', item.get('id'))}'"
    return f"{what} of the involvement record of {item.get('who', '')}"
