"""sign_off and change_status: agreement recorded truthfully, never assumed."""

from __future__ import annotations

import datetime as dt

import pytest
from partnership_samples import BASE, edit, load

from pathway_designer import dump, fingerprint, load_text
from pathway_designer.model import Status
from pathway_designer.partnership.signoff import SignoffError, change_status, sign_off

DAY = dt.date(2026, 11, 20)


def test_sign_off_records_today_and_the_current_fingerprint() -> None:
    pathway = load(BASE)
    signed = sign_off(pathway, "icb", " Jane Smith ", "Head of Commissioning", DAY)
    (s,) = signed.signoffs
    assert (s.organisation, s.name, s.role, s.date) == ("icb", "Jane Smith", "Head of Commissioning", DAY)
    assert s.fingerprint == fingerprint(pathway) == fingerprint(signed)
    assert pathway.signoffs == []  # the pathway given is left as it was


def test_signing_again_replaces_the_organisations_earlier_sign_off() -> None:
    first = sign_off(load(BASE), "icb", "Jane Smith", None, DAY)
    first = sign_off(first, "trust", "Sam Jones", None, DAY)
    again = sign_off(first, "icb", "Ali Khan", None, DAY + dt.timedelta(days=3))
    assert [(s.organisation, s.name) for s in again.signoffs] == [("trust", "Sam Jones"), ("icb", "Ali Khan")]


def test_sign_off_by_an_unknown_organisation_is_refused_naming_the_known_ones() -> None:
    pathway = load(BASE)
    known = "; ".join(f"{o.name} ({o.id})" for o in pathway.organisations)
    with pytest.raises(SignoffError) as refused:
        sign_off(pathway, "nhse", "Jane Smith", None, DAY)
    assert str(refused.value) == (
        f"“nhse” is not an organisation of “{pathway.title}”: its organisations are {known}"
    )
    assert [o.id for o in pathway.organisations] == ["icb", "trust", "carers"]
    with pytest.raises(SignoffError, match="name"):
        sign_off(load(BASE), "icb", "  ", None, DAY)


def test_a_role_of_more_than_one_line_is_refused_and_a_blank_one_is_none() -> None:
    with pytest.raises(SignoffError, match="the role must be one line of plain text"):
        sign_off(load(BASE), "icb", "Jane Smith", "Head of\ncommissioning", DAY)
    assert sign_off(load(BASE), "icb", "Jane Smith", "  ", DAY).signoffs[0].role is None


def test_a_signed_pathway_dumps_and_loads_back_with_the_same_content() -> None:
    text = "# yaml-language-server: $schema=../schema/pathway.schema.json\n" + BASE
    signed = sign_off(load(text), "icb", "Jane Smith", None, DAY)
    written = dump(signed)
    assert written.startswith("# yaml-language-server")  # the header comment is kept
    again = load_text(written)
    assert again.signoffs == signed.signoffs
    assert fingerprint(again) == again.signoffs[0].fingerprint


def test_agreed_needs_a_commissioner_and_a_provider() -> None:
    with pytest.raises(SignoffError, match="from a commissioner and from a provider"):
        change_status(load(BASE), "agreed")
    only_icb = sign_off(load(BASE), "icb", "Jane Smith", None, DAY)
    with pytest.raises(SignoffError, match=r"cannot be live yet.*from a provider"):
        change_status(only_icb, Status.LIVE)
    both = sign_off(only_icb, "trust", "Sam Jones", None, DAY)
    assert change_status(both, "agreed").status is Status.AGREED


def test_agreed_needs_sign_offs_of_the_current_content() -> None:
    signed = sign_off(sign_off(load(BASE), "icb", "J", None, DAY), "trust", "S", None, DAY)
    edited = load(edit(dump(signed), "wait: 6w", "wait: 8w"))
    with pytest.raises(SignoffError, match="current content from a commissioner and from a provider"):
        change_status(edited, "agreed")


def test_other_statuses_need_no_sign_off_and_a_wrong_status_is_refused() -> None:
    assert change_status(load(BASE), "in-review").status is Status.IN_REVIEW
    assert change_status(load(BASE), "retired").status is Status.RETIRED
    with pytest.raises(SignoffError, match="'done' is not a status; use one of draft, in-review"):
        change_status(load(BASE), "done")
