"""A review's result: for each pathway file that differs between two revisions, what the change means.

Plain data, written as Markdown (one pull-request comment) by `review.markdown`, and as text and JSON
by `review.writing`. Built by `review.files` (one file's two sides) and `review.collect` (the
files between two revisions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..finding import Finding

Status = Literal["added", "removed", "renamed", "edited"]


@dataclass(frozen=True)
class MeasureMove:
    """A partnership measure that moved: its name in words, and its value before and after."""

    key: str  # for programs: handoffs, routes, quickest, slowest, steps
    measure: str
    old: str
    new: str


@dataclass(frozen=True)
class FileReview:
    """One pathway file's change between the two revisions."""

    status: Status
    old_path: str | None  # None for an added file
    new_path: str | None  # None for a removed file
    title: str  # the pathway's title (newer side first), else the file's name
    changes: tuple[str, ...] = ()  # what changed by meaning, in a workshop's words
    diff: tuple[dict[str, Any], ...] = ()  # the same changes as data, with ids (for JSON)
    introduced: tuple[Finding, ...] = ()  # findings the change brings in
    fixed: tuple[Finding, ...] = ()  # findings the change puts right
    measures: tuple[MeasureMove, ...] = ()
    stale_signoffs: tuple[str, ...] = ()  # "Amina Khan for Ryedale Mind"
    diagram: str | None = None  # Mermaid, with added, removed and changed parts marked
    unreadable: tuple[str, ...] = ()  # "the new version" / "the old version": not a pathway

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or ""


@dataclass(frozen=True)
class Review:
    """Every pathway file that differs from `base` to `head`."""

    base: str  # the revisions as given (`main`, `HEAD~1`)
    head: str
    base_commit: str  # where the head left the base (git merge-base), as a full id
    head_commit: str
    files: tuple[FileReview, ...] = field(default=())

    @property
    def introduced(self) -> int:
        return sum(len(f.introduced) for f in self.files)

    @property
    def fixed(self) -> int:
        return sum(len(f.fixed) for f in self.files)
