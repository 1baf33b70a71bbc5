"""Mermaid text drawn by the real mermaid-cli 11 (npm, `scripts/setup` installs it): every example and
a pathway of tricky labels become SVG in which every label, lane title and the title arrive whole,
and no lane title is covered by a step (measured in Chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from render_helpers import EXAMPLES, ROOT

from pathway_designer import load, load_text
from pathway_designer.model import Pathway
from pathway_designer.render import render_mermaid
from pathway_designer.render.text import clean

MMDC = ROOT / "node_modules" / ".bin" / "mmdc"
CHROMIUM = Path("/usr/bin/chromium")
SVG = "{http://www.w3.org/2000/svg}"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("node") is None or not MMDC.exists(),
        reason="mermaid-cli is not installed: run scripts/setup (npm ci)",
    ),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not at /usr/bin/chromium"),
]

TRICKY = """format: 1
id: tricky-labels
title: 'Tricky "labels": #1; 50% & [x] {y} 🙂 العربية'
organisations:
  - id: lifestyle
    name: 'Lifestyle service: #team; "north" 50%'
    role: voluntary-sector
  - id: gp
    name: GP practice (A&E) <east>
    role: primary-care
steps:
  - id: lifestyle
    label: 'Lifestyle advice (diet/exercise:5-a-day; smoking)'
    kind: entry
    owner: lifestyle
  - id: quotes
    label: 'Say "no" to ''it'' [x] (y) {z} a|b'
    kind: assessment
    owner: gp
  - id: hashes
    label: 'Ticket #1; #quot; &amp; #35; style: #fff; classDef x:#y;'
    kind: intervention
    owner: gp
  - id: percent
    label: '50% of %%{init: {"theme": "dark"}}%% `code` 100%'
    kind: intervention
    owner: lifestyle
  - id: html
    label: '<b>bold</b> & <script>x</script> <br> a < b > c'
    kind: review
    owner: gp
  - id: scripts
    label: 'café 🙂 👩🏽‍⚕️ العربية עברית 中文 naïve'
    kind: exit
    owner: gp
transitions:
  - from: lifestyle
    to: quotes
    when: 'style: x; #1; a:b#c; d'
  - from: quotes
    to: hashes
    handoff: 'letter; #2 "urgent" <fast>'
  - from: hashes
    to: percent
  - from: percent
    to: html
  - from: html
    to: scripts
"""


def _pathways() -> list[Pathway]:
    return [load(path) for path in EXAMPLES] + [load_text(TRICKY, "tricky.yaml")]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> list[tuple[Pathway, Path]]:
    """Each pathway's SVG, from one run of mermaid-cli over a Markdown file of all the diagrams."""
    folder = tmp_path_factory.mktemp("mermaid")
    config = folder / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": str(CHROMIUM), "args": ["--no-sandbox"]}))
    pathways = _pathways()
    blocks = [f"```mermaid\n{render_mermaid(p)}```\n" for p in pathways]
    (folder / "all.md").write_text("# diagrams\n\n" + "\n".join(blocks), encoding="utf-8")
    done = subprocess.run(
        [str(MMDC), "-p", str(config), "-i", "all.md", "-o", "out.md", "-q"],
        cwd=folder, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    return [(p, folder / f"out-{i}.svg") for i, p in enumerate(pathways, start=1)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _texts(svg: Path, kind: str) -> list[str]:
    """The text of every group of a class (`node`, `cluster-label`, `edgeLabel`), spaces squashed."""
    root = ET.parse(svg).getroot()
    return [
        _squash("".join(g.itertext()))
        for g in root.iter(f"{SVG}g")
        if kind in (g.get("class") or "").split()
    ]


def test_every_label_arrives_whole(drawn):
    for pathway, svg in drawn:
        nodes = _texts(svg, "node")
        for step in pathway.steps:
            label = _squash(clean(step.label))
            assert any(text.startswith(label) for text in nodes), (svg.name, label, nodes)
        edges = _texts(svg, "edgeLabel")
        for way in pathway.transitions:
            for said in (way.when, way.handoff):
                if said:
                    assert any(_squash(clean(said)) in text for text in edges), (svg.name, said)


def test_lane_titles_and_the_title_arrive_whole(drawn):
    for pathway, svg in drawn:
        lanes = _texts(svg, "cluster-label")
        for organisation in pathway.organisations:
            if any(step.owner == organisation.id for step in pathway.steps):
                assert any(t.startswith(_squash(organisation.name) + " · ") for t in lanes), (
                    svg.name, organisation.name, lanes
                )
        root = ET.parse(svg).getroot()
        titles = [
            _squash("".join(t.itertext()))
            for t in root.iter(f"{SVG}text")
            if t.get("class") == "flowchartTitleText"
        ]
        assert titles == [_squash(pathway.title)], svg.name


_OVERLAPS = """() => {
  const box = (e) => e.getBoundingClientRect();
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const found = [];
  for (const lane of document.querySelectorAll('g.cluster-label')) {
    for (const node of document.querySelectorAll('g.node')) {
      if (meets(box(lane), box(node))) found.push([lane.textContent, node.textContent.slice(0, 40)]);
    }
  }
  return found;
}"""


def _overlaps(svgs: list[Path]) -> dict[str, list[object]]:
    """Lane titles and steps whose boxes meet, measured in Chromium, by SVG file."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[object]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for svg in svgs:
                page.goto(svg.as_uri())
                page.wait_for_selector("g.cluster-label")
                found[svg.name] = page.evaluate(_OVERLAPS)
        finally:
            browser.close()
    return found


def test_no_lane_title_is_covered_by_a_step(drawn):
    pytest.importorskip("playwright.sync_api")
    # in a thread of its own: Playwright's sync API refuses a thread with an asyncio loop running,
    # which another test in this process may have left
    result: list[dict[str, list[object]]] = []
    errors: list[BaseException] = []

    def measure() -> None:
        try:
            result.append(_overlaps([svg for _pathway, svg in drawn]))
        except BaseException as exc:  # re-raised in the test's own thread
            errors.append(exc)

    worker = threading.Thread(target=measure)
    worker.start()
    worker.join(timeout=600)
    if errors:
        raise errors[0]
    (found,) = result
    assert found and all(overlaps == [] for overlaps in found.values()), found
