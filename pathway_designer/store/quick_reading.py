"""Reading many versions of one pathway quickly, for the diffs of blame.

The first blame over a long history made elsewhere (a fresh clone) diffs every version once, and
reading the YAML is most of that cost: about 0.1 s for a 200-step pathway, so minutes for a
thousand versions. But versions differ by a few lines, and the store writes them in canonical form,
where each top-level field and each item of a list is a block of lines of its own. So each block is
parsed once, by the same safe reader as every pathway (`format.reading.read`: text kept as written,
duplicate keys, anchors and aliases refused), and remembered by its text: a new version costs the
parse of the blocks it changed and the model's validation.

This reader is only for blame: a text that does not have the canonical layout, or that any block of
does not read or validate, is read by the full reader (`load_text`) instead, which then reports
exactly what `load_text` reports.
"""

from __future__ import annotations

import threading
from typing import Any

from pydantic import ValidationError

from ..changes.diff import SECTIONS
from ..format.loading import load_text
from ..format.reading import MAX_BYTES, YamlReadError, read
from ..model import Pathway

MAX_BLOCKS = 50_000  # blocks remembered (a few hundred bytes each) before starting afresh


class QuickReader:
    """Kept for the life of a workspace, so that blame after a save parses only what changed."""

    def __init__(self) -> None:
        self._blocks: dict[str, Any] = {}
        self._lock = threading.Lock()

    def read(self, text: str, name: str) -> Pathway:
        """The pathway, as `load_text` reads it (and raising as it does when it cannot)."""
        data = self._data(text) if len(text) <= MAX_BYTES else None
        if data is not None:
            try:
                return Pathway.model_validate(data, by_alias=True, by_name=False)
            except (ValidationError, ValueError, TypeError):
                pass
        return load_text(text, name)

    def _data(self, text: str) -> dict[str, Any] | None:
        blocks = _blocks(text)
        if blocks is None:
            return None
        data: dict[str, Any] = {}
        for key, lines in blocks:
            if key in data:
                return None  # a repeated field: the full reader reports it
            if key in SECTIONS and lines[0] == f"{key}:":
                items = self._items(lines[1:])
                if items is None:
                    return None
                data[key] = items
                continue
            value = self._parse("\n".join(lines) + "\n")
            if not isinstance(value, dict) or list(value) != [key]:
                return None
            data[key] = value[key]
        return data

    def _items(self, lines: list[str]) -> list[Any] | None:
        items: list[list[str]] = []
        for line in lines:
            if line.startswith("  - "):
                items.append([line[2:]])
            elif items and (line.startswith("    ") or not line.strip()):
                items[-1].append(line[2:])
            else:
                return None
        parsed = []
        for item in items:
            value = self._parse("\n".join(item) + "\n")
            if not isinstance(value, list) or len(value) != 1:
                return None
            parsed.append(value[0])
        return parsed

    def parse_block(self, block: str) -> Any:
        """A block of YAML read by the safe reader, remembered by its text (None if it does not read)."""
        return self._parse(block)

    def _parse(self, block: str) -> Any:
        with self._lock:
            if block in self._blocks:
                return self._blocks[block]
        value = _safe_load(block)
        with self._lock:
            if len(self._blocks) >= MAX_BLOCKS:
                self._blocks.clear()
            self._blocks[block] = value
        return value


def _blocks(text: str) -> list[tuple[str, list[str]]] | None:
    """The top-level fields of a canonical text, each with its lines; None if it is not one."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if not line.strip():
            if blocks:
                blocks[-1][1].append(line)
        elif line.startswith("#"):
            if blocks:
                return None  # a comment below the header: not canonical
        elif line[0] == " ":
            if not blocks:
                return None
            blocks[-1][1].append(line)
        else:
            key, colon, _ = line.partition(":")
            if not colon:
                return None
            blocks.append((key, [line]))
    return blocks or None


def _safe_load(block: str) -> Any:
    """The block's value as the full reader builds it, or None when it cannot read it."""
    try:
        return read(block).data
    except YamlReadError:
        return None
