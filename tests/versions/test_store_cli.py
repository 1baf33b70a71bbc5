"""The version commands of `pathway-designer`, run through `main()` as a person or a script would."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, git, logged, new_workspace, trailer

from pathway_designer.cli.main import main
from pathway_designer.store import StoreError, Workspace

WHO = ["--author", "Amina Khan", "--organisation", "Ryedale Mind"]
BOB = {"author": "Bob", "organisation": "ICB"}
T = TypeVar("T")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = new_workspace(tmp_path)
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(workspace.root))
    return workspace


def test_init_creates_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "init", str(tmp_path / "new"), "--empty")
    assert (status, out.strip()) == (0, f"created the workspace {tmp_path / 'new'} with 0 pathways")
    assert git(tmp_path / "new", "rev-parse", "--is-inside-work-tree").strip() == "true"
    status, _, err = run(capsys, "init", str(tmp_path / "new"))
    assert status == 2 and "not empty" in err


def test_save_the_edited_workspace_file_then_history_show_and_diff(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    ws.file(PATHWAY_ID).write_text(edit(SAMPLE, "wait: 4h", "wait: 2h"), encoding="utf-8")
    status, out, _ = run(capsys, "diff", str(ws.file(PATHWAY_ID)))
    assert (status, out.strip()) == (0, "~ step 'triage': wait changed from '4h' to '2h'")
    status, out, _ = run(capsys, "save", str(ws.file(PATHWAY_ID)), *WHO, "-m", "Triage within 2 hours")
    assert (status, out.strip()) == (0, "saved v2 of crisis")
    assert trailer(ws.root, "HEAD", "Organisation") == "Ryedale Mind"
    status, out, _ = run(capsys, "history", PATH)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    assert lines[0].split()[:2] == ["v2", logged(ws.root)[0][:8]]
    assert "Amina Khan (Ryedale Mind): Triage within 2 hours" in lines[0]
    status, out, _ = run(capsys, "history", "--format", "json")
    assert json.loads(out)["version"] == 1
    assert [v["label"] for v in json.loads(out)["versions"]] == ["v2", "v1"]
    status, out, _ = run(capsys, "show", PATHWAY_ID, "--at", "v1")
    assert (status, out) == (0, SAMPLE)
    status, out, _ = run(capsys, "diff", PATHWAY_ID, "v1", "v2", "--format", "json")
    assert [c["field"] for c in json.loads(out)["changes"]] == ["wait"]
    status, out, _ = run(capsys, "diff", PATHWAY_ID)
    assert out.strip() == "no changes"


def test_save_exit_status_and_json_for_scripts(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **BOB, rationale="Faster", base="v1")
    elsewhere = tmp_path / "copy.yaml"
    elsewhere.write_text(edit(SAMPLE, "wait: 4h", "wait: 6h"), encoding="utf-8")
    status, _, err = run(capsys, "save", str(elsewhere), *WHO, "-m", "Realistic")
    assert status == 2 and "--base" in err  # a copy from elsewhere must say what it started from
    status, out, _ = run(capsys, "save", str(elsewhere), *WHO, "-m", "Realistic", "--base", "v1",
                         "--format", "json")
    report = json.loads(out)
    assert report["version"] == 1
    assert status == 1 and report["status"] == "conflict"
    assert report["conflicts"][0]["field"] == "wait"
    elsewhere.write_text(edit(SAMPLE, "label: Crisis café", "label: Crisis café (evenings)"))
    status, out, _ = run(capsys, "save", str(elsewhere), *WHO, "-m", "Evenings", "--base", "v1")
    assert (status, out.strip()) == (0, "saved v3 of crisis, merged with v2")
    status, _, err = run(capsys, "save", str(tmp_path / "missing.yaml"), *WHO, "-m", "x")
    assert status == 2 and "no such file" in err


def test_restore_why_and_blame(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **BOB, rationale="Faster", base="v1")
    status, out, _ = run(capsys, "restore", PATH, "v1", *WHO, "-m", "Cannot staff it")
    assert (status, out.strip()) == (0, "restored v1 of crisis as v3")
    status, out, _ = run(capsys, "why", PATHWAY_ID, "triage")
    assert status == 0
    assert out.splitlines()[:4] == [
        "step 'triage'",
        f"  introduced in v1, {ws.version(PATHWAY_ID, 'v1').date:%Y-%m-%d}, by pathway-designer: "
        "Start the workspace with the example pathways",
        f"  changed in v2 (wait), {ws.version(PATHWAY_ID, 'v2').date:%Y-%m-%d}, by Bob (ICB): Faster",
        f"  changed in v3 (wait), {ws.version(PATHWAY_ID, 'v3').date:%Y-%m-%d}, by Amina Khan "
        "(Ryedale Mind): Cannot staff it",
    ]
    status, out, _ = run(capsys, "blame", PATHWAY_ID, "--format", "json")
    blame = json.loads(out)["lineages"]
    assert [b["key"] for b in blame if b["section"] == "steps"][:2] == ["referral", "triage"]
    assert blame[1]["events"][-1]["organisation"] == "Ryedale Mind"


def test_mistakes_exit_2_with_one_line(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, words in [
        (["show", PATHWAY_ID, "--at", "v9"], "v1 to v1"),
        (["history", "nothing-here"], "no pathway 'nothing-here'"),
        (["why", PATHWAY_ID, "triag"], "did you mean 'triage'"),
        (["sync", "--author", "Amina"], "remote add origin"),
        (["history", "--workspace", str(ws.root.parent / "seed")], "not a workspace"),
    ]:
        status, _, err = run(capsys, *argv)
        assert status == 2, argv
        assert err.startswith("pathway-designer: ") and words in err, err
        assert len(err.strip().splitlines()) == 1


def test_sync_prefer_settles_conflicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    north = new_workspace(tmp_path, "north")
    git(north.root, "remote", "add", "origin", str(remote))
    status, out, _ = run(capsys, "sync", "--workspace", str(north.root), "--author", "Amina")
    assert status == 0 and "Sent this workspace" in out
    git(tmp_path, "clone", "-q", str(remote), "south")
    south = Workspace(tmp_path / "south")
    north.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), author="A", organisation="N", rationale="x", base="v1")
    south.save(edit(SAMPLE, "wait: 4h", "wait: 6h"), author="B", organisation="S", rationale="y", base="v1")
    run(capsys, "sync", "--workspace", str(north.root), "--author", "Amina")
    status, _, err = run(capsys, "sync", "--workspace", str(south.root), "--author", "Bob")
    assert status == 1 and "crisis: conflict: step 'triage': wait changed on both sides" in err
    prefer = ["--prefer", "theirs", "--format", "json"]
    status, out, _ = run(capsys, "sync", "--workspace", str(south.root), "--author", "Bob", *prefer)
    assert status == 0 and json.loads(out)["status"] == "merged"
    assert "wait: 2h" in south.file(PATHWAY_ID).read_text(encoding="utf-8")


def test_sync_reaches_the_remote_through_git_and_names_no_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sync` goes through git's command line (its SSH keys, credential helpers and proxies): a
    shared copy that cannot be reached says so in one line, without the token in its URL."""
    ws = new_workspace(tmp_path, "north")
    git(ws.root, "remote", "add", "origin", "http://amina:s3cr3t-token@127.0.0.1:9/shared.git")
    status, out, err = run(capsys, "sync", "--workspace", str(ws.root), "--author", "Amina")
    assert status != 0 and out == "" and "Traceback" not in err
    assert "s3cr3t-token" not in err and "127.0.0.1" in err, err
    assert len(err.strip().splitlines()) == 1


