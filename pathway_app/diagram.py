"""The diagram at the centre of the page: lanes, direction, and a focus for big pathways."""

from __future__ import annotations

import streamlit as st

from pathway_designer.words import KIND_WORDS, SETTING_WORDS
from pathway_designer.workshop.views import BIG

from . import cache, session
from .choices import named
from .text import md

LANES = {"organisation": "Who is responsible", "setting": "Where it happens", "none": "No lanes"}
DIRECTIONS = {"TB": "Top to bottom", "LR": "Left to right"}  # top to bottom fits a screen better


def focus_choice(text: str) -> tuple[str, ...]:
    """The part of the pathway to draw: everything, or for big pathways a part chosen here."""
    pathway = cache.check(text).pathway
    if pathway is None:
        return ()
    big = len(pathway.steps) > BIG
    options = ["all", "org", "around"]
    words = {"all": "The whole pathway", "org": "One organisation's part", "around": "Around one step"}
    if big:
        st.caption(
            f"This pathway has {len(pathway.steps)} steps: choose a part to draw, so the "
            "diagram stays readable."
        )
    mode = st.selectbox("Show", options, format_func=named(words), key="focus_mode", index=2 if big else 0)
    if mode == "org":
        orgs = {o.id: o.name for o in pathway.organisations}
        chosen = st.multiselect(
            "Organisations", list(orgs), format_func=named(orgs), default=list(orgs)[:1], key="focus_orgs"
        )
        return ("org", *chosen)
    if mode == "around":
        labels = {s.id: s.label for s in pathway.steps}
        step = st.selectbox("Step", list(labels), format_func=named(labels), key="focus_step")
        radius = st.slider("How many steps around it", 1, 8, 3, key="focus_radius")
        return ("around", step, str(radius)) if step else ()
    return ()


def chart(source: str, name: str) -> None:
    """Draw DOT in the browser, in a new element whenever the DOT changes.

    Streamlit's chart redraws an existing diagram in place, by animating from the old graph to the
    new one (d3-graphviz); for some changes (a step added after the exit, for one) that fails in
    the browser with no message and the *old* diagram stays on the screen. Two slots are used in
    turn, so every new diagram is drawn from scratch.
    """
    key = f"chart_{name}"
    last, turn = st.session_state.get(key, (None, 0))
    if source != last:
        turn = 1 - turn
        st.session_state[key] = (source, turn)
    slots = [st.empty(), st.empty()]
    slots[1 - turn].empty()
    slots[turn].graphviz_chart(source, width="content")


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
        focus = focus_choice(text)
    source = cache.dot(text, lanes, direction, focus)
    shown = cache.view(text, focus)
    if source is None or shown is None:
        st.warning("The diagram cannot be drawn until the YAML can be read (see the expert view).")
        return
    if shown.partial:
        st.caption(f"Showing {shown.shown} of {shown.total} steps: {md(shown.description)}.")
    with st.container(key="diagram", horizontal_alignment="center", height=620, border=True):
        chart(source, "pathway")
    st.caption(
        "Scroll inside the diagram to see all of it, or use the ⤢ button (top right of the "
        "diagram, on hover) to see it full screen."
    )
    with st.expander("How to read the diagram"):
        st.markdown(
            "Each **box** is a step a person passes through; each **arrow** a way on. "
            "Lanes show **who is responsible** (or where care happens), and the key on the diagram "
            "explains the shapes and colours. A **thick red outline ✖** marks something that must "
            "be fixed, a **dashed orange outline ⚠** something worth discussing. A **double "
            "arrow** passes responsibility to another organisation (a *handoff*).\n\n"
            "Kinds of step: " + ", ".join(KIND_WORDS.values()) + ".  \n"
            "Settings: " + ", ".join(SETTING_WORDS.values()) + "."
        )
