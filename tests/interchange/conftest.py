"""Fixtures of the interchange tests: the OMG BPMN 2.0 schema (from SpiffWorkflow's package data,
never downloaded) and bpmn-js in Debian's Chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "format"))  # the pathway strategies
from bpmn_data import DATA  # noqa: F401
from bpmn_js import CHROMIUM, CHROMIUM_ARGS, MODELER, BpmnJs


@pytest.fixture(scope="session")
def bpmn_schema() -> Any:
    import SpiffWorkflow
    import xmlschema

    folder = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema"
    return xmlschema.XMLSchema(str(folder / "BPMN20.xsd"))


@pytest.fixture(scope="session")
def bpmn_js(playwright_sync: Any) -> Iterator[BpmnJs]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (never download a browser)")
    if not MODELER.exists():
        pytest.fail("bpmn-js is missing: npm ci (package.json lists it)")
    browser = playwright_sync.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield BpmnJs(browser.new_page())
    browser.close()
