"""The app's forms through AppTest: each calls one library operation with the form's values, and
bringing others' saves in keeps a person's unsaved changes."""

from __future__ import annotations

from app_driving import edit_cells, open_tab, save, texts
from streamlit.testing.v1 import AppTest

from pathway_designer import load_text
from pathway_designer.model import Pathway


def draft(at: AppTest) -> Pathway:
    return load_text(at.session_state["pd_draft"])


def test_add_and_connect_steps(person):
    at = open_tab(person(), "Steps")
    at.text_input(key="add_label").input("Home hazard check")
    at.selectbox(key="add_after").set_value("assessment")
    at.selectbox(key="add_then").set_value("risk")
    at.selectbox(key="add_owner").set_value("ageuk")
    at.text_input(key="add_wait").input("3d")
    at.button(key="add_step_submit").click().run()
    added = "Added the step 'Home hazard check' between 'Falls risk assessment' and 'Is the risk high?'"
    assert added in texts(at)
    step = draft(at).step("home-hazard-check")
    assert (step.owner, step.wait, step.setting) == ("ageuk", "3d", None)  # an empty choice is not given
    at.radio(key="steps_action").set_value("connect").run()
    at.selectbox(key="connect_from").set_value("referral")
    at.selectbox(key="connect_to").set_value("discharge")
    at.text_input(key="connect_when").input("Already supported")
    at.button(key="connect_submit").click().run()
    ways = [(t.from_, t.to, t.when, t.handoff) for t in draft(at).transitions]
    assert ("referral", "discharge", "Already supported", None) in ways


def test_partners_and_the_pathways_details(person):
    at = open_tab(person(), "Partners")
    at.text_input(key="org_name").input("Fire and Rescue")
    at.selectbox(key="org_role").set_value("other")
    at.button(key="add_org_submit").click().run()
    assert draft(at).organisation("fire-and-rescue") is not None
    at.selectbox(key="remove_org").set_value("ageuk").run()
    assert "leaves 1 step with no owner" in texts(at)
    at.button(key="remove_org_confirm").click().run()
    assert draft(at).organisation("ageuk") is None
    at.text_input(key="about_title").input("Falls prevention in the North")
    at.text_input(key="about_area").input("")
    at.button(key="about_submit").click().run()
    assert "Changed the pathway's details" in texts(at) and draft(at).title == "Falls prevention in the North"


def test_outcomes_and_involvement_forms(person):
    at = open_tab(person(), "Outcomes and involvement")
    at.text_input(key="outcome_measure").input("People who feel safe at home")
    at.selectbox(key="outcome_direction").set_value("higher")
    at.multiselect(key="outcome_at").set_value(["discharge"])
    at.button(key="add_outcome_submit").click().run()
    pathway = draft(at)
    assert "people-who-feel-safe-at-home" in pathway.step("discharge").measures
    at.selectbox(key="remove_outcome").set_value("falls-12m")
    at.button(key="remove_outcome_submit").click().run()
    assert [o.id for o in draft(at).outcomes] == ["people-who-feel-safe-at-home"]
    at.text_input(key="inv_who").input("Carers' forum")
    at.text_input(key="inv_how").input("Co-design workshop")
    at.button(key="add_involvement_submit").click().run()
    assert [i.who for i in draft(at).involvement] == ["Older people's forum", "Carers' forum"]
    at.selectbox(key="remove_involvement").set_value(0)
    at.button(key="remove_involvement_submit").click().run()
    assert [i.who for i in draft(at).involvement] == ["Carers' forum"]


def test_bringing_others_save_in_keeps_my_unsaved_change(person):
    amina, sam = person(), person("Sam Lee", "North Integrated Care Board", "commissioner")
    edit_cells(open_tab(amina, "Steps"), "steps", {1: {"label": "Home falls assessment"}})
    edit_cells(open_tab(sam, "Steps"), "steps", {3: {"modality": "Tai chi"}})
    save(sam, "Tai chi is what people asked for")
    amina.run()
    amina.button(key="bring_in").click().run()
    assert not amina.exception, amina.exception
    assert "Brought in v2; your unsaved changes are kept." in texts(amina)
    pathway = draft(amina)
    assert pathway.step("assessment").label == "Home falls assessment"
    assert pathway.step("strength").modality == "Tai chi"
