"""Control characters in people's text are shown escaped in every text format the CLI prints.

ESC, CR, BEL, C1 controls, newlines inside a value, U+2028/9 and bidirectional overrides in names,
rationales, sign-offs and labels come out as `\\x1b`, `\\n`, `\\u2028`...; JSON is unchanged.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from format_helpers import build

from pathway_designer.changes.merge import Conflict
from pathway_designer.cli.main import main
from pathway_designer.cli.terminal import for_text
from pathway_designer.controls import escaped, escaped_lines
from pathway_designer.finding import Finding, Severity

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "versions"))
from store_helpers import PATHWAY_ID, SAMPLE, edit, new_workspace

# What a terminal would obey: clear the screen, return to the line's start, ring, a C1 CSI, a
# line separator, a right-to-left override.
HOSTILE = "\x1b[2J\r\x07\x9b31m\u2028\u202e"
SHOWN = "\\x1b[2J\\r\\x07\\x9b31m\\u2028\\u202e"
# A rationale's line ends are the store's to keep (its first line is the summary): the rest.
IN_A_LINE, IN_A_LINE_SHOWN = "\x1b[2J\x07\x9b31m\u202e", "\\x1b[2J\\x07\\x9b31m\\u202e"
FORGED = "forged.yaml:1:1: error dead-end: nothing leaves this step"
YAML_HOSTILE = '\\e[2J\\r\\a\\x9b31m\\L\\u202e'  # the same characters as YAML escapes


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_nothing_raw(text: str) -> None:
    assert escaped_lines(text) == text, "a control character reached the terminal"


def test_escaped_writes_every_control_as_an_escape_and_leaves_other_text_alone():
    assert escaped(HOSTILE + "\n\t") == SHOWN + "\\n\\t"
    assert escaped_lines(f"a{HOSTILE}\n\tb") == f"a{SHOWN}\n\tb"  # its own line ends kept
    plain = "Scarborough Mind: café, 2 hours \\N (as typed) → next"
    assert escaped(plain) == plain and escaped_lines(plain) == plain


def test_a_signoff_name_with_a_newline_cannot_forge_a_finding_line(tmp_path, capsys):
    name = f"Ann Lee\\n{FORGED}{YAML_HOSTILE}"
    text = build(tail=f"""\
        signoffs:
          - organisation: trust
            name: "{name}"
            date: 2026-01-05
            fingerprint: sha256:{"0" * 64}
        """)
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    # GitHub shows %0A as a break inside the one annotation, which no line can forge.
    for fmt, newline in (("text", "\\n"), ("github", "%0A")):
        _, out, _ = run(capsys, "validate", "--format", fmt, str(path))
        assert_nothing_raw(out)
        lines = out.splitlines()
        assert not any(line.startswith("forged.yaml") for line in lines)
        stale = [line for line in lines if "stale-signoff" in line]
        assert len(stale) == 1 and f"Ann Lee{newline}{FORGED}{SHOWN}" in stale[0]
    _, out, _ = run(capsys, "validate", "--format", "json", str(path))
    (finding,) = [f for f in json.loads(out)["findings"] if f["rule"] == "stale-signoff"]
    assert f"Ann Lee\n{FORGED}{HOSTILE}" in finding["message"]  # JSON: the text itself


def pathway_file(folder: Path, pathway_id: str, hostile: str) -> Path:
    """A pathway whose title and triage label end with `hostile` (YAML escapes)."""
    steps = [
        ("start", "entry"),
        ("triage", "decision", f'label: "Triage{hostile}"'),
        ("help", "intervention"),
        ("done", "exit"),
    ]
    text = build(steps, pathway_id=pathway_id).replace("    label: Step triage\n", "", 1)
    text = text.replace("title: Demo pathway", f'title: "Demo{hostile}"')
    folder.mkdir(exist_ok=True)
    path = folder / f"{pathway_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_analyse_and_compare_show_titles_and_labels_escaped(tmp_path, capsys):
    a = pathway_file(tmp_path, "demo", f"\\n{FORGED}{YAML_HOSTILE}")
    b = pathway_file(tmp_path / "b", "other", "")
    for argv in (("analyse", str(a)), ("compare", str(a), str(b))):
        status, out, _ = run(capsys, *argv)
        assert status == 0
        assert_nothing_raw(out)
        assert not any(line.startswith("forged.yaml") for line in out.splitlines())
        assert f"\\n{FORGED}{SHOWN}" in out
    status, out, _ = run(capsys, "analyse", str(a), "--format", "json")
    assert json.loads(out)["title"] == f"Demo\n{FORGED}{HOSTILE}" and status == 0


def test_history_why_blame_diff_and_show_escape_what_people_wrote(tmp_path, monkeypatch, capsys):
    ws = new_workspace(tmp_path)
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(ws.root))
    label = f"Crisis team\\n{FORGED}{YAML_HOSTILE}"
    hostile = edit(SAMPLE, "label: Referral or self-referral", f'label: "{label}"')
    saved = ws.save(hostile, author="Ann Lee", organisation="Ryedale Mind",
                    rationale=f"Faster {IN_A_LINE}", base="v1")
    assert saved.ok, saved.message
    outputs = {
        "history": run(capsys, "history")[1],
        "why": run(capsys, "why", PATHWAY_ID, "referral")[1],
        "blame": run(capsys, "blame", PATHWAY_ID)[1],
        "diff": run(capsys, "diff", PATHWAY_ID, "v1", "v2")[1],
        "show": run(capsys, "show", PATHWAY_ID)[1],
    }
    for command, out in outputs.items():
        assert_nothing_raw(out), command
        assert not any(line.startswith("forged.yaml") for line in out.splitlines()), command
    assert f"Faster {IN_A_LINE_SHOWN}" in outputs["history"]
    assert f"Faster {IN_A_LINE_SHOWN}" in outputs["why"]
    assert f"Crisis team\\n{FORGED}" in outputs["diff"]
    history = json.loads(run(capsys, "history", "--format", "json")[1])
    assert history["versions"][0]["rationale"] == f"Faster {IN_A_LINE}"  # JSON unchanged


@dataclass
class _Result:  # the shape of a save's and a sync's result
    message: str
    findings: list[Finding] = field(default_factory=list)
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)


def test_for_text_escapes_every_string_in_a_result_but_not_the_tools_own_words():
    finding = Finding("stale-signoff", Severity.WARNING, f"signed by Ann\n{FORGED}", "a\x1b.yaml", 3, 4)
    conflict = Conflict("steps", "triage", "label", "Old\n", "Ours\x1b", "Theirs\u2028")
    result = for_text(_Result(f"saved {HOSTILE}", [finding], {"crisis\x07": [conflict]}))
    assert result.message == f"saved {SHOWN}"
    (shown,) = result.findings
    assert shown.message == f"signed by Ann\\n{FORGED}" and shown.file == "a\\x1b.yaml"
    assert shown.severity is Severity.WARNING and (shown.line, shown.column) == (3, 4)
    ((name, (c,)),) = result.conflicts.items()
    assert (name, c.base, c.ours, c.theirs) == ("crisis\\x07", "Old\\n", "Ours\\x1b", "Theirs\\u2028")
