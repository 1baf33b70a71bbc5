"""The diff of two neighbouring versions for blame, from the blocks of text they differ in.

The first blame of a long history made elsewhere (a fresh clone) needs the diff of every version
against the one before it. Versions in the store are canonical text, where each top-level field and
each item of a list is a block of lines of its own, and neighbours differ by a block or two. So
when the pathway's own fields are the same text on both sides, and every item's identity is
unique, the diff is that of the items whose text differs: each such item validated on its own (its
model, as the pathway's validation would) and compared field by field, exactly as `diff_pathways`
compares it. Items with the same text are the same item, unchanged; an item merely moved is no
change, as order is not meaning.

Anything else (a field of the pathway changed, repeated identities, text not in canonical layout,
an item that does not validate, or an old side not known to load) returns None, and the caller
reads both versions whole, as before. The model has no validation across items, so a version
whose items all validate, on top of a version that loaded, loads too.
"""

from __future__ import annotations

import re
import threading
import typing
from collections import Counter
from typing import Any

from pydantic import BaseModel, ValidationError

from ..changes.diff import SECTIONS, diff_section, natural_key
from ..format.reading import MAX_BYTES
from ..model import Pathway
from .changes_cache import ChangeKey
from .quick_reading import QuickReader

MAX_ITEMS = 50_000  # items remembered before starting afresh
# A section must keep at least this many items for the pathway to load (the model's min_length).
_AT_LEAST = {"organisations": 1, "steps": 1}
_TOP = re.compile(r"^(?=\S)", re.MULTILINE)  # where each top-level line starts a block
_KEY = re.compile(r"[a-z][a-z0-9-]*")
_NOT_INSIDE = re.compile(r"\n(?!    |\n|$)")  # a line of an item that is not indented under it
_SECTIONS = frozenset(SECTIONS)


def _item_model(section: str) -> type[BaseModel]:
    (model,) = typing.get_args(Pathway.model_fields[section].annotation)
    return model  # type: ignore[no-any-return]


_MODELS = {section: _item_model(section) for section in SECTIONS}
Item = tuple[str, dict[str, Any]]  # an item's identity and its JSON form


class QuickDiffer:
    """Kept for the life of a workspace, beside the block reader it shares."""

    def __init__(self, reader: QuickReader) -> None:
        self.reader = reader
        self._items: dict[tuple[str, str], Item | None] = {}
        self._lock = threading.Lock()

    def changes(self, old: str, new: str) -> list[ChangeKey] | None:
        """(action, section, key, field) of every change from `old` to `new`; None if this way
        cannot tell (see the module's docstring)."""
        if len(old) > MAX_BYTES or len(new) > MAX_BYTES:
            return None
        before, after = _split(old), _split(new)
        if before is None or after is None:
            return None
        if {k: v for k, v in before.items() if k not in _SECTIONS} != {
            k: v for k, v in after.items() if k not in _SECTIONS
        }:
            return None  # the pathway's own fields changed: the full diff says how
        found: list[ChangeKey] = []
        for section in SECTIONS:
            if before.get(section) == after.get(section):
                continue
            was, now = _item_texts(before.get(section), section), _item_texts(after.get(section), section)
            if was is None or now is None or len(now) < _AT_LEAST.get(section, 0):
                return None
            section_changes = self._section(section, was, now)
            if section_changes is None:
                return None
            found.extend(section_changes)
        return found

    def _section(self, section: str, was: list[str], now: list[str]) -> list[ChangeKey] | None:
        gone, came = Counter(was) - Counter(now), Counter(now) - Counter(was)
        old_items, new_items = self._keyed(section, was, gone), self._keyed(section, now, came)
        if old_items is None or new_items is None:
            return None
        return [(c.action, c.section, c.key, c.field) for c in diff_section(section, old_items, new_items)]

    def _keyed(self, section: str, texts: list[str], differing: Counter[str]) -> dict[str, Any] | None:
        """The differing items by identity; None when an identity repeats, or an item is bad."""
        missing = object()
        with self._lock:
            known = [self._items.get((section, text), missing) for text in texts]
        items: list[Item | None] = [
            self._item(section, t) if k is missing else k  # type: ignore[misc]
            for t, k in zip(texts, known, strict=True)
        ]
        if any(item is None for item in items):
            return None
        keys = [item[0] for item in items if item is not None]
        if len(set(keys)) != len(keys):
            return None  # repeats are numbered by pairing (see `keyed_like`): the full diff
        return {
            item[0]: item[1]
            for text, item in zip(texts, items, strict=True)
            if item is not None and text in differing
        }

    def _item(self, section: str, text: str) -> Item | None:
        """An item's identity and JSON form, as the pathway's `model_dump` gives it; None if it
        does not load."""
        value = self.reader.parse_block("- " + text.replace("\n  ", "\n") + "\n")
        found: Item | None = None
        if isinstance(value, list) and len(value) == 1:
            try:
                item = _MODELS[section].model_validate(value[0], by_alias=True, by_name=False)
                data = item.model_dump(mode="json", by_alias=True)
                found = (natural_key(section, data), data)
            except (ValidationError, ValueError, TypeError, KeyError):
                found = None
        with self._lock:
            if len(self._items) >= MAX_ITEMS:
                self._items.clear()
            self._items[(section, text)] = found
        return found


def _split(text: str) -> dict[str, str] | None:
    """The top-level blocks of a canonical text by field (a header comment first, as "#")."""
    blocks: dict[str, str] = {}
    for part in _TOP.split(text):
        if not part:
            continue
        if part.startswith("#"):
            if blocks and list(blocks) != ["#"]:
                return None  # a comment below the header: not canonical
            blocks["#"] = blocks.get("#", "") + part
            continue
        key, colon, _ = part.partition(":")
        if not colon or not _KEY.fullmatch(key) or key in blocks:
            return None
        blocks[key] = part
    return blocks


def _item_texts(block: str | None, section: str) -> list[str] | None:
    """Each item of a section's block, as its text after "  - "; [] for none or `name: []`."""
    if block is None:
        return []
    head, _, body = block.partition("\n")
    if head == f"{section}: []" and not body.strip():
        return []
    if head != f"{section}:" or not body.startswith("  - "):
        return None
    items = ("\n" + body.rstrip("\n")).split("\n  - ")[1:]
    if any(_NOT_INSIDE.search(item) for item in items):
        return None
    return items
