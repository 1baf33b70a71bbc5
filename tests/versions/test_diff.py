"""The semantic diff: each kind of change, its words, its outputs, and properties over random pathways."""

from __future__ import annotations

import json
from typing import Any

import pathway_strategies as ps
import pytest
from crisis_data import HEAD, ORGANISATIONS, REFERRAL, TRIAGE, edited
from hypothesis import given
from pathway_strategies import FAST

from pathway_designer.changes.diff import Change, diff_marks, diff_pathways, pathway_data, plain_key
from pathway_designer.changes.writing import diff_json, diff_text
from pathway_designer.model import Pathway

BASE: dict[str, Any] = {
    **HEAD,
    "status": "draft",
    "organisations": ORGANISATIONS,
    "steps": [
        REFERRAL,
        TRIAGE,
        {"id": "home", "label": "Home treatment", "kind": "intervention"},
        {"id": "discharge", "label": "Discharge", "kind": "exit"},
    ],
    "transitions": [
        {"from": "referral", "to": "triage"},
        {"from": "triage", "to": "home", "when": "Risk is high"},
        {"from": "triage", "to": "discharge", "when": "Risk is low"},
        {"from": "home", "to": "discharge"},
    ],
    "outcomes": [{"id": "readmitted", "measure": "Readmitted in 30 days", "direction": "lower"}],
    "involvement": [{"date": "2026-10-12", "who": "Panel", "how": "Workshop"}],
    "signoffs": [
        {"organisation": "trust", "name": "Jo", "date": "2026-11-20", "fingerprint": "sha256:" + "0" * 64}
    ],
}


def base() -> Pathway:
    return Pathway.model_validate(BASE)


def edit(change: Any) -> Pathway:
    """The base pathway after `change(data)`."""
    return edited(BASE, change)


def only(changes: list[Change]) -> Change:
    assert len(changes) == 1, changes
    return changes[0]


# Each kind of change ----------------------------------------------------------------------------


def test_no_changes() -> None:
    assert diff_pathways(base(), base()) == []
    assert diff_text([]) == "no changes"


@pytest.mark.parametrize(
    ("name", "value", "old"),
    [("title", "Crisis care", "Adult crisis"), ("status", "agreed", "draft"), ("based-on", "national", None)],
)
def test_pathway_field_changed(name: str, value: str, old: str | None) -> None:
    change = only(diff_pathways(base(), edit(lambda d: d.update({name: value}))))
    assert change == Change("changed", "pathway", "", name, old, value)


def test_review_and_context_change_field_by_field() -> None:
    def change(d: dict[str, Any]) -> None:
        d["review"]["due"] = "2027-01-10"
        d["context"] = {"geography": "rural"}

    changes = diff_pathways(base(), edit(change))
    assert changes == [
        Change("changed", "pathway", "", "review.due", None, "2027-01-10"),
        Change("changed", "pathway", "", "context.geography", None, "rural"),
    ]
    assert changes[0].describe() == "pathway: review.due set to '2027-01-10'"


def test_an_empty_review_is_still_a_change_from_none() -> None:
    change = only(diff_pathways(edit(lambda d: d.pop("review")), edit(lambda d: d.update(review={}))))
    assert (change.field, change.old, change.new) == ("review", None, {"last": None, "due": None})


def test_step_field_changed_in_plain_words() -> None:
    change = only(diff_pathways(base(), edit(lambda d: d["steps"][1].update(owner="mind"))))
    assert change == Change("changed", "steps", "triage", "owner", "trust", "mind")
    assert change.describe() == "step 'triage': owner changed from 'trust' to 'mind'"


def test_field_set_and_cleared() -> None:
    set_ = only(diff_pathways(base(), edit(lambda d: d["steps"][0].update(wait="4h"))))
    assert set_.describe() == "step 'referral': wait set to '4h'"
    cleared = only(diff_pathways(base(), edit(lambda d: d["steps"][1].pop("owner"))))
    assert cleared.describe() == "step 'triage': owner cleared (was 'trust')"


