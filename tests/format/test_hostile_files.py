"""Hostile files: many unknown keys stay linear, special files are refused at once, huge times are
bounded, YAML tags are findings, and `fmt` writes through a symlink."""

from __future__ import annotations

from typing import Any

from format_helpers import build

from pathway_designer import PathwayError
from pathway_designer.format.loading import from_document
from pathway_designer.format.reading import read


class _CountingPairs(list[Any]):
    """A mapping node's (key, value) pairs that count every pair handed out, however it is asked."""

    visits = 0

    def __iter__(self) -> Any:
        for pair in super().__iter__():
            _CountingPairs.visits += 1
            yield pair

    def __getitem__(self, index: Any) -> Any:
        _CountingPairs.visits += 1
        return super().__getitem__(index)


def _pair_visits(unknown_keys: int) -> tuple[int, int]:
    """(pairs visited, findings) while turning a file of `unknown_keys` unknown keys into findings."""
    text = build() + "".join(f"extra-{i}: {i}\n" for i in range(unknown_keys))
    document = read(text)
    document.root.value = _CountingPairs(document.root.value)
    _CountingPairs.visits = 0
    try:
        from_document(document, "many.yaml")
    except PathwayError as exc:
        return _CountingPairs.visits, len(exc.findings)
    raise AssertionError("unknown keys must be findings")


def test_positions_of_many_unknown_keys_take_linear_work():
    # Each finding used to search its mapping's keys one by one: n findings, n²/2 pairs visited.
    small_visits, small_findings = _pair_visits(500)
    large_visits, large_findings = _pair_visits(4000)
    assert small_findings >= 500 and large_findings >= 4000
    assert large_visits <= 3 * (4000 + 10)
    assert large_visits <= 8 * small_visits + 100  # 8 times the keys, at most 8 times the work

