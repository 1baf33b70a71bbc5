"""One pathway file's review from its two sides: the text at the base and at the head (None if absent).

Findings are compared as people read them (rule, step and message, not line numbers, which any edit
above them moves): a finding the head has and the base had not is introduced, the other way round
fixed. A sign-off that was current at the base (its fingerprint matched the content then) and is
not at the head is one the change makes stale: the partner signed what is no longer there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..changes.diff import diff_pathways
from ..changes.words import changes_in_words
from ..changes.writing import diff_json
from ..checks.config import RuleConfig
from ..checks.validation import FileCheck, check_bytes, check_text
from ..finding import Finding
from ..format.canonical import fingerprint
from ..model import Pathway
from ..render.mermaid import render_mermaid
from ..words import org_name
from ..workshop.views import diff_view
from .measures import measures_moved
from .result import FileReview, Status


def review_file(
    old_path: str | None,
    old_text: str | bytes | None,
    new_path: str | None,
    new_text: str | bytes | None,
    config: RuleConfig | None = None,
) -> FileReview:
    """What changed in one file from `old_text` to `new_text` (None: the file is not on that side;
    bytes: as git keeps them, read as `validate` reads a file)."""
    old = _check(old_text, old_path, config)
    new = _check(new_text, new_path, config)
    status = _status(old_path if old_text is not None else None, new_path if new_text is not None else None)
    before = old.pathway if old else None
    after = new.pathway if new else None
    unreadable = tuple(
        side for side, check in (("the old version", old), ("the new version", new))
        if check is not None and check.pathway is None
    )
    introduced, fixed = _finding_moves(old.findings if old else [], new.findings if new else [])
    either = after or before
    title = either.title if either is not None else (new_path or old_path or "")
    review = FileReview(
        status,
        old_path if old_text is not None else None,
        new_path if new_text is not None else None,
        title,
        introduced=introduced,
        fixed=fixed,
        unreadable=unreadable,
    )
    if before is not None and after is not None:
        changes = diff_pathways(before, after)
        view = diff_view(before, after)
        diagram = render_mermaid(view.pathway, marks=view.marks, transition_marks=view.transition_marks)
        return _with(
            review,
            changes=tuple(changes_in_words(changes, before, after)),
            diff=tuple(diff_json(changes)),
            measures=measures_moved(before, after),
            stale_signoffs=_made_stale(before, after),
            diagram=diagram if changes else None,
        )
    if unreadable:  # measures against a side that is not a pathway would mislead
        return review
    if after is not None:  # a new pathway: every part of it is added
        marks = {s.id: "added" for s in after.steps}
        ways = {(t.from_, t.to): "added" for t in after.transitions}
        return _with(
            review,
            measures=measures_moved(None, after),
            diagram=render_mermaid(after, marks=marks, transition_marks=ways),
        )
    if before is not None:
        return _with(review, measures=measures_moved(before, None))
    return review


def _with(review: FileReview, **fields: Any) -> FileReview:
    return replace(review, **fields)


def _check(text: str | bytes | None, path: str | None, config: RuleConfig | None) -> FileCheck | None:
    if text is None:
        return None
    if isinstance(text, bytes):
        return check_bytes(text, path or "<text>", config)
    return check_text(text, path or "<text>", config)


def _status(old_path: str | None, new_path: str | None) -> Status:
    if old_path is None:
        return "added"
    if new_path is None:
        return "removed"
    return "renamed" if old_path != new_path else "edited"


def _identity(finding: Finding) -> tuple[str, str, str | None, str]:
    return (finding.rule, finding.severity.value, finding.step, finding.message)


def _missing_from(these: list[Finding], others: list[Finding]) -> tuple[Finding, ...]:
    """The findings of `these` that `others` lacks, counted as multisets (a second copy is news)."""
    left = Counter(_identity(f) for f in others)
    missing = []
    for finding in these:
        key = _identity(finding)
        if left[key]:
            left[key] -= 1
        else:
            missing.append(finding)
    return tuple(missing)


def _finding_moves(
    old: Iterable[Finding], new: Iterable[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(introduced, fixed)."""
    old_list, new_list = list(old), list(new)
    return _missing_from(new_list, old_list), _missing_from(old_list, new_list)


def _made_stale(before: Pathway, after: Pathway) -> tuple[str, ...]:
    """Sign-offs current at the base that the head's content no longer matches."""
    was, now = fingerprint(before), fingerprint(after)
    if was == now:
        return ()
    return tuple(
        f"{s.name} for {org_name(after, s.organisation) or s.organisation}"
        for s in after.signoffs
        if s.fingerprint == was
    )
