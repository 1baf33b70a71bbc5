"""Packing loose objects, as `git gc --auto` would, so that many small commits stay small on disk.

Every commit the store makes writes a few loose objects (a blob, the trees above it, the commit),
each a file of its own: one disk block at least, 4 KB on most file systems, for a comment of a few
hundred bytes. Once there are `LOOSE_LIMIT` of them they are written into one pack (compressed, with
no block each) and the loose copies removed; once there are `PACK_LIMIT` small packs they are
combined into one. It runs under the workspace lock, so two processes never pack at once; readers
in other processes find an object that moved into a pack by looking again (see `Branch`).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from dulwich.objects import ObjectID, ShaFile
from dulwich.pack import Pack

from .repository import Repository

LOOSE_LIMIT = 256  # loose objects: about 1 MB of disk blocks before they are packed
PACK_LIMIT = 16  # small packs before they are combined
SMALL_PACK = 32 * 1024 * 1024  # bytes: larger packs are left as they are
_HEX = re.compile(r"[0-9a-f]{2}")


def loose_objects(repository: Repository) -> list[Path]:
    objects = Path(repository.repo.controldir()) / "objects"
    found: list[Path] = []
    for first in os.scandir(objects):
        if first.is_dir() and _HEX.fullmatch(first.name):
            found.extend(Path(e.path) for e in os.scandir(first.path) if len(e.name) == 38)
    return found


def estimated_loose(repository: Repository) -> int:
    """About how many loose objects there are, from one sixteenth of the folders, as git does."""
    objects = Path(repository.repo.controldir()) / "objects"
    count = 0
    for n in range(16):
        with contextlib.suppress(FileNotFoundError):
            count += sum(1 for e in os.scandir(objects / f"{n:02x}") if len(e.name) == 38)
    return count * 16


def pack_when_many_loose(repository: Repository, limit: int = LOOSE_LIMIT) -> bool:
    """Pack the loose objects if there are more than about `limit`; True if it did."""
    if estimated_loose(repository) <= limit:
        return False
    with repository.lock.writing():
        loose = loose_objects(repository)  # under the lock: another process may have packed them
        if len(loose) <= limit // 2:
            return False
        store = repository.repo.object_store
        objects: list[tuple[ShaFile, None]] = []
        packed: list[Path] = []
        for path in loose:
            sha = ObjectID((path.parent.name + path.name).encode("ascii"))
            with contextlib.suppress(KeyError, ValueError, OSError):
                objects.append((store[sha], None))
                packed.append(path)
        store.add_objects(objects)  # the pack and its index are complete before they appear
        for path in packed:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        _combine_small_packs(repository)
    return True


def _combine_small_packs(repository: Repository) -> None:
    store = repository.repo.object_store
    small = [p for p in store.packs if _size(p) < SMALL_PACK and not Path(p._basename + ".keep").exists()]
    if len(small) < PACK_LIMIT:
        return
    objects: dict[bytes, ShaFile] = {}
    for pack in small:
        for obj in pack.iterobjects():
            objects.setdefault(obj.id, obj)
    combined = store.add_objects([(obj, None) for obj in objects.values()])
    for pack in small:
        if combined is not None and pack.name() == combined.name():
            continue
        for suffix in (".idx", ".pack", ".rev", ".bitmap"):  # the index first: then it is not a pack
            with contextlib.suppress(FileNotFoundError):
                os.unlink(pack._basename + suffix)
    store._update_pack_cache()


def _size(pack: Pack) -> int:
    try:
        return os.path.getsize(pack._basename + ".pack")
    except OSError:
        return 0
