"""Graphviz kept in bounds: user text expands nothing, `dot` has a time limit, layouts are made once.

- `\\N \\G \\E \\L \\T \\H` and entities in labels, conditions and handoffs show in the SVG as typed,
  in the drawn text and in the tooltips (read back from the real `dot`'s SVG).
- A layout past its time limit stops `dot` and says so in words (a stand-in `dot` that never ends).
- `LayoutCache` runs a layout once per content, however many ask at once, and stays bounded.
"""

from __future__ import annotations

import shutil
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from render_helpers import needs_dot, no_space, pathway

from pathway_designer.cli.main import main
from pathway_designer.format.canonical import dump
from pathway_designer.render import (
    LayoutCache,
    LayoutFailed,
    LayoutTimedOut,
    lay_out,
    render,
    render_dot,
)
from pathway_designer.render import formats as formats_module
from pathway_designer.render import layouts as layouts_module
from pathway_designer.render.export import TIMEOUT_VARIABLE, Exported, time_limit

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}title"
TYPED = 'N\\N G\\G E\\E L\\L T\\T H\\H n\\n two\\\\ amp&#92;N &amp; q"q end\\'


def typed_pathway():
    return pathway(
        steps=[
            {"id": "start", "label": f"Start {TYPED}", "kind": "entry", "owner": "gp"},
            {"id": "done", "label": f"Done {TYPED}", "kind": "exit", "owner": "trust"},
        ],
        transitions=[{"from": "start", "to": "done", "when": f"When {TYPED}", "handoff": f"By {TYPED}"}],
    )


