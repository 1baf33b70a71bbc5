"""import fhir: what export writes comes back whole; PlanDefinitions written by others import as far
as they map, each with its expected pathway and notes; bad files are notes, never a traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from fhir_helpers import run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pathway_designer import dump, load
from pathway_designer.cli.main import main
from pathway_designer.finding import Severity
from pathway_designer.interchange.fhir_codes import carried
from pathway_designer.interchange.fhir_export import plan_definition_json, to_plan_definition
from pathway_designer.interchange.fhir_import import MAX_BYTES, import_fhir, import_fhir_file
from pathway_designer.model import Pathway, to_data, without_empty

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "format"))
from strategies import pathways

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "pathways").glob("*.yaml"))
SAMPLES = Path(__file__).parent / "fhir"


def _rules(result: Any) -> list[str]:
    return [n.finding.rule for n in result.notes]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_comes_back_whole(path: Path) -> None:
    pathway = load(path)
    result = import_fhir(plan_definition_json(pathway, commit="a" * 40).encode())
    assert result.notes == []
    assert result.pathway is not None
    assert dump(result.pathway, header="") == dump(pathway, header="")


def _without_empty_text(value: Any) -> Any:
    """FHIR has no empty strings: an empty optional text is left out, and comes back as none."""
    if isinstance(value, dict):
        return {k: _without_empty_text(v) for k, v in value.items() if v != ""}
    if isinstance(value, list):
        return [_without_empty_text(v) for v in value]
    return value


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_round_trip_of_generated_pathways(pathway: Pathway) -> None:
    # a text of nothing but invisible spaces is one FHIR cannot hold: the export leaves it out
    assume(all(t == "" or carried(t) for t in _texts(to_data(pathway))))
    result = import_fhir(plan_definition_json(pathway))
    assert result.pathway is not None, [n.finding.message for n in result.notes]
    assert result.notes == []
    assert to_data(result.pathway) == without_empty(_without_empty_text(to_data(pathway)))


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_plan_definitions_written_by_others(sample: Path) -> None:
    result = import_fhir_file(sample)
    assert result.pathway is not None
    expected = sample.with_name(sample.stem + ".expected.yaml").read_text(encoding="utf-8")
    assert result.text() == expected
    assert all(n.finding.severity is not Severity.ERROR for n in result.notes)


EXPECTED_NOTES = {
    "cpg-hypertension": {
        "fhir-status", "fhir-direction", "fhir-role", "fhir-definition", "fhir-not-carried",
        "fhir-order-guessed", "fhir-kind-guessed",
    },
    "referral-with-actors": {
        "fhir-role", "fhir-setting-not-carried", "fhir-range", "fhir-kind-guessed", "fhir-endorser",
    },
    "bundle-two-plans": {"fhir-bundle", "fhir-order-guessed", "fhir-kind-guessed", "fhir-no-actors"},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED_NOTES))
def test_what_others_files_cannot_carry_is_said_in_words(name: str) -> None:
    result = import_fhir_file(SAMPLES / f"{name}.json")
    assert set(_rules(result)) == EXPECTED_NOTES[name]
    assert result.pathway is not None
    for n in result.notes:
        # the main text names steps by their labels, never by the file's element ids
        for action_id in ("ace-inhibitor", "choose-treatment", "calcium-channel-blocker", "msc", "gp"):
            assert action_id not in n.finding.message
    labels = {s.label for s in result.pathway.steps}
    kind_note = next(n for n in result.notes if n.finding.rule == "fhir-kind-guessed")
    assert any(f"‘{label}’" in kind_note.finding.message for label in labels)


def test_a_decision_group_gives_a_decision_with_conditions() -> None:
    result = import_fhir_file(SAMPLES / "cpg-hypertension.json")
    pathway = result.pathway
    assert pathway is not None
    decision = pathway.step("choose-treatment")
    assert decision is not None and decision.kind.value == "decision"
    ways = {t.to: t.when for t in pathway.transitions if t.from_ == "choose-treatment"}
    assert ways == {
        "ace-inhibitor": "Is Under 55 And Not Black",
        "calcium-channel-blocker": "Aged 55 or over, or of Black African or African-Caribbean family origin",
    }


def test_after_end_and_offsets_give_the_transition_and_the_wait() -> None:
    pathway = import_fhir_file(SAMPLES / "referral-with-actors.json").pathway
    assert pathway is not None
    assert [(t.from_, t.to) for t in pathway.transitions] == [("concern", "refer"), ("refer", "assess")]
    assess = pathway.step("assess")
    assert assess is not None and (assess.wait, assess.duration, assess.owner) == ("6w", "2h", "msc")


def _plan(**changes: Any) -> dict[str, Any]:
    plan = to_plan_definition(load(EXAMPLES[0]))
    plan.update(changes)
    return plan


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"{not json", "not-json"),
        (b"", "not-json"),
        (b"\xff\xfe\x00", "not-utf8"),
        (b"[1, 2]", "not-a-plan-definition"),
        (b'{"resourceType": "Patient"}', "not-a-plan-definition"),
        (b'{"resourceType": "Bundle", "entry": []}', "not-a-plan-definition"),
        (b"[" * 100_000 + b"]" * 100_000, "not-json"),
        (b'{"resourceType": "PlanDefinition", "x": NaN}', "not-json"),
        (b"x" * (MAX_BYTES + 1), "file-too-large"),
    ],
    ids=["broken", "empty", "not-utf8", "array", "patient", "empty-bundle", "deep", "nan", "huge"],
)
def test_bad_files_are_one_error_never_a_traceback(data: bytes, rule: str) -> None:
    result = import_fhir(data)
    assert result.pathway is None
    assert _rules(result) == [rule]
    assert result.notes[0].finding.severity is Severity.ERROR


def test_bad_json_says_where() -> None:
    result = import_fhir(b'{\n  "resourceType": "PlanDefinition",\n  "title": ]\n}')
    finding = result.notes[0].finding
    assert (finding.line, finding.column) == (3, 12)


def test_deeply_nested_actions_stop_with_a_note() -> None:
    action: dict[str, Any] = {"title": "Innermost"}
    for depth in range(200):
        action = {"title": f"Level {depth}", "action": [action]}
    result = import_fhir(
        json.dumps({"resourceType": "PlanDefinition", "status": "draft", "action": [action]})
    )
    assert result.pathway is not None
    assert "fhir-too-deep" in _rules(result)


def test_a_special_file_is_unreadable(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    result = import_fhir_file(fifo)
    assert result.pathway is None and _rules(result) == ["unreadable"]
    assert result.notes[0].finding.file == str(fifo)
    assert _rules(import_fhir_file(tmp_path / "missing.json")) == ["unreadable"]


FIELDS = st.sampled_from([
    "id", "title", "action", "relatedAction", "targetId", "relationship", "participant", "actorId",
    "actor", "goal", "goalId", "timingDuration", "value", "code", "condition", "selectionBehavior",
    "extension", "url", "valueString", "endorser", "status",
])


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Lists and objects of `inner` (a named function: Hypothesis cannot see that a lambda over
    several lines uses its argument, and warns that it does not recurse)."""
    return st.lists(inner, max_size=4) | st.dictionaries(FIELDS, inner, max_size=5)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    _nested,
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_any_json_never_crashes(value: Any) -> None:
    plan = value if not isinstance(value, dict) else {**value, "resourceType": "PlanDefinition"}
    result = import_fhir(json.dumps(plan))
    assert result.pathway is not None or result.notes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_an_export_with_parts_broken_never_crashes(data: st.DataObject) -> None:
    plan = _plan()
    for _ in range(data.draw(st.integers(1, 5))):
        target: Any = plan
        while isinstance(target, (dict, list)) and target and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else range(len(target))))
            if not isinstance(target[key], (dict, list)):
                break
            target = target[key]
        if isinstance(target, dict) and target:
            key = data.draw(st.sampled_from(list(target)))
            target[key] = data.draw(JSON)
    result = import_fhir(json.dumps(plan))
    assert result.pathway is not None or result.notes


