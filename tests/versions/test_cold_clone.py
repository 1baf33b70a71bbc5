"""A fresh clone of a long history: the commit index read in bulk by `git log`, and blame's diffs
taken from the blocks of text two neighbours differ in, give exactly what reading every commit
through dulwich and diffing every version whole give (the ways the store used before)."""

from __future__ import annotations

import codecs
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pathway_strategies import FAST, edited, pathways
from store_helpers import PATHWAY_ID, SAMPLE, edit, git, new_workspace

from pathway_designer.changes.diff import diff_pathways
from pathway_designer.format.canonical import dump
from pathway_designer.model import Pathway
from pathway_designer.store import Workspace
from pathway_designer.store.commit_index import TRACKED, CommitRecord
from pathway_designer.store.git_log import BATCH, Parser, read, read_command
from pathway_designer.store.quick_diff import QuickDiffer
from pathway_designer.store.quick_reading import QuickReader


def keys_of(old: Pathway, new: Pathway) -> list[tuple[str, str, str, str | None]]:
    return sorted((c.action, c.section, c.key, c.field) for c in diff_pathways(old, new))


@FAST
@given(st.data())
def test_the_quick_diff_is_the_diff_whenever_it_answers(data: st.DataObject) -> None:
    old = data.draw(pathways())
    new = data.draw(edited(old))
    quick = QuickDiffer(QuickReader()).changes(dump(old), dump(new))
    if quick is not None:
        assert sorted(quick) == keys_of(old, new)


def test_the_quick_diff_answers_for_the_usual_edits() -> None:
    from pathway_designer import load_text

    differ = QuickDiffer(QuickReader())
    base = load_text(SAMPLE)
    for old, new in [
        ("label: Crisis café", "label: Crisis café, open late"),  # a field of a step
        ("    wait: 4h\n", ""),  # a field cleared
        ("  - from: cafe\n    to: discharge\n", ""),  # a transition removed
    ]:
        changed = load_text(edit(dump(base), old, new))
        quick = differ.changes(dump(base), dump(changed))
        assert quick is not None and sorted(quick) == keys_of(base, changed)
    retitled = load_text(edit(dump(base), "title: Adult crisis pathway", "title: Crisis"))
    assert differ.changes(dump(base), dump(retitled)) is None  # the pathway's own field: the full diff


def history_with_everything(tmp_path: Path) -> Workspace:
    """Saves, a merge with a partner's workspace, a comment, and a pathway removed by git itself."""
    ws = new_workspace(tmp_path)
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(ws.root, "remote", "add", "origin", str(remote))
    ws.sync(author="Amina Khan", organisation="Scarborough Mind")
    git(tmp_path, "clone", "-q", str(remote), str(tmp_path / "partner"))
    partner = Workspace(tmp_path / "partner")
    for workspace, old, new, who in [
        (ws, "wait: 4h", "wait: 2h", "Amina Khan"),
        (partner, "label: Crisis café", "label: Crisis café, open late", "Bob Lee"),
    ]:
        latest = workspace.latest(PATHWAY_ID)
        assert latest is not None
        result = workspace.save(
            edit(workspace.text(PATHWAY_ID), old, new), author=who, organisation="Mind",
            rationale=f"Edit by {who}\n\nwith: a colon", base=latest.commit,
        )
        assert result.status == "saved", result.message
    partner.sync(author="Bob Lee")
    partner.close()
    assert ws.sync(author="Amina Khan").status == "merged"
    ws.add_comment(PATHWAY_ID, "Is two hours realistic?", author="Eve", step="triage")
    extra = SAMPLE.replace("id: crisis", "id: extra")
    (ws.root / "pathways" / "extra.yaml").write_text(extra, encoding="utf-8")
    git(ws.root, "add", "pathways/extra.yaml")
    git(ws.root, "commit", "-q", "-m", "Add by hand")
    git(ws.root, "rm", "-q", "pathways/extra.yaml")
    git(ws.root, "commit", "-q", "-m", "Remove by hand")
    return ws


def test_git_log_reads_the_records_dulwich_reads(tmp_path: Path) -> None:
    ws = history_with_everything(tmp_path)
    index = ws._repository.commits
    rows = read(ws.root / ".git", ws.head() or "", TRACKED)
    assert rows is not None and len(rows) == len(git(ws.root, "rev-list", "HEAD").split())
    for row in rows:
        assert CommitRecord.of(*row) == index._from_git(row[0]), row[0]
    ws.close()


def test_a_fresh_clone_tells_the_same_history_and_blame_as_the_slow_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = history_with_everything(tmp_path)
    for i in range(6):  # a run of plain saves, which the quick diff takes
        latest = ws.latest(PATHWAY_ID)
        assert latest is not None
        before = "label: Home treatment" + (f" {i - 1}" if i else "")
        text = edit(ws.text(PATHWAY_ID), f"{before}\n", f"label: Home treatment {i}\n")
        ws.save(text, author="Amina Khan", organisation="Mind", rationale=f"Rename {i}", base=latest.commit)
    ws.close()
    git(tmp_path, "clone", "-q", str(ws.root), str(tmp_path / "fresh"))

    def told(folder: Path) -> tuple[list[object], list[object]]:
        shutil.rmtree(folder / ".git" / "pathway-designer", ignore_errors=True)
        with Workspace(folder) as opened:
            return [v.describe() for v in opened.history(PATHWAY_ID)], [
                lin.to_json() for lin in opened.blame(PATHWAY_ID)
            ]

    quick = told(tmp_path / "fresh")
    monkeypatch.setattr("pathway_designer.store.git_log.available", lambda: False)
    monkeypatch.setattr(QuickDiffer, "changes", lambda self, old, new: None)
    assert told(tmp_path / "fresh") == quick



@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[object]]:
    """A real `git log` output of a history with merges, removals and a message in three scripts,
    and the commits it holds, as `read` gives them."""
    tmp_path = tmp_path_factory.mktemp("logged")
    ws = history_with_everything(tmp_path)
    git(ws.root, "commit", "-q", "--allow-empty", "-m", "Café ☕ — ✓ 東京\n\nOrganisation: Mind")
    head = ws.head() or ""
    rows = read(ws.root / ".git", head, TRACKED)
    assert rows is not None
    command = read_command(ws.root / ".git", head, BATCH)
    whole = subprocess.run(command, capture_output=True, check=True).stdout
    ws.close()
    return whole, list(rows)


@FAST
@given(st.data())
def test_git_logs_output_read_in_any_pieces_gives_the_same_commits(
    logged: tuple[bytes, list[object]], data: st.DataObject
) -> None:
    """Wherever a piece ends (inside a message, a file's line, a character of several bytes),
    the commits are those of the whole output."""
    whole, rows = logged
    cuts = sorted(data.draw(st.sets(st.integers(0, len(whole)), max_size=12)))
    parser, decoder = Parser(TRACKED), codecs.getincrementaldecoder("utf-8")("replace")
    found: list[object] = []
    for start, stop in zip([0, *cuts], [*cuts, len(whole)], strict=True):
        found += parser.feed(decoder.decode(whole[start:stop]))
    found += parser.feed(decoder.decode(b"", final=True), final=True)
    assert found == rows


def test_output_cut_short_is_refused_not_half_read(logged: tuple[bytes, list[object]]) -> None:
    whole, _ = logged
    parser = Parser(TRACKED)
    parser.feed(whole[: len(whole) // 2].decode("utf-8", "replace"))
    with pytest.raises(ValueError):
        parser.feed("", final=True)
