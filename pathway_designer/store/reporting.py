"""A save's, a restore's or a sync's result written out: lines for a person, JSON for a program.

Save and sync both end in a status, a message, the conflicts that stopped them and the findings
that matter; a sync has these per pathway. One writer tells both, so that `save` and `sync` read
alike in a terminal and a script reads both the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..changes.merge import Conflict
from ..finding import Finding, Severity
from .saving import SaveResult
from .sync import SyncResult

StoreResult = SaveResult | SyncResult
T = TypeVar("T", Conflict, Finding)


def result_lines(result: StoreResult) -> list[str]:
    """The message, then each conflict and each finding worth telling, indented.

    A refused result shows all its findings (they are the reasons); a result that went through
    shows only errors (a draft saved with errors), not the warnings a person sees elsewhere.
    """
    lines = [result.message]
    for name, conflicts in _by_pathway(result.conflicts).items():
        lines += [f"  {_where(name)}conflict: {c.describe()}" for c in conflicts]
    for name, findings in _by_pathway(result.findings).items():
        shown = [f for f in findings if not result.ok or f.severity is Severity.ERROR]
        lines += [f"  {_where(name)}{f}" for f in shown]
    return lines


JSON_VERSION = 1  # of the shape (docs/json-output.md)


def result_json(result: StoreResult) -> dict[str, Any]:
    """The result as plain data (see `SaveResult.to_json` and `SyncResult.to_json`), with the
    shape's `version`; the version a save made is `saved` (it was `version` before shapes had one)."""
    data = result.to_json()
    saved = data.pop("version", None)
    return {"version": JSON_VERSION, **({"saved": saved} if "saved" not in data else {}), **data}


def _by_pathway(items: list[T] | Mapping[str, list[T]]) -> Mapping[str | None, list[T]]:
    """A save's list as the items of no named pathway; a sync's mapping as it is."""
    if isinstance(items, list):
        return {None: items}
    return {name: found for name, found in items.items()}


def _where(name: str | None) -> str:
    return f"{name}: " if name else ""
