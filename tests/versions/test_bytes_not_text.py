"""A version committed by other means (git takes any bytes) that is not UTF-8 text: every reader
says so in words, at its line and column, and nothing else in the workspace stops working."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, git, new_workspace

from pathway_designer.cli.main import main
from pathway_designer.format.loading import PathwayError, load_bytes
from pathway_designer.store import StoreError, Workspace

LATIN1 = edit(SAMPLE, "label: Home treatment", "label: Home treatment (caf\u00e9)").encode("latin-1")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A workspace whose second version of the pathway was committed with git, in Latin-1."""
    workspace = new_workspace(tmp_path)
    (workspace.root / PATH).write_bytes(LATIN1)
    git(workspace.root, "add", PATH)
    git(workspace.root, "commit", "-q", "-m", "Edited in an old editor")
    return workspace


def test_load_bytes_points_at_the_first_byte_that_is_not_utf8() -> None:
    with pytest.raises(PathwayError) as refused:
        load_bytes(LATIN1, "x.yaml")
    found = refused.value.findings[0]
    line = SAMPLE[: SAMPLE.index("label: Home treatment")].count("\n") + 1
    assert (found.rule, found.file, found.line) == ("not-utf8", "x.yaml", line)
    assert load_bytes(SAMPLE.encode("utf-8")).id == PATHWAY_ID


def test_every_reader_of_such_a_version_says_why_in_words(ws: Workspace) -> None:
    assert [v.label for v in ws.history(PATHWAY_ID)] == ["v2", "v1"]
    with pytest.raises(StoreError, match=r"crisis v2 cannot be read: byte 0xe9 is not UTF-8.*\(line \d+"):
        ws.text(PATHWAY_ID)
    with pytest.raises(StoreError, match="crisis v2 cannot be read as a pathway"):
        ws.pathway(PATHWAY_ID)
    assert ws.text(PATHWAY_ID, "v1") == SAMPLE  # the versions before it are whole
    assert {lin.key for lin in ws.blame(PATHWAY_ID)} >= {"triage", "home-treatment"}  # as they came


def test_a_save_on_top_of_it_is_kept_and_a_stale_one_is_refused_in_words(ws: Workspace) -> None:
    fixed = edit(SAMPLE, "label: Home treatment", "label: Home treatment (café)")
    saved = ws.save(fixed, author="Amina Khan", organisation="Ryedale Mind", rationale="Save as UTF-8",
                    base="v2")
    assert saved.status == "saved" and ws.text(PATHWAY_ID) == fixed
    # based on v2, the unreadable one, while v3 was saved: the merge cannot read v2
    other = edit(SAMPLE, "label: Triage", "label: Triage at once")
    stale = ws.save(other, author="Bob Lee", organisation="ICB", rationale="Sooner", base="v2")
    assert stale.status == "refused" and "a version cannot be read" in stale.message
    assert [f.rule for f in stale.findings] == ["not-utf8"]


def test_files_of_pathways_named_otherwise_are_left_alone_and_kept(tmp_path: Path) -> None:
    """Files put in `pathways/` by other means, named as no pathway can be (a space; bytes that are
    not UTF-8): the workspace lists no such pathway (they stopped the list of pathways and
    `history`), and keeps them byte for byte in every version it writes."""
    ws = new_workspace(tmp_path)
    (ws.root / "pathways" / "Bad Name.yaml").write_text(SAMPLE, encoding="utf-8")
    with open(os.fsencode(ws.root / "pathways") + b"/caf\xe9.yaml", "wb") as odd:
        odd.write(b"not a pathway\n")
    git(ws.root, "add", "-A")
    git(ws.root, "commit", "-q", "-m", "Odd names")
    before = git(ws.root, "ls-tree", "HEAD", "pathways/")
    fresh = Workspace(ws.root)
    assert fresh.pathway_ids() == [PATHWAY_ID]
    assert [e.id for e in fresh.catalogue()] == [PATHWAY_ID]
    assert {v.pathway for v in fresh.history()} == {PATHWAY_ID}
    saved = fresh.save(edit(SAMPLE, "label: Triage", "label: Triage at once"), author="Amina Khan",
                       organisation="Ryedale Mind", rationale="Sooner", base="latest")
    assert saved.status == "saved"
    after = git(ws.root, "ls-tree", "HEAD", "pathways/")
    odd_lines = [line for line in before.splitlines() if PATH not in line]
    assert len(odd_lines) == 2 and all(line in after.splitlines() for line in odd_lines)


def test_blame_of_a_pathway_no_version_of_which_reads_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = new_workspace(tmp_path)
    (ws.root / "pathways" / "east.yaml").write_bytes(LATIN1.replace(b"id: crisis", b"id: east"))
    git(ws.root, "add", "-A")
    git(ws.root, "commit", "-q", "-m", "East, from an old editor")
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(ws.root))
    assert main(["blame", "pathways/east.yaml"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "no story to tell: no version of it reads as a pathway\n"
