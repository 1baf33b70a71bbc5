"""The workshop app through AppTest: each test is a participant (or two) on a temporary workspace."""

from __future__ import annotations

from pathlib import Path

from app_driving import APP, diagrams, edit_cells, git, open_tab, save, texts
from streamlit.testing.v1 import AppTest

from pathway_designer import fingerprint
from pathway_designer.store import Workspace


def test_choose_a_pathway(workspace: Path):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Welcome to the pathway workshop"
    at.text_input(key="me_name").input("Sam Lee")
    at.selectbox(key="me_org_choice").set_value("North Integrated Care Board")
    at.radio(key="me_role").set_value("commissioner")
    at.button(key="identity_submit").click().run()
    assert not at.exception
    assert at.title[0].value == "Pathway workshop"
    assert "Falls prevention for older people" in texts(at)
    at.text_input(key="search").input("falls").run()
    at.button(key="open-falls").click().run()
    assert not at.exception
    assert at.query_params["pathway"] == ["falls"] or at.query_params["pathway"] == "falls"
    assert at.title[0].value == "Falls prevention for older people"
    assert len(diagrams(at)) == 1
    assert "You:" in at.sidebar.markdown[0].value and "Sam Lee" in at.sidebar.markdown[0].value


def test_edit_a_step(person):
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {1: {"label": "Home falls assessment", "wait": "3d"}})
    assert "Changed name and wait to start of 'Home falls assessment'" in texts(at)
    draft = at.session_state["pd_draft"]
    assert "label: Home falls assessment" in draft and "wait: 3d" in draft
    assert "unsaved changes" in texts(at)
    # an edit the format refuses is not kept, and says why
    gen = at.session_state["pd_gen"]
    edit_cells(at, "steps", {0: {"wait": "two days"}})
    assert "Not kept" in texts(at) and "'two days' is not a length of time" in texts(at)
    assert "wait: 2d" in at.session_state["pd_draft"]
    # the typed text stays in its cell (the editor is not started again), so it can be fixed
    assert at.session_state["pd_gen"] == gen
    # a time in words is taken, and shown in words
    edit_cells(at, "steps", {0: {"wait": "1 day 4 hours"}})
    assert "wait: 28h" in at.session_state["pd_draft"] and "Not kept" not in texts(at)


def test_step_details_form_keeps_one_change(person):
    at = open_tab(person(), "Steps")
    at.radio(key="steps_action").set_value("detail").run()
    at.selectbox(key="detail_step").set_value("risk").run()
    k = f"risk_{at.session_state['pd_gen']}"
    at.text_area(key=f"detail_description_{k}").input("Asked at the home visit")
    at.text_area(key=f"detail_barriers_{k}").input("No phone\n\nHard of hearing")
    at.text_input(key=f"detail_when_3_{k}").input("Low risk")
    at.button(key="details_submit").click().run()
    assert not at.exception, at.exception
    assert "Kept the details of 'Is the risk high?'" in texts(at)
    draft = at.session_state["pd_draft"]
    assert "Asked at the home visit" in draft and "- Hard of hearing" in draft and "Low risk" in draft


def test_save_with_a_reason_makes_a_commit(person, workspace: Path):
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {3: {"setting": "home"}})
    at.button(key="save_submit").click().run()
    assert "Please say why" in texts(at)
    save(at, "Classes at home for people who cannot travel")
    assert "Saved v2" in texts(at)
    assert "No unsaved changes" in texts(at)
    log = git(workspace, "log", "-1", "--format=%an%n%B", "--", "pathways/falls.yaml")
    assert log.startswith("Amina Khan\nClasses at home for people who cannot travel")
    assert "Organisation: Age UK North" in log
    assert "setting: home" in git(workspace, "show", "HEAD:pathways/falls.yaml")


def test_stale_save_is_merged_and_announced(person, workspace: Path):
    amina, sam = person(), person("Sam Lee", "North Integrated Care Board", "commissioner")
    edit_cells(open_tab(amina, "Steps"), "steps", {1: {"label": "Home falls assessment"}})
    edit_cells(open_tab(sam, "Steps"), "steps", {3: {"modality": "Tai chi"}})
    save(sam, "Tai chi is what people asked for")
    amina.run()  # the live check runs with the page (its timer never fires in AppTest)
    assert "Sam Lee (North Integrated Care Board) saved v2: Tai chi is what people asked for" in texts(amina)
    assert "label: Home falls assessment" in amina.session_state["pd_draft"]  # unsaved edit kept
    save(amina, "The assessment happens at home")
    assert "Saved v3" in texts(amina) and "both sets of changes are kept" in texts(amina)
    final = Workspace(workspace).pathway("falls")
    assert final.step("assessment").label == "Home falls assessment"
    assert final.step("strength").modality == "Tai chi"


