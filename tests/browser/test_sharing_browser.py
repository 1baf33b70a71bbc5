"""In Chromium: two app servers, each on its own clone of one bare repository served by a real
`git daemon` on 127.0.0.1, share by themselves: a save on server A appears on server B within
the sync interval; the same field changed on both is a conflict shown to the second saver; and
the shared copy stopped and started again loses nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from app_helpers import SMALL
from browser_driving import edit_cell, join, save, settle
from serving import seeded_workspace, serve
from test_signoff_browser import two_browsers  # noqa: F401 (two people on two computers)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sharing"))
from git_server import GitDaemon, git, shared_pair

from pathway_designer.sharing import UNREACHABLE_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PROVIDER = "Provider (NHS, primary care, social care, voluntary or private)"
EVERY = "2"  # seconds between looks for partners' versions
SHARED = {"PATHWAY_REMOTE": "origin", "PATHWAY_SYNC_EVERY": EVERY}


def sidebar(page: Any) -> str:
    return str(page.locator('[data-testid="stSidebar"]').inner_text())


def test_two_servers_share_one_workspace(
    tmp_path: Path, two_browsers: tuple[Any, Any], shot: Any  # noqa: F811 (the fixture imported above)
) -> None:
    (tmp_path / "seed").mkdir()
    seed = seeded_workspace(tmp_path / "seed", ("falls", SMALL))
    daemon = GitDaemon(tmp_path).start()
    try:
        a, b = shared_pair(tmp_path, daemon, seed)
        with serve(a, **SHARED) as url_a, serve(b, **SHARED) as url_b:
            amina = join(two_browsers[0], url_a, "Amina Khan", "Ryedale Mind", PROVIDER)
            bob = join(two_browsers[1], url_b, "Bob Lee", "North Yorkshire ICB", PROVIDER)
            amina.wait_for_selector("text=Shared: every version saved here", timeout=60_000)

            # a save on A appears on B, announced as a partner's save
            edit_cell(amina, 1, "Home falls assessment")
            save(amina, "Assess people at home")
            bob.wait_for_selector(
                "text=Amina Khan (Ryedale Mind) saved v2: Assess people at home", timeout=60_000
            )
            shot(bob, "sharing-01-announced-on-the-other-server")

            # the same field on B, from the version before A's: a conflict for the second saver
            edit_cell(bob, 1, "Falls clinic assessment")
            save(bob, "Assess people in the clinic")
            bob.wait_for_selector("text=Choose what to keep", timeout=30_000)
            assert "Home falls assessment" in bob.inner_text("body")
            assert "Falls clinic assessment" in bob.inner_text("body")
            shot(bob, "sharing-02-conflict-for-the-second")
            bob.get_by_role("button", name="Not now").click()
            settle(bob)

            # the shared copy goes down: A's save is kept and queued, and the page says so
            daemon.stop()
            edit_cell(amina, 2, "Is the risk of another fall high?")
            save(amina, "Saved while the shared copy was down")
            amina.wait_for_selector(f"text={UNREACHABLE_WORDS}", timeout=60_000)
            shot(amina, "sharing-03-not-shared-yet")
            assert "working from v3" in sidebar(amina)  # saved here all the same

            # it comes back: the queued save arrives on B, and A's page says it is shared again
            daemon.start()
            bob.wait_for_selector(
                "text=Amina Khan (Ryedale Mind) saved v3: Saved while the shared copy was down",
                timeout=60_000,
            )
            amina.wait_for_selector("text=Shared: every version saved here", timeout=60_000)
            assert UNREACHABLE_WORDS not in sidebar(amina)
        log = git(tmp_path / "shared.git", "log", "--format=%an|%s", "main")
        assert "Amina Khan|Saved while the shared copy was down" in log
        assert "Amina Khan|Assess people at home" in log
    finally:
        daemon.stop()
