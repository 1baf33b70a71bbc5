"""A pathway whose latest version is not text (committed by other means: git takes any bytes) is
refused in words where it is opened, and does not stop the rest of the workspace (the Compare tab of
every other pathway reads the others)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from app_driving import git, open_tab, texts
from app_helpers import SMALL
from streamlit.testing.v1 import AppTest

OLD_EDITOR = SMALL.replace("id: falls", "id: falls-east").replace(
    "title: Falls prevention for older people", "title: Falls prevention (caf\u00e9)"
).encode("latin-1")


@pytest.fixture
def workspace(workspace: Path) -> Path:
    """The falls pathway (the conftest's workspace), and falls-east committed by git in Latin-1."""
    (workspace / "pathways" / "falls-east.yaml").write_bytes(OLD_EDITOR)
    git(workspace, "add", "-A")
    partner = ["-c", "user.name=A Partner", "-c", "user.email=a@example.org"]
    git(workspace, *partner, "commit", "-q", "-m", "East")
    return workspace


def test_opening_it_says_why_in_words(person: Callable[..., AppTest]) -> None:
    at = person(pathway="falls-east")
    assert not at.exception, at.exception
    assert len(at.error) == 1 and (
        "That pathway cannot be opened: falls-east v1 cannot be read: byte 0xe9 is not UTF-8; save the "
        "file as UTF-8 (line 3, column 29); restore an earlier version, or fix the file and save it again"
    ) in texts(at)


def test_the_other_pathways_still_compare(person: Callable[..., AppTest]) -> None:
    at = open_tab(person(), "Compare")
    assert not at.exception, at.exception
    at.selectbox(key="compare_with").set_value("falls-east").run()
    assert not at.exception, at.exception
    assert "“falls-east” cannot be compared: its latest version does not load" in texts(at)
