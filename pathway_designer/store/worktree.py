"""Keeping the work tree and git's index in step with the branch, without ever losing a person's edits.

The store commits objects and moves the branch; the files people (and `git status`) see follow it
here, inside the workspace lock. The index says what each file was last checked out as: a file
whose content is still that (or is already the new content, or is the text that was just saved
from it) is clean, and is replaced atomically by the new version; a file someone has edited since
is left alone, and so is its index entry, which then still names the version the edit started
from. That is also how `save` without a base finds what a person's edited file was based on.

A crash between moving the branch and writing the file leaves the file at the old version and the
index pointing at it: still clean, so the next reader (or writer) brings it up to date.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dulwich.file import FileLocked
from dulwich.index import Index, IndexEntry, index_entry_from_stat

from ..format.atomic import write_atomically
from .errors import OutsideWorkspace
from .paths import inside

BLOB_MODE = 0o100644


def blob_id(data: bytes) -> bytes:
    """Git's id of a blob with this content (hex, as bytes, as dulwich has them)."""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest().encode("ascii")


@dataclass(frozen=True)
class FileChange:
    """A file the branch changed: its blob before and after (None: absent), and the new content."""

    path: str
    old: bytes | None
    new: bytes | None
    content: bytes | None
    also_clean: frozenset[bytes] = field(default_factory=frozenset)


class WorkTree:
    def __init__(self, root: Path, index_path: Path) -> None:
        self.root = root
        self.index_path = index_path

    def file(self, path: str) -> Path:
        """The work tree file at `path`, refused if a link leads it out of the work tree."""
        return inside(self.root, self.root / path, apart_from=self.index_path.parent)

    def read(self, path: str) -> bytes | None:
        try:
            return self.file(path).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return None

    def staged(self, path: str) -> bytes | None:
        """The blob the index records for `path` (what the file was checked out as), if any."""
        entry = self._index().get(path.encode("utf-8"))
        return entry.sha if isinstance(entry, IndexEntry) else None

    def follow(self, changes: Iterable[FileChange]) -> None:
        """Bring each clean file, and its index entry, to the new content; leave edited files."""
        index = self._index()
        touched = False
        for change in changes:
            key = change.path.encode("utf-8")
            entry = index.get(key)
            staged = entry.sha if isinstance(entry, IndexEntry) else None
            current = self.read(change.path)
            current_id = blob_id(current) if current is not None else None
            if current_id not in {staged, change.old, change.new, *change.also_clean}:
                continue  # edited by someone since it was checked out: theirs to keep
            self._write(change)
            if change.new is None:
                if key in index:
                    del index[key]
                    touched = True
            else:
                stat = os.stat(self.file(change.path))
                index[key] = index_entry_from_stat(stat, change.new, BLOB_MODE)
                touched = True
        if touched:
            self._write_index(index)

    def refresh(self, files: Mapping[str, bytes], read: Callable[[bytes], bytes | None]) -> None:
        """Bring every clean file among `files` (path -> blob at the branch head) to that blob;
        a file a link leads out of the work tree is left for a write to refuse."""
        index = self._index()
        changes = []
        for path, blob in files.items():
            with contextlib.suppress(OutsideWorkspace):
                self.file(path)
                entry = index.get(path.encode("utf-8"))
                staged = entry.sha if isinstance(entry, IndexEntry) else None
                if staged != blob:
                    changes.append(FileChange(path, staged, blob, read(blob)))
        if changes:
            self.follow(changes)

    def leftovers(self, folders: Iterable[str]) -> list[Path]:
        """Temporary files an interrupted atomic write may have left in these folders."""
        found: list[Path] = []
        for folder in folders:
            # A folder that leads elsewhere holds nothing of ours: never sweep there.
            with contextlib.suppress(FileNotFoundError, OutsideWorkspace):
                found.extend(self.file(folder).glob(".*.tmp"))
        found.append(Path(str(self.index_path) + ".lock"))
        return found

    def _write(self, change: FileChange) -> None:
        target = self.file(change.path)
        if change.content is None:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.read(change.path) != change.content:
            write_atomically(target, change.content)

    def _index(self) -> dict[bytes, object]:
        try:
            index_path = inside(self.index_path.parent, self.index_path)
            return dict(Index(index_path).items()) if index_path.exists() else {}
        except (OSError, ValueError, AssertionError):
            return {}  # an index we cannot read is one we leave to git

    def _write_index(self, entries: dict[bytes, object]) -> None:
        # A fresh index without extensions: git rebuilds its caches (the cache-tree above all,
        # which would otherwise still describe the old trees) from the entries.
        index = Index(inside(self.index_path.parent, self.index_path), read=False)
        for name, entry in sorted(entries.items()):
            index.set_verbatim(name, entry)  # type: ignore[arg-type]
        with contextlib.suppress(FileLocked):
            # A git command holds index.lock: the files are right; the next write fixes the index.
            index.write()
