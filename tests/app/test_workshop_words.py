"""Times typed in words, tables in words, a step after a decision, conflicts told in words."""

from __future__ import annotations

import contextlib

import pytest
from app_helpers import SMALL
from hypothesis import given
from hypothesis import strategies as st

from pathway_designer import dump, load_text
from pathway_designer.changes.merge import merge_pathways
from pathway_designer.words import minutes_words, time_in_minutes, typed_minutes, typed_time
from pathway_designer.workshop import drafts, editing
from pathway_designer.workshop.editing import EditError

PATHWAY = load_text(SMALL)


@pytest.mark.parametrize(("typed", "standard"), [
    ("4h", "4h"), ("2w", "2w"), ("4 hours", "4h"), ("2 weeks", "2w"), ("1 day 4 hours", "28h"),
    ("1 week 2 days", "9d"), ("90 mins", "90m"), ("1.5 days", "36h"), ("  3 Days ", "3d"),
    ("1 hour and 30 minutes", "90m"), ("2 wks, 1 day", "15d"), ("0 minutes", "0w"),
])
def test_times_typed_in_words_become_the_formats_time(typed: str, standard: str):
    assert typed_time(typed) == standard
    assert time_in_minutes(typed_time(typed)) == typed_minutes(typed)


@pytest.mark.parametrize("typed", ["two weeks", "soon", "", "4", "4 parsecs", "weeks 2", "1 day -4 hours"])
def test_what_is_not_a_time_is_refused(typed: str):
    with pytest.raises(ValueError, match="is not a length of time"):
        typed_time(typed)


@given(st.integers(min_value=0, max_value=10 * 52 * 7 * 24 * 60))
def test_a_time_in_words_reads_back_as_the_same_time(minutes: int):
    assert typed_minutes(minutes_words(minutes)) == minutes
    assert time_in_minutes(typed_time(minutes_words(minutes))) == minutes


@given(st.text(max_size=40))
def test_typed_times_never_crash(text: str):
    with contextlib.suppress(ValueError):
        typed_time(text)


def test_tables_show_words_and_take_them_back_as_codes():
    rows = editing.table_rows(PATHWAY, "steps")
    assert rows[0]["setting"] == "In the community" and rows[0]["owner"] == "Community Health Trust"
    assert rows[0]["kind"] == "Way in" and rows[0]["wait"] == "2 days"
    assert rows[3]["measures"] == ["Falls in the next 12 months"]
    assert editing.table_rows(PATHWAY, "organisations")[2]["role"] == "Voluntary sector"
    assert editing.table_rows(PATHWAY, "outcomes")[0]["direction"] != "lower"
    edit = editing.apply_table_edits(PATHWAY, "steps", {0: {
        "setting": "Phone or online", "owner": "Age UK North", "wait": "3 weeks",
        "partners": ["North Integrated Care Board"], "kind": "Assessment"}})
    step = edit.pathway.step("referral")
    assert (step.setting.value, step.owner, step.wait, step.partners, step.kind.value) == (
        "remote", "ageuk", "3w", ["icb"], "assessment")
    way = editing.apply_table_edits(PATHWAY, "transitions", {0: {"to": "Is the risk high?"}})
    assert way.pathway.transitions[0].to == "risk"


def test_a_bad_cell_is_refused_alone_and_the_others_are_kept():
    cells = {0: {"wait": "two weeks"}, 1: {"label": "Home visit"}}
    result = editing.apply_table_cells(PATHWAY, "steps", cells)
    assert result.edit is not None and result.edit.pathway.step("assessment").label == "Home visit"
    assert result.edit.pathway.step("referral").wait == "2d"
    (cell,) = result.refused
    assert (cell.row, cell.column, cell.value) == (0, "wait", "two weeks")
    assert "'two weeks' is not a length of time" in cell.reason
    # cells that are fine alone but make the pathway unreadable together are all refused
    whole = editing.apply_table_cells(PATHWAY, "steps", {1: {"label": ""}})
    assert whole.edit is None and whole.refused[0].column == "label"


def test_labels_two_steps_share_still_map_back_to_one_step():
    twin = editing.update_step(PATHWAY, "strength", label="Falls risk assessment").pathway
    words = editing.table_words(twin, "transitions")["to"]
    assert words["assessment"] == "Falls risk assessment" and words["strength"] == "Falls risk assessment (2)"
    edit = editing.apply_table_edits(twin, "transitions", {0: {"to": "Falls risk assessment (2)"}})
    assert edit.pathway.transitions[0].to == "strength"


def _ways_out(p, step: str) -> list[tuple[str, str | None]]:
    return [(t.to, t.when) for t in p.transitions if t.from_ == step]


def test_a_step_after_a_decision_asks_which_way_it_goes():
    with pytest.raises(EditError, match="is a decision: choose which of its answers"):
        editing.add_step(PATHWAY, "Home hazards check", after="risk")
    assert editing.decision_branches(PATHWAY, "risk") == {
        "strength": "When Yes: on to 'Strength and balance classes'",
        "discharge": "When No: on to 'Back to the GP with a plan'",
    }
    assert editing.decision_branches(PATHWAY, "referral") == {}


def test_a_step_joining_a_branch_keeps_its_answer_and_every_branch():
    p = editing.add_step(PATHWAY, "Home hazards check", after="risk", branch="discharge").pathway
    assert _ways_out(p, "risk") == [("strength", "Yes"), ("home-hazards-check", "No")]
    assert _ways_out(p, "home-hazards-check") == [("discharge", None)]


def test_a_step_on_a_new_branch_has_its_answer():
    p = editing.add_step(PATHWAY, "Advice leaflet", after="risk", when="Low risk",
                         then_to="discharge").pathway
    assert _ways_out(p, "risk") == [
        ("strength", "Yes"), ("discharge", "No"), ("advice-leaflet", "Low risk")]
    assert _ways_out(p, "advice-leaflet") == [("discharge", None)]
    with pytest.raises(EditError, match="no way on to"):
        editing.add_step(PATHWAY, "X", after="risk", branch="referral")


@given(st.sampled_from(["strength", "discharge", None]), st.sampled_from(["", "Maybe"]))
def test_adding_after_a_decision_never_loses_a_branch(branch: str | None, when: str):
    try:
        p = editing.add_step(PATHWAY, "New step", after="risk", branch=branch, when=when).pathway
    except EditError:
        assert branch is None and not when
        return
    assert len(_ways_out(p, "risk")) >= len(_ways_out(PATHWAY, "risk"))
    reached = {t.to for t in p.transitions}
    assert {"strength", "discharge"} <= reached


def test_conflicts_are_told_in_words_and_what_was_kept_truthfully():
    base = dump(PATHWAY)
    mine = editing.update_step(PATHWAY, "assessment", wait="3d", label="Home assessment").text
    theirs = editing.update_step(PATHWAY, "assessment", wait="2w").text
    conflicts = merge_pathways(load_text(base), load_text(mine), load_text(theirs)).conflicts
    (told,) = drafts.conflicts_in_words(conflicts, base, mine, theirs)
    assert (told.subject, told.what, told.yours, told.theirs, told.before) == (
        "The step “Home assessment”", "wait to start", "3 days", "2 weeks", "1 week")
    mine_kept = drafts.kept_words(conflicts, drafts.choose(conflicts, ["ours"]))
    assert mine_kept.startswith("Yours is kept for the thing you both changed")
    assert "both sets" not in mine_kept
    assert drafts.kept_words(conflicts, drafts.choose(conflicts, ["theirs"])).startswith("Theirs is taken")
