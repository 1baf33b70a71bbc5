"""A base in another repository: the national pathway in its own workspace, the rural workspace
holding it as a git remote, fetched with the real `git fetch`."""

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

from pathway_designer.store import Workspace


def test_adapt_and_upstream_from_a_fetched_remote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    national = national_workspace(tmp_path, "national")
    rural = Workspace.init(tmp_path / "rural", seed=[])
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(rural.root))
    status, _, err = run(capsys, "adapt", "national:crisis-national", "crisis-rural", *WHO)
    assert status == 2 and "git fetch national" in err  # not fetched yet: what to do
    git(rural.root, "remote", "add", "national", str(national.root))
    git(rural.root, "fetch", "-q", "national")
    status, _, err = run(capsys, "adapt", "national:crisis-national", "crisis-rural", *WHO)
    assert status == 0, err
    adapted = rural.pathway("crisis-rural")
    tip = git(national.root, "rev-parse", "HEAD").strip()
    assert (adapted.base_repository, adapted.base_version) == ("national", tip)
    adapt_rurally(rural, rural.text("crisis-rural"))

    latest = change_nationally(national, NATIONAL)
    status, out, _ = run(capsys, "upstream", "crisis-rural", "--format", "json")
    assert json.loads(out)["changes"] == []  # the rural workspace has not fetched it yet
    git(rural.root, "fetch", "-q", "national")
    status, out, _ = run(capsys, "upstream", "crisis-rural", "--format", "json")
    report = json.loads(out)
    assert report["latest"] == latest and report["base"]["repository"] == "national"
    marked = {(c["key"], c["local"]) for c in report["changes"]}
    assert marked == {("first-contact", "kept"), ("triage", "changed")}
    status, _, err = run(capsys, "upstream", "crisis-rural", "--bring-in", "--prefer", "theirs", *WHO)
    assert status == 0, err
    brought = rural.pathway("crisis-rural")
    assert {s.id: s.wait for s in brought.steps}["triage"] == "2h"
    assert brought.base_version == latest and brought.base_repository == "national"
    assert git(rural.root, "log", "-1", "--format=%(trailers:key=Upstream,valueonly)").strip() == (
        f"crisis-national@{latest}"
    )
    assert git(rural.root, "fsck", "--no-progress") == ""
