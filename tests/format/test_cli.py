"""The command line: validate (exit codes, text/json/github output, summary), fmt (check, atomic and
idempotent rewrite, comments), rules, schema, and `python -m pathway_designer`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from format_helpers import BASE_STEPS, BASE_TRANSITIONS, REPO, at, build

from pathway_designer import dump, load
from pathway_designer.checks.config import CONFIG_NAME
from pathway_designer.checks.rules import RULES
from pathway_designer.cli.main import main

VALID = build()
WARNING_ONLY = build(BASE_STEPS, [*BASE_TRANSITIONS, ("triage", "triage", "Wait and see")])  # self-loop
DEAD_END = build(
    [*BASE_STEPS, ("limbo", "referral")],
    [*BASE_TRANSITIONS, ("start", "limbo")],
)  # dead-end (error) and ambiguous-branch at start (warning)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --- validate: exit status -----------------------------------------------------------------------


def test_valid_file_exits_0(project, capsys):
    path = write(project, "demo.yaml", VALID)
    status, out, err = run(capsys, "validate", str(path))
    assert (status, out, err) == (0, "", "1 file checked: 1 valid\n")  # summaries on stderr


def test_warnings_exit_0_but_1_with_strict(project, capsys):
    path = write(project, "demo.yaml", WARNING_ONLY)
    line, column = at(WARNING_ONLY, "- from: triage", "from", nth=3)
    expected = (
        f"{path}:{line}:{column}: warning self-loop: “Step triage” leads back to itself: "
        "is a review step missing?\n"
    )
    summary = "1 file checked: 1 valid, 1 warning\n"
    assert run(capsys, "validate", str(path)) == (0, expected, summary)
    assert run(capsys, "validate", "--strict", str(path)) == (1, expected, summary)


def test_errors_exit_1_with_compiler_style_lines(project, capsys):
    path = write(project, "demo.yaml", DEAD_END)
    status, out, err = run(capsys, "validate", str(path))
    assert status == 1
    assert err == "1 file checked: 0 valid, 1 with 1 error and 1 warning\n"
    dead = at(DEAD_END, "- id: limbo", "id")
    ambiguous = at(DEAD_END, "- id: start", "id")
    assert out.splitlines() == [
        f"{path}:{ambiguous[0]}:{ambiguous[1]}: warning ambiguous-branch: “Step start” has 2 ways "
        "on, but does not say when the way to “Step triage” and “Step limbo” applies: add a "
        "condition to each, or make it a decision.",
        f"{path}:{dead[0]}:{dead[1]}: error dead-end: “Step limbo” has no way on to a way out of "
        "the pathway.",
    ]


def test_folders_are_searched_and_the_summary_counts_files(project, capsys):
    write(project, "a/valid.yaml", VALID.replace("id: demo", "id: valid"))
    write(project, "a/b/broken.yaml", DEAD_END.replace("id: demo", "id: broken"))
    write(project, "warned.yml", WARNING_ONLY.replace("id: demo", "id: warned"))
    write(project, "notes.txt", "not a pathway")
    write(project, ".hidden/skip.yaml", "not: [valid")
    status, out, err = run(capsys, "validate", str(project))
    assert status == 1
    assert err.splitlines()[-1] == "3 files checked: 2 valid, 1 with 1 error and 2 warnings"
    assert "skip.yaml" not in out and CONFIG_NAME not in out


def test_several_paths_and_plural_errors(project, capsys):
    one = write(project, "one.yaml", DEAD_END.replace("id: demo", "id: one"))
    two = write(project, "two.yaml", "format: 1\nid: two\n")
    status, _, err = run(capsys, "validate", str(one), str(two))
    assert status == 1
    assert err.splitlines()[-1] == "2 files checked: 0 valid, 2 with 4 errors and 1 warning"


def test_a_missing_path_exits_2(tmp_path, capsys):
    status, out, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert status == 2 and out == ""
    assert err == f"pathway-designer: no such file or folder: {tmp_path / 'nope.yaml'}\n"


def test_usage_errors_exit_2(capsys):
    for argv in (["validate", "--format", "xml", "x.yaml"], ["no-such-command"], [], ["-q"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
    capsys.readouterr()


def test_a_misspelt_rule_in_the_config_is_reported_and_fails(tmp_path, capsys):
    write(tmp_path, CONFIG_NAME, "rules:\n  self-lop: off\n")
    path = write(tmp_path, "demo.yaml", VALID)
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 1
    config = (tmp_path / CONFIG_NAME).resolve()
    assert (
        f"{config}:2:3: error unknown-rule: no rule is called 'self-lop' (did you mean 'self-loop'?)"
        in out.splitlines()
    )


# --- validate: output formats --------------------------------------------------------------------


def test_json_output(project, capsys):
    path = write(project, "demo.yaml", DEAD_END)
    status, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert status == 1
    report = json.loads(out)  # nothing but the JSON: no summary line
    assert report["version"] == 1
    assert report["files"] == [{"file": str(path), "valid": False}]
    data = report["findings"]
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        assert set(item) == {"file", "line", "column", "rule", "severity", "message", "step", "detail"}
        assert item["file"] == str(path)
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
    dead = next(item for item in data if item["rule"] == "dead-end")
    line, column = at(DEAD_END, "- id: limbo", "id")
    assert dead == {
        "file": str(path),
        "line": line,
        "column": column,
        "rule": "dead-end",
        "severity": "error",
        "message": "“Step limbo” has no way on to a way out of the pathway.",
        "step": "limbo",
        "detail": "step limbo",
    }


def test_json_step_is_null_when_not_about_a_step(project, capsys):
    path = write(project, "other.yaml", VALID)  # id-mismatch: about the pathway, not a step
    status, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert status == 0
    [item] = json.loads(out)["findings"]
    assert (item["rule"], item["severity"], item["step"]) == ("id-mismatch", "warning", None)


def test_json_for_a_clean_file_has_no_findings(project, capsys):
    path = write(project, "demo.yaml", VALID)
    status, out, err = run(capsys, "validate", "--format", "json", str(path))
    assert (status, err) == (0, "")
    assert json.loads(out) == {"version": 1, "files": [{"file": str(path), "valid": True}],
                               "findings": []}


def test_github_annotations(project, capsys):
    path = write(project, "demo.yaml", DEAD_END)
    status, out, err = run(capsys, "validate", "--format", "github", str(path))
    assert status == 1
    lines = out.splitlines()
    line, column = at(DEAD_END, "- id: limbo", "id")
    assert any(x.startswith(f"::warning file={path},line=") for x in lines)
    assert [x for x in lines if x.startswith("::error file=")] == [
        f"::error file={path},line={line},col={column},title=dead-end::"
        "“Step limbo” has no way on to a way out of the pathway."
    ]
    assert err == "1 file checked: 0 valid, 1 with 1 error and 1 warning\n"


def test_github_annotations_escape_newlines_and_commas_in_properties(tmp_path, capsys):
    path = write(tmp_path, "odd,name.yaml", "a: 1\na: 2\n")
    status, out, _ = run(capsys, "validate", "--format", "github", str(path))
    assert status == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=") and "odd%2Cname.yaml" in first and "\n" not in first


# --- fmt -----------------------------------------------------------------------------------------


def test_fmt_check_lists_files_that_would_change_and_exits_1(tmp_path, capsys):
    messy = write(tmp_path, "demo.yaml", VALID)  # not canonical: no status, when not quoted...
    canonical = write(tmp_path, "fine.yaml", dump(load(VALID)).replace("id: demo", "id: fine"))
    before = messy.read_bytes()
    status, out, err = run(capsys, "fmt", "--check", str(tmp_path))
    assert status == 1
    assert out == f"{messy}: would be reformatted\n"
    assert str(canonical) not in out
    assert messy.read_bytes() == before
    assert "2 files checked: 1 would be reformatted, 1 already formatted" in err


def test_fmt_check_passes_on_canonical_files(tmp_path, capsys):
    path = write(tmp_path, "demo.yaml", dump(load(VALID)))
    status, out, _ = run(capsys, "fmt", "--check", str(path))
    assert (status, out) == (0, "")


def test_fmt_rewrites_atomically_and_is_idempotent(tmp_path, capsys):
    path = write(tmp_path, "demo.yaml", VALID)
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    status, out, _ = run(capsys, "fmt", str(path))
    assert (status, out) == (0, f"{path}: reformatted\n")
    text = path.read_text(encoding="utf-8")
    assert text == dump(load(VALID))
    assert path.stat().st_ino != inode, "written to a temporary file and renamed over"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"], "no temporary file left"
    # a second run changes no byte and does not even rewrite
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    status, out, err = run(capsys, "fmt", str(path))
    assert (status, out) == (0, "")
    assert "1 already formatted" in err and "reformatted" not in err
    assert path.read_text(encoding="utf-8") == text
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)
    assert run(capsys, "fmt", "--check", str(path))[0] == 0


def test_fmt_keeps_the_old_file_when_writing_fails(tmp_path, capsys, monkeypatch):
    path = write(tmp_path, "demo.yaml", VALID)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pathway_designer.format.atomic.os.replace", broken_replace)
    status, _, err = run(capsys, "fmt", str(path))
    assert status == 2
    assert "No space left on device" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == VALID
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"]


def test_fmt_refuses_a_file_with_comments_below_the_header(tmp_path, capsys):
    header = "# yaml-language-server: $schema=../schema/pathway.schema.json\n"
    text = header + VALID.replace("  - id: help\n", "  # help is a crisis cafe\n  - id: help\n")
    path = write(tmp_path, "demo.yaml", text)
    status, out, err = run(capsys, "fmt", str(path))
    assert status == 1 and out == ""
    comment_line = at(text, "# help is")[0]
    assert f"{path}:{comment_line}: not formatted: comments on lines {comment_line} would be lost" in err
    assert path.read_text(encoding="utf-8") == text

    status, out, _ = run(capsys, "fmt", "--drop-comments", str(path))
    assert (status, out) == (0, f"{path}: reformatted\n")
    rewritten = path.read_text(encoding="utf-8")
    assert rewritten.startswith(header) and "crisis cafe" not in rewritten


def test_fmt_keeps_a_header_comment_without_complaint(tmp_path, capsys):
    header = "# yaml-language-server: $schema=../schema/pathway.schema.json\n"
    path = write(tmp_path, "demo.yaml", header + VALID.replace("title: Demo pathway",
                                                              "title: 'Demo # not a comment'"))
    assert run(capsys, "fmt", str(path))[0] == 0
    assert path.read_text(encoding="utf-8").startswith(header)


def test_fmt_on_a_broken_file_reports_and_leaves_it(tmp_path, capsys):
    path = write(tmp_path, "demo.yaml", "a: [1\n")
    status, _out, err = run(capsys, "fmt", str(path))
    assert status == 1
    assert f"{path}:2:1: error yaml-syntax:" in err
    assert path.read_text(encoding="utf-8") == "a: [1\n"


def test_fmt_missing_path_exits_2(tmp_path, capsys):
    assert run(capsys, "fmt", str(tmp_path / "nope.yaml"))[0] == 2


# --- rules, schema, python -m ---------------------------------------------------------------------


def test_rules_lists_every_rule(capsys):
    status, out, _ = run(capsys, "rules")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(RULES)
    for name, rule in RULES.items():
        [line] = [x for x in lines if x.split()[0] == name]
        assert line.split()[1:3] == [rule.severity.value, rule.category]
        assert line.endswith(rule.doc)


def test_schema_prints_json_schema(capsys):
    status, out, _ = run(capsys, "schema")
    assert status == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert {"id", "title", "organisations", "steps"} <= set(schema["required"])


def test_python_dash_m_works(tmp_path):
    path = write(tmp_path, "demo.yaml", DEAD_END)
    done = subprocess.run(
        [sys.executable, "-m", "pathway_designer", "validate", "--format", "json", str(path)],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "dead-end" in {item["rule"] for item in json.loads(done.stdout)["findings"]}
    assert done.stderr == ""


def test_console_script_works():
    done = subprocess.run(
        ["pathway-designer", "rules"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "endless-loop" in done.stdout


def test_an_unreadable_file_is_reported_and_exits_2(project, capsys, monkeypatch):
    good = write(project, "demo.yaml", VALID)
    locked = write(project, "locked.yaml", VALID.replace("id: demo", "id: locked"))
    real_open = os.open

    # files are read through os.open; a chmod would not stop a test that runs as root
    def open_file(path, *args, **kwargs):
        if Path(path).name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    status, out, _ = run(capsys, "validate", str(good), str(locked))
    assert status == 2
    assert f"{locked}: error unreadable: Permission denied" in out.splitlines()
