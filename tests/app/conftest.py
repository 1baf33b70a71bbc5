"""Fixtures for the app tests: a temporary workspace (never ./workspace), a clean cache, and
AppTest instances that act as workshop participants."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_driving import APP, using
from app_helpers import SMALL
from streamlit.testing.v1 import AppTest

from pathway_designer.store import Workspace
from pathway_designer.workshop.access import make_identity


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A new workspace with the small falls pathway, in PATHWAY_WORKSPACE; caches cleared."""
    seed = tmp_path / "seed" / "falls.yaml"
    seed.parent.mkdir()
    seed.write_text(SMALL, encoding="utf-8")
    root = tmp_path / "ws"
    Workspace.init(root, seed=[seed]).close()
    yield from using(root, monkeypatch)


Person = Callable[..., AppTest]


@pytest.fixture
def person(workspace: Path) -> Person:
    """An AppTest for a participant who has said who they are, on a pathway (falls by default)."""

    def make(name: str = "Amina Khan", organisation: str = "Age UK North", role: str = "provider",
             pathway: str | None = "falls") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.session_state["pd_who"] = make_identity(name, organisation, role)
        if pathway:
            at.query_params["pathway"] = pathway
        at.run()
        assert not at.exception, at.exception
        return at

    return make
