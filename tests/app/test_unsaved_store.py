"""The server-side store of unsaved drafts and returning people (library only: no streamlit)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from app_driving import git
from app_helpers import SMALL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathway_designer.store import Workspace
from pathway_designer.store.unsaved import Unsaved, _draft_key, when_words

ANY_TEXT = st.text(min_size=0, max_size=200)


def test_a_draft_round_trips_and_is_removed(tmp_path: Path):
    store = Unsaved(tmp_path)
    assert store.draft("Amina\nAge UK", "falls") is None
    assert store.keep("Amina\nAge UK", "falls", "title: mine\n", "abc123")
    kept = store.draft("Amina\nAge UK", "falls")
    assert kept is not None and (kept.pathway, kept.text, kept.base) == ("falls", "title: mine\n", "abc123")
    assert kept.kept_at.tzinfo is not None
    # one per person and pathway: another person, or another pathway, has none
    assert store.draft("Sam\nICB", "falls") is None and store.draft("Amina\nAge UK", "crisis") is None
    assert store.keep("Amina\nAge UK", "falls", "title: newer\n", None)
    again = store.draft("Amina\nAge UK", "falls")
    assert again is not None and (again.text, again.base) == ("title: newer\n", None)
    store.discard("Amina\nAge UK", "falls")
    assert store.draft("Amina\nAge UK", "falls") is None
    store.discard("Amina\nAge UK", "falls")  # nothing to remove is not an error


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=ANY_TEXT, pathway=ANY_TEXT, text=ANY_TEXT)
def test_any_person_or_pathway_text_is_a_safe_name(tmp_path: Path, person: str, pathway: str, text: str):
    store = Unsaved(tmp_path)
    assert store.keep(person, pathway, text, None)
    kept = store.draft(person, pathway)
    assert kept is not None and kept.text == text
    names = os.listdir(tmp_path / "unsaved" / "drafts")
    assert all(len(n) == 69 and n.endswith(".json") and n[:64].isalnum() for n in names)
    store.discard(person, pathway)
    assert store.draft(person, pathway) is None


def test_writes_are_atomic_and_a_damaged_record_is_nothing(tmp_path: Path):
    store = Unsaved(tmp_path)
    store.keep("Amina", "falls", "x" * 1000, None)
    folder = tmp_path / "unsaved" / "drafts"
    (only,) = list(folder.iterdir())  # the whole record, no temporary file left beside it
    assert json.loads(only.read_text(encoding="utf-8"))["text"] == "x" * 1000
    only.write_text('{"pathway": "falls", "text": "half', encoding="utf-8")  # a torn file
    assert store.draft("Amina", "falls") is None
    only.write_text('{"pathway": "crisis", "text": "t", "kept_at": "2026-01-01T00:00:00+00:00"}')
    assert store.draft("Amina", "falls") is None  # a record for another pathway is not this one
    only.write_text("[" * 5000)  # nested too deeply for Python's parser: nothing, not a crash
    assert store.draft("Amina", "falls") is None


def test_size_and_count_are_bounded(tmp_path: Path):
    store = Unsaved(tmp_path, max_drafts=3, max_bytes=100)
    assert not store.keep("Amina", "falls", "é" * 51, None)  # 102 bytes in UTF-8
    assert store.draft("Amina", "falls") is None
    for i in range(5):
        assert store.keep("Amina", f"p{i}", f"text {i}", None)
        for n, path in enumerate(sorted((tmp_path / "unsaved" / "drafts").iterdir())):
            if path.name == f"{_draft_key('Amina', f'p{i}')}.json":  # in order, on a coarse clock too
                os.utime(path, (1_000_000 + i, 1_000_000 + i))
            assert n < 4
    assert len(os.listdir(tmp_path / "unsaved" / "drafts")) == 3
    assert store.draft("Amina", "p4") is not None


def test_a_returning_person_is_known_by_a_token_that_is_never_written(tmp_path: Path):
    store = Unsaved(tmp_path)
    token = store.remember_person({"name": "Amina", "organisation": "Age UK", "role": "provider"})
    assert len(token) >= 40 and store.person(token) == {
        "name": "Amina", "organisation": "Age UK", "role": "provider"}
    written = "".join(p.name + p.read_text() for p in (tmp_path / "unsaved" / "people").iterdir())
    assert token not in written
    assert store.person("not-a-token") is None and store.person("") is None
    assert store.person("x" * 10_000) is None
    assert store.remember_person({"name": "Amina K"}, token) == token  # the same browser, new name
    assert store.person(token) == {"name": "Amina K"}
    store.forget_person(token)
    assert store.person(token) is None


def test_the_workspace_keeps_them_in_gits_folder_never_committed(tmp_path: Path):
    seed = tmp_path / "falls.yaml"
    seed.write_text(SMALL, encoding="utf-8")
    with Workspace.init(tmp_path / "ws", seed=[seed]) as ws:
        assert ws.unsaved.keep("Amina", "falls", "draft", ws.head())
        drafts = list((tmp_path / "ws" / ".git" / "pathway-designer" / "unsaved" / "drafts").iterdir())
        assert len(drafts) == 1
        assert git(tmp_path / "ws", "status", "--porcelain", "--ignored") == ""


def test_when_in_words():
    now = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.timezone.utc)
    local = now.astimezone()
    assert when_words(now, now) == f"{local:%H:%M} today"
    assert when_words(now - dt.timedelta(days=1), now) == f"yesterday at {local:%H:%M}"
    earlier = (now - dt.timedelta(days=30)).astimezone()
    assert when_words(now - dt.timedelta(days=30), now) == f"{earlier.day} {earlier:%B} at {earlier:%H:%M}"
