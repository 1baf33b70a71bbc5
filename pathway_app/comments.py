"""Comments: anyone, service users and carers included, comments on a step or the whole pathway.

Comments are kept in the workspace beside the pathway (a comment never changes the pathway or its
sign-offs). They are read once per workspace head.
"""

from __future__ import annotations

import functools

import streamlit as st

from pathway_designer.store import Comment, StoreError
from pathway_designer.workshop.access import PARTICIPANT_ROLES
from pathway_designer.workshop.comment_limits import CommentLimiter

from . import session
from .store import workspace
from .text import md

WHOLE = ""


@st.cache_resource(show_spinner=False)
def limiter() -> CommentLimiter:
    return CommentLimiter()  # one for every session: a person is counted in all their tabs


@functools.lru_cache(maxsize=64)
def _comments(root: str, pid: str, head: str | None) -> tuple[Comment, ...]:
    del root, head  # the cache keys: a new head means comments may have changed
    return tuple(workspace().comments(pid))


def all_comments(pid: str) -> tuple[Comment, ...]:
    ws = workspace()
    return _comments(str(ws.root), pid, ws.head())


def counts(pid: str) -> dict[str | None, int]:
    found: dict[str | None, int] = {}
    for c in all_comments(pid):
        found[c.step] = found.get(c.step, 0) + 1
    return found


def _show(c: Comment) -> None:
    who = md(c.author) + (f" ({md(c.organisation)})" if c.organisation else "")
    part = PARTICIPANT_ROLES.get(c.role or "", "").split(" (")[0]
    part = f", {md(part)}" if part else ""
    st.markdown(f":material/chat_bubble: {md(c.text)}  \n:gray[{who}{part}, {c.date:%d %b %Y %H:%M}]")


def add(pid: str, step: str | None, key: str) -> None:
    person = session.who()
    text = (st.session_state.get(key) or "").strip()
    if person is None or not text:
        session.notify("error", "Write your comment first.")
        return
    verdict = limiter().allow(person.name)
    if not verdict.allowed:
        session.notify("warning", verdict.message)
        return
    try:
        workspace().add_comment(
            pid,
            text,
            author=person.name,
            organisation=person.organisation,
            role=person.role,
            step=step or None,
        )
    except (StoreError, ValueError) as exc:
        session.notify("error", f"The comment was not kept: {exc}")
        return
    st.session_state[key] = ""
    session.notify("success", "Comment added. Everyone sees it on the step.")


def on_step(step_id: str) -> None:
    pid = session.pathway_id()
    if pid is None:
        return
    found = [c for c in all_comments(pid) if c.step == step_id]
    st.markdown(f"**Comments on this step ({len(found)})**")
    for c in found:
        _show(c)
    key = f"comment_text_{step_id}"
    st.text_area(
        "Add a comment on this step",
        key=key,
        height=68,
        placeholder="What works, what doesn't, what is missing?",
    )
    st.button("Add comment", key=f"comment_add_{step_id}", on_click=add, args=(pid, step_id, key))


def panel(pid: str) -> None:
    pathway = session.current().pathway
    labels = {s.id: s.label for s in pathway.steps} if pathway else {}
    st.markdown(
        "Anyone can comment: on the whole pathway or on one step. Comments are kept with "
        "the pathway's history but never change the pathway itself."
    )
    with st.form("comment_form", clear_on_submit=False):
        st.selectbox(
            "About",
            [WHOLE, *labels],
            key="comment_step",
            format_func=lambda s: labels.get(s, "The whole pathway"),
        )
        st.text_area("Your comment", key="comment_text")
        st.form_submit_button(
            "Add comment",
            key="comment_submit",
            type="primary",
            on_click=lambda: add(pid, st.session_state.get("comment_step") or None, "comment_text"),
        )
    found = all_comments(pid)
    if not found:
        st.caption("No comments yet.")
    by_step: dict[str | None, list[Comment]] = {}
    for c in found:
        by_step.setdefault(c.step, []).append(c)
    for step, items in sorted(by_step.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")):
        st.markdown(f"##### {md(labels.get(step, step)) if step else 'The whole pathway'} ({len(items)})")
        for c in items:
            _show(c)
