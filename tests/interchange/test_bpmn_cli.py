"""`pathway-designer import bpmn` and `export bpmn`, run as a person runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bpmn_data import DATA

from pathway_designer import dump, load, load_text
from pathway_designer.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "pathways" / "dementia-diagnosis-support.yaml"


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "pathway_designer", *args], capture_output=True, cwd=ROOT)


def test_export_then_import_through_files_gives_the_pathway_back(tmp_path: Path) -> None:
    bpmn, yaml = tmp_path / "out.bpmn", tmp_path / "back.yaml"
    assert main(["export", "bpmn", str(EXAMPLE), "-o", str(bpmn)]) == 0
    assert bpmn.read_bytes().startswith(b"<?xml")
    assert main(["import", "bpmn", str(bpmn), "-o", str(yaml)]) == 0
    assert dump(load(yaml), header="") == dump(load(EXAMPLE), header="")


def test_export_writes_to_standard_output_and_import_reads_it_back(tmp_path: Path) -> None:
    done = _run("export", "bpmn", str(EXAMPLE))
    assert done.returncode == 0 and done.stdout.startswith(b"<?xml")
    (tmp_path / "x.bpmn").write_bytes(done.stdout)
    back = _run("import", "bpmn", str(tmp_path / "x.bpmn"))
    assert back.returncode == 0
    assert load_text(back.stdout.decode("utf-8")).steps == load(EXAMPLE).steps
    assert b"a pathway was made" in back.stderr


def test_roles_are_given_per_lane_and_notes_go_to_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["import", "bpmn", str(DATA / "lanes.bpmn"), "--role", "Memory clinic=nhs-provider",
                   "--role", "Oak Lane GP practice=primary-care"])
    out, err = capsys.readouterr()
    assert status == 0
    roles = {o.name: o.role.value for o in load_text(out).organisations}
    assert roles == {"Oak Lane GP practice": "primary-care", "Memory clinic": "nhs-provider"}
    assert "bpmn-role-needed" not in err and "[Lane_" not in err


def test_notes_as_json_carry_the_element(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "bpmn", str(DATA / "parallel.bpmn"), "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().err)["notes"]
    assert {"rule": "bpmn-parallel-gateway", "element": "Split", "line": 5}.items() <= notes[0].items()


@pytest.mark.parametrize("role", ["Memory clinic", "Memory clinic=doctor", "=nhs-provider"])
def test_a_bad_role_is_a_usage_error(role: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "bpmn", str(DATA / "lanes.bpmn"), "--role", role]) == 2
    assert "--role" in capsys.readouterr().err


def test_a_hostile_file_is_exit_1_with_a_finding_and_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bpmn"
    bad.write_text('<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>')
    out = tmp_path / "out.yaml"
    done = _run("import", "bpmn", str(bad), "-o", str(out))
    assert done.returncode == 1 and not out.exists()
    assert b"bpmn-unreadable" in done.stderr and b"Traceback" not in done.stderr


def test_exporting_a_file_that_is_not_a_pathway_is_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n")
    done = _run("export", "bpmn", str(bad))
    assert done.returncode == 1 and done.stdout == b"" and b"Traceback" not in done.stderr


def test_control_characters_in_a_file_never_reach_the_terminal(tmp_path: Path) -> None:
    # XML cannot hold ESC, but it can hold C1 controls and bidirectional overrides
    hostile = (DATA / "lanes.bpmn").read_text().replace(
        'name="Memory clinic"', 'name="Memory &#x9b;2J &#x202e;clinic"')
    (tmp_path / "h.bpmn").write_text(hostile)
    done = _run("import", "bpmn", str(tmp_path / "h.bpmn"))
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0 and "\x9b" not in err and "\u202e" not in err
    assert "Memory" in err
