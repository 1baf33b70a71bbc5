"""The command line behaves like its neighbours (ruff, eslint, git): `-` for standard input, `.` by
default, its own globbing, -q/-v, colour on a terminal and NO_COLOR, no file matched is exit 2,
`fmt --diff`, a truthful `fmt` summary, summaries on standard error, a closed pipe ends quietly,
annotation paths from the repository root, `--version`, versioned JSON, and a light start."""

from __future__ import annotations

import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from format_helpers import PATHWAYS, REPO, build

from pathway_designer import dump, load_text
from pathway_designer.cli import main as cli_main
from pathway_designer.cli.main import COMMAND_MODULES, COMMANDS, build_parser, main

VALID = build()
EXAMPLE = PATHWAYS / "adult-crisis-rural.yaml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def canonical() -> str:
    return dump(load_text(VALID))


def cli(*argv: str, cwd: Path = REPO, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pathway_designer", *argv], capture_output=True, text=True,
        cwd=cwd, timeout=120, env={**os.environ, **(env or {})}, check=False, **kw,
    )


# --- standard input, the default path, globbing, nothing matched ----------------------------------


def test_validate_dash_reads_standard_input(monkeypatch, capsys):
    stdin(monkeypatch, VALID.replace("title: Demo pathway", "title: 12345"))
    status, out, err = run(capsys, "validate", "-")
    assert status == 1
    assert out.startswith(
        "<stdin>:3:8: error invalid-value: The pathway's title is “12345”, which is read as a number"
    )
    assert err.startswith("1 file checked: 0 valid, 1 with 1 error")


def test_fmt_dash_writes_the_canonical_text_to_standard_output(monkeypatch, capsys):
    stdin(monkeypatch, VALID)
    status, out, err = run(capsys, "fmt", "-")
    assert (status, out) == (0, canonical())
    assert err == "1 file checked: 1 reformatted\n"


def test_render_dash_draws_standard_input_on_standard_output(monkeypatch, capsys):
    stdin(monkeypatch, VALID)
    status, out, _ = run(capsys, "render", "-", "-f", "mermaid")
    assert status == 0 and "\nflowchart LR\n" in out


def test_dash_with_other_paths_is_a_usage_error(monkeypatch, capsys, tmp_path):
    (tmp_path / "a.yaml").write_text(VALID)
    stdin(monkeypatch, VALID)
    status, out, err = run(capsys, "validate", "-", str(tmp_path / "a.yaml"))
    assert (status, out) == (2, "") and "standard input" in err


def test_no_path_means_the_current_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "demo.yaml").write_text(VALID)
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "validate")
    assert status == 0 and err.startswith("1 file checked: 1 valid")
    assert run(capsys, "fmt", "--check")[0] == 1


