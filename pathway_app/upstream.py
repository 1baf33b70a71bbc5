"""The banner of a local pathway whose base changed since it was adapted: how many changes, how many
touch what the local partners kept, what changed, and bringing them in with a reason (conflicts
chosen one by one, never overwritten). The library does the work (`pathway_designer.localisation`).
"""

from __future__ import annotations

import functools
from typing import Literal

import streamlit as st

from pathway_designer.localisation import bringing_in, upstream_writing
from pathway_designer.localisation.upstream import Upstream, upstream
from pathway_designer.store import Author, StoreError, UnknownPathway
from pathway_designer.words import SIDE_WORDS

from . import session
from .choices import named
from .store import workspace
from .text import md

WHY = "upstream_why"
PANEL = "upstream_panel"


@functools.lru_cache(maxsize=32)
def _found(root: str, head: str | None, pid: str) -> Upstream | StoreError | None:
    """The base's changes for the saved pathway, once per head of the workspace (a fetch of a
    remote base moves no head: a new session, or a save, sees it)."""
    ws = workspace()
    try:
        return upstream(ws, pid)
    except UnknownPathway:
        return None  # not saved yet, or its base is not in this workspace
    except StoreError as exc:
        return exc


def current(pid: str) -> Upstream | StoreError | None:
    pathway = session.current().pathway
    if pathway is None or pathway.base_id is None:
        return None
    ws = workspace()
    return _found(str(ws.root), ws.head(), pid)


def banner(pid: str) -> None:
    found = current(pid)
    if found is None:
        return
    if isinstance(found, StoreError):
        st.caption(f"The base pathway cannot be read: {md(str(found))}")
        return
    if found.up_to_date:
        return
    with st.container(border=True, key=PANEL):
        if found.unknown:
            st.info(md(upstream_writing.headline(found)), icon=":material/help:")
            if session.can_edit():
                st.button(
                    "It has everything of the base's latest version: record that",
                    key="upstream_pin", on_click=_pin, args=(pid,),
                )
            return
        st.warning(md(upstream_writing.headline(found)), icon=":material/update:")
        with st.expander("What changed"):
            for change in found.changes:
                st.markdown(f"- {md(upstream_writing.change_words(found, change))}")
        if session.can_edit():
            _bring_in_form(pid, found)


def _bring_in_form(pid: str, found: Upstream) -> None:
    if session.unsaved():
        st.caption("Save or undo your changes first; then you can bring the base's changes in.")
        return
    with st.form("upstream_form", border=False):
        lines = upstream_writing.conflict_lines(found)
        if lines:
            st.markdown("**Where the base changed what you changed too, choose which to keep:**")
        for i, line in enumerate(lines):
            st.markdown(f"{i + 1}. {md(line)}")
            st.radio("Keep", ["ours", "theirs"], key=f"upstream_choice_{i}", horizontal=True,
                     format_func=named(SIDE_WORDS))  # fmt: skip
        st.text_input("Why bring them in?", key=WHY, placeholder="e.g. The new national response times")
        st.form_submit_button("Bring them in", key="upstream_bring_in", type="primary",
                              on_click=_bring_in, args=(pid,))  # fmt: skip


def _author() -> Author | None:
    person = session.who()
    return Author(person.name, person.organisation) if person else None


def _bring_in(pid: str) -> None:
    s = st.session_state
    who, why = _author(), (s.get(WHY) or "").strip()
    found = current(pid)
    if who is None or not isinstance(found, Upstream):
        return
    if not why:
        session.notify("error", "Please say why you are bringing the changes in: the reason is kept.")
        return
    choices: dict[tuple[str, str, str | None], Literal["ours", "theirs"]] = {
        c.id: "theirs" if s.get(f"upstream_choice_{i}") == "theirs" else "ours"
        for i, c in enumerate(found.conflicts)
    }
    try:
        done = bringing_in.bring_in(workspace(), pid, who=who, rationale=why, choices=choices)
    except StoreError as exc:
        session.notify("error", f"Nothing was brought in: {exc}")
        return
    saved = done.saved
    if saved is None or not saved.ok or saved.version is None or saved.text is None:
        session.notify("error", f"Nothing was brought in: {saved.message if saved else done.status}")
        return
    session.rebase(saved.version, saved.text, saved.text)
    s[WHY] = ""
    session.notify("success", f"Brought the base's changes in as {saved.version.label}.")


def _pin(pid: str) -> None:
    who = _author()
    if who is None:
        return
    try:
        saved = bringing_in.pin(workspace(), pid, "latest", who=who)
    except StoreError as exc:
        session.notify("error", f"Not recorded: {exc}")
        return
    if saved.ok and saved.version and saved.text is not None:
        session.rebase(saved.version, saved.text, saved.text)
        session.notify("success", f"Recorded the version of the base adapted ({saved.version.label}).")
    else:
        session.notify("error", f"Not recorded: {saved.message}")
