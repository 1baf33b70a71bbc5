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
from dataclasses import dataclass, field
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
_TOP = re.compile(r"\n(?=\S)")  # where each top-level line starts a block
_KEY = re.compile(r"[a-z][a-z0-9-]*")
# A line of a section that neither starts an item nor is indented under one.
_NOT_INSIDE = re.compile(r"\n(?!  - |    |\n|$)")
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
        self._layouts: dict[str, _Layout | None] = {}  # the last few texts (each is new, then old)
        self._lock = threading.Lock()

    def changes(self, old: str, new: str) -> list[ChangeKey] | None:
        """(action, section, key, field) of every change from `old` to `new`; None if this way
        cannot tell (see the module's docstring)."""
        before, after = self._layout(old), self._layout(new)
        if before is None or after is None or before.fields != after.fields:
            return None  # not canonical, or the pathway's own fields changed: the full diff
        found: list[ChangeKey] = []
        for section in SECTIONS:
            if before.blocks.get(section) == after.blocks.get(section):
                continue
            was, now = self._section(before, section), self._section(after, section)
            if was is None or now is None or len(now) < _AT_LEAST.get(section, 0):
                return None
            gone, came = was.keys() - now.keys(), now.keys() - was.keys()
            old_items = {was[t][0]: was[t][1] for t in was if t in gone}
            new_items = {now[t][0]: now[t][1] for t in now if t in came}
            found.extend(
                (c.action, c.section, c.key, c.field) for c in diff_section(section, old_items, new_items)
            )
        return found

    def _layout(self, text: str) -> _Layout | None:
        with self._lock:
            if text in self._layouts:
                return self._layouts[text]
        layout = _Layout.of(text) if len(text) <= MAX_BYTES else None
        with self._lock:
            while len(self._layouts) >= 4:
                self._layouts.pop(next(iter(self._layouts)))
            self._layouts[text] = layout
        return layout

    def _section(self, layout: _Layout, section: str) -> dict[str, Item] | None:
        """A section's items by their text, in file order; None when an identity repeats (repeats
        are numbered by pairing, see `keyed_like`: the full diff) or an item does not load."""
        if section in layout.sections:
            return layout.sections[section]
        texts = _item_texts(layout.blocks.get(section), section)
        found: dict[str, Item] | None = None
        if texts is not None:
            missing = object()
            with self._lock:
                known = [self._items.get((section, text), missing) for text in texts]
            items: list[Item | None] = [
                self._item(section, t) if k is missing else k  # type: ignore[misc]
                for t, k in zip(texts, known, strict=True)
            ]
            if None not in items and len(set(texts)) == len(texts):
                found = {t: i for t, i in zip(texts, items, strict=True) if i is not None}
                if len({key for key, _ in found.values()}) != len(found):
                    found = None
        layout.sections[section] = found
        return found

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


@dataclass
class _Layout:
    """A canonical text's top-level blocks, and the items of the sections looked at so far."""

    blocks: dict[str, str]
    fields: dict[str, str]  # the blocks that are not sections (the pathway's own fields)
    sections: dict[str, dict[str, Item] | None] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> _Layout | None:
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
        return cls(blocks, {k: v for k, v in blocks.items() if k not in _SECTIONS})


def _item_texts(block: str | None, section: str) -> list[str] | None:
    """Each item of a section's block, as its text after "  - "; [] for none or `name: []`."""
    if block is None:
        return []
    head, _, body = block.partition("\n")
    if head == f"{section}: []" and not body.strip():
        return []
    if head != f"{section}:" or not body.startswith("  - ") or _NOT_INSIDE.search("\n" + body.rstrip("\n")):
        return None
    return ("\n" + body.rstrip("\n")).split("\n  - ")[1:]
