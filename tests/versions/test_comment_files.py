"""Comments as one small file each: what a comment adds to the repository, old workspaces' single
comments file (read, then moved into files of their own without losing one), and sync."""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
from pathlib import Path

import pytest
from store_helpers import PATHWAY_ID, fsck, git, new_workspace
from test_sync import close_workspaces  # noqa: F401 (the fixture: dulwich keeps packs open until closed)

from pathway_designer.store import Workspace, packing
from pathway_designer.store.repository import Repository

OLD_FILE = f"comments/{PATHWAY_ID}.jsonl"


def old_comment(n: int, text: str, step: str | None = None) -> dict[str, object]:
    return {"id": f"0ld{n:09d}", "pathway": PATHWAY_ID, "step": step, "author": f"Person {n}",
            "organisation": "Carers' group", "role": None, "date": f"2025-01-0{n}T10:00:00+00:00",
            "text": text}


def commit_old_file(root: Path, comments: list[dict[str, object]]) -> None:
    """What an earlier version of the tool wrote: all of a pathway's comments in one file."""
    path = root / OLD_FILE
    path.parent.mkdir(exist_ok=True)
    path.write_text("".join(json.dumps(c) + "\n" for c in comments), encoding="utf-8")
    git(root, "add", OLD_FILE)
    git(root, "commit", "-q", "-m", f"Comment\n\nPathway: {PATHWAY_ID}")


def disk_kb(path: Path) -> int:
    return int(subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
               .stdout.split()[0])


def test_a_comment_adds_one_small_file(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    first = ws.add_comment(PATHWAY_ID, "First", author="Eve")
    second = ws.add_comment(PATHWAY_ID, "Second", author="Fatima", step="triage")
    changed = git(ws.root, "show", "--format=", "--name-status", "HEAD").split()
    assert changed == ["A", f"comments/{PATHWAY_ID}/{second.id[-2]}/{second.id[-1]}/{second.id}.json"]
    assert json.loads(git(ws.root, "show", f"HEAD:{changed[1]}"))["text"] == "Second"
    assert [c.id for c in Workspace(ws.root).comments(PATHWAY_ID)] == [first.id, second.id]
    assert git(ws.root, "status", "--porcelain") == ""


def test_400_long_comments_grow_the_repository_by_under_5_mb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # what ends up on disk is the same, sooner
    ws = new_workspace(tmp_path)
    before = disk_kb(ws.root / ".git")
    chance = random.Random(11)
    letters = string.ascii_letters + string.digits + " "
    texts = ["".join(chance.choices(letters, k=5000)).strip() for _ in range(400)]
    for n, text in enumerate(texts):
        ws.add_comment(PATHWAY_ID, text, author=f"Viewer {n % 7}")
    grown = disk_kb(ws.root / ".git") - before
    assert grown < 5 * 1024, f"{grown} KB"
    fresh = Workspace(ws.root)
    assert sorted(c.text for c in fresh.comments(PATHWAY_ID)) == sorted(texts)
    assert git(ws.root, "status", "--porcelain") == ""
    fsck(ws.root)


def test_an_old_single_comments_file_is_read_then_moved_losing_none(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    commit_old_file(ws.root, [old_comment(1, "Is 4 hours realistic?", "triage"), old_comment(2, "Thanks")])
    old = Workspace(ws.root)
    assert [c.text for c in old.comments(PATHWAY_ID)] == ["Is 4 hours realistic?", "Thanks"]
    assert [c.author for c in old.comments(PATHWAY_ID, step="triage")] == ["Person 1"]
    old.add_comment(PATHWAY_ID, "New", author="Eve")
    assert git(ws.root, "ls-tree", "HEAD", "comments/").strip().endswith(f"\tcomments/{PATHWAY_ID}")
    texts = [c.text for c in Workspace(ws.root).comments(PATHWAY_ID)]
    assert texts == ["Is 4 hours realistic?", "Thanks", "New"]
    assert not (ws.root / OLD_FILE).exists()
    assert git(ws.root, "status", "--porcelain") == ""
    fsck(ws.root)


def test_sync_merges_an_old_file_with_a_partner_who_moved_it(tmp_path: Path) -> None:
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    north = new_workspace(tmp_path, "north")
    commit_old_file(north.root, [old_comment(1, "One"), old_comment(2, "Two")])
    git(north.root, "remote", "add", "origin", str(remote))
    north = Workspace(north.root)
    north.sync(author="Amina")
    git(tmp_path, "clone", "-q", str(remote), "south")
    # North's new comment moves the old file's comments; south's older tool appends to it.
    north.add_comment(PATHWAY_ID, "North, new", author="Amina")
    commit_old_file(tmp_path / "south", [old_comment(n, t) for n, t in enumerate(["One", "Two", "Three"], 1)])
    assert north.sync(author="Amina").status == "pushed"
    south = Workspace(tmp_path / "south")
    assert south.sync(author="Bob").status == "merged"
    assert north.sync(author="Amina").status == "pulled"
    for ws in (north, south):
        assert sorted(c.text for c in ws.comments(PATHWAY_ID)) == ["North, new", "One", "Three", "Two"]
        assert git(ws.root, "ls-tree", "HEAD", OLD_FILE) == ""  # the old file is gone
        fsck(ws.root)


def test_loose_objects_are_packed_and_small_packs_combined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(packing, "PACK_LIMIT", 3)
    ws = new_workspace(tmp_path)
    repository = Repository(ws.root)
    made = [ws.add_comment(PATHWAY_ID, f"Comment {n}", author="Eve").id for n in range(12)]
    for _ in range(4):
        assert packing.pack_when_many_loose(repository, limit=-1)  # as if there were many
        made.append(ws.add_comment(PATHWAY_ID, "One more", author="Eve").id)
    packs = list((ws.root / ".git" / "objects" / "pack").glob("*.pack"))
    assert 1 <= len(packs) < 3  # combined once there were three
    assert len(packing.loose_objects(repository)) < 10  # only what came after the last packing
    for reader in (Workspace(ws.root), ws):  # a new reader, and one that knew the old packs
        assert [c.id for c in reader.comments(PATHWAY_ID)] == made
    assert git(ws.root, "status", "--porcelain") == ""
    fsck(ws.root)
    repository.close()


def test_a_line_nested_too_deeply_is_skipped_like_any_unreadable_line(tmp_path: Path) -> None:
    """A comments file comes from partners through git: one bad line must not stop the pathway
    (a line nested deeper than Python's parser goes raised RecursionError, which crashed the app)."""
    ws = new_workspace(tmp_path)
    path = ws.root / OLD_FILE
    path.parent.mkdir(exist_ok=True)
    kept = old_comment(1, "Kept")
    path.write_text('{"a":' * 5000 + "\n" + "[" * 5000 + "\n" + json.dumps(kept) + "\n", encoding="utf-8")
    git(ws.root, "add", OLD_FILE)
    git(ws.root, "commit", "-q", "-m", f"Comment\n\nPathway: {PATHWAY_ID}")
    assert [c.text for c in Workspace(ws.root).comments(PATHWAY_ID)] == ["Kept"]
