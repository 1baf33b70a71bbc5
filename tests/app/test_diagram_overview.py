"""The live diagram of a big pathway through AppTest: an overview by default, a box opened on
request, one organisation's part in its own lanes, comments counted on their steps."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driving import APP, diagram_words, diagrams, using
from streamlit.testing.v1 import AppTest

from pathway_designer.store import Workspace
from pathway_designer.workshop.access import make_identity

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generated import pathway_text  # noqa: E402

PID = "generated-300"


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    seed = tmp_path / f"{PID}.yaml"
    seed.write_text(pathway_text(300), encoding="utf-8")
    Workspace.init(tmp_path / "ws", seed=[seed]).close()
    yield from using(tmp_path / "ws", monkeypatch)


def opened() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["pd_who"] = make_identity("Sam Lee", "North Integrated Care Board", "commissioner")
    at.query_params["pathway"] = PID
    at.run()
    assert not at.exception, at.exception
    return at


def chart(at: AppTest) -> str:
    """The live diagram's SVG, as the browser receives it."""
    return diagrams(at)[0]


def folded(svg: str) -> int:
    return svg.count("steps folded into one box")  # each folded box says how many it holds


def lane(svg: str, name: str) -> bool:
    return re.search(rf'font-weight="bold"[^>]*>{re.escape(name)}</text>', svg) is not None


@pytest.mark.slow
def test_a_big_pathway_opens_as_an_overview_and_a_box_opens_on_request(big: Path) -> None:
    at = opened()
    assert at.selectbox(key="focus_mode").value == "overview"
    svg = chart(at)
    assert folded(svg) >= 10  # folded boxes, each with its count
    assert svg.count('class="node"') <= 45
    unfold = at.multiselect(key="unfolded")
    first = unfold.options[0]
    unfold.select(first).run()
    assert not at.exception, at.exception
    assert folded(chart(at)) == folded(svg) - 1
    (key,) = at.multiselect(key="unfolded").value
    assert key.startswith("fold-") and "(" in first  # shown by its steps and count, kept by its key
    at.selectbox(key="focus_mode").set_value("all").run()
    assert folded(chart(at)) == 0 and "Step 150 of the pathway" in diagram_words(chart(at))


@pytest.mark.slow
def test_one_organisations_part_has_its_lane_and_one_for_the_others(big: Path) -> None:
    at = opened()
    at.selectbox(key="focus_mode").set_value("org").run()
    at.multiselect(key="focus_orgs").set_value(["gp"]).run()
    assert not at.exception, at.exception
    svg = chart(at)
    assert lane(svg, "GP practice") and lane(svg, "Other partners")
    assert not lane(svg, "Mental Health Trust")  # no lane of its own: folded with the others


@pytest.mark.slow
def test_comments_are_counted_on_their_step_in_the_diagram(big: Path) -> None:
    ws = Workspace(big)
    ws.add_comment(PID, "Who runs this?", author="Sam Lee", organisation="North ICB", step="s0")
    ws.add_comment(PID, "And when?", author="Sam Lee", organisation="North ICB", step="s0")
    ws.close()
    at = opened()
    assert "✎ 2 comments" in diagram_words(chart(at))


@pytest.mark.slow
def test_the_diagram_downloads_draw_what_the_diagram_shows(big: Path) -> None:
    from pathway_app import cache, export

    at = opened()
    at.session_state["tab"] = "Export"
    at.run()
    assert not at.exception, at.exception
    said = " ".join(c.value for c in at.caption)
    assert "The diagram downloads draw it as it is shown above: long runs of steps folded" in said
    text = Workspace(big).text(PID)
    overview = cache.Shown(("overview",))
    dot = export.diagram(text, "dot", "organisation", "TB", overview).decode("utf-8")
    assert "steps folded into one box" in dot and dot.count('"s') < 60
    svg = export.diagram(text, "svg", "organisation", "TB", overview).decode("utf-8")
    assert "steps folded into one box" in svg
    png = export.diagram(text, "png", "organisation", "TB", overview)
    assert png.startswith(b"\x89PNG")
    every = export.diagram(text, "dot", "organisation", "TB", cache.Shown()).decode("utf-8")
    assert "folded" not in every and "Step 150 of the pathway" in every
    at.selectbox(key="focus_mode").set_value("all").run()  # every step: no note, all of it drawn
    assert not at.exception, at.exception
    assert "The diagram downloads draw it" not in " ".join(c.value for c in at.caption)
