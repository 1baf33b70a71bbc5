"""analyse, signoff, status and compare through the CLI, in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from partnership_samples import BASE, RURAL, URBAN, edit

from pathway_designer import load
from pathway_designer.cli.main import main


@pytest.fixture
def memory(tmp_path: Path) -> Path:
    path = tmp_path / "memory.yaml"
    path.write_text(BASE, encoding="utf-8")
    return path


def test_signoff_then_edit_then_validate_reports_stale_signoff(
    memory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", str(memory), "agreed"]) == 1  # nobody has signed yet
    assert "needs a sign-off of its current content" in capsys.readouterr().err
    assert main(["signoff", str(memory), "--organisation", "icb", "--name", "Jane Smith",
                 "--role", "Head of Commissioning"]) == 0  # fmt: skip
    assert main(["signoff", str(memory), "--organisation", "trust", "--name", "Sam Jones"]) == 0
    assert main(["status", str(memory), "agreed"]) == 0
    assert main(["validate", str(memory)]) == 0
    capsys.readouterr()

    memory.write_text(edit(memory.read_text(), "wait: 6w", "wait: 10w"), encoding="utf-8")
    assert main(["validate", str(memory)]) == 1
    out = capsys.readouterr().out
    stale = [line for line in out.splitlines() if "stale-signoff" in line]
    assert len(stale) == 2
    assert all(": error stale-signoff:" in line for line in stale)
    assert "Jane Smith" in stale[0] and "Sam Jones" in stale[1]


def test_signoff_writes_the_file_in_canonical_form(memory: Path) -> None:
    assert main(["signoff", str(memory), "--organisation", "icb", "--name", "Jane Smith"]) == 0
    assert main(["fmt", "--check", str(memory)]) == 0
    (signoff,) = load(memory).signoffs
    assert (signoff.organisation, signoff.name, signoff.role) == ("icb", "Jane Smith", None)


def test_signoff_by_an_unknown_organisation_is_a_usage_error(
    memory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = memory.read_bytes()
    assert main(["signoff", str(memory), "--organisation", "nhse", "--name", "Jane Smith"]) == 2
    assert "“nhse” is not an organisation" in capsys.readouterr().err
    assert memory.read_bytes() == before


def test_signoff_takes_the_organisation_by_its_name_and_says_it(
    memory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    icb = load(memory).organisations[0]
    said = f"  {icb.name.upper()} "
    assert main(["signoff", str(memory), "--organisation", said, "--name", "Jane Smith"]) == 0
    assert capsys.readouterr().out.endswith(f"signed off by Jane Smith ({icb.name})\n")
    assert [s.organisation for s in load(memory).signoffs] == [icb.id]


def test_signoff_will_not_drop_comments(memory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    memory.write_text(edit(BASE, "steps:\n", "steps:\n  # the first contact\n"), encoding="utf-8")
    before = memory.read_bytes()
    assert main(["signoff", str(memory), "--organisation", "icb", "--name", "Jane Smith"]) == 2
    assert "comments on lines 19 would be lost" in capsys.readouterr().err
    assert memory.read_bytes() == before


def test_analyse_text_and_json(memory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", str(memory)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("memory: Memory assessment and support")
    assert "Routes from an entry to an exit: 2" in text
    assert main(["analyse", str(memory), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # referral 1d + assess 6w 2h + groups 7w = 13w 1d 2h; through home-support (12w): 18w 1d 2h.
    assert data["routes"]["quickest"]["time"] == "13 weeks 1 day 2 hours"
    assert data["routes"]["slowest"]["time"] == "18 weeks 1 day 2 hours"


def test_analyse_a_missing_file_is_a_usage_error_and_a_broken_one_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyse", str(tmp_path / "nowhere.yaml")]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: [\n")
    assert main(["analyse", str(broken)]) == 1
    assert "yaml-syntax" in capsys.readouterr().err


def test_compare_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "crisis-urban.yaml").write_text(URBAN)
    (tmp_path / "crisis-rural.yaml").write_text(RURAL)
    paths = [str(tmp_path / "crisis-urban.yaml"), str(tmp_path / "crisis-rural.yaml")]
    assert main(["compare", *paths]) == 0
    assert "Only in crisis-urban: 1" in capsys.readouterr().out
    assert main(["compare", *paths, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["marks"]["a"]["cafe"] == "removed"


def test_signoff_writes_through_a_symlinked_file_and_keeps_the_link(memory: Path) -> None:
    link = memory.parent / "linked.yaml"
    link.symlink_to(memory.name)
    assert main(["signoff", str(link), "--organisation", "icb", "--name", "Jane Smith"]) == 0
    assert link.is_symlink()
    assert [s.name for s in load(memory).signoffs] == ["Jane Smith"]


def test_status_follows_the_lifecycle_revision_and_retiring_need_a_reason(
    memory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["signoff", str(memory), "--organisation", "icb", "--name", "Jane Smith",
                 "--email", "jane@icb.nhs.uk"]) == 0  # fmt: skip
    assert main(["signoff", str(memory), "--organisation", "trust", "--name", "Sam Jones"]) == 0
    assert main(["status", str(memory), "agreed"]) == 0
    assert load(memory).signoffs[0].email == "jane@icb.nhs.uk"
    capsys.readouterr()
    assert main(["status", str(memory), "in-review"]) == 1  # a revision needs a reason
    assert "Please say why you want to start a revision" in capsys.readouterr().err
    assert main(["status", str(memory), "in-review", "--reason", "New clinic"]) == 0
    out = capsys.readouterr().out
    assert "to sign again: The Integrated Care Board, The Mental Health Trust" in out
    revised = load(memory)
    assert revised.status.value == "in-review" and revised.signoffs == []
    assert main(["status", str(memory), "retired", "--reason", "Replaced"]) == 0
    assert main(["status", str(memory), "draft"]) == 1
    err = capsys.readouterr().err
    assert "is retired" in err and "pathway-designer signoff" not in err


def test_one_person_signing_for_both_cannot_agree(memory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["signoff", str(memory), "--organisation", "icb", "--name", "Jane Smith"]) == 0
    assert main(["signoff", str(memory), "--organisation", "trust", "--name", "Jane Smith"]) == 0
    assert main(["status", str(memory), "agreed"]) == 1
    assert "different people" in capsys.readouterr().err
    assert load(memory).status.value == "draft"
