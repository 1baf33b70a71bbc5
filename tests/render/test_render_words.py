"""The diagram speaks the vocabulary's words: the same ones the app, the pack and the CLI use."""

from __future__ import annotations

from render_helpers import pathway

from pathway_designer.render import render_dot, render_mermaid
from pathway_designer.render.diagram import build_diagram
from pathway_designer.words import SETTING_WORDS, word


def _remote() -> object:
    return pathway(
        steps=[
            {"id": "start", "label": "Referral", "kind": "entry", "owner": "gp", "setting": "remote",
             "wait": "28h"},
            {"id": "done", "label": "Discharged", "kind": "exit", "owner": "gp", "wait": "0h"},
        ],
        transitions=[{"from": "start", "to": "done"}],
        organisations=[{"id": "gp", "name": "Ryedale GPs", "role": "other"}],
    )


def test_the_diagram_says_phone_or_online_where_it_said_remote() -> None:
    p = _remote()
    box = build_diagram(p).boxes["start"]
    assert box.details[0] == "phone or online · starts within 1 day 4 hours"
    assert build_diagram(p).boxes["done"].details[0] == "setting not stated · starts at once"
    # Mermaid's class names (setting_remote) are names, not words anyone reads: leave them out.
    mermaid = "\n".join(line for line in render_mermaid(p).splitlines() if "class" not in line)
    for source in (render_dot(p), mermaid):
        assert "phone or online" in source and "remote" not in source
    lane = build_diagram(p, lanes="setting").lanes[0]
    assert lane.title == word(SETTING_WORDS, "remote") == "Phone or online"


def test_the_key_and_lanes_use_the_words_for_kinds_and_roles() -> None:
    p = _remote()
    source = render_dot(p)
    assert "oval: way in" in source and "double oval: way out" in source
    assert build_diagram(p).lanes[0].subtitle == "other partner"
