"""User text is never code: hostile labels, conditions, handoffs and names render as text.

No label can add nodes, edges or attributes to the DOT graph, put a script, an event handler or a
`javascript:` URL into the SVG, or break Mermaid's syntax.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from render_helpers import (
    ENTITY_OR_BREAK,
    clusters,
    decode_html_label,
    decode_mermaid_label,
    decode_tooltip,
    dot_json,
    mermaid_labels,
    needs_dot,
    no_space,
    nodes,
    pathway,
    svg_texts_by_node,
)

from pathway_designer.model import Pathway
from pathway_designer.render import lay_out, render_dot, render_mermaid
from pathway_designer.render.text import REPLACEMENT, clean

HOSTILE = [
    'He said "stop" and \'left\'',
    "back\\slash \\N \\G \\L \\n \\l \\",
    "braces { } [ ] ; -> -- digraph { x -> y }",
    '"]; injected [label="pwned" URL="javascript:alert(1)"]; x -> y; a [',
    "<B>bold</B> & <I>i</I> &amp; &lt; &#60; &quot; &nbsp;",
    '<<TABLE><TR><TD HREF="javascript:alert(1)">x</TD></TR></TABLE>>',
    '<script>alert("x")</script>',
    "javascript:alert(document.cookie)",
    '<img src=x onerror="alert(1)"> <a onclick=alert(1) href="javascript:x">a</a>',
    'onload=alert(1) onmouseover="x" <svg onload=alert(1)>',
    "]]> <!-- comment --> <![CDATA[ x ]]> <?xml version='1.0'?>",
    "line one\nline two\r\nline three\rfour",
    "x" * 120,
    "Supercalifragilisticexpialidocious-antidisestablishmentarianism-pneumonoultramicroscopic",
    "Ärztliche Überweisung — naïve café, 5 € ≤ 10 £",
    "Оценка риска и план безопасности",
    "تقييم المخاطر وخطة السلامة",
    "危機対応チームによる評価",
    "जोखिम मूल्यांकन और सुरक्षा योजना",
    "🧠💬 peer support 👩🏽‍⚕️",
    "%%{init: {'securityLevel': 'loose'}}%% ``` click s_0 call alert() ",
    "#quot; #35; &#quot; ; | ` ~ ^ :::error",
    "end",
    "subgraph graph node edge strict digraph",
    "\t tab and  double  spaces ",
    "ctrl \x00\x07\x1b\x7f chars",
]

NODE_ATTRIBUTES = {
    "label", "shape", "style", "fillcolor", "color", "penwidth", "tooltip", "peripheries", "margin",
    "fontname", "fontsize", "fontcolor", "height", "width",
}
EDGE_ATTRIBUTES = {
    "label", "xlabel", "color", "penwidth", "style", "tooltip", "weight", "arrowsize", "fontcolor",
    "fontname", "fontsize",
}


def hostile_pathway() -> Pathway:
    """A chain of steps labelled with hostile text, between organisations named with it."""
    names = HOSTILE[:3]
    organisations = [
        {"id": f"org-{i}", "name": name, "role": "nhs-provider"} for i, name in enumerate(names)
    ]
    steps = [
        {
            "id": f"s{i}",
            "label": label,
            "kind": "entry" if i == 0 else "exit" if i == len(HOSTILE) - 1 else "assessment",
            "owner": f"org-{i % len(names)}",
            "description": label,
        }
        for i, label in enumerate(HOSTILE)
    ]
    transitions = [
        {"from": f"s{i}", "to": f"s{i + 1}", "when": HOSTILE[-1 - i], "handoff": HOSTILE[i]}
        for i in range(len(HOSTILE) - 1)
    ]
    return pathway(steps, transitions, organisations, title=HOSTILE[3])


@pytest.fixture(scope="module")
def hostile() -> Pathway:
    return hostile_pathway()


@pytest.fixture(scope="module")
def dot_source(hostile: Pathway) -> str:
    return render_dot(hostile)


@needs_dot
def test_dot_graph_has_exactly_the_steps_and_transitions(hostile: Pathway, dot_source: str) -> None:
    graph = dot_json(dot_source)
    assert set(nodes(graph)) == {s.id for s in hostile.steps}
    assert len(graph["edges"]) == len(hostile.transitions)
    assert set(clusters(graph)) == {f"cluster_org-org-{i}" for i in range(3)}
    for node in nodes(graph).values():
        extra = set(node) - NODE_ATTRIBUTES - {"name", "_gvid", "_draw_", "_ldraw_", "pos", "bb"}
        assert not extra, (node["name"], extra)
    for edge in graph["edges"]:
        extra = set(edge) - EDGE_ATTRIBUTES - {"_gvid", "tail", "head", "_draw_", "_ldraw_",
                                               "_hdraw_", "_tdraw_", "pos", "lp", "xlp"}
        assert not extra, extra


@needs_dot
def test_dot_labels_read_back_as_the_text_written(hostile: Pathway, dot_source: str) -> None:
    graph = dot_json(dot_source)
    drawn = nodes(graph)
    for step in hostile.steps:
        assert decode_html_label(drawn[step.id]["label"]) == clean(step.label) + "\nsetting not stated"
        assert decode_tooltip(drawn[step.id]["tooltip"]).startswith(clean(step.label))
    ids = {n["_gvid"]: name for name, n in drawn.items()}
    by_pair = {(ids[e["tail"]], ids[e["head"]]): e for e in graph["edges"]}
    for t in hostile.transitions:
        label = decode_html_label(by_pair[(t.from_, t.to)]["label"])
        assert label == f"{clean(t.when or '')}\n{clean(t.handoff or '')}"
    for i, cluster in enumerate(sorted(clusters(graph))):
        assert decode_html_label(clusters(graph)[cluster]["label"]) == f"{clean(HOSTILE[i])}\nNHS provider"
    assert clean(HOSTILE[3]) in decode_html_label(graph["label"])


def test_control_characters_are_shown_as_replacement_characters() -> None:
    assert clean("a\x00b\x1bc\x7f") == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}"
    assert clean("a\r\nb\rc") == "a\nb\nc"
    assert "\x00" not in render_dot(hostile_pathway())


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


@needs_dot
def test_svg_holds_no_script_handler_or_javascript_url(hostile: Pathway, dot_source: str) -> None:
    svg = lay_out(dot_source, "svg").data
    assert b"<script" not in svg.lower()
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.rsplit("}", 1)[-1].lower() not in {"script", "foreignobject", "iframe"}
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), (element.tag, name)
            assert local not in URL_ATTRIBUTES, (element.tag, name, value)
            if local not in {"title"}:  # tooltips show the text, as text
                assert "javascript:" not in value.lower(), (element.tag, name, value)
    texts = svg_texts_by_node(svg)
    for step in hostile.steps:
        assert no_space(clean(step.label)) in no_space(texts[step.id]), step.id


@needs_dot
def test_very_long_words_are_wrapped(dot_source: str) -> None:
    svg = lay_out(dot_source, "svg").data
    root = ET.fromstring(svg)
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("class") in {"node", "edge"}:
            for text in group.iter("{http://www.w3.org/2000/svg}text"):
                assert len(text.text or "") <= 36, text.text


def test_mermaid_labels_cannot_break_the_syntax(hostile: Pathway) -> None:
    text = render_mermaid(hostile)
    labels = mermaid_labels(text)
    assert len(labels) >= len(hostile.steps) + len(hostile.transitions) + 3
    for label in labels:
        bare = ENTITY_OR_BREAK.sub("", label)
        # only what Mermaid would read is escaped: quotes, HTML, Markdown strings, comments
        assert not set(bare) & set("\"<&%`\n\r\t"), label
        assert not re.search(r"#\w+;", bare), label  # no `#` left to start an entity
    assert text.count("%%") == 1  # our own comment line, nothing from user text


def test_mermaid_labels_read_back_as_the_text_written(hostile: Pathway) -> None:
    text = render_mermaid(hostile)
    steps = {}
    for line in text.splitlines():
        match = re.fullmatch(r'\s+(s\w+)(\(\[|\(\(\(|\[)"([^"]*)"(\]\)|\)\)\)|\])', line)
        if match:
            steps[match.group(1)] = decode_mermaid_label(match.group(3))
    for step in hostile.steps:
        assert steps[f"s_{step.id}"] == clean(step.label) + "\nsetting not stated"
    edges = [decode_mermaid_label(label) for label in re.findall(r'\|"([^"]*)"\|', text)]
    expected = [f"{clean(t.when or '')}\n{clean(t.handoff or '')}" for t in hostile.transitions]
    assert sorted(edges) == sorted(expected)
