"""A plain git repository of pathways for the review tests, driven by the real git CLI.

Every repository is made under pytest's `tmp_path`; git's identity comes from the environment so
the tests never read or need the machine's own git configuration.
"""

from __future__ import annotations

import os
import subprocess
from importlib import resources
from pathlib import Path

HERMETIC = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Reviewer",
    "GIT_AUTHOR_EMAIL": "reviewer@example.org",
    "GIT_COMMITTER_NAME": "Reviewer",
    "GIT_COMMITTER_EMAIL": "reviewer@example.org",
}


def example(name: str) -> str:
    """One of the package's example pathways, as text."""
    return (resources.files("pathway_designer") / "data" / "pathways" / f"{name}.yaml").read_text("utf-8")


def run_git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env={**os.environ, **HERMETIC},
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def new_repository(root: Path, files: dict[str, str]) -> Path:
    """A repository on `main` whose first commit holds `files`."""
    root.mkdir(parents=True, exist_ok=True)
    run_git(root, "init", "-q", "-b", "main")
    write(root, files)
    commit(root, "first")
    return root


def write(root: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str) -> str:
    run_git(root, "add", "-A")
    run_git(root, "commit", "-q", "-m", message)
    return run_git(root, "rev-parse", "HEAD").strip()
