"""`setup-git`: the lines and settings that make plain git merge and show pathway files by meaning.

Two halves, as git wants them. `.gitattributes` (committed, so every clone shares it) says which
files use the drivers: `pathways/*.yaml merge=pathway diff=pathway`, added once, every other line
kept. The repository's own config (`.git/config`, never shared by git, so each person runs this once
per clone) says what the drivers run: this interpreter, by its absolute path, so the drivers work
from any shell, hook or GUI whatever its PATH (`merge.pathway.driver`, `merge.pathway.name`,
`diff.pathway.command`, `diff.pathway.textconv`). Written through dulwich: no git program needed.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from dulwich.errors import NotGitRepository
from dulwich.repo import Repo

from ..format.atomic import write_atomically

ATTRIBUTES = ".gitattributes"
DRIVER = "pathway"
PATTERNS = ("pathways/*.yaml", "pathways/*.yml")


class SetupError(Exception):
    """Not a git repository (or a bare one): there is nothing to set up."""


@dataclass(frozen=True)
class Setup:
    """What `setup_git` did: the repository's root and whether `.gitattributes` changed."""

    root: Path
    attributes_added: tuple[str, ...]
    config: dict[str, str]


def command(*args: str) -> str:
    """This tool run by the current interpreter's absolute path, quoted for the shell git uses."""
    program = [sys.executable, "-m", "pathway_designer", *args]
    return " ".join(shlex.quote(part) if not part.startswith("%") else part for part in program)


def driver_config() -> dict[str, str]:
    return {
        f"merge.{DRIVER}.name": "pathway-designer: merge pathways by meaning",
        f"merge.{DRIVER}.driver": command("merge-driver", "%O", "%A", "%B", "%P"),
        f"diff.{DRIVER}.command": command("diff-driver"),
        f"diff.{DRIVER}.textconv": command("textconv"),
    }


def _attribute_lines() -> list[str]:
    return [f"{pattern} merge={DRIVER} diff={DRIVER}" for pattern in PATTERNS]


def setup_git(folder: Path) -> Setup:
    """Set up the git repository holding `folder`; safe to run again (nothing is added twice)."""
    try:
        repo = Repo.discover(str(folder))
    except NotGitRepository:
        raise SetupError(f"{folder} is not in a git repository: run `git init` first") from None
    try:
        if repo.bare:
            raise SetupError(f"{folder} is a bare repository: run this in a clone")
        root = Path(repo.path)
        config = repo.get_config()
        wanted = driver_config()
        for name, value in wanted.items():
            section, sub, key = name.split(".")
            config.set((section.encode(), sub.encode()), key.encode(), value.encode())
        config.write_to_path()
    finally:
        repo.close()
    return Setup(root, _add_attributes(root / ATTRIBUTES), wanted)


def _add_attributes(path: Path) -> tuple[str, ...]:
    """Append the missing lines, keeping every existing one (and its line ends) as it was."""
    try:
        existing = path.read_bytes().decode("utf-8", "surrogateescape")  # its line ends as they are
    except FileNotFoundError:
        existing = ""
    have = {" ".join(line.split()) for line in existing.splitlines()}
    missing = tuple(line for line in _attribute_lines() if line not in have)
    if missing:
        joiner = "" if not existing or existing.endswith("\n") else "\n"
        text = existing + joiner + "\n".join(missing) + "\n"
        write_atomically(path, text.encode("utf-8", "surrogateescape"))
    return missing
