"""The example pathways: they validate with no errors, are already canonical, and link the schema."""

from __future__ import annotations

import os

import pytest
from format_helpers import PATHWAYS, REPO, SCHEMA_FILE

from pathway_designer import check_file, dump, load
from pathway_designer.cli.main import main

EXAMPLES = sorted(PATHWAYS.glob("*.yaml"))
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def test_there_are_at_least_four_examples():
    assert len(EXAMPLES) >= 4, f"expected at least four example pathways in {PATHWAYS}"


def test_validate_pathways_exits_0(in_repo, capsys):
    status = main(["validate", "pathways/"])
    out, err = capsys.readouterr()
    assert status == 0, out
    assert err.splitlines()[-1].startswith(f"{len(EXAMPLES)} files checked: {len(EXAMPLES)} valid")


def test_fmt_check_pathways_passes(in_repo, capsys):
    status = main(["fmt", "--check", "pathways/"])
    out, err = capsys.readouterr()
    assert (status, out) == (0, ""), err


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_each_example(path):
    check = check_file(path)
    assert check.pathway is not None, check.findings
    assert [str(f) for f in check.findings if f.severity.value == "error"] == []
    assert check.pathway.id == path.stem
    text = path.read_text(encoding="utf-8")
    assert dump(load(path)) == text, "not in canonical form: run pathway-designer fmt"
    first = text.splitlines()[0]
    assert first.startswith(SCHEMA_COMMENT), "the first line links the schema for editors"
    target = (path.parent / first.removeprefix(SCHEMA_COMMENT)).resolve()
    assert target == SCHEMA_FILE.resolve(), f"{first} does not point at {os.path.relpath(SCHEMA_FILE)}"
