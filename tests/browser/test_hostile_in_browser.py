"""Markup in every text of a pathway, its history and its comments, in a real Chromium: on every
tab, no request leaves for another host and no `javascript:` link exists anywhere in the page."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import hostile
import pytest
from browser_driving import join, settle
from serving import seeded_workspace, serve

from pathway_app import TABS
from pathway_designer.store import Workspace

pytestmark = pytest.mark.browser

ACTIVE_LINKS = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
            if (value.startsWith('javascript:') || value.startsWith('data:text/html')) {
                found.push(`${el.tagName} ${attr.name}=${attr.value}`);
            }
        }
    }
    return found;
}"""


FOREIGN_IMAGES = f"() => [...document.images].map(i => i.src).filter(s => s.includes('{hostile.HOST}'))"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = seeded_workspace(tmp_path_factory.mktemp("hostile"), ("falls", hostile.pathway("falls")),
                      ("twin", hostile.pathway("twin")))
    ws = Workspace(root)
    hostile.history(ws)
    ws.close()
    with serve(root) as url:
        yield url


@pytest.fixture
def own_context(browser):
    """A context of this test's own: pages other tests left open (on other app servers) would add
    their requests to the ones watched here."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield ctx
    ctx.close()


def test_no_request_leaves_and_no_javascript_link_on_any_tab(own_context, hostile_server, shot):
    context = own_context
    app = urlsplit(hostile_server).netloc
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = join(context, hostile_server, hostile.NAME, hostile.NAME, "Carer or family member")

    def check(where: str) -> None:
        settle(page)
        page.wait_for_timeout(500)  # images start loading once the page is drawn
        elsewhere = [u for u in requests if urlsplit(u).scheme not in ("data", "blob")
                     and urlsplit(u).netloc != app]
        assert not elsewhere, f"{where}: requests to other hosts: {elsewhere}"
        links = page.evaluate(ACTIVE_LINKS)
        assert not links, f"{where}: active links: {links}"
        foreign = page.evaluate(FOREIGN_IMAGES)
        assert not foreign, f"{where}: images from elsewhere: {foreign}"

    assert "Title falls" in page.locator("h1").first.inner_text()  # the markup is shown as text
    assert "![i](http://192.0.2.1/x)" in page.locator("h1").first.inner_text()
    check("the page")
    for tab in TABS:
        page.get_by_role("tab", name=tab).click()
        check(tab)
        if tab == "Steps":
            page.get_by_text("Look at a step in detail (and its comments)").click()
            check("a step in detail")
        if tab == "Partners":
            page.get_by_text("About this pathway: title, summary, area, review dates").click()
            check("about this pathway")
        if tab == "Comments":
            assert page.get_by_text("Comment ![i](http://192.0.2.1/x)", exact=False).count() == 2  # as text
        if tab == "History":
            assert page.get_by_text("What changed between two versions").count() == 1
        shot(page, f"browser-hostile-{tab.split()[0].lower()}", full_page=True)
    page.get_by_role("button", name="← All pathways").click()
    check("the list of pathways")
    assert page.get_by_text("Title twin", exact=False).count() >= 1
    page.close()
