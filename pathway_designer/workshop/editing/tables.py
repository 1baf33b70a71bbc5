"""The tables the app shows (steps, ways on, partners, outcomes, involvement) and the changed cells
its table editors send back, applied as one edit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Pathway, to_data
from .data import and_words, clean, data_of, set_field, way
from .edit import Data, Edit, EditError, finish

# The columns of each table the app shows.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "steps": ("id", "label", "kind", "owner", "setting", "wait", "duration", "partners",
              "modality", "measures"),
    "transitions": ("from", "to", "when", "handoff"),
    "organisations": ("id", "name", "role"),
    "outcomes": ("id", "measure", "direction", "target"),
    "involvement": ("date", "who", "how", "changed"),
}
LIST_COLUMNS = frozenset({"partners", "measures"})


def table_rows(pathway: Pathway, table: str) -> list[dict[str, Any]]:
    """The rows of one table: every column present (None or [] when empty), in file order."""
    data = to_data(pathway)
    return [
        {c: item.get(c, [] if c in LIST_COLUMNS else None) for c in TABLE_COLUMNS[table]}
        for item in data.get(table, [])
    ]


def apply_table_edits(
    pathway: Pathway, table: str, edited_rows: Mapping[int | str, Mapping[str, Any]]
) -> Edit:
    """Apply a table editor's changed cells ({row index: {column: new value}}) in one edit."""
    if table not in TABLE_COLUMNS:
        raise EditError(f"There is no table '{table}'.")
    data = data_of(pathway)
    items: list[Data] = data.get(table, [])
    changed: dict[int, list[str]] = {}
    for row_key, cells in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        row = int(row_key)
        if not 0 <= row < len(items):
            raise EditError(f"Row {row + 1} of {table} is no longer there; reload the table.")
        item = items[row]
        for column, value in cells.items():
            if column not in TABLE_COLUMNS[table] or (column == "id" and table != "outcomes"):
                continue  # ids of steps and organisations are changed in the YAML, not in a cell
            if column in ("from", "to") and not clean(value):
                raise EditError("A way on needs a step at each end.")
            if table == "outcomes" and column == "id":
                raise EditError("Change an outcome's id in the YAML view.")
            before = item.get(column)
            set_field(item, column, value)
            if item.get(column) != before:
                changed.setdefault(row, []).append(column)
    if not changed:
        return finish(data, "No change", pathway.header)
    parts = [_describe_cells(data, table, items[row], cols) for row, cols in changed.items()]
    return finish(data, "Changed " + "; ".join(parts), pathway.header)


def _describe_cells(data: Data, table: str, item: Data, columns: list[str]) -> str:
    what = and_words(columns)
    if table == "steps":
        return f"{what} of '{item.get('label', item['id'])}'"
    if table == "transitions":
        return f"{what} of the way on {way(data, item)}"
    if table == "organisations":
        return f"{what} of '{item.get('name', item.get('id'))}'"
    if table == "outcomes":
        return f"{what} of the outcome '{item.get('measure', item.get('id'))}'"
    return f"{what} of the involvement record of {item.get('who', '')}"
