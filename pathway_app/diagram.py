"""The diagram at the centre of the page: lanes, direction, and for big pathways an overview.

The diagram is laid out on the server by `dot`, once per content, and shown as SVG in the page;
without a working `dot` the browser draws it from DOT (Streamlit's graphviz chart). It carries an
accessible name (the pathway's title and what it shows) and links to its text alternative, the
journey told in words.
"""

from __future__ import annotations

import base64
import html
import json

import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.render import GraphvizMissing, LayoutFailed
from pathway_designer.words import KIND_WORDS, SETTING_WORDS
from pathway_designer.workshop.live_svg import lay_out_ahead, live_svg
from pathway_designer.workshop.views import BIG

from . import cache, comments, local_diagram, revising, session
from .choices import named
from .text import md

LANES = {"organisation": "Who is responsible", "setting": "Where it happens", "none": "No lanes"}
DIRECTIONS = {"TB": "Top to bottom", "LR": "Left to right"}  # top to bottom fits a screen better
SHOW = {
    "overview": "An overview (long runs folded)",
    "all": "The whole pathway",
    "org": "One organisation's part",
    "around": "Around one step",
}
STORY_TAB = "The journey in words"  # the diagram's text alternative, when the page has that tab


def focus_choice(text: str) -> tuple[str, ...]:
    """The part of the pathway to draw: everything, or for big pathways an overview or a part."""
    pathway = cache.check(text).pathway
    if pathway is None:
        return ()
    big = len(pathway.steps) > BIG
    if big:
        st.caption(
            f"This pathway has {len(pathway.steps)} steps: the overview folds long runs of steps "
            "into one box each, so it fits the screen. Open a box to see its steps."
        )
    options = list(SHOW) if big else ["all", "overview", "org", "around"]
    st.selectbox("Show", options, format_func=named(SHOW), key="focus_mode")
    mode = chosen_mode(pathway)
    if mode == "org":
        orgs = {o.id: o.name for o in pathway.organisations}
        st.multiselect(
            "Organisations", list(orgs), format_func=named(orgs), default=list(orgs)[:1], key="focus_orgs"
        )
    if mode == "around":
        labels = {s.id: s.label for s in pathway.steps}
        st.selectbox("Step", list(labels), format_func=named(labels), key="focus_step")
        st.slider("How many steps around it", 1, 8, 3, key="focus_radius")
    return chosen_focus(pathway)


def chosen_mode(pathway: Pathway) -> str:
    """What "Show" is set to (before the first drawing: the overview for a big pathway)."""
    mode = st.session_state.get("focus_mode")
    return str(mode) if mode in SHOW else "overview" if len(pathway.steps) > BIG else "all"


def chosen_focus(pathway: Pathway) -> tuple[str, ...]:
    """The part chosen under "Show", as a cache key (see `cache.picture`), from the page's state:
    the diagram draws it, and the downloads draw the same."""
    mode = chosen_mode(pathway)
    if mode == "overview":
        return ("overview",)
    if mode == "org":
        chosen = st.session_state.get("focus_orgs")
        orgs = [o.id for o in pathway.organisations]
        return ("org", *(chosen if chosen is not None else orgs[:1]))
    if mode == "around":
        step = st.session_state.get("focus_step") or (pathway.steps[0].id if pathway.steps else None)
        radius = st.session_state.get("focus_radius") or 3
        return ("around", step, str(radius)) if step else ()
    return ()


def shown(pathway: Pathway) -> cache.Shown:
    """Everything that decides what the diagram shows besides the text, lanes and direction."""
    return cache.Shown(chosen_focus(pathway), frozenset(st.session_state.get("unfolded", ())),
                       _comment_counts(), revising.hidden_rules())


def prepare() -> None:
    """Start laying out the diagram this run will show, so that `dot` works while the tabs are
    drawn (called before them, and again after an edit made in a table)."""
    text = session.draft()
    pathway = cache.check(text).pathway
    if pathway is None or (local_diagram.offered(text) and st.session_state.get(local_diagram.KEY)):
        return
    lanes = st.session_state.get("lanes") or "organisation"
    direction = st.session_state.get("direction") or "TB"
    picture = cache.drawn(text, lanes, direction, shown(pathway))
    if picture is not None:
        lay_out_ahead(picture.dot)


