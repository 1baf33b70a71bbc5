"""Leaving with unsaved changes says so.

The draft is kept on the server for the person all along (`session`), so nothing is lost; but a
person closing the tab, reloading or typing another address with changes not yet saved as a version
is asked first, by the browser's own "Leave site?" question, and "← All pathways" says beside it
that the changes are kept for them.

The script runs in the page (not an iframe), and installs one `beforeunload` listener per page; each
run only sets whether there is something unsaved, so the question is asked exactly while there is.
"""

from __future__ import annotations

import streamlit as st

from . import session

_GUARD = """<script>(() => {
  window.__pdUnsaved = %s;
  if (!window.__pdLeaving) {
    window.__pdLeaving = (event) => {
      if (!window.__pdUnsaved) return;
      event.preventDefault();
      event.returnValue = '';  // the browser says it in its own words
    };
    window.addEventListener('beforeunload', window.__pdLeaving);
  }
})();</script>"""


def guard(unsaved: bool) -> None:
    """Ask before the page is left while `unsaved` (and stop asking once it is not)."""
    st.html(_GUARD % ("true" if unsaved else "false"), unsafe_allow_javascript=True, width="content")


def back_note() -> None:
    """Beside "← All pathways": what happens to the unsaved changes when the person goes."""
    if session.unsaved() and session.who() is not None:
        st.caption("Your unsaved changes are kept for you when you go to all pathways.")
