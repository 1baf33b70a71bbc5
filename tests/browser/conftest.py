"""Fixtures for the real-browser tests: the app served by Streamlit on a temporary workspace, and
Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

sys.path.insert(0, str(ROOT / "tests" / "app"))
from app_helpers import SMALL  # noqa: E402
from serving import seeded_workspace, serve  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a new workspace holding the small falls pathway."""
    with serve(seeded_workspace(tmp_path_factory.mktemp("browser"), ("falls", SMALL))) as url:
        yield url


@pytest.fixture(scope="session")
def browser(playwright_sync: Any) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (never download a browser)")
    chromium = playwright_sync.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def shot() -> object:
    """Save a screenshot into test-artifacts/ (git-ignored), to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page: object, name: str, full_page: bool = False) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
        return path

    return take
