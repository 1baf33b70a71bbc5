"""What changed between two versions of a pathway, by meaning, remembered by their blob ids.

"Why is this step here?" folds the semantic diff of every version against the one before it.
Parsing and diffing every version on each request would cost seconds for a long history, so each
diff is kept once computed: only what blame needs (action, section, key, field), keyed by the two
blob ids, in `.git/pathway-designer/changes.jsonl` (append-only, see `jsonl`). A save adds its
diff when that costs it no parse (a merge, a new pathway); blame works out the others, once each.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..changes.diff import Change
from . import jsonl

# (action, section, key, field): a change without its values.
ChangeKey = tuple[str, str, str, str | None]


class ChangeCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[tuple[str | None, str], list[ChangeKey]] = {}
        self._offset = 0
        self._lock = threading.Lock()
        self._batch = threading.local()  # a walk of history on this thread: read once, write once

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """For one walk of history (blame's fold): the file is read once at the start, and what
        the walk works out is appended in one write at the end, not a read and a write a version."""
        with self._lock:
            self._read_new()
        self._batch.pending = []
        try:
            yield
        finally:
            pending, self._batch.pending = self._batch.pending, None
            jsonl.append(self.path, pending)

    def get(self, old: str | None, new: str) -> list[ChangeKey] | None:
        with self._lock:
            found = self._known.get((old, new))
            if found is None and getattr(self._batch, "pending", None) is None:
                self._read_new()
                found = self._known.get((old, new))
            return found

    def put(self, old: str | None, new: str, changes: Iterable[Change]) -> list[ChangeKey]:
        return self.put_keys(old, new, [(c.action, c.section, c.key, c.field) for c in changes])

    def put_keys(self, old: str | None, new: str, keys: list[ChangeKey]) -> list[ChangeKey]:
        with self._lock:
            self._known[(old, new)] = keys
        line: dict[str, Any] = {"o": old, "n": new, "c": [list(k) for k in keys]}
        pending = getattr(self._batch, "pending", None)
        if pending is not None:
            pending.append(line)
        else:
            jsonl.append(self.path, [line])
        return keys

    def _read_new(self) -> None:
        found, self._offset = jsonl.read_from(self.path, self._offset)
        for data in found:
            try:
                keys = [(a, s, k, f) for a, s, k, f in data["c"]]
                self._known[(data["o"], data["n"])] = keys
            except (KeyError, TypeError, ValueError, IndexError):
                continue  # a line from another version of this cache, or damaged: recomputed
