"""Pathway diagrams: swimlanes per organisation, for workshops, papers and pull requests.

The public API:

- `render_dot(pathway, *, lanes, direction, findings, marks, transition_marks, key) -> str`: DOT
  source (no Graphviz binary needed; `st.graphviz_chart` can show it);
- `render_mermaid(pathway, *, lanes, direction, findings, marks, transition_marks) -> str`;
- `render(pathway, fmt, ...) -> Exported`: any of svg, png, pdf, dot, mermaid as bytes, with notes;
- `lay_out(dot_source, fmt, timeout=...) -> Exported`: SVG, PNG or PDF from DOT source through
  `dot`, within a time limit; `LAYOUTS`, a bounded `LayoutCache` that lays out a content once;
- `GraphvizMissing` (with install instructions), `LayoutFailed` and `LayoutTimedOut`.

`lanes` is "organisation", "setting" or "none"; `direction` "LR" or "TB"; `findings` come from
`validate`; `marks` ({step id: "added" | "removed" | "changed"}) and `transition_marks`
({(from, to): ...}) draw a comparison of two versions. These choices are typed once, as `Drawing`.
"""

from .choices import Drawing, LaneBy, Orientation
from .diagram import Diagram, build_diagram
from .dot import diagram_dot, render_dot
from .export import INSTALL_GRAPHVIZ, Exported, GraphvizMissing, LayoutFailed, LayoutTimedOut, lay_out
from .formats import EXTENSIONS, FORMATS, TEXT_FORMATS, needs_graphviz, render
from .layouts import LAYOUTS, LayoutCache
from .marks import Mark
from .mermaid import diagram_mermaid, render_mermaid

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "INSTALL_GRAPHVIZ",
    "LAYOUTS",
    "TEXT_FORMATS",
    "Diagram",
    "Drawing",
    "Exported",
    "GraphvizMissing",
    "LaneBy",
    "LayoutCache",
    "LayoutFailed",
    "LayoutTimedOut",
    "Mark",
    "Orientation",
    "build_diagram",
    "diagram_dot",
    "diagram_mermaid",
    "lay_out",
    "needs_graphviz",
    "render",
    "render_dot",
    "render_mermaid",
]
