"""The expert view: the YAML itself, checked as it is edited. Text that cannot be read is never
thrown away: it stays in the box with what is wrong, until it is fixed or discarded."""

from __future__ import annotations

import streamlit as st

from pathway_designer.workshop import editing
from pathway_designer.workshop.editing import EditError

from . import session
from .text import md

KEY = "yaml_text"
PENDING = "yaml_pending"  # findings of text that could not be read (the text stays in the box)
BAD_TEXT = "yaml_bad_text"  # that text, kept apart from the widget, which forgets it in hidden tabs


def _changed() -> None:
    text = st.session_state.get(KEY) or ""
    try:
        edit = editing.from_text(text, "Edited the YAML")
    except EditError as exc:
        st.session_state[PENDING] = exc.findings
        st.session_state[BAD_TEXT] = text
        return
    st.session_state.pop(PENDING, None)
    st.session_state.pop(BAD_TEXT, None)
    session.keep(edit)


def _discard() -> None:
    st.session_state.pop(PENDING, None)
    st.session_state.pop(BAD_TEXT, None)
    st.session_state[KEY] = session.draft()


def panel() -> None:
    pending = st.session_state.get(PENDING)
    if pending:
        st.session_state[KEY] = st.session_state.get(BAD_TEXT, "")
    else:
        st.session_state[KEY] = session.draft()  # follow the draft while the box holds no bad text
    st.caption(
        "For people who know the format (docs/format.md). Changes are checked when you click "
        "outside the box or press Ctrl+Enter; the diagram and tables follow."
    )
    st.text_area(
        "Pathway YAML",
        key=KEY,
        height=520,
        on_change=_changed,
        disabled=not session.can_edit(),
        label_visibility="collapsed",
    )
    if pending:
        st.error(
            "This YAML cannot be read, so it has not been applied. Your text is kept above: "
            "fix it, or discard it to go back to the pathway as it is."
        )
        for f in pending:
            where = f"line {f.line}, column {f.column}: " if f.line else ""
            st.markdown(f"- {where}{md(f.message)} :gray[{md(f.rule)}]")
        st.button("Discard my YAML changes", key="yaml_discard", on_click=_discard)
