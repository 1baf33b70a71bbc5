"""The start page's small traps: the new-pathway form stays open with what was typed and the message
beside it; the list filters as you type; seeded examples say where they come from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driving import APP, texts, using
from streamlit.testing.v1 import AppTest

from pathway_designer import load_text
from pathway_designer.store import Workspace, seeding
from pathway_designer.workshop.access import make_identity


def test_a_mistake_keeps_the_form_open_with_what_was_typed(person, workspace: Path):
    at = person(pathway=None)
    at.session_state["start_tab"] = "Start a new pathway"  # the person chose the tab
    at.run()
    at.text_input(key="new_title").input("Falls clinic in Malton")
    at.text_input(key="new_org1").input("North Yorkshire ICB")
    at.text_input(key="new_org2").input("York Trust")
    at.button(key="new_pathway_submit").click().run()  # no reason given
    assert not at.exception, at.exception
    assert at.session_state["start_tab"] == "Start a new pathway"
    (error,) = at.error
    assert "Please say why you are starting it" in error.value
    assert at.text_input(key="new_title").value == "Falls clinic in Malton"
    assert at.text_input(key="new_org2").value == "York Trust"
    # the second try, with the reason, creates it; the typed title is the one kept
    at.text_input(key="new_why").input("The board asked for it")
    at.button(key="new_pathway_submit").click().run()
    assert not at.exception, at.exception
    assert Workspace(workspace).pathway("falls-clinic-in-malton").title == "Falls clinic in Malton"


def test_the_search_is_live_and_filters_by_words_people_see(person):
    at = person(pathway=None)
    search = at.text_input(key="search")
    assert search.proto.HasField("live_debounce_ms")  # commits while typing, without Enter
    at.text_input(key="search").input("draft").run()
    assert "open-falls" in {b.key for b in at.button}
    at.text_input(key="search").input("retired").run()
    assert "open-falls" not in {b.key for b in at.button}
    assert "No pathway matches that search." in texts(at)


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace seeded as a new one is: with the example pathways."""
    root = tmp_path / "ws"
    Workspace.init(root).close()
    yield from using(root, monkeypatch)


def test_seeded_examples_say_where_they_come_from(examples: Path):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["pd_who"] = make_identity("Sam Lee", "NHS England", "commissioner")
    at.run()
    assert not at.exception, at.exception
    page = texts(at)
    assert "by pathway-designer" not in page
    assert "Example, from its sources: NICE NG97 and QS184" in page
    assert "Example, from its sources: NHS Digital IAPT monthly reports" in page


def test_sources_are_read_from_the_summary() -> None:
    def summary(text: str) -> str | None:
        pathway = load_text(
            "format: 1\nid: x\ntitle: X\nsummary: '" + text + "'\norganisations:\n"
            "  - {id: a, name: A, role: commissioner}\nsteps:\n  - {id: s, label: S, kind: entry}\n"
        )
        return seeding.sources(pathway)

    assert summary("Help. Sources: NICE NG97; QOF DEM004.") == "NICE NG97; QOF DEM004"
    assert summary("Help (sources: NICE NG222 1.16.11; UCL (2021)). Twin of x.") == (
        "NICE NG222 1.16.11; UCL (2021)"
    )
    assert summary("Help for people. No list here.") is None
    assert summary("Sources:") is None


def test_the_welcome_page_and_the_list_fetch_the_tables_code_in_a_hidden_box(workspace: Path, person):
    from pathway_app.ahead import KEY

    welcome = AppTest.from_file(str(APP), default_timeout=60)
    welcome.run()
    assert not welcome.exception, welcome.exception
    hidden = [h.proto.body for h in welcome.get("html")]
    assert any(f".st-key-{KEY} {{ display: none !important; }}" in body for body in hidden)
    assert "pd_ahead_table" in str(welcome._tree)  # the empty table, in the hidden box
    assert welcome.text_input(key="me_name") is not None  # the form is there as before
    listing = person(pathway=None)
    assert "pd_ahead_table" in str(listing._tree)
