"""What the diagram shows and where: lanes, shapes per step kind, handoffs, waits, directions, and a
deterministic output that does not depend on the order of the file."""

from __future__ import annotations

import random
import re
from itertools import pairwise

import pytest
from render_helpers import decode_html_label, pathway

from pathway_designer.model import Pathway
from pathway_designer.render import build_diagram, render, render_dot, render_mermaid
from pathway_designer.render.dot import LARGE_DIAGRAM
from pathway_designer.render.palette import HANDOFF_COLOUR, double_line


def statement(source: str, start: str) -> str:
    (line,) = [ln for ln in source.splitlines() if ln.strip().startswith(start)]
    return line


def cluster_names(source: str) -> list[str]:
    return re.findall(r'subgraph "?(cluster_[^" {]+)"? \{', source)


def test_lanes_by_organisation_follow_the_flow() -> None:
    p = pathway()
    diagram = build_diagram(p)
    assert [lane.key for lane in diagram.lanes] == ["org-gp", "org-trust"]  # the entry is the GP's
    assert diagram.lanes[0].title == "Ryedale GPs" and diagram.lanes[0].subtitle == "primary care"
    assert diagram.lanes[1].steps == ("triage", "treat")


def test_unassigned_lane_and_organisations_without_steps() -> None:
    p = pathway(
        steps=[
            {"id": "start", "label": "Start", "kind": "entry"},
            {"id": "stop", "label": "Stop", "kind": "exit", "owner": "trust", "partners": ["icb"]},
        ],
        transitions=[{"from": "start", "to": "stop"}],
        organisations=[
            {"id": "trust", "name": "Moors Trust", "role": "nhs-provider"},
            {"id": "icb", "name": "North Yorkshire ICB", "role": "commissioner"},
        ],
    )
    source = render_dot(p)
    assert cluster_names(source) == [
        "cluster_unassigned", "cluster_org-trust", "cluster_no-steps", "cluster_org-icb",
    ]
    assert "Unassigned" in source
    assert "owns no steps; partner in 1 step" in source


def test_lanes_by_setting_and_none() -> None:
    by_setting = render_dot(pathway(), lanes="setting")
    assert set(cluster_names(by_setting)) == {
        "cluster_setting-primary-care", "cluster_setting-not-stated", "cluster_setting-home",
    }
    assert "by Moors Trust" in by_setting  # the owner is written on the step instead
    assert cluster_names(render_dot(pathway(), lanes="none")) == []
    assert "subgraph" not in render_mermaid(pathway(), lanes="none")
    with pytest.raises(ValueError):
        render_dot(pathway(), lanes="team")


def test_directions() -> None:
    assert "rankdir=LR" in render_dot(pathway())
    assert "rankdir=TB" in render_dot(pathway(), direction="TB")
    assert "\nflowchart TB\n" in render_mermaid(pathway(), direction="TB")
    with pytest.raises(ValueError):
        render_dot(pathway(), direction="RL")


def test_a_shape_per_step_kind() -> None:
    kinds = ["entry", "assessment", "decision", "intervention", "referral", "review", "exit"]
    steps = [{"id": f"k-{k}", "label": k.title(), "kind": k, "owner": "trust"} for k in kinds]
    transitions = [{"from": a["id"], "to": b["id"], "when": "go"} for a, b in pairwise(steps)]
    source = render_dot(pathway(steps, transitions))
    shapes = {k: re.search(r'shape="(\w+)"', statement(source, f'"k-{k}" [')).group(1) for k in kinds}
    assert shapes == {
        "entry": "ellipse", "assessment": "box", "decision": "diamond", "intervention": "box",
        "referral": "cds", "review": "hexagon", "exit": "ellipse",
    }
    assert "rounded" in statement(source, '"k-intervention" [')
    assert 'peripheries="2"' in statement(source, '"k-exit" [')
    mermaid = render_mermaid(pathway(steps, transitions))
    assert 's_k_decision{"Decision' in mermaid and 's_k_review{{"Review' in mermaid
    assert 's_k_exit((("Exit' in mermaid and 's_k_entry(["Entry' in mermaid


def test_handoffs_between_organisations_are_drawn_as_double_lines() -> None:
    source = render_dot(pathway())
    across = statement(source, '"start" -> "triage"')  # GP to trust
    assert f'color="{double_line(HANDOFF_COLOUR)}"' in across and "Referral letter" in across
    within = statement(source, '"triage" -> "treat"')  # trust to trust
    assert ":invis:" not in within and "High risk" in within
    assert "double line: responsibility passes to another organisation" in source
    assert "s_start ==>" in render_mermaid(pathway())


def label_text(source: str, start: str) -> str:
    (markup,) = re.findall(r"label=<(.*?)> shape=", statement(source, start))
    return decode_html_label(markup)


def test_waits_durations_and_settings_are_written_on_steps() -> None:
    source = render_dot(pathway())
    assert label_text(source, '"triage" [') == "Triage\nsetting not stated · starts within 4 hours"
    assert label_text(source, '"treat" [') == "Home treatment\nat home · takes 2 weeks"
    quick = pathway(steps=[{"id": "a", "label": "A", "kind": "entry", "wait": "0m"}], transitions=[])
    assert label_text(render_dot(quick), '"a" [') == "A\nsetting not stated · starts at once"


def test_key_shows_only_what_is_drawn() -> None:
    source = render_dot(pathway())
    assert "primary care" in source and "inpatient" not in source
    assert "hexagon: review" not in source and "diamond: decision" in source
    assert "Where</B>" not in render_dot(pathway(), key=False)


def shuffled(p: Pathway, seed: int) -> Pathway:
    data = p.model_dump(by_alias=True)
    rng = random.Random(seed)
    for key in ("steps", "transitions", "organisations"):
        rng.shuffle(data[key])
    return Pathway.model_validate(data)


def test_output_does_not_depend_on_the_order_of_the_file() -> None:
    p = pathway()
    for seed in range(5):
        other = shuffled(p, seed)
        assert render_dot(other) == render_dot(p)
        assert render_mermaid(other) == render_mermaid(p)


def chain(steps: int) -> Pathway:
    items = [
        {"id": f"s{i}", "label": f"Step {i}", "kind": "entry" if i == 0 else "assessment",
         "owner": "trust" if i % 10 < 5 else "gp"}
        for i in range(steps)
    ]
    return pathway(items, [{"from": f"s{i}", "to": f"s{i + 1}", "when": "next"} for i in range(steps - 1)])


def test_large_diagrams_put_arrow_labels_beside_arrows() -> None:
    small, large = render(chain(150), "dot"), render(chain(LARGE_DIAGRAM + 1), "dot")
    small_dot, large_dot = small.data.decode(), large.data.decode()
    assert re.search(r" label=<<TABLE[^>]*><TR><TD>next<", small_dot) and "nslimit" in small_dot
    assert small.notes == ()
    assert re.search(r" xlabel=<<TABLE[^>]*><TR><TD>next<", large_dot)
    assert not re.search(r" label=<<TABLE[^>]*><TR><TD>next<", large_dot)
    assert large.notes and "beside their arrows" in large.notes[0]
    assert "nslimit" not in render_dot(chain(20))


def test_a_misspelt_drawing_choice_is_refused_not_ignored() -> None:
    with pytest.raises(TypeError, match="lane_by"):
        render_dot(pathway(), lane_by="setting")  # type: ignore[call-arg]