def test_list_field_change_says_what_was_added_and_removed() -> None:
    change = only(diff_pathways(base(), edit(lambda d: d["steps"][1].update(partners=["trust"]))))
    assert (change.field, change.old, change.new) == ("partners", ["mind"], ["trust"])
    assert change.describe() == "step 'triage': partners added 'trust'; removed 'mind'"


def test_step_added_and_removed() -> None:
    def change(d: dict[str, Any]) -> None:
        d["steps"].insert(2, {"id": "cafe", "label": "Crisis café", "kind": "intervention"})
        del d["steps"][0]

    changes = diff_pathways(base(), edit(change))
    assert changes == [
        Change(
            "removed",
            "steps",
            "referral",
            None,
            {"id": "referral", "label": "Referral", "kind": "entry"},
            None,
        ),
        Change(
            "added",
            "steps",
            "cafe",
            None,
            None,
            {"id": "cafe", "label": "Crisis café", "kind": "intervention"},
        ),
    ]
    assert changes[1].describe() == "step 'cafe' added: 'Crisis café'"
    assert changes[0].describe() == "step 'referral' removed: 'Referral'"


def test_transitions_are_keyed_by_their_pair() -> None:
    def change(d: dict[str, Any]) -> None:
        d["transitions"][1]["when"] = "Risk is very high"
        d["transitions"].append({"from": "triage", "to": "home", "when": "Carer asks"})

    changes = diff_pathways(base(), edit(change))
    assert changes == [
        Change("changed", "transitions", "triage -> home", "when", "Risk is high", "Risk is very high"),
        Change(
            "added",
            "transitions",
            "triage -> home #2",
            None,
            None,
            {"from": "triage", "to": "home", "when": "Carer asks"},
        ),
    ]
    assert changes[0].describe() == (
        "transition 'triage -> home': when changed from 'Risk is high' to 'Risk is very high'"
    )


@pytest.mark.parametrize(
    ("section", "key", "field", "value"),
    [
        ("organisations", "mind", "name", "Mind in the Dales"),
        ("outcomes", "readmitted", "target", "Fewer than 1 in 10"),
        ("involvement", "2026-10-12: Panel", "changed", "Added a crisis café"),
        ("signoffs", "trust: Jo", "role", "Clinical director"),
    ],
)
def test_other_sections_change_field_by_field(section: str, key: str, field: str, value: str) -> None:
    change = only(diff_pathways(base(), edit(lambda d: d[section][-1].update({field: value}))))
    assert (change.action, change.section, change.key, change.field, change.new) == (
        "changed",
        section,
        key,
        field,
        value,
    )


def test_a_new_signoff_date_is_a_change_but_a_new_involvement_date_is_another_record() -> None:
    signoff = only(diff_pathways(base(), edit(lambda d: d["signoffs"][0].update(date="2027-01-01"))))
    assert (signoff.key, signoff.field) == ("trust: Jo", "date")
    changes = diff_pathways(base(), edit(lambda d: d["involvement"][0].update(date="2027-01-01")))
    assert [(c.action, c.key) for c in changes] == [
        ("removed", "2026-10-12: Panel"),
        ("added", "2027-01-01: Panel"),
    ]


def test_moving_an_item_is_not_a_change() -> None:
    assert diff_pathways(base(), edit(lambda d: d["steps"].reverse())) == []


def test_order_is_pathway_then_sections_then_file_order_with_removals_in_place() -> None:
    def change(d: dict[str, Any]) -> None:
        d["signoffs"] = []
        d["steps"][3]["label"] = "Discharged"
        del d["steps"][1]
        d["steps"][0]["label"] = "Referred"
        d["organisations"][0]["name"] = "Trust"
        d["status"] = "in-review"

    changes = diff_pathways(base(), edit(change))
    assert [(c.section, c.key, c.action) for c in changes] == [
        ("pathway", "", "changed"),
        ("organisations", "trust", "changed"),
        ("steps", "referral", "changed"),
        ("steps", "triage", "removed"),
        ("steps", "discharge", "changed"),
        ("signoffs", "trust: Jo", "removed"),
    ]


