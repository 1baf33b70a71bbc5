"""Big pathways folded to fit a screen: runs folded, decisions and handoffs kept, a box opened again."""

from __future__ import annotations

import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_helpers import needs_dot, pathway

from pathway_designer import load_text, validate
from pathway_designer.render import render_dot
from pathway_designer.render.diagram import build_diagram
from pathway_designer.render.dot import diagram_dot
from pathway_designer.render.overview import BUDGET, fold_key, organisation_part, overview, runs

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generated import pathway_text  # noqa: E402


def chain(owners: list[str], kinds: dict[int, str] | None = None) -> dict[str, list[dict[str, str]]]:
    """A way in, one step per owner given, a way out: each step after the one before."""
    kinds = kinds or {}
    steps = [{"id": "in", "label": "Referral", "kind": "entry", "owner": owners[0]}]
    steps += [{"id": f"s{i}", "label": f"Step {i}", "kind": kinds.get(i, "intervention"), "owner": o}
              for i, o in enumerate(owners)]
    steps.append({"id": "out", "label": "Discharged", "kind": "exit", "owner": owners[-1]})
    ids = [s["id"] for s in steps]
    return {"steps": steps, "transitions": [{"from": a, "to": b} for a, b in pairwise(ids)]}


def test_a_run_of_steps_in_one_lane_folds_into_one_box_with_its_count() -> None:
    diagram = build_diagram(pathway(**chain(["trust"] * 6)))
    folded = overview(diagram, budget=3)
    assert list(folded.diagram.boxes) == ["in", "fold-s0", "out"]
    box = folded.diagram.boxes["fold-s0"]
    assert box.folded == tuple(f"s{i}" for i in range(6))
    assert box.title == "Step 0 … Step 5"
    assert "6 steps folded into one box" in box.details
    assert [(a.source, a.target) for a in folded.diagram.arrows] == [("in", "fold-s0"), ("fold-s0", "out")]
    assert folded.folds[0].name == "Step 0 … Step 5 (6 steps)"
    assert folded.steps == 8
    lane = next(lane for lane in folded.diagram.lanes if lane.organisation == "trust")
    assert lane.steps == ("in", "fold-s0", "out")


def test_decisions_and_handoffs_stay_visible_when_runs_fold() -> None:
    owners = ["trust"] * 4 + ["gp"] * 4
    data = chain(owners, kinds={2: "decision"})
    data["steps"][-1]["owner"] = "gp"
    data["transitions"].append({"from": "s2", "to": "out", "when": "Low risk"})
    diagram = build_diagram(pathway(**data))
    folded = overview(diagram, budget=100, min_run=2).diagram
    assert "s2" in folded.boxes  # the decision is drawn as itself
    assert folded.boxes["fold-s4"].folded == ("s4", "s5", "s6", "s7")  # the gp's run
    handoffs = [(a.source, a.target) for a in folded.arrows if a.handoff]
    assert ("s3", "fold-s4") in handoffs  # a run never crosses a lane: the handoff is an arrow
    assert ("s2", "out") in [(a.source, a.target) for a in folded.arrows]
    assert all(len(b.folded) < 2 or len({diagram.boxes[s].id for s in b.folded}) == len(b.folded)
               for b in folded.boxes.values())


def test_one_folded_box_opens_again_and_the_others_stay_folded() -> None:
    owners = ["trust"] * 4 + ["gp"] * 4
    diagram = build_diagram(pathway(**chain(owners)))
    folded = overview(diagram, budget=4)
    assert {f.key for f in folded.folds} == {"fold-s0", "fold-s4"}
    opened = overview(diagram, budget=4, unfolded={"fold-s0"})
    assert {f.key for f in opened.folds} == {"fold-s4"}
    assert {"s0", "s1", "s2", "s3", "fold-s4"} <= set(opened.diagram.boxes)
    assert ("s3", "fold-s4") in [(a.source, a.target) for a in opened.diagram.arrows]


def test_a_branching_stretch_is_not_a_run() -> None:
    data = chain(["trust"] * 5)
    data["transitions"].append({"from": "s1", "to": "s3"})  # s3 has two ways in: runs stop there
    found = runs(build_diagram(pathway(**data)), min_run=2)
    assert ["s3", "s4"] in found and all("s1" not in r or r.index("s1") == len(r) - 1 for r in found)


def _every_step_once(folded_boxes: dict, steps: set[str]) -> None:
    drawn = [s for key, b in folded_boxes.items() for s in (b.folded or (key,))]
    assert sorted(drawn) == sorted(steps)


