"""The canonical form quotes every scalar that some YAML 1.1 or 1.2 reader would take for a boolean,
number, date or null: PyYAML's 1.1 loader (`yaml.safe_load`) and ruamel's 1.2 loader read back the
very strings that were written."""

from __future__ import annotations

import io

import pytest
import yaml
from format_helpers import build
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from strategies import HOSTILE

from pathway_designer import dump, load_text
from pathway_designer.format.canonical import scalar

# Each of these is a boolean, number, date or null to at least one YAML reader.
AMBIGUOUS = [
    "y", "Y", "n", "N", "yes", "No", "on", "Off", "true", "FALSE", "~", "null", "Null", "NULL",
    "2026-1-1", "2026-01-01", "2026-1-1 9:30:00", "2026-01-01T10:00:00Z", "1e3", "1E3", "0x1F",
    "0o17", "0b101", "012", ".inf", "-.inf", ".NaN", "1_000", "12:30", "1:30:00", "190:20:30.15",
    "+1", "-2", "3.", "-.5", "1.5e-3", "=", "<<",
]


def _ruamel(text: str) -> object:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


@pytest.mark.parametrize("value", AMBIGUOUS)
def test_ambiguous_scalars_are_quoted(value):
    written = scalar(value)
    assert written[0] in "'\"", f"{value!r} written plain"
    assert yaml.safe_load(f"v: {written}\n") == {"v": value}
    assert _ruamel(f"v: {written}\n") == {"v": value}


@pytest.mark.parametrize("value", ["2 week wait", "A&E", "GP", "v1.2", "12:30 pm", "3 days"])
def test_plain_words_stay_plain(value):
    assert scalar(value) == value  # quoting only what needs it keeps existing files unchanged


def _labelled(label: str) -> str:
    pathway = load_text(build())
    pathway.steps[0].label = label
    pathway.title = label
    return dump(pathway)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.sampled_from(AMBIGUOUS + HOSTILE),
        st.from_regex(r"\A[-+]?[0-9yYnN.:_eExXoOb~ -]{1,12}\Z"),
        st.text(min_size=1, max_size=20),
    ).filter(lambda s: 0 < len(s) <= 120)
)
def test_yaml_11_and_12_readers_get_the_same_strings(label):
    text = _labelled(label)
    for data in (yaml.safe_load(text), _ruamel(text)):
        assert data["title"] == label
        assert data["steps"][0]["label"] == label
