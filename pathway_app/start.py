"""Choosing a pathway (a list that filters as you type) or starting a new one, from scratch or from
another. The two are tabs that keep their place, so a mistake in the new-pathway form leaves the
form open with everything typed and the message beside it; seeded examples say where they come
from."""

from __future__ import annotations

import streamlit as st

from pathway_designer.localisation.adapting import adapt
from pathway_designer.store import Author, PathwayEntry, SaveResult, StoreError, Workspace
from pathway_designer.words import GEOGRAPHY_WORDS, ROLE_WORDS, STATUS_WORDS, word
from pathway_designer.workshop import editing
from pathway_designer.workshop.access import Identity
from pathway_designer.workshop.editing import EditError

from . import ahead, importing, session
from .choices import named
from .store import workspace
from .text import md

QUERY = "pathway"
TAB = "start_tab"
OPEN, NEW = "Open a pathway", "Start a new pathway"
NEW_ERROR = "new_pathway_error"
HOW = {
    "copy": "Copy it",
    "adapt": "Adapt it: a local version that can bring in its later changes",
}


def open_pathway(pid: str) -> None:
    """Go to a pathway: the URL carries it, so the link can be shared."""
    st.query_params[QUERY] = pid


def _when(entry: PathwayEntry) -> str:
    latest = entry.latest
    if latest is None:
        return "never saved"
    if entry.origin:
        return f"{entry.origin} (added {latest.date:%d %b %Y})"
    return f"last change {latest.date:%d %b %Y} by {latest.who()}"


def choose() -> None:
    ws = workspace()
    st.title("Pathway workshop")
    st.write(
        "Choose the pathway to work on together, or start a new one. "
        "Share the page's address with others to bring them to the same pathway."
    )
    entries = ws.catalogue()
    # keyed tabs keep their place across reruns: an error in the form no longer flips to the list
    choose_tab, new_tab = st.tabs([OPEN, NEW], key=TAB, on_change="rerun")
    with new_tab:
        new_pathway(ws, entries)
    with choose_tab:
        pathway_list(entries)
    ahead.fetch_code_ahead()


def _matches(entry: PathwayEntry, needle: str) -> bool:
    status = word(STATUS_WORDS, entry.status)
    area = word(GEOGRAPHY_WORDS, entry.geography) if entry.geography else ""
    return needle in f"{entry.title} {entry.id} {entry.status} {status} {area}".casefold()


@st.fragment
def pathway_list(entries: list[PathwayEntry]) -> None:
    """The list, filtered as the person types (`live`: a pause in typing is enough, no Enter); a
    fragment, so each key reruns only the list."""
    search = st.text_input(
        "Search", key="search", placeholder="Type part of a title, a place or a status", live=True
    )
    needle = " ".join((search or "").split()).casefold()
    shown = [e for e in entries if _matches(e, needle)]
    if not shown:
        st.info("No pathway matches that search.")
    for e in shown:
        with st.container(border=True):
            left, right = st.columns([5, 1])
            with left:
                st.markdown(f"**{md(e.title)}**")
                area = word(GEOGRAPHY_WORDS, e.geography) if e.geography else "Area not given"
                st.caption(f"{md(word(STATUS_WORDS, e.status))} · {md(area)} · {md(_when(e))}")
            with right:
                if st.button("Open", key=f"open-{e.id}", type="primary", width="stretch"):
                    open_pathway(e.id)
                    st.rerun(scope="app")  # the whole page: the pathway, not just the list


def new_pathway(ws: Workspace, entries: list[PathwayEntry]) -> None:
    if not session.can_edit():
        st.caption("Starting a pathway needs editor access.")
        return
    titles = {e.id: e.title for e in entries}
    with st.form("new_pathway_form"):
        st.text_input("Title", key="new_title", placeholder="e.g. Falls prevention for older people")
        blank = "A blank pathway (a way in, an assessment, a way out)"
        st.selectbox("Start from", ["", *titles], key="new_from", format_func=lambda i: titles.get(i, blank))
        st.radio("Starting from another pathway", list(HOW), key="new_how", format_func=named(HOW),
                 horizontal=True)  # fmt: skip
        st.caption("For a blank pathway, name the first two partners (you can add more later):")
        cols = st.columns(2)
        for n in (1, 2):
            with cols[n - 1]:
                st.text_input(f"Partner {n}", key=f"new_org{n}")
                st.selectbox(
                    f"Part of partner {n}",
                    list(ROLE_WORDS),
                    format_func=named(ROLE_WORDS),
                    key=f"new_role{n}",
                    index=0 if n == 1 else 1,
                )
        st.text_input(
            "Why are you starting it?",
            key="new_why",
            placeholder="e.g. Agreed at the October board to redesign falls services",
        )
        st.form_submit_button(
            "Create the pathway", key="new_pathway_submit", type="primary", on_click=_create
        )
        problem = st.session_state.get(NEW_ERROR)
        if problem:  # beside the button that was pressed, the form still filled in
            st.error(md(problem), icon=":material/block:")
    importing.panel(ws.pathway_ids(), open_pathway)


def _create() -> None:
    s = st.session_state
    s.pop(NEW_ERROR, None)
    s[TAB] = NEW  # stay on the form, whatever happens
    ws = workspace()
    person = session.who()
    if person is None:
        return
    if s.new_from and s.get("new_how") == "adapt" and (s.new_why or "").strip():
        _adapt(ws, person)  # without a reason, the copy's path below says that one is needed
        return
    try:
        if s.new_from:
            source = ws.pathway(s.new_from)
            pid = editing.slug(s.new_title or f"{source.title} copy", ws.pathway_ids(), "pathway")
            edit = editing.copy_pathway(source, pid, s.new_title or f"{source.title} (copy)")
        else:
            partners = [(s.new_org1, s.new_role1), (s.new_org2, s.new_role2)]
            edit = editing.new_pathway(s.new_title or "", partners, taken=ws.pathway_ids())
    except EditError as exc:
        s[NEW_ERROR] = str(exc)
        return
    if not (s.new_why or "").strip():
        s[NEW_ERROR] = "Please say why you are starting it: the reason is kept with it."
        return
    try:
        result = ws.save(
            edit.text, author=person.name, organisation=person.organisation, rationale=s.new_why, base=None
        )
    except StoreError as exc:
        s[NEW_ERROR] = f"Not created: {exc}"
        return
    _created(result, edit.pathway.id, f"Created '{edit.pathway.title}'")


def _adapt(ws: Workspace, person: Identity) -> None:
    """A local pathway adapted from the chosen one, its version recorded (`localisation.adapt`)."""
    s = st.session_state
    try:
        base = ws.pathway(s.new_from)
        title = (s.new_title or "").strip() or f"{base.title} (local)"
        pid = editing.slug(title, ws.pathway_ids(), "pathway")
        result = adapt(ws, s.new_from, pid, who=Author(person.name, person.organisation),
                       title=title, rationale=s.new_why)  # fmt: skip
    except (StoreError, EditError, ValueError) as exc:
        s[NEW_ERROR] = f"Not created: {exc}"
        return
    _created(result, pid, f"Adapted '{base.title}' as '{title}'")


def _created(result: SaveResult, pid: str, done: str) -> None:
    """Open the new pathway, or say beside the form why it was not saved."""
    if not result.ok:
        st.session_state[NEW_ERROR] = result.message
        return
    label = result.version.label if result.version else "v1"
    session.notify("success", f"{done} ({label}).")
    open_pathway(pid)
