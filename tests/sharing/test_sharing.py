"""The background sharing without a browser: two clones of one bare repository served by a real
`git daemon` on 127.0.0.1, each kept in step by a `Sharer` (push, fetch, merge, queue)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from git_server import GitDaemon, git, shared_pair

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "versions"))
from store_helpers import PATHWAY_ID, SAMPLE, edit, fsck, new_workspace

from pathway_designer.sharing import (
    UNREACHABLE_WORDS,
    GitCommandLine,
    Sharer,
    SharingSettings,
    SharingSettingsError,
    redact,
    settings_for,
)
from pathway_designer.store import SyncFailed, Workspace


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[GitDaemon]:
    served = GitDaemon(tmp_path).start()
    yield served
    served.stop()


@pytest.fixture
def servers(tmp_path: Path, daemon: GitDaemon) -> Iterator[tuple[Workspace, Workspace]]:
    seed = new_workspace(tmp_path, "first")
    seed.close()
    a, b = shared_pair(tmp_path, daemon, tmp_path / "first")
    pair = (Workspace(a), Workspace(b))
    yield pair
    for ws in pair:
        ws.close()


def sharer(ws: Workspace) -> Sharer:
    return Sharer(ws, SharingSettings("origin", every=1))


def save(ws: Workspace, old: str, new: str, who: str = "Amina Khan", why: str = "A reason") -> None:
    latest = ws.latest(PATHWAY_ID)
    assert latest is not None
    result = ws.save(
        edit(ws.text(PATHWAY_ID), old, new), author=who, organisation="Scarborough Mind",
        rationale=why, base=latest.commit,
    )
    assert result.status in ("saved", "merged"), result.message


def test_a_save_on_one_server_reaches_the_other(servers: tuple[Workspace, Workspace]) -> None:
    a, b = servers
    save(a, "wait: 4h", "wait: 2h", why="Triage within two hours")
    state = sharer(a).sync_now()
    assert state.status == "shared" and state.waiting == 0, state
    state = sharer(b).sync_now()
    assert state.status == "shared" and state.brought_in == (PATHWAY_ID,)
    latest = b.latest(PATHWAY_ID)
    assert latest is not None and latest.rationale == "Triage within two hours"
    assert latest.author == "Amina Khan"  # announced as the partner's own save, not a merge
    assert "wait: 2h" in b.file(PATHWAY_ID).read_text(encoding="utf-8")  # the work tree follows


def test_edits_of_different_things_merge_by_meaning(servers: tuple[Workspace, Workspace]) -> None:
    a, b = servers
    save(a, "wait: 4h", "wait: 2h")
    save(b, "label: Crisis café", "label: Crisis café, open late", who="Bob Lee")
    assert sharer(a).sync_now().status == "shared"
    assert sharer(b).sync_now().status == "shared"  # merged here, and the merge pushed
    assert sharer(a).sync_now().status == "shared"  # and brought back to the first
    for ws in (a, b):
        text = ws.text(PATHWAY_ID)
        assert "wait: 2h" in text and "Crisis café, open late" in text
    assert a.head() == b.head()
    fsck(a.root)


def test_the_same_field_on_both_is_a_conflict_that_loses_nothing(
    servers: tuple[Workspace, Workspace],
) -> None:
    a, b = servers
    save(a, "wait: 4h", "wait: 2h")
    save(b, "wait: 4h", "wait: 6h", who="Bob Lee")
    assert sharer(a).sync_now().status == "shared"
    second = sharer(b)
    state = second.sync_now()
    assert state.status == "conflict" and "Adult crisis pathway" in state.words()
    assert state.waiting == 1 and "wait: 6h" in b.text(PATHWAY_ID)  # nothing changed here
    standoff = second.standoff(PATHWAY_ID)
    assert standoff is not None and standoff.title == "Adult crisis pathway"
    assert "wait: 4h" in standoff.base and "wait: 6h" in standoff.here and "wait: 2h" in standoff.shared
    [conflict] = standoff.conflicts
    assert (conflict.ours, conflict.theirs) == ("6h", "2h")
    # the person settles it: their choice goes out with the merge
    settled = second.sync_now(choices={PATHWAY_ID: {conflict.id: "theirs"}})
    assert settled.status == "shared" and settled.waiting == 0
    assert "wait: 2h" in b.text(PATHWAY_ID)


def test_saves_queue_while_the_shared_copy_is_down_and_go_when_it_is_back(
    servers: tuple[Workspace, Workspace], daemon: GitDaemon,
) -> None:
    a, b = servers
    first = sharer(a)
    daemon.stop()
    save(a, "wait: 4h", "wait: 2h", why="First, while it is down")
    save(a, "wait: 1h", "wait: 30m", why="Second, while it is down")
    state = first.sync_now()
    assert state.status == "unreachable" and state.waiting == 2
    assert state.words().startswith(UNREACHABLE_WORDS)
    assert "127.0.0.1" in state.detail  # for whoever runs the server
    daemon.start()
    assert first.sync_now().status == "shared"
    assert sharer(b).sync_now().status == "shared"
    why = [v.rationale for v in b.history(PATHWAY_ID)]
    assert why[:2] == ["Second, while it is down", "First, while it is down"]


def test_the_background_thread_shares_after_a_save(servers: tuple[Workspace, Workspace]) -> None:
    import time

    a, b = servers
    running = Sharer(a, SharingSettings("origin", every=3600)).start()  # only a nudge makes it go
    try:
        save(a, "wait: 4h", "wait: 2h")
        running.nudge()
        deadline = time.monotonic() + 60
        while running.git.known() != a.head():  # the shared copy has the save
            assert time.monotonic() < deadline, running.state()
            time.sleep(0.1)
    finally:
        running.stop()
    assert sharer(b).sync_now().brought_in == (PATHWAY_ID,)


def test_a_token_in_the_url_is_never_shown(tmp_path: Path, daemon: GitDaemon) -> None:
    ws = new_workspace(tmp_path)
    secret = "ghp_s3cr3tT0ken"
    git(ws.root, "remote", "add", "origin", f"http://user:{secret}@127.0.0.1:9/shared.git")
    via = GitCommandLine(ws.root, "origin")
    assert secret not in via.url() and via.url() == "http://127.0.0.1:9/shared.git"
    state = sharer(ws).sync_now()
    assert state.status == "unreachable"
    assert secret not in state.detail and secret not in state.words()
    ws.close()


def test_redact_takes_out_userinfo_only() -> None:
    assert redact("fatal: https://a:b@host/x and ssh://git@h:22/r") == "fatal: https://host/x and ssh://h:22/r"
    assert redact("git@github.com:org/repo.git") == "git@github.com:org/repo.git"  # no secret there


def test_a_missing_remote_is_a_clear_error(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    with pytest.raises(SyncFailed, match="no remote 'shared'"):
        GitCommandLine(ws.root, "shared").fetch()
    ws.close()


def test_settings_from_the_environment_then_git_config(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    assert settings_for(ws.root, {}) is None
    git(ws.root, "config", "pathway.remote", "shared")
    git(ws.root, "config", "pathway.syncEvery", "5")
    assert settings_for(ws.root, {}) == SharingSettings("shared", 5.0)
    env = {"PATHWAY_REMOTE": "origin", "PATHWAY_SYNC_EVERY": "2"}
    assert settings_for(ws.root, env) == SharingSettings("origin", 2.0)
    git(ws.root, "config", "pathway.syncEvery", "often")
    with pytest.raises(SharingSettingsError, match=r"pathway\.syncEvery"):
        settings_for(ws.root, {})
    with pytest.raises(SharingSettingsError, match="--sync-every"):
        settings_for(ws.root, {"PATHWAY_SYNC_EVERY": "0"})
    ws.close()


def test_an_empty_shared_repository_receives_the_first_push(tmp_path: Path, daemon: GitDaemon) -> None:
    ws = new_workspace(tmp_path)
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(tmp_path / "empty.git"))
    git(ws.root, "remote", "add", "origin", daemon.url("empty.git"))
    state = sharer(ws).sync_now()
    assert state.status == "shared" and state.waiting == 0
    assert git(tmp_path / "empty.git", "rev-parse", "main").strip() == ws.head()
    ws.close()


assert SAMPLE  # the pathway every test edits (from the store's helpers)
