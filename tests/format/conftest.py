"""Fixtures for the format tests (helpers live in format_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_helpers import build, structure_only_config

from pathway_designer.checks.config import CONFIG_NAME


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a config that keeps only the structural rules (so outcomes are stable)."""
    (tmp_path / CONFIG_NAME).write_text(structure_only_config(), encoding="utf-8")
    return tmp_path


@pytest.fixture
def valid_text() -> str:
    return build()
