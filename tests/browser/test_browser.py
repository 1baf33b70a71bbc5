"""The workshop app in a real Chromium: it draws, two people edit together, downloads are right."""

from __future__ import annotations

import re
import time
from xml.etree import ElementTree

import pytest
from browser_driving import cell, diagram_text, edit_cell, join, save, settle, wait_for_diagram

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def visitor(context, server):
    """One participant for the tests that only look and download (joining takes a few seconds)."""
    page = join(context, server, "Priya Shah", "Community Health Trust",
                "Provider (NHS, primary care, social care, voluntary or private)")
    yield page
    page.close()


def test_the_app_loads_and_draws_the_diagram_as_svg(visitor, shot):
    page = visitor
    assert page.locator("h1").first.inner_text() == "Falls prevention for older people"
    svg = page.locator('[class*="st-key-chart-"] svg').first
    assert svg.locator("g.node").count() >= 5
    text = diagram_text(page)
    for label in ("Referral after a fall", "Strength and balance classes", "Back to the GP"):
        assert label in text
    assert "Age UK North" in text  # a lane per organisation
    shot(page, "browser-01-pathway", full_page=True)
    # the diagram is drawn again after every change (a step after the way out once left the old
    # diagram on the screen: the browser failed to animate to the new one)
    page.get_by_label("What happens at this step?").fill("Home hazard check")
    page.get_by_role("button", name="Add the step").click()
    settle(page)
    page.wait_for_function(
        "() => document.querySelector('[class*=st-key-chart-] svg')?.textContent.includes('hazard')",
        timeout=15_000)
    page.get_by_role("button", name="Undo my last change").click()
    settle(page)
    page.wait_for_function(
        "() => !document.querySelector('[class*=st-key-chart-] svg')?.textContent.includes('hazard')",
        timeout=15_000)


def test_unsaved_cell_edit_survives_another_save(context, server, shot):
    amina = join(context, server, "Amina Khan", "Age UK North", "Service user / expert by experience")
    sam = join(context, server, "Sam Lee", "North Integrated Care Board", "Commissioner")
    edit_cell(amina, 1, "Falls risk assessment at home")
    assert cell(amina, 0, 1) == "Falls risk assessment at home"
    edit_cell(sam, 3, "Strength, balance and tai chi classes")
    save(sam, "Tai chi is what people asked for")
    amina.bring_to_front()
    announcement = amina.get_by_text("Sam Lee (North Integrated Care Board) saved", exact=False).first
    announcement.wait_for(timeout=20_000)  # the live check polls every few seconds
    settle(amina)
    assert cell(amina, 0, 1) == "Falls risk assessment at home"  # still there, still unsaved
    wait_for_diagram(amina, "Falls risk assessment at home")
    assert "Falls risk assessment at home" in diagram_text(amina)
    shot(amina, "browser-02-announced", full_page=False)
    amina.get_by_role("button", name="Bring their changes into mine").click()
    settle(amina)
    wait_for_diagram(amina, "Falls risk assessment at home", "tai chi")
    text = diagram_text(amina)
    assert "Falls risk assessment at home" in text and "tai chi" in text
    assert cell(amina, 0, 1) == "Falls risk assessment at home"
    save(amina, "The assessment is done at home")
    amina.get_by_text("No unsaved changes").first.wait_for(timeout=10_000)
    shot(amina, "browser-03-saved", full_page=False)
    amina.close()
    sam.close()


def test_downloads_of_the_svg_and_the_workshop_pack(visitor, shot):
    page = visitor
    page.bring_to_front()
    page.get_by_role("tab", name="Export").click()
    settle(page)
    shot(page, "browser-04-export", full_page=False)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Diagram (SVG, for documents)").click()
    svg = info.value.path().read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg.encode())
    assert root.tag.endswith("svg")
    assert "Referral after a fall" in svg and "<script" not in svg
    assert info.value.suggested_filename == "falls.svg"
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download the workshop pack").click()
    pack = info.value.path().read_text(encoding="utf-8")
    assert info.value.suggested_filename == "falls-workshop-pack.html"
    for part in ("<h1>Falls prevention", "<svg", "Who contributed", "Recent changes and why",
                 "Older people&#x27;s forum", "Falls in the next 12 months"):
        assert part in pack
    # The version the page shows: v1, or later when another browser test saved first on this server.
    assert re.search(r" · version v[0-9]+ · produced ", pack)
    assert "pathway-designer</td>" not in pack.split("Who contributed")[1]  # the tool is not a person
    preview = page.context.new_page()  # the pack on its own, as a browser shows it
    preview.set_content(pack)
    time.sleep(0.5)
    shot(preview, "browser-05-pack", full_page=True)
    preview.close()
