"""Signing off as who you are, and who a signed-in person is (the login's name and email, the
organisation from the configured mapping or chosen once and recorded)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from pathway_designer import load_text
from pathway_designer.partnership.signoff import SignoffError
from pathway_designer.store import Workspace
from pathway_designer.store.memberships import Memberships
from pathway_designer.workshop.access import Access, IdentityError, make_identity
from pathway_designer.workshop.signin import login_claims, organisation_for, signed_in_identity
from pathway_designer.workshop.signing import own_organisation, sign_as

PATHWAY = """\
format: 1
id: falls
title: Falls prevention
organisations:
  - id: icb
    name: Humber and North Yorkshire ICB
    role: commissioner
  - id: trust
    name: Humber Community Health NHS Trust
    role: nhs-provider
steps:
  - id: start
    label: Referral
    kind: entry
    owner: trust
"""
DAY = dt.date(2026, 12, 1)


def test_a_person_signs_for_their_own_organisation_only() -> None:
    pathway = load_text(PATHWAY)
    ann = make_identity("Ann Lee", "humber and north yorkshire  ICB", "commissioner", email="ann@icb.nhs.uk")
    assert own_organisation(pathway, ann).id == "icb"
    (s,) = sign_as(pathway, ann, "Head of commissioning", DAY).signoffs
    assert (s.organisation, s.name, s.email, s.role, s.date) == (
        "icb", "Ann Lee", "ann@icb.nhs.uk", "Head of commissioning", DAY
    )
    outsider = make_identity("Bo", "Age UK East Riding", "provider")
    with pytest.raises(SignoffError, match="You joined as Age UK East Riding, which is not one of"):
        sign_as(pathway, outsider)
    viewer = make_identity("Cy", "Humber Community Health NHS Trust", "provider", Access.VIEWER)
    with pytest.raises(SignoffError, match="editor access"):
        sign_as(pathway, viewer)


SECRETS = {
    "organisations": {
        "ann@icb.nhs.uk": "Humber and North Yorkshire ICB",
        "@trust.nhs.uk": "Humber Community Health NHS Trust",
        "nhs.net": "An NHS mail user",
    }
}


@pytest.mark.parametrize(
    ("email", "organisation"),
    [
        ("Ann@ICB.nhs.uk", "Humber and North Yorkshire ICB"),  # the address
        ("sam@trust.nhs.uk", "Humber Community Health NHS Trust"),  # its domain
        ("x@mail.nhs.net", "An NHS mail user"),  # a parent domain
        ("bob@icb.nhs.uk", None),  # another address at a domain only one address of is mapped
        ("not-an-email", None),
        ("", None),
    ],
)
def test_the_configured_mapping(email: str, organisation: str | None) -> None:
    assert organisation_for(email, SECRETS) == organisation
    assert organisation_for(email, {}) is None


def test_the_login_gives_name_and_email() -> None:
    assert login_claims({"name": " Ann  Lee ", "email": "ann@icb.nhs.uk"}) == ("Ann Lee", "ann@icb.nhs.uk")
    assert login_claims({"given_name": "Ann", "family_name": "Lee"}) == ("Ann Lee", None)
    assert login_claims({"email": "ann@icb.nhs.uk"}) == ("ann", "ann@icb.nhs.uk")
    with pytest.raises(IdentityError, match="did not say your name"):
        login_claims({})


def test_a_signed_in_person_is_from_the_mapped_organisation_whatever_they_choose(tmp_path: Path) -> None:
    book = Memberships(tmp_path)
    user = {"name": "Ann Lee", "email": "ann@icb.nhs.uk"}
    ann = signed_in_identity(user, SECRETS, book, "commissioner", Access.EDITOR, chosen="Another trust")
    assert (ann.name, ann.email, ann.organisation, ann.signed_in) == (
        "Ann Lee", "ann@icb.nhs.uk", "Humber and North Yorkshire ICB", True
    )
    assert book.organisation("ann@icb.nhs.uk") is None  # a mapping needs no record


def test_an_organisation_chosen_once_is_recorded_and_holds(tmp_path: Path) -> None:
    book = Memberships(tmp_path)
    user = {"name": "Dee", "email": "dee@example.org"}
    with pytest.raises(IdentityError, match="which organisation"):
        signed_in_identity(user, {}, book, "provider", Access.EDITOR)
    first = signed_in_identity(user, {}, book, "provider", Access.EDITOR, chosen="Age UK East Riding")
    later = signed_in_identity(user, {}, book, "provider", Access.EDITOR, chosen="Humber ICB")
    assert first.organisation == later.organisation == "Age UK East Riding"
    assert book.record("DEE@example.org", "Something else") == "Age UK East Riding"
    (record,) = (tmp_path / "organisations").glob("*.json")
    recorded = json.loads(record.read_text())
    assert recorded == {"email": "dee@example.org", "organisation": "Age UK East Riding"}
    assert "dee" not in record.name  # the address never makes a path
    record.write_text("[" * 5000)  # damaged past what Python's parser can nest: no record, no crash
    assert book.organisation("dee@example.org") is None


def test_a_bad_choice_is_refused_before_it_is_recorded(tmp_path: Path) -> None:
    book = Memberships(tmp_path)
    user = {"name": "Dee", "email": "dee@example.org"}
    with pytest.raises(IdentityError):
        signed_in_identity(user, {}, book, "provider", Access.EDITOR, chosen="<script>")
    assert book.organisation("dee@example.org") is None


def test_two_sessions_choosing_at_once_end_with_one_organisation(tmp_path: Path) -> None:
    book = Memberships(tmp_path)
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda n=n: results.append(book.record("e@x.org", f"Org {n}")))
        for n in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and results[0] == book.organisation("e@x.org")


def test_the_workspace_keeps_memberships_in_gits_folder_uncommitted(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws", seed=[])
    ws.memberships.record("ann@icb.nhs.uk", "Humber and North Yorkshire ICB")
    assert ws.memberships.organisation("ann@icb.nhs.uk") == "Humber and North Yorkshire ICB"
    assert list((tmp_path / "ws" / ".git").rglob("organisations/*.json"))
    tree = [p for p in (tmp_path / "ws").rglob("*.json") if ".git" not in p.parts]
    assert not [p for p in tree if "organisations" in str(p)]
