"""Suite-wide settings. Fixtures live beside the tests that use them (tests/<area>/conftest.py)."""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

# In CI, property tests replay the same examples on every run, so a red build always means a change
# broke something; exploration with fresh examples happens on developers' machines.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def playwright_sync() -> Iterator[Any]:
    """The one Playwright of a test process: a second `sync_playwright()` started while the first
    lives (the browser tests' and bpmn-js's session fixtures in one xdist worker) is refused as
    "Sync API inside the asyncio loop"."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
