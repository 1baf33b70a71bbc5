"""Views of a pathway for the app: parts of big pathways, two versions drawn as one, changes told."""

from __future__ import annotations

from app_helpers import SMALL

from pathway_designer import load_text
from pathway_designer.changes.diff import diff_pathways
from pathway_designer.changes.words import changes_in_words, item_in_words
from pathway_designer.workshop import editing
from pathway_designer.workshop.views import (
    around_view,
    diff_view,
    organisations_view,
    whole,
)


def test_organisation_view_keeps_its_steps_and_their_neighbours():
    p = load_text(SMALL)
    view = organisations_view(p, ["ageuk"])
    assert [s.id for s in view.pathway.steps] == ["risk", "strength", "discharge"]
    assert {(t.from_, t.to) for t in view.pathway.transitions} == {("risk", "strength"),
                                                                   ("strength", "discharge"),
                                                                   ("risk", "discharge")}
    assert view.partial and view.total == 5 and "Age UK North" in view.description
    assert not whole(p).partial


def test_around_view_goes_both_ways_within_the_radius():
    p = load_text(SMALL)
    assert {s.id for s in around_view(p, "strength", radius=1).pathway.steps} == {
        "risk", "strength", "discharge"}
    assert len(around_view(p, "referral", radius=10).pathway.steps) == 5


def test_diff_view_holds_both_versions_with_marks():
    old = load_text(SMALL)
    new = editing.remove_step(old, "strength").pathway
    new = editing.add_step(new, "Tai chi", after="risk", then_to="discharge").pathway
    view = diff_view(old, new)
    assert {s.id for s in view.pathway.steps} == {s.id for s in old.steps} | {"tai-chi"}
    assert view.marks["strength"] == "removed" and view.marks["tai-chi"] == "added"
    assert view.transition_marks[("risk", "strength")] == "removed"


def test_changes_are_told_with_names_not_ids():
    old = load_text(SMALL)
    new = editing.update_step(old, "strength", owner="trust", wait="3d").pathway
    new = editing.add_step(new, "Tai chi", after="risk", when="Sometimes").pathway
    told = changes_in_words(diff_pathways(old, new), old, new)
    assert "Added the step “Tai chi”" in told
    assert ("Changed who is responsible for the step “Strength and balance classes”: "
            "“Age UK North” → “Community Health Trust”") in told
    assert "Changed the wait to start of the step “Strength and balance classes”: nothing → 3 days" in told
    assert "Added the way from “Is the risk high?” to “Tai chi”" in told


def test_an_item_of_a_diff_is_named_as_people_know_it():
    p = load_text(SMALL)
    assert item_in_words("transitions", "risk -> strength #2", p) == (
        "the way from “Is the risk high?” to “Strength and balance classes”"
    )
    assert item_in_words("steps", "strength", p) == "the step “Strength and balance classes”"
    assert item_in_words("organisations", "ageuk", p) == "the partner “Age UK North”"
    # a step no version names (removed long ago) keeps its id rather than vanishing
    assert item_in_words("transitions", "gone -> risk", p) == "the way from “gone” to “Is the risk high?”"