def chart(source: str, name: str, spoken: str) -> None:
    """Draw DOT as SVG laid out on the server (once per content, see `live_svg`), in the container
    `chart-{name}`; `spoken` is the diagram's accessible name. Without a working `dot` (missing,
    or too slow for this graph) the browser lays it out instead."""
    with st.container(key=f"chart-{name}"):
        try:
            svg = live_svg(source, spoken)
        except (GraphvizMissing, LayoutFailed):
            _drawn_in_browser(source, name, spoken)
            return
        packed = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        st.html(_SHOW_SVG.format(svg=packed), unsafe_allow_javascript=True, width="content")


# Streamlit's HTML element keeps HTML only (its sanitiser drops every SVG element, and any attribute
# holding `</title`), so the SVG travels in a data attribute as base64 and a fixed script puts it in
# place: the browser parses it once, natively. It is inert: rebuilt on the server from an
# allow-list (no script, no handler, no link out of the page; see `workshop.svg_safety`).
# Graphviz sizes it in points; drawn a point to a pixel, as Streamlit's chart drew it. The button
# shows the diagram full screen (the browser's own; Escape leaves it).
_SHOW_SVG = """<button class="pd-full" type="button">⤢ See the diagram full screen</button>
<div class="pd-svg" data-svg="{svg}"></div>
<style>.pd-svg:fullscreen {{ overflow: auto; background: #FFFFFF; padding: 1rem; }}
.pd-full {{ margin-bottom: .5rem; font: inherit; background: #FFFFFF; border: 1px solid #575A66;
  border-radius: .5rem; padding: .25rem .75rem; cursor: pointer; }}</style>
<script>(() => {{
  for (const box of document.querySelectorAll('.pd-svg[data-svg]')) {{
    const bytes = Uint8Array.from(atob(box.dataset.svg), (c) => c.charCodeAt(0));
    box.innerHTML = new TextDecoder().decode(bytes);
    box.removeAttribute('data-svg');
    const svg = box.querySelector('svg');
    for (const side of ['width', 'height']) {{
      const size = svg && svg.getAttribute(side);
      if (size && size.endsWith('pt')) svg.setAttribute(side, size.slice(0, -2));
    }}
    const full = box.parentElement.querySelector('.pd-full');
    if (full) full.onclick = () => box.requestFullscreen();
  }}
}})();</script>"""


def _drawn_in_browser(source: str, name: str, spoken: str) -> None:
    """Streamlit's graphviz chart, in a new element whenever the DOT changes.

    The chart redraws an existing diagram in place, by animating from the old graph to the new
    one (d3-graphviz); for some changes (a step added after the exit, for one) that fails in the
    browser with no message and the *old* diagram stays on the screen. Two slots are used in turn,
    so every new diagram is drawn from scratch.
    """
    key = f"chart_{name}"
    last, turn = st.session_state.get(key, (None, 0))
    if source != last:
        turn = 1 - turn
        st.session_state[key] = (source, turn)
    slots = [st.empty(), st.empty()]
    slots[1 - turn].empty()
    slots[turn].graphviz_chart(source, width="content")
    name_the_svg(f"chart-{name}", spoken)


# Streamlit's chart draws the SVG in the browser, after the script: this names it there, each time it is
# drawn (role="img" and aria-label, read by screen readers instead of the diagram's many texts).
# The name travels as JSON in a data attribute and is set with setAttribute: never markup.
_NAMER = """
<span class="pd-svg-name" hidden data-target="{target}" data-name="{name}"></span>
<script>
(() => {{
  const name = (el) => {{
    document.querySelectorAll('.pd-svg-name').forEach((tag) => {{
      const box = document.querySelector('.st-key-' + tag.dataset.target);
      const svg = box && box.querySelector('[data-testid="stGraphVizChart"] svg');
      const spoken = JSON.parse(tag.dataset.name);
      if (svg && svg.getAttribute('aria-label') !== spoken) {{
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', spoken);
      }}
    }});
  }};
  name();
  if (!window.__pdSvgNamer) {{
    window.__pdSvgNamer = new MutationObserver(name);
    window.__pdSvgNamer.observe(document.body, {{childList: true, subtree: true}});
  }}
}})();
</script>
"""


