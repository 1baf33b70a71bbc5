"""Editing operations in the domain's words: each edit is validated before it is kept."""

from __future__ import annotations

import re

import pytest
from app_helpers import SMALL

from pathway_designer import load_text
from pathway_designer.workshop import editing
from pathway_designer.workshop.editing import EditError


@pytest.fixture
def pathway():
    return load_text(SMALL)


def ways(p) -> list[tuple[str, str, str | None]]:
    return [(t.from_, t.to, t.when) for t in p.transitions]


def test_slug_makes_unique_kebab_ids():
    assert editing.slug("Crisis café!") == "crisis-cafe"
    assert editing.slug("Crisis café", ["crisis-cafe", "crisis-cafe-2"]) == "crisis-cafe-3"
    assert editing.slug("???") == "step"


def test_add_step_after_connects_from_it_and_places_it_after(pathway):
    edit = editing.add_step(pathway, "Home hazard check", "assessment", after="assessment",
                            owner="ageuk")
    p = edit.pathway
    assert [s.id for s in p.steps][:3] == ["referral", "assessment", "home-hazard-check"]
    assert ("assessment", "home-hazard-check", None) in ways(p)
    assert p.step("home-hazard-check").owner == "ageuk"
    assert edit.message == "Added the step 'Home hazard check' after 'Falls risk assessment'"


def test_add_step_between_reroutes_the_way_on_and_keeps_its_condition(pathway):
    edit = editing.add_step(pathway, "Exercise taster", after="risk", then_to="strength")
    assert ("risk", "exercise-taster", "Yes") in ways(edit.pathway)
    assert ("exercise-taster", "strength", None) in ways(edit.pathway)
    assert ("risk", "strength", "Yes") not in ways(edit.pathway)
    assert "between 'Is the risk high?' and 'Strength and balance classes'" in edit.message


def test_an_invalid_edit_is_refused_with_the_finding_and_changes_nothing(pathway):
    with pytest.raises(EditError) as info:
        editing.update_step(pathway, "referral", wait="two days")
    assert "'two days' is not a length of time" in str(info.value) and "2 weeks" in str(info.value)
    assert pathway.step("referral").wait == "2d"
    with pytest.raises(EditError) as info:  # what the format refuses comes back with its finding
        editing.update_step(pathway, "referral", kind="sometimes")
    assert info.value.findings and info.value.findings[0].rule == "invalid-value"


def test_update_step_clears_with_empty_value_and_says_what_changed(pathway):
    edit = editing.update_step(pathway, "strength", modality="", setting="home")
    step = edit.pathway.step("strength")
    assert step.modality is None and step.setting.value == "home"
    assert edit.message == "Changed modality and setting of 'Strength and balance classes'"


def test_step_impact_names_connections_and_stranded_steps(pathway):
    impact = editing.step_impact(pathway, "risk")
    text = impact.describe()
    assert text.startswith("Removing the step 'Is the risk high?' also removes 3 connections")
    assert "leaves 'Strength and balance classes' with no way in" in text
    # discharge is still reached from strength, so it is not stranded
    assert "leaves 'Back to the GP with a plan'" not in text


def test_remove_step_removes_its_connections(pathway):
    edit = editing.remove_step(pathway, "strength")
    assert edit.pathway.step("strength") is None
    assert all("strength" not in (t.from_, t.to) for t in edit.pathway.transitions)
    assert edit.message.startswith("Removed the step 'Strength and balance classes' (it also removes 2")


def test_connect_and_disconnect(pathway):
    edit = editing.connect(pathway, "referral", "discharge", when=None, handoff="Letter")
    assert ("referral", "discharge", None) in ways(edit.pathway)
    with pytest.raises(EditError, match="already leads to"):
        editing.connect(edit.pathway, "referral", "discharge")
    index = len(edit.pathway.transitions) - 1
    assert ("referral", "discharge", None) not in ways(editing.disconnect(edit.pathway, index).pathway)
    with pytest.raises(EditError, match="no step 'nowhere'"):
        editing.connect(pathway, "referral", "nowhere")


def test_step_details_are_kept_as_one_change(pathway):
    edit = editing.update_step_details(
        pathway, "assessment", description="  Falls history  ", barriers="Stairs\n\n  Cost \n",
        decision=True, conditions={1: "Always"},
    )
    step = edit.pathway.step("assessment")
    assert (step.description, step.barriers, step.kind.value) == ("Falls history", ["Stairs", "Cost"],
                                                                  "decision")
    assert edit.pathway.transitions[1].when == "Always"
    assert edit.message == "Kept the details of 'Falls risk assessment'"
    with pytest.raises(EditError, match="Way on 1 does not leave 'Falls risk assessment'"):
        editing.update_step_details(pathway, "assessment", description=None, barriers=[],
                                    decision=True, conditions={0: "x"})


