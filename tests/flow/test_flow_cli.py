"""`pathway-designer flow`: people's words in text, `"version": 1` in JSON, scenarios by name, and
a plain message (never a traceback) when there is nothing to work out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathway_designer.cli.main import main

REPO = Path(__file__).resolve().parents[2]
RURAL = REPO / "pathways" / "adult-crisis-rural.yaml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_text_is_in_peoples_words(capsys):
    status, out, _ = run(capsys, "flow", str(RURAL))
    assert status == 0
    assert "People arriving: 12 a week." in out
    assert "“Home treatment: a daily visit" in out and "Moors and Vale Mental Health" in out
    assert "home-treatment" not in out and "crhtt" not in out  # ids stay in the JSON
    assert "exponential" in out  # the assumption is said


def test_the_json_has_a_version_and_ids(capsys):
    status, out, _ = run(capsys, "flow", str(RURAL), "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["version"] == 1
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["home-treatment"]["utilisation"] == pytest.approx(0.92, abs=0.01)
    assert sum(e["people_per_week"] for e in data["exits"]) == pytest.approx(data["arriving_per_week"])


def test_a_scenario_by_name_changes_the_figures(capsys):
    _, plain, _ = run(capsys, "flow", str(RURAL), "--format", "json")
    status, out, _ = run(capsys, "flow", str(RURAL), "--scenario", "One more place at the fullest step",
                         "--format", "json")
    assert status == 0
    assert json.loads(out)["scenario"] == "One more place at the fullest step"
    before = {s["id"]: s["places"] for s in json.loads(plain)["steps"]}
    after = {s["id"]: s["places"] for s in json.loads(out)["steps"]}
    assert after["home-treatment"] == before["home-treatment"] + 1


def test_an_unknown_scenario_is_said_plainly(capsys):
    status, out, err = run(capsys, "flow", str(RURAL), "--scenario", "nothing like it")
    assert status == 1 and out == ""
    assert "There is no scenario called “nothing like it”" in err and "Traceback" not in err


def test_a_pathway_without_flow_fields_is_said_plainly(tmp_path, capsys):
    path = tmp_path / "plain.yaml"
    path.write_text("id: plain\ntitle: Plain\norganisations:\n  - {id: t, name: T, role: nhs-provider}\n"
                    "steps:\n  - {id: a, label: A, kind: entry}\n  - {id: b, label: B, kind: exit}\n"
                    "transitions:\n  - {from: a, to: b}\n", encoding="utf-8")
    status, _, err = run(capsys, "flow", str(path))
    assert status == 1 and "does not say yet how many people arrive" in err


def test_terminal_escapes_in_labels_are_shown_not_obeyed(tmp_path, capsys):
    path = tmp_path / "hostile.yaml"
    path.write_text("id: hostile\ntitle: Hostile\norganisations:\n  - {id: t, name: T, role: nhs-provider}\n"
                    'steps:\n  - {id: a, label: "In\\e[31m red", kind: entry, arrivals: 1/h}\n'
                    "  - {id: b, label: B, kind: exit}\ntransitions:\n  - {from: a, to: b}\n",
                    encoding="utf-8")
    status, out, _ = run(capsys, "flow", str(path))
    assert status == 0 and "\x1b" not in out and "\\x1b[31m" in out


def test_the_console_script_runs_it():
    done = subprocess.run(["pathway-designer", "flow", str(RURAL)], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Flow through “Adult mental health crisis pathway (rural)”")


def test_python_dash_m_runs_it():
    done = subprocess.run([sys.executable, "-m", "pathway_designer", "flow", str(RURAL), "--format", "json"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)["version"] == 1
