"""Changes told in a workshop's words: labels and names, never ids or file field names."""

from __future__ import annotations

import copy
from typing import Any

from pathway_designer.changes.diff import diff_pathways
from pathway_designer.changes.merge import merge_pathways
from pathway_designer.changes.words import ConflictInWords, changes_in_words, conflict_in_words
from pathway_designer.model import Pathway

BASE: dict[str, Any] = {
    "format": 1,
    "id": "crisis",
    "title": "Adult crisis",
    "organisations": [
        {"id": "trust", "name": "The Trust", "role": "nhs-provider"},
        {"id": "mind", "name": "Local Mind", "role": "voluntary-sector"},
    ],
    "steps": [
        {"id": "referral", "label": "Referral", "kind": "entry"},
        {"id": "triage", "label": "Is it urgent?", "kind": "decision", "owner": "trust"},
    ],
    "transitions": [{"from": "referral", "to": "triage"}],
    "outcomes": [{"id": "wait", "measure": "Days to first contact", "direction": "lower"}],
}


def told(change: Any) -> list[str]:
    data = copy.deepcopy(BASE)
    change(data)
    old, new = Pathway.model_validate(BASE), Pathway.model_validate(data)
    return changes_in_words(diff_pathways(old, new), old, new)


def test_a_changed_owner_names_the_step_by_label_and_organisations_by_name() -> None:
    assert told(lambda d: d["steps"][1].update(owner="mind")) == [
        "Changed who is responsible for the step “Is it urgent?”: “The Trust” → “Local Mind”"
    ]


def test_kinds_settings_and_times_are_in_plain_words() -> None:
    lines = told(lambda d: d["steps"][1].update(kind="assessment", setting="remote", wait="2w"))
    assert lines == [
        "Changed the kind of the step “Is it urgent?”: “Decision” → “Assessment”",
        "Changed where it happens for the step “Is it urgent?”: nothing → “Phone or online”",
        "Changed the wait to start of the step “Is it urgent?”: nothing → 2 weeks",
    ]


def test_a_removed_step_and_its_way_are_named_by_labels() -> None:
    def remove(d: dict[str, Any]) -> None:
        d["steps"].pop(1)
        d["transitions"].clear()

    assert told(remove) == [
        "Removed the step “Is it urgent?”",
        "Removed the way from “Referral” to “Is it urgent?”",
    ]


def test_partners_and_measures_are_named_and_review_dates_are_in_words() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["steps"][1].update(partners=["mind"], measures=["wait"])
        d["review"] = {"due": "2027-01-10"}

    lines = told(edit)
    assert "Changed who else is involved for the step “Is it urgent?”: nothing → “Local Mind”" in lines
    assert (
        "Changed the outcomes measured of the step “Is it urgent?”: nothing → “Days to first contact”"
        in lines
    )
    assert "Changed the next joint review of the pathway: nothing → 10 January 2027" in lines
    assert not any("mind" in line or "triage" in line or "review.due" in line for line in lines)


def test_a_second_transition_between_the_same_steps_reads_as_the_way_between_them() -> None:
    second = {"from": "referral", "to": "triage", "when": "Out of hours"}
    lines = told(lambda d: d["transitions"].append(second))
    assert lines == ["Added the way from “Referral” to “Is it urgent?”"]


def _conflicts(ours_edit: Any, theirs_edit: Any) -> list[Any]:
    ours, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    ours_edit(ours)
    theirs_edit(theirs)
    result = merge_pathways(*(Pathway.model_validate(d) for d in (BASE, ours, theirs)))
    return [
        conflict_in_words(c, *(Pathway.model_validate(d) for d in (BASE, ours, theirs)))
        for c in result.conflicts
    ]


def test_a_conflict_names_the_step_and_tells_each_value_in_words() -> None:
    [told] = _conflicts(
        lambda d: d["steps"][1].update(wait="2w", owner="mind"),
        lambda d: d["steps"][1].update(wait="3d", owner="mind"),
    )
    assert told == ConflictInWords(
        "The wait to start of the step “Is it urgent?”", "2 weeks", "3 days", "nothing"
    )


def test_a_conflict_over_an_organisation_or_a_kind_uses_names_and_words() -> None:
    found = _conflicts(
        lambda d: d["steps"][1].update(owner="mind", kind="assessment"),
        lambda d: d["steps"][1].update(owner=None, kind="review"),
    )
    assert ConflictInWords(
        "Who is responsible for the step “Is it urgent?”", "“Local Mind”", "nothing", "“The Trust”"
    ) in found
    assert ConflictInWords(
        "The kind of the step “Is it urgent?”", "“Assessment”", "“Review”", "“Decision”"
    ) in found
    assert not any("mind" in str(c) or "triage" in str(c) for c in found)


def test_a_step_removed_on_one_side_and_changed_on_the_other_says_removed() -> None:
    found = _conflicts(
        lambda d: (d["steps"].pop(1), d["transitions"].clear()),
        lambda d: d["steps"][1].update(label="Is it very urgent?"),
    )
    assert found and any("removed" in (c.ours, c.theirs) for c in found)
    assert all("triage" not in str(c) for c in found)