def name_the_svg(target: str, spoken: str) -> None:
    st.html(
        _NAMER.format(target=html.escape(target), name=html.escape(json.dumps(spoken))),
        unsafe_allow_javascript=True,
        width="content",
    )


def _open_story() -> None:
    st.session_state["tab"] = STORY_TAB


def unfold_choice(picture: cache.Picture) -> frozenset[str]:
    """The folded boxes a person opened (kept while they stay folded in the picture)."""
    if not picture.folds and not st.session_state.get("unfolded"):
        return frozenset()
    names = {f.key: f.name for f in picture.folds}
    opened = [k for k in st.session_state.get("unfolded", []) if k not in names]
    names.update({k: st.session_state.get("unfolded_names", {}).get(k, k) for k in opened})
    st.session_state["unfolded_names"] = dict(names)
    chosen = st.multiselect(
        "Open folded boxes to see their steps",
        list(names),
        format_func=named(names),
        key="unfolded",
        placeholder="Choose a folded box",
    )
    return frozenset(chosen)


def show() -> None:
    text = session.draft()
    controls = st.columns([2, 2, 3])
    with controls[0]:
        lanes = st.selectbox("Lanes", list(LANES), format_func=named(LANES), key="lanes") or "organisation"
    with controls[1]:
        direction = (
            st.selectbox("Direction", list(DIRECTIONS), format_func=named(DIRECTIONS), key="direction")
            or "TB"
        )
    with controls[2]:
        focus_choice(text)
    if local_diagram.offered(text) and local_diagram.toggle():
        local_diagram.show(text, lanes, direction, chart)
        return
    pathway = cache.check(text).pathway
    chosen = shown(pathway) if pathway is not None else cache.Shown()
    picture = cache.drawn(text, lanes, direction, chosen) if pathway is not None else None
    if picture is None:
        st.warning("The diagram cannot be drawn until the YAML can be read (see the expert view).")
        return
    if picture.folds or chosen.unfolded:
        unfold_choice(picture)
    if picture.shown:
        st.caption(f"Showing {md(picture.shown)}.")
    with st.container(key="diagram", horizontal_alignment="center", height=620, border=True):
        chart(picture.dot, "pathway", picture.name)
    from . import TABS  # the page's tabs: the link is offered only where the tab is

    if STORY_TAB in TABS:
        st.button(
            "Read the diagram in words (the journey, step by step)",
            key="diagram_in_words",
            on_click=_open_story,
            type="tertiary",
            icon=":material/description:",
        )
    st.caption(
        "Scroll inside the diagram to see all of it, or use the ⤢ button at its top to see it "
        "full screen."
    )
    with st.expander("How to read the diagram"):
        st.markdown(
            "Each **box** is a step a person passes through; each **arrow** a way on. "
            "Lanes show **who is responsible** (or where care happens), and the key on the diagram "
            "explains the shapes and colours. A **thick red outline ✖** marks something that must "
            "be fixed, a **dashed orange outline ⚠** something worth discussing. A **double "
            "arrow** passes responsibility to another organisation (a *handoff*). A **stacked "
            "box** holds several steps folded together (the count is on it), and **✎** counts the "
            "comments on a step.\n\n"
            "Kinds of step: " + ", ".join(KIND_WORDS.values()) + ".  \n"
            "Settings: " + ", ".join(SETTING_WORDS.values()) + "."
        )


def _comment_counts() -> tuple[tuple[str, int], ...]:
    pid = session.pathway_id()
    if not pid:
        return ()
    try:
        found = comments.counts(pid)
    except Exception:  # comments that cannot be read leave the diagram without markers
        return ()
    return tuple(sorted((step, n) for step, n in found.items() if step))
