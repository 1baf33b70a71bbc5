"""Back-off after wrong workshop codes: per client, for everyone, over a sliding minute."""

from __future__ import annotations

import logging

from pathway_designer.workshop.attempts import Attempts


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_codes_a_minute_then_the_client_waits():
    clock = Clock()
    tries = Attempts(per_client=5, overall=100, window=60, clock=clock)
    for _ in range(5):
        assert tries.wait("a") == 0
        tries.failed("a")
        clock.now += 1
    assert tries.wait("a") == 55  # now 1005; the first wrong code, at 1000, is forgotten at 1060
    assert tries.wait("b") == 0  # another client is not slowed by a's guesses
    clock.now = 1059.5
    assert tries.wait("a") == 0.5
    clock.now = 1060
    assert tries.wait("a") == 0  # a sliding window: one more try now ...
    tries.failed("a")
    assert tries.wait("a") == 1  # ... then wait for the next oldest


def test_everyone_waits_when_many_clients_guess():
    clock = Clock()
    tries = Attempts(per_client=5, overall=8, window=60, clock=clock)
    for i in range(8):
        tries.failed(f"client {i}")
    assert tries.wait("someone new") == 60
    clock.now += 60
    assert tries.wait("someone new") == 0


def test_a_right_code_clears_the_clients_own_count_only():
    clock = Clock()
    tries = Attempts(per_client=2, overall=3, window=60, clock=clock)
    tries.failed("a")
    tries.failed("a")
    assert tries.wait("a") == 60
    tries.succeeded("a")
    assert tries.wait("a") == 0
    tries.failed("b")
    assert tries.wait("c") == 60  # three wrong codes in all in the minute


def test_each_wrong_code_is_logged_without_the_code(caplog):
    tries = Attempts(clock=Clock())
    with caplog.at_level(logging.WARNING, logger="pathway_designer.access"):
        tries.failed("192.0.2.7")
        tries.failed("192.0.2.7")
    assert len(caplog.records) == 2
    assert "192.0.2.7" in caplog.records[1].getMessage() and "2 from it" in caplog.records[1].getMessage()
