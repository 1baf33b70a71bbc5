"""Exports: the diagram as SVG, PNG, PDF, DOT or Mermaid, the YAML, and the workshop pack.

Files laid out by Graphviz are made when the button is pressed (Streamlit calls the function then),
and cached by content, so the page itself never waits for Graphviz. The diagram downloads draw what
the diagram shows (for a big pathway, the overview unless a person chose every step): what a
person sees is what they get, and the live diagram's layout serves them. For a big picture the
layout and its PNG are made in the background while the tab is open, so a download finds them ready.
The workshop pack always draws every step.
"""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from pathway_designer.interchange.formats import FORMATS as INTERCHANGE
from pathway_designer.render import LAYOUTS, GraphvizMissing, LayoutFailed, render
from pathway_designer.render.layouts import BIG_PICTURE
from pathway_designer.store import SEEDER, UnknownPathway
from pathway_designer.workshop.pack import CommentEntry, HistoryEntry, build_pack

from . import cache, session
from .comments import all_comments
from .diagram import shown as shown_now
from .store import workspace
from .text import md

FORMATS = {
    "svg": ("Diagram (SVG, for documents)", "image/svg+xml"),
    "png": ("Diagram (PNG picture)", "image/png"),
    "pdf": ("Diagram (PDF, to print)", "application/pdf"),
    "dot": ("Diagram source (Graphviz DOT)", "text/vnd.graphviz"),
    "mermaid": ("Diagram for GitHub/GitLab (Mermaid)", "text/plain"),
}


@functools.lru_cache(maxsize=32)
def diagram(text: str, fmt: str, lanes: str, direction: str, shown: cache.Shown | None = None) -> bytes:
    """The diagram as a file: every step, or with `shown` (a part chosen) as the page shows it."""
    check = cache.check(text)
    assert check.pathway is not None
    try:
        picture = cache.drawn(text, lanes, direction, shown) if shown and shown.focus else None
        if picture is None or fmt == "mermaid":  # Mermaid is the pathway for a code host: all of it
            exported = render(check.pathway, fmt, lanes=lanes, direction=direction,
                              findings=check.findings, layouts=LAYOUTS)
        elif fmt == "dot":
            return picture.dot.encode("utf-8")
        else:
            exported = LAYOUTS.export(picture.dot, fmt, picture.boxes)
        return exported.data
    except GraphvizMissing:
        return b"Graphviz is not installed on the server, so this format cannot be made: try DOT or Mermaid."
    except LayoutFailed as exc:
        return f"The diagram could not be laid out: {exc}".encode()


@functools.lru_cache(maxsize=32)
def interchange(text: str, name: str, commit: str | None) -> str:
    """The pathway in another tool's format (BPMN, FHIR), with its version's commit when saved."""
    pathway = cache.check(text).pathway
    assert pathway is not None
    return INTERCHANGE[name].write(pathway, commit)

@functools.lru_cache(maxsize=8)
def _source(text: str, lanes: str, direction: str) -> str:
    """The DOT the downloads lay out (as `render` makes it)."""
    check = cache.check(text)
    assert check.pathway is not None
    exported = render(check.pathway, "dot", lanes=lanes, direction=direction, findings=check.findings)
    return exported.data.decode("utf-8")


def pack(text: str, pid: str, lanes: str, direction: str, version: str | None) -> str:
    """The workshop pack (runs in Streamlit's download thread: no session state here)."""
    check = cache.check(text)
    pathway = check.pathway
    assert pathway is not None
    ws = workspace()
    try:
        versions = ws.history(pid)
    except UnknownPathway:  # brought in from a file, not saved yet
        versions = []
    history = [
        HistoryEntry(v.label, f"{v.date:%d %b %Y %H:%M}", v.author, v.organisation or "", v.rationale)
        for v in versions
    ]
    comments = [
        CommentEntry(c.author, c.organisation or "", c.text, f"{c.date:%d %b %Y}", c.step)
        for c in all_comments(pid)
    ]
    svg = diagram(text, "svg", lanes, direction)
    svg_text = svg.decode("utf-8") if svg.lstrip().startswith((b"<?xml", b"<svg", b"<!DOCTYPE")) else None
    return build_pack(
        pathway,
        svg=svg_text,
        findings=check.findings,
        analysis=cache.measures(text),
        history=history,
        comments=comments,
        version=version,
        generated=dt.datetime.now().replace(microsecond=0),
        automated=(SEEDER.name,),
    )


def panel(pid: str) -> None:
    text = session.draft()
    pathway = session.current().pathway
    if pathway is None:
        st.caption("Exports are available when the pathway can be read.")
        return
    lanes = st.session_state.get("lanes") or "organisation"
    direction = st.session_state.get("direction") or "TB"
    shown = shown_now(pathway)
    picture = cache.drawn(text, lanes, direction, shown) if shown.focus else None
    if len(pathway.steps) >= BIG_PICTURE:  # a person reads the tab first: time to draw the PNG
        if picture is None:
            LAYOUTS.warm(_source(text, lanes, direction), png=True)
        else:
            drawing = functools.partial(LAYOUTS.export, picture.dot, "png", picture.boxes)
            LAYOUTS.ahead(picture.dot, "png", drawing)
    st.markdown(
        "**The workshop pack**: one printable page with the diagram, findings, measures, "
        "outcomes, involvement, sign-offs, recent changes and their reasons, and everyone "
        "who contributed. Open it in a browser and print it (or save it as PDF)."
    )
    version = getattr(session.base(), "label", None)
    if session.unsaved():
        version = f"{version} with unsaved changes" if version else "not saved yet"
    st.download_button(
        "Download the workshop pack",
        data=functools.partial(pack, text, pid, lanes, direction, version),
        file_name=f"{pid}-workshop-pack.html",
        mime="text/html",
        key="download_pack",
        type="primary",
        on_click="ignore",
    )
    if session.unsaved():
        st.caption("Your unsaved changes are included, and the pack says so.")
    st.markdown("**The diagram and the pathway file**")
    if picture is not None and picture.shown:
        st.caption(
            f"The diagram downloads draw it as it is shown above: {md(picture.shown)}. To download "
            "every step, choose “The whole pathway” under “Show” above the diagram."
        )
    cols = st.columns(3)
    for i, (fmt, (label, mime)) in enumerate(FORMATS.items()):
        cols[i % 3].download_button(
            label,
            data=functools.partial(diagram, text, fmt, lanes, direction, shown),
            file_name=f"{pid}.{'mmd' if fmt == 'mermaid' else fmt}",
            mime=mime,
            key=f"download_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    cols[len(FORMATS) % 3].download_button(
        "Pathway file (YAML)",
        data=text,
        file_name=f"{pid}.yaml",
        mime="application/yaml",
        key="download_yaml",
        on_click="ignore",
        width="stretch",
    )
    st.markdown("**For other tools**: process-mapping tools (BPMN) and FHIR care-plan tools.")
    saved = None if session.unsaved() else getattr(session.base(), "commit", None)
    cols = st.columns(3)
    for i, (name, form) in enumerate(INTERCHANGE.items()):
        cols[i % 3].download_button(
            form.title,
            data=functools.partial(interchange, text, name, saved),
            file_name=f"{pid}.{form.extension}",
            mime=form.media_type,
            key=f"download_{name}",
            on_click="ignore",
            width="stretch",
        )
