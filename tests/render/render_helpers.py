"""Helpers for the rendering tests: small pathways, DOT read back through `dot -Tjson`, label decoding."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from pathway_designer.model import Pathway

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "pathways").glob("*.yaml"))

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def pathway(
    steps: list[dict[str, Any]] | None = None,
    transitions: list[dict[str, Any]] | None = None,
    organisations: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Pathway:
    """A pathway from plain data, as a file gives it (`from`, not `from_`); sensible defaults."""
    data: dict[str, Any] = {
        "id": "sample",
        "title": "Sample pathway",
        "organisations": organisations
        if organisations is not None
        else [
            {"id": "trust", "name": "Moors Trust", "role": "nhs-provider"},
            {"id": "gp", "name": "Ryedale GPs", "role": "primary-care"},
        ],
        "steps": steps
        if steps is not None
        else [
            {"id": "start", "label": "Referral", "kind": "entry", "owner": "gp", "setting": "primary-care"},
            {"id": "triage", "label": "Triage", "kind": "decision", "owner": "trust", "wait": "4h"},
            {"id": "treat", "label": "Home treatment", "kind": "intervention", "owner": "trust",
             "setting": "home", "duration": "2w"},
            {"id": "done", "label": "Discharged", "kind": "exit", "owner": "gp"},
        ],
        "transitions": transitions
        if transitions is not None
        else [
            {"from": "start", "to": "triage", "handoff": "Referral letter"},
            {"from": "triage", "to": "treat", "when": "High risk"},
            {"from": "triage", "to": "done", "when": "Low risk", "handoff": "Letter to GP"},
            {"from": "treat", "to": "done", "handoff": "Discharge summary"},
        ],
    }
    data.update(fields)
    return Pathway.model_validate(data)


def dot_json(source: str) -> dict[str, Any]:
    """The graph `dot` reads from `source`, as `dot -Tjson` gives it (after layout)."""
    result = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def nodes(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Nodes (not clusters) by name, from `dot -Tjson` output."""
    return {o["name"]: o for o in graph.get("objects", []) if "nodes" not in o and "subgraphs" not in o
            and not o["name"].startswith("cluster_")}


def clusters(graph: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["name"]: o for o in graph.get("objects", []) if o["name"].startswith("cluster_")}


def decode_html_label(markup: str) -> str:
    """The text of an HTML-like label: `<BR/>` is a line break the author wrote; a `BR` with `ALIGN`
    is a break the renderer added to wrap, and stands for nothing; `\\\\` is one backslash (Graphviz
    reads escString escapes in HTML-like labels too)."""
    root = ET.fromstring(f"<root>{markup}</root>")
    out: list[str] = []

    def text(value: str) -> str:
        assert re.fullmatch(r"(?:[^\\]|\\\\)*", value), f"lone backslash in {value!r}"
        return value.replace("\\\\", "\\")

    def walk(element: ET.Element) -> None:
        if element.text:
            out.append(text(element.text))
        for child in element:
            if child.tag == "BR":
                if "ALIGN" not in child.attrib:
                    out.append("\n")
            else:
                walk(child)
            if child.tail:
                out.append(text(child.tail))

    walk(root)
    return "".join(out)


def decode_tooltip(value: str) -> str:
    """A tooltip as `dot -Tjson` gives it back, as written: four backslashes are one (Graphviz reads
    tooltips twice), `\\n` a newline, `\\"` a quote, `&amp;` an ampersand."""
    def token(match: re.Match[str]) -> str:
        found = match.group(0)
        assert found in ("\\" * 4, "\\n", '\\"'), f"lone escape {found!r} in {value!r}"
        return {"\\n": "\n", '\\"': '"'}.get(found, "\\")

    assert re.fullmatch(r"(?:[^&]|&amp;)*", value), f"a bare & in {value!r}"
    return re.sub(r"\\{4}|\\.", token, value).replace("&amp;", "&")


MERMAID_ENTITY = re.compile(r"#(quot|\d+);")


def decode_mermaid_label(text: str) -> str:
    """The text of a quoted Mermaid label: entity codes, `<br>` a line break, `<br/>` a wrap."""
    text = text.replace("<br/>", "").replace("<br>", "\n")
    return MERMAID_ENTITY.sub(lambda m: '"' if m.group(1) == "quot" else chr(int(m.group(1))), text)


def svg_texts_by_node(svg: bytes) -> dict[str, str]:
    """The text drawn in each node of an SVG from Graphviz, by node name (its `<title>`)."""
    ns = {"svg": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("class") == "node":
            title = group.find("svg:title", ns)
            texts = [t.text or "" for t in group.iter("{http://www.w3.org/2000/svg}text")]
            if title is not None and title.text:
                found[html.unescape(title.text)] = "".join(texts)
    return found


def svg_clusters(svg: bytes) -> list[str]:
    """The names of the clusters (lanes) drawn in an SVG from Graphviz."""
    root = ET.fromstring(svg)
    names = []
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("class") == "cluster":
            title = group.find("{http://www.w3.org/2000/svg}title")
            if title is not None and title.text:
                names.append(title.text)
    return names


def no_space(text: str) -> str:
    return "".join(text.split())


MERMAID_LINES = [
    r"---",
    r'title: "(?:[^"\\]|\\.)*"',
    r"config:",
    r"  flowchart:",
    r'    subGraphTitleMargin: \{"top": \d+, "bottom": \d+\}',
    r"%% [a-z0-9-]+: drawn by pathway-designer",
    r"flowchart (LR|TB)",
    r'    subgraph lane_\d+\["(?P<label>[^"]*)"\]',
    r"    end",
    r'\s+s\w+(\(\[|\(\(\(|\{\{|\[|\{|\(|>)"(?P<label>[^"]*)"(\]\)|\)\)\)|\}\}|\]|\}|\))',
    r'\s+note_\d+\["(?P<label>[^"]*)"\]:::note',
    r'    s\w+ (-->|==>|-\.->)(\|"(?P<label>[^"]*)"\|)? s\w+',
    r"    classDef \w+ [#\w:,.\- ]+",
    r"    class [\w,]+ \w+",
    r"    linkStyle [0-9,]+ [#\w:,.\- ]+",
]
ENTITY_OR_BREAK = re.compile(r"#(quot|\d+);|<br/?>")


def mermaid_labels(text: str) -> list[str]:
    """Every label in Mermaid text, checking each line is one of the statements we write."""
    labels = []
    for line in text.splitlines():
        match = next((m for p in MERMAID_LINES if (m := re.fullmatch(p, line))), None)
        assert match is not None, line
        if match.groupdict().get("label") is not None:
            labels.append(match.group("label"))
    return labels
