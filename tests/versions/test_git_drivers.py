"""`setup-git` and the drivers git runs: plain `git merge`, `git rebase`, `git diff` and `git log -p`
on pathway files, by meaning. Everything through the real git CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import GIT_ENV, PATH, SAMPLE, edit, git

from pathway_designer.checks.validation import check_text
from pathway_designer.cli.main import main
from pathway_designer.format.loading import load_text
from pathway_designer.format.reading import MAX_BYTES

TRIAGE = "    owner: trust\n    wait: 4h\n"


def _git_status(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=GIT_ENV, check=False)


def _commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def _branches(root: Path, ours: str, theirs: str) -> None:
    """main with SAMPLE; branch `ours` and branch `theirs` each with one edit of it."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "pathways").mkdir()
    (root / PATH).write_text(SAMPLE, encoding="utf-8")
    _commit_all(root, "first")
    for branch, text in (("theirs", theirs), ("ours", ours)):
        git(root, "checkout", "-q", "-b", branch, "main")
        (root / PATH).write_text(text, encoding="utf-8")
        _commit_all(root, f"edit on {branch}")


def _setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    assert main(["setup-git"]) == 0


# Two edits of one step on neighbouring lines: a new wait, and a duration added just below it.
OURS = edit(SAMPLE, TRIAGE, "    owner: trust\n    wait: 2h\n")
THEIRS = edit(SAMPLE, TRIAGE, TRIAGE + "    duration: 30m\n")


def test_neighbouring_edits_conflict_by_lines_and_merge_by_meaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    _branches(root, OURS, THEIRS)
    plain = _git_status(root, "merge", "--no-edit", "theirs")
    assert plain.returncode == 1 and "CONFLICT" in plain.stdout  # git alone: the lines touch
    git(root, "merge", "--abort")

    _setup(root, monkeypatch)
    merged = _git_status(root, "merge", "--no-edit", "theirs")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    triage = load_text((root / PATH).read_text(encoding="utf-8")).step("triage")
    assert triage is not None and (triage.wait, triage.duration) == ("2h", "30m")  # both edits
    assert git(root, "status", "--porcelain", "--untracked-files=no") == ""
    assert len(git(root, "log", "-1", "--format=%P").split()) == 2  # a real merge commit


def test_a_rebase_merges_by_meaning_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    _branches(root, OURS, THEIRS)
    _setup(root, monkeypatch)
    rebased = _git_status(root, "rebase", "theirs")
    assert rebased.returncode == 0, rebased.stdout + rebased.stderr
    triage = load_text((root / PATH).read_text(encoding="utf-8")).step("triage")
    assert triage is not None and (triage.wait, triage.duration) == ("2h", "30m")


def test_a_true_conflict_exits_1_and_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    ours = edit(OURS, "label: Crisis café", "label: Crisis café in Malton")  # not in conflict
    theirs = edit(SAMPLE, TRIAGE, "    owner: trust\n    wait: 6h\n")
    _branches(root, ours, theirs)
    _setup(root, monkeypatch)
    merging = _git_status(root, "merge", "--no-edit", "theirs")
    assert merging.returncode == 1 and "CONFLICT" in merging.stdout
    text = (root / PATH).read_text(encoding="utf-8")
    assert "<<<<<<< ours\n    wait: 2h\n=======\n    wait: 6h\n>>>>>>> theirs\n" in text
    assert "label: Crisis café in Malton" in text  # what did not conflict is merged once
    assert text.count("<<<<<<<") == 1
    check = check_text(text, PATH)
    marker_line = text[: text.index("<<<")].count("\n") + 1
    assert [(f.rule, f.line) for f in check.findings] == [("merge-conflict", marker_line)]
    assert git(root, "show", f":2:{PATH}") == ours  # git's index still holds both whole sides
    assert git(root, "show", f":3:{PATH}") == theirs
    assert "U" in git(root, "status", "--porcelain")[:2]


def test_git_diff_and_log_show_the_change_by_meaning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    _branches(root, OURS, THEIRS)
    _setup(root, monkeypatch)
    git(root, "checkout", "-q", "main")
    (root / PATH).write_text(edit(SAMPLE, "wait: 4h", "wait: 1d"), encoding="utf-8")
    shown = git(root, "diff")
    assert f"diff --pathway a/{PATH} b/{PATH}" in shown
    assert "~ step 'triage': wait changed from '4h' to '1d'" in shown
    logged = git(root, "log", "-p", "-1", "ours", "--", PATH)
    assert "-steps[triage].wait: 4h\n+steps[triage].wait: 2h\n" in logged
    assert "label" not in "".join(line for line in logged.splitlines() if line[:1] in "+-")


