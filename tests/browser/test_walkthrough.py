"""The walk-through of issue 10, in Debian's Chromium: a commissioner of an ICB, a provider of a
community trust and an expert by experience, each in a browser of their own on one served app,
design a small falls-prevention pathway together from "Start a new pathway", agree it, then
revise it and see both partners asked to sign again. A screenshot at each stage, to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_driving import (
    diagram_text,
    header,
    open_tab,
    save,
    settle,
    type_into,
    until,
    wait_for_diagram,
)
from serving import seeded_workspace, serve

from pathway_designer.store import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ICB = "East Riding Integrated Care Board"
TRUST = "Humber Community Health Trust"
CHARITY = "Age UK East Riding"
FORUM = "East Riding Carers' Forum"
TITLE = "Falls prevention in East Riding"
PID = "falls-prevention-in-east-riding"
PROVIDER = "Provider (NHS, primary care, social care, voluntary or private)"
SLOW = 120_000
# the ids the app makes from the names: a person in the room never sees them in the main text
IDS = ("east-riding-integrated-care-board", "humber-community-health-trust", "age-uk-east-riding",
       "home-falls-assessment", "at-high-risk-of-falling", "strength-and-balance-classes")


@pytest.fixture
def room(tmp_path: Path, browser: Any) -> Iterator[tuple[str, Path, list[Any]]]:
    """An empty workspace served once, and three browsers: three people on three laptops."""
    root = seeded_workspace(tmp_path)
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(3)]
    with serve(root) as url:
        yield url, root, contexts
    for c in contexts:
        c.close()


def arrive(context: Any, url: str, name: str, organisation: str, role: str, path: str = "/") -> Any:
    page = context.new_page()
    page.goto(f"{url}{path}")
    settle(page, SLOW)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Another organisation").fill(organisation)
    page.get_by_text(role, exact=True).click()
    page.get_by_role("button", name="Start").click()
    settle(page, SLOW)
    return page


def choose(page: Any, label: str, option: str) -> None:
    """Pick an option of a select box; a click that lands during a redraw only focuses the box, so
    the list is then opened by the keyboard, and an option redrawn away is looked for again."""
    box = page.get_by_label(label, exact=True)
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        box.click()
        try:
            wanted.wait_for(timeout=3_000)
        except Exception:
            page.keyboard.press("ArrowDown")
            try:
                wanted.wait_for(timeout=3_000)
            except Exception:
                page.keyboard.press("Escape")
                continue
        try:  # a rerun under load can redraw the list under the pointer: open it again
            wanted.click(timeout=10_000)
        except Exception:
            page.keyboard.press("Escape")
            settle(page, SLOW)
            continue
        return
    raise AssertionError(f"no option {option!r} in {label!r}")


def add_step(page: Any, after: str, label: str, kind: str, owner: str, where: str, wait: str = "",
             *, then: str | None = None, way: str | None = None, answer: str = "") -> None:
    choose(page, "Comes after", after)
    settle(page, SLOW)  # "Comes after" stands outside the form: the form depends on it
    page.get_by_label("What happens at this step?").fill(label)
    choose(page, "Kind of step", kind)
    if way is not None:
        page.get_by_text(way, exact=True).click()
        page.get_by_label("For a new way on: the answer that leads to the new step").fill(answer)
    if then is not None:
        choose(page, "Then goes on to (optional)", then)
    choose(page, "Responsible organisation", owner)
    choose(page, "Where it happens", where)
    page.get_by_role("textbox", name="Wait to start (optional)").fill(wait)
    page.get_by_role("button", name="Add the step").click()
    settle(page, SLOW)
    wait_for_diagram(page, *label.rstrip("?").split()[:2])


def saved(root: Path) -> Any:
    return Workspace(root).pathway(PID)


def sign(page: Any) -> None:
    open_tab(page, "Sign-off")
    page.get_by_role("button", name="Sign off", exact=True).click()
    settle(page, SLOW)


def show(page: Any, heading: str) -> None:
    """Scroll the tab's heading to the top, so the screenshot shows the tab, not the diagram."""
    page.get_by_role("heading", name=heading).first.evaluate("e => e.scrollIntoView({block: 'start'})")


def main_text(page: Any) -> str:
    return str(page.locator('[data-testid="stMain"]').inner_text())


