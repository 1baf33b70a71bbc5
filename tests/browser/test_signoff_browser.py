"""Sign-off you can trust, in a real Chromium: a commissioner of the ICB and a provider of a trust,
each in a browser of their own, sign off, move the pathway to agreed, then one starts a revision
and both see it back in review, asked to sign again. Nobody can sign for another organisation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import SMALL
from browser_driving import cell, edit_cell, header, join, open_tab, save, settle, until
from serving import seeded_workspace, serve

from pathway_designer.store import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ICB = "North Integrated Care Board"
TRUST = "Community Health Trust"
COMMISSIONER = "Commissioner"
PROVIDER = "Provider (NHS, primary care, social care, voluntary or private)"
SLOW = 120_000  # a fresh server on a busy machine: its first pages can take a while


@pytest.fixture
def workshop(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app on a workspace of its own (this test changes the pathway's status for good)."""
    root = seeded_workspace(tmp_path, ("falls", SMALL))
    with serve(root) as url:
        yield url, root


@pytest.fixture
def two_browsers(browser: Any) -> Iterator[tuple[Any, Any]]:
    """Two browser contexts: two people on two computers, sharing no cookies or storage."""
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    yield contexts[0], contexts[1]
    for c in contexts:
        c.close()


def _sign(page: Any) -> None:
    open_tab(page, "Sign-off")
    page.get_by_role("button", name="Sign off", exact=True).click()
    settle(page, SLOW)


def test_two_partners_agree_then_a_revision_asks_both_to_sign_again(workshop, two_browsers, shot):
    url, root = workshop
    icb_browser, trust_browser = two_browsers
    sam = join(icb_browser, url, "Sam Lee", ICB, COMMISSIONER, timeout=SLOW)
    open_tab(sam, "Sign-off")
    # the commissioner signs for their own organisation only: there is no "For" choice to change
    sam.get_by_text(f"For {ICB}, as Sam Lee").wait_for()
    assert sam.get_by_label("For", exact=True).count() == 0
    assert sam.get_by_text(f"For {TRUST}").count() == 0
    _sign(sam)
    sam.get_by_text("Sign-off by Sam Lee for North Integrated Care Board").first.wait_for()
    ws = Workspace(root)
    until(lambda: [(s.organisation, s.name) for s in ws.pathway("falls").signoffs] == [("icb", "Sam Lee")],
           "the commissioner's sign-off saved")

    pat = join(trust_browser, url, "Pat Jones", TRUST, PROVIDER, timeout=SLOW)
    _sign(pat)
    until(lambda: [s.organisation for s in ws.pathway("falls").signoffs] == ["icb", "trust"],
           "the provider's sign-off saved")
    open_tab(pat, "Sign-off")
    pat.get_by_label("What next?").click()
    pat.get_by_role("option", name="Mark it agreed").click()
    pat.get_by_label("Why?").fill("Agreed at the joint board")
    pat.get_by_role("button", name="Change the status").click()
    settle(pat, SLOW)
    until(lambda: ws.pathway("falls").status.value == "agreed", "the pathway agreed")
    until(lambda: header(pat).startswith("Agreed"), "the page saying Agreed")
    shot(pat, "signoff-01-agreed", full_page=True)

    # the provider changes a step of the agreed pathway: no dead end, the save box offers a revision
    open_tab(pat, "Steps")
    edit_cell(pat, 0, "Referral after any fall")
    offer = (
        "Start a revision: it goes back to review, and these partners will need to sign again: "
        f"{ICB} and {TRUST}."
    )
    side = pat.locator('[data-testid="stSidebar"]')
    side.get_by_text(offer).wait_for()
    assert side.get_by_role("button", name="Save a new version").count() == 0
    side.get_by_label("Why revise it?").fill("A new falls clinic opens in March")
    shot(pat, "signoff-02-revision-offer")
    side.get_by_role("button", name="Start a revision").click()
    settle(pat, SLOW)
    until(lambda: ws.pathway("falls").status.value == "in-review", "the revision saved")
    assert ws.pathway("falls").signoffs == []
    assert "A new falls clinic opens in March" in ws.latest("falls").rationale
    until(lambda: header(pat).startswith("In review"), "the page saying In review")
    until(lambda: cell(pat, 0, 0) == "Referral after any fall", "the edit kept")  # unsaved, kept
    save(pat, "Any fall, not only a bad one")
    until(lambda: ws.pathway("falls").steps[0].label == "Referral after any fall", "the edit saved")

    # both are asked to sign again
    for page in (pat, join(icb_browser, url, "Sam Lee", ICB, COMMISSIONER, timeout=SLOW)):
        until(lambda page=page: header(page).startswith("In review"), "the page saying In review")
        open_tab(page, "Sign-off")
        page.get_by_text("Still needed: a sign-off of this content from a commissioner and from a").wait_for()
        page.get_by_role("button", name="Sign off", exact=True).wait_for()
    shot(page, "signoff-03-back-in-review", full_page=True)
