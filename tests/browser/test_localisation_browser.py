"""A local pathway whose base changed, in a real Chromium: the banner says what changed and how much
of it touches steps the local partners kept, and bringing the changes in (with a reason, and a
choice where a change meets their own) saves a new version with an `Upstream` trailer."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_driving import join, settle, until
from serving import serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "localisation"))
from localisation_helpers import (
    NATIONAL,
    RURAL_WHO,
    adapt_rurally,
    change_nationally,
    git,
    national_workspace,
)

from pathway_designer.localisation.adapting import adapt
from pathway_designer.store import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROVIDER = "Provider (NHS, primary care, social care, voluntary or private)"
SLOW = 120_000  # a fresh server on a busy machine: its first pages can take a while


@pytest.fixture
def workshop(tmp_path: Path) -> Iterator[tuple[str, Workspace, str]]:
    ws = national_workspace(tmp_path)
    assert adapt(ws, "crisis-national", "crisis-rural", who=RURAL_WHO).ok
    adapt_rurally(ws, ws.text("crisis-rural"))
    latest = change_nationally(ws, NATIONAL)
    with serve(ws.root) as url:
        yield url, ws, latest


def test_the_banner_and_bringing_the_changes_in(workshop: tuple[str, Workspace, str], context: Any) -> None:
    url, ws, latest = workshop
    page = join(context, url, "Amina Khan", "Ryedale Mind", PROVIDER, pathway="crisis-rural", timeout=SLOW)
    banner = page.locator(".st-key-upstream_panel")
    banner.get_by_text("changed since you adapted it: 2 changes, 1 touches steps you kept").wait_for(
        timeout=SLOW
    )
    banner.get_by_text("What changed").click()
    banner.get_by_text("(you kept it as it was)").wait_for(timeout=SLOW)
    banner.get_by_text("take the base's").click()
    banner.get_by_label("Why bring them in?").fill("The new national response times")
    banner.get_by_role("button", name="Bring them in").click()
    settle(page, SLOW)
    until(lambda: Workspace(ws.root).pathway("crisis-rural").base_version == latest, "the bring-in saved")
    until(lambda: page.locator(".st-key-upstream_panel").count() == 0, "the banner gone")
    rural = Workspace(ws.root).pathway("crisis-rural")
    assert rural.step("triage").wait == "2h"  # type: ignore[union-attr]
    assert git(ws.root, "log", "-1", "--format=%(trailers:key=Upstream,valueonly)").strip() == (
        f"crisis-national@{latest}"
    )
