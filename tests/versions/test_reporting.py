"""One writer for a save's and a sync's result: the same lines and the same rule for findings."""

from __future__ import annotations

import json

from pathway_designer.changes.merge import Conflict
from pathway_designer.finding import Finding, Severity
from pathway_designer.store import SaveResult, SyncResult
from pathway_designer.store.reporting import result_json, result_lines

CONFLICT = Conflict("steps", "triage", "wait", "1h", "4h", "2d")
ERROR = Finding("missing-owner", Severity.ERROR, "no owner", file="crisis.yaml", line=3)
WARNING = Finding("long-wait", Severity.WARNING, "a long wait", file="crisis.yaml", line=9)
TOLD = "step 'triage': wait changed on both sides: ours '4h', theirs '2d' (was '1h')"


def test_a_refused_save_tells_its_conflicts_and_all_its_findings() -> None:
    result = SaveResult("conflict", "not saved", conflicts=[CONFLICT], findings=[ERROR, WARNING])
    assert result_lines(result) == [
        "not saved",
        f"  conflict: {TOLD}",
        f"  {ERROR}",
        f"  {WARNING}",
    ]


def test_a_save_that_went_through_tells_its_errors_only() -> None:
    result = SaveResult("saved", "saved v2 as a draft", findings=[WARNING, ERROR])
    assert result_lines(result) == ["saved v2 as a draft", f"  {ERROR}"]


def test_a_sync_tells_the_same_things_per_pathway() -> None:
    result = SyncResult(
        "conflict", "nothing synced", conflicts={"crisis": [CONFLICT]}, findings={"falls": [WARNING]}
    )
    assert result_lines(result) == ["nothing synced", f"  crisis: conflict: {TOLD}", f"  falls: {WARNING}"]


def test_a_clean_sync_is_its_message() -> None:
    assert result_lines(SyncResult("up-to-date", "already up to date")) == ["already up to date"]


def test_json_carries_each_conflict_with_its_description() -> None:
    save = result_json(SaveResult("conflict", "not saved", conflicts=[CONFLICT]))
    sync = result_json(SyncResult("conflict", "nothing synced", conflicts={"crisis": [CONFLICT]}))
    assert save["conflicts"] == sync["conflicts"]["crisis"]
    assert save["conflicts"][0] == {
        "section": "steps", "key": "triage", "field": "wait", "base": "1h", "ours": "4h",
        "theirs": "2d", "description": TOLD,
    }
    assert json.loads(json.dumps(sync)) == sync
