"""No one's text is ever Markdown or HTML in the app: on every tab, every element that Streamlit
renders as Markdown (titles, captions, alerts, labels, table cells...) holds the markup escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import hostile
import pytest
from app_driving import APP, edit_cells, open_tab, save, using
from streamlit.testing.v1 import AppTest

from pathway_app import TABS
from pathway_app.text import md
from pathway_designer.store import Workspace
from pathway_designer.workshop.access import make_identity

KINDS = ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success",
         "toast", "exception")
WIDGETS = ("button", "text_input", "text_area", "selectbox", "multiselect", "radio", "checkbox",
           "expander", "date_input", "number_input", "tabs")


@pytest.fixture
def hostile_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    seeds = []
    for pid in ("falls", "twin"):
        seeds.append(tmp_path / f"{pid}.yaml")
        seeds[-1].write_text(hostile.pathway(pid), encoding="utf-8")
    root = tmp_path / "ws"
    Workspace.init(root, seed=seeds).close()
    ws = Workspace(root)
    hostile.history(ws)
    ws.close()
    yield from using(root, monkeypatch)


def participant(pathway: str | None = "falls") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["pd_who"] = make_identity(hostile.NAME, hostile.NAME, "carer")
    if pathway:
        at.query_params["pathway"] = pathway
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> list[str]:
    """Every string on the page that Streamlit would render as Markdown."""
    found = [str(e.value) for kind in KINDS for e in getattr(at, kind)]
    for kind in WIDGETS:
        for widget in getattr(at, kind):
            found.append(str(getattr(widget, "label", "")))
            if kind == "radio":
                found += [str(o) for o in widget.options]
    for table in at.table:
        frame = table.value
        found += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return found


def assert_plain(at: AppTest, where: str) -> None:
    assert not at.exception, at.exception
    texts = shown(at)
    assert any(md(hostile.MARKUP) in t for t in texts), f"{where}: no user text shown at all"
    for t in texts:
        bare = re.sub(r"\\.", "", t)  # what is left once the escaped characters are taken out
        for markup in hostile.UNESCAPED:
            assert markup not in bare, f"{where}: {markup!r} unescaped in {t!r}"


def test_markup_in_every_text_is_shown_as_text_on_every_tab(hostile_workspace: Path):
    at = participant(pathway=None)
    assert_plain(at, "the list of pathways")
    at = participant()
    for tab in TABS:
        open_tab(at, tab)
        assert_plain(at, tab)
        if tab == "Steps":
            for action in ("connect", "detail", "remove"):
                at.radio(key="steps_action").set_value(action).run()
                if action == "remove":
                    at.selectbox(key="remove_step").set_value("assessment").run()
                assert_plain(at, f"Steps, {action}")
        if tab == "Partners":
            at.selectbox(key="remove_org").set_value("trust").run()
            assert_plain(at, "Partners, removing one")
    open_tab(at, "Comments")
    at.text_area(key="comment_text").input(hostile.text("New comment"))
    at.button(key="comment_submit").click().run()
    assert_plain(at, "a comment added (the notice)")


def test_markup_in_an_authors_name_in_the_conflict_panel(hostile_workspace: Path):
    mine, theirs = participant(), participant()
    edit_cells(open_tab(mine, "Steps"), "steps", {1: {"wait": "3d"}})
    edit_cells(open_tab(theirs, "Steps"), "steps", {1: {"wait": "2w"}})
    save(theirs, hostile.text("Their reason"))
    save(mine, hostile.text("My reason"))
    assert "Choose what to keep" in [s.value for s in mine.subheader]
    assert_plain(mine, "the conflict panel")
