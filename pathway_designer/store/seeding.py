"""A new workspace: a git repository seeded with the example pathways and the JSON Schema.

Every new workspace gets the schema at `schema/pathway.schema.json`, the file that the
`# yaml-language-server: $schema=../schema/pathway.schema.json` line of each pathway names. The
examples and the schema are package data, read with `importlib.resources`: an installed wheel seeds
a workspace as a checkout does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dulwich.repo import Repo

from ..format.canonical import dump
from ..format.loading import PathwayError, load_text
from . import messages
from .authors import Author
from .errors import StoreError
from .repository import PATHWAYS, Repository

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DEFAULT_BRANCH = "main"
SEEDER = Author("pathway-designer")
SCHEMA_FILE = "schema/pathway.schema.json"  # where each pathway's `$schema=../schema/...` points


def example_pathways() -> list[Traversable]:
    """The example pathways shipped in the package (`pathway_designer/data/pathways/*.yaml`)."""
    folder = resources.files("pathway_designer").joinpath("data/pathways")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def shipped_schema() -> bytes:
    """The JSON Schema shipped in the package, byte for byte what `pathway-designer schema` prints."""
    return resources.files("pathway_designer").joinpath(f"data/{SCHEMA_FILE}").read_bytes()


def _canonical(data: bytes) -> bytes:
    """A seed in canonical form, so the first real change is the first diff (unreadable: as is)."""
    try:
        return dump(load_text(data.decode("utf-8"))).encode("utf-8")
    except (PathwayError, UnicodeDecodeError):
        return data


def create(folder: Path, seed: Iterable[Traversable] | None = None, *, exist_ok: bool = False) -> Path:
    """A new workspace at `folder` (which must not exist, or be empty), with `seed` (by default the
    example pathways) and the schema in one first commit. Built beside the folder and renamed into
    place, so two processes creating the default workspace at once end up with the same one."""
    target = folder.absolute()
    if target.exists() and any(target.iterdir()):
        if exist_ok and (target / ".git").exists():
            return target
        raise StoreError(f"{target} already exists and is not empty: choose a new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        Repo.init(str(building), default_branch=DEFAULT_BRANCH.encode()).close()
        sources = example_pathways() if seed is None else seed
        files = {f"{PATHWAYS}/{p.name}": _canonical(p.read_bytes()) for p in sources}
        subject = "Start the workspace with the example pathways" if files else "Start the workspace"
        files[SCHEMA_FILE] = shipped_schema()
        repository = Repository(building)
        try:
            repository.commit(None, files, SEEDER, messages.compose(subject, []))
        finally:
            repository.close()
        try:
            os.rename(building, target)  # replaces an empty folder; fails if another won
        except OSError:
            if exist_ok and (target / ".git").exists():
                return target
            raise StoreError(f"{target} already exists and is not empty: choose a new folder") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target
