"""BPMN files of each construct, and files saved by a real modeller (bpmn-js), each with its
expected pathway (<name>.yaml) and notes (<name>.notes: rule, BPMN element id, line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bpmn_data import DATA

from pathway_designer import dump, load, load_text
from pathway_designer.finding import Severity
from pathway_designer.interchange.bpmn_import import import_bpmn_bytes, import_bpmn_file
from pathway_designer.model import Role

ROOT = Path(__file__).resolve().parents[2]
CONSTRUCTS = sorted(DATA.glob("*.bpmn"))
SAVED = sorted((DATA / "saved").glob("*.bpmn"))


def _notes(path: Path) -> list[str]:
    imported = import_bpmn_file(path)
    return [f"{n.element or '-'} {n.finding.rule} {n.finding.line or '-'}"
            for n in imported.notes if n.finding.rule.startswith("bpmn-")]


@pytest.mark.parametrize("path", CONSTRUCTS, ids=lambda p: p.stem)
def test_each_construct_gives_its_pathway(path: Path) -> None:
    imported = import_bpmn_file(path)
    assert imported.pathway is not None
    expected = path.with_suffix(".yaml").read_text(encoding="utf-8")
    assert imported.text() == expected
    assert dump(load_text(expected), header="") == expected  # canonical, and a pathway


@pytest.mark.parametrize("path", CONSTRUCTS, ids=lambda p: p.stem)
def test_each_construct_says_what_it_could_not_carry(path: Path) -> None:
    expected = [line.split() for line in path.with_suffix(".notes").read_text().splitlines()]
    assert _notes(path) == [f"{element} {rule} {line}" for rule, element, line in expected]


@pytest.mark.parametrize("path", CONSTRUCTS, ids=lambda p: p.stem)
def test_notes_name_the_element_and_its_line_in_words_not_ids(path: Path) -> None:
    for note in import_bpmn_file(path).notes:
        if not note.finding.rule.startswith("bpmn-") or note.finding.rule == "bpmn-kind-guessed":
            continue
        assert note.element and note.finding.line, note
        # the id is a detail beside the text, never in it
        assert f"'{note.element}'" not in note.finding.message
        assert f'"{note.element}"' not in note.finding.message or note.element in (path.read_text())


@pytest.mark.parametrize("path", [p for p in SAVED if (ROOT / "pathways" / f"{p.stem}.yaml").exists()],
                         ids=lambda p: p.stem)
def test_files_saved_by_bpmn_js_read_back_as_the_example(path: Path) -> None:
    imported = import_bpmn_file(path)
    assert imported.pathway is not None
    assert not [n for n in imported.notes if n.finding.rule.startswith("bpmn-")]
    example = load(ROOT / "pathways" / f"{path.stem}.yaml")
    assert dump(imported.pathway, header="") == dump(example, header="")


def test_a_hand_written_file_saved_by_bpmn_js_reads_as_the_original() -> None:
    saved = import_bpmn_file(DATA / "saved" / "lanes.bpmn")
    assert saved.text() == (DATA / "lanes.yaml").read_text(encoding="utf-8")


def test_roles_given_for_lanes_by_name_or_id_are_used() -> None:
    roles = {"Memory clinic": Role.NHS_PROVIDER, "Lane_gp": Role.PRIMARY_CARE}
    imported = import_bpmn_file(DATA / "lanes.bpmn", roles)
    assert imported.pathway is not None
    assert [(o.name, o.role) for o in imported.pathway.organisations] == [
        ("Oak Lane GP practice", Role.PRIMARY_CARE), ("Memory clinic", Role.NHS_PROVIDER)]
    assert not [n for n in imported.notes if n.finding.rule == "bpmn-role-needed"]


def test_a_step_of_every_lane_is_owned_by_its_organisation() -> None:
    pathway = import_bpmn_file(DATA / "lanes.bpmn").pathway
    assert pathway is not None
    owners = {s.label: s.owner for s in pathway.steps}
    assert owners["GP assessment"] == "oak-lane-gp-practice"
    assert owners["Brain scan"] == "memory-clinic"


def test_the_import_is_checked_like_any_pathway() -> None:
    imported = import_bpmn_file(DATA / "parallel.bpmn")
    rules = {n.finding.rule for n in imported.notes}
    assert "no-outcomes" in rules  # the pathway's own findings follow the import's notes
    assert all(n.finding.file == str(DATA / "parallel.bpmn") for n in imported.notes)


def test_a_file_with_no_process_is_no_pathway_and_says_so() -> None:
    data = b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"/>'
    imported = import_bpmn_bytes(data, "empty.bpmn")
    assert imported.pathway is None
    assert [n.finding.rule for n in imported.notes] == ["bpmn-no-steps"]
    assert imported.notes[0].finding.severity is Severity.ERROR
