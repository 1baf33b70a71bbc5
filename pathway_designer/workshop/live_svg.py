"""The live diagram as SVG to put inside the workshop's page: laid out once on the server, safe,
named for people.

The workshop draws its diagrams from this rather than in the browser: Streamlit's graphviz chart
lays the graph out again in every participant's browser (d3-graphviz, in wasm) and builds the
picture one element at a time, about 15,000 changes to the page for a 300-step overview, on
every edit. Here `dot` lays a content out once (`LAYOUTS`, shared by everyone on the server) and
the browser only inserts finished SVG.

What is kept is the `<svg>` element alone, rebuilt from the allow-list of `svg_safety` (nothing in
it can run), with `role="img"` and an accessible name, so a screen reader says what the diagram
shows instead of reading out its many texts; the titles Graphviz gives each box and arrow (their
ids) are left out. The name is escaped: never markup.
"""

from __future__ import annotations

import functools
import html
import re

from pathway_designer.render import LAYOUTS, Exported, LayoutFailed, lay_out

from .svg_safety import safe_svg

_SVG_START = re.compile(r"<svg\b")
# Graphviz titles each box, arrow and lane by its name in the DOT (an id, "s0->s1"), which a
# browser shows on hover where the box has no tooltip of its own; the graph's title is kept.
_NAME_TITLE = re.compile(
    r'(<g id="(?:node|edge|clust)\d+" class="(?:node|edge|cluster)">\s*)<title>[^<]*</title>')
LIVE_TIMEOUT = 10.0  # seconds a page waits for a layout; beyond it the caller draws another way


@functools.lru_cache(maxsize=16)
def live_svg(source: str, spoken: str, timeout: float = LIVE_TIMEOUT) -> str:
    """The `<svg>` element of DOT `source` laid out by `dot`, made safe, named `spoken`.

    Raises what `lay_out` raises (`GraphvizMissing`, `LayoutFailed`, `LayoutTimedOut`), and
    `LayoutFailed` when Graphviz's output is not an SVG; a failure is not kept.
    """
    return named_svg(safe_svg(_laid(source, timeout).data.decode("utf-8")), spoken)


def lay_out_ahead(source: str, timeout: float = LIVE_TIMEOUT) -> None:
    """Start laying `source` out in the background: `dot` runs while the page draws its other
    parts, and `live_svg` of it then waits only for what is left."""
    LAYOUTS.ahead(source, "svg", lambda: _laid(source, timeout))


def _laid(source: str, timeout: float) -> Exported:
    return LAYOUTS.get(source, "svg", lambda: lay_out(source, "svg", timeout=timeout))


def named_svg(svg: str, spoken: str) -> str:
    """`svg` from its `<svg` tag on, with `role="img"` and the accessible name `spoken`."""
    start = _SVG_START.search(svg)
    if start is None:
        raise LayoutFailed("Graphviz's output could not be read as a picture")
    name = html.escape(spoken, quote=True)
    return f'<svg role="img" aria-label="{name}"' + _NAME_TITLE.sub(r"\1", svg[start.end():])
