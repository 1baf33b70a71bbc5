"""Benchmark: the workshop app as people feel it, in Chromium, on a 300-step pathway.

Drives Debian's Chromium (Playwright) against the real app (`streamlit run`) and prints, for each
action, the median time from the click to the page being idle (the script run over and the page no
longer changing), with the server's share beside it (the time its script runs took, measured by a
wrapper around the app's own script), and the same action on a 10-step pathway in the same run, so
the ratios say what the size costs.

Actions: the first page load (the address opened, who you are given, until the diagram is drawn),
a cell edit in the steps table, a tab switch, and the PNG download. Goals on 300 steps: a cell edit
<= 0.6 s, a tab switch <= 0.6 s, the PNG download <= 1.5 s, the first page load <= 2.5 s.
The PNG is drawn as the diagram shows the pathway (for 300 steps the overview, by default); the
PNG of every step ("The whole pathway" chosen under Show) is timed too, on its own line.

The floor is measured in the same run: an empty Streamlit page (a name field and a button) on the
same machine and browser, opened and clicked the same way. No page of this app can be quicker than
that, so on a slow machine the goals are read against it: what the app adds above the floor.

Run: `python benchmarks/app_browser.py [--steps 300] [--repeat 5]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from generated import pathway_text  # noqa: E402
from serving import seeded_workspace, serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUIET_MS = 400  # the page counts as idle once nothing has changed for this long

# The app's script, timed: each run's start and end (seconds since the epoch) appended to a file,
# and each download the Export tab makes (those run outside the script, in Streamlit's thread).
WRAPPER = '''\
import json, os, sys, time
sys.path.insert(0, {root!r})
LOG = os.environ["PATHWAY_BENCH_LOG"]
def note(kind, start):
    with open(LOG, "a") as f:
        f.write(json.dumps([kind, start, time.time()]) + "\\n")
import pathway_app.export as export
if not hasattr(export.diagram, "_timed"):
    made = export.diagram
    def diagram(*args, **kwargs):
        start = time.time()
        try:
            return made(*args, **kwargs)
        finally:
            note("download", start)
    diagram._timed = True
    export.diagram = diagram
from pathway_app import main
start = time.time()
try:
    main()
finally:
    note("run", start)
'''

# The floor: the least a Streamlit page costs here (a field to fill, a button that reruns it).
EMPTY = '''\
import streamlit as st
st.text_input("Your name")
if st.button("Start"):
    st.write("Started")
'''

# In the page: the time of the last change to the page, and how many script runs began.
OBSERVER = """() => {
    if (window.__bench) return;
    window.__bench = {last: performance.now(), runs: 0};
    new MutationObserver((changes) => {
        window.__bench.last = performance.now();
        for (const c of changes) {
            const name = c.attributeName;
            if (name === 'data-test-script-state' && c.target.getAttribute(name) === 'running')
                window.__bench.runs += 1;
        }
    }).observe(document.documentElement,
               {subtree: true, childList: true, attributes: true, characterData: true});
}"""


def _idle_since(page: Any, start: float, runs_before: int, wants_run: bool) -> float:
    """Seconds from `start` (the page's clock) to the last change, once the page is quiet."""
    page.wait_for_function(
        """([quiet, runs, wantsRun]) => {
            const b = window.__bench;
            const idle = document.querySelector('[data-test-script-state="notRunning"]');
            return idle && (!wantsRun || b.runs > runs) && performance.now() - b.last > quiet;
        }""",
        arg=[QUIET_MS, runs_before, wants_run],
        timeout=120_000,
        polling=50,
    )
    return float(page.evaluate("(s) => (window.__bench.last - s) / 1000", start)) if wants_run else 0.0


def _mark(page: Any) -> tuple[float, int]:
    page.evaluate(OBSERVER)
    return float(page.evaluate("performance.now()")), int(page.evaluate("window.__bench.runs"))


class Server:
    """The server's log of script runs and downloads: how long those since a moment took."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def since(self, moment: float, kind: str = "run") -> float:
        if not self.log.exists():
            return 0.0
        total = 0.0
        for line in self.log.read_text().splitlines():
            k, start, end = json.loads(line)
            if k == kind and start >= moment:
                total += end - start
        return total


def first_load(browser: Any, url: str, pid: str, server: Server) -> tuple[float, float]:
    """Open the address, say who you are, until the diagram is drawn and the page is idle."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(180_000)
    page = context.new_page()
    try:
        began = time.time()
        clock = time.perf_counter()
        page.goto(f"{url}/?pathway={pid}")
        page.get_by_label("Your name").wait_for(timeout=120_000)
        page.wait_for_selector('[data-test-script-state="notRunning"]')
        gate = time.perf_counter() - clock
        page.get_by_label("Your name").fill("Bench Mark")
        page.get_by_label("Another organisation").fill("Benchmark Trust")
        page.get_by_text("Commissioner", exact=True).click()
        start, runs = _mark(page)
        page.get_by_role("button", name="Start").click()
        page.wait_for_selector('[class*="st-key-chart-"] svg g.node', timeout=120_000)
        opened = _idle_since(page, start, runs, True)
        return gate + opened, server.since(began)
    finally:
        context.close()


def joined(browser: Any, url: str, pid: str) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(180_000)  # a loaded machine is slow, not broken
    page = context.new_page()
    page.goto(f"{url}/?pathway={pid}")
    page.get_by_label("Your name").fill("Bench Mark")
    page.get_by_label("Another organisation").fill("Benchmark Trust")
    page.get_by_text("Commissioner", exact=True).click()
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector('[class*="st-key-chart-"] svg g.node', timeout=120_000)
    _mark(page)
    _idle_since(page, 0.0, 0, False)
    return page


def timed_click(page: Any, server: Server, act: Callable[[], None]) -> tuple[float, float]:
    start, runs = _mark(page)
    began = time.time()
    act()
    return _idle_since(page, start, runs, True), server.since(began)


def cell_edit(page: Any, server: Server, n: int) -> tuple[float, float]:
    """Type a new name into the first step's cell; the clock starts at the Enter that keeps it."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    editor = page.locator("textarea.gdg-input")
    for _ in range(5):
        page.mouse.dblclick(box["x"] + 60, box["y"] + 35 + 17)
        try:
            editor.wait_for(timeout=3_000)
            break
        except Exception:
            time.sleep(0.3)
    editor.fill(f"Step 0, edited {n}")
    return timed_click(page, server, lambda: page.keyboard.press("Enter"))


def tab_switch(page: Any, server: Server, n: int) -> tuple[float, float]:
    names = [t.strip() for t in page.get_by_role("tab").all_inner_texts()]
    target = names[1] if n % 2 == 0 else names[0]
    return timed_click(page, server, lambda: page.get_by_role("tab", name=target, exact=True).click())


def png_download(page: Any, server: Server, n: int) -> tuple[float, float]:
    """The PNG from the Export tab, after a cell edit so each download is of new content."""
    for _ in range(3):  # a download the browser gave up on is tried again, and the clock with it
        began = time.time()
        clock = time.perf_counter()
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name="Diagram (PNG picture)").click()
        if info.value.failure() is None:  # the whole file has arrived
            return time.perf_counter() - clock, server.since(began, "download")
        print(f"a PNG download failed ({info.value.failure()}): tried again", file=sys.stderr)
    raise RuntimeError("the PNG download failed three times")


def choose(page: Any, key: str, label: str, option: str) -> None:
    """Pick `option` in the select box `label` (Streamlit key `key`), unless it is chosen already,
    and wait until the page is idle again. A click that lands during a redraw only focuses the
    box: the list is then opened by the keyboard."""
    if option in page.locator(f".st-key-{key}").inner_text():
        return
    start, runs = _mark(page)
    page.get_by_label(label, exact=True).click()
    wanted = page.get_by_role("option", name=option, exact=True)
    try:
        wanted.wait_for(timeout=5_000)
    except Exception:
        page.keyboard.press("ArrowDown")
    wanted.click()
    _idle_since(page, start, runs, True)


Figures = dict[str, list[tuple[float, float]]]  # action -> (click to idle, server's share) per try


def floor(browser: Any, url: str, repeat: int) -> tuple[float, float]:
    """Medians for the empty page: (opened until its field shows and it is idle, a click to idle)."""
    loads, clicks = [], []
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(180_000)
        page = context.new_page()
        clock = time.perf_counter()
        page.goto(url)
        page.get_by_label("Your name").wait_for(timeout=120_000)
        page.wait_for_selector('[data-test-script-state="notRunning"]')
        loads.append(time.perf_counter() - clock)
        start, _ = _mark(page)
        page.get_by_role("button", name="Start").click()
        page.get_by_text("Started", exact=True).wait_for(timeout=120_000)  # its run has happened
        _idle_since(page, start, 0, False)
        clicks.append(float(page.evaluate("(s) => (window.__bench.last - s) / 1000", start)))
        context.close()
    return statistics.median(loads), statistics.median(clicks)


def measure(browser: Any, url: str, pid: str, server: Server, repeat: int) -> Figures:
    results: Figures = {"first page load": [], "cell edit": [], "tab switch": [],
                        "PNG download": [], "PNG, every step": []}
    for _ in range(repeat):
        results["first page load"].append(first_load(browser, url, pid, server))
    page = joined(browser, url, pid)
    for n in range(repeat):
        results["cell edit"].append(cell_edit(page, server, n))
    for n in range(repeat * 2):
        results["tab switch"].append(tab_switch(page, server, n))
    page.get_by_role("tab", name="Export", exact=True).click()
    _idle_since(page, 0.0, 0, False)
    for n in range(repeat):
        page.get_by_role("tab", name="Steps", exact=True).click()
        _idle_since(page, 0.0, 0, False)
        cell_edit(page, server, 100 + n)  # new content: the PNG is made again, not taken from a cache
        page.get_by_role("tab", name="Export", exact=True).click()
        _idle_since(page, 0.0, 0, False)
        results["PNG download"].append(png_download(page, server, n))
    page.get_by_role("tab", name="Steps", exact=True).click()
    _idle_since(page, 0.0, 0, False)
    choose(page, "focus_mode", "Show", "The whole pathway")
    for n in range(repeat):
        page.get_by_role("tab", name="Steps", exact=True).click()
        _idle_since(page, 0.0, 0, False)
        cell_edit(page, server, 200 + n)
        page.get_by_role("tab", name="Export", exact=True).click()
        _idle_since(page, 0.0, 0, False)
        results["PNG, every step"].append(png_download(page, server, n))
    page.context.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--baseline-steps", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    big, small = f"generated-{args.steps}", f"generated-{args.baseline_steps}"
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        ws = seeded_workspace(
            base, (big, pathway_text(args.steps)), (small, pathway_text(args.baseline_steps)))
        script = base / "timed_app.py"
        script.write_text(WRAPPER.format(root=str(ROOT)), encoding="utf-8")
        log = base / "runs.jsonl"
        empty = base / "empty_app.py"
        empty.write_text(EMPTY, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            with serve(ws, script=str(empty)) as url:
                floor(browser, url, 1)  # the first session pays for imports
                empty_load, empty_click = floor(browser, url, args.repeat)
            with serve(ws, script=str(script), PATHWAY_BENCH_LOG=str(log)) as url:
                server = Server(log)
                joined(browser, url, small).context.close()  # the first session pays for imports
                figures = {pid: measure(browser, url, pid, server, args.repeat) for pid in (small, big)}
            browser.close()
    print(f"Click to idle in Chromium, medians of {args.repeat} (server's share = its script runs;")
    print("for the download, the time the server took to make the file)")
    print(f"{'action':18} {args.steps:>5} steps  server   {args.baseline_steps:>3} steps  server   ratio")
    for action in figures[big]:
        b = [statistics.median(x) for x in zip(*figures[big][action], strict=True)]
        s = [statistics.median(x) for x in zip(*figures[small][action], strict=True)]
        print(f"{action:18} {b[0]:8.2f} s {b[1]:6.2f} s {s[0]:8.2f} s {s[1]:6.2f} s {b[0] / s[0]:6.1f}")
    print(f"the floor, an empty Streamlit page here: opened {empty_load:.2f} s, a click to idle "
          f"{empty_click:.2f} s")
    big_load = statistics.median(x[0] for x in figures[big]["first page load"])
    big_edit = statistics.median(x[0] for x in figures[big]["cell edit"])
    print(f"{args.steps} steps above the floor: first page load +{big_load - empty_load:.2f} s "
          f"({big_load / empty_load:.1f}x), cell edit +{big_edit - empty_click:.2f} s "
          f"({big_edit / empty_click:.1f}x)")


if __name__ == "__main__":
    main()