def test_true_conflict_is_shown_and_settled(person, workspace: Path):
    amina, sam = person(), person("Sam Lee", "North Integrated Care Board", "commissioner")
    edit_cells(open_tab(amina, "Steps"), "steps", {1: {"wait": "3d", "label": "Home assessment"}})
    edit_cells(open_tab(sam, "Steps"), "steps", {1: {"wait": "2w"}})
    save(sam, "Two weeks is realistic")
    save(amina, "Three days is the standard")
    assert "Choose what to keep" in texts(amina)
    assert Workspace(workspace).latest("falls").label == "v2"  # nothing overwritten
    panel = texts(amina)
    # in words, with the step's label: mine, theirs, before
    assert "The step “Home assessment”: wait to start" in panel
    assert "*Yours:* 3 days" in panel and "2 weeks" in panel and "*Before either of you:* 1 week" in panel
    amina.radio(key="choice-0").set_value("theirs")
    amina.button(key="settle").click().run()
    assert not amina.exception
    assert "Saved v3" in texts(amina)
    final = Workspace(workspace).pathway("falls").step("assessment")
    assert (final.wait, final.label) == ("2w", "Home assessment")  # their wait, and my label
    assert "Choose what to keep" not in texts(amina)


def test_comments_on_a_step(person, workspace: Path):
    jo = person("Jo Carer", "Carers' group", "carer")
    before = fingerprint(Workspace(workspace).pathway("falls"))
    open_tab(jo, "Comments")
    jo.selectbox(key="comment_step").set_value("strength")
    jo.text_area(key="comment_text").input("The hall has no bus after 4pm")
    jo.button(key="comment_submit").click().run()
    assert not jo.exception
    assert "The hall has no bus after 4pm" in texts(jo)
    open_tab(jo, "Steps")
    jo.radio(key="steps_action").set_value("detail").run()
    jo.selectbox(key="detail_step").set_value("strength").run()
    assert "Comments on this step (1)" in texts(jo) and "The hall has no bus after 4pm" in texts(jo)
    ws = Workspace(workspace)
    assert [c.text for c in ws.comments("falls", "strength")] == ["The hall has no bus after 4pm"]
    assert fingerprint(ws.pathway("falls")) == before and ws.latest("falls").label == "v1"
    assert "Jo Carer" in git(workspace, "log", "-1", "--format=%an", "--", "comments")


def test_sign_off(person, workspace: Path):
    sam = open_tab(person("Sam Lee", "North Integrated Care Board", "commissioner"), "Sign-off")
    assert "For **North Integrated Care Board**, as **Sam Lee**" in texts(sam)  # their own organisation only
    sam.text_input(key="signoff_role").input("Head of commissioning")
    sam.button(key="signoff_submit").click().run()
    assert not sam.exception
    assert "Saved v2: Sign-off by Sam Lee for North Integrated Care Board" in texts(sam)
    table = sam.dataframe[0].value
    assert list(table["Signed by"]) == ["Sam Lee"] and list(table["Still holds?"]) == ["Yes"]
    # agreed needs a provider's sign-off too
    sam.selectbox(key="status_new").set_value("agreed")
    sam.text_input(key="status_why").input("Agreed at the board")
    sam.button(key="status_submit").click().run()
    assert "cannot be agreed yet" in texts(sam)
    # a change after signing makes the sign-off stale
    edit_cells(open_tab(sam, "Steps"), "steps", {0: {"wait": "1d"}})
    open_tab(sam, "Sign-off")
    assert list(sam.dataframe[0].value["Still holds?"]) == ["No: the pathway changed since; sign again"]


def test_export_buttons_are_present(person):
    at = open_tab(person(), "Export")
    keys = {b.key for b in at.get("download_button")}
    assert {"download_pack", "download_svg", "download_png", "download_pdf", "download_dot",
            "download_mermaid", "download_yaml"} <= keys


def test_bad_yaml_edit_keeps_the_text(person):
    at = open_tab(person(), "YAML (expert)")
    good = at.session_state["pd_draft"]
    bad = good.replace("title: Falls prevention for older people", "title: [Falls prevention")
    at.text_area(key="yaml_text").input(bad).run()
    assert not at.exception
    assert "cannot be read" in texts(at)
    assert at.text_area(key="yaml_text").value == bad
    assert at.session_state["pd_draft"] == good
    open_tab(at, "Steps")
    open_tab(at, "YAML (expert)")  # still there after looking elsewhere
    assert at.text_area(key="yaml_text").value == bad
    fixed = good.replace("title: Falls prevention for older people", "title: Falls prevention")
    at.text_area(key="yaml_text").input(fixed).run()
    assert at.title[0].value == "Falls prevention" and "cannot be read" not in texts(at)


def test_a_save_the_disk_refuses_says_so_and_keeps_the_draft(person, workspace: Path, monkeypatch):
    from pathway_designer.store import Workspace as Store
    from pathway_designer.store.errors import WriteFailed

    def full(*args: object, **kwargs: object) -> object:
        raise WriteFailed("the disk is full, so nothing was saved")

    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {3: {"setting": "home"}})
    before = git(workspace, "rev-parse", "HEAD")
    monkeypatch.setattr(Store, "save", full)
    save(at, "Classes at home")
    assert not at.exception
    assert "Not saved: the disk is full" in texts(at) and "still here, unsaved" in texts(at)
    assert "setting: home" in at.session_state["pd_draft"]
    assert git(workspace, "rev-parse", "HEAD") == before
