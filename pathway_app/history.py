"""History: every version with who, organisation, when and why; what changed between two, drawn;
restoring an old version as a new one; and "why is this step here?"."""

from __future__ import annotations

import functools

import streamlit as st

from pathway_designer.changes.words import changes_in_words, item_in_words
from pathway_designer.render import render_dot
from pathway_designer.store import Version, Workspace
from pathway_designer.words import field_words, listed
from pathway_designer.workshop.views import diff_view

from . import session
from .choices import named
from .diagram import chart
from .store import workspace
from .text import md


@functools.lru_cache(maxsize=32)
def _diff_dot(root: str, pid: str, a: str, b: str) -> tuple[tuple[str, ...], str]:
    ws = _ws_for(root)
    old, new = ws.pathway(pid, a), ws.pathway(pid, b)
    changes = tuple(changes_in_words(ws.diff(pid, a, b), old, new))
    view = diff_view(old, new)
    return changes, render_dot(view.pathway, marks=view.marks, transition_marks=view.transition_marks)


def _ws_for(root: str) -> Workspace:
    ws = workspace()
    assert str(ws.root) == root
    return ws


def _who(v: Version) -> str:
    return f"{v.author} ({v.organisation})" if v.organisation else v.author


def panel(pid: str) -> None:
    ws = workspace()
    versions = ws.history(pid)
    if not versions:
        st.info("This pathway has not been saved yet.")
        return
    st.markdown("Every saved version, newest first, with who made it and why.")
    st.dataframe(
        {
            "Version": [v.label for v in versions],
            "When": [f"{v.date:%d %b %Y %H:%M}" for v in versions],
            "Who": [v.author for v in versions],
            "Organisation": [v.organisation or "" for v in versions],
            "Why": [v.rationale for v in versions],
            "How": [v.kind for v in versions],
        },
        hide_index=True,
        key="history_table",
        width="stretch",
        height=min(38 + 35 * len(versions), 360),
    )
    compare_versions(ws, pid, versions)
    left, right = st.columns(2)
    with left:
        why_here(ws, pid)
    with right:
        restore(pid, versions)


def compare_versions(ws: Workspace, pid: str, versions: list[Version]) -> None:
    if len(versions) < 2:
        return
    st.markdown("#### What changed between two versions")
    by_label = {v.label: v for v in versions}
    labels = list(by_label)
    left, right = st.columns(2)
    older = left.selectbox("From", labels, index=1, key="diff_from")
    newer = right.selectbox("To", labels, index=0, key="diff_to")
    if not older or not newer:
        return
    changes, dot = _diff_dot(str(ws.root), pid, by_label[older].commit, by_label[newer].commit)
    if not changes:
        st.caption("No difference in the pathway itself.")
        return
    n = len(changes)
    with st.expander(f"{n} change{'s' * (n != 1)} in words", expanded=n <= 8):
        for c in changes:
            st.markdown(f"- {md(c)}")
    st.caption(
        "On the diagram: **+** thick green outline added, **−** dashed red removed, "
        "**~** dotted blue changed."
    )
    chart(dot, "history", "The pathway at this version, with what changed marked")


def why_here(ws: Workspace, pid: str) -> None:
    st.markdown("#### Why is this step here?")
    pathway = session.current().pathway
    if pathway is None:
        return
    labels = {s.id: s.label for s in pathway.steps}
    step = st.selectbox("Step", list(labels), format_func=named(labels), key="why_step")
    if not step:
        return
    stories = ws.why(pid, step)
    if not stories or not stories[0].events:
        st.caption("This step has not been saved yet: it is one of your unsaved changes.")
        return
    for lineage in stories:
        way = item_in_words(lineage.section, lineage.key, pathway)
        title = "This step" if lineage.section == "steps" else f"{way[0].upper()}{way[1:]}"
        st.markdown(f"**{md(title)}**")
        for event in lineage.events:
            v = event.version
            verb = {"added": "Added", "removed": "Removed"}.get(event.action, "Changed")
            fields = listed([field_words(f) for f in event.fields], most=8)
            what = f" {md(fields)}" if fields else ""  # "Changed wait to start and how long"
            st.markdown(
                f"- {verb}{what} in {v.label}, {v.date:%d %b %Y}, by {md(_who(v))}: *{md(v.summary)}*"
            )


def restore(pid: str, versions: list[Version]) -> None:
    st.markdown("#### Bring back an old version")
    if not session.can_edit():
        st.caption("Restoring needs editor access.")
        return
    older = [v.label for v in versions[1:]]
    if not older:
        st.caption("There is only one version.")
        return
    with st.form("restore_form"):
        st.selectbox("Version", older, key="restore_version")
        st.text_input("Why bring it back?", key="restore_why")
        st.caption("It is saved as a new version; nothing in the history is lost.")
        st.form_submit_button(
            "Restore as a new version", key="restore_submit", on_click=_restore, args=(pid,)
        )


def _restore(pid: str) -> None:
    s = st.session_state
    person = session.who()
    if person is None:
        return
    if session.unsaved():
        session.notify("error", "Save or undo your unsaved changes first, then restore.")
        return
    if not (s.restore_why or "").strip():
        session.notify("error", "Please say why you are bringing it back.")
        return
    result = workspace().restore(
        pid, s.restore_version, author=person.name, organisation=person.organisation, rationale=s.restore_why
    )
    if result.ok and result.version and result.text is not None:
        session.rebase(result.version, result.text, result.text)
        session.notify("success", f"Restored {s.restore_version} as {result.version.label}.")
    else:
        session.notify("error", f"Not restored: {result.message}")
