"""Driving the app in Chromium: waiting for Streamlit to settle, joining a workshop, editing a cell."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
IDLE = '[data-test-script-state="notRunning"]'


def settle(page: Any, timeout: float = 30_000) -> None:
    """Wait until the app is connected and no script run is going on (twice, for chained reruns)."""
    page.wait_for_selector(CONNECTED, timeout=timeout)
    for _ in range(2):
        time.sleep(0.25)
        page.wait_for_selector(IDLE, timeout=timeout)


def join(context: Any, url: str, name: str, organisation: str, role: str, pathway: str = "falls",
         timeout: float = 30_000) -> Any:
    """A new participant on a pathway's page: a new page is a new Streamlit session (the pages of
    one browser context share only the browser's cache, so the app's scripts load once).

    The context's cookies are cleared first: the app knows a returning browser by a cookie, and
    each call here is a new person (pages already open keep who they are)."""
    context.clear_cookies()
    page = context.new_page()
    page.goto(f"{url}/?pathway={pathway}")
    settle(page, timeout)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Another organisation").fill(organisation)
    page.get_by_text(role, exact=True).click()
    page.get_by_role("button", name="Start").click()
    settle(page, timeout)
    page.wait_for_selector('[class*="st-key-chart-"] svg', timeout=timeout)
    return page


def edit_cell(page: Any, row: int, text: str, column_x: float = 60) -> None:
    """Type into a cell of the first column of the first table (the steps' names).

    The grid is a canvas, so the cell is double-clicked by position; a double click that lands
    while the page is being redrawn does not open the cell editor, so it is tried again once.
    """
    page.bring_to_front()  # a background tab does not draw the grid's cell editor
    for _ in range(2):
        settle(page)
        box = _steady_box(page.locator('[data-testid="stDataFrame"]').first)
        page.mouse.dblclick(box["x"] + column_x, box["y"] + 35 + 35 * row + 17)
        # the cell editor the double click opens
        if _typed_in(page, page.locator("textarea.gdg-input"), text, 0, row):
            return
    raise AssertionError(f"could not type {text!r} into row {row}: the cell shows {cell(page, 0, row)!r}")


def _steady_box(locator: Any) -> dict[str, float]:
    """The element's box once it stops moving (the diagram above it is drawn after the page)."""
    locator.page.wait_for_selector('[class*="st-key-chart-"] svg')
    previous = None
    for _ in range(40):
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        if box == previous:
            return box  # type: ignore[no-any-return]
        previous = box
        time.sleep(0.15)
    raise AssertionError("the table kept moving")


def cell(page: Any, column: int, row: int) -> str:
    """A cell's text, from the grid's accessible table."""
    return str(page.locator(f'[data-testid="glide-cell-{column}-{row}"]').first.inner_text())


def diagram_text(page: Any) -> str:
    """The diagram's words, with the line breaks of wrapped labels made spaces."""
    return " ".join(str(page.locator('[class*="st-key-chart-"] svg').first.text_content()).split())


def wait_for_diagram(page: Any, *words: str, timeout: float = 20_000) -> None:
    """Wait until the diagram shows every one of `words`: the diagram is drawn in the browser after
    the script run ends, so under load it can lag behind an idle script."""
    page.wait_for_function(
        """(words) => {
            const svg = document.querySelector('[class*=st-key-chart-] svg');
            const text = svg ? svg.textContent.split(/\\s+/).join(' ') : '';
            return words.every((w) => text.includes(w));
        }""",
        arg=list(words),
        timeout=timeout,
    )


def save(page: Any, why: str) -> None:
    page.bring_to_front()
    page.get_by_label("Why this change?").fill(why)
    page.get_by_role("button", name="Save a new version").click()
    settle(page)


def type_into(page: Any, table: Any, row: int, right: int, text: str) -> None:
    """Type into the cell `right` columns right of a row's name, as a person does: select the
    row's name cell, move right by the keyboard, open the cell's editor (Enter), and once it is open
    type into it and keep it (Enter).

    The grid is a canvas: a key typed on a selected cell opens its editor, but keys that come
    while that editor is still being mounted go nowhere. Playwright types a word in a few
    milliseconds, so on a busy machine the word was cut short ("3 weeks" kept as "ks") or lost
    whole (Enter then closed the editor on the old value, and nothing reached the app). Waiting for
    the editor first makes every key land. A click that lands while the page moves is tried again."""
    editor = page.locator("textarea.gdg-input")  # the cell editor the grid opens over the cell
    for _ in range(4):
        settle(page)
        table.scroll_into_view_if_needed()  # a click outside the viewport lands nowhere
        box = table.bounding_box()
        page.mouse.click(box["x"] + 60, box["y"] + 35 + 35 * row + 17)  # the row's name cell
        for _ in range(right):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        if _typed_in(page, editor, text, right, row):
            return
    shows = cell(page, right, row)
    raise AssertionError(f"could not type {text!r} into row {row}, column {right}: it shows {shows!r}")


def open_tab(page: Any, name: str, timeout: float = 120_000) -> None:
    page.bring_to_front()
    page.get_by_role("tab", name=name).click()
    settle(page, timeout)


def until(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Wait for a condition the app's last action brings about (a busy machine can be slow)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.2)


def header(page: Any) -> str:
    """The caption under the pathway's title: its status first."""
    return str(page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text())


def _typed_in(page: Any, editor: Any, text: str, column: int, row: int) -> bool:
    """Once the grid's cell editor is open, `text` typed into it and the cell seen to show it;
    False when the editor did not open (the click or key landed while the page moved)."""
    try:
        editor.wait_for(timeout=5_000)
    except Exception:
        return False
    editor.fill(text)
    page.keyboard.press("Enter")
    settle(page)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if cell(page, column, row) == text:
            return True
        time.sleep(0.2)
    return False
