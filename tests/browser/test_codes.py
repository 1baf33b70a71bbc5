"""Workshop codes over a real websocket: after five wrong codes in a minute, the next is refused
without being checked (the right code too), in a new tab as well, and each wrong one is logged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import SMALL
from browser_driving import settle
from serving import seeded_workspace, serve

pytestmark = pytest.mark.browser

CODE = "maple otter lantern quiet"


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workspace = seeded_workspace(tmp_path_factory.mktemp("codes"), ("falls", SMALL))
    with serve(workspace, address="0.0.0.0", PATHWAY_ACCESS_CODE=CODE) as url:  # a network: codes
        yield url, workspace.parent


def _try(page, code: str, expected: str) -> str:
    """Submit a code and wait for the message expected (the page keeps the last one meanwhile)."""
    page.get_by_label("Workshop code").fill(code)
    page.get_by_role("button", name="Join the workshop").click()
    settle(page)
    alert = page.locator('[data-testid="stAlert"]').filter(has_text=expected).first
    alert.wait_for(timeout=15_000)
    return str(alert.inner_text())


def _log(logs: Path) -> str:
    return "".join(p.read_text() for p in logs.glob("streamlit-*.log"))


def _wrong(logs: Path) -> int:
    return _log(logs).count("wrong workshop code from client 127.0.0.1")


def test_the_sixth_wrong_code_in_a_minute_is_refused_unchecked(context, coded):
    url, logs = coded
    page = context.new_page()
    page.goto(url)
    settle(page)
    for i in range(5):
        _try(page, f"wrong guess number {i}", "That code is not right")
        assert _wrong(logs) == i + 1  # each was checked, and logged
    refused = _try(page, CODE, "Too many wrong codes")  # the right code, but it is not looked at
    assert "wait" in refused and "seconds" in refused
    assert page.get_by_label("Workshop code").count() == 1  # still at the door
    again = context.new_page()  # a new websocket from the same browser is the same client
    again.goto(url)
    settle(again)
    _try(again, CODE, "Too many wrong codes")
    assert _wrong(logs) == 5
    log = _log(logs)
    assert "wrong guess" not in log and CODE not in log
    page.close()
    again.close()
