"""The remote's hooks run on every sync, and a push they refuse is reported in the remote's words:
through a folder on a shared drive (git's own transport, as `git push`) and through `git daemon`."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import GIT_ENV, PATHWAY_ID, SAMPLE, edit, git, new_workspace
from test_sync import NORTH, close_workspaces  # noqa: F401 (the fixture closes the workspaces)

from pathway_designer.store import SyncFailed, Workspace

REFUSING = "#!/bin/sh\necho 'Pushes to main need a ticket number (policy 7)' >&2\nexit 1\n"


def bare_remote(tmp_path: Path, hook: str | None = None) -> Path:
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    if hook is not None:
        path = remote / "hooks" / "pre-receive"
        path.write_text(hook, encoding="utf-8")
        path.chmod(0o755)
    return remote


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[str]:
    """`git daemon` serving tmp_path on 127.0.0.1, pushes allowed: its base URL."""
    port = free_port()
    process = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--informative-errors",
         "--listen=127.0.0.1", f"--port={port}", f"--base-path={tmp_path}", str(tmp_path)],
        env=GIT_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):  # until it listens
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"git://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_folder_remote_runs_its_hooks(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path, "#!/bin/sh\ncat > \"$GIT_DIR/pushed.txt\"\n")
    ws = new_workspace(tmp_path)
    git(ws.root, "remote", "add", "origin", str(remote))
    assert ws.sync(**NORTH).pushed
    assert ws.head() in (remote / "pushed.txt").read_text(encoding="utf-8")  # the hook saw the push


@pytest.mark.parametrize("where", ["folder", "file-url", "daemon"])
def test_a_refused_push_is_reported_in_the_remotes_words(
    tmp_path: Path, request: pytest.FixtureRequest, where: str
) -> None:
    remote = bare_remote(tmp_path)
    ws = new_workspace(tmp_path)
    url = {"folder": str(remote), "file-url": remote.as_uri()}.get(where)
    if url is None:
        url = f"{request.getfixturevalue('daemon')}/shared.git"
    git(ws.root, "remote", "add", "origin", url)
    assert ws.sync(**NORTH).pushed
    pushed = git(remote, "rev-parse", "main").strip()
    (remote / "hooks" / "pre-receive").write_text(REFUSING, encoding="utf-8")
    (remote / "hooks" / "pre-receive").chmod(0o755)
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **NORTH, rationale="Faster", base="v1")
    with pytest.raises(SyncFailed) as refused:
        ws.sync(**NORTH)
    message = str(refused.value)
    assert "kept changing" not in message
    assert "'origin' refused" in message and "declined" in message
    assert "Pushes to main need a ticket number (policy 7)" in message
    assert git(remote, "rev-parse", "main").strip() == pushed  # nothing got past the hook
    assert Workspace(ws.root).latest(PATHWAY_ID).label == "v2"  # type: ignore[union-attr]  # kept here
