"""Bringing others' saves into an unsaved draft, and settling conflicts (library only: no streamlit)."""

from __future__ import annotations

import pytest
from app_helpers import SMALL

from pathway_designer import dump, load_text
from pathway_designer.changes.merge import UnresolvedConflicts
from pathway_designer.workshop import drafts, editing
from pathway_designer.workshop.editing import EditError

BASE = dump(load_text(SMALL))


def edited(text: str, **fields: str) -> str:
    return editing.update_step(load_text(text), "strength", **fields).text


def test_without_unsaved_changes_the_draft_becomes_their_version():
    theirs = edited(BASE, wait="1w")
    brought = drafts.bring_in(BASE, BASE, theirs)
    assert (brought.text, brought.conflicts, brought.kept_mine) == (theirs, [], False)
    # a pathway never saved has no base: their version is taken as it is
    assert drafts.bring_in("", edited(BASE, setting="home"), theirs).text == theirs


def test_unsaved_changes_are_merged_with_theirs_and_kept():
    mine, theirs = edited(BASE, setting="home"), edited(BASE, wait="1w")
    brought = drafts.bring_in(BASE, mine, theirs)
    assert brought.kept_mine and not brought.conflicts and brought.text is not None
    step = load_text(brought.text).step("strength")
    assert (step.setting.value, step.wait) == ("home", "1w")


def test_true_conflicts_come_back_and_are_settled_by_the_side_chosen():
    mine, theirs = edited(BASE, wait="2w"), edited(BASE, wait="1w")
    brought = drafts.bring_in(BASE, mine, theirs)
    assert brought.text is None and [c.field for c in brought.conflicts] == ["wait"]
    for pick, wait in (("theirs", "1w"), ("ours", "2w"), (None, "2w")):
        choices = drafts.choose(brought.conflicts, [pick])
        settled = drafts.settle(BASE, mine, theirs, choices)
        assert load_text(settled).step("strength").wait == wait
    with pytest.raises(UnresolvedConflicts):
        drafts.settle(BASE, mine, theirs, {})


def test_an_unreadable_draft_is_not_merged():
    with pytest.raises(EditError, match="cannot be read"):
        drafts.bring_in(BASE, "steps: [", edited(BASE, wait="1w"))



def test_what_their_version_changed_is_told_in_words():
    theirs = edited(BASE, wait="1w")
    told = drafts.changes_since(BASE, theirs)
    assert len(told) == 1 and "Strength and balance classes" in told[0] and "1 week" in told[0]
    assert drafts.changes_since(BASE, BASE) == ["Nothing that changes the pathway."]
    assert drafts.changes_since("", theirs) == ["A new pathway."]
    assert "cannot be read" in drafts.changes_since(BASE, "steps: [")[0]
