"""Findings are marked on the steps and transitions they concern; differences between versions are
marked with a colour and a line style and a symbol, so they read in greyscale too."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest
from render_helpers import decode_html_label, pathway

import pathway_designer as pd
from pathway_designer.finding import Finding, Severity
from pathway_designer.render import build_diagram, render_dot, render_mermaid
from pathway_designer.render.palette import BLUE, BLUISH_GREEN, VERMILLION, WARNING_ORANGE

BROKEN = dedent(
    """\
    format: 1
    id: broken
    title: Broken pathway
    organisations:
      - id: trust
        name: Moors Trust
        role: nhs-provider
    steps:
      - id: start
        label: Start
        kind: entry
        owner: trust
        wait: 1d
      - id: choose
        label: Choose
        kind: decision
        owner: trust
      - id: stop
        label: Stop
        kind: exit
        owner: trust
    transitions:
      - from: start
        to: choose
      - from: start
        to: start
      - from: choose
        to: stop
      - from: choose
        to: stpo
        when: Maybe
    """
)


def dot_line(source: str, start: str) -> str:
    """The one statement of `source` that begins with `start` (after indentation)."""
    (line,) = [ln for ln in source.splitlines() if ln.strip().startswith(start)]
    return line


def test_transition_findings_are_drawn_on_their_arrows() -> None:
    p = pd.load_text(BROKEN, "broken.yaml")
    findings = pd.validate(p)
    rules = {(f.rule, f.severity) for f in findings}
    assert ("unlabelled-branch", Severity.ERROR) in rules and ("self-loop", Severity.WARNING) in rules
    diagram = build_diagram(p, findings=findings)
    arrows = {(a.source, a.target): {f.rule for f in a.findings} for a in diagram.arrows}
    assert "unlabelled-branch" in arrows[("choose", "stop")]
    assert "unknown-step" in arrows[("choose", "stpo")]
    assert "self-loop" in arrows[("start", "start")]
    assert not {f.rule for f in diagram.boxes["choose"].findings} & {"unlabelled-branch", "unknown-step"}
    assert diagram.boxes["stpo"].missing


def test_errors_and_warnings_look_different() -> None:
    p = pd.load_text(BROKEN, "broken.yaml")
    source = render_dot(p, findings=pd.validate(p))
    error = dot_line(source, '"choose" -> "stop"')
    assert f'color="{VERMILLION}"' in error and 'penwidth="3"' in error and "style=" not in error
    assert "✖" in error and "no condition" in error and "unlabelled-branch" not in error
    warning = dot_line(source, '"start" -> "start"')
    assert f'color="{WARNING_ORANGE}"' in warning and 'style="dashed"' in warning
    assert "⚠" in warning and "leads back to itself" in warning and "self-loop" not in warning
    missing = dot_line(source, '"stpo" [')
    assert "dashed" in missing and "not a step of this pathway" in missing


def test_in_memory_transition_findings_fall_back_to_the_from_step() -> None:
    p = pathway(transitions=[
        {"from": "start", "to": "triage"},
        {"from": "triage", "to": "treat"},
        {"from": "triage", "to": "done", "when": "Low risk"},
        {"from": "treat", "to": "done"},
    ])
    findings = pd.validate(p)
    assert any(f.rule == "unlabelled-branch" for f in findings)
    diagram = build_diagram(p, findings=findings)
    assert "unlabelled-branch" in {f.rule for f in diagram.boxes["triage"].findings}


def test_findings_about_the_whole_pathway_are_listed_under_the_key() -> None:
    general = [Finding(f"rule-{i}", Severity.WARNING, f"message {i}") for i in range(15)]
    general.append(Finding("missing-exit", Severity.ERROR, 'no exit "at all" <b>'))
    source = render_dot(pathway(), findings=general)
    (header,) = re.findall(r"label=<(<TABLE.*</TABLE>)> labeljust", source)
    text = decode_html_label(header)
    assert 'missing-exit: no exit "at all" <b>' not in text  # only the first 12 are listed
    assert "message 0" in text and "message 11" in text and "rule-" not in text
    assert "… and 4 more findings" in text and "validate" not in text


DIFF = {"treat": "added", "done": "removed", "triage": "changed"}
TRANSITION_DIFF = {("triage", "treat"): "added", ("treat", "done"): "removed"}


def test_differences_are_marked_with_colour_line_style_and_symbol() -> None:
    source = render_dot(pathway(), marks=DIFF, transition_marks=TRANSITION_DIFF)
    added = dot_line(source, '"treat" [')
    assert f'color="{BLUISH_GREEN}"' in added and "+ added" in added and 'penwidth="3"' in added
    removed = dot_line(source, '"done" [')
    assert f'color="{VERMILLION}"' in removed and "dashed" in removed and "<S>" in removed
    assert "− removed" in removed
    changed = dot_line(source, '"triage" [')
    assert f'color="{BLUE}"' in changed and "dotted" in changed and "~ changed" in changed
    assert f'color="{BLUISH_GREEN}"' in dot_line(source, '"triage" -> "treat"')
    assert 'style="dashed"' in dot_line(source, '"treat" -> "done"')
    for words in ("added: thick solid outline", "removed: dashed outline", "changed: dotted outline"):
        assert words in source  # the key explains each


def test_differences_in_mermaid() -> None:
    text = render_mermaid(pathway(), marks=DIFF, transition_marks=TRANSITION_DIFF)
    assert "class s_treat added" in text and "class s_done removed" in text
    assert re.search(r'^    s_treat -\.->\|"[^"]*"\| s_done$', text, re.MULTILINE)
    assert 's_treat("+ added<br>Home treatment<br>' in text


def test_unknown_marks_are_refused_and_unknown_steps_ignored() -> None:
    with pytest.raises(ValueError, match="added, removed, changed"):
        render_dot(pathway(), marks={"treat": "deleted"})
    with pytest.raises(ValueError, match="not one of"):
        render_dot(pathway(), transition_marks={("a", "b"): "gone"})
    assert render_dot(pathway(), marks={"no-such-step": "added"}) == render_dot(pathway())
