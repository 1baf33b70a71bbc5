"""The scripted localisation (issue 15): adapt, upstream, bring-in, the local view, through the
command line as a person runs it, with the commits and trailers checked by the real `git`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from localisation_helpers import (
    NATIONAL,
    WHO,
    adapt_rurally,
    change_nationally,
    git,
    national_workspace,
    run,
)

from pathway_designer.localisation.local_view import local_view
from pathway_designer.store import Workspace


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = national_workspace(tmp_path)
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(workspace.root))
    return workspace


def _adapted(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> str:
    status, _, err = run(capsys, "adapt", "crisis-national", "crisis-rural", "--title",
                           "Adult crisis pathway (Ryedale)", *WHO)
    assert status == 0, err
    return adapt_rurally(ws, ws.text("crisis-rural"))


def test_adapt_records_the_base_version_and_says_so_in_git(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    national = ws.latest("crisis-national")
    assert national is not None
    status, _, err = run(capsys, "adapt", "crisis-national", "crisis-rural", *WHO)
    assert status == 0, err
    rural = ws.pathway("crisis-rural")
    assert (rural.base_id, rural.base_version, rural.base_repository) == (
        "crisis-national", national.commit, None
    )
    assert rural.title == "Adult crisis pathway (national) (local)" and rural.status.value == "draft"
    assert [s.id for s in rural.steps] == [s.id for s in ws.pathway("crisis-national").steps]
    head = git(ws.root, "rev-parse", "HEAD").strip()
    upstream = git(ws.root, "log", "-1", "--format=%(trailers:key=Upstream,valueonly)", head).strip()
    assert upstream == f"crisis-national@{national.commit}"
    assert "based-on:\n  pathway: crisis-national\n  version: " + national.commit in ws.text("crisis-rural")
    # The id is taken now: a clear refusal, not a second pathway.
    status, _, err = run(capsys, "adapt", "crisis-national", "crisis-rural", *WHO)
    assert status == 2 and "already a pathway 'crisis-rural'" in err


@pytest.mark.parametrize(
    ("new_id", "title", "said"),
    [
        ("Crisis Rural!", None, "'Crisis Rural!' cannot be a pathway id: use lower-case letters"),
        ("", None, "'' cannot be a pathway id"),
        ("x" * 65, None, "at most 64 characters"),
        ("../../etc", None, "cannot be a pathway id"),
        ("crisis-rural", "Rural\ncrisis", "the title must be one line of plain text: it contains a line"),
        ("crisis-rural", "Rural \x1b[2J crisis", "it contains a control character (U+001B)"),
    ],
)
def test_adapt_refuses_an_id_or_title_it_cannot_keep_in_plain_words(
    ws: Workspace, capsys: pytest.CaptureFixture[str], new_id: str, title: str | None, said: str
) -> None:
    before = git(ws.root, "rev-parse", "HEAD")
    titled = ["--title", title] if title else []
    status, _, err = run(capsys, "adapt", "crisis-national", new_id, *titled, *WHO)
    assert status == 2 and said in err, err
    assert "validation error" not in err and "pydantic" not in err and "\x1b" not in err
    assert git(ws.root, "rev-parse", "HEAD") == before  # nothing saved


def test_adapt_with_a_blank_title_takes_the_base_title(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "adapt", "crisis-national", "crisis-rural", "--title", "   ", *WHO)
    assert status == 0, err
    assert ws.pathway("crisis-rural").title == "Adult crisis pathway (national) (local)"


def test_upstream_marks_each_change_by_what_the_rural_pathway_did(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _adapted(ws, capsys)
    status, out, _ = run(capsys, "upstream", "crisis-rural")
    assert (status, out.strip()) == (
        0, "The base pathway “Adult crisis pathway (national)” has not changed since you adapted it."
    )
    latest = change_nationally(ws, NATIONAL)
    status, out, _ = run(capsys, "upstream", "pathways/crisis-rural.yaml", "--format", "json")
    report = json.loads(out)
    assert status == 0 and report["version"] == 1 and report["latest"] == latest and report["known"]
    assert report["adapted"] == ws.version("crisis-national", "v1").commit
    marked = {(c["key"], c["field"]): (c["local"], c["meets"]) for c in report["changes"]}
    assert marked == {("first-contact", "wait"): ("kept", False), ("triage", "wait"): ("changed", True)}
    status, out, _ = run(capsys, "upstream", "crisis-rural")
    lines = out.strip().splitlines()
    assert lines[0] == (
        "The base pathway “Adult crisis pathway (national)” changed since you adapted it: 2 changes, "
        "1 touches steps you kept; 1 change meets one of yours."
    )
    assert "“Help sought in a crisis”: 1 hour → 30 minutes (you kept it as it was)" in lines[1]
    assert "“Crisis team triage”: 4 hours → 2 hours (you changed it; it meets" in lines[2]
    assert "first-contact" not in out and "home-team" not in out  # labels, never ids


def test_bring_in_takes_the_kept_change_and_raises_the_other_as_a_conflict(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _adapted(ws, capsys)
    national_now = change_nationally(ws, NATIONAL)
    before = git(ws.root, "rev-parse", "HEAD").strip()
    status, out, err = run(capsys, "upstream", "crisis-rural", "--bring-in", "-m", "National times", *WHO)
    assert status == 1 and out == ""
    said = "The wait to start of the step “Crisis team triage”: yours 8 hours, the base's 2 hours"
    assert said in err
    assert git(ws.root, "rev-parse", "HEAD").strip() == before  # nothing overwritten
    # The partners choose to keep their own wait; the kept step's change comes in.
    status, out, err = run(capsys, "upstream", "crisis-rural", "--bring-in", "--prefer", "ours",
                           "-m", "National times\n\nUpstream: forged@0000000", *WHO)
    assert status == 0, err
    rural = ws.pathway("crisis-rural")
    waits = {s.id: s.wait for s in rural.steps}
    assert (waits["first-contact"], waits["triage"]) == ("30m", "8h")
    assert rural.base_version == national_now
    head = git(ws.root, "rev-parse", "HEAD").strip()
    assert git(ws.root, "log", "-1", "--format=%(trailers:key=Upstream,valueonly)", head).split() == [
        f"crisis-national@{national_now}"
    ]  # the rationale's own "Upstream:" line is rationale, not a trailer
    assert git(ws.root, "log", "-1", "--format=%s", head).strip() == "National times"
    status, out, _ = run(capsys, "upstream", "crisis-rural")
    assert "has not changed since you adapted it" in out


def test_the_local_view_marks_exactly_the_local_differences(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _adapted(ws, capsys)
    change_nationally(ws, NATIONAL)  # against the version adapted, not the base's latest
    view = local_view(ws, ws.pathway("crisis-rural"))
    assert view.known and view.marks == {"triage": "changed", "cafe": "changed", "video-triage": "added"}
    assert view.view.transition_marks == {("first-contact", "video-triage"): "added"}
    drawn = str(ws.file("crisis-rural"))
    status, local, err = run(capsys, "render", drawn, "--against-base", "-f", "dot", "-o", "-")
    assert status == 0, err
    status, plain, _ = run(capsys, "render", drawn, "-f", "dot", "-o", "-")
    assert status == 0 and local != plain
    marked = [line for line in local.splitlines() if "changed" in line or "added" in line]
    assert any("Safe haven in Malton" in line for line in marked)
    assert any("Video triage" in line for line in marked)
    assert not any("Home treatment team" in line for line in marked)


def test_a_bare_id_is_an_unknown_version_until_pinned(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _adapted(ws, capsys)
    text = ws.text("crisis-rural")
    start = text.index("based-on:")
    end = text.index("organisations:")
    bare = text[:start] + "based-on: crisis-national\n" + text[end:]
    ws.save(bare, author="Amina Khan", organisation="Ryedale Mind", rationale="Old style",
            base=ws.latest("crisis-rural").commit)  # type: ignore[union-attr]
    status, out, err = run(capsys, "upstream", "crisis-rural")
    assert status == 0 and "which version you adapted is not recorded" in out
    assert "--pin VERSION" in err
    status, _, err = run(capsys, "upstream", "crisis-rural", "--bring-in", *WHO)
    assert status == 2 and "--pin" in err
    status, _, err = run(capsys, "upstream", "crisis-national")
    assert status == 2 and "based on no other pathway" in err
    status, _, err = run(capsys, "upstream", "crisis-rural", "--pin", "v1", *WHO)
    assert status == 0, err
    assert ws.pathway("crisis-rural").base_version == ws.version("crisis-national", "v1").commit


def test_compare_against_the_base_version_adapted(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _adapted(ws, capsys)
    change_nationally(ws, NATIONAL)
    local = str(ws.file("crisis-rural"))
    status, out, err = run(capsys, "compare", local, "--against-base", "--format", "json")
    assert status == 0, err
    report = json.loads(out)
    assert (report["a"], report["b"]) == ("crisis-rural", "crisis-national")
    assert [s["id"] if isinstance(s, dict) else s for s in report["only_a"]] == ["video-triage"]
    status, _, err = run(capsys, "compare", str(ws.file("crisis-rural")))
    assert status == 2 and "--against-base" in err
    for fmt in ("json", "text"):  # analyse against the base: the same measures, side by side
        compared = run(capsys, "compare", local, "--against-base", "--format", fmt)
        analysed = run(capsys, "analyse", local, "--against-base", "--format", fmt)
        assert analysed == compared and analysed[0] == 0


def test_every_json_output_carries_the_shape_version(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "adapt", "crisis-national", "crisis-rural", "--format", "json", *WHO)
    made = json.loads(out)
    assert status == 0 and made["version"] == 1 and made["saved"]["pathway"] == "crisis-rural"
    change_nationally(ws, NATIONAL)
    for argv in (["upstream", "crisis-rural", "--format", "json"], ["twins", "--format", "json"],
                 ["upstream", "crisis-rural", "--bring-in", "--format", "json", *WHO],
                 ["upstream", "crisis-rural", "--pin", "v1", "--format", "json", *WHO]):
        _, out, _ = run(capsys, *argv)
        assert json.loads(out)["version"] == 1, argv
    _, out, _ = run(capsys, "upstream", "crisis-rural", "--bring-in", "--format", "json", *WHO)
    assert json.loads(out)["status"] == "brought-in" and json.loads(out)["saved"]["status"] == "saved"