def test_a_300_step_pathway_fits_the_budget_with_every_step_in_one_box() -> None:
    p = load_text(pathway_text(300), "generated.yaml")
    diagram = build_diagram(p, findings=validate(p))
    folded = overview(diagram)
    assert folded.boxes <= BUDGET
    _every_step_once(folded.diagram.boxes, {s.id for s in p.steps})
    kept = {s.id for s in p.steps if s.kind.value in ("entry", "exit")}
    assert kept <= set(folded.diagram.boxes)
    boxes = set(folded.diagram.boxes)
    assert all(a.source in boxes and a.target in boxes for a in folded.diagram.arrows)
    assert any("decision" in " ".join(b.details) for b in folded.diagram.boxes.values())
    opened = overview(diagram, unfolded={folded.folds[0].key})
    assert set(folded.folds[0].steps) <= set(opened.diagram.boxes)


@needs_dot
@pytest.mark.slow
def test_the_overview_of_300_steps_is_laid_out_by_dot_as_one_screen() -> None:
    p = load_text(pathway_text(300), "generated.yaml")
    dot = diagram_dot(overview(build_diagram(p, findings=validate(p), direction="TB")).diagram)
    out = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True, timeout=60)
    assert "box3d" not in out.stdout  # shapes are drawn, not named
    assert out.stdout.count('class="node"') <= BUDGET


def test_one_organisations_part_keeps_its_lane_and_folds_the_others_into_one() -> None:
    p = load_text(pathway_text(120), "generated.yaml")
    diagram = build_diagram(p)
    part = organisation_part(diagram, {"trust"})
    lanes = part.diagram.lanes
    assert [lane.organisation for lane in lanes] == ["trust", None]
    assert lanes[-1].title == "Other partners"
    trust_steps = {s.id for s in p.steps if s.owner == "trust"}
    assert set(lanes[0].steps) == trust_steps
    assert all(part.diagram.boxes[b].folded or b not in trust_steps for b in lanes[1].steps)
    _every_step_once(part.diagram.boxes, {s.id for s in p.steps})
    assert part.boxes < len(p.steps)
    assert any(d.startswith("by ") for b in part.diagram.boxes.values() for d in b.details)


def test_comments_are_drawn_as_a_marker_with_their_count() -> None:
    dot = render_dot(pathway(), comments={"treat": 2, "triage": 1})
    assert "✎ 2 comments" in dot and "✎ 1 comment<" in dot
    assert dot.count("✎") == 2


@settings(max_examples=30, deadline=None)
@given(size=st.integers(3, 160), seed=st.integers(0, 10_000), budget=st.integers(5, 60))
def test_folding_any_pathway_keeps_every_step_and_every_arrow_end(size: int, seed: int, budget: int) -> None:
    p = load_text(pathway_text(size, seed), "generated.yaml")
    diagram = build_diagram(p)
    for folded in (overview(diagram, budget=budget), organisation_part(diagram, {"gp"})):
        _every_step_once(folded.diagram.boxes, {s.id for s in p.steps})
        boxes = set(folded.diagram.boxes)
        assert all(a.source in boxes and a.target in boxes for a in folded.diagram.arrows)
        assert {f.key for f in folded.folds} == {b for b in boxes if folded.diagram.boxes[b].folded}
        assert all(fold_key(f.steps) == f.key for f in folded.folds)
        diagram_dot(folded.diagram)  # never crashes


def test_the_overview_of_300_steps_travels_light_with_tooltips_in_words() -> None:
    """The live diagram goes to the browser on every change: its tooltips are short (the findings
    panel has the whole text) and name the steps by title, never by id."""
    pathway_300 = load_text(pathway_text(300))
    findings = validate(pathway_300)
    assert len(findings) > 50  # the handoffs gather many on the arrows between folded boxes
    folded = overview(build_diagram(pathway_300, findings=findings))
    dot = diagram_dot(folded.diagram)
    assert len(dot) < 110_000  # it was 151 KB with every finding's whole text in the tooltips
    tips = re.findall(r'tooltip="((?:[^"\\]|\\.)*)"', dot)
    assert tips and not [t for t in tips if "fold-" in t or re.search(r"\bs\d+\b", t)]
    assert max(len(line) for t in tips for line in t.split("\\n")) <= 200
    assert any("things (see the findings)" in t for t in tips)
