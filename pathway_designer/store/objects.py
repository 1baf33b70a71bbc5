"""Git objects written as git does, and object ids as dulwich types them."""

from __future__ import annotations

import os
from pathlib import Path

from dulwich.objects import ObjectID, ShaFile
from dulwich.repo import Repo

from ..format.atomic import write_atomically
from .paths import inside


def write_loose_object(repo: Repo, obj: ShaFile, tmp_dir: Path) -> None:
    """Write an object as git does: compressed to a temporary file, synced, renamed into place.

    dulwich's own loose-object writer uses `<object>.lock` files, which a killed process leaves
    behind and which then block that object for good; a temporary file of our own cannot.
    """
    if obj.id in repo.object_store:
        return
    sha = obj.id.decode("ascii")
    control = Path(repo.controldir())
    target = inside(control, control / "objects" / sha[:2] / sha[2:])
    inside(control, tmp_dir)
    target.parent.mkdir(exist_ok=True)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    # The writer's pid in the name tells the lock's sweep whether a leftover's writer is gone.
    write_atomically(
        target,
        obj.as_legacy_object(compression_level=1),
        mode=0o444,
        tmp_dir=tmp_dir,
        prefix=f"obj-{os.getpid()}-",
    )


def oid(value: str | bytes) -> ObjectID:
    """An object id as dulwich types it (hex bytes)."""
    return ObjectID(value.encode("ascii") if isinstance(value, str) else value)
