"""The five diagram formats, and drawing a pathway in any of them.

`dot` and `mermaid` are text written by this library alone; `svg`, `png` and `pdf` are laid out by
Graphviz's `dot` program (see `export`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Pathway
from .choices import Drawing
from .diagram import build_diagram
from .dot import LARGE_DIAGRAM, LARGE_DIAGRAM_NOTE, diagram_dot, is_large
from .export import LAYOUT_FORMATS, Exported, lay_out
from .layouts import LayoutCache
from .mermaid import diagram_mermaid

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
TEXT_FORMATS = ("svg", "dot", "mermaid")
EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "mermaid": "mermaid"}


def needs_graphviz(fmt: str) -> bool:
    return fmt in LAYOUT_FORMATS


def render(
    pathway: Pathway,
    fmt: str = "svg",
    *,
    key: bool = True,
    layouts: LayoutCache | None = None,
    **how: Unpack[Drawing],
) -> Exported:
    """`pathway` drawn in `fmt` (svg, png, pdf, dot or mermaid), as chosen (see `Drawing`).

    With `layouts` (the app passes `LAYOUTS`), a layout of the same DOT source is made only once.

    Raises `GraphvizMissing` (svg, png, pdf without Graphviz), `LayoutFailed`, or `ValueError` for an
    unknown format, lane choice, direction or mark.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    diagram = build_diagram(pathway, **how)
    if fmt == "mermaid":
        return Exported(diagram_mermaid(diagram).encode("utf-8"), fmt)
    source = diagram_dot(diagram, key=key)
    notes = (LARGE_DIAGRAM_NOTE.format(limit=LARGE_DIAGRAM),) if is_large(diagram) else ()
    if fmt == "dot":
        return Exported(source.encode("utf-8"), fmt, notes)
    exported = lay_out(source, fmt) if layouts is None else layouts.export(source, fmt, len(diagram.boxes))
    return Exported(exported.data, fmt, notes + exported.notes)
