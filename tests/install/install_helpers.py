"""Shared by the install tests: where the checkout is, and the shipped schema's text."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HINT = 'pip install "pathway-designer[app]"'
SCHEMA_LINE = "# yaml-language-server: $schema="


def schema_reference(pathway_file: Path) -> Path:
    """The file a pathway's `# yaml-language-server: $schema=...` line names, resolved from it."""
    first = pathway_file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_LINE), f"{pathway_file} does not start with the schema line"
    return (pathway_file.parent / first.removeprefix(SCHEMA_LINE).strip()).resolve()
