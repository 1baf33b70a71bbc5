"""In Chromium: a draft and who you are survive a reload and a server restart; every message
appears inside the viewport after the action that caused it, and the form keeps what was typed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import SMALL
from browser_driving import cell, edit_cell, join, save, settle, type_into
from serving import seeded_workspace, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PROVIDER = "Provider (NHS, primary care, social care, voluntary or private)"


@pytest.fixture
def fresh(browser: Any) -> Iterator[Any]:
    """A browser context of its own: its own cookies, as a person's own browser."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_workspace(tmp_path_factory.mktemp("unsaved"), ("falls", SMALL))


def in_view(page: Any, locator: Any) -> dict[str, float]:
    """The element's box, once drawn, checked to be wholly inside the viewport."""
    locator.wait_for(state="visible", timeout=20_000)
    box = locator.bounding_box()
    view = page.viewport_size
    assert box is not None
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= view["width"], (box, view)
    assert box["y"] + box["height"] <= view["height"], (box, view)
    return box  # type: ignore[no-any-return]


def test_a_reload_and_a_restart_keep_the_draft_and_who_you_are(fresh: Any, workspace: Path, shot: Any):
    with serve(workspace) as url:
        page = join(fresh, url, "Jo Bloggs", "Carers' Centre", "Carer or family member")
        edit_cell(page, 1, "Home falls assessment")
        page.reload()
        settle(page, timeout=120_000)
        page.wait_for_selector("text=are back", timeout=60_000)
        assert page.get_by_label("Your name").count() == 0  # not asked again
        assert "Jo Bloggs" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert cell(page, 0, 1) == "Home falls assessment"
        # the table shows, and exposes to screen readers, words, not codes; no Id column
        assert (cell(page, 1, 0), cell(page, 2, 0), cell(page, 3, 0), cell(page, 4, 0)) == (
            "Way in", "Community Health Trust", "In the community", "2 days")
        grid = page.locator('[data-testid="stDataFrame"]').first.inner_text()
        assert "\nId\n" not in f"\n{grid}\n" and "community-health" not in grid
        assert "trust" not in grid.split()
        shot(page, "unsaved-01-after-reload")
    with serve(workspace) as url:  # a new server process, on another port of the same host
        page.goto(f"{url}/?pathway=falls")
        settle(page, timeout=120_000)  # a new process's first run imports everything: slow under load
        page.wait_for_selector("text=Your unsaved changes from", timeout=60_000)
        assert "Jo Bloggs" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert cell(page, 0, 1) == "Home falls assessment"
        # the cookie is a random token, never the person's name
        cookies = fresh.cookies()
        assert cookies and all("Jo" not in c["value"] for c in cookies)
        assert "Jo" not in page.url
        shot(page, "unsaved-02-after-restart")


def test_messages_appear_in_view_and_forms_keep_what_was_typed(fresh: Any, browser: Any, workspace: Path,
                                                               shot: Any):
    with serve(workspace) as url:
        page = join(fresh, url, "Ravi Patel", "Community Health Trust", PROVIDER)
        # a bad wait in the add-step form
        label = page.get_by_label("What happens at this step?")
        label.scroll_into_view_if_needed()
        label.fill("Crisis café")
        page.get_by_role("textbox", name="Wait to start (optional)").fill("two weeks")
        page.get_by_role("button", name="Add the step").click()
        settle(page)
        in_view(page, page.locator('[data-testid="stAlert"]', has_text="is not a length of time"))
        assert label.input_value() == "Crisis café"
        assert page.get_by_role("textbox", name="Wait to start (optional)").input_value() == "two weeks"
        shot(page, "unsaved-03-bad-wait")

        # a bad value typed into a table cell: kept in its cell, and why beside the table
        table = page.locator('[data-testid="stDataFrame"]').first
        table.scroll_into_view_if_needed()
        edit_cell(page, 1, "Falls risk assessment at home")
        type_into(page, table, row=1, right=4, text="two weeks")  # wait to start
        in_view(page, page.locator('[data-testid="stAlert"]', has_text="Not kept"))
        assert cell(page, 4, 1) == "two weeks"
        shot(page, "unsaved-04-bad-cell")

        # a save without a reason
        page.get_by_role("button", name="Save a new version").click()
        settle(page)
        sidebar_alert = '[data-testid="stSidebar"] [data-testid="stAlert"]'
        in_view(page, page.locator(sidebar_alert, has_text="Please say why"))

        # a conflict: someone else saves the same step's name first
        other = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            sam = join(other, url, "Sam Lee", "North Integrated Care Board", "Commissioner")
            edit_cell(sam, 1, "Falls assessment by phone")
            save(sam, "Most can be done by phone")
        finally:
            other.close()
        page.bring_to_front()
        page.get_by_label("Why this change?").fill("At home we see the hazards")
        page.get_by_role("button", name="Save a new version").click()
        settle(page)
        panel = page.locator(".st-key-conflict_panel_save")
        in_view(page, panel.locator('[data-testid="stAlert"]'))
        text = panel.inner_text()
        assert "The step “Falls risk assessment at home”: name" in text
        assert "Falls assessment by phone" in text and "falls-risk" not in text
        assert page.get_by_label("Why this change?").input_value() == "At home we see the hazards"
        shot(page, "unsaved-05-conflict")
        page.get_by_text("Keep mine").first.click()
        page.get_by_role("button", name="Save with these choices").click()
        settle(page)
        saved = page.locator(sidebar_alert, has_text="Saved v")
        in_view(page, saved)
        assert "Yours is kept" in saved.inner_text() and "both sets" not in saved.inner_text()


def test_leaving_with_unsaved_changes_says_so(fresh: Any, workspace: Path, shot: Any):
    """While the page holds an unsaved draft the browser asks before it is left (a real
    `beforeunload` dialog in Chromium); "← All pathways" says beforehand and afterwards that the
    draft is kept; with nothing unsaved the page closes without a question."""
    with serve(workspace) as url:
        page = join(fresh, url, "Lee Chan", "Community Health Trust", PROVIDER)
        asked: list[str] = []
        page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
        assert page.evaluate("window.__pdUnsaved") is False
        edit_cell(page, 2, "Falls clinic at the health centre")
        side = page.locator('[data-testid="stSidebar"]')
        side.get_by_text("Your unsaved changes are kept for you when you go to all pathways.").wait_for()
        shot(page, "unsaved-06-leaving-note")
        page.close(run_before_unload=True)  # closing the tab: the browser asks, and staying keeps it
        deadline = time.monotonic() + 20
        while not asked and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert asked == ["beforeunload"] and not page.is_closed()
        assert cell(page, 0, 2) == "Falls clinic at the health centre"

        page.get_by_role("button", name="← All pathways").click()
        settle(page)
        kept = page.locator('[data-testid="stAlert"]', has_text="are kept for you")
        in_view(page, kept)  # said where the person is now, and it stays (not a passing toast)
        assert page.evaluate("window.__pdUnsaved") is False
        with page.expect_event("close", timeout=20_000):  # nothing unsaved here: no question
            page.close(run_before_unload=True)
        assert asked == ["beforeunload"]
