"""The full garbage collection waits for a quiet moment after the page's script runs."""

from __future__ import annotations

import gc
import threading

from pathway_app import collecting
from pathway_app.collecting import Collector


def full_collections() -> tuple[list[int], object]:
    seen: list[int] = []

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            seen.append(threading.get_ident())

    gc.callbacks.append(noted)
    return seen, noted


def wait_for(condition, seconds: float = 30.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        threading.Event().wait(0.05)
    return condition()


def test_a_full_collection_runs_once_the_server_is_quiet_not_during_a_run() -> None:
    collector = Collector(quiet=0.2, every=1000)
    seen, noted = full_collections()
    try:
        with collector.run():
            threading.Event().wait(0.4)  # longer than `quiet`: still no collection inside a run
            assert collector.collections == 0
        assert wait_for(lambda: collector.collections == 1)
        assert seen and seen[-1] != threading.get_ident()  # in the background, not in the run
    finally:
        gc.callbacks.remove(noted)


def test_a_run_that_begins_puts_the_collection_off_until_it_ends() -> None:
    collector = Collector(quiet=0.3, every=1000)
    with collector.run():
        pass
    with collector.run():  # begins before the quiet moment: the first timer is called off
        threading.Event().wait(0.5)
        assert collector.collections == 0
    assert wait_for(lambda: collector.collections == 1)
    threading.Event().wait(0.5)
    assert collector.collections == 1  # one quiet moment, one collection


def test_a_server_never_quiet_still_collects_every_so_many_runs() -> None:
    collector = Collector(quiet=3600, every=3)
    for _ in range(7):
        with collector.run():
            pass
    assert collector.collections == 2


def test_python_starts_few_full_collections_by_itself_with_the_app_loaded() -> None:
    before = gc.get_threshold()
    try:
        collecting.make_full_collections_rare()
        assert gc.get_threshold()[2] == collecting.RARE
        assert gc.get_threshold()[:2] == before[:2]  # young collections as before
    finally:
        gc.set_threshold(*before)
