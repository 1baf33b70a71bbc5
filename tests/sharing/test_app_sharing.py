"""Sharing from the app's side: `pathway-designer app --remote` checks what it is given before
Streamlit starts, and the page (Streamlit's AppTest) shows where sharing stands and lets a person
settle a conflict with the shared copy."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from git_server import git

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "versions"))
from app_driving import APP, texts, using
from store_helpers import PATHWAY_ID, edit, new_workspace
from streamlit.testing.v1 import AppTest

from pathway_designer.cli import app_command
from pathway_designer.cli.main import main
from pathway_designer.sharing import Sharer
from pathway_designer.store import Workspace
from pathway_designer.workshop.access import make_identity


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    seen: dict[str, object] = {}

    def run(command: list[str], env: dict[str, str]) -> int:
        seen.update(command=command, env=env)
        return 0

    monkeypatch.setattr(app_command, "run_child", run)
    return seen


def test_app_passes_the_remote_and_interval_to_the_page(
    tmp_path: Path, started: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    ws = new_workspace(tmp_path)
    git(ws.root, "remote", "add", "shared", "https://user:s3cret@git.example.org/area.git")
    assert main(["app", "--workspace", str(ws.root), "--remote", "shared", "--sync-every", "5"]) == 0
    env = started["env"]
    assert isinstance(env, dict) and env["PATHWAY_REMOTE"] == "shared" and env["PATHWAY_SYNC_EVERY"] == "5"
    said = capsys.readouterr().err
    assert "sharing through the remote 'shared'" in said and "s3cret" not in said
    ws.close()


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--remote", "nowhere"], "no remote 'nowhere'"),
        (["--remote", "origin", "--sync-every", "often"], "must be a number of seconds"),
        (["--remote", "origin", "--sync-every", "0"], "from 1 to 3600 seconds"),
        (["--sync-every", "5"], "--sync-every needs --remote"),
    ],
)
def test_app_refuses_sharing_it_cannot_do(
    tmp_path: Path, started: dict[str, object], capsys: pytest.CaptureFixture[str],
    arguments: list[str], words: str,
) -> None:
    ws = new_workspace(tmp_path)
    git(ws.root, "remote", "add", "origin", str(tmp_path / "shared.git"))
    assert main(["app", "--workspace", str(ws.root), *arguments]) == 2
    assert words in capsys.readouterr().err and not started
    ws.close()


@pytest.fixture
def racing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Two clones of one bare repository (a folder) that changed the same field before either
    saw the other's version; the one the app runs on reached the shared copy second."""
    seed = new_workspace(tmp_path, "first")
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(tmp_path / "shared.git"))
    git(seed.root, "remote", "add", "origin", str(tmp_path / "shared.git"))
    git(seed.root, "push", "-q", "origin", "main")
    seed.close()
    for name in ("other", "here"):
        git(tmp_path, "clone", "-q", str(tmp_path / "shared.git"), str(tmp_path / name))
    for name, wait, who in (("other", "2h", "Amina Khan"), ("here", "6h", "Bob Lee")):
        ws = Workspace(tmp_path / name)
        latest = ws.latest(PATHWAY_ID)
        assert latest is not None
        ws.save(edit(ws.text(PATHWAY_ID), "wait: 4h", f"wait: {wait}"), author=who,
                organisation="Mind", rationale=f"Triage within {wait}", base=latest.commit)
        if name == "other":
            ws.sync(author=who)
        ws.close()
    monkeypatch.setenv("PATHWAY_REMOTE", "origin")
    monkeypatch.setenv("PATHWAY_SYNC_EVERY", "3600")  # one round at the start, then only when asked
    yield from using(tmp_path / "here", monkeypatch)


def test_a_conflict_with_the_shared_copy_is_shown_and_settled(racing: Path) -> None:
    from pathway_app import sharing

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["pd_who"] = make_identity("Bob Lee", "Mind", "provider")
    at.query_params["pathway"] = PATHWAY_ID
    at.run()
    running = sharing.sharer()
    assert isinstance(running, Sharer)
    try:
        deadline = time.monotonic() + 60
        while running.state().status == "starting":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        at.run()
        shown = texts(at)
        assert "Not shared yet: a partner changed the same things in Adult crisis pathway" in shown
        assert "Choose what to keep" in shown and "6 hours" in shown and "2 hours" in shown
        at.radio(key="share-choice-0").set_value("theirs")
        at.button(key="share_settle").click().run()
        assert not at.exception, at.exception
        assert running.state().status == "shared" and running.state().waiting == 0
        assert "Choose what to keep" not in texts(at)
        assert "wait: 2h" in git(racing.parent / "shared.git", "show", f"main:pathways/{PATHWAY_ID}.yaml")
    finally:
        running.stop()