def test_cli_writes_the_pathway_and_says_what_it_guessed(tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "imported.yaml"
    assert main(["import", "fhir", str(SAMPLES / "cpg-hypertension.json"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "fhir-kind-guessed" in err and "[action[0].definitionCanonical]" in err
    sample = str(SAMPLES / "cpg-hypertension.json")
    notes = err.splitlines()[:-1]
    assert notes and all(line.startswith(f"{sample}: ") for line in notes)  # which file, as for BPMN
    assert load(out).id == "hypertension-recommendation"
    assert main(["import", "fhir", str(SAMPLES / "cpg-hypertension.json"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().err)  # the notes on stderr, as for BPMN: YAML on stdout
    assert {f["rule"] for f in report["notes"]} == EXPECTED_NOTES["cpg-hypertension"]


def test_cli_bad_file_exit_status_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"resourceType": "Observation"}', encoding="utf-8")
    result = run_cli("import", "fhir", str(bad))
    assert result.returncode == 1
    assert "not a PlanDefinition" in result.stderr and "Traceback" not in result.stderr
    missing = run_cli("import", "fhir", str(tmp_path / "no"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_many_actions_of_one_name_get_unique_ids_quickly() -> None:
    actions = [{"title": "Same name"} for _ in range(3000)]
    result = import_fhir(json.dumps({"resourceType": "PlanDefinition", "status": "draft", "action": actions}))
    assert result.pathway is not None
    ids = [s.id for s in result.pathway.steps]
    assert len(set(ids)) == 3000 and ids[:3] == ["same-name", "same-name-2", "same-name-3"]
    kind_note = next(n for n in result.notes if n.finding.rule == "fhir-kind-guessed")
    assert "and 2992 more" in kind_note.finding.message
