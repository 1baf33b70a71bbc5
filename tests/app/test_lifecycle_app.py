"""The lifecycle in the app: signing for your own organisation only, agreeing, then changing an
agreed pathway by starting a revision (no dead end), and retiring one that stays readable."""

from __future__ import annotations

import re
from pathlib import Path

from app_driving import diagram_words, diagrams, edit_cells, git, open_tab, save, texts
from streamlit.testing.v1 import AppTest

from pathway_designer.store import Workspace

ICB = "North Integrated Care Board"
TRUST = "Community Health Trust"


def _sign(at: AppTest, role: str = "") -> AppTest:
    open_tab(at, "Sign-off")
    if role:
        at.text_input(key="signoff_role").input(role)
    at.button(key="signoff_submit").click().run()
    assert not at.exception, at.exception
    return at


def _status(at: AppTest, status: str, why: str = "") -> AppTest:
    open_tab(at, "Sign-off")
    at.selectbox(key="status_new").set_value(status)
    at.text_input(key="status_why").input(why)
    at.button(key="status_submit").click().run()
    assert not at.exception, at.exception
    return at


def _agreed(person) -> tuple[AppTest, AppTest]:
    sam = _sign(person("Sam Lee", ICB, "commissioner"), "Head of commissioning")
    pat = _sign(person("Pat Jones", TRUST, "provider"))
    assert "Saved v3: Sign-off by Pat Jones for Community Health Trust" in texts(pat)
    _status(pat, "agreed", "Agreed at the joint board")
    assert "Saved v4" in texts(pat)
    return sam, pat


def test_agree_then_start_a_revision_without_the_yaml_tab(person, workspace: Path):
    _, pat = _agreed(person)
    ws = Workspace(workspace)
    assert ws.pathway("falls").status.value == "agreed"
    # an edit of the agreed pathway cannot be saved as it is: the save box offers a revision instead
    edit_cells(open_tab(pat, "Steps"), "steps", {0: {"wait": "1d"}})
    page = texts(pat)
    offer = "Start a revision: it goes back to review, and these partners will need to sign again: "
    assert f"{offer}{ICB} and {TRUST}." in page
    assert not [b for b in pat.button if b.key == "save_submit"]
    assert "status: draft" not in page and "Save your changes first" not in page
    # a reason is required, and says so beside the form
    pat.button(key="revision_submit_save").click().run()
    assert "Please say why you want to start a revision" in "\n".join(e.value for e in pat.error)
    assert ws.latest("falls").label == "v4"
    pat.text_input(key="revision_why_save").input("A new falls clinic opens in March")
    pat.button(key="revision_submit_save").click().run()
    assert not pat.exception, pat.exception
    revised = ws.pathway("falls")
    assert revised.status.value == "in-review" and revised.signoffs == []
    latest = ws.latest("falls")
    assert latest.label == "v5" and "A new falls clinic opens in March" in latest.rationale
    assert "A new falls clinic opens in March" in git(workspace, "log", "-1", "--format=%B")
    # the edit typed before is kept, now on a pathway in review, and saves as usual
    draft = pat.session_state["pd_draft"]
    assert "wait: 1d" in draft and "status: in-review" in draft and "signoffs" not in draft
    assert "To sign again" in texts(pat)
    save(pat, "Quicker referral")
    assert ws.latest("falls").label == "v6" and "wait: 1d" in ws.text("falls")
    # back in review: both must sign again before it is agreed again
    open_tab(pat, "Sign-off")
    assert "Still needed: a sign-off of this content from a commissioner and from a provider" in texts(pat)


def test_the_sign_off_tab_offers_a_revision_of_an_agreed_pathway(person, workspace: Path):
    _agreed(person)
    sam = open_tab(person("Sam Lee", ICB, "commissioner"), "Sign-off")
    assert f"these partners will need to sign again: {ICB} and {TRUST}" in texts(sam)
    assert "revision_submit_signoff" in {b.key for b in sam.button}
    sam.text_input(key="revision_why_signoff").input("Winter pressures")
    sam.button(key="revision_submit_signoff").click().run()
    assert Workspace(workspace).pathway("falls").status.value == "in-review"
    assert "The revision has started" in texts(sam)


