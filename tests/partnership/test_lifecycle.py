"""The lifecycle: which moves are allowed, what a revision clears, who must sign again; and the rule
that the commissioner's and the provider's sign-offs come from different people."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from partnership_samples import BASE, TODAY, edit, load

from pathway_designer import dump, load_text, validate
from pathway_designer.model import Status
from pathway_designer.partnership.signoff import SignoffError, one_person_for_both, same_person, sign_off
from pathway_designer.workshop import lifecycle
from pathway_designer.workshop.lifecycle import LifecycleError, move

DAY = dt.date(2026, 11, 20)


def _signed(by_icb: str = "Jane Smith", by_trust: str = "Sam Jones", **emails: str):
    pathway = sign_off(load(BASE), "icb", by_icb, None, DAY, email=emails.get("icb"))
    return sign_off(pathway, "trust", by_trust, None, DAY, email=emails.get("trust"))


def _agreed():
    return move(_signed(), "agreed").pathway


def test_a_revision_goes_back_to_review_clears_sign_offs_and_names_who_signs_again() -> None:
    agreed = _agreed()
    assert lifecycle.can_revise(agreed) and lifecycle.editable(agreed)
    offer = lifecycle.revision_offer(agreed)
    assert offer == (
        "Start a revision: it goes back to review, and these partners will need to sign again: "
        "The Integrated Care Board and The Mental Health Trust."
    )
    moved = move(agreed, "in-review", "  New falls clinic  in the town ")
    assert moved.revision and moved.pathway.status is Status.IN_REVIEW
    assert moved.pathway.signoffs == []
    assert moved.sign_again == ("The Integrated Care Board", "The Mental Health Trust")
    assert moved.rationale.startswith("Start a revision: New falls clinic in the town")
    assert agreed.signoffs and agreed.status is Status.AGREED  # the pathway given is untouched
    # after a revision, agreeing again needs both to sign again
    with pytest.raises(SignoffError, match="from a commissioner and from a provider"):
        move(moved.pathway, "agreed")


def test_a_revision_and_retiring_need_a_reason() -> None:
    for status in ("in-review", "retired"):
        with pytest.raises(LifecycleError, match=r"Please say why you want to (start a revision|retire it)"):
            move(_agreed(), status, "   ")
    assert move(_agreed(), "live").pathway.status is Status.LIVE  # going live needs none


def test_a_live_pathway_is_revised_too_but_cannot_go_straight_back_to_draft() -> None:
    live = move(_agreed(), "live").pathway
    assert lifecycle.moves(live) == [Status.IN_REVIEW, Status.RETIRED]
    assert move(live, "in-review", "Winter pressures").pathway.status is Status.IN_REVIEW
    with pytest.raises(LifecycleError, match="cannot go from live to draft; from live it can go to"):
        move(live, "draft")


def test_a_retired_pathway_is_not_editable_and_goes_nowhere() -> None:
    retired = move(load(BASE), "retired", "Replaced by the new memory pathway").pathway
    assert not lifecycle.editable(retired)
    assert lifecycle.moves(retired) == []
    for status in Status:
        if status is not Status.RETIRED:
            with pytest.raises(LifecycleError, match="is retired: it can be read"):
                move(retired, status, "reopen")
    with pytest.raises(LifecycleError, match="already retired"):
        move(retired, "retired", "again")


def test_moves_that_need_no_sign_off() -> None:
    review = move(load(BASE), "in-review")
    assert review.pathway.status is Status.IN_REVIEW and not review.revision
    assert review.rationale == "Status Draft → In review"
    assert move(review.pathway, "draft", "More work").rationale == "Status In review → Draft: More work"
    with pytest.raises(LifecycleError, match="'done' is not a status"):
        move(load(BASE), "done")


def test_when_nobody_had_signed_the_kinds_of_partner_are_named() -> None:
    hand_edited = load(edit(BASE, "status: draft", "status: agreed"))
    assert lifecycle.sign_again(hand_edited) == ["a commissioner", "a provider"]
    assert move(hand_edited, "in-review", "Fix it").sign_again == ("a commissioner", "a provider")


def test_one_person_cannot_sign_for_both_commissioner_and_provider() -> None:
    alone = _signed("Jane Smith", " jane  smith ")
    assert one_person_for_both(alone, current_only=True) == "Jane Smith"
    with pytest.raises(SignoffError, match="Jane Smith signed for both the commissioner and the provider"):
        move(alone, "agreed")
    # one email for both is one person, whatever the names say
    same_email = _signed("Jane Smith", "J. Smith", icb="jane@icb.nhs.uk", trust="JANE@icb.nhs.uk")
    with pytest.raises(SignoffError, match="different people"):
        move(same_email, "agreed")
    # two people with one name, told apart by their emails, are two people
    namesakes = _signed("Sam Lee", "Sam Lee", icb="sam@icb.nhs.uk", trust="sam.lee@trust.nhs.uk")
    assert one_person_for_both(namesakes) is None
    assert move(namesakes, "agreed").pathway.status is Status.AGREED


def test_validate_finds_one_person_for_both_in_a_file_edited_by_hand() -> None:
    alone = dump(_signed("Jane Smith", "Jane Smith")).replace("status: draft", "status: agreed")
    found = [f for f in validate(load_text(alone), today=TODAY) if f.rule == "signoff-one-person"]
    assert len(found) == 1 and "Jane Smith signed for both" in found[0].message
    assert found[0].severity.value == "error" and found[0].line is not None
    two = dump(_signed()).replace("status: draft", "status: agreed")
    assert not [f for f in validate(load_text(two), today=TODAY) if f.rule == "signoff-one-person"]
    in_review = dump(_signed("A", "A")).replace("status: draft", "status: in-review")
    assert not [f for f in validate(load_text(in_review), today=TODAY) if f.rule == "signoff-one-person"]


def test_the_email_is_recorded_and_round_trips() -> None:
    signed = _signed(icb="jane@icb.nhs.uk")
    again = load_text(dump(signed))
    assert [s.email for s in again.signoffs] == ["jane@icb.nhs.uk", None]
    with pytest.raises(SignoffError, match="email"):
        sign_off(load(BASE), "icb", "Jane", None, DAY, email="jane\n@x")


@settings(deadline=None, max_examples=60)
@given(st.sampled_from(list(Status)), st.sampled_from(list(Status)), st.text(max_size=20))
def test_move_never_crashes_and_only_allowed_moves_happen(old: Status, new: Status, why: str) -> None:
    pathway = _signed().model_copy(update={"status": old})
    try:
        moved = move(pathway, new, why)
    except SignoffError:
        return
    assert new in lifecycle.MOVES[old]
    assert moved.pathway.status is new
    assert moved.revision == lifecycle.is_revision(old, new)
    if moved.revision:
        assert moved.pathway.signoffs == []


def test_same_person_by_email_when_both_have_one() -> None:
    a, b = _signed("Ann", "Ann", icb="a@x.org", trust="b@x.org").signoffs
    assert not same_person(a, b)
    c, d = _signed("Ann", "ann").signoffs
    assert same_person(c, d)