def test_the_tool_expands_glob_patterns_itself(tmp_path, monkeypatch, capsys):
    for name in ("a/one.yaml", "a/b/two.yaml", "c/three.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(VALID)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "validate", "a/*.yaml")[2].startswith("1 file checked: 1 valid")
    assert run(capsys, "validate", "**/*.yaml")[2].startswith("2 files checked: 2 valid")
    assert run(capsys, "validate", "a/**/*.y*ml", "c/*.yml")[2].startswith("3 files checked: 3 valid")


@pytest.mark.parametrize("command", ["validate", "fmt", "render"])
def test_nothing_matched_exits_2_with_a_message(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, command, "nothing/*.yaml")
    assert (status, out, err) == (2, "", "pathway-designer: no file matches nothing/*.yaml\n")
    (tmp_path / "empty").mkdir()
    status, out, err = run(capsys, command, "empty")
    assert (status, out) == (2, "") and "no pathway files" in err


# --- -q, -v and colour -----------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["-q", "validate"], ["validate", "-q"], ["validate", "--quiet"]])
def test_quiet_keeps_findings_and_drops_the_summary(tmp_path, capsys, argv):
    path = tmp_path / "demo.yaml"
    path.write_text(VALID.replace("title: Demo pathway", "title: 12345"))
    status, out, err = run(capsys, *argv, str(path))
    assert status == 1 and "invalid-value" in out and err == ""
    assert run(capsys, *argv, str(path))[2] == ""


def test_verbose_names_each_file(tmp_path, capsys):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(VALID)
    _, _, err = run(capsys, "-v", "validate", str(tmp_path))
    assert err.splitlines()[:2] == [f"checking {tmp_path / 'a.yaml'}", f"checking {tmp_path / 'b.yaml'}"]


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(VALID.replace("title: Demo pathway", "title: 12345"))
    return path


def test_color_always_and_never(tmp_path, capsys):
    path = _broken(tmp_path)
    assert "\x1b[1;31merror\x1b[0m" in run(capsys, "validate", "--color", "always", str(path))[1]
    assert "\x1b[" not in run(capsys, "validate", "--color", "never", str(path))[1]
    assert "\x1b[" not in run(capsys, "validate", str(path))[1]  # captured: not a terminal


def _on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """What the real CLI prints on a pseudo-terminal."""
    leader, follower = pty.openpty()
    clean_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    with subprocess.Popen(
        [sys.executable, "-m", "pathway_designer", *argv], stdout=follower, stderr=subprocess.DEVNULL,
        env={**clean_env, "TERM": "xterm", **env}, cwd=REPO,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the program ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color_is_set(tmp_path):
    path = str(_broken(tmp_path))
    assert "\x1b[1;31merror" in _on_a_terminal(["validate", path], {})
    for value in ("1", "", "false"):  # any value, as no-color.org's readers take it here
        assert "\x1b[" not in _on_a_terminal(["validate", path], {"NO_COLOR": value})
    assert "\x1b[" not in _on_a_terminal(["validate", "--color", "never", path], {})
    assert "\x1b[1;31merror" in _on_a_terminal(["validate", "--color", "always", path], {"NO_COLOR": "1"})


# --- fmt --diff and a truthful summary --------------------------------------------------------------


def test_fmt_diff_prints_a_unified_diff_and_exits_1(tmp_path, capsys):
    path = tmp_path / "demo.yaml"
    path.write_text(VALID)
    status, out, err = run(capsys, "fmt", "--diff", str(path))
    assert status == 1
    assert out.startswith(f"--- {path}\n+++ {path} (formatted)\n@@ ")
    assert path.read_text() == VALID  # nothing written
    assert err == "1 file checked: 1 would be reformatted\n"
    path.write_text(canonical())
    assert run(capsys, "fmt", "--diff", str(path))[:2] == (0, "")


def test_fmt_summary_counts_what_happened(tmp_path, capsys):
    (tmp_path / "messy.yaml").write_text(VALID.replace("id: demo", "id: messy"))
    (tmp_path / "comments.yaml").write_text(VALID.replace("id: demo", "id: comments  # a note"))
    (tmp_path / "broken.yaml").write_text("title: [\n")
    (tmp_path / "fine.yaml").write_text(canonical().replace("id: demo", "id: fine"))
    status, out, err = run(capsys, "fmt", str(tmp_path))
    assert status == 1
    assert out == f"{tmp_path / 'messy.yaml'}: reformatted\n"
    assert err.splitlines()[-1] == (
        "4 files checked: 1 reformatted, 1 already formatted, "
        "1 not formatted (comments would be lost), 1 not formatted (does not load)"
    )


# --- streams and pipes ----------------------------------------------------------------------------


def test_summaries_are_on_standard_error(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(VALID)
    for argv in (["validate", str(path)], ["fmt", "--check", str(path)],
                 ["render", str(path), "-f", "mermaid", "-o", str(tmp_path / "d.mmd")]):
        done = cli(*argv)
        assert "checked" in done.stderr or "wrote" in done.stderr, argv
        assert "checked" not in done.stdout and "wrote" not in done.stdout, argv


@pytest.mark.parametrize(
    "command",
    ["rules", "schema", f"validate {PATHWAYS} --format json", f"render {EXAMPLE} -f mermaid -o -",
     f"analyse {EXAMPLE}", "--help"],
)
def test_a_closed_pipe_ends_quietly(command):
    shell = f"{sys.executable} -m pathway_designer {command} | head -c 1 >/dev/null"
    done = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    assert done.stderr == ""


# --- annotation paths -----------------------------------------------------------------------------


def _annotated_file(out: str) -> str:
    line = next(x for x in out.splitlines() if x.startswith("::error"))
    return line.split("file=", 1)[1].split(",", 1)[0]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_annotation_paths_start_at_the_repository_root(tmp_path):
    repo = tmp_path / "repo"
    (repo / "pathways").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "pathways" / "demo.yaml").write_text(VALID.replace("title: Demo pathway", "title: 1"))
    env = {"GITHUB_WORKSPACE": ""}
    inside = cli("validate", "--format", "github", "demo.yaml", cwd=repo / "pathways", env=env)
    assert _annotated_file(inside.stdout) == "pathways/demo.yaml"
    actions = cli("validate", "--format", "github", "demo.yaml", cwd=repo / "pathways",
                  env={"GITHUB_WORKSPACE": str(tmp_path)})
    assert _annotated_file(actions.stdout) == "repo/pathways/demo.yaml"
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "demo.yaml").write_text(VALID.replace("title: Demo pathway", "title: 1"))
    plain = cli("validate", "--format", "github", "demo.yaml", cwd=outside,
                env={**env, "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert _annotated_file(plain.stdout) == "demo.yaml"


# --- --version, JSON, start-up --------------------------------------------------------------------


def test_version(capsys):
    for flag in ("--version", "-V"):
        with pytest.raises(SystemExit) as exited:
            main([flag])
        assert exited.value.code == 0
        assert capsys.readouterr().out.startswith("pathway-designer ")


def test_every_json_output_carries_a_version(tmp_path, capsys):
    path = tmp_path / "demo.yaml"
    path.write_text(VALID)
    for argv in (["validate", "--format", "json", str(path)],
                 ["analyse", "--format", "json", str(EXAMPLE)],
                 ["compare", "--format", "json", str(EXAMPLE), str(PATHWAYS / "adult-crisis-urban.yaml")]):
        _, out, _ = run(capsys, *argv)
        assert json.loads(out)["version"] == 1, argv


def test_every_json_output_is_documented():
    doc = (REPO / "docs" / "json-output.md").read_text(encoding="utf-8")
    for command in ("validate", "analyse", "compare", "upstream", "twins"):
        assert f"`{command} --format json`" in doc
    assert '"version"' in doc


def test_the_map_of_commands_is_what_the_modules_register():
    parser = build_parser()
    registered = next(a for a in parser._actions if a.dest == "command").choices
    names = set(registered)
    mapped = {name for name, module in COMMANDS.items() if module in COMMAND_MODULES}
    assert mapped == names  # every command has its module, so none imports them all
    assert cli_main._modules_for(["review"]) == ("review",)
    assert cli_main._modules_for(["--version"]) == cli_main._modules_for(["-q", "-V"]) == ()
    assert cli_main._modules_for(["--help"]) == COMMAND_MODULES  # the help lists every command
    assert cli_main._modules_for(["--help", "--version"]) == COMMAND_MODULES


def test_validate_imports_no_heavy_library_it_does_not_use():
    probe = (
        "import sys; from pathway_designer.cli.main import main; "
        f"status = main(['validate', '-q', {str(EXAMPLE)!r}]); "
        "heavy = sorted({'dulwich', 'jinja2', 'lxml', 'streamlit', 'graphviz', 'ciw', 'pandas',"
        " 'networkx'} & {m.split('.')[0] for m in sys.modules}"
        " | {'pathway_designer.partnership.routes', 'pathway_designer.partnership.comparison'}"
        " & set(sys.modules)); print(heavy); sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
