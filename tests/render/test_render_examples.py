"""Every example pathway (and a small built one) renders to all five formats, and each output holds
what a workshop needs: every step's label, one lane per organisation, an image that opens."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest
from render_helpers import (
    EXAMPLES,
    needs_dot,
    no_space,
    pathway,
    svg_clusters,
    svg_texts_by_node,
)

import pathway_designer as pd
from pathway_designer.model import Pathway
from pathway_designer.render import FORMATS, Exported, render

CASES = [pytest.param(path, id=path.stem) for path in EXAMPLES] + [pytest.param(None, id="built")]


def _load(path: object) -> tuple[Pathway, list[pd.Finding]]:
    p = pd.load(path) if path is not None else pathway()  # type: ignore[arg-type]
    return p, pd.validate(p)


@pytest.fixture(scope="module", params=CASES)
def drawn(request: pytest.FixtureRequest) -> tuple[Pathway, dict[str, Exported]]:
    """One pathway drawn in every format, once for all the tests of this module."""
    p, findings = _load(request.param)
    return p, {fmt: render(p, fmt, findings=findings) for fmt in FORMATS}


@needs_dot
def test_every_format_has_content(drawn: tuple[Pathway, dict[str, Exported]]) -> None:
    _, outputs = drawn
    assert set(outputs) == {"svg", "png", "pdf", "dot", "mermaid"}
    for fmt, exported in outputs.items():
        assert exported.format == fmt
        assert len(exported.data) > 200, fmt
    assert outputs["pdf"].data.startswith(b"%PDF-")
    assert outputs["dot"].data.startswith(b"digraph ")
    assert "\nflowchart LR\n" in outputs["mermaid"].data.decode()


@needs_dot
def test_svg_parses_and_holds_every_step_label(drawn: tuple[Pathway, dict[str, Exported]]) -> None:
    p, outputs = drawn
    ET.fromstring(outputs["svg"].data)  # well-formed XML
    texts = svg_texts_by_node(outputs["svg"].data)
    for step in p.steps:
        assert step.id in texts, step.id
        assert no_space(step.label) in no_space(texts[step.id]), step.id


@needs_dot
def test_svg_has_one_lane_per_organisation(drawn: tuple[Pathway, dict[str, Exported]]) -> None:
    p, outputs = drawn
    lanes = svg_clusters(outputs["svg"].data)
    for org in p.organisations:
        assert lanes.count(f"cluster_org-{org.id}") == 1, org.id
    owned = {s.owner for s in p.steps}
    assert ("cluster_unassigned" in lanes) == (None in owned)


@needs_dot
def test_png_opens_as_an_image(drawn: tuple[Pathway, dict[str, Exported]]) -> None:
    _, outputs = drawn
    data = outputs["png"].data
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert 300 < width < 30000 and 150 < height < 30000


def test_mermaid_has_a_subgraph_per_organisation_with_steps(
    drawn: tuple[Pathway, dict[str, Exported]],
) -> None:
    p, outputs = drawn
    text = outputs["mermaid"].data.decode()
    subgraphs = [line for line in text.splitlines() if line.strip().startswith("subgraph ")]
    assert len(subgraphs) == len(p.organisations) + (None in {s.owner for s in p.steps})
    for step in p.steps:
        assert f"s_{step.id.replace('-', '_')}" in text


@needs_dot
def test_lays_out_first_time(drawn: tuple[Pathway, dict[str, Exported]]) -> None:
    """No layout fallback and no large-diagram mode for pathways of workshop size."""
    _, outputs = drawn
    assert all(exported.notes == () for exported in outputs.values())
