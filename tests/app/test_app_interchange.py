"""The app's import ("Start a new pathway" from a BPMN or FHIR file) and its BPMN/FHIR exports."""

from __future__ import annotations

import json
from pathlib import Path

from app_driving import git, open_tab, save, texts
from app_helpers import SMALL
from fhir.resources.plandefinition import PlanDefinition

from pathway_app import export
from pathway_designer import load_text
from pathway_designer.interchange.fhir_export import plan_definition_json

SAMPLES = Path(__file__).resolve().parents[1] / "interchange" / "fhir"


def _upload(at, name: str, data: bytes):  # type: ignore[no-untyped-def]
    at.file_uploader(key="import_file").set_value((name, data, "application/json"))
    at.run()
    assert not at.exception, at.exception
    return at


def _plan(pathway_id: str = "falls-elsewhere") -> bytes:
    pathway = load_text(SMALL).model_copy(update={"id": pathway_id, "title": "Falls, as another area has it"})
    return plan_definition_json(pathway).encode()


def test_an_export_comes_in_whole_opens_unsaved_and_is_saved_with_a_reason(person, workspace):  # type: ignore[no-untyped-def]
    at = _upload(person(pathway=None), "falls.json", _plan())
    assert "Brought in whole" in texts(at)
    at.button(key="import_open").click().run()
    assert not at.exception, at.exception
    assert at.query_params["pathway"] == "falls-elsewhere"
    page = texts(at)
    assert "Falls, as another area has it" in page and "not saved yet" in page and "unsaved changes" in page
    assert "falls-elsewhere" not in git(workspace, "ls-files")
    save(at, "Brought in from the neighbouring area's FHIR file")
    assert not at.exception, at.exception
    assert "pathways/falls-elsewhere.yaml" in git(workspace, "ls-files")
    assert "neighbouring area" in git(workspace, "log", "-1", "--format=%B")


def test_others_files_show_what_was_guessed_in_words(person):  # type: ignore[no-untyped-def]
    at = _upload(person(pathway=None), "cpg.json", (SAMPLES / "cpg-hypertension.json").read_bytes())
    main_text = "\n".join(m.value for m in at.markdown) + "\n".join(str(i.value) for i in at.info)
    assert "things to look at" in main_text
    assert "Measure clinic blood pressure" in main_text and "Worth discussing" in main_text
    for element_id in ("action[0]", "choose-treatment", "ace-inhibitor", "definitionCanonical"):
        assert element_id not in main_text
    details = "\n".join(c.value for c in at.caption).replace("\\", "")  # markdown escapes removed
    assert "In the file: action[0].definitionCanonical" in details
    assert at.button(key="import_open").label.startswith("Open")


def test_a_taken_id_gets_a_free_one(person):  # type: ignore[no-untyped-def]
    at = _upload(person(pathway=None), "falls.json", _plan("falls"))
    at.button(key="import_open").click().run()
    assert at.query_params["pathway"] == "falls-2"
    assert load_text(at.session_state["pd_draft"]).id == "falls-2"


def test_bad_files_say_why_and_open_nothing(person):  # type: ignore[no-untyped-def]
    at = _upload(person(pathway=None), "broken.json", b'{"resourceType": "PlanDefinition",')
    assert "could not be brought in" in texts(at) and "not JSON" in texts(at)
    assert "import_open" not in {b.key for b in at.button}
    at = _upload(at, "notes.xml", b"hello")  # .xml is read as BPMN: not XML, so nothing opens
    assert "could not be brought in" in texts(at)
    assert "import_open" not in {b.key for b in at.button}


def test_a_bpmn_process_map_comes_in_with_its_lanes_and_notes_in_words(person, workspace):  # type: ignore[no-untyped-def]
    from pathway_designer.interchange.bpmn_export import export_bpmn

    pathway = load_text(SMALL).model_copy(update={"id": "falls-map", "title": "Falls, from a process map"})
    at = _upload(person(pathway=None), "falls-map.bpmn", export_bpmn(pathway).data)
    at.button(key="import_open").click().run()
    assert not at.exception, at.exception
    assert at.query_params["pathway"] == "falls-map"
    draft = load_text(at.session_state["pd_draft"])
    assert [s.label for s in draft.steps] == [s.label for s in pathway.steps]
    assert {o.name for o in draft.organisations} == {o.name for o in pathway.organisations}
    assert "falls-map" not in git(workspace, "ls-files")  # unsaved until someone saves it with a reason


def test_the_export_tab_offers_fhir_with_the_saved_commit(person, workspace):  # type: ignore[no-untyped-def]
    at = open_tab(person(), "Export")
    keys = {b.key for b in at.get("download_button")}
    assert {f"download_{name}" for name in export.INTERCHANGE} <= keys
    assert "download_fhir" in keys
    head = git(workspace, "rev-parse", "HEAD").strip()
    plan = json.loads(export.interchange(at.session_state["pd_draft"], "fhir", head))
    PlanDefinition.model_validate(plan)
    assert plan["version"] == head and plan["title"] == "Falls prevention for older people"


def test_every_tab_works_on_a_pathway_not_saved_yet(person):  # type: ignore[no-untyped-def]
    at = _upload(person(pathway=None), "referral.json", (SAMPLES / "referral-with-actors.json").read_bytes())
    at.button(key="import_open").click().run()
    assert not at.exception, at.exception
    from pathway_app import TABS

    for tab in TABS:
        open_tab(at, tab)
    assert "Memory assessment referral" in texts(at)
    assert load_text(at.session_state["pd_draft"]).step("assess") is not None


def test_the_pack_of_a_pathway_not_saved_yet(person):  # type: ignore[no-untyped-def]
    at = _upload(person(pathway=None), "falls.json", _plan())
    at.button(key="import_open").click().run()
    page = export.pack(at.session_state["pd_draft"], "falls-elsewhere", "organisation", "TB", "not saved yet")
    assert "Falls, as another area has it" in page
