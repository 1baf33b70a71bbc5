"""Properties over generated input: the reader never raises, dump/load round-trips, dump is a fixed
point, and validate copes with any graph."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import HEADERS, yamlish
from strategies import pathways as pathway_strategy

from pathway_designer import Finding, check_text, dump, load_text, validate
from pathway_designer.format.reading import YamlReadError, decode

# Sized so that the file runs in well under 30 s: text is cheap, generated pathways are not.
TEXT = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATHWAYS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _never_raises(text: str) -> None:
    check = check_text(text, "fuzz.yaml", today=dt.date(2026, 11, 26))
    assert all(isinstance(f, Finding) for f in check.findings)
    if check.pathway is None:
        assert check.findings, "a pathway that does not load must say why"
        assert all(f.file == "fuzz.yaml" for f in check.findings)


@TEXT
@given(yamlish())
def test_yamlish_text_never_raises(text):
    _never_raises(text)


@TEXT
@given(st.text())
def test_any_text_never_raises(text):
    _never_raises(text)


@TEXT
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(raw):
    try:
        text = decode(raw)
    except YamlReadError as exc:
        assert exc.findings[0].rule == "not-utf8"
        assert exc.findings[0].line is not None and exc.findings[0].column is not None
        text = raw.decode("utf-8", errors="surrogateescape")  # lone surrogates: still no crash
    _never_raises(text)


@PATHWAYS
@given(pathway_strategy(), HEADERS)
def test_dump_then_load_gives_an_equal_pathway(pathway, header):
    text = dump(pathway, header=header)
    again = load_text(text)
    assert again.model_dump() == pathway.model_dump()
    assert again.header == header


@PATHWAYS
@given(pathway_strategy(), HEADERS)
def test_dump_is_a_fixed_point(pathway, header):
    text = dump(pathway, header=header)
    assert dump(load_text(text)) == text
    assert text.endswith("\n") and text.encode("utf-8")


@PATHWAYS
@given(pathway_strategy(max_steps=8))
def test_validate_never_raises_on_any_graph(pathway):
    found = validate(pathway, today=dt.date(2026, 11, 26))
    assert all(isinstance(f, Finding) for f in found)
    # and the same through text, where findings carry positions
    check = check_text(dump(pathway), "random.yaml", today=dt.date(2026, 11, 26))
    assert check.pathway is not None
    assert [f for f in check.findings if f.line is None or f.column is None] == []
