"""Names and organisations checked where people type them (sign-in, `save --author`, `signoff
--name`, comment authors), with a plain message, instead of a `ValueError` from git later."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import PATHWAY_ID, SAMPLE, edit, logged, new_workspace

from pathway_designer import load_text
from pathway_designer.cli.main import main
from pathway_designer.names import person_name
from pathway_designer.partnership.signoff import SignoffError, sign_off
from pathway_designer.workshop.access import IdentityError, make_identity

# Every character that some reader takes as the end of a line.
SEPARATORS = ["\n", "\r", "\u2028", "\u2029", "\x85", "\v", "\f", "\x1c", "\x1e"]
FORGED = "Tiny Org\u2028Organisation: NHS England"


HOSTILE = ["Ann <ann@example.org>", "a>b", "Ann\x1b[31m", "Ann\x00", *(f"Ann{s}Lee" for s in SEPARATORS)]


@pytest.mark.parametrize("bad", HOSTILE)
def test_a_name_with_markup_or_a_line_break_is_refused_with_a_plain_message(bad: str) -> None:
    with pytest.raises(ValueError) as refused:
        person_name(bad, "the name")
    assert str(refused.value).startswith("the name ")
    assert ("< or >" in str(refused.value)) or ("U+" in str(refused.value))
    assert person_name("  Siân O'Brien-Jones ", "the name") == "Siân O'Brien-Jones"


@pytest.mark.parametrize("field", ["name", "organisation"])
def test_sign_in_refuses_what_every_save_would_refuse(field: str) -> None:
    typed = {"name": "Ann", "organisation": "Ryedale Mind", field: "Ann <ann@example.org>"}
    with pytest.raises(IdentityError, match="cannot contain < or >"):
        make_identity(typed["name"], typed["organisation"], "facilitator")
    typed[field] = "Ann\x1b]8;;http://x\x07"
    with pytest.raises(IdentityError, match="control character"):
        make_identity(typed["name"], typed["organisation"], "facilitator")


def test_save_author_is_checked_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = new_workspace(tmp_path)
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(ws.root))
    ws.file(PATHWAY_ID).write_text(edit(SAMPLE, "wait: 4h", "wait: 2h"), encoding="utf-8")
    for who, words in [
        (["--author", "Ann <a@x>", "--organisation", "Mind"], "the author's name cannot contain < or >"),
        (["--author", "Ann", "--organisation", FORGED], "the organisation must be one line"),
    ]:
        status = main(["save", str(ws.file(PATHWAY_ID)), *who, "-m", "Faster"])
        err = capsys.readouterr().err
        assert status == 2 and words in err, err
    assert len(logged(ws.root)) == 1  # nothing was saved


def test_signoff_name_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pathway = load_text(SAMPLE, "crisis.yaml")
    with pytest.raises(SignoffError, match="cannot contain < or >"):
        sign_off(pathway, "icb", "Dr <b>Who</b>")
    path = tmp_path / "crisis.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    status = main(["signoff", str(path), "--organisation", "icb", "--name", "Ann\nfinding: forged"])
    assert status == 2 and "must be one line" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == SAMPLE


def test_comment_authors_are_checked(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    with pytest.raises(ValueError, match="cannot contain < or >"):
        ws.add_comment(PATHWAY_ID, "Hello", author="<img src=x>")
    with pytest.raises(ValueError, match="one line"):
        ws.add_comment(PATHWAY_ID, "Hello", author="Eve", organisation=FORGED)
    assert ws.comments(PATHWAY_ID) == []
