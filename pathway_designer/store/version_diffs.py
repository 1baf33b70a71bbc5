"""Semantic diffs between two versions of a pathway (by blob id), for blame's walk of history:
from the change cache, else from the blocks of text two neighbours differ in (`quick_diff`), else
both versions parsed whole (a few kept); each one worked out is remembered in the cache."""

from __future__ import annotations

from ..changes.diff import SECTIONS, Change, keyed_items, pathway_data
from ..format.loading import PathwayError
from ..model import Pathway, without_empty
from .changes_cache import ChangeKey
from .repository import Repository

__all__ = ["VersionDiffs", "changes_between"]


def changes_between(old: Pathway | None, new: Pathway) -> list[Change]:
    """The semantic diff, with "nothing" as the old side meaning: every item was added here."""
    if old is not None:
        from ..changes.diff import diff_pathways

        return diff_pathways(old, new)
    data = pathway_data(new)
    return [
        Change("added", section, key, None, None, without_empty(item))
        for section in SECTIONS
        for key, item in keyed_items(section, data[section]).items()
    ]



class VersionDiffs:
    """Semantic diffs between blobs: from the cache, else from the blocks of text two neighbours
    differ in (`quick_diff`), else parsed whole (a few kept); remembered in the cache."""

    def __init__(self, repository: Repository, path: str) -> None:
        self.repository = repository
        self.path = path
        self._parsed: dict[str, Pathway | None] = {}
        self._texts: dict[str, str | None] = {}
        self._loads: set[str] = set()  # blobs known to load as a pathway: a quick diff builds on them

    def between(self, old: str | None, new: str) -> list[ChangeKey]:
        cached = self.repository.changes.get(old, new)
        if cached is not None:
            self._loads.update(b for b in (old, new) if b)  # only diffs of loading versions are kept
            return cached
        if old is not None and old in self._loads:
            before, after = self._text(old), self._text(new)
            quick = self.repository.differ.changes(before, after) if before and after else None
            if quick is not None:
                self._loads.add(new)
                return self.repository.changes.put_keys(old, new, quick)
        new_pathway = self._load(new)
        old_pathway = self._load(old) if old else None
        if new_pathway is None or (old is not None and old_pathway is None):
            return []  # a version that does not load (written by hand?) has no story to tell
        return self.repository.changes.put(old, new, changes_between(old_pathway, new_pathway))

    def _text(self, blob: str) -> str | None:
        if blob not in self._texts:
            if len(self._texts) > 8:
                self._texts.pop(next(iter(self._texts)))
            data = self.repository.branch.read_blob(blob.encode("ascii")) or b""
            try:
                self._texts[blob] = data.decode("utf-8")
            except UnicodeDecodeError:
                self._texts[blob] = None
        return self._texts[blob]

    def _load(self, blob: str) -> Pathway | None:
        if blob not in self._parsed:
            if len(self._parsed) > 8:
                self._parsed.pop(next(iter(self._parsed)))
            text = self._text(blob)
            try:
                self._parsed[blob] = None if text is None else self.repository.reader.read(text, self.path)
            except PathwayError:
                self._parsed[blob] = None
            if self._parsed[blob] is not None:
                self._loads.add(blob)
        return self._parsed[blob]
