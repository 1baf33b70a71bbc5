"""Two organisations share pathways through a common repository: a bare remote and two clones.

The full drive takes one workspace through save, history, show, diff, restore, why, blame and sync
with a partner's clone, and checks every version with the `git` CLI (`git log`, `git show`, `git
fsck`); the other tests look at conflicts, refusals and what is never lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, fsck, git, logged, new_workspace, trailer

from pathway_designer.store import SyncFailed, Workspace

NORTH = {"author": "Amina Khan", "organisation": "Ryedale Mind"}
SOUTH = {"author": "Bob Lee", "organisation": "York Trust"}


@pytest.fixture(autouse=True)
def close_workspaces(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close every workspace a test opened (dulwich keeps fetched packs open until then)."""
    opened: list[Workspace] = []
    original = Workspace.__init__

    def remember(self: Workspace, root: str | os.PathLike[str]) -> None:
        original(self, root)
        opened.append(self)

    monkeypatch.setattr(Workspace, "__init__", remember)
    yield
    for ws in opened:
        ws.close()


def shared(tmp_path: Path) -> tuple[Path, Workspace, Workspace]:
    """A bare remote, the first workspace pushed to it, and a partner's clone of it."""
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    north = new_workspace(tmp_path, "north")
    git(north.root, "remote", "add", "origin", str(remote))
    first = north.sync(**NORTH)
    assert (first.status, first.pushed) == ("pushed", True)
    git(tmp_path, "clone", "-q", str(remote), "south")
    return remote, north, Workspace(tmp_path / "south")


def check_every_version_with_git(ws: Workspace) -> None:
    """Each version is what `git log -- FILE` lists, with its author, message and content."""
    history = ws.history(PATHWAY_ID)
    # The same versions; git orders commits of one second as it likes, so compare as sets.
    assert sorted(v.commit for v in history) == sorted(logged(ws.root))
    assert history[0].commit == logged(ws.root)[0]
    for version in history:
        assert git(ws.root, "log", "-1", "--format=%an", version.commit).strip() == version.author
        assert trailer(ws.root, version.commit, "Organisation") == (version.organisation or "")
        assert git(ws.root, "show", f"{version.commit}:{PATH}") == ws.text(PATHWAY_ID, version.label)
        assert git(ws.root, "log", "-1", "--format=%B", version.commit).startswith(version.rationale)
    fsck(ws.root)


def test_full_drive_two_clones_and_a_bare_remote(tmp_path: Path) -> None:
    remote, north, south = shared(tmp_path)
    assert south.head() == north.head()
    v1 = north.latest(PATHWAY_ID)
    assert v1 is not None and south.latest(PATHWAY_ID) == v1

    # Each organisation saves its own change to the same pathway, from v1.
    faster = edit(SAMPLE, "wait: 4h", "wait: 2h")
    assert north.save(faster, **NORTH, rationale="Triage within 2 hours", base=v1.commit).status == "saved"
    named = edit(SAMPLE, "label: Home treatment", "label: Home treatment team")
    assert south.save(named, **SOUTH, rationale="Name the team", base=v1.commit).status == "saved"
    south.add_comment(PATHWAY_ID, "Can the team reach the Dales at night?", author="Carla",
                      organisation="Carers' group", role="carer", step="home-treatment")

    # North pushes; south merges by meaning and pushes; north fast-forwards.
    assert north.sync(**NORTH).status == "pushed"
    merged = south.sync(**SOUTH)
    assert (merged.status, merged.pushed, merged.pulled) == ("merged", True, [PATHWAY_ID])
    back = north.sync(**NORTH)
    assert (back.status, back.pulled) == ("pulled", [PATHWAY_ID])
    assert north.head() == south.head() == git(remote, "rev-parse", "main").strip()
    for ws in (north, south):
        text = ws.file(PATHWAY_ID).read_text(encoding="utf-8")
        assert "wait: 2h" in text and "label: Home treatment team" in text
        assert git(ws.root, "status", "--porcelain") == ""
        assert [c.author for c in ws.comments(PATHWAY_ID, step="home-treatment")] == ["Carla"]

    # History: both organisations' versions, then the merge; every one as git sees it.
    history = north.history(PATHWAY_ID)
    assert [(v.label, v.author, v.kind) for v in history] == [
        ("v4", "Bob Lee", "synced"),
        ("v3", "Amina Khan", "saved"),
        ("v2", "Bob Lee", "saved"),
        ("v1", "pathway-designer", "saved"),
    ]
    assert [v.commit for v in south.history(PATHWAY_ID)] == [v.commit for v in history]
    check_every_version_with_git(north)
    assert len(git(north.root, "rev-list", "--parents", "-1", history[0].commit).split()) == 3

    # Show and diff.
    assert north.text(PATHWAY_ID, "v3") == faster
    described = [c.describe() for c in north.diff(PATHWAY_ID, "v1", "v4")]
    assert described == [
        "step 'triage': wait changed from '4h' to '2h'",
        "step 'home-treatment': label changed from 'Home treatment' to 'Home treatment team'",
    ]

    # Why and blame credit each organisation, not the merge that joined them.
    [triage, *_] = south.why(PATHWAY_ID, "triage")
    assert [(e.version.author, e.version.organisation, e.fields) for e in triage.events] == [
        ("pathway-designer", None, ()),
        ("Amina Khan", "Ryedale Mind", ("wait",)),
    ]
    blame = {lin.key: lin for lin in north.blame(PATHWAY_ID)}
    assert [e.version.author for e in blame["home-treatment"].events] == ["pathway-designer", "Bob Lee"]

    # Restore in one workspace reaches the other through the remote.
    restored = north.restore(PATHWAY_ID, "v1", **NORTH, rationale="Back to the agreed version")
    assert restored.status == "saved" and restored.version is not None
    assert north.sync(**NORTH).status == "pushed"
    assert south.sync(**SOUTH).status == "pulled"
    assert south.file(PATHWAY_ID).read_text(encoding="utf-8") == SAMPLE
    assert south.history(PATHWAY_ID)[0].commit == restored.version.commit
    check_every_version_with_git(south)
    fsck(remote)
    assert git(remote, "log", "--format=%an", "-1").strip() == "Amina Khan"


