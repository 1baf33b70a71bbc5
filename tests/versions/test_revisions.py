"""Any git revision where a command takes a version (`diff crisis HEAD~1`, `show --at main~2`),
checked against what `git rev-parse` says the revision is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dulwich.repo import Repo
from store_helpers import SAMPLE, edit, git, new_workspace

from pathway_designer.cli.main import main
from pathway_designer.store import UnknownVersion, Workspace
from pathway_designer.store.revisions import resolve_revision

WHO = {"author": "Amina Khan", "organisation": "Ryedale Mind"}


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A workspace with three versions of `crisis` (waits 4h, 2h, 1h), a tag and a side branch."""
    workspace = new_workspace(tmp_path)
    text = SAMPLE
    for wait in ("2h", "1h"):
        base = workspace.latest("crisis")
        assert base is not None
        new = edit(text, "wait: 4h" if text == SAMPLE else "wait: 2h", f"wait: {wait}")
        assert workspace.save(new, **WHO, rationale=f"wait {wait}", base=base.commit).status == "saved"
        text = new
    git(workspace.root, "tag", "-a", "agreed", "-m", "Agreed at the workshop", "HEAD~1")
    git(workspace.root, "tag", "light", "HEAD~2")
    git(workspace.root, "branch", "side", "HEAD~1")
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(workspace.root))
    return workspace


SPECS = ["HEAD", "@", "HEAD~1", "HEAD~2", "HEAD^", "HEAD^^", "@~1", "HEAD~0", "HEAD^0",
         "HEAD^{commit}", "agreed", "agreed^{commit}", "light", "side", "side~1", "main"]


def test_revisions_are_what_git_says(ws: Workspace) -> None:
    branch = git(ws.root, "symbolic-ref", "--short", "HEAD").strip()
    repo = Repo(str(ws.root))
    for spec in [s.replace("main", branch) for s in SPECS] + [git(ws.root, "rev-parse", "HEAD")[:9]]:
        expected = git(ws.root, "rev-parse", "--verify", f"{spec}^{{commit}}").strip()
        assert resolve_revision(repo, spec) == expected, spec
    for spec in ("HEAD~9", "nope", "HEAD@{1}", ":/wait", "HEAD..side", "", "~1"):
        with pytest.raises(UnknownVersion):
            resolve_revision(repo, spec)
    repo.close()


def test_diff_show_and_restore_take_git_revisions(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "crisis", "HEAD~2", "HEAD~1"]) == 0
    assert capsys.readouterr().out.strip() == "~ step 'triage': wait changed from '4h' to '2h'"
    assert main(["diff", "crisis", "agreed", "HEAD"]) == 0
    assert capsys.readouterr().out.strip() == "~ step 'triage': wait changed from '2h' to '1h'"
    assert main(["show", "crisis", "--at", "light"]) == 0
    assert "wait: 4h" in capsys.readouterr().out
    assert main(["restore", "crisis", "side", "--author", "Bob", "--organisation", "ICB", "-m", "back"]) == 0
    assert "restored v2 of crisis" in capsys.readouterr().out
    assert main(["diff", "crisis", "HEAD~1", "nope"]) == 2
    assert "is not a version of crisis" in capsys.readouterr().err


def test_a_save_based_on_a_git_revision(ws: Workspace) -> None:
    text = edit(SAMPLE, "label: Crisis café", "label: Crisis café in Malton")  # from v1, HEAD~2
    result = ws.save(text, **WHO, rationale="café name", base="HEAD~2")
    assert result.status == "merged" or result.status == "saved", result
    latest = ws.pathway("crisis")
    assert latest.step("cafe").label == "Crisis café in Malton"  # type: ignore[union-attr]
    assert latest.step("triage").wait == "1h"  # type: ignore[union-attr]  # merged with what came since
    assert os.environ["PATHWAY_WORKSPACE"] == str(ws.root)
