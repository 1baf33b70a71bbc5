"""The workshop pack's flow section: there when the pathway has flow fields, in people's words,
with the scenarios side by side; absent otherwise; people's text escaped."""

from __future__ import annotations

from pathlib import Path

import pathway_designer as pd
from pathway_designer.workshop.pack import build_pack

RURAL = Path(__file__).resolve().parents[2] / "pathways" / "adult-crisis-rural.yaml"


def _pack(pathway: pd.Pathway) -> str:
    return build_pack(pathway, svg=None, findings=[], analysis=None)


def test_the_pack_has_a_flow_section_with_waits_cost_and_scenarios():
    page = _pack(pd.load(RURAL))
    section = page.split("<h2>Flow and capacity</h2>", 1)[1].split("</section>", 1)[0]
    assert "12 people arrive a week" in section
    assert "Home treatment: a daily visit" in section and "92% of 82" in section
    assert "Moors and Vale Mental Health NHS Foundation Trust" in section and "£" in section
    assert "One more place at the fullest step" in section
    assert "More people to the crisis alternative" in section
    assert "exponential" in section
    assert "home-treatment" not in section  # labels, not ids


def test_no_flow_fields_no_section():
    plain = pd.load_text(
        "id: plain\ntitle: Plain\norganisations:\n  - {id: t, name: T, role: nhs-provider}\n"
        "steps:\n  - {id: a, label: A, kind: entry}\n  - {id: b, label: B, kind: exit}\n"
        "transitions:\n  - {from: a, to: b}\n"
    )
    assert "Flow and capacity" not in _pack(plain)


def test_labels_in_the_flow_section_are_text():
    hostile = pd.load_text(
        "id: hostile\ntitle: Hostile\norganisations:\n  - {id: t, name: T, role: nhs-provider}\n"
        "steps:\n  - {id: a, label: '<script>alert(1)</script>', kind: entry, arrivals: 1/h, duration: 1h,"
        " capacity: 2}\n  - {id: b, label: B, kind: exit}\ntransitions:\n  - {from: a, to: b}\n"
    )
    page = _pack(hostile)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_flow_that_cannot_be_worked_out_is_said():
    broken = pd.load_text(
        "id: broken\ntitle: Broken\norganisations:\n  - {id: t, name: T, role: nhs-provider}\n"
        "steps:\n  - {id: a, label: A, kind: entry, arrivals: 1/h}\n  - {id: b, label: B, kind: exit}\n"
        "  - {id: c, label: C, kind: exit}\n"
        "transitions:\n  - {from: a, to: b, share: 30%}\n  - {from: a, to: c, share: 30%}\n"
    )
    said = "The flow cannot be worked out yet: The shares of the people leaving “A” add up to 60%"
    assert said in _pack(broken)
