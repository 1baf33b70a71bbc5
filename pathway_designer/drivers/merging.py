"""The merge driver git runs for a pathway file: `%O` (base), `%A` (ours, and the result), `%B`.

A clean semantic merge writes the merged pathway, in canonical form, to `%A` and exits 0: two
branches that edit neighbouring steps merge although their lines touch.

A true conflict exits 1 (git then marks the file as conflicted) and loses nothing: everything the two
sides do not disagree on is merged once, and each conflict is written between git's own markers,
ours first (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`). Every git tool and editor knows the markers;
`validate` reports each one as a `merge-conflict` finding at its line; git's index still holds both
whole sides (`git checkout --theirs`). A side that is not a pathway (or no base: both sides added
the file) is left to the same markers around the whole of each side.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..changes.merge import Conflict, merge_pathways, resolve
from ..format.atomic import write_atomically
from ..format.canonical import dump
from ..format.loading import PathwayError, load_text
from ..model import Pathway
from .inputs import DriverInput, read_side

OURS = "<<<<<<< ours"
BETWEEN = "======="
THEIRS = ">>>>>>> theirs"


@dataclass(frozen=True)
class DriverResult:
    """What the driver wrote: the text ("" when it wrote nothing), and the conflicts (none when
    the merge was clean)."""

    text: str
    conflicts: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def load_or_none(text: str | None, name: str) -> Pathway | None:
    """The pathway the text is, or None for no text or one that is not a pathway."""
    if text is None:
        return None
    try:
        return load_text(text, name)
    except PathwayError:
        return None


def merge_texts(base: str | None, ours: str, theirs: str, name: str = "<merge>") -> DriverResult:
    """The three-way merge of the texts by meaning; the conflicts marked as described above."""
    if ours == theirs:
        return DriverResult(ours, ())
    b, o, t = load_or_none(base, name), load_or_none(ours, name), load_or_none(theirs, name)
    if b is None or o is None or t is None:
        return DriverResult(marked(ours, theirs), ("the file cannot be merged by meaning",))
    result = merge_pathways(b, o, t)
    if result.pathway is not None:
        return DriverResult(dump(result.pathway), ())
    told = tuple(c.describe() for c in result.conflicts)
    return DriverResult(_conflicts_marked(b, o, t, result.conflicts), told)


def _conflicts_marked(base: Pathway, ours: Pathway, theirs: Pathway, conflicts: Sequence[Conflict]) -> str:
    """Both sides merged with every conflict settled their way, then the two told apart by lines."""
    try:
        mine = dump(resolve(base, ours, theirs, {c.id: "ours" for c in conflicts}))
        yours = dump(resolve(base, ours, theirs, {c.id: "theirs" for c in conflicts}))
    except ValueError:  # a settlement the model refuses (every step removed): the sides whole
        return marked(dump(ours), dump(theirs))
    return marked(mine, yours)


def marked(ours: str, theirs: str) -> str:
    """One text with the lines the two share once and each difference between git's markers."""
    a, b = ours.splitlines(keepends=True), theirs.splitlines(keepends=True)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        out.append(OURS + "\n")
        out.extend(_ended(a[i1:i2]))
        out.append(BETWEEN + "\n")
        out.extend(_ended(b[j1:j2]))
        out.append(THEIRS + "\n")
    return "".join(out)


def _ended(lines: list[str]) -> list[str]:
    return [*lines[:-1], lines[-1] if lines[-1].endswith("\n") else lines[-1] + "\n"] if lines else []


def run_driver(base: Path, ours: Path, theirs: Path, name: str) -> DriverResult:
    """What git's `merge.pathway.driver` does: merge into `ours`, the result as written. A side
    that cannot be read (or is past the size limit) is a conflict with `ours` left as it was."""
    try:
        ours_text, theirs_text, base_text = (read_side(p) or "" for p in (ours, theirs, base))
    except DriverInput as exc:  # nothing written: `ours` is as it was, and git marks the file
        return DriverResult("", (f"not merged, merge it by hand: {exc}",))
    result = merge_texts(base_text or None, ours_text, theirs_text, name)
    if result.text != ours_text:
        write_atomically(ours, result.text.encode("utf-8", "surrogateescape"))
    return result
