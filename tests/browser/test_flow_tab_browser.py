"""The Flow and capacity tab in Chromium: a rate of arrivals and a capacity set in words change how
busy the assessment is, on the diagram coloured by it; the tab with its figures, charts and tables
passes axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_driving import join, open_tab, settle
from flow_helpers import FLOW
from serving import seeded_workspace, serve
from test_accessibility import assert_accessible
from test_walkthrough import choose

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SLOW = 120_000
TAB = "Flow and capacity"


@pytest.fixture(scope="module")
def flow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = seeded_workspace(tmp_path_factory.mktemp("flow"), ("falls", FLOW))
    with serve(root) as url:
        yield url, root


def busy_diagram(page: Any) -> str:
    svg = page.locator('.st-key-chart-flow svg').first
    return " ".join(str(svg.text_content()).split())


def wait_for_busy(page: Any, words: str) -> None:
    """Wait until the coloured diagram says `words` (it is drawn in the browser after the run)."""
    page.wait_for_function(
        """(words) => {
            const svg = document.querySelector('.st-key-chart-flow svg');
            return !!svg && svg.textContent.split(/\\s+/).join(' ').includes(words);
        }""",
        arg=words,
        timeout=SLOW,
    )


def type_number(page: Any, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")  # Streamlit takes a number input's value when it loses focus


def test_arrivals_and_a_capacity_in_words_change_how_busy_the_step_is(
    context: Any, flow_server: tuple[str, Path]
) -> None:
    url, _ = flow_server
    page = join(context, url, "Ola Nowak", "North Integrated Care Board", "Commissioner",
                timeout=SLOW)
    open_tab(page, TAB)
    wait_for_busy(page, "busy 12% · 10 a week")
    choose(page, "Step", "Referral after a fall")
    settle(page, SLOW)
    type_number(page, "People arriving from outside", "50")
    page.get_by_role("button", name="Keep these figures").click()
    # the notice is a toast, named by its words for a screen reader (Streamlit's own name is empty)
    page.get_by_role("alertdialog", name="Kept the flow figures of 'Referral after a fall'").wait_for(
        timeout=SLOW)
    settle(page, SLOW)
    wait_for_busy(page, "busy 60% · 50 a week")
    choose(page, "Step", "Falls risk assessment")
    settle(page, SLOW)
    type_number(page, "Places: how many people it can take at once (beds, clinicians, appointment "
                "slots)", "2")
    page.get_by_role("button", name="Keep these figures").click()
    settle(page, SLOW)
    wait_for_busy(page, "busy 30% · 50 a week")
    assert "How busy" in busy_diagram(page)
    assert_accessible(page, "the Flow and capacity tab with its figures")
    page.close()
