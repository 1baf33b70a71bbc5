"""One participant's session: who they are, the pathway open, the version their draft started from,
the draft itself (canonical YAML text) and what to tell them next.

Every change to the draft goes through `keep`, which takes an `Edit` that the library has already
validated. Table editors are keyed by a generation number that changes whenever the draft changes
from anywhere but the table itself (bringing in others' changes, undo, a form), so an editor never
shows stale cells over a different pathway; a cell edit is kept in the draft the moment it is made,
so nothing is waiting in an editor when the generation changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from pathway_designer.checks.validation import FileCheck
from pathway_designer.workshop import editing, lifecycle
from pathway_designer.workshop.access import Identity

from . import cache

WHO = "pd_who"
PATHWAY = "pd_pid"
BASE = "pd_base"  # the Version the draft started from (None for a pathway not saved yet)
BASE_TEXT = "pd_base_text"
DRAFT = "pd_draft"
GEN = "pd_gen"
NOTICE = "pd_notice"
UNDO = "pd_undo"


@dataclass(frozen=True)
class Notice:
    kind: str  # success, info, warning, error
    text: str


def who() -> Identity | None:
    return st.session_state.get(WHO)


def can_edit() -> bool:
    """Whether the person may change the pathway open: an editor, and the pathway not retired."""
    person = who()
    saved = cache.check(base_text()).pathway if pathway_id() and base_text() else None
    return bool(person and person.can_edit) and (saved is None or lifecycle.editable(saved))


def gen() -> int:
    return int(st.session_state.get(GEN, 0))


def bump() -> None:
    st.session_state[GEN] = gen() + 1


def notify(kind: str, text: str) -> None:
    st.session_state[NOTICE] = Notice(kind, text)


def pop_notice() -> Notice | None:
    return st.session_state.pop(NOTICE, None)


def pathway_id() -> str | None:
    return st.session_state.get(PATHWAY)


def draft() -> str:
    return str(st.session_state.get(DRAFT, ""))


def base() -> Any:
    return st.session_state.get(BASE)


def base_text() -> str:
    return str(st.session_state.get(BASE_TEXT, ""))


def unsaved() -> bool:
    return draft() != base_text()


def start(pid: str, version: Any, text: str) -> None:
    """Open a pathway at a version: the draft is that version's text."""
    st.session_state[PATHWAY] = pid
    st.session_state[BASE] = version
    st.session_state[BASE_TEXT] = text
    st.session_state[DRAFT] = text
    st.session_state[UNDO] = []
    for key in ("yaml_pending", "yaml_bad_text", "conflict", "seen_head", "seen_latest"):
        st.session_state.pop(key, None)
    bump()


def rebase(version: Any, version_text: str, draft_text: str) -> None:
    """The draft now starts from a newer version (after a save, or after bringing others' work in)."""
    st.session_state[BASE] = version
    st.session_state[BASE_TEXT] = version_text
    set_draft(draft_text)


def set_draft(text: str, from_table: bool = False) -> None:
    if text == draft():
        return
    undo = st.session_state.setdefault(UNDO, [])
    undo.append(draft())
    del undo[:-20]
    st.session_state[DRAFT] = text
    if not from_table:
        bump()


def keep(edit: editing.Edit, from_table: bool = False) -> None:
    """Keep a validated edit in the draft and say what it did."""
    cache.remember(edit.text, edit.check)
    set_draft(edit.text, from_table)
    notify("success", edit.message)


def refuse(error: editing.EditError) -> None:
    """An edit that was not kept: say why, and reset the tables to the draft."""
    notify("error", str(error))
    bump()


def undo() -> None:
    history = st.session_state.get(UNDO) or []
    if history:
        st.session_state[DRAFT] = history.pop()
        bump()
        notify("info", "Undid the last change.")


def current() -> FileCheck:
    return cache.check(draft())