def test_values_are_json() -> None:
    change = only(diff_pathways(base(), edit(lambda d: d["review"].update(last="2026-02-01"))))
    assert change.old == "2026-01-10"


def test_text_json_and_marks() -> None:
    def change(d: dict[str, Any]) -> None:
        d["steps"][1]["owner"] = "mind"
        d["steps"].append({"id": "cafe", "label": "Crisis café", "kind": "intervention"})
        d["transitions"].append({"from": "triage", "to": "cafe", "when": "Prefers a café"})
        del d["transitions"][3]

    changes = diff_pathways(base(), edit(change))
    assert diff_text(changes).splitlines() == [
        "~ step 'triage': owner changed from 'trust' to 'mind'",
        "+ step 'cafe' added: 'Crisis café'",
        "- transition 'home -> discharge' removed",
        "+ transition 'triage -> cafe' added: 'Prefers a café'",
    ]
    data = diff_json(changes)
    assert json.loads(json.dumps(data)) == data
    assert data[0] == {
        "action": "changed",
        "section": "steps",
        "key": "triage",
        "field": "owner",
        "old": "trust",
        "new": "mind",
        "description": "step 'triage': owner changed from 'trust' to 'mind'",
    }
    assert diff_marks(changes) == (
        {"triage": "changed", "cafe": "added"},
        {("home", "discharge"): "removed", ("triage", "cafe"): "added"},
    )


def test_marks_for_a_repeated_pair_with_mixed_changes_are_changed() -> None:
    changes = [
        Change("added", "transitions", "a -> b #2", None, None, {}),
        Change("removed", "transitions", "a -> b", None, {}, None),
    ]
    assert diff_marks(changes) == ({}, {("a", "b"): "changed"})


def test_duplicate_step_ids_are_numbered() -> None:
    def change(d: dict[str, Any]) -> None:
        d["steps"].append({"id": "triage", "label": "Second triage", "kind": "assessment"})

    change_ = only(diff_pathways(base(), edit(change)))
    assert (change_.action, change_.key) == ("added", "triage #2")
    assert diff_marks([change_]) == ({"triage": "added"}, {})


# Properties -------------------------------------------------------------------------------------


def _content(pathway: Pathway) -> dict[str, Any]:
    """The pathway with each section's items sorted: the content the diff compares."""
    data = pathway_data(pathway)
    for section in ("organisations", "steps", "transitions", "outcomes", "involvement", "signoffs"):
        data[section] = sorted(data[section], key=lambda item: json.dumps(item, sort_keys=True))
    return data


@FAST
@given(ps.pathways())
def test_a_pathway_has_no_changes_from_itself(pathway: Pathway) -> None:
    assert diff_pathways(pathway, pathway) == []


@FAST
@given(ps.three_versions())
def test_diff_backwards_is_the_inverse(versions: tuple[Pathway, Pathway, Pathway]) -> None:
    old, new, _ = versions
    inverse = {"added": "removed", "removed": "added", "changed": "changed"}
    # Which of several identical repeats (a -> b, a -> b #2, ...) a change lands on is arbitrary,
    # so repeats are compared without their number, as a multiset.
    forwards = sorted(
        (c.action, c.section, plain_key(c.key), c.field or "", json.dumps([c.old, c.new]))
        for c in diff_pathways(old, new)
    )
    backwards = sorted(
        (inverse[c.action], c.section, plain_key(c.key), c.field or "", json.dumps([c.new, c.old]))
        for c in diff_pathways(new, old)
    )
    assert forwards == backwards


@FAST
@given(ps.three_versions())
def test_no_changes_means_the_same_content(versions: tuple[Pathway, Pathway, Pathway]) -> None:
    old, new, _ = versions
    changes = diff_pathways(old, new)
    assert (changes == []) == (_content(old) == _content(new))
    assert json.loads(json.dumps(diff_json(changes))) == diff_json(changes)
    assert all(isinstance(c.describe(), str) for c in changes)