def test_setup_git_keeps_existing_lines_and_names_this_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / ".gitattributes").write_text("*.png binary\r\n*.sh text eol=lf", encoding="utf-8")
    assert main(["setup-git", str(root)]) == 0
    assert main(["setup-git", str(root)]) == 0  # again: nothing twice
    assert (root / ".gitattributes").read_bytes() == (
        b"*.png binary\r\n*.sh text eol=lf\n"
        b"pathways/*.yaml merge=pathway diff=pathway\npathways/*.yml merge=pathway diff=pathway\n"
    )
    driver = git(root, "config", "merge.pathway.driver").strip()
    assert driver.startswith(sys.executable) and driver.endswith("merge-driver %O %A %B %P")
    assert git(root, "check-attr", "merge", "diff", "--", "pathways/x.yaml").splitlines() == [
        "pathways/x.yaml: merge: pathway", "pathways/x.yaml: diff: pathway"
    ]
    capsys.readouterr()
    assert main(["setup-git", str(tmp_path / "nowhere")]) == 2
    assert "not in a git repository" in capsys.readouterr().err


def test_init_sets_up_git_for_the_new_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "new")]) == 0
    root = tmp_path / "new"
    assert "merge-driver" in git(root, "config", "merge.pathway.driver")
    assert "pathways/*.yaml merge=pathway diff=pathway" in (root / ".gitattributes").read_text("utf-8")


# The drivers by hand, on files git would never give them ------------------------------------------


def _driver(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, stopped if it reads without end (as /dev/zero did)."""
    return subprocess.run([sys.executable, "-m", "pathway_designer", *argv], capture_output=True,
                          text=True, timeout=60, check=False)


def test_textconv_refuses_what_is_not_a_file_and_shows_a_huge_one_as_it_is(tmp_path: Path) -> None:
    device = _driver("textconv", "/dev/zero")
    assert device.returncode == 2 and "it is a device, not a regular file" in device.stderr
    missing = _driver("textconv", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2 and "No such file" in missing.stderr
    assert "Traceback" not in device.stderr + missing.stderr
    huge = tmp_path / "huge.yaml"
    huge.write_text(SAMPLE + "#" * (MAX_BYTES + 10) + "\n", encoding="utf-8")
    shown = _driver("textconv", str(huge))
    assert shown.returncode == 0 and shown.stdout == huge.read_text(encoding="utf-8")


def test_a_merge_with_a_side_past_the_limit_is_a_conflict_and_ours_is_kept_whole(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / name for name in ("base.yaml", "ours.yaml", "theirs.yaml"))
    base.write_text(SAMPLE, encoding="utf-8")
    ours_text = OURS + "# " + "x" * (MAX_BYTES + 10) + "\n"
    ours.write_text(ours_text, encoding="utf-8")
    theirs.write_text(THEIRS, encoding="utf-8")
    merged = _driver("merge-driver", str(base), str(ours), str(theirs), PATH)
    assert merged.returncode == 1 and "not merged, merge it by hand" in merged.stderr
    assert ours.read_text(encoding="utf-8") == ours_text  # it used to be cut at the limit
    ours.write_text(OURS, encoding="utf-8")
    fifo = tmp_path / "base.fifo"
    os.mkfifo(fifo)
    refused = _driver("merge-driver", str(fifo), str(ours), str(theirs), PATH)
    assert refused.returncode == 1 and "it is a pipe (FIFO)" in refused.stderr
    assert ours.read_text(encoding="utf-8") == OURS


def test_the_diff_driver_says_why_a_side_is_not_shown(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(SAMPLE, encoding="utf-8")
    shown = _driver("diff-driver", PATH, "/dev/zero", "0" * 40, "100644", str(new), "0" * 40, "100644")
    assert shown.returncode == 0
    assert shown.stdout == (f"diff --pathway a/{PATH} b/{PATH}\nnot shown by meaning: /dev/zero: it is a "
                            "device, not a regular file; name a pathway file\n")
    added = _driver("diff-driver", PATH, "/dev/null", "0" * 40, "100644", str(new), "0" * 40, "100644")
    assert added.returncode == 0 and "new pathway:" in added.stdout