def drawn(svg: bytes) -> dict[str, tuple[str, str]]:
    """Each node's and edge's (drawn text, tooltip), by its `<title>`."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if group.get("class") in ("node", "edge"):
            title = group.find(f"{SVG}title")
            texts = "".join(t.text or "" for t in group.iter(f"{SVG}text"))
            tips = [a.get(XLINK) or "" for a in group.iter(f"{SVG}a")]
            assert title is not None and title.text
            found[title.text] = (texts, " ".join(tips))
    return found


@needs_dot
def test_labels_and_tooltips_show_backslash_escapes_and_entities_as_typed():
    p = typed_pathway()
    found = drawn(lay_out(render_dot(p), "svg").data)
    for step in p.steps:
        text, tip = found[step.id]
        assert no_space(step.label) in no_space(text)
        assert tip.startswith(step.label), tip  # the tooltip starts with the label, as typed
    text, tip = found["start->done"]
    assert no_space(f"When {TYPED}") in no_space(text) and no_space(f"By {TYPED}") in no_space(text)
    assert f"when: When {TYPED}" in tip and f"handoff: By {TYPED}" in tip
    assert "start->done" not in tip.replace("start → done", "")  # \E did not expand


def slow_dot(folder: Path) -> Path:
    """A stand-in `dot` on PATH that never finishes (`exec`: no child left holding the pipes)."""
    folder.mkdir(exist_ok=True)
    script = folder / "dot"
    script.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 600\n", encoding="utf-8")
    script.chmod(0o755)
    return folder


def test_a_layout_past_its_time_limit_is_stopped_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(slow_dot(tmp_path / "bin")))
    with pytest.raises(LayoutTimedOut) as raised:
        lay_out("digraph { a -> b }", "svg", timeout=0.3)
    assert isinstance(raised.value, LayoutFailed)
    assert "stopped after 0.3 seconds" in str(raised.value) and "Mermaid" in str(raised.value)


def test_the_time_limit_is_20_seconds_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv(TIMEOUT_VARIABLE, raising=False)
    assert time_limit() == 20
    monkeypatch.setenv(TIMEOUT_VARIABLE, "2.5")
    assert time_limit() == 2.5
    for nonsense in ("soon", "0", "-3", ""):
        monkeypatch.setenv(TIMEOUT_VARIABLE, nonsense)
        assert time_limit() == 20


def test_render_on_the_command_line_reports_the_time_limit_without_a_traceback(
    tmp_path, monkeypatch, capsys
):
    source = tmp_path / "sample.yaml"
    source.write_text(dump(pathway()), encoding="utf-8")
    monkeypatch.setenv("PATH", str(slow_dot(tmp_path / "bin")))
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.3")
    status = main(["render", str(source), "-o", str(tmp_path / "out.svg")])
    err = capsys.readouterr().err
    assert status == 1 and "Graphviz was stopped after 0.3 seconds" in err
    assert not (tmp_path / "out.svg").exists()


def counting(made: list[str]):
    def make(name: str):
        def run() -> Exported:
            made.append(name)
            return Exported(name.encode() * 10, "svg")
        return run
    return make


def test_a_layout_is_made_once_per_content_and_format():
    made: list[str] = []
    make = counting(made)
    cache = LayoutCache()
    first = cache.get("digraph { a }", "svg", make("a"))
    assert cache.get("digraph { a }", "svg", make("a")) is first
    cache.get("digraph { a }", "png", make("a png"))
    cache.get("digraph { b }", "svg", make("b"))
    assert made == ["a", "a png", "b"]


def test_many_asking_at_once_share_one_run():
    made: list[str] = []
    started, release = threading.Event(), threading.Event()

    def slow() -> Exported:
        made.append("run")
        started.set()
        release.wait(30)
        return Exported(b"<svg/>", "svg")

    cache = LayoutCache()
    results: list[Exported] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("g", "svg", slow))) for _ in range(6)]
    for thread in threads:
        thread.start()
    assert started.wait(30)
    release.set()
    for thread in threads:
        thread.join(30)
    assert made == ["run"] and len(results) == 6 and all(r is results[0] for r in results)


def test_the_cache_is_bounded_by_count_and_bytes_and_keeps_no_failure():
    made: list[str] = []
    make = counting(made)
    cache = LayoutCache(max_layouts=2, max_bytes=25)
    for name in ("a", "b", "c"):
        cache.get(name, "svg", make(name))
    assert len(cache) == 2
    cache.get("a", "svg", make("a"))  # the oldest was let go: made again
    assert made == ["a", "b", "c", "a"]
    cache.get("big", "svg", make("big"))  # 30 bytes: more than the cache holds, never kept
    assert len(cache) <= 2 and cache._bytes <= 25

    def failing() -> Exported:
        made.append("failed")
        raise LayoutFailed("no")

    for _ in range(2):
        with pytest.raises(LayoutFailed):
            cache.get("x", "svg", failing)
    assert made[-2:] == ["failed", "failed"]


def test_render_with_layouts_lays_a_content_out_once(monkeypatch):
    runs: list[str] = []

    def fake_lay_out(source: str, fmt: str) -> Exported:
        runs.append(fmt)
        return Exported(b"<svg/>", fmt)

    monkeypatch.setattr(formats_module, "lay_out", fake_lay_out)
    monkeypatch.setattr(layouts_module, "lay_out", fake_lay_out)
    cache = LayoutCache()
    for _ in range(3):
        render(pathway(), "svg", layouts=cache)
    render(pathway(), "svg", layouts=cache, direction="TB")  # another drawing: another layout
    render(pathway(), "svg")  # without a cache: laid out every time
    assert runs == ["svg", "svg", "svg"]


@needs_dot
def test_warming_a_big_picture_draws_its_png_ahead_and_the_download_uses_it(monkeypatch):
    source = render(pathway(), "dot").data.decode("utf-8")
    cache = LayoutCache()
    drawn: list[str] = []
    original = layouts_module.draw

    def counting_draw(dot_text: str, *how: str) -> Exported:
        drawn.append(how[0])
        return original(dot_text, *how)

    monkeypatch.setattr(layouts_module, "draw", counting_draw)
    cache.warm(source, png=True)
    for _ in range(600):  # up to a minute on a slow machine; no assertion on the time it takes
        if cache.key(source, "png") in cache._kept:
            break
        threading.Event().wait(0.1)
    assert cache.key(source, "png") in cache._kept, "the PNG was not drawn ahead"
    png = cache.big_png(source)
    assert png.data.startswith(b"\x89PNG") and drawn == ["png"]
    cache.warm(source, png=True)  # already drawn: nothing more is done
    assert cache.big_png(source) is png and drawn == ["png"]


@needs_dot
def test_a_png_is_written_by_gd_and_by_cairo_where_graphviz_has_no_gd(monkeypatch):
    from pathway_designer.render import export as export_module

    source = render(pathway(), "dot").data.decode("utf-8")
    written = lay_out(source, "png").data
    assert written.startswith(b"\x89PNG") and written[25] == 3  # colour type 3: gd's palette image
    monkeypatch.setattr(export_module, "PNG_RENDERER", "png:no-such-renderer")
    written = lay_out(source, "png").data
    assert written.startswith(b"\x89PNG") and written[25] == 6  # cairo's own: colour with alpha
