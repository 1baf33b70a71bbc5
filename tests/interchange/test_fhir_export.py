"""export fhir: every example and generated pathways give a PlanDefinition that fhir.resources (R5)
accepts, with each part of the pathway where FHIR keeps it."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from fhir.resources import __fhir_version__
from fhir.resources.plandefinition import PlanDefinition
from fhir_helpers import run_cli
from hypothesis import HealthCheck, given, settings

from pathway_designer import dump, fingerprint, load
from pathway_designer.cli.main import main
from pathway_designer.interchange import fhir_codes as c
from pathway_designer.interchange.fhir_export import plan_definition_json, to_plan_definition
from pathway_designer.model import Outcome, Signoff, StepKind
from pathway_designer.store import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "format"))
from strategies import pathways

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "pathways").glob("*.yaml"))


def test_the_installed_fhir_resources_is_r5() -> None:
    assert __fhir_version__.startswith("5.")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_a_valid_r5_plan_definition(path: Path) -> None:
    pathway = load(path)
    plan = to_plan_definition(pathway)
    PlanDefinition.model_validate(plan)
    assert plan["type"]["coding"][0] == {
        "system": c.PLAN_TYPE,
        "code": "clinical-protocol",
        "display": "Clinical Protocol",
    }
    assert [a["title"] for a in plan["action"]] == [s.label for s in pathway.steps]
    assert [a["id"] for a in plan["actor"]] == [o.id for o in pathway.organisations]
    assert [a["title"] for a in plan["actor"]] == [o.name for o in pathway.organisations]
    assert [g["id"] for g in plan.get("goal", [])] == [o.id for o in pathway.outcomes]
    assert len(plan.get("endorser", [])) == len(pathway.signoffs)
    assert plan["identifier"] == [{"system": c.FINGERPRINT_SYSTEM, "value": fingerprint(pathway)}]
    assert plan["version"] == fingerprint(pathway)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_steps_transitions_and_decisions_are_actions(path: Path) -> None:
    pathway = load(path)
    actions = {a["id"]: a for a in to_plan_definition(pathway)["action"]}
    ways: list[tuple[str, str, str | None]] = []
    for step in pathway.steps:
        action = actions[step.id]
        assert action["code"]["coding"][0]["code"] == step.kind.value
        if step.owner:
            assert action["participant"][0]["actorId"] == step.owner
        assert action.get("goalId", []) == step.measures
        if step.kind is StepKind.DECISION:
            assert action["selectionBehavior"] == "exactly-one"
            for branch in action.get("action", []):
                when = branch["condition"][0]["expression"]["expression"] if "condition" in branch else None
                assert branch["condition"][0]["kind"] == "applicability" if when else True
                ways += [(step.id, r["targetId"], when) for r in branch["relatedAction"]]
        else:
            ways += [(step.id, r["targetId"], None) for r in action.get("relatedAction", [])]
            assert {r["relationship"] for r in action.get("relatedAction", [])} <= {"before-start"}
    decisions = {s.id for s in pathway.steps if s.kind is StepKind.DECISION}
    expected = [(t.from_, t.to, t.when if t.from_ in decisions else None) for t in pathway.transitions]
    assert sorted(ways, key=str) == sorted(expected, key=str)


def test_status_maps_to_the_publication_status() -> None:
    pathway = load(EXAMPLES[0])
    found = {
        s: to_plan_definition(pathway.model_copy(update={"status": s}))["status"]
        for s in type(pathway.status)
    }
    assert {k.value: v for k, v in found.items()} == {
        "draft": "draft",
        "in-review": "draft",
        "agreed": "active",
        "live": "active",
        "retired": "retired",
    }


def test_times_dates_and_signoffs() -> None:
    base = next(p for p in map(load, EXAMPLES) if any(s.wait for s in p.steps))
    org = base.organisations[0].id
    signoffs = [
        Signoff(organisation=org, name="A Lead", date=dt.date(2026, 5, 1), fingerprint=fingerprint(base)),
        Signoff(organisation=org, name="B Lead", date=dt.date(2026, 6, 1), fingerprint="sha256:" + "0" * 64),
    ]
    pathway = base.model_copy(update={"signoffs": signoffs})
    plan = to_plan_definition(pathway)
    actions = {a["id"]: a for a in plan["action"]}
    step = next(s for s in pathway.steps if s.duration)
    assert c.time_of(actions[step.id]["timingDuration"]) == step.duration
    assert actions[step.id]["timingDuration"]["system"] == c.UCUM
    waiting = next(s for s in pathway.steps if s.wait)
    assert c.time_of(c.extension_value(actions[waiting.id], c.WAIT_EXT, "Duration")) == waiting.wait
    assert [e["name"] for e in plan["endorser"]] == [s.name for s in pathway.signoffs]
    if pathway.review and pathway.review.last:
        assert plan["lastReviewDate"] == pathway.review.last.isoformat()
    agreed = [s.date for s in pathway.signoffs if s.fingerprint == fingerprint(pathway)]
    assert plan.get("approvalDate") == (max(agreed).isoformat() if agreed else None) == "2026-05-01"


@pytest.mark.parametrize("time", ["4h", "1.5d", "1.50h", "012m", "0.0w", "519.25w"])
def test_a_duration_reads_back_as_written(time: str) -> None:
    duration = c.duration(time)
    assert c.time_of(json.loads(json.dumps(duration))) == time


def test_the_commit_is_the_version_when_given() -> None:
    pathway = load(EXAMPLES[0])
    plan = to_plan_definition(pathway, commit="0" * 40)
    assert plan["version"] == "0" * 40
    assert {"system": c.COMMIT_SYSTEM, "value": "0" * 40} in plan["identifier"]


def test_texts_fhir_cannot_hold_are_left_out_not_refused() -> None:
    pathway = load(EXAMPLES[0])
    step = pathway.steps[0].model_copy(update={"barriers": ["\x85", "real"], "description": "\u2028"})
    outcome = Outcome(id="o", measure="\u3000", direction="higher")
    odd = pathway.model_copy(update={"steps": [step, *pathway.steps[1:]], "outcomes": [outcome]})
    plan = to_plan_definition(odd)
    PlanDefinition.model_validate(plan)
    action = plan["action"][0]
    assert "description" not in action
    assert [e["valueString"] for e in action["extension"] if e["url"] == c.BARRIER_EXT] == ["real"]
    assert plan["goal"][0]["description"] == {"text": "o"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathways())
def test_generated_pathways_are_valid_plan_definitions(pathway) -> None:  # type: ignore[no-untyped-def]
    PlanDefinition.model_validate(json.loads(plan_definition_json(pathway)))


def test_cli_writes_json_and_tells_the_commit_of_a_saved_pathway(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace.init(tmp_path / "ws")
    pid = ws.pathway_ids()[0]
    latest = ws.latest(pid)
    assert latest is not None
    path = ws.file(pid)
    out = tmp_path / "plan.json"
    assert main(["export", "fhir", str(path), "-o", str(out)]) == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["version"] == latest.commit
    PlanDefinition.model_validate(plan)
    with path.open("a", encoding="utf-8") as file:
        file.write("# a comment changes nothing\n")
    assert main(["export", "fhir", str(path), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == latest.commit
    edited = load(path).model_copy(update={"title": "Another title"})
    path.write_text(dump(edited), encoding="utf-8")
    assert main(["export", "fhir", str(path)]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["version"] == fingerprint(edited)
    assert all(i["system"] != c.COMMIT_SYSTEM for i in plan["identifier"])


def test_cli_refuses_a_file_that_does_not_load(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    result = run_cli("export", "fhir", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "was not exported" in result.stderr
