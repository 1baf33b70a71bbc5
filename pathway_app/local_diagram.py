"""The diagram's local view: for a local pathway, a toggle that marks what the local partners added,
changed or removed against the version of the base they adapted (`localisation.local_view`)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from pathway_designer.localisation.local_view import LocalView, local_view
from pathway_designer.render import render_dot
from pathway_designer.store import StoreError
from pathway_designer.words import LOCAL_MARK_WORDS

from . import cache
from .store import workspace
from .text import md

KEY = "local_view"


def offered(text: str) -> bool:
    pathway = cache.check(text).pathway
    return pathway is not None and pathway.base_id is not None


@functools.lru_cache(maxsize=16)
def _view(root: str, head: str | None, text: str) -> LocalView | StoreError:
    pathway = cache.check(text).pathway
    assert pathway is not None
    try:
        return local_view(workspace(), pathway)
    except StoreError as exc:
        return exc


def toggle() -> bool:
    return st.toggle("Show what is local (against the base pathway)", key=KEY)


def show(text: str, lanes: str, direction: str, chart: Callable[[str, str, str], None]) -> None:
    ws = workspace()
    found = _view(str(ws.root), ws.head(), text)
    if isinstance(found, StoreError):
        st.warning(f"The base pathway cannot be read: {md(str(found))}")
        return
    marks, ways = found.view.marks, found.view.transition_marks
    dot = render_dot(found.view.pathway, lanes=lanes, direction=direction, marks=marks, transition_marks=ways)
    told = {mark: sum(m == mark for m in marks.values()) for mark in LOCAL_MARK_WORDS}
    summary = ", ".join(f"{n} {LOCAL_MARK_WORDS[mark]}" for mark, n in told.items() if n) or "nothing local"
    against = (
        "the version you adapted" if found.known
        else "its latest version (the version adapted is not recorded)"
    )
    st.caption(
        f"Steps against {md(found.base.title)}, {against}: {md(summary)}. Marked **+** added, "
        "**~** changed, **−** removed."
    )
    with st.container(key="diagram", horizontal_alignment="center", height=620, border=True):
        chart(dot, "local", f"{found.base.title}: what is local")
