"""Benchmark: the workshop app's server side, with a 300-step pathway, and 30 sessions at once.

1. A rerun against the library's own validate + DOT time for the same pathway (goal: ratio <= 2):
   - an idle rerun (nothing changed: what every click and every refresh costs);
   - an edit rerun (one cell changed: the edit is validated, kept, the page drawn again).
2. 30 simulated sessions on one workspace: every session reruns in turn (a poll that finds a new
   version reruns the page), while 5 of them edit a step each and save, without ever bringing the
   others' versions in first, so each save is stale and merged by the store. Reports reruns per
   second, the cost of the light poll itself, and checks that no edit was lost.

Sessions are Streamlit's AppTest instances (the real page script, no browser), run one after
another on one thread: the figures are server-side work per rerun, not network or browser time.
Run: `python benchmarks/app.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generated import pathway_text

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
STEPS = 300
SESSIONS = 30
SAVERS = 5
ROUNDS = 4


def median_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def setup(folder: Path) -> str:
    from pathway_designer.store import Workspace

    text = pathway_text(STEPS)
    seed = folder / f"generated-{STEPS}.yaml"
    seed.write_text(text, encoding="utf-8")
    Workspace.init(folder / "ws", seed=[seed]).close()
    os.environ["PATHWAY_WORKSPACE"] = str(folder / "ws")
    from streamlit import config

    config.set_option("server.address", "127.0.0.1")
    return text


def session(name: str, organisation: str) -> object:
    from streamlit.testing.v1 import AppTest

    from pathway_designer.workshop.access import make_identity

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["pd_who"] = make_identity(name, organisation, "provider")
    at.query_params["pathway"] = f"generated-{STEPS}"
    at.run()
    assert not at.exception, at.exception
    return at


def edit(at: object, row: int, label: str) -> None:
    ss = at.session_state  # type: ignore[attr-defined]
    key = f"table-steps-{ss['pd_pid']}-{ss['pd_gen']}"
    ss[key] = {"edited_rows": {row: {"label": label}}, "added_rows": [], "deleted_rows": []}
    at.run()  # type: ignore[attr-defined]


def rerun_against_library(text: str) -> None:
    import pathway_designer
    from pathway_designer.render import render_dot

    def library() -> None:
        pathway = pathway_designer.load_text(text, "generated.yaml")
        render_dot(pathway, findings=pathway_designer.validate(pathway))

    baseline = median_of(7, library)
    at = session("Bench Mark", "Benchmark Trust")
    idle = median_of(7, at.run)  # type: ignore[attr-defined]
    n = iter(range(1000))
    edited = median_of(7, lambda: edit(at, 10, f"Step 10, edited {next(n)}"))
    assert not at.exception  # type: ignore[attr-defined]
    print(f"1. A {STEPS}-step pathway (medians of 7)")
    print(f"   library validate + DOT      {baseline * 1000:8.1f} ms")
    print(f"   app rerun, nothing changed  {idle * 1000:8.1f} ms   ratio {idle / baseline:5.2f}")
    print(f"   app rerun after a cell edit {edited * 1000:8.1f} ms   ratio {edited / baseline:5.2f}"
          "   (validate the edit, keep it, draw again: one script run)")


def sessions_saving() -> None:
    from pathway_designer.store import Workspace

    ws = Workspace(os.environ["PATHWAY_WORKSPACE"])
    start_version = ws.latest(f"generated-{STEPS}")
    people = [session(f"Person {i}", f"Organisation {i % 6}") for i in range(SESSIONS)]
    expected: dict[str, str] = {}
    reruns = 0
    start = time.perf_counter()
    for round_ in range(ROUNDS):
        for i, at in enumerate(people):
            if i < SAVERS:
                step_row = 20 + 40 * i + round_  # each saver edits its own steps
                label = f"Edited by person {i} in round {round_}"
                edit(at, step_row, label)
                at.text_area(key="save_why").input(f"Round {round_} edit by person {i}")  # type: ignore[attr-defined]
                at.button(key="save_submit").click().run()  # type: ignore[attr-defined]
                reruns += 4  # the edit (2 runs), typing the reason, the save
                expected[f"s{step_row}"] = label
            else:
                at.run()  # type: ignore[attr-defined]  # a poll: the page with the announcement
                reruns += 1
            assert not at.exception, at.exception  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - start
    final = ws.pathway(f"generated-{STEPS}")
    lost = [sid for sid, label in expected.items() if final.step(sid).label != label]  # type: ignore[union-attr]
    versions = len(ws.history(f"generated-{STEPS}"))
    announced = sum(
        "saved v" in "".join(m.value for m in at.markdown) for at in people[SAVERS:]  # type: ignore[attr-defined]
    )

    def poll() -> None:  # what the light fragment does every few seconds
        ws.head()
        ws.latest(f"generated-{STEPS}")

    poll_time = median_of(200, poll)
    print(f"2. {SESSIONS} sessions, {SAVERS} of them saving, {ROUNDS} rounds")
    print(f"   {reruns} reruns in {elapsed:.1f} s: {reruns / elapsed:.1f} reruns per second (one thread)")
    print(f"   the light poll (head + latest version): {poll_time * 1e6:.0f} µs, "
          f"{1 / poll_time:,.0f} polls per second")
    print(f"   {len(expected)} edits saved as {versions - 1} new versions after "
          f"{start_version.label if start_version else 'v0'}; "  # type: ignore[union-attr]
          f"lost: {len(lost)} {lost if lost else ''}")
    print(f"   sessions that were told about others' versions: {announced} of {SESSIONS - SAVERS}")
    if lost:
        raise SystemExit("an edit was lost")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = setup(Path(folder))
        rerun_against_library(text)
        sessions_saving()


if __name__ == "__main__":
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    main()
