"""No read or write of the store goes through a symbolic link out of the workspace.

A partner's repository can commit links (`comments -> ../outside`), and a clone checks them out as
links: every write (comments, pathways, the schema on seeding) and every read of the work tree
(the working file, the rule configuration) is refused with a clear `OutsideWorkspace` before
anything is touched, and the branch, the work tree and git's index are left as they were.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, fsck, git, new_workspace

from pathway_designer.store import OutsideWorkspace, StoreError, Workspace, inside

BOB = {"author": "Bob Lee", "organisation": "North Yorkshire ICB"}


def commit_link(root: Path, name: str, target: str) -> None:
    """Commit a symbolic link at `name` with the real git, as a partner's repository might."""
    link = root / name
    if link.is_dir() and not link.is_symlink():
        git(root, "rm", "-r", "-q", name)
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    git(root, "add", name)
    git(root, "commit", "-q", "-m", f"Link {name}")


def unchanged(ws: Workspace, head: str | None) -> None:
    assert ws.head() == head
    assert git(ws.root, "status", "--porcelain") == ""
    fsck(ws.root)


def test_a_committed_comments_link_out_of_the_workspace_takes_no_comment(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = new_workspace(tmp_path)
    commit_link(ws.root, "comments", "../outside")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(ws.root), str(clone))  # the clone checks the link out
    for root in (ws.root, clone):
        opened = Workspace(root)
        head = opened.head()
        with pytest.raises(OutsideWorkspace, match="symbolic link"):
            opened.add_comment(PATHWAY_ID, "Where does this go?", author="Amina Khan")
        assert list(outside.iterdir()) == []
        unchanged(opened, head)


def test_a_link_made_in_the_work_tree_is_refused_too(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = new_workspace(tmp_path)
    head = ws.head()
    (ws.root / "comments").symlink_to(outside)  # not committed: git ignores it, the store must too
    with pytest.raises(OutsideWorkspace):
        ws.add_comment(PATHWAY_ID, "Where does this go?", author="Amina Khan")
    assert list(outside.iterdir()) == []
    assert ws.head() == head


def test_a_pathway_file_linked_out_is_neither_read_nor_replaced(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("not yours\n", encoding="utf-8")
    ws = new_workspace(tmp_path)
    head = ws.head()
    (ws.root / PATH).unlink()
    (ws.root / PATH).symlink_to(secret)
    with pytest.raises(OutsideWorkspace):
        ws.diff(PATHWAY_ID)  # the working text would be read through the link
    with pytest.raises(OutsideWorkspace):
        ws.file(PATHWAY_ID)
    result_error = None
    try:
        ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **BOB, rationale="Faster", base="latest")
    except StoreError as exc:
        result_error = exc
    assert isinstance(result_error, OutsideWorkspace)
    assert secret.read_text(encoding="utf-8") == "not yours\n"
    assert ws.head() == head


def test_a_link_into_git_own_folder_is_refused(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()
    (ws.root / "comments").symlink_to(ws.root / ".git" / "refs" / "heads")
    with pytest.raises(OutsideWorkspace):
        ws.add_comment(PATHWAY_ID, "A ref of my own", author="Amina Khan")
    assert not (ws.root / ".git" / "refs" / "heads" / f"{PATHWAY_ID}.jsonl").exists()
    assert ws.head() == head
    fsck(ws.root)


def test_a_linked_rule_configuration_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("rules: {}\n", encoding="utf-8")
    ws = new_workspace(tmp_path)
    commit_link(ws.root, "pathway-designer.yaml", str(elsewhere))
    with pytest.raises(OutsideWorkspace):
        ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **BOB, rationale="Faster", base="latest")


def test_a_committed_pathway_link_is_not_a_pathway(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SAMPLE.replace("id: crisis", "id: secret"), encoding="utf-8")
    ws = new_workspace(tmp_path)
    commit_link(ws.root, "pathways/secret.yaml", str(secret))
    assert Workspace(ws.root).pathway_ids() == [PATHWAY_ID]


def test_the_store_own_folder_linked_out_is_refused_on_opening(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    ws = new_workspace(tmp_path)
    state = ws.root / ".git" / "pathway-designer"
    if state.exists():
        for child in sorted(state.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        state.rmdir()
    state.symlink_to(outside)
    with pytest.raises(OutsideWorkspace):
        Workspace(ws.root)


def test_inside_keeps_links_that_stay_where_they_say(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "real").mkdir(parents=True)
    (root / "alias").symlink_to(root / "real")
    assert inside(root, root / "alias" / "x.yaml") == root / "alias" / "x.yaml"
    linked_root = tmp_path / "linked"
    linked_root.symlink_to(root)  # a workspace reached through a link of its own is fine
    assert inside(linked_root, linked_root / "real" / "x.yaml") == linked_root / "real" / "x.yaml"
    with pytest.raises(OutsideWorkspace):
        inside(root, root / ".." / "x.yaml")
    with pytest.raises(OutsideWorkspace):
        inside(root, root / "real" / "x", apart_from=root / "real")
