"""The shared copy, as the page shows it: where this server's sharing stands, in plain words.

The library's `Sharer` does all of it in a background thread (one per server, shared by every
session); this module starts it once and shows its state in a light fragment. Partners' versions
that come in move the workspace's head, which `live.announcements` already announces like a local
save; a save here nudges the sharer to send it at once.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from pathway_designer.sharing import Sharer, Standoff, settings_for
from pathway_designer.store import ENVIRONMENT, StoreError
from pathway_designer.workshop import drafts

from . import session
from .conflict_choices import conflict_choices
from .store import workspace
from .text import md

POLL_SECONDS = 3


@st.cache_resource(show_spinner=False)
def _sharer(folder: str) -> Sharer | str | None:
    """The running sharer, the reason it cannot run (in words), or None when not shared."""
    ws = workspace()
    try:
        settings = settings_for(ws.root, os.environ)
        return Sharer(ws, settings).start() if settings else None
    except StoreError as exc:  # bad settings, or no git here: said on the page, never a traceback
        return str(exc)


def sharer() -> Sharer | str | None:
    return _sharer(os.environ.get(ENVIRONMENT, ""))


def nudge() -> None:
    """Send what was just saved now, not at the next round."""
    running = sharer()
    if isinstance(running, Sharer):
        running.nudge()


def status() -> None:
    """Where sharing stands; nothing at all (no polling fragment either) on a server that does
    not share, so that it costs nothing there."""
    running = sharer()
    if running is None:
        return
    if isinstance(running, str):
        st.warning(f"Not shared: {md(running)}.")
        return
    _status(running)


@st.fragment(run_every=POLL_SECONDS)
def _status(running: Sharer) -> None:
    state = running.state()
    with st.container(key="sharing_status"):
        if state.ok:
            st.caption(f":material/cloud_done: {md(state.words())}" + _answered(state.answered))
        else:
            st.warning(md(state.words()))
            if state.detail:
                with st.expander("Details for whoever runs this server"):
                    st.code(state.detail, language=None)


def _answered(when: float | None) -> str:
    if when is None:
        return ""
    ago = max(0, int(time.time() - when))
    return f" Last in touch {ago} second{'s' if ago != 1 else ''} ago."


def standoff_panel(pid: str) -> None:
    """When this pathway's version here and the shared copy's changed the same things: both
    sides in words, and a choice for each, shown to whoever can edit here. Until then nothing
    is lost: both versions are kept, and this server's waits to be shared."""
    running = sharer()
    standoff = running.standoff(pid) if isinstance(running, Sharer) else None
    if standoff is None or not standoff.conflicts:
        return
    person = session.who()
    told = drafts.conflicts_in_words(standoff.conflicts, standoff.base, standoff.here, standoff.shared)
    with st.container(border=True, key="sharing_conflicts"):
        st.subheader("Choose what to keep")
        st.warning(
            "A partner's version in the shared copy and the version saved here changed some of the "
            "same things. For each one, keep the one saved here or take the shared copy's. "
            "Everything else either side changed is kept."
        )
        conflict_choices(
            told, "share-choice", ("Saved here", "In the shared copy", "Before either"),
            ("Keep the one saved here", "Take the shared copy's"),
            disabled=person is None or not person.can_edit,
        )
        if person is not None and person.can_edit:
            st.button("Share with these choices", key="share_settle", type="primary",
                      on_click=_settle, args=(standoff,))


def _settle(standoff: Standoff) -> None:
    running = sharer()
    if not isinstance(running, Sharer):
        return
    picks = [st.session_state.get(f"share-choice-{i}") for i in range(len(standoff.conflicts))]
    choices = drafts.choose(standoff.conflicts, picks)
    state = running.sync_now(choices={standoff.pathway: choices})
    if state.status == "shared":
        session.notify(
            "success", f"Shared. {drafts.kept_words(list(standoff.conflicts), choices)}"
        )
    else:
        session.notify("error", state.words())