def no_ids(text: str) -> None:
    found = [i for i in IDS if re.search(rf"(?<![\w-]){i}(?![\w-])", text)]
    assert not found, found


def test_three_people_design_agree_and_revise_a_falls_pathway(room, shot):
    url, root, (icb, trust, forum) = room

    # 1. the commissioner starts a new pathway with the trust as the first provider
    sam = arrive(icb, url, "Sam Lee", ICB, "Commissioner")
    open_tab(sam, "Start a new pathway")
    sam.get_by_label("Title", exact=True).fill(TITLE)
    sam.get_by_label("Partner 1", exact=True).fill(ICB)
    sam.get_by_label("Partner 2", exact=True).fill(TRUST)
    sam.get_by_label("Why are you starting it?").fill("The October board asked for fewer falls at home")
    shot(sam, "walkthrough-01-start-a-new-pathway")
    sam.get_by_role("button", name="Create the pathway").click()
    settle(sam, SLOW)
    until(lambda: saved(root).title == TITLE, "the pathway created")
    sam.wait_for_selector('[class*="st-key-chart-"] svg', timeout=SLOW)
    assert header(sam).startswith("Draft")
    # the voluntary organisation that runs the classes joins as a partner
    open_tab(sam, "Partners")
    sam.get_by_label("Organisation's name").fill(CHARITY)
    choose(sam, "Its part", "Voluntary sector")
    sam.get_by_role("button", name="Add the partner").click()
    settle(sam, SLOW)
    save(sam, "Age UK runs the strength and balance classes")
    until(lambda: [o.name for o in saved(root).organisations] == [ICB, TRUST, CHARITY], "the partner saved")
    shot(sam, "walkthrough-02-created-with-partners")

    # 2. the provider adds the steps, with waits in words
    pat = arrive(trust, url, "Pat Jones", TRUST, PROVIDER, f"/?pathway={PID}")
    open_tab(pat, "Steps")
    add_step(pat, "First assessment", "Home falls assessment", "Assessment", TRUST, "At home", "2 weeks",
             then="Leaves the pathway with a plan")
    add_step(pat, "First assessment", "At high risk of falling?", "Decision", TRUST, "In the community",
             then="Home falls assessment")
    add_step(pat, "At high risk of falling?", "Advice on staying steady at home", "Way out", TRUST, "At home",
             way="A new way on, for another answer", answer="Not at high risk")
    add_step(pat, "Home falls assessment", "Strength and balance classes", "Help or treatment", CHARITY,
             "In the community", "3 weeks", then="Leaves the pathway with a plan")
    wait_for_diagram(pat, "Strength and balance classes", "Advice on staying steady")
    # the decision's first way on came from "Then goes on to", without an answer: the provider
    # connects it again with its answer and removes the one without
    pat.get_by_text("Connect two steps", exact=True).first.click()
    settle(pat, SLOW)
    choose(pat, "From", "At high risk of falling?")
    choose(pat, "To", "Home falls assessment")
    pat.get_by_label("When (for a decision: the answer or condition)").fill("At high risk")
    pat.get_by_role("button", name="Connect", exact=True).click()
    settle(pat, SLOW)
    open_tab(pat, "Connections")
    choose(pat, "Connection", "At high risk of falling? → Home falls assessment")
    pat.get_by_role("button", name="Remove this connection").click()
    settle(pat, SLOW)
    open_tab(pat, "Steps")
    shot(pat, "walkthrough-03-steps-added", full_page=True)
    save(pat, "The steps the trust and Age UK run, as agreed in the morning session")
    until(lambda: len(saved(root).steps) == 7, "the steps saved")
    home = next(s for s in saved(root).steps if s.label == "Home falls assessment")
    assert home.owner is not None and home.wait is not None

    # 3. the expert by experience comments, adds an outcome and records their involvement
    alex = arrive(forum, url, "Alex Moore", FORUM, "Service user / expert by experience", f"/?pathway={PID}")
    open_tab(alex, "Comments")
    choose(alex, "About", "Strength and balance classes")
    alex.get_by_label("Your comment").fill("Morning classes are hard for carers: please offer afternoons.")
    alex.get_by_role("button", name="Add comment").click()
    settle(alex, SLOW)
    alex.get_by_text("please offer afternoons").last.wait_for()
    shot(alex, "walkthrough-04-comment")
    open_tab(alex, "Outcomes and involvement")
    alex.get_by_label("What is measured").fill("People who feel safe at home after 3 months")
    alex.get_by_role("button", name="Add the outcome").click()
    settle(alex, SLOW)
    alex.get_by_label("Who took part").fill(FORUM)
    alex.get_by_label("How", exact=True).fill("Co-design workshop")
    alex.get_by_label("What changed because of it (optional)").fill("Afternoon classes added")
    alex.get_by_role("button", name="Record it").click()
    settle(alex, SLOW)
    save(alex, "What the carers' forum asked for")
    until(lambda: len(saved(root).involvement) == 1 and len(saved(root).outcomes) == 1, "the records saved")
    shot(alex, "walkthrough-05-outcome-and-involvement", full_page=True)

    # 4. what the pathway says, in plain words: findings and the journey in words
    open_tab(alex, "Findings and measures")
    text = main_text(alex)
    no_ids(text)
    assert "Home falls assessment" in text or "2 weeks" in text
    show(alex, "What the checks found")
    shot(alex, "walkthrough-06-findings", full_page=True)
    open_tab(alex, "The journey in words")
    story = main_text(alex)
    no_ids(story)
    for words in ("Home falls assessment", "Strength and balance classes", "2 weeks", TRUST):
        assert words in story, words
    show(alex, "The journey in words")
    shot(alex, "walkthrough-07-journey-in-words", full_page=True)

    # 5. both partners sign off, each for their own organisation only; the trust marks it agreed
    for page in (sam, pat):
        page.reload()
        settle(page, SLOW)
    sign(sam)
    sam.get_by_text(f"Sign-off by Sam Lee for {ICB}").first.wait_for()
    assert sam.get_by_text(f"For {TRUST}").count() == 0
    sign(pat)
    until(lambda: len(saved(root).signoffs) == 2, "both sign-offs saved")
    open_tab(pat, "Sign-off")
    choose(pat, "What next?", "Mark it agreed")
    pat.get_by_label("Why?").fill("Agreed at the joint board, 1 December")
    pat.get_by_role("button", name="Change the status").click()
    settle(pat, SLOW)
    until(lambda: saved(root).status.value == "agreed", "the pathway agreed")
    until(lambda: header(pat).startswith("Agreed"), "the page saying Agreed")
    shot(pat, "walkthrough-08-agreed", full_page=True)

    # 6. the trust starts a revision with a reason and changes one wait
    open_tab(pat, "Steps")
    row = [s.label for s in saved(root).steps].index("Home falls assessment")
    type_into(pat, pat.locator('[data-testid="stDataFrame"]').first, row, 4, "3 weeks")
    side = pat.locator('[data-testid="stSidebar"]')
    side.get_by_text("Start a revision: it goes back to review").wait_for()
    # before the person chose to revise, the stale sign-offs are said plainly, not as two red ✖
    plainly = f"Saving this will start a revision: {ICB} and {TRUST} will need to sign again."
    side.get_by_text(plainly).wait_for()
    assert "signed it off" not in side.inner_text() and "must be fixed" not in side.inner_text()
    assert "signed it off" not in diagram_text(pat)
    side.get_by_label("Why revise it?").fill("The trust's waiting list for home visits has grown")
    shot(pat, "walkthrough-09-revision-offer")
    side.get_by_role("button", name="Start a revision").click()
    settle(pat, SLOW)
    until(lambda: saved(root).status.value == "in-review", "the revision started")
    assert saved(root).signoffs == []
    save(pat, "Home visits now take 3 weeks to arrange")
    until(lambda: next(s for s in saved(root).steps if s.label == "Home falls assessment").wait
          != home.wait, "the new wait saved")

    # 7. both are asked to sign again
    for page in (pat, sam):
        page.reload()
        settle(page, SLOW)
        until(lambda page=page: header(page).startswith("In review"), "the page saying In review")
        open_tab(page, "Sign-off")
        page.get_by_text("Still needed: a sign-off of this content from a commissioner and from a").wait_for()
        page.get_by_role("button", name="Sign off", exact=True).wait_for()
    shot(sam, "walkthrough-10-asked-to-sign-again", full_page=True)
