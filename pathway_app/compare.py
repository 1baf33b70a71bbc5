"""Compare two pathways side by side (rural and urban twins, a local pathway and its base)."""

from __future__ import annotations

import functools

import streamlit as st

from pathway_designer.localisation.twins import Twin, twins_of
from pathway_designer.model import Pathway
from pathway_designer.partnership.comparison import (
    Comparison,
    compare,
    comparison_marks,
    comparison_transition_marks,
)
from pathway_designer.render import render_dot
from pathway_designer.store import StoreError
from pathway_designer.words import FIELD_WORDS, TWIN_WORDS
from pathway_designer.workshop.pack import measures_table
from pathway_designer.workshop.twins import likely_twin

from . import cache, session
from .choices import named
from .diagram import chart
from .store import workspace
from .text import md, plain_cells


@functools.lru_cache(maxsize=16)
def _compared(a_text: str, b_text: str) -> tuple[Comparison, str, str]:
    a, b = cache.check(a_text).pathway, cache.check(b_text).pathway
    assert a is not None and b is not None
    result = compare(a, b)
    marks_a, marks_b = comparison_marks(result)
    ways_a, ways_b = comparison_transition_marks(result)
    return (
        result,
        render_dot(a, marks=marks_a, transition_marks=ways_a),
        render_dot(b, marks=marks_b, transition_marks=ways_b),
    )


def _latest(pid: str) -> tuple[str, Pathway] | None:
    """The latest text of another pathway and its model; None when it does not load (a version
    written by hand, or with bytes that are not text): one such pathway must not stop the tab."""
    try:
        text = workspace().text(pid)
    except StoreError:
        return None
    pathway = cache.check(text).pathway
    return (text, pathway) if pathway is not None else None


def _twins(pathway: Pathway, ids: list[str]) -> list[Twin]:
    others = [found[1] for i in ids if (found := _latest(i)) is not None]
    return twins_of(pathway, others)


def panel(pid: str) -> None:
    ws = workspace()
    pathway = session.current().pathway
    if pathway is None:
        return
    others = {e.id: e.title for e in ws.catalogue() if e.id != pid}
    if not others:
        st.caption("There is no other pathway in the workspace to compare with.")
        return
    ids = list(others)
    found = _twins(pathway, ids)
    if found:  # the Compare tab starts from the twins: like compared with like
        ids = [t.other(pid).id for t in found] + [i for i in ids if i not in {t.other(pid).id for t in found}]
        st.caption("Twins of this pathway: " + "; ".join(
            f"{md(t.other(pid).title)} ({md(TWIN_WORDS[t.reason])})" for t in found
        ))  # fmt: skip
    twin = found[0].other(pid).id if found else likely_twin(pid, pathway.base_id, ids) or ids[0]
    other = st.selectbox(
        "Compare with", ids, index=ids.index(twin), format_func=named(others), key="compare_with"
    )
    if not other:
        return
    latest = _latest(other)
    if latest is None:
        st.warning(f"“{md(others[other])}” cannot be compared: its latest version does not load. "
                   "Open it to see why.")
        return
    b_text, b = latest
    result, dot_a, dot_b = _compared(session.draft(), b_text)
    a_steps = {s.id: s.label for s in pathway.steps}
    b_steps = {s.id: s.label for s in b.steps}
    st.markdown(
        f"**{len(result.matches)}** steps in both · **{len(result.only_a)}** only in this one · "
        f"**{len(result.only_b)}** only in the other · **{len(result.changed)}** different"
    )
    for d in result.context:
        st.markdown(f"- {md(d.field.capitalize())}: {md(d.a or '(none)')} here, {md(d.b or '(none)')} there")
    left, right = st.columns(2)
    with left:
        st.markdown(f"##### {md(pathway.title)}")
        for s in result.only_a:
            st.markdown(f"- **Only here:** {md(s.label)}")
    with right:
        st.markdown(f"##### {md(b.title)}")
        for s in result.only_b:
            st.markdown(f"- **Only there:** {md(s.label)}")
    if result.changed:
        with st.expander(f"Steps in both that differ ({len(result.changed)})"):
            for m in result.changed:
                st.markdown(
                    f"**{md(a_steps.get(m.a, m.a))}**"
                    + (f" ≈ **{md(b_steps.get(m.b, m.b))}**" if m.a != m.b else "")
                )
                for d in m.differences:
                    st.markdown(
                        f"- {FIELD_WORDS.get(d.field, d.field)}: {md(d.a or '(none)')} here, "
                        f"{md(d.b or '(none)')} there"
                    )
    measures_a = dict(measures_table(pathway, result.analysis_a))
    measures_b = dict(measures_table(b, result.analysis_b))
    st.table(
        plain_cells(
            {
                "Measure": list(measures_a),
                "This pathway": list(measures_a.values()),
                "The other": [measures_b.get(k, "") for k in measures_a],
            }
        )
    )
    st.caption(
        "On the diagrams: steps only in this pathway are marked **−** (dashed red), steps only "
        "in the other **+** (thick green), and steps that differ **~** (dotted blue)."
    )
    left, right = st.columns(2)
    with left:
        chart(dot_a, "compare_a", "This pathway, with what differs from the other marked")
    with right:
        chart(dot_b, "compare_b", "The other pathway, with what differs from this one marked")