def test_a_true_conflict_refuses_the_sync_and_loses_nothing(tmp_path: Path) -> None:
    remote, north, south = shared(tmp_path)
    north.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **NORTH, rationale="Faster", base="v1")
    mine = south.save(edit(SAMPLE, "wait: 4h", "wait: 6h"), **SOUTH, rationale="Realistic", base="v1")
    assert mine.version is not None
    north.sync(**NORTH)
    remote_head = git(remote, "rev-parse", "main").strip()
    south_head = south.head()

    refused = south.sync(**SOUTH)
    assert refused.status == "conflict" and not refused.ok
    [conflict] = refused.conflicts[PATHWAY_ID]
    assert (conflict.key, conflict.field, conflict.ours, conflict.theirs) == ("triage", "wait", "6h", "2h")
    assert "nothing was changed" in refused.message
    assert south.head() == south_head  # the local version is still there
    assert git(remote, "rev-parse", "main").strip() == remote_head  # nothing was pushed
    assert "wait: 6h" in south.file(PATHWAY_ID).read_text(encoding="utf-8")

    settled = south.sync(**SOUTH, choices={PATHWAY_ID: {conflict.id: "ours"}})
    assert settled.status == "merged"
    assert "wait: 6h" in south.text(PATHWAY_ID)
    # Both organisations' versions are in the shared history.
    for commit in (mine.version.commit, remote_head):
        git(remote, "merge-base", "--is-ancestor", commit, "main")
    fsck(remote)


def test_comments_from_both_sides_are_kept(tmp_path: Path) -> None:
    _, north, south = shared(tmp_path)
    north.add_comment(PATHWAY_ID, "From the north", author="Amina")
    south.add_comment(PATHWAY_ID, "From the south", author="Bob", step="cafe")
    north.sync(**NORTH)
    assert south.sync(**SOUTH).status == "merged"
    assert sorted(c.text for c in south.comments(PATHWAY_ID)) == ["From the north", "From the south"]
    north.sync(**NORTH)
    assert north.comments(PATHWAY_ID) == south.comments(PATHWAY_ID)


def test_a_new_pathway_and_other_files_travel_and_clash_clearly(tmp_path: Path) -> None:
    _, north, south = shared(tmp_path)
    twin = edit(SAMPLE, "id: crisis", "id: crisis-urban")
    north.save(twin, **NORTH, rationale="An urban twin", base=None)
    (south.root / "README.md").write_text("South\n")
    git(south.root, "add", "README.md")
    git(south.root, "commit", "-q", "-m", "A readme")
    north.sync(**NORTH)
    assert south.sync(**SOUTH).status == "merged"
    assert south.pathway_ids() == [PATHWAY_ID, "crisis-urban"]
    assert north.sync(**NORTH).status == "pulled"
    assert (north.root / "README.md").read_text() == "South\n"
    # The same other file changed on both sides: refused, with the file named.
    for ws, words in ((north, "North\n"), (south, "Both\n")):
        (ws.root / "README.md").write_text(words)
        git(ws.root, "commit", "-q", "-am", "Edit the readme")
    north.sync(**NORTH)
    refused = south.sync(**SOUTH)
    assert refused.status == "conflict" and "README.md" in refused.conflicts


def test_sync_without_a_remote_says_how_to_add_one(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    with pytest.raises(SyncFailed, match=r"git -C .* remote add origin URL"):
        ws.sync(**NORTH)
    git(ws.root, "remote", "add", "origin", str(tmp_path / "nowhere.git"))
    with pytest.raises(SyncFailed, match="cannot"):
        ws.sync(**NORTH)
