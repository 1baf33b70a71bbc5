"""Keeping the work tree and git's index in step with the branch, without ever losing a person's edits.

The store commits objects and moves the branch; the files people (and `git status`) see follow it
here, inside the workspace lock. The index says what each file was last checked out as: a file
whose content is still that (or is already the new content, or is the text that was just saved
from it) is clean, and is replaced atomically by the new version; a file someone has edited since
is left alone, and so is its index entry, which then still names the version the edit started
from. That is also how `save` without a base finds what a person's edited file was based on.

Everything that needs disk space is written before the branch moves (`stage`): the new content
beside each file, the new index as `index.lock`, both synced; after the move only renames are left
(`Staged.apply`). So a full disk, or any failed write, leaves the old version everywhere (branch,
files, index), never the new branch over the old files, which `git status` shows as a staged revert.
A crash between moving the branch and the renames leaves the file at the old version and the index
pointing at it: still clean, so the next reader (or writer) brings it up to date.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dulwich.file import FileLocked, GitFile, _GitFile
from dulwich.index import Index, IndexChecksumWriter, IndexEntry, index_entry_from_stat, write_index_dict

from ..format.atomic import _sync_folder
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
        entry = self._index().get(path.encode("utf-8", "surrogateescape"))
        return entry.sha if isinstance(entry, IndexEntry) else None

    def follow(self, changes: Iterable[FileChange]) -> None:
        """Bring each clean file, and its index entry, to the new content; leave edited files."""
        self.stage(changes).apply()

    def stage(self, changes: Iterable[FileChange]) -> Staged:
        """Everything `follow` would write, written aside and synced: each clean file's new content
        in a temporary file beside it, and the new index as git's `index.lock`. What is left to do
        (`Staged.apply`) is renames, which need no disk space: a branch moved between the two is
        never left with the old files and index (a staged revert) by a full disk."""
        index = self._index()
        staged = Staged()
        touched = False
        try:
            for change in changes:
                key = change.path.encode("utf-8", "surrogateescape")  # names as git keeps them
                entry = index.get(key)
                current = self.read(change.path)
                current_id = blob_id(current) if current is not None else None
                known = {entry.sha if isinstance(entry, IndexEntry) else None, change.old, change.new}
                if current_id not in known | change.also_clean:
                    continue  # edited by someone since it was checked out: theirs to keep
                target = self.file(change.path)
                touched = True
                if change.new is None or change.content is None:
                    staged.removals.append(target)
                    index.pop(key, None)
                    continue
                if current != change.content:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    staged.renames.append((_written_aside(target, change.content), target))
                    stat = os.stat(staged.renames[-1][0])
                else:
                    stat = os.stat(target)
                index[key] = index_entry_from_stat(stat, change.new, BLOB_MODE)
            if touched:
                staged.index = self._staged_index(index)
        except BaseException:
            staged.discard()
            raise
        return staged

    def refresh(self, files: Mapping[str, bytes], read: Callable[[bytes], bytes | None]) -> None:
        """Bring every clean file among `files` (path -> blob at the branch head) to that blob;
        a file a link leads out of the work tree is left for a write to refuse."""
        index = self._index()
        changes = []
        for path, blob in files.items():
            with contextlib.suppress(OutsideWorkspace):
                self.file(path)
                entry = index.get(path.encode("utf-8", "surrogateescape"))
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
                found.extend(self.file(folder).rglob(".*.tmp"))  # comments are nested
        found.append(Path(str(self.index_path) + ".lock"))
        return found

    def _index(self) -> dict[bytes, object]:
        try:
            index_path = inside(self.index_path.parent, self.index_path)
            return dict(Index(index_path).items()) if index_path.exists() else {}
        except (OSError, ValueError, AssertionError):
            return {}  # an index we cannot read is one we leave to git

    def _staged_index(self, entries: dict[bytes, object]) -> _GitFile | None:
        """The new index written to `index.lock` and synced, not yet renamed into place; None if a
        git command holds that lock (the files are right then; the next write fixes the index).

        A fresh index without extensions: git rebuilds its caches (the cache-tree above all, which
        would otherwise still describe the old trees) from the entries. Built in memory first:
        dulwich's `Index.write` renames a half-written file into place when a write fails.
        """
        data = io.BytesIO()
        checksum = IndexChecksumWriter(data)
        write_index_dict(checksum, dict(sorted(entries.items())))  # type: ignore[arg-type]
        checksum.write_checksum()
        try:
            lock = GitFile(inside(self.index_path.parent, self.index_path), "wb")
        except FileLocked:
            return None
        assert isinstance(lock, _GitFile)
        try:
            lock.write(data.getvalue())
            lock.flush()
            os.fsync(lock.fileno())
        except BaseException:
            lock.abort()
            raise
        return lock


@dataclass
class Staged:
    """A work tree update written aside (see `WorkTree.stage`): applied, or discarded."""

    renames: list[tuple[Path, Path]] = field(default_factory=list)  # temporary file -> file
    removals: list[Path] = field(default_factory=list)
    index: _GitFile | None = None

    def apply(self) -> None:
        for written, target in self.renames:
            os.replace(written, target)
        for target in self.removals:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        if self.index is not None:
            self.index.close()  # renames index.lock over the index
        for folder in {target.parent for _, target in self.renames}:
            _sync_folder(folder)

    def discard(self) -> None:
        for written, _ in self.renames:
            with contextlib.suppress(OSError):
                written.unlink()
        if self.index is not None:
            self.index.abort()


def _written_aside(target: Path, content: bytes) -> Path:
    """`content` in a temporary file beside `target` (named as the leftovers sweep knows), synced."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    written = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(written, target.stat().st_mode & 0o777)  # keep the file's permissions
    except BaseException:
        with contextlib.suppress(OSError):
            written.unlink()
        raise
    return written
