"""Accessibility (WCAG 2.2 AA) in a real Chromium: axe-core finds nothing serious or critical on any
page or tab; the diagram has a name and a way to its words; the keyboard reaches the sidebar and
shows where it is."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_driving import join, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BAD = ("serious", "critical")
AXE = Axe()


def problems(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page: each rule's id, help and nodes.

    While a script runs, Streamlit fades the page (the live check reruns a part every few
    seconds): a scan that finds faded text is made again once the page is at rest.
    """
    for _ in range(3):
        settle(page)
        page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
        lines = _scan(page)
        if not lines:
            break
    return lines


def _scan(page: Any) -> list[str]:
    found = AXE.run(page).response["violations"]
    lines = []
    for v in found:
        if v.get("impact") in BAD:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
            lines += [f"    {n['target']} {n['html'][:160]}\n      {n.get('failureSummary', '')}"
                      for n in v["nodes"][:8]]
    return lines


def assert_accessible(page: Any, where: str) -> None:
    found = problems(page)
    assert not found, f"axe-core on {where}:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def person(context: Any, server: str) -> Any:
    page = join(context, server, "Ola Nowak", "North Integrated Care Board", "Commissioner")
    yield page
    page.close()


def test_the_welcome_page_has_no_serious_violation(context: Any, server: str) -> None:
    page = context.new_page()
    page.goto(f"{server}/?pathway=falls")
    settle(page)
    page.get_by_label("Your name").wait_for()
    assert_accessible(page, "the welcome page")
    page.close()


def test_every_tab_of_an_open_pathway_has_no_serious_violation(person: Any) -> None:
    page = person
    page.bring_to_front()
    names = [t.strip() for t in page.get_by_role("tab").all_inner_texts()]
    assert len(names) >= 5  # read from the page: tabs others add are scanned too
    failures = []
    for name in names:
        page.get_by_role("tab", name=name, exact=True).click()
        settle(page)
        page.wait_for_selector('[class*="st-key-chart-"] svg')
        found = problems(page)
        if found:
            failures.append(f"the tab '{name}':\n" + "\n".join(found))
    assert not failures, "axe-core found:\n" + "\n".join(failures)
    page.get_by_role("tab", name=names[0], exact=True).click()
    settle(page)


def test_the_start_page_has_no_serious_violation(context: Any, server: str) -> None:
    page = join(context, server, "Kit Moss", "Age UK North", "Carer or family member")
    page.get_by_role("button", name="← All pathways").click()
    settle(page)
    page.get_by_text("Falls prevention for older people").first.wait_for()
    assert_accessible(page, "the start page")
    page.close()


def test_the_diagram_is_named_by_the_pathways_title_and_leads_to_its_words(person: Any) -> None:
    page = person
    page.bring_to_front()
    page.wait_for_function(
        "() => document.querySelector('.st-key-diagram svg[role=img]')",
        timeout=15_000,
    )
    svg = page.locator('.st-key-diagram svg').first
    name = svg.get_attribute("aria-label") or ""
    assert name.startswith("Diagram of Falls prevention for older people:")
    assert "steps" in name and "falls" not in name.split(":")[0].split()[-1:]  # the title, not the id
    assert page.get_by_role("img", name=name).count() == 1
    tabs = [t.strip() for t in page.get_by_role("tab").all_inner_texts()]
    link = page.get_by_role("button", name="Read the diagram in words (the journey, step by step)")
    if "The journey in words" in tabs:  # the story tab is the diagram's text alternative
        link.click()
        settle(page)
        assert page.get_by_role("tab", name="The journey in words", selected=True).count() == 1
        page.get_by_role("tab", name=tabs[0], exact=True).click()
        settle(page)
    else:
        assert link.count() == 0


def _focused(page: Any) -> dict[str, Any]:
    return dict(page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {inSidebar: !!el.closest('[data-testid="stSidebar"]'), tag: el.tagName,
                text: (el.innerText || el.getAttribute('aria-label') || '').slice(0, 60),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none'};
    }"""))


def test_the_keyboard_reaches_the_sidebar_and_focus_is_visible(context: Any, server: str) -> None:
    page = join(context, server, "Dee Hart", "Community Health Trust",
                "Provider (NHS, primary care, social care, voluntary or private)")
    page.bring_to_front()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # from the top
    for _ in range(60):
        page.keyboard.press("Tab")
        now = _focused(page)
        if now["inSidebar"]:
            break
    else:
        pytest.fail("60 presses of Tab never reached the sidebar")
    assert now["outline"] or now["shadow"], f"the focused control shows no focus ring: {now}"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert _focused(page)["inSidebar"]
    page.close()
