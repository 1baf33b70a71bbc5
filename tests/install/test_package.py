"""What the package carries and what a new user meets first: `init`, `--version`, `app` without
the app extra, and a command line that never loads Streamlit."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from install_helpers import HINT, ROOT, schema_reference

import pathway_designer
from pathway_designer.cli import app_command
from pathway_designer.cli.main import main
from pathway_designer.format.schema import json_schema_text
from pathway_designer.store import Workspace
from pathway_designer.store import seeding as seeding_module
from pathway_designer.store import workspace as workspace_module

PACKAGE_DATA = Path(pathway_designer.__file__).parent / "data"


def git_mode(path: str) -> str:
    staged = subprocess.run(
        ["git", "ls-files", "--stage", "--", path], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return staged.split()[0] if staged else ""


@pytest.mark.parametrize(("link", "target"), [("pathways", "data/pathways"), ("schema", "data/schema")])
def test_the_root_folders_are_relative_links_into_the_package(link: str, target: str) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist holds real files here)")
    assert git_mode(link) == "120000", f"{link} should be stored in git as a symbolic link"
    assert not Path((ROOT / link).readlink()).is_absolute()
    assert (ROOT / link).resolve() == (PACKAGE_DATA / target.removeprefix("data/")).resolve()


def test_the_examples_and_schema_are_package_data() -> None:
    examples = seeding_module.example_pathways()
    assert len(examples) >= 4
    assert {p.name for p in examples} == {p.name for p in (PACKAGE_DATA / "pathways").glob("*.yaml")}
    assert seeding_module.shipped_schema().decode("utf-8") == json_schema_text()


def test_init_seeds_the_examples_and_the_schema_they_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ryedale"
    assert main(["init", str(target)]) == 0
    seeded = sorted((target / "pathways").glob("*.yaml"))
    assert len(seeded) >= 4
    assert f"with {len(seeded)} pathways" in capsys.readouterr().out
    schema_file = target / "schema" / "pathway.schema.json"
    for pathway_file in seeded:
        named = schema_reference(pathway_file)
        assert named == schema_file.resolve(), f"{pathway_file.name} names {named}"
        schema = json.loads(named.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == "Pathway"
    with Workspace(target) as ws:  # committed, so a clone of the workspace has it too
        assert ws.text(seeded[0].stem).startswith("# yaml-language-server")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=target, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "schema/pathway.schema.json" in tracked


def test_an_empty_workspace_gets_the_schema_too(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "new"), "--empty"]) == 0
    assert not list((tmp_path / "new" / "pathways").glob("*.yaml"))
    written = (tmp_path / "new" / "schema" / "pathway.schema.json").read_text(encoding="utf-8")
    assert written == json_schema_text()


def test_the_apps_default_workspace_is_seeded_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(workspace_module.ENVIRONMENT, raising=False)
    with Workspace.open() as ws:
        assert len(ws.pathway_ids()) >= 4
        for pathway_id in ws.pathway_ids():
            assert schema_reference(ws.file(pathway_id)) == (ws.root / "schema" / "pathway.schema.json")
            assert schema_reference(ws.file(pathway_id)).is_file()


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([flag])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"pathway-designer {metadata.version('pathway-designer')}"


def test_the_app_without_its_extra_names_the_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = app_command.importlib.util.find_spec

    def without_streamlit(name: str, package: str | None = None) -> object:
        return None if name == "streamlit" else real(name, package)

    monkeypatch.setattr(app_command.importlib.util, "find_spec", without_streamlit)
    monkeypatch.setattr(app_command, "run_child", lambda *a: pytest.fail("started without Streamlit"))
    assert main(["app"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert HINT in err and 'pipx install --force "pathway-designer[app]"' in err


def test_the_app_runs_the_installed_page_script() -> None:
    script = app_command.app_script()
    assert script is not None and script.is_file()
    spec = importlib.util.find_spec("pathway_app")  # not imported: that would load Streamlit
    assert spec is not None and spec.origin is not None
    assert script == Path(spec.origin).parent / "page" / "app.py"
    assert "from pathway_app import main" in script.read_text(encoding="utf-8")


def test_the_command_line_never_loads_streamlit(tmp_path: Path) -> None:
    """Every command but `app` works without the app extra: none of them may import it."""
    example = sorted((PACKAGE_DATA / "pathways").glob("*.yaml"))[0]
    probe = (
        "import sys\n"
        "from pathway_designer.cli.main import build_parser, main\n"
        "build_parser()\n"
        f"assert main(['validate', {str(example)!r}]) == 0\n"
        f"assert main(['render', '-f', 'dot', '-o', {str(tmp_path / 'x.dot')!r}, {str(example)!r}]) == 0\n"
        f"assert main(['init', {str(tmp_path / 'ws')!r}]) == 0\n"
        "app_only = ('streamlit', 'pathway_app', 'pandas')\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & set(app_only))\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
