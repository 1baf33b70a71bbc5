"""Steps filled by a figure (how busy each step is, in the app's flow tab): the fill replaces the
setting's, each step says its figure in words, and the key lists what each colour means."""

from __future__ import annotations

import pytest
from render_helpers import decode_html_label, dot_json, needs_dot, nodes, pathway

from pathway_designer.render import build_diagram, render_dot
from pathway_designer.render.choices import Fills
from pathway_designer.render.palette import setting_fill

STEPS = [
    {"id": "in", "label": "Referral", "kind": "entry", "setting": "community"},
    {"id": "see", "label": "Assessment", "kind": "assessment", "setting": "home"},
    {"id": "out", "label": "Discharge", "kind": "exit"},
]
WAYS = [{"from": "in", "to": "see"}, {"from": "see", "to": "out"}]
BUSY = Fills(
    by_step={"see": "#F5C9A6"},
    notes={"see": "busy 92% of the time · a bottleneck", "in": "busy 30% of the time"},
    heading="How busy",
    key=(("under 70%", "#DDEEDD"), ("over 85%", "#F5C9A6")),
)


@needs_dot
def test_a_filled_step_is_drawn_in_its_colour_with_its_figure_in_words() -> None:
    graph = dot_json(render_dot(pathway(STEPS, WAYS), fills=BUSY))
    drawn = nodes(graph)
    assert drawn["see"]["fillcolor"] == "#F5C9A6"
    assert drawn["in"]["fillcolor"] == setting_fill(pathway(STEPS, WAYS).steps[0].setting)
    assert "busy 92% of the time · a bottleneck" in decode_html_label(drawn["see"]["label"])
    assert "busy 30% of the time" in decode_html_label(drawn["in"]["label"])
    key = decode_html_label(graph["label"])
    assert "How busy (fill)" in key and "under 70%" in key and "over 85%" in key
    assert "Where (fill)" not in key  # the settings' key would say the wrong thing


def test_without_fills_the_settings_key_and_fills_stay() -> None:
    diagram = build_diagram(pathway(STEPS, WAYS))
    assert all(box.fill is None for box in diagram.boxes.values()) and not diagram.fill_key
    assert "Where" in render_dot(pathway(STEPS, WAYS))


@pytest.mark.parametrize("colour", ['red"', "#12345", '#123456" URL="javascript:x', "<b>"])
def test_a_fill_that_is_no_plain_colour_is_refused(colour: str) -> None:
    with pytest.raises(ValueError, match="#RRGGBB"):
        Fills(by_step={"see": colour})
    with pytest.raises(ValueError, match="#RRGGBB"):
        Fills(by_step={}, key=(("x", colour),))


@needs_dot
def test_hostile_words_in_the_key_and_notes_stay_text() -> None:
    hostile = '<TABLE><TR><TD HREF="javascript:alert(1)">x</TD></TR></TABLE> \\N'
    fills = Fills(by_step={"see": "#FFFFFF"}, notes={"see": hostile}, heading=hostile,
                  key=((hostile, "#FFFFFF"),))
    graph = dot_json(render_dot(pathway(STEPS, WAYS), fills=fills))
    assert hostile in decode_html_label(nodes(graph)["see"]["label"])
    assert hostile in decode_html_label(graph["label"])
