"""The review tests run git hermetically: no system or global configuration, a fixed identity."""

from __future__ import annotations

import pytest
from review_helpers import HERMETIC


@pytest.fixture(autouse=True)
def _hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in HERMETIC.items():
        monkeypatch.setenv(name, value)
