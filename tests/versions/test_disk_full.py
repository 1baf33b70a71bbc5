"""A full disk (or another OSError) during a save: one clear line, and the old version everywhere.

Before, `save` printed an `OSError` traceback although the version had been committed, while the
work tree file stayed old and `git status` showed a staged revert. Now everything that needs disk
space is written before the branch moves (objects, the new file beside the old, the new index as
`index.lock`), so a failure at any stage leaves the branch, the work tree file and the index all at
the old version (or, once the branch has moved, all at the new one).

Each stage is failed by a simulated ENOSPC (`os.fsync` raising while that stage runs), and a real
small tmpfs is filled up page by page (skipped only where mounting is not permitted).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, fsck, git, new_workspace

from pathway_designer.cli.main import main
from pathway_designer.store import StoreError, Workspace
from pathway_designer.store import commits as commits_module
from pathway_designer.store import worktree as worktree_module

WHO = {"author": "Amina Khan", "organisation": "Ryedale Mind"}
EDITED = edit(SAMPLE, "wait: 4h", "wait: 2h")


def full_disk(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def failing_during(patch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
    """While `owner.name` runs, every `os.fsync` (and `os.write`) fails as on a full disk."""
    original = getattr(owner, name)
    real_fsync, real_write = os.fsync, os.write

    def during(*args: Any, **kwargs: Any) -> Any:
        patch.setattr(os, "fsync", full_disk)
        patch.setattr(os, "write", full_disk)
        try:
            return original(*args, **kwargs)
        finally:
            patch.setattr(os, "fsync", real_fsync)
            patch.setattr(os, "write", real_write)

    patch.setattr(owner, name, during)


STAGES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "writing objects": lambda p: failing_during(p, commits_module.Branch, "_write_objects"),
    "moving the branch": lambda p: failing_during(p, commits_module.Branch, "_move"),
    "the work tree file": lambda p: failing_during(p, worktree_module, "_written_aside"),
    "the index": lambda p: failing_during(p, worktree_module.WorkTree, "_staged_index"),
}


def old_version_everywhere(ws: Workspace, head: str | None) -> None:
    assert ws.head() == head  # a read: it also clears up after the failed writer
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == SAMPLE
    assert git(ws.root, "rev-parse", f"HEAD:{PATH}").strip() == git(ws.root, "hash-object", PATH).strip()
    fsck(ws.root)
    git_dir = ws.root / ".git"
    leftovers = [*ws.root.joinpath("pathways").glob(".*"), git_dir / "index.lock"]
    leftovers += [git_dir / "refs" / "heads" / "main.lock", git_dir / "pathway-designer" / "writing"]
    assert [p for p in leftovers if p.exists()] == []


@pytest.mark.parametrize("stage", list(STAGES))
def test_a_full_disk_at_each_stage_leaves_the_old_version_everywhere(
    tmp_path: Path, stage: str
) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()
    with pytest.MonkeyPatch.context() as patch:
        STAGES[stage](patch)
        with pytest.raises(StoreError) as failed:
            ws.save(EDITED, **WHO, rationale="Triage within 2 hours", base="latest")
    message = str(failed.value)
    assert "disk is full" in message and "nothing was saved" in message and "\n" not in message
    old_version_everywhere(ws, head)
    # Space again: the same save goes through, and the new version is everywhere.
    result = ws.save(EDITED, **WHO, rationale="Triage within 2 hours", base="latest")
    assert result.status == "saved", result.message
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == EDITED
    fsck(ws.root)


def test_a_comment_on_a_full_disk_is_refused_in_one_line(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()
    with pytest.MonkeyPatch.context() as patch:
        STAGES["the work tree file"](patch)
        with pytest.raises(StoreError, match="disk is full"):
            ws.add_comment(PATHWAY_ID, "Can we meet sooner?", author="Amina Khan")
    old_version_everywhere(ws, head)
    assert ws.comments(PATHWAY_ID) == []


def test_the_cli_save_on_a_full_disk_prints_one_line_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()
    ws.file(PATHWAY_ID).write_text(EDITED, encoding="utf-8")
    monkeypatch.setattr(os, "fsync", full_disk)
    status = main(["save", str(ws.file(PATHWAY_ID)), "--workspace", str(ws.root), "--author", "Amina Khan",
                   "--organisation", "Ryedale Mind", "-m", "Triage within 2 hours"])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "disk is full" in err and "Traceback" not in err
    assert ws.head() == head
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == EDITED  # the person's edit is kept
    fsck(ws.root)


# A real full disk ---------------------------------------------------------------------------------

PAGE = 4096


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of our own (as root); skipped where mounting is not permitted."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", f"pd-test-{uuid.uuid4().hex[:8]}", str(mount_point)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def leave_free(disk: Path, filler: Path, pages: int) -> None:
    """Fill `disk` up, then give back `pages` pages."""
    with open(filler, "ab", buffering=0) as handle:
        try:
            while handle.write(b"\0" * PAGE):
                pass
        except OSError:
            pass
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - pages * PAGE))
    assert os.statvfs(disk).f_bavail <= pages + 1


def where_it_failed(exc: BaseException) -> str:
    """The store's innermost function in the traceback of the OSError behind `exc`."""
    cause = exc.__context__
    assert isinstance(cause, OSError), exc
    found, tb = "", cause.__traceback__
    while tb is not None:
        if f"pathway_designer{os.sep}store" in tb.tb_frame.f_code.co_filename:
            found = tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return found


def test_a_real_full_disk_never_leaves_a_staged_revert(small_disk: Path, tmp_path: Path) -> None:
    """Page by page from none free: each save fails cleanly with the old version everywhere, until
    there is room and it saves the new one everywhere."""
    ws = new_workspace(tmp_path)
    root = small_disk / "ws"
    git(tmp_path, "clone", "-q", str(ws.root), str(root))
    filler = small_disk / "filler"
    failures: set[str] = set()
    saved = None
    for pages in range(0, 64):
        workspace = Workspace(root)
        head = workspace.head()
        leave_free(small_disk, filler, pages)
        try:
            saved = workspace.save(EDITED, **WHO, rationale="Triage within 2 hours", base="latest")
        except StoreError as exc:
            assert "\n" not in str(exc) and "nothing was saved" in str(exc)
            failures.add(where_it_failed(exc))
        filler.unlink()
        if saved is not None:
            assert saved.status == "saved", saved.message
            assert git(root, "status", "--porcelain") == ""
            assert workspace.file(PATHWAY_ID).read_text(encoding="utf-8") == EDITED
            fsck(root)
            break
        old_version_everywhere(workspace, head)
        workspace.close()
    assert saved is not None, "a save never went through"
    assert len(failures) >= 2, failures  # it failed at more than one stage on the way


def test_a_failure_after_the_branch_moved_says_so_and_the_next_read_catches_up(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()

    def cannot_rename(self: worktree_module.Staged) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(worktree_module.Staged, "apply", cannot_rename)
        with pytest.raises(StoreError, match="the version was saved") as failed:
            ws.save(EDITED, **WHO, rationale="Triage within 2 hours", base="latest")
    assert "\n" not in str(failed.value)
    assert ws.head() != head  # a read: the files left behind are brought to the new version
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == EDITED
    assert not (ws.root / ".git" / "index.lock").exists()
    fsck(ws.root)