def test_diff_of_a_latin1_working_file_points_at_the_bad_byte(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    ws.file(PATHWAY_ID).write_bytes(edit(SAMPLE, "wait: 4h", "wait: 4h # caf\u00e9").encode("latin-1"))
    status, out, err = run(capsys, "diff", str(ws.file(PATHWAY_ID)))
    assert status == 1 and out == ""
    assert "not-utf8" in err and f"{ws.file(PATHWAY_ID)}:" in err and "Traceback" not in err


def _returns(work: Callable[[], T]) -> T:
    """`work()` (what it raises, raised here), or TimeoutError if it waits: a pipe read as a file
    waits for ever."""
    pool = concurrent.futures.ThreadPoolExecutor(1)
    try:
        return pool.submit(work).result(timeout=30)
    finally:
        pool.shutdown(wait=False)


def test_diff_of_a_pipe_in_place_of_the_working_file_says_so_at_once(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ws.file(PATHWAY_ID)
    path.unlink()
    os.mkfifo(path)
    try:
        status, out, err = _returns(lambda: run(capsys, "diff", str(path)))
        assert status == 2 and out == "" and "it is a pipe (FIFO)" in err
        with pytest.raises(StoreError, match="cannot be read: it is a pipe"):
            _returns(lambda: ws.diff(PATHWAY_ID, "v1"))
    finally:
        with contextlib.suppress(OSError):  # a reader still waiting on the pipe is let go
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        path.unlink()


def test_why_takes_a_step_by_its_label_as_people_know_it(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "why", PATH, "  triage by the CRISIS team ")
    assert status == 0 and out.startswith("step 'triage'\n  introduced in v1")
    status, _, err = run(capsys, "why", PATH, "Triage by the night team")
    assert status == 2 and "no step 'Triage by the night team' has ever been in crisis" in err
