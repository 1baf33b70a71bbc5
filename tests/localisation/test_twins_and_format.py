"""Twins found without knowing ids, and `based-on` in both spellings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from localisation_helpers import NATIONAL, WHO, edit, national_workspace, run, save

from pathway_designer import PathwayError, dump, load_text
from pathway_designer.changes.diff import diff_pathways
from pathway_designer.changes.merge import merge_pathways
from pathway_designer.format.schema import json_schema
from pathway_designer.localisation.twins import similarity, twins
from pathway_designer.model import BasedOn

BARE = edit(NATIONAL, "id: crisis-national\n", "id: crisis-rural\n").replace(
    "status: draft\n", "status: draft\nbased-on: crisis-national\n"
)


def test_twins_share_a_base_adapt_one_another_or_look_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = national_workspace(tmp_path)
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(ws.root))
    for new_id, area in (("crisis-ryedale", "Ryedale"), ("crisis-leeds", "Leeds")):
        title = f"Adult crisis pathway ({area})"
        assert run(capsys, "adapt", "crisis-national", new_id, "--title", title, *WHO)[0] == 0
        text = edit(ws.text(new_id), "  geography: mixed\n", f"  area: {area}\n  geography: "
                    f"{'rural' if area == 'Ryedale' else 'urban'}\n")
        save(ws, text, "Our area")
    unrelated = edit(NATIONAL, "id: crisis-national", "id: falls").replace(
        "title: Adult crisis pathway (national)", "title: Falls prevention")
    for old, new in (("Help sought in a crisis", "Fall reported"),
                     ("Crisis team triage", "Strength"), ("Home treatment team", "Balance class"),
                     ("Crisis café", "Home hazards visit"), ("Home with a crisis plan", "Review at a year")):
        unrelated = unrelated.replace(old, new)
    save(ws, unrelated, "Another pathway")
    status, out, _ = run(capsys, "twins", "--format", "json")
    assert status == 0
    found = json.loads(out)["twins"]
    pairs = [({t["a"]["id"], t["b"]["id"]}, t["reason"]) for t in found]
    assert pairs[0] == ({"crisis-ryedale", "crisis-leeds"}, "share a base")
    assert ({"crisis-national", "crisis-leeds"}, "adapts") in pairs
    assert not any("falls" in ids for ids, _ in pairs)
    assert found[0]["a"]["geography"] in ("rural", "urban") and found[0]["a"]["area"] in ("Ryedale", "Leeds")
    _, out, _ = run(capsys, "twins")
    assert "both adapt the same base pathway" in out and "Ryedale, rural" in out and "crisis-" not in out


def test_alike_by_title_and_steps_without_a_base() -> None:
    a = load_text(NATIONAL)
    b = load_text(edit(NATIONAL, "id: crisis-national", "id: crisis-leeds").replace("(national)", "(urban)"))
    assert similarity(a, b) == 1.0  # "national" and "urban" say where, not what
    assert [t.reason for t in twins([a, b])] == ["alike"]
    other = load_text(edit(NATIONAL, "title: Adult crisis pathway (national)", "title: Something else"))
    assert 0 < similarity(a, other) < 1


def test_based_on_keeps_its_spelling_and_its_meaning() -> None:
    bare = load_text(BARE)
    assert (bare.base_id, bare.base_version, bare.base_repository) == ("crisis-national", None, None)
    assert dump(bare) == BARE  # an old file's bytes, and so its fingerprint, do not change
    mapping = BARE.replace(
        "based-on: crisis-national\n",
        "based-on:\n  pathway: crisis-national\n  version: 0123abc\n  repository: national\n",
    )
    pinned = load_text(mapping)
    assert pinned.based_on == BasedOn(pathway="crisis-national", version="0123abc", repository="national")
    assert dump(pinned) == mapping
    changes = diff_pathways(bare, pinned)
    assert [(c.section, c.field) for c in changes] == [("pathway", "based-on")]
    moved = load_text(mapping.replace("0123abc", "4567def"))
    merged = merge_pathways(bare, pinned, bare).pathway
    assert merged is not None and merged.based_on == pinned.based_on
    assert not merge_pathways(bare, pinned, moved).clean  # moved differently on both sides


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("  version: zz\n", "The version of the base pathway cannot be “zz”"),
        ("  repository: -x\n", "The repository of the base pathway cannot be “-x”"),
        ("  colour: red\n", "unknown field 'colour' in based-on"),
    ],
)
def test_a_bad_mapping_is_a_clear_error(written: str, said: str) -> None:
    text = BARE.replace("based-on: crisis-national\n", "based-on:\n  pathway: crisis-national\n" + written)
    with pytest.raises(PathwayError) as caught:
        load_text(text)
    assert said in str(caught.value) and "mapping" not in str(caught.value).replace("based-on", "")


def test_the_schema_takes_both_spellings() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    data = load_text(BARE).model_dump(mode="json", by_alias=True, exclude_none=True)
    assert validator.is_valid(data)
    data["based-on"] = {"pathway": "crisis-national", "version": "0123abc"}
    assert validator.is_valid(data)
    data["based-on"] = {"version": "0123abc"}
    assert not validator.is_valid(data)


@given(st.text(max_size=40))
def test_a_base_spelled_any_way_never_crashes(spec: str) -> None:
    from pathway_designer.localisation.base import BaseRef
    from pathway_designer.store import StoreError

    try:
        ref = BaseRef.parse(spec)
    except StoreError:
        return
    assert BaseRef.parse(str(ref)) == ref


def test_a_change_of_based_on_in_words() -> None:
    from pathway_designer.changes.words import changes_in_words

    bare = load_text(BARE)
    pinned = load_text(BARE.replace("based-on: crisis-national\n",
                                    "based-on:\n  pathway: crisis-national\n  version: 0123abc\n"))
    other = load_text(BARE.replace("based-on: crisis-national\n", "based-on: crisis-regional\n"))
    assert changes_in_words(diff_pathways(bare, pinned), bare, pinned) == [
        "Recorded a newer version of the base pathway as the one adapted"
    ]
    assert changes_in_words(diff_pathways(bare, other), bare, other) == [
        "Changed the base pathway: “crisis-national” → “crisis-regional”"
    ]


@pytest.mark.parametrize("written", [
    "based-on: crisis-national\n",
    "based-on:\n  pathway: crisis-national\n  version: 0123abc\n  repository: national\n",
    "based-on:\n  pathway: crisis-national\n  version: 0123abc\n",
])
def test_bpmn_and_fhir_carry_the_base_and_its_version(written: str) -> None:
    from pathway_designer.interchange.bpmn_export import export_bpmn
    from pathway_designer.interchange.bpmn_import import import_bpmn_bytes
    from pathway_designer.interchange.fhir_export import plan_definition_json
    from pathway_designer.interchange.fhir_import import import_fhir

    pathway = load_text(BARE.replace("based-on: crisis-national\n", written))
    through_bpmn = import_bpmn_bytes(export_bpmn(pathway).data, "x.bpmn").pathway
    through_fhir = import_fhir(plan_definition_json(pathway)).pathway
    assert through_bpmn is not None and through_fhir is not None
    assert through_bpmn.based_on == pathway.based_on == through_fhir.based_on
