"""The one save rule: errors are allowed only in a draft (used by save, sync and the app)."""

from __future__ import annotations

import pytest
from app_helpers import SMALL

from pathway_designer import load_text
from pathway_designer.checks.saving import blocking_findings, blocks_saving
from pathway_designer.finding import Finding, Severity
from pathway_designer.store import Workspace


def finding(severity: Severity) -> Finding:
    return Finding(rule="test", severity=severity, message="x")


@pytest.mark.parametrize("status", ["draft", "in-review", "agreed", "live", "retired"])
def test_errors_block_every_status_but_draft(status: str):
    pathway = load_text(SMALL.replace("status: draft", f"status: {status}"))
    assert pathway.status.value == status
    error, warning = finding(Severity.ERROR), finding(Severity.WARNING)
    assert blocks_saving(pathway, [warning, error]) is (status != "draft")
    assert blocking_findings(pathway, [warning, error]) == ([] if status == "draft" else [error])
    assert not blocks_saving(pathway, [warning, finding(Severity.INFO)])


def test_the_store_refuses_what_the_rule_blocks_and_saves_a_draft(tmp_path):
    broken = SMALL.replace("owner: ageuk", "owner: nobody")
    ws = Workspace.init(tmp_path / "ws")
    try:
        result = ws.save(broken.replace("status: draft", "status: in-review"), author="A", organisation=None,
                         rationale="try", base=None)
        assert result.status == "refused" and blocks_saving(load_text(broken.replace(
            "status: draft", "status: in-review")), result.findings)
        saved = ws.save(broken, author="A", organisation=None, rationale="work in progress", base=None)
        assert saved.ok and "as a draft with" in saved.message
    finally:
        ws.close()
