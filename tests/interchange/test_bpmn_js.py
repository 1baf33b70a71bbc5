"""Our exports opened in bpmn-js (the modeller bpmn.io and Camunda Modeler are built on) in
Debian's Chromium: no warnings, every shape drawn, and the file bpmn-js saves reads back as the
same pathway. `PATHWAY_UPDATE_SAVED=1` keeps the saved files in data/bpmn/saved/ as the "files
exported by a real modeller" that test_bpmn_import.py reads."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from bpmn_data import DATA

from pathway_designer import dump, load
from pathway_designer.interchange.bpmn_export import export_bpmn
from pathway_designer.interchange.bpmn_import import import_bpmn_bytes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "pathways").glob("*.yaml"))
SAVED = DATA / "saved"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _keep(name: str, xml: str) -> None:
    if os.environ.get("PATHWAY_UPDATE_SAVED") == "1":
        (SAVED / name).write_text(xml, encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_opens_in_bpmn_js_and_saves_back_the_same_pathway(path: Path, bpmn_js: Any) -> None:
    pathway = load(path)
    exported = export_bpmn(pathway)
    result = bpmn_js.open(exported.data.decode("utf-8"))
    assert "error" not in result, result
    assert result["warnings"] == []
    drawn = {shape["id"] for shape in result["shapes"]}
    assert len(drawn) >= len(pathway.steps) + len(pathway.organisations) + len(pathway.transitions)
    saved = import_bpmn_bytes(result["xml"].encode("utf-8"), "saved.bpmn")
    assert saved.pathway is not None
    assert dump(saved.pathway, header="") == dump(pathway, header="")
    _keep(f"{path.stem}.bpmn", result["xml"])


def test_a_hand_written_file_with_its_diagram_opens_and_saves(bpmn_js: Any) -> None:
    source = (DATA / "lanes.bpmn").read_text(encoding="utf-8")
    result = bpmn_js.open(source)
    assert "error" not in result and result["warnings"] == []
    before = import_bpmn_bytes(source.encode("utf-8"), "lanes.bpmn")
    after = import_bpmn_bytes(result["xml"].encode("utf-8"), "lanes.bpmn")
    assert before.pathway is not None and after.pathway is not None
    assert dump(after.pathway, header="") == dump(before.pathway, header="")
    _keep("lanes.bpmn", result["xml"])
