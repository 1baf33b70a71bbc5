"""One participant's session: who they are, the pathway open, the version their draft started from,
the draft itself (canonical YAML text) and what to tell them next.

Every change to the draft goes through `keep`, which takes an `Edit` that the library has already
validated. Table editors are keyed by a generation number that changes whenever the draft changes
from anywhere but the table itself (bringing in others' changes, undo, a form), so an editor never
shows stale cells over a different pathway; a cell edit is kept in the draft the moment it is made,
so nothing is waiting in an editor when the generation changes.

Nothing typed is lost: every change of the draft is also kept on the server for the person and
pathway (`store.unsaved`), with the version it started from, and comes back when they open the
pathway again: after "All pathways", a reload, a closed tab or a restart of the server. Who they
are comes back too, by a random token in a cookie of their browser (never their name in the page's
address, which people share).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from pathway_designer.checks.validation import FileCheck
from pathway_designer.store import StoreError, Version
from pathway_designer.workshop import editing, lifecycle
from pathway_designer.workshop.access import Access, Identity, IdentityError, make_identity

from . import cache
from .store import workspace
from .text import md

WHO = "pd_who"
PATHWAY = "pd_pid"
BASE = "pd_base"  # the Version the draft started from (None for a pathway not saved yet)
BASE_TEXT = "pd_base_text"
DRAFT = "pd_draft"
GEN = "pd_gen"
NOTICE = "pd_notice"
UNDO = "pd_undo"
TOKEN = "pd_token"  # the token this browser is known by, once remembered
REMEMBERED = "pd_remembered"  # the identity last remembered for the token
TOO_LARGE = "pd_too_large"
COOKIE = "pathway_workshop_who"
COOKIE_DAYS = 30


@dataclass(frozen=True)
class Notice:
    kind: str  # success, info, warning, error
    text: str
    at: str | None = None  # the control it is about, where it is shown; None: the top of the page


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


def notify(kind: str, text: str, at: str | None = None) -> None:
    st.session_state[NOTICE] = Notice(kind, text, at)


def pop_notice() -> Notice | None:
    return st.session_state.pop(NOTICE, None)


def notice_at(place: str) -> Notice | None:
    """The notice about the control at `place`, taken to be shown there (None if it is elsewhere)."""
    notice: Notice | None = st.session_state.get(NOTICE)
    if notice is None or notice.at != place:
        return None
    return pop_notice()


def say_here(place: str) -> None:
    """Show the notice about the control at `place` here, beside it (where the person is looking)."""
    notice = notice_at(place)
    if notice is None:
        return
    with st.container(key=f"notice_{place}"):
        show(notice)
    scroll_to(f"notice_{place}")


_SCROLL = """<script>(() => {
  // once the run has ended (the elements of the last run are gone, the page has its final height)
  const into = () => document.querySelector('.st-key-%s')?.scrollIntoView({block: 'nearest'});
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) { into(); return; }
  const watch = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'notRunning') { watch.disconnect(); into(); }
  });
  watch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  into();
})();</script>"""


def scroll_to(key: str) -> None:
    """Bring the container `key` into view if it is not (a message below the fold of the button that
    was pressed, a panel opened in the sidebar); the page does not move when it is in view."""
    st.html(_SCROLL % key, unsafe_allow_javascript=True)


def show(notice: Notice) -> None:
    text = md(notice.text)
    if notice.kind == "error":
        st.error(text, icon=":material/block:")
    elif notice.kind == "warning":
        st.warning(text)
    elif notice.kind == "success" and notice.at is not None:
        st.success(text, icon=":material/check_circle:")
    elif notice.kind == "restored" or notice.at is not None:
        st.info(text, icon=":material/info:")
    else:
        st.toast(text, icon=":material/check_circle:" if notice.kind == "success" else ":material/info:")


# -- who you are, across reloads ------------------------------------------------------------------


def recall_who(access: Access) -> None:
    """In a new session, the identity this browser's token was given (with today's access, never
    more); after "Not you? Change" the token is forgotten instead."""
    s = st.session_state
    if who() is not None:
        return
    token = s.get(TOKEN) or _cookie()
    if REMEMBERED in s:  # this session had an identity and it was taken off: a new person
        s.pop(REMEMBERED)
        if token:
            workspace().unsaved.forget_person(token)
        return
    details = workspace().unsaved.person(token) if token else None
    if not details:
        return
    try:
        s[WHO] = make_identity(details.get("name", ""), details.get("organisation", ""),
                               details.get("role", ""), access)
    except IdentityError:  # a record of older rules: they say who they are again
        return
    s[TOKEN], s[REMEMBERED] = token, s[WHO]


def remember_who() -> None:
    """Remember who this person said they are, for their next visit from this browser."""
    s, person = st.session_state, who()
    if person is None or s.get(REMEMBERED) == person:
        return
    details = {"name": person.name, "organisation": person.organisation, "role": person.role}
    token = workspace().unsaved.remember_person(details, s.get(TOKEN) or _cookie() or None)
    s[TOKEN], s[REMEMBERED] = token, person
    if _cookie() != token:  # the browser keeps it (a random token: nothing about the person)
        st.html(
            f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={COOKIE_DAYS * 86400}; "
            "SameSite=Strict';</script>",
            unsafe_allow_javascript=True,
        )


def _cookie() -> str:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser behind this session (AppTest)
        return ""
    # the token is URL-safe base64: anything else did not come from here
    return value if isinstance(value, str) and value.replace("-", "").replace("_", "").isalnum() else ""


def _person_key() -> str:
    person = who()
    return f"{person.name}\n{person.organisation}" if person else ""


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
    """Open a pathway at a version: the draft is that version's text, or the person's unsaved
    draft kept from before (with the version it started from, so others' saves since then are
    brought in as usual)."""
    st.session_state[PATHWAY] = pid
    st.session_state[BASE] = version
    st.session_state[BASE_TEXT] = text
    st.session_state[DRAFT] = text
    st.session_state[UNDO] = []
    for key in ("yaml_pending", "yaml_bad_text", "conflict", "seen_head", "seen_latest", TOO_LARGE):
        st.session_state.pop(key, None)
    kept = workspace().unsaved.draft(_person_key(), pid) if who() is not None else None
    if kept is not None and kept.text != text:
        _bring_back(pid, kept.text, kept.base, version, text)
        notify("restored", f"Your unsaved changes from {kept.when()} are back.")
    bump()


def _bring_back(pid: str, kept: str, commit: str | None, latest: Any, latest_text: str) -> None:
    base, base_text_ = latest, latest_text
    if commit is not None and (latest is None or latest.commit != commit):
        try:
            base = workspace().version(pid, commit)
            base_text_ = workspace().text(pid, commit)
        except StoreError:  # a version no longer there (history rewritten), or unreadable: the latest
            base, base_text_ = latest, latest_text
    st.session_state[BASE] = base
    st.session_state[BASE_TEXT] = base_text_
    st.session_state[DRAFT] = kept
    if kept == base_text_:
        discard_kept()


def keep_on_server() -> None:
    """Keep the draft for the person (or forget it once it is saved or the same as its version)."""
    pid, person = pathway_id(), _person_key()
    if pid is None or not person:
        return
    store = workspace().unsaved
    if not unsaved():
        store.discard(person, pid)
        st.session_state.pop(TOO_LARGE, None)
        return
    started = base()
    st.session_state[TOO_LARGE] = not store.keep(
        person, pid, draft(), started.commit if isinstance(started, Version) else None
    )


def discard_kept() -> None:
    pid, person = pathway_id(), _person_key()
    if pid is not None and person:
        workspace().unsaved.discard(person, pid)


def discard() -> None:
    """Throw away the unsaved changes: the draft is its version again, and nothing is kept."""
    st.session_state[DRAFT] = base_text()
    st.session_state[UNDO] = []
    discard_kept()
    bump()
    notify("info", "Your unsaved changes are discarded.", at="save")


def rebase(version: Any, version_text: str, draft_text: str) -> None:
    """The draft now starts from a newer version (after a save, or after bringing others' work in)."""
    st.session_state[BASE] = version
    st.session_state[BASE_TEXT] = version_text
    set_draft(draft_text)
    keep_on_server()


def set_draft(text: str, from_table: bool = False) -> None:
    if text == draft():
        return
    undo = st.session_state.setdefault(UNDO, [])
    undo.append(draft())
    del undo[:-20]
    st.session_state[DRAFT] = text
    keep_on_server()
    if not from_table:
        bump()


def keep(edit: editing.Edit, from_table: bool = False) -> None:
    """Keep a validated edit in the draft and say what it did."""
    cache.remember(edit.text, edit.check)
    set_draft(edit.text, from_table)
    notify("success", edit.message)


def refuse(error: editing.EditError, at: str | None = None) -> None:
    """An edit that was not kept: say why (beside the control `at`, when given)."""
    notify("error", str(error), at)
    if at is None:  # from elsewhere: the tables start again from the draft
        bump()


def undo() -> None:
    history = st.session_state.get(UNDO) or []
    if history:
        st.session_state[DRAFT] = history.pop()
        keep_on_server()
        bump()
        notify("info", "Undid the last change.", at="save")


def current() -> FileCheck:
    return cache.check(draft())
