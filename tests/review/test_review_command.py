"""`review BASE [HEAD]` on a scripted pull request: one pathway added, one edited, one renamed.

The repository is real git; the files the review covers are checked against `git diff --name-status
-M` itself, and main moving on after the branch began must not show in the branch's review.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from review_helpers import commit, example, new_repository, run_git, write

from pathway_designer.cli.main import main
from pathway_designer.format.canonical import dump
from pathway_designer.format.loading import load_text
from pathway_designer.partnership.signoff import sign_off
from pathway_designer.review.markdown import MARKER

RURAL = "pathways/adult-crisis-rural.yaml"
DEMENTIA = "pathways/dementia-diagnosis-support.yaml"
MOVED = "pathways/memory/dementia-diagnosis-support.yaml"
URBAN = "pathways/adult-crisis-urban.yaml"
THERAPIES = "pathways/talking-therapies-stepped-care.yaml"
TRIAGE = "Telephone or video triage by the crisis line and clinical response priority"


def _signed(text: str) -> str:
    """The rural pathway signed by its commissioner: current at the base, stale once edited."""
    pathway = load_text(text, RURAL)
    return dump(sign_off(pathway, "icb", "Dr Ada Lovelace", role="Director", today=dt.date(2026, 11, 1)))


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repository(tmp_path / "repo", {
        RURAL: _signed(example("adult-crisis-rural")),
        DEMENTIA: example("dementia-diagnosis-support"),
        THERAPIES: example("talking-therapies-stepped-care"),
        "README.md": "Pathways of the area\n",
        ".github/workflows/ci.yml": "on: pull_request\nsteps: []\n",
    })
    run_git(root, "checkout", "-q", "-b", "crisis-cafe")
    rural = (root / RURAL).read_text(encoding="utf-8")
    write(root, {
        RURAL: rural.replace(f"label: {TRIAGE}", "label: Triage by phone or video, day and night")
        .replace("    wait: 1h\n    duration: 45m", "    wait: 30m\n    duration: 45m", 1),
        URBAN: example("adult-crisis-urban"),
        "README.md": "Pathways of the area, reviewed\n",
    })
    run_git(root, "mv", DEMENTIA, MOVED) if (root / "pathways/memory").mkdir() is None else None
    commit(root, "A crisis café, and the memory pathways in their own folder")
    # main moves on after the branch began: not the branch's change, so not in its review
    run_git(root, "checkout", "-q", "main")
    therapies = (root / THERAPIES).read_text(encoding="utf-8")
    write(root, {THERAPIES: therapies.replace("title: ", "title: Revised ", 1)})
    commit(root, "Retitle the therapies pathway")
    run_git(root, "checkout", "-q", "crisis-cafe")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _marked(markdown: str, mark: str) -> set[str]:
    """The Mermaid nodes given the class of a mark (`class s_a,s_b changed`)."""
    found = re.findall(rf"^\s*class (\S+) {mark}$", markdown, re.MULTILINE)
    return {node for line in found for node in line.split(",")}


def _sections(markdown: str) -> list[str]:
    return re.findall(r"^#{2,4} .*$", markdown, re.MULTILINE)


def test_the_markdown_has_a_section_for_each_kind_of_change(
    pull_request: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "review", "main", "HEAD", "--format", "markdown")
    assert (status, err) == (0, "")
    assert out.startswith(MARKER + "\n## Pathway review\n")
    assert _sections(out) == [
        "## Pathway review",
        r"### Pathway changed: Adult mental health crisis pathway \(rural\)",
        "#### What changed",
        "#### Findings",  # the stale sign-off rule's warning is new
        "#### Measures that moved",
        "#### Sign-offs this change makes stale",
        r"### New pathway: Adult mental health crisis pathway \(urban\)",
        "#### Measures that moved",
        r"### Pathway moved: Dementia assessment\, diagnosis and post\-diagnostic support",
    ]
    files = re.split(r"^### ", out, flags=re.MULTILINE)
    edited = files[1]
    assert "Triage by phone or video, day and night" in edited.replace("\\", "")
    assert "- Changed the wait to start of the step" in edited
    assert "| Time on the quickest route | 1 hour 45 minutes | 1 hour 15 minutes |" in edited
    assert "- Dr Ada Lovelace for North Yorkshire Integrated Care Board signed the earlier" in edited
    assert edited.count("```mermaid") == 1
    assert _marked(edited, "changed") == {"s_triage"}
    added = files[2]
    assert "| Steps | none | 17 |" in added and added.count("```mermaid") == 1
    assert len(_marked(added, "added")) == 17  # every step of a new pathway is marked added
    moved = files[3]
    assert f"Moved from `{DEMENTIA}` to `{MOVED}`." in moved
    assert "No change in meaning" in moved and "```mermaid" not in moved
    # main's own later change (the therapies title) is not the branch's: not in the review
    assert "Revised" not in out and THERAPIES not in out and len(files) == 4


def test_the_files_reviewed_are_the_pathway_files_git_says_differ(
    pull_request: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fork = run_git(pull_request, "merge-base", "main", "HEAD").strip()
    listed = run_git(pull_request, "diff", "--name-status", "-M", fork, "HEAD").splitlines()
    pathways = sorted(line.split("\t")[-1] for line in listed if "pathways/" in line)
    status, out, _ = run(capsys, "review", "main", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["version"] == 1
    assert data["base_commit"] == fork
    assert data["head_commit"] == run_git(pull_request, "rev-parse", "HEAD").strip()
    assert sorted(f["new_path"] for f in data["files"]) == pathways  # README and the workflow left out
    by_status = {f["status"]: f for f in data["files"]}
    assert set(by_status) == {"added", "edited", "renamed"}
    assert by_status["renamed"]["old_path"] == DEMENTIA
    assert by_status["renamed"]["introduced"] == [] and by_status["renamed"]["changes"] == []
    assert [f["rule"] for f in by_status["edited"]["introduced"]] == ["stale-signoff"]
    edited = by_status["edited"]
    assert {(c["section"], c["key"], c["field"]) for c in edited["diff"]} >= {("steps", "triage", "label")}
    assert {m["key"] for m in edited["measures"]} == {"quickest"}


def test_any_revision_git_understands(pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sha = run_git(pull_request, "rev-parse", "main").strip()
    run_git(pull_request, "tag", "before-cafe", "HEAD~1")
    results = [run(capsys, "review", base, "crisis-cafe", "--format", "json")[1] for base in
               ("HEAD~1", "before-cafe", sha[:10], "main")]
    files = [[f["new_path"] for f in json.loads(r)["files"]] for r in results]
    assert files[0] == files[1] == files[2] == files[3] and len(files[0]) == 3
    status, out, _ = run(capsys, "review", "HEAD", "HEAD", "--format", "text")
    assert (status, out.strip()) == (0, "no pathway file changed")


@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD~99", "--output=x", ""])
def test_an_unknown_revision_is_a_usage_error(
    pull_request: Path, capsys: pytest.CaptureFixture[str], revision: str
) -> None:
    status, out, err = run(capsys, "review", "--", revision)
    assert status == 2 and out == "" and "is not a revision" in err and "Traceback" not in err
    assert not (pull_request / "x").exists()


def test_outside_a_repository_it_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "review", "main")
    assert status == 2 and "not inside a git repository" in err


def test_a_removed_pathway_and_text_output(pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(pull_request, {URBAN: None})
    commit(pull_request, "No urban twin after all")
    status, out, _ = run(capsys, "review", "HEAD~1", "--format", "text")
    assert status == 0
    assert out.splitlines()[2] == f"{URBAN}: Adult mental health crisis pathway (urban) (removed)"
    assert "  Steps: 17 -> none" in out


def test_a_version_that_is_not_utf8_is_the_finding_validate_gives(
    pull_request: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = example("adult-crisis-urban").replace("title: ", "title: Caf\u00e9 ", 1).encode("latin-1")
    (pull_request / URBAN).write_bytes(latin1)
    commit(pull_request, "Saved by an old editor")
    assert main(["validate", URBAN]) == 1
    validated = next(line for line in capsys.readouterr().out.splitlines() if "not-utf8" in line)
    status, out, _ = run(capsys, "review", "HEAD~1", "--format", "json")
    assert status == 0
    urban = next(f for f in json.loads(out)["files"] if f["new_path"] == URBAN)
    assert urban["unreadable"] == ["the new version"]  # not read as a pathway with é replaced
    assert [(f["rule"], f["line"], f["column"]) for f in urban["introduced"]] == [
        ("not-utf8", *map(int, validated.split(":")[1:3]))
    ]
