"""The app's banner for a local pathway whose base changed (AppTest): what changed, and bringing it
in with a reason and the partners' choice where it meets their own change."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from localisation_helpers import (
    NATIONAL,
    RURAL_WHO,
    adapt_rurally,
    change_nationally,
    git,
    national_workspace,
)
from streamlit import config
from streamlit.testing.v1 import AppTest

from pathway_designer.localisation.adapting import adapt
from pathway_designer.store import Workspace
from pathway_designer.workshop.access import make_identity

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from app_driving import diagram_words, diagrams

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    workspace = national_workspace(tmp_path)
    assert adapt(workspace, "crisis-national", "crisis-rural", who=RURAL_WHO).ok
    adapt_rurally(workspace, workspace.text("crisis-rural"))
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(workspace.root))
    monkeypatch.delenv("PATHWAY_ACCESS_CODE", raising=False)
    config.set_option("server.address", "127.0.0.1")  # on this computer only: no access code needed
    st.cache_resource.clear()
    yield workspace
    st.cache_resource.clear()


def _open(pathway: str = "crisis-rural") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["pd_who"] = make_identity("Amina Khan", "Ryedale Mind", "provider")
    at.query_params["pathway"] = pathway
    at.run()
    assert not at.exception, at.exception
    return at


def _said(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in ("error", "warning", "success", "info", "toast"):
        parts += [e.value for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def test_no_banner_while_the_base_is_unchanged(ws: Workspace) -> None:
    assert "changed since you adapted it" not in _said(_open())


def test_the_banner_says_what_changed_and_brings_it_in(ws: Workspace) -> None:
    latest = change_nationally(ws, NATIONAL)
    at = _open()
    said = _said(at)
    assert (
        "The base pathway “Adult crisis pathway (national)” changed since you adapted it: 2 changes, "
        "1 touches steps you kept; 1 change meets one of yours."
    ) in said
    assert "“Help sought in a crisis”: 1 hour → 30 minutes (you kept it as it was)" in said
    assert "yours 8 hours, the base's 2 hours" in said
    # Without a reason, nothing is brought in.
    at.button(key="upstream_bring_in").click()
    at.run()
    assert "Please say why" in _said(at) and ws.pathway("crisis-rural").base_version != latest
    at.radio(key="upstream_choice_0").set_value("theirs")
    at.text_input(key="upstream_why").input("The new national response times")
    at.button(key="upstream_bring_in").click()
    at.run()
    assert not at.exception, at.exception
    rural = ws.pathway("crisis-rural")
    assert rural.base_version == latest
    assert (rural.step("first-contact").wait, rural.step("triage").wait) == ("30m", "2h")  # type: ignore[union-attr]
    assert "Brought the base's changes in as v3" in _said(at)
    assert "changed since you adapted it" not in _said(at)
    trailer = git(ws.root, "log", "-1", "--format=%(trailers:key=Upstream,valueonly)").strip()
    assert trailer == f"crisis-national@{latest}"
    assert git(ws.root, "log", "-1", "--format=%s").strip() == "The new national response times"


def _charts(at: AppTest) -> list[str]:
    """Each diagram on the page, as its boxes: the SVG of one box per item."""
    return ["\n".join(" ".join(diagram_words(box).split()) for box in svg.split('<g id="node')[1:])
            for svg in diagrams(at)]


def test_the_diagram_shows_what_is_local_on_a_toggle(ws: Workspace) -> None:
    at = _open()
    plain = _charts(at)
    at.toggle(key="local_view").set_value(True)
    at.run()
    assert not at.exception, at.exception
    local = _charts(at)
    assert local and local != plain
    said = _said(at)
    assert "1 added locally, 2 changed locally" in said and "the version you adapted" in said
    marked = [line for line in local[0].splitlines() if "added" in line or "changed" in line]
    assert any("Video triage" in line for line in marked)
    assert any("Safe haven in Malton" in line for line in marked)
    assert not any("Home treatment team" in line for line in marked)
    # A pathway with no base offers no toggle.
    assert not _open("crisis-national").get("toggle")


def test_start_a_new_pathway_by_adapting_one(ws: Workspace) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["pd_who"] = make_identity("Amina Khan", "Ryedale Mind", "provider")
    at.session_state["start_tab"] = "Start a new pathway"
    at.run()
    at.text_input(key="new_title").input("Adult crisis pathway (Whitby)")
    at.selectbox(key="new_from").set_value("crisis-national")
    at.radio(key="new_how").set_value("adapt")
    at.text_input(key="new_why").input("Whitby adapts the national pathway")
    at.button(key="new_pathway_submit").click().run()
    assert not at.exception, at.exception
    whitby = ws.pathway("adult-crisis-pathway-whitby")
    national = ws.latest("crisis-national")
    assert national is not None
    assert (whitby.title, whitby.base_id, whitby.base_version) == (
        "Adult crisis pathway (Whitby)", "crisis-national", national.commit
    )
    assert git(ws.root, "log", "-1", "--format=%(trailers:key=Upstream,valueonly)").strip() == (
        f"crisis-national@{national.commit}"
    )
    assert at.query_params["pathway"] == ["adult-crisis-pathway-whitby"] or (
        at.query_params["pathway"] == "adult-crisis-pathway-whitby"
    )


def test_the_compare_tab_starts_from_the_twins(ws: Workspace) -> None:
    leeds = "Adult crisis pathway (Leeds)"
    assert adapt(ws, "crisis-national", "crisis-leeds", who=RURAL_WHO, title=leeds).ok
    at = _open()
    at.session_state["tab"] = "Compare"
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="compare_with").value == "crisis-national"  # its base first
    assert at.selectbox(key="compare_with").options[:2] == [
        "Adult crisis pathway (national)", "Adult crisis pathway (Leeds)"
    ]
    assert "Twins of this pathway: Adult crisis pathway (national) (one adapts the other); " in _said(at)
