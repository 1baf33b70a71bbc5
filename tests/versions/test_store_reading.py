"""The quick reader blame uses gives exactly what `load_text` gives, or leaves the text to it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from store_helpers import SAMPLE, edit

from pathway_designer import dump, load_text
from pathway_designer.changes.diff import pathway_data
from pathway_designer.format.loading import PathwayError
from pathway_designer.store.quick_reading import QuickReader

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from generated import pathway_text  # noqa: E402

EXAMPLES = sorted((REPO / "pathways").glob("*.yaml"))


def same(text: str) -> None:
    reader = QuickReader()
    assert pathway_data(reader.read(text, "x.yaml")) == pathway_data(load_text(text, "x.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    same(text)
    same(dump(load_text(text)))


def test_canonical_texts_are_read_by_blocks() -> None:
    reader = QuickReader()
    text = dump(load_text(pathway_text(120)))
    assert reader._data(text) is not None
    same(text)
    same(SAMPLE)


@pytest.mark.parametrize(
    "text",
    [
        edit(SAMPLE, "when: Risk is high", "when: Yes"),  # YAML 1.1 would make it a boolean
        edit(SAMPLE, "    wait: 4h", "    wait: 4h\n    description: |\n      Two lines\n\n      and a gap"),
        edit(SAMPLE, "title: Adult crisis pathway", "title: 'Adult: crisis'"),
        "# yaml-language-server: $schema=x\n" + SAMPLE,
        SAMPLE.replace("\n  - ", "\n- ").replace("\n    ", "\n  "),  # not the canonical layout
        edit(SAMPLE, "title: Adult crisis pathway", "title: !!str Adult crisis pathway"),
        edit(SAMPLE, "    owner: trust\n    wait: 1h", "    owner: trust  # a comment\n    wait: 1h"),
    ],
)
def test_unusual_texts_read_as_the_full_reader_reads_them(text: str) -> None:
    same(text)


@pytest.mark.parametrize(
    "text",
    [
        edit(SAMPLE, "title: Adult crisis pathway", "title: &t Adult crisis pathway\nsummary: *t"),
        edit(SAMPLE, "format: 1\n", "format: 1\nformat: 1\n"),
        edit(SAMPLE, "    owner: trust\n    wait: 1h", "    owner: trust\n    owner: gp\n    wait: 1h"),
        edit(SAMPLE, "title: Adult crisis pathway", "title: Adult crisis pathway\nbased_on: x"),
        "steps: [unclosed",
    ],
)
def test_what_the_full_reader_refuses_is_refused(text: str) -> None:
    with pytest.raises(PathwayError):
        load_text(text)
    with pytest.raises(PathwayError):
        QuickReader().read(text, "x.yaml")
