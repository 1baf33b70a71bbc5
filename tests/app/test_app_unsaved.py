"""AppTest: unsaved drafts come back, messages appear beside their control, forms keep what was typed."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st
from app_driving import edit_cells, open_tab, save, texts


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _reopen(at, pathway: str = "falls"):
    at.query_params["pathway"] = pathway
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_draft_comes_back_after_all_pathways_and_back(person):
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {1: {"label": "Home falls assessment"}})
    at.button(key="back").click().run()
    assert "Your unsaved changes to 'Falls prevention for older people' are kept for you" in texts(at)
    _reopen(at)
    assert "label: Home falls assessment" in at.session_state["pd_draft"]
    assert "Your unsaved changes from" in texts(at) and "are back" in texts(at)
    assert "unsaved changes" in at.caption[0].value


def test_a_draft_comes_back_in_a_new_session_and_after_a_restart(person, workspace: Path):
    edit_cells(open_tab(person(), "Steps"), "steps", {1: {"wait": "3 days"}})
    st.cache_resource.clear()  # a new server process opens the workspace again
    again = person()
    assert "wait: 3d" in again.session_state["pd_draft"]
    assert "are back" in texts(again)
    # someone else's draft is their own
    assert "wait: 3d" not in person("Sam Lee", "North Integrated Care Board", "commissioner").session_state[
        "pd_draft"]


def test_others_saves_since_then_are_brought_in_as_usual(person, workspace: Path):
    edit_cells(open_tab(person(), "Steps"), "steps", {1: {"wait": "3 days"}})
    sam = person("Sam Lee", "North Integrated Care Board", "commissioner")
    edit_cells(open_tab(sam, "Steps"), "steps", {3: {"modality": "Tai chi"}})
    save(sam, "Tai chi is what people asked for")
    back = person()
    assert back.session_state["pd_base"].label == "v1"  # the version the draft started from
    back.button(key="bring_in").click().run()
    draft = back.session_state["pd_draft"]
    assert "wait: 3d" in draft and "modality: Tai chi" in draft


def test_saved_or_discarded_drafts_are_gone(person, workspace: Path):
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {1: {"wait": "3 days"}})
    save(at, "Three days is the standard")
    assert "Saved v2" in texts(at)
    assert "are back" not in texts(person())
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {1: {"wait": "5 days"}})
    at.button(key="discard_button").click().run()
    assert "wait: 5d" not in at.session_state["pd_draft"]
    assert "Your unsaved changes are discarded" in texts(at)
    assert "are back" not in texts(person()) and "wait: 5d" not in person().session_state["pd_draft"]
    drafts = workspace / ".git" / "pathway-designer" / "unsaved" / "drafts"
    assert not list(drafts.glob("*.json"))


def test_a_save_without_a_reason_says_so_beside_the_save_button(person):
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {1: {"wait": "3 days"}})
    at.button(key="save_submit").click().run()
    assert any("Please say why" in plain(e.value) for e in at.sidebar.error)
    assert not any("Please say why" in plain(e.value) for e in at.main.error)


def test_a_bad_wait_in_the_add_step_form_keeps_what_was_typed(person):
    at = open_tab(person(), "Steps")
    at.text_input(key="add_label").input("Crisis café")
    at.text_input(key="add_wait").input("two weeks")
    at.button(key="add_step_submit").click().run()
    assert any("'two weeks' is not a length of time" in plain(e.value) for e in at.main.error)
    assert at.text_input(key="add_label").value == "Crisis café"
    assert at.text_input(key="add_wait").value == "two weeks"
    at.text_input(key="add_wait").input("2 weeks")
    at.button(key="add_step_submit").click().run()
    assert "label: Crisis café" in at.session_state["pd_draft"] and "wait: 2w" in at.session_state["pd_draft"]
    assert at.text_input(key="add_label").value == ""  # ready for the next step


def test_a_step_after_a_decision_asks_which_way(person):
    at = open_tab(person(), "Steps")
    at.selectbox(key="add_after").set_value("risk").run()
    way = at.radio(key="add_branch_risk")
    assert way.options == ["When Yes: on to 'Strength and balance classes'",
                           "When No: on to 'Back to the GP with a plan'", "A new way on, for another answer"]
    way.set_value("__new__")
    at.text_input(key="add_label").input("Advice leaflet")
    at.text_input(key="add_when").input("Low risk")
    at.button(key="add_step_submit").click().run()
    assert not at.exception
    draft = at.session_state["pd_draft"]
    assert "to: advice-leaflet\n    when: Low risk" in draft
    assert "to: strength" in draft and "to: discharge" in draft




def test_who_you_are_is_remembered_by_a_token_and_forgotten_on_not_you(person, workspace: Path):
    at = person()
    token = at.session_state["pd_token"]
    people = workspace / ".git" / "pathway-designer" / "unsaved" / "people"
    assert len(list(people.glob("*.json"))) == 1
    written = next(people.glob("*.json")).read_text(encoding="utf-8")
    assert "Amina Khan" in written and token not in written
    at.button(key="change_identity").click().run()
    assert at.text_input(key="me_name") is not None  # asked again
    assert not list(people.glob("*.json"))
