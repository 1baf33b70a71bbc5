"""How git shows a pathway file's change: by meaning, not by YAML lines.

- `facts`: git's `diff.pathway.textconv`. A pathway as one line per fact
  (`steps[triage].label: Triage`), items keyed by who they are and sorted, so the line diff git
  then makes (`git log -p`, `git show`, any blame or web view that honours textconv) is a change by
  meaning: a moved step is no change, an edited field one line.
- `external_diff`: git's `diff.pathway.command` (`git diff`): the semantic diff in words, with a
  header as git's own; a side that is not a pathway is shown as a plain line diff instead.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from ..changes.diff import SECTIONS, diff_pathways, keyed_items, pathway_data, top_fields
from ..changes.writing import diff_text
from ..controls import escaped, escaped_lines
from ..format.loading import PathwayError, load_text
from .inputs import DriverInput, read_side
from .merging import load_or_none


def _value(value: Any) -> str:
    return escaped(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def facts(text: str, name: str = "<text>") -> str:
    """The pathway as sorted facts, one a line; text that is not a pathway is returned as it is."""
    try:
        pathway = load_text(text, name)
    except PathwayError:
        return text
    data = pathway_data(pathway)
    lines = [f"{field}: {_value(v)}" for field, v in top_fields(data).items() if v not in (None, [])]
    for section in SECTIONS:
        for key, item in keyed_items(section, data[section]).items():
            lines += [
                f"{section}[{escaped(key)}].{field}: {_value(v)}"
                for field, v in item.items()
                if v not in (None, [])
            ]
    return "\n".join(sorted(lines)) + "\n"


def external_diff(path: str, old_file: str, new_file: str) -> str:
    """What `git diff` prints for one pathway file (git's 7-argument external diff, 3 used)."""
    header = f"diff --pathway a/{escaped(path)} b/{escaped(path)}"
    try:
        old, new = read_side(old_file, "replace"), read_side(new_file, "replace")
    except DriverInput as exc:
        return f"{header}\nnot shown by meaning: {escaped(str(exc))}\n"
    before = load_or_none(old, path)
    after = load_or_none(new, path)
    if old is None and after is not None:
        return f"{header}\nnew pathway: {escaped(after.title)}\n"
    if new is None and before is not None:
        return f"{header}\npathway removed: {escaped(before.title)}\n"
    if before is not None and after is not None:
        changes = diff_pathways(before, after)
        told = [escaped(diff_text([c])) for c in changes] or [diff_text([])]
        return header + "\n" + "\n".join(told) + "\n"
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True),
        f"a/{path}", f"b/{path}",
    )
    return header + "\n" + escaped_lines("".join(lines))

