"""Like git: the workspace is the repository of pathways the command runs in, and the person is
who git's configuration says (name, email), with their organisation from the environment or config."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import PATH, SAMPLE, edit, git, new_workspace

from pathway_designer.cli.main import main
from pathway_designer.store import Workspace


@pytest.fixture(autouse=True)
def _no_personal_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody's own ~/.gitconfig or environment leaks in."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("PATHWAY_WORKSPACE", "PATHWAY_ORGANISATION", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_history_inside_a_repository_of_pathways_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = new_workspace(tmp_path)
    (ws.root / "pathways" / "notes").mkdir()
    monkeypatch.chdir(ws.root / "pathways" / "notes")  # deep inside, as git finds its repository
    status, out, err = run(capsys, "history")
    assert (status, err) == (0, "") and out.startswith("crisis     v1")
    assert not (ws.root / "pathways" / "notes" / "workspace").exists()


def test_outside_any_repository_it_creates_workspace_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "history")
    assert status == 0 and (tmp_path / "workspace" / ".git").exists() and out
    assert err.startswith("not in a git repository of pathways: created a new workspace in")
    status, _, err = run(capsys, "history")
    assert (status, err) == (0, "")  # the second time it is simply used


def test_inside_a_repository_without_pathways_nothing_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "someone-elses-code"
    repo.mkdir()
    git(repo, "init", "-q")
    monkeypatch.chdir(repo)
    status, _, err = run(capsys, "history")
    assert status == 2 and "no pathways/ folder" in err
    assert not (repo / "workspace").exists()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = new_workspace(tmp_path)
    git(workspace.root, "config", "user.name", "Amina Khan")
    git(workspace.root, "config", "user.email", "amina.khan@ryedalemind.example")
    monkeypatch.chdir(workspace.root)
    return workspace


def _edit(ws: Workspace, wait: str) -> None:
    (ws.root / PATH).write_text(edit(SAMPLE, "wait: 4h", f"wait: {wait}"), encoding="utf-8")


def test_save_without_author_is_gits_user_with_email(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(ws, "2h")
    monkeypatch.setenv("PATHWAY_ORGANISATION", "Ryedale Mind")
    status, out, err = run(capsys, "save", PATH, "-m", "Triage within 2 hours")
    assert (status, out.strip()) == (0, "saved v2 of crisis"), err
    who = git(ws.root, "log", "-1", "--format=%an <%ae>").strip()
    assert who == "Amina Khan <amina.khan@ryedalemind.example>"
    assert "Organisation: Ryedale Mind" in git(ws.root, "log", "-1", "--format=%B")


def test_the_organisation_from_git_config_and_the_environment_first(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    git(ws.root, "config", "pathway.organisation", "North Yorkshire ICB")
    _edit(ws, "2h")
    assert run(capsys, "save", PATH, "-m", "two")[0] == 0
    assert "Organisation: North Yorkshire ICB" in git(ws.root, "log", "-1", "--format=%B")
    monkeypatch.setenv("PATHWAY_ORGANISATION", "Ryedale Mind")
    _edit(ws, "1h")
    assert run(capsys, "save", PATH, "-m", "three")[0] == 0
    assert "Organisation: Ryedale Mind" in git(ws.root, "log", "-1", "--format=%B")
    _edit(ws, "3h")
    assert run(capsys, "save", PATH, "-m", "four", "--organisation", "Vale Trust", "--author", "Bob")[0] == 0
    assert git(ws.root, "log", "-1", "--format=%an <%ae>").strip() == "Bob <>"  # not Amina's email
    assert "Organisation: Vale Trust" in git(ws.root, "log", "-1", "--format=%B")


def test_no_organisation_known_is_a_clear_message(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(ws, "2h")
    status, _, err = run(capsys, "save", PATH, "-m", "two")
    assert status == 2 and "--organisation ORG" in err and "PATHWAY_ORGANISATION" in err
    assert "git config pathway.organisation" in err and len(git(ws.root, "log", "--format=%H").split()) == 1


def test_no_name_known_is_a_clear_message(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    git(ws.root, "config", "--unset", "user.name")
    _edit(ws, "2h")
    status, _, err = run(capsys, "save", PATH, "-m", "two", "--organisation", "ICB")
    assert status == 2 and "--author NAME" in err and "user.name" in err
