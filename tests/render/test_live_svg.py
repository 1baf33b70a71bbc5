"""The live diagram's SVG, laid out by the real `dot`: only the <svg> element, named for screen
readers, inert whatever the pathway's text holds, and without Graphviz's id titles."""

from __future__ import annotations

import re

import pytest

from pathway_designer.render import LayoutFailed
from pathway_designer.workshop.live_svg import live_svg, named_svg

DOT = '''digraph "Falls" {
  "s0" [label="<script>alert(1)</script> & \\"quotes\\"" tooltip="Referral"];
  "s1" [label="Assessment" URL="javascript:alert(1)"];
  "s0" -> "s1";
}'''


def test_only_the_svg_element_named_and_inert() -> None:
    svg = live_svg(DOT, 'Diagram of "Falls" <b>')
    assert svg.startswith('<svg role="img" aria-label="Diagram of &quot;Falls&quot; &lt;b&gt;"')
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    assert "<script" not in svg and "javascript:" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg  # the label shown as text
    assert 'xlink:title="Referral"' in svg  # the tooltip kept


def test_boxes_and_arrows_lose_their_id_titles_and_the_graph_keeps_its_own() -> None:
    svg = live_svg(DOT, "Diagram")
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    assert titles == ["Falls"]


def test_a_picture_without_svg_is_refused() -> None:
    with pytest.raises(LayoutFailed):
        named_svg("<html>not a picture</html>", "Diagram")
