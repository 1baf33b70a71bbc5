"""`pathway-designer simulate`, `import pathsimr` and `export pathsimr`, run as a person runs them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from pathway_designer import load
from pathway_designer.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
TEMPLATES = [str(DATA / "tiny_network.csv"), str(DATA / "tiny_calendar.csv")]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pathway_designer", *args], capture_output=True,
                          cwd=ROOT, text=True)


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    out = tmp_path / "tiny.yaml"
    assert main(["import", "pathsimr", *TEMPLATES, "--time-unit", "h", "-o", str(out)]) == 0
    return out


def test_import_makes_a_pathway_named_after_its_file(tiny: Path) -> None:
    pathway = load(tiny)
    assert pathway.id == "tiny"
    assert [s.label for s in pathway.steps] == ["Clinic", "Ward", "Home"]


def test_simulate_speaks_in_step_labels_and_times_in_words(tiny: Path) -> None:
    done = _run("simulate", str(tiny), "--days", "5", "--warm-up", "1", "--runs", "2", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert "Clinic\n  People arriving:" in done.stdout
    assert "Waiting to move on:" in done.stdout  # the ward's discharge delay
    assert " hours" in done.stdout and "clinic" not in done.stdout  # labels, not ids
    # progress off a terminal: one plain line per run, on standard error only
    assert done.stderr.splitlines() == ["run 1 of 2 done", "run 2 of 2 done"]


def test_times_are_said_as_a_person_would_and_no_wait_is_said_so(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]
                                                                 ) -> None:
    import re

    out = tmp_path / "model.yaml"
    assert main(["import", "pathsimr", str(DATA / "r_written_network.csv"),
                 str(DATA / "r_written_calendar.csv"), "--time-unit", "d", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["simulate", str(out), "--days", "60", "--runs", "2", "-q"]) == 0
    text = capsys.readouterr().out
    # beyond a day, to the hour; beyond a week, to the day: never "2 weeks 3 days 4 hours 5 minutes"
    assert not re.search(r"(day|days) \d+ hours? \d+ minutes?", text), text
    assert not re.search(r"weeks? \d+ days? \d+ hours?", text), text
    assert "Rehab\n  People arriving:" in text
    assert "Wait to start: none, everyone started at once" in text  # 20 places, nobody waits
    assert "within no time" not in text


def test_simulate_json_has_pathsimrs_averages_and_the_same_figures_for_any_workers(
        tiny: Path) -> None:
    args = ["simulate", str(tiny), "--days", "5", "--runs", "2", "--seed", "9", "--format", "json"]
    one = _run(*args)
    two = _run(*args, "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert data["version"] == 1 and data["pathway_id"] == "tiny" and data["time_unit_hours"] == 1
    for step in data["steps"]:
        assert {"occupancy", "bed_occupancy", "wait", "length_of_stay", "capacity_delay",
                "transition_delay", "rejection_rate"} <= set(step["figures"])


def test_the_progress_bar_on_a_terminal(tiny: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: standard error is the terminal, standard output too
        os.execv(sys.executable, [sys.executable, "-m", "pathway_designer", "simulate", str(tiny),
                                  "--days", "2", "--runs", "2"])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    assert b"\rSimulating [" in out and b"2/2 runs" in out


@pytest.mark.parametrize(("args", "says"), [
    (["--days", "0"], "days to simulate"),
    (["--days", "5", "--runs", "0"], "runs must be 1 or more"),
    (["--days", "5", "--scenario", "nothing"], "nothing"),
])
def test_bad_settings_are_one_line_not_a_traceback(tiny: Path, args: list[str], says: str) -> None:
    done = _run("simulate", str(tiny), *args)
    assert done.returncode == 2
    assert says in done.stderr and "Traceback" not in done.stderr


def test_a_pathway_without_flow_is_said_in_words(tmp_path: Path) -> None:
    # the examples all have flow fields now: a pathway of steps and ways on only
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        "format: 1\nid: plain\ntitle: Plain\norganisations:\n"
        "  - {id: trust, name: The trust, role: nhs-provider}\nsteps:\n"
        "  - {id: a, label: Referral, kind: entry, owner: trust}\n"
        "  - {id: b, label: Home, kind: exit, owner: trust}\n"
        "transitions:\n  - {from: a, to: b}\n", encoding="utf-8")
    done = _run("simulate", str(plain), "--days", "5")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "arrive" in done.stderr or "flow" in done.stderr


def test_export_writes_both_templates_and_they_import_back(tiny: Path, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    assert main(["export", "pathsimr", str(tiny), "-o", str(folder)]) == 0
    assert (folder / "network.csv").read_text().splitlines()[1].startswith("Clinic,0,0.2,0.8,exp,2,")
    again = tmp_path / "again.yaml"
    assert main(["import", "pathsimr", str(folder / "network.csv"), str(folder / "calendar.csv"),
                 "--time-unit", "h", "-o", str(again)]) == 0
    assert load(again).steps == load(tiny).steps


def test_hostile_templates_give_the_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text((DATA / "tiny_network.csv").read_text().replace("lnorm,1.2;0.4", "lnorm,x;0.4"))
    done = _run("import", "pathsimr", str(bad), TEMPLATES[1], "--time-unit", "d")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "row 3, column 6 (serv_dist_param)" in done.stderr


@pytest.mark.parametrize(("args", "says"), [
    (["import", "pathsimr", TEMPLATES[0], "--time-unit", "h"], "two files"),
    (["import", "pathsimr", *TEMPLATES], "--time-unit"),
    (["import", "bpmn", *TEMPLATES], "one file"),
])
def test_usage_mistakes(args: list[str], says: str) -> None:
    done = _run(*args)
    assert done.returncode == 2 and says in done.stderr


def test_export_needs_a_folder(tiny: Path) -> None:
    done = _run("export", "pathsimr", str(tiny))
    assert done.returncode == 2 and "-o DIR" in done.stderr
