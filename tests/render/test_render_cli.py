"""`pathway-designer render`: files next to their pathway, folders, standard output, exit statuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from render_helpers import ROOT, needs_dot, pathway

import pathway_designer as pd
from pathway_designer.cli.main import main


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two pathway files."""
    (tmp_path / "sample.yaml").write_text(pd.dump(pathway()), encoding="utf-8")
    (tmp_path / "other.yaml").write_text(pd.dump(pathway(id="other", title="Other")), encoding="utf-8")
    return tmp_path


@needs_dot
def test_writes_svg_next_to_the_pathway(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(folder / "sample.yaml")]) == 0
    written = folder / "sample.svg"
    assert written.read_bytes().lstrip().startswith(b"<?xml")
    assert f"wrote {written}" in capsys.readouterr().err
    umask = os.umask(0)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask  # shareable, not private


def test_renders_each_pathway_of_a_folder(folder: Path) -> None:
    assert main(["render", str(folder), "-f", "dot"]) == 0
    # each graph is named by its pathway's title (the SVG's <title>)
    assert (folder / "sample.dot").read_text().startswith('digraph "Sample pathway" {')
    assert (folder / "other.dot").read_text().startswith('digraph Other {')


@needs_dot
def test_a_folder_into_an_output_folder(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "diagrams"
    assert main(["render", str(folder), "-f", "png", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["other.png", "sample.png"]
    assert (out / "sample.png").read_bytes()[:4] == b"\x89PNG"


def test_text_to_standard_output(folder: Path, capsys: pytest.CaptureFixture[bytes]) -> None:
    assert main(["render", str(folder / "sample.yaml"), "-f", "mermaid", "-o", "-",
                 "--lanes", "setting", "--direction", "TB"]) == 0
    out = capsys.readouterr().out
    assert "flowchart TB" in out and "subgraph lane_0" in out
    assert not (folder / "sample.mermaid").exists()


def test_an_output_file_name(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "chosen.dot"
    assert main(["render", str(folder / "sample.yaml"), "-f", "dot", "-o", str(target)]) == 0
    assert "rankdir=LR" in target.read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["-f", "png", "-o", "-"], "png is binary"),
        (["-f", "dot", "-o", "-", "FOLDER"], "several pathways"),
        (["-o", "no/such/folder/x.svg"], "no such folder"),
    ],
)
def test_usage_errors_exit_2(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path = str(folder) if "FOLDER" in args else str(folder / "sample.yaml")
    args = [a for a in args if a != "FOLDER"]
    assert main(["render", path, *args]) == 2
    assert message in capsys.readouterr().err


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "nowhere.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as raised:
        main(["render", str(tmp_path), "-f", "gif"])
    assert raised.value.code == 2


def test_a_pathway_that_does_not_load_exits_1(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert main(["render", str(folder), "-f", "dot"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "was not drawn" in err
    assert (folder / "sample.dot").exists()  # the others are still drawn


def run_without_dot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process whose PATH holds no Graphviz."""
    env = {**os.environ, "PATH": str(tmp_path / "empty-bin")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pathway_designer", "render", *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )


def test_missing_dot_says_how_to_install_graphviz_and_exits_2(folder: Path, tmp_path: Path) -> None:
    result = run_without_dot(tmp_path, str(folder / "sample.yaml"), "-f", "svg")
    assert result.returncode == 2, result.stderr
    for words in ("Graphviz", "sudo apt-get install graphviz", "brew install graphviz", "winget"):
        assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "sample.svg").exists()


def test_dot_and_mermaid_need_no_graphviz(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert main(["render", str(folder), "-f", "mermaid"]) == 0
    assert main(["render", str(folder / "sample.yaml"), "-f", "dot", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("digraph \"Sample pathway\" {")
    assert "\n%% other: drawn by pathway-designer\n" in (folder / "other.mermaid").read_text()