def test_a_step_that_stops_being_a_decision_becomes_an_assessment_and_clears_empty_fields(pathway):
    decided = editing.update_step_details(pathway, "assessment", description="x", barriers=["a"],
                                          decision=True).pathway
    undone = editing.update_step_details(decided, "assessment", description="", barriers="",
                                         decision=False).pathway
    step = undone.step("assessment")
    assert (step.kind.value, step.description, step.barriers) == ("assessment", None, [])
    kept = editing.update_step_details(pathway, "strength", description="", barriers=[],
                                       decision=False).pathway
    assert kept.step("strength").kind == pathway.step("strength").kind


def test_organisation_add_and_remove_with_impact(pathway):
    edit = editing.add_organisation(pathway, "Social Care Team", "social-care")
    assert edit.pathway.organisation("social-care-team").role.value == "social-care"
    with pytest.raises(EditError, match="already a partner"):
        editing.add_organisation(edit.pathway, "social care team", "social-care")
    with pytest.raises(EditError, match="not a role"):
        editing.add_organisation(pathway, "X", "boss")
    impact = editing.organisation_impact(pathway, "ageuk")
    assert "leaves 1 step with no owner: 'Strength and balance classes'" in impact.describe()
    removed = editing.remove_organisation(pathway, "ageuk").pathway
    assert removed.organisation("ageuk") is None and removed.step("strength").owner is None


def test_outcomes_and_involvement(pathway):
    edit = editing.add_outcome(pathway, "People who feel confident at home", "higher",
                               measured_at=["discharge"])
    oid = edit.pathway.outcomes[-1].id
    assert oid in edit.pathway.step("discharge").measures
    gone = editing.remove_outcome(edit.pathway, oid).pathway
    assert oid not in gone.step("discharge").measures
    inv = editing.add_involvement(pathway, "2026-11-02", "Carers' group", "Survey", None).pathway
    assert inv.involvement[-1].who == "Carers' group"
    assert editing.remove_involvement(inv, 1).pathway.involvement[0].who == "Older people's forum"


def test_table_edits_apply_cells_and_ignore_ids(pathway):
    edit = editing.apply_table_edits(
        pathway, "steps", {"1": {"label": "Home falls assessment", "id": "hacked", "wait": "3d"}}
    )
    step = edit.pathway.steps[1]
    assert (step.id, step.label, step.wait) == ("assessment", "Home falls assessment", "3d")
    assert edit.message == "Changed name and wait to start of 'Home falls assessment'"
    with pytest.raises(EditError, match="no longer there"):
        editing.apply_table_edits(pathway, "steps", {9: {"label": "x"}})
    nan = float("nan")
    cleared = editing.apply_table_edits(pathway, "steps", {3: {"modality": nan}}).pathway
    assert cleared.step("strength").modality is None


def test_table_rows_have_every_column(pathway):
    rows = editing.table_rows(pathway, "steps")
    assert rows[0]["id"] == "referral" and rows[0]["partners"] == [] and rows[0]["modality"] is None
    assert editing.table_rows(pathway, "transitions")[2] == {
        "from": "Is the risk high?", "to": "Strength and balance classes", "when": "Yes",
        "handoff": "Referral letter and shared care record"}


def test_new_pathway_is_valid_and_owned_by_a_provider():
    edit = editing.new_pathway("Falls prevention", [("North ICB", "commissioner"),
                                                    ("Age UK", "voluntary-sector")], taken=["x"])
    assert edit.pathway.id == "falls-prevention"
    assert {s.owner for s in edit.pathway.steps} == {"age-uk"}
    assert not [f for f in edit.check.findings if f.severity.value == "error"]
    again = editing.new_pathway("Falls prevention", [("A", "commissioner")], taken=["falls-prevention"])
    assert again.pathway.id == "falls-prevention-2"
    with pytest.raises(EditError, match="already exists"):
        editing.new_pathway("Falls", [("A", "commissioner")], "falls", taken=["falls"])


def test_update_details_and_whole_text(pathway):
    edit = editing.update_details(pathway, title="Falls", area="Northtown", geography="urban")
    assert edit.pathway.context.area == "Northtown"
    assert edit.text.index("context:") < edit.text.index("organisations:")
    with pytest.raises(EditError, match="not kept"):
        editing.from_text("id: [")


def test_hostile_text_is_kept_as_text(pathway):
    label = '"]; evil [label="x"] <script>alert(1)</script> \\ {braces}'
    edit = editing.update_step(pathway, "referral", label=label)
    assert edit.pathway.step("referral").label == label


def test_edits_are_in_canonical_form(pathway):
    from pathway_designer import dump

    for edit in (editing.update_step(pathway, "referral", label="Referral"),
                 editing.add_involvement(pathway, "2026-11-02", "Carers", "Survey"),
                 editing.copy_pathway(pathway, "falls-local", "Falls (local)")):
        assert edit.text == dump(edit.pathway)
    assert "date: 2026-11-02" in editing.add_involvement(pathway, "2026-11-02", "C", "S").text


def test_a_form_accepts_the_formats_time_or_nothing_yet():
    for text in ("", "30m", "4h", "1.5d", "2w"):
        assert re.match(editing.OPTIONAL_TIME_PATTERN, text), text
    for text in ("two days", "4 h", "4", "h", "4hh"):
        assert not re.match(editing.OPTIONAL_TIME_PATTERN, text), text
