"""A review of every pathway file that differs between two git revisions of a repository.

The head is compared with where it left the base (`git merge-base`), as a pull request is: a
change made on `main` since the branch began is not the branch's change. Without a head, `HEAD`
(the commit checked out, what a pull request holds), so uncommitted edits are not reviewed.

A pathway file is a `.yaml` or `.yml` file outside hidden folders (`.github/`) other than the
rules' configuration, that sits in a `pathways/` folder or has a top-level `steps:` on either side:
the workflows and configuration files of a repository are not pathways.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..checks.config import CONFIG_NAME, RuleConfig
from ..checks.validation import config_for
from .files import review_file
from .gitcli import ReviewError, commit_of, fork_point, name_status, read_blob, repository_root
from .result import FileReview, Review

_STEPS = re.compile(rb"^steps\s*:", re.MULTILINE)


def review_revisions(start: Path, base: str, head: str | None = None) -> Review:
    """The review of the repository holding `start`, from `base` to `head` (default `HEAD`)."""
    root = repository_root(start)
    head = head or "HEAD"
    base_commit = commit_of(root, base)
    head_commit = commit_of(root, head)
    since = fork_point(root, base_commit, head_commit)
    files: list[FileReview] = []
    for status, old_path, new_path in name_status(root, since, head_commit):
        if not (_candidate(old_path) or _candidate(new_path)):
            continue
        # bytes, as git keeps them: ones that are not UTF-8 are a finding, as `validate` says
        old_text = read_blob(root, since, old_path) if status not in "A" else None
        new_text = read_blob(root, head_commit, new_path) if status not in "D" else None
        if not (_pathway_like(old_path, old_text) or _pathway_like(new_path, new_text)):
            continue
        config = _config(root, new_path)
        files.append(
            review_file(
                old_path if old_text is not None else None,
                old_text,
                new_path if new_text is not None else None,
                new_text,
                config,
            )
        )
    files.sort(key=lambda f: f.path)
    return Review(base, head, since, head_commit, tuple(files))


def _candidate(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        path.endswith((".yaml", ".yml"))
        and parts[-1] != CONFIG_NAME
        and not any(p.startswith(".") for p in parts[:-1])
    )


def _pathway_like(path: str, data: bytes | None) -> bool:
    if data is None or not _candidate(path):
        return False
    return "pathways" in PurePosixPath(path).parts[:-1] or bool(_STEPS.search(data))


def _config(root: Path, path: str) -> RuleConfig | None:
    try:
        return config_for(root / path)
    except OSError:
        return None


__all__ = ["ReviewError", "review_revisions"]
