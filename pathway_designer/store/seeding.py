"""A new workspace: a git repository seeded with the example pathways and the JSON Schema.

Every new workspace gets the schema at `schema/pathway.schema.json`, the file that the
`# yaml-language-server: $schema=../schema/pathway.schema.json` line of each pathway names. The
examples and the schema are package data, read with `importlib.resources`: an installed wheel seeds
a workspace as a checkout does.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dulwich.repo import Repo

from ..format.canonical import dump
from ..format.loading import PathwayError, load_text
from ..model import Pathway
from . import messages
from .authors import Author
from .errors import StoreError
from .repository import PATHWAYS, Repository
from .versions import Version

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DEFAULT_BRANCH = "main"
SEEDER = Author("pathway-designer")
SCHEMA_FILE = "schema/pathway.schema.json"  # where each pathway's `$schema=../schema/...` points


_SOURCES = re.compile(r"\bsources?:\s*", re.IGNORECASE)


def is_seed(version: Version) -> bool:
    """Whether a version is the one the workspace was started with (no person wrote it)."""
    return version.author == SEEDER.name and not version.parents


def sources(pathway: Pathway) -> str | None:
    """The sources a pathway names in its summary ("... Sources: NICE NG97; ..."), if any: the text
    after "Sources:" up to the end of the sentence, or of the brackets it was written in."""
    summary = " ".join((pathway.summary or "").split())
    found = _SOURCES.search(summary)
    if found is None:
        return None
    depth = 0
    for end in range(found.end(), len(summary)):
        char = summary[end]
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:  # the bracket the sources were written in closes
            break
        if depth == 0 and char == "." and (end + 1 == len(summary) or summary[end + 1] == " "):
            break  # a full stop ends the sentence; one inside "1.16.11" does not
    else:
        end = len(summary)
    text = summary[found.end() : end].strip().rstrip(".;,")
    return text or None


def origin(pathway: Pathway, version: Version) -> str | None:
    """Where a seeded example comes from, in words (None for a pathway people saved): its sources,
    or that it is an example shipped with the tool."""
    if not is_seed(version):
        return None
    named = sources(pathway)
    return f"Example, from its sources: {named}" if named else "Example that comes with the workshop tool"


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
