"""Laying out through the real `dot`: a missing Graphviz, and layouts that fail, are real cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import needs_dot, pathway

from pathway_designer.render import GraphvizMissing, LayoutFailed, lay_out, render
from pathway_designer.render.export import NEWRANK_NOTE, with_newrank

# dot 2.43 fails on this with `trouble in init_rank` and lays it out with newrank=true. Reduced from
# a generated 30-step pathway (lanes and labelled arrows, as ours have).
INIT_RANK_TROUBLE = """\
digraph G {
	rankdir=LR
	subgraph cluster_a { s8; s11; s29 }
	subgraph cluster_c { s10; s12; s16 }
	subgraph cluster_d { s17; s27 }
	s10 -> s12 [label=x]
	s10 -> s11 [label=x]
	s11 -> s12 [label=x]
	s16 -> s19 [label=x]
	s16 -> s17 [label=x]
	s27 -> s29 [label=x]
	s26 -> s27 [label=x]
	s26 -> s23 [label=x]
}
"""

# Fails with and without newrank on dot 2.43 (graphviz issue 1213, constraint=false edges).
ALWAYS_TROUBLE = """\
digraph G {
V4 V0 V2
subgraph cluster_0 { V3 V1 }
subgraph cluster_1 { V10 V5 V11 }
subgraph cluster_2 { V9 V8 V6 }
V7
V0 -> V3 [constraint=false] V4 -> V0 V3 -> V1 V0 -> V2 [constraint=false]
V10 -> V6 [label=a,constraint=false] V11 -> V10 V9 -> V8 V6 -> V9 V5 -> V11
V10 -> V7 [constraint=false] V4 -> V5 [constraint=false] V3 -> V6 [constraint=false]
V2 -> V7 [constraint=false] V1 -> V9 [label=b,constraint=false] V1 -> V8
V0 -> V11 [constraint=false] V0 -> V10
}
"""


@needs_dot
def test_init_rank_trouble_is_laid_out_again_with_newrank_and_said() -> None:
    exported = lay_out(INIT_RANK_TROUBLE, "svg")
    assert exported.notes == (NEWRANK_NOTE,)
    assert b"<svg" in exported.data and b"s29" in exported.data


@needs_dot
def test_a_layout_that_fails_twice_is_an_error_not_an_empty_diagram() -> None:
    with pytest.raises(LayoutFailed, match=r"even with newrank=true: .*init_rank"):
        lay_out(ALWAYS_TROUBLE, "svg")
    with pytest.raises(LayoutFailed, match="init_rank") as raised:
        lay_out(with_newrank(ALWAYS_TROUBLE), "svg")  # newrank already: no second attempt
    assert "even with" not in str(raised.value)


@needs_dot
def test_other_dot_errors_are_reported() -> None:
    with pytest.raises(LayoutFailed, match="syntax error"):
        lay_out("digraph { a -> }", "png")


def test_with_newrank_adds_the_attribute_after_the_opening_brace() -> None:
    assert with_newrank('strict digraph "a{b" {\n\tx\n}') == 'strict digraph "a{b" {\n\tnewrank=true;\n\tx\n}'
    assert with_newrank('digraph{x}') == 'digraph{\n\tnewrank=true;x}'
    with pytest.raises(LayoutFailed):
        with_newrank("not dot at all")


def test_unknown_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="svg, png, pdf"):
        lay_out("digraph {}", "gif")
    with pytest.raises(ValueError, match="mermaid"):
        render(pathway(), "jpeg")


def test_missing_graphviz_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no `dot` in it
    with pytest.raises(GraphvizMissing) as raised:
        render(pathway(), "svg")
    message = str(raised.value)
    for words in ("apt-get install graphviz", "brew install graphviz", "winget install graphviz",
                  "-f dot or -f mermaid"):
        assert words in message
    assert render(pathway(), "dot").data.startswith(b"digraph")  # text formats need no Graphviz
    assert render(pathway(), "mermaid").data.startswith(b"---\ntitle: ")
