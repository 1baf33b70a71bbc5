"""docs/architecture.md names only parts that exist, every folder of the library, and the real layers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the project supports 3.10

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
LIBRARY = ROOT / "pathway_designer"


def test_every_module_path_the_page_names_exists() -> None:
    named = set(re.findall(r"(?:pathway_designer|pathway_app)/[\w/]*(?:\.py|/)", DOC))
    assert len(named) > 40
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def test_every_module_in_the_diagram_exists() -> None:
    (diagram,) = re.findall(r"```mermaid\n(.*?)```", DOC, re.DOTALL)
    named = re.findall(r"\b([a-z_]+/[a-z_]+\.py|[a-z_]+\.py)", diagram)
    folders = {m.split("/")[0] for m in named if "/" in m}
    missing = []
    for module in named:
        if "/" in module:
            found = (LIBRARY / module).exists()
        else:  # "mermaid.py" after "render/dot.py": a sibling of a module named before it
            found = any((LIBRARY / folder / module).exists() for folder in folders)
            found = found or (LIBRARY / module).exists() or (LIBRARY / "checks" / module).exists()
        if not found:
            missing.append(module)
    assert named and missing == []


def test_every_folder_of_the_library_and_the_app_is_described() -> None:
    folders = [p for p in LIBRARY.rglob("__init__.py") if p.parent != LIBRARY]
    for init in folders:
        folder = init.parent.relative_to(ROOT).as_posix()
        assert f"`{folder}/" in DOC, folder
    assert "### `pathway_app/`" in DOC


def test_the_layers_quoted_are_the_layers_enforced() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c for c in contracts if c["type"] == "layers"]
    (quoted,) = re.findall(r"```toml\n(.*?)```", DOC, re.DOTALL)
    assert tomllib.loads(quoted)["tool"]["importlinter"]["contracts"][0]["layers"] == layers["layers"]
    for contract in contracts:
        assert contract["name"] in DOC, contract["name"]
