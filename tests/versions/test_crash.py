"""A saving process killed with SIGKILL at any point leaves the old version or the new one.

Random trials kill a process that saves in a loop at a random moment; targeted ones kill it at the
points where a writer holds something: git's own lock files, a half-written work tree file, the
moment between moving the branch and updating the file. After each kill, `git fsck` is clean, the
pathway file is the branch's version or the one before it (never torn), and the next save recovers
whatever the killed process left and leaves `git status` clean.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, fsck, git, new_workspace

from pathway_designer.store import Workspace

TRIALS = 25
WAITS = ["1h", "2h", "3h", "5h", "6h", "8h"]


def variant(n: int) -> str:
    return edit(SAMPLE, "wait: 4h", f"wait: {WAITS[n % len(WAITS)]}")


def save_forever(root: str, ready: Any, start: int) -> None:
    ws = Workspace(root)
    ready.set()
    n = start
    while True:
        ws.save(variant(n), author="Crash Test", organisation="Test", rationale=f"Save {n}", base="latest")
        n += 1


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def check_after_crash(root: Path) -> None:
    """Valid repository; the file is the branch's version or the one before it; then recovery."""
    fsck(root)
    on_disk = git(root, "hash-object", PATH).strip()
    allowed = {git(root, "rev-parse", f"HEAD:{PATH}").strip()}
    if git(root, "rev-list", "--count", "HEAD").strip() != "1":
        allowed.add(git(root, "rev-parse", f"HEAD~1:{PATH}").strip())
    assert on_disk in allowed
    ws = Workspace(root)
    current = ws.text(PATHWAY_ID)
    fresh = edit(current, "title: Adult crisis pathway", f"title: Adult crisis pathway {time.time_ns()}")
    result = ws.save(fresh, author="Recovery", organisation="Test", rationale="Recovered", base="latest")
    assert result.status == "saved", result.message
    assert git(root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == fresh
    state = root / ".git" / "pathway-designer"
    assert not (state / "writing").exists()
    assert list((state / "tmp").glob("*")) == []
    ws.close()


def test_killed_at_random_points_over_many_trials(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    context = multiprocessing.get_context("fork")
    rng = random.Random(4)
    for trial in range(TRIALS):
        ready = context.Event()
        process = context.Process(target=save_forever, args=(str(ws.root), ready, trial))
        process.start()
        assert ready.wait(10)
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        process.join()
        check_after_crash(ws.root)
    versions = len(Workspace(ws.root).history(PATHWAY_ID))
    assert versions > TRIALS  # every trial's recovery saved one, and the killed savers some more


def _save_one(ws: Workspace) -> None:
    ws.save(variant(1), author="Crash Test", organisation="Test", rationale="Dies", base="latest")


def crash_in_child(
    root: Path,
    arrange: Callable[[pytest.MonkeyPatch, Path], None],
    write: Callable[[Workspace], object] = _save_one,
) -> None:
    """Run one write (a save, unless told) in a child process that `arrange` makes die at a chosen
    point."""

    def child() -> None:
        with pytest.MonkeyPatch.context() as patch:
            arrange(patch, root)
            write(Workspace(root))
        os._exit(3)  # the save should not have returned

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(30)
    assert process.exitcode == -signal.SIGKILL


def after_objects(patch: pytest.MonkeyPatch, root: Path) -> None:
    from pathway_designer.store.commits import Branch

    original = Branch._write_objects

    def write_then_die(self: Branch, objects: Any) -> None:
        original(self, objects)
        die()

    patch.setattr(Branch, "_write_objects", write_then_die)


def holding_the_ref_lock(patch: pytest.MonkeyPatch, root: Path) -> None:
    from pathway_designer.store.commits import Branch

    def lock_then_die(self: Branch, *args: Any) -> bool:
        (root / ".git" / "refs" / "heads" / "main.lock").write_text("half")
        die()
        return False

    patch.setattr(Branch, "_move", lock_then_die)


def after_moving_the_branch(patch: pytest.MonkeyPatch, root: Path) -> None:
    # The new file and index are written aside (index.lock held), none renamed into place yet.
    from pathway_designer.store.worktree import Staged

    patch.setattr(Staged, "apply", lambda self: die())


def mid_file_write(patch: pytest.MonkeyPatch, root: Path) -> None:
    from pathway_designer.store import worktree

    original = worktree._written_aside

    def write_then_die(target: Path, content: bytes) -> Path:
        original(target, content)
        die()
        raise AssertionError("unreachable")

    patch.setattr(worktree, "_written_aside", write_then_die)


def holding_the_index_lock(patch: pytest.MonkeyPatch, root: Path) -> None:
    # The files are renamed into place; the new index is still index.lock.
    from pathway_designer.store.worktree import Staged

    def rename_then_die(self: Staged) -> None:
        for written, target in self.renames:
            os.replace(written, target)
        die()

    patch.setattr(Staged, "apply", rename_then_die)


def test_the_next_writer_catches_up_every_file_a_killed_one_left_behind(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    crash_in_child(ws.root, after_moving_the_branch)
    assert git(ws.root, "hash-object", PATH).strip() != git(ws.root, "rev-parse", f"HEAD:{PATH}").strip()
    # The next writer saves something else (a comment): the pathway file is brought in step too.
    Workspace(ws.root).add_comment(PATHWAY_ID, "After the crash", author="Recovery")
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == variant(1)
    fsck(ws.root)


@pytest.mark.parametrize(
    "arrange",
    [after_objects, holding_the_ref_lock, after_moving_the_branch, mid_file_write, holding_the_index_lock],
)
def test_killed_at_each_critical_point(
    tmp_path: Path, arrange: Callable[[pytest.MonkeyPatch, Path], None]
) -> None:
    ws = new_workspace(tmp_path)
    crash_in_child(ws.root, arrange)
    check_after_crash(ws.root)
    leftovers = [*ws.root.joinpath("pathways").glob(".*"), ws.root / ".git" / "index.lock"]
    assert not any(p.exists() for p in leftovers)


def test_opening_the_workspace_after_a_crash_leaves_no_staged_revert(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    crash_in_child(ws.root, after_moving_the_branch)
    # Before: the branch had moved, the file and the index had not: `git status` showed the
    # version just saved as a staged revert, and a `git commit` would have undone it.
    Workspace(ws.root).close()
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == variant(1)
    assert not (ws.root / ".git" / "pathway-designer" / "writing").exists()
    fsck(ws.root)


def test_a_workspace_left_open_catches_up_when_it_next_reads(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)  # open before the crash, as the app keeps its workspace
    crash_in_child(ws.root, after_moving_the_branch)
    assert ws.latest(PATHWAY_ID) is not None
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == variant(1)


def test_a_comment_killed_after_the_branch_moved_is_caught_up_on_opening(tmp_path: Path) -> None:
    # Comments live in nested folders (comments/<pathway>/<a>/<b>/<id>.json): the catch-up must
    # reach them, not only the files directly under comments/.
    ws = new_workspace(tmp_path)
    crash_in_child(
        ws.root, after_moving_the_branch, lambda w: w.add_comment(PATHWAY_ID, "Dies", author="Crash")
    )
    Workspace(ws.root).close()
    assert git(ws.root, "status", "--porcelain") == ""
    assert [c.text for c in Workspace(ws.root).comments(PATHWAY_ID)] == ["Dies"]
    fsck(ws.root)
