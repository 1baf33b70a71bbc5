"""The checker and the JSON Schema agree, file by file: over a corpus of valid and invalid pathways,
the real check-jsonschema (PyPI) refuses exactly the files whose content `validate` refuses while
loading (the rules that follow, such as a transition to no step, are beyond any schema). The only
files `validate` refuses and the schema accepts are the ones listed in STRICTER, each with why."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from format_helpers import SCHEMA_FILE

from pathway_designer import check_file

BASE = """format: 1
id: demo
title: Demo pathway
review:
  last: 2026-01-10
organisations:
  - id: gp
    name: GP practice
    role: primary-care
steps:
  - id: start
    label: Start
    kind: entry
    owner: gp
    wait: 4h
  - id: done
    label: Done
    kind: exit
    owner: gp
transitions:
  - from: start
    to: done
"""

# name -> (the text replaced, its replacement); None keeps the base as it is
CHANGES: dict[str, tuple[str, str] | None] = {
    "valid-base": None,
    "valid-when-yes": ("    to: done\n", "    to: done\n    when: Yes\n"),
    "valid-when-on": ("    to: done\n", "    to: done\n    when: on\n"),
    "valid-label-quoted-number": ("label: Start", "label: '12345'"),
    "valid-label-sexagesimal": ("label: Start", "label: 1:30"),
    "valid-label-y": ("label: Start", "label: y"),
    "valid-format-float-one": ("format: 1", "format: 1.0"),
    "valid-owner-null": ("    owner: gp\n    wait", "    owner: null\n    wait"),
    "valid-summary-tilde": ("title: Demo pathway", "title: Demo pathway\nsummary: ~"),
    "valid-quoted-date": ("last: 2026-01-10", "last: '2026-01-10'"),
    "valid-flow-style": ("    owner: gp\n    wait: 4h", "    owner: gp\n    partners: []"),
    "invalid-format-text": ("format: 1", 'format: "1"'),
    "invalid-format-two": ("format: 1", "format: 2"),
    "invalid-format-true": ("format: 1", "format: true"),
    "invalid-format-fraction": ("format: 1", "format: 1.5"),
    "invalid-label-number": ("label: Start", "label: 12345"),
    "invalid-label-float": ("label: Start", "label: 1e3"),
    "invalid-label-hex": ("label: Start", "label: 0x1F"),
    "invalid-label-underscored": ("label: Start", "label: 1_000"),
    "invalid-label-boolean": ("label: Start", "label: true"),
    "invalid-label-null": ("label: Start", "label: ~"),
    "invalid-label-empty": ("label: Start", "label: ''"),
    "invalid-label-long": ("label: Start", "label: " + "x" * 121),
    "invalid-id-number": ("id: demo", "id: 123"),
    "invalid-id-pattern": ("id: demo", "id: Demo_Pathway"),
    "invalid-kind": ("kind: entry", "kind: Entry"),
    "invalid-wait": ("wait: 4h", "wait: 4 hours"),
    "invalid-wait-number": ("wait: 4h", "wait: 4"),
    "invalid-date-short": ("last: 2026-01-10", "last: 2026-1-1"),
    "invalid-date-impossible": ("last: 2026-01-10", "last: 2026-13-45"),
    "invalid-date-seconds": ("last: 2026-01-10", "last: 1700000000"),
    "invalid-date-time": ("last: 2026-01-10", "last: 2026-01-10T10:00:00"),
    "invalid-unknown-field": ("title: Demo pathway", "title: Demo pathway\ncolour: blue"),
    "invalid-partners-text": ("    owner: gp\n    wait: 4h", "    owner: gp\n    partners: gp"),
    "invalid-barrier-number": ("    owner: gp\n    wait: 4h", "    owner: gp\n    barriers: [7]"),
    "invalid-no-steps": ("steps:\n", "steps: []\nold-steps:\n"),
    "invalid-missing-title": ("title: Demo pathway\n", ""),
    "invalid-status": ("title: Demo pathway", "title: Demo pathway\nstatus: Draft"),
    "invalid-top-level-list": (BASE, "- one\n- two\n"),
    "invalid-fingerprint": (
        "transitions:",
        "signoffs:\n  - organisation: gp\n    name: A\n    date: 2026-01-10\n"
        "    fingerprint: sha256:abc\ntransitions:",
    ),
}

# Refused by `validate` while loading although the schema cannot say it, and why.
STRICTER = {
    "invalid-wait-too-long": (("wait: 4h", "wait: 600w"), "a time is at most 10 years"),
}


def _text(change: tuple[str, str] | None) -> str:
    if change is None:
        return BASE
    old, new = change
    assert old in BASE, old
    return BASE.replace(old, new, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, change in CHANGES.items():
        (folder / f"{name}.yaml").write_text(_text(change), encoding="utf-8")
    for name, (change, _why) in STRICTER.items():
        (folder / f"{name}.yaml").write_text(_text(change), encoding="utf-8")
    return folder


def _schema_refuses(files: list[Path]) -> set[str]:
    """The files check-jsonschema refuses, from one run over them all."""
    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    done = subprocess.run(
        [command, "-o", "JSON", "--schemafile", str(SCHEMA_FILE), *map(str, files)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    report = json.loads(done.stdout)
    names = [e["filename"] for e in report.get("errors", []) + report.get("parse_errors", [])]
    return {Path(n).stem for n in names}


def _validate_refuses(files: list[Path]) -> set[str]:
    return {path.stem for path in files if check_file(path).pathway is None}


def test_validate_and_check_jsonschema_agree_file_by_file(corpus):
    files = sorted(corpus.glob("*.yaml"))
    schema = _schema_refuses(files)
    ours = _validate_refuses(files)
    verdicts = {
        f.stem: ("refused" if f.stem in schema else "valid", "refused" if f.stem in ours else "valid")
        for f in files
    }
    disagree = {name: v for name, v in verdicts.items() if v[0] != v[1] and name not in STRICTER}
    assert not disagree, f"(check-jsonschema, validate) differ: {disagree}"
    for name in CHANGES:  # the corpus says what each file is, and both tools agree with it
        assert verdicts[name][0] == ("valid" if name.startswith("valid") else "refused"), name
    for name in STRICTER:
        assert verdicts[name] == ("valid", "refused"), name


def test_every_refusal_is_a_finding_in_words_at_a_line_and_column(corpus):
    for path in sorted(corpus.glob("invalid-*.yaml")):
        check = check_file(path)
        assert check.findings, path.name
        for finding in check.findings:
            assert finding.line is not None and finding.column is not None, (path.name, finding)
            assert "Input should be" not in finding.message, (path.name, finding.message)
