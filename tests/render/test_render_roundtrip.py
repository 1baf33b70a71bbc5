"""Any text survives the DOT and Mermaid round trip as the same text (property tests).

DOT is read back by Graphviz itself (`dot -Tjson`); Mermaid labels are decoded from their entity
codes. The expected text is the text written, with characters a YAML file cannot hold (control
characters, lone surrogates) shown as U+FFFD and line ends as newlines: see `text.clean`.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from render_helpers import (
    clusters,
    decode_html_label,
    decode_mermaid_label,
    decode_tooltip,
    dot_json,
    mermaid_labels,
    needs_dot,
    nodes,
    pathway,
)

from pathway_designer.model import Pathway
from pathway_designer.render import render_dot, render_mermaid
from pathway_designer.render.text import clean, wrap

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120)
WITH_CONTROLS = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from("\x00\x07\x1b\r\x7f\x85")),
    min_size=1,
    max_size=60,
)
LABELS = st.lists(st.one_of(ANY_TEXT, WITH_CONTROLS), min_size=1, max_size=4)


def labelled(labels: list[str], when: str, name: str) -> Pathway:
    steps = [
        {"id": f"s{i}", "label": label, "kind": "assessment", "owner": "org", "setting": "home"}
        for i, label in enumerate(labels)
    ]
    transitions = [
        {"from": f"s{i}", "to": f"s{i + 1}", "when": when, "handoff": when}
        for i in range(len(labels) - 1)
    ]
    organisations = [{"id": "org", "name": name, "role": "voluntary-sector"}]
    return pathway(steps, transitions, organisations)


@needs_dot
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels=LABELS, when=ANY_TEXT, name=ANY_TEXT)
@example(labels=["]"], when="0", name="0")  # Graphviz 2.43 refused a label text starting with `]`
@example(labels=["0"], when="\x0c", name="0")
@example(labels=["\t"], when="\t", name="\t")  # Graphviz refuses a label of nothing but tabs
def test_any_text_survives_dot(labels: list[str], when: str, name: str) -> None:
    p = labelled(labels, when, name)
    graph = dot_json(render_dot(p))
    drawn = nodes(graph)
    assert set(drawn) == {s.id for s in p.steps}
    for step in p.steps:
        assert decode_html_label(drawn[step.id]["label"]) == f"{clean(step.label)}\nat home"
        tooltip = decode_tooltip(drawn[step.id]["tooltip"])
        assert tooltip == clean(f"{step.label} (assessment)")
    assert len(graph.get("edges", [])) == len(p.transitions)
    for edge in graph.get("edges", []):
        if clean(when).strip():
            assert decode_html_label(edge["label"]) == f"{clean(when)}\n{clean(when)}"
        else:  # blank text is not drawn ("\n" as a condition is no condition)
            assert "label" not in edge
    (lane,) = clusters(graph).values()
    assert decode_html_label(lane["label"]) == f"{clean(name)}\nvoluntary sector"


@settings(max_examples=150, deadline=None)
@given(labels=LABELS, when=ANY_TEXT, name=ANY_TEXT)
@example(labels=["0", "0"], when="\x0c", name="0")  # a form feed is drawn (as U+FFFD), not blank
def test_any_text_survives_mermaid(labels: list[str], when: str, name: str) -> None:
    p = labelled(labels, when, name)
    text = render_mermaid(p)
    found = dict(re.findall(r'^\s+(s\d+|s_s\d+)\["([^"]*)"\]$', text, re.MULTILINE))
    for step in p.steps:
        assert decode_mermaid_label(found[f"s_{step.id}"]) == f"{clean(step.label)}\nat home"
    for label in re.findall(r'\|"([^"]*)"\|', text):
        assert decode_mermaid_label(label) == f"{clean(when)}\n{clean(when)}"
    (title,) = re.findall(r'subgraph lane_0\["([^"]*)"\]', text)
    assert decode_mermaid_label(title) == f"{clean(name).replace(chr(10), ' ')} · voluntary sector"
    # A blank condition is no condition: its arrow carries no label at all.
    labelled_ways = len(p.transitions) if clean(when).strip() else 0
    assert len(mermaid_labels(text)) == len(p.steps) + labelled_ways + 1  # every line parses


@settings(max_examples=300, deadline=None)
@given(line=st.text(max_size=300), width=st.integers(min_value=1, max_value=60))
def test_wrapping_keeps_every_character(line: str, width: int) -> None:
    pieces = wrap(line, width)
    assert "".join(pieces) == line
    for piece in pieces:
        assert len(piece.rstrip(" ")) <= width or " " not in piece.rstrip(" ")
        assert len(piece) <= width + 1
