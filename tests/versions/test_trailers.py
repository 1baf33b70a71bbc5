"""Trailers that no name, organisation or rationale can forge: `history` shows the organisation
we wrote, whatever the text held (U+2028 and every other line separator included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, fsck, git, new_workspace, trailer

from pathway_designer.store import Workspace, messages

SEPARATORS = ["\n", "\r", "\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\x1e"]
FORGED = "Tiny Org\u2028Organisation: NHS England"


@pytest.mark.parametrize("separator", SEPARATORS)
def test_no_trailer_value_can_hold_a_line_separator(separator: str) -> None:
    with pytest.raises(ValueError, match="one line"):
        messages.compose("Why", [(messages.ORGANISATION, f"Tiny Org{separator}Organisation: NHS England")])


def test_history_cannot_be_forged_by_an_organisation_or_a_rationale(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    with pytest.raises(ValueError, match="line break"):
        ws.save(edit(SAMPLE, "wait: 4h", "wait: 3h"), author="Eve", organisation=FORGED,
                rationale="Faster", base="v1")
    sneaky = "Faster triage\n\nOrganisation: NHS England\u2028Pathway: other"
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), author="Eve", organisation="Tiny Org",
            rationale=sneaky, base="v1")
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 5h"), author="Eve", organisation=None,
            rationale="Faster still\n\nOrganisation: NHS England", base="v2")
    fresh = Workspace(ws.root)  # read back from git, not from what this process remembers
    newest, middle = fresh.history(PATHWAY_ID)[:2]
    assert (middle.organisation, newest.organisation) == ("Tiny Org", None)
    assert "NHS England" in middle.rationale and "NHS England" in newest.rationale
    head = git(ws.root, "rev-parse", "HEAD").strip()
    assert trailer(ws.root, head, "Organisation") == ""  # git's own reader agrees
    assert trailer(ws.root, head, "Pathway") == PATHWAY_ID
    fsck(ws.root)


def test_a_commit_written_elsewhere_with_u2028_does_not_forge_either(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    ws.file(PATHWAY_ID).write_text(edit(SAMPLE, "wait: 4h", "wait: 2h"), encoding="utf-8")
    git(ws.root, "commit", "-q", "-m", f"Faster\n\nPathway: {PATHWAY_ID}\nOrganisation: {FORGED}", "--", PATH)
    newest = Workspace(ws.root).history(PATHWAY_ID)[0]
    assert newest.organisation != "NHS England"
    assert newest.organisation is not None and newest.organisation.startswith("Tiny Org")