def test_a_commissioner_cannot_sign_for_the_trust(person):
    sam = open_tab(person("Sam Lee", ICB, "commissioner"), "Sign-off")
    assert not [s for s in sam.selectbox if s.key == "signoff_org"]  # no "For" choice at all
    assert f"For **{ICB}**, as **Sam Lee**" in texts(sam)
    # someone whose organisation is not a partner cannot sign
    bo = open_tab(person("Bo Grey", "Another Council", "other"), "Sign-off")
    assert "not one of the partners of this pathway" in texts(bo)
    assert not [b for b in bo.button if b.key == "signoff_submit"]


def test_one_person_cannot_agree_for_both(person, workspace: Path):
    _sign(person("Sam Lee", ICB, "commissioner"))
    same = _sign(person("Sam Lee", TRUST, "provider"))
    _status(same, "agreed", "Agreed")
    errors = "\n".join(e.value for e in same.error)
    assert "signed for both the commissioner and the provider" in errors.replace("\\", "")
    assert Workspace(workspace).pathway("falls").status.value == "draft"


def test_a_retired_pathway_stays_readable_but_not_editable(person, workspace: Path):
    at = _status(person("Sam Lee", ICB, "commissioner"), "retired", "Replaced by the new service")
    ws = Workspace(workspace)
    assert ws.pathway("falls").status.value == "retired"
    assert "Replaced by the new service" in ws.latest("falls").rationale
    at.run()
    open_tab(at, "Sign-off")
    assert "This pathway is retired" in texts(at)
    assert not [b for b in at.button if b.key in ("signoff_submit", "status_submit", "save_submit")]
    assert "Starting a pathway needs editor access" not in texts(at)
    open_tab(at, "Export")
    assert "download_pack" in {b.key for b in at.get("download_button")}
    open_tab(at, "History")
    assert not at.exception


def test_retiring_needs_a_reason(person, workspace: Path):
    at = _status(person("Sam Lee", ICB, "commissioner"), "retired", " ")
    assert "Please say why you want to retire it" in "\n".join(e.value for e in at.error)
    assert Workspace(workspace).pathway("falls").status.value == "draft"


def test_a_change_that_keeps_the_agreement_saves_as_usual(person, workspace: Path):
    _agreed(person)
    at = open_tab(person("Sam Lee", ICB, "commissioner"), "YAML (expert)")
    text = at.session_state["pd_draft"]
    at.text_area(key="yaml_text").input(text.replace("status: agreed", "status: live")).run()
    assert "save_submit" in {b.key for b in at.button}  # no content change: no revision needed
    assert "revision_submit_save" not in {b.key for b in at.button}
    save(at, "Live from Monday")
    assert Workspace(workspace).pathway("falls").status.value == "live"


def test_a_revision_keeps_an_unreadable_draft_as_typed(person, workspace: Path):
    _agreed(person)
    at = open_tab(person("Sam Lee", ICB, "commissioner"), "YAML (expert)")
    broken = at.session_state["pd_draft"].replace("title: Falls", "title: [Falls")
    at.text_area(key="yaml_text").input(broken).run()
    at.session_state["pd_draft"] = broken  # the expert view keeps unreadable text aside: make it the draft
    at.run()
    at.text_input(key="revision_why_save").input("Rework")
    at.button(key="revision_submit_save").click().run()
    assert not at.exception, at.exception
    assert Workspace(workspace).pathway("falls").status.value == "in-review"
    assert at.session_state["pd_draft"] == broken


def test_an_unsaved_change_of_an_agreed_pathway_says_plainly_what_saving_it_starts(person):
    """Before the person chose to revise, the sign-offs the change makes stale are not shown as
    things that must be fixed (in the side panel, the findings or the diagram): the page says what
    will happen instead. Once the revision has started, the findings are the draft's own again."""
    _, pat = _agreed(person)
    edit_cells(open_tab(pat, "Steps"), "steps", {0: {"wait": "1d"}})
    plainly = f"Saving this will start a revision: {ICB} and {TRUST} will need to sign again."
    assert plainly in re.sub(r"\\(.)", r"\1", "\n".join(i.value for i in pat.sidebar.info))
    assert not [e for e in pat.sidebar.error if "must be fixed" in e.value]
    assert "signed it off" not in diagram_words(diagrams(pat)[0])  # on the diagram, in no tooltip
    open_tab(pat, "Findings and measures")
    assert plainly in texts(pat) and "signed it off" not in texts(pat)
    # a change that keeps the agreement (nothing but the status) says nothing of the kind
    pat.text_input(key="revision_why_save").input("A new falls clinic opens in March")
    pat.button(key="revision_submit_save").click().run()
    assert not pat.exception, pat.exception
    assert "Saving this will start a revision" not in texts(pat)
