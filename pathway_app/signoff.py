"""Sign-off: the lifecycle (draft → in review → agreed → live → retired) and the joint sign-off by
commissioner and providers, with no dead ends.

A person signs only for their own organisation, as they said who they are (or as their sign-in
says); there is no "for whom" choice. An agreed or live pathway is changed by starting a revision
(one click, with a reason): it goes back to review, and the partners who had signed must sign again.
A retired pathway stays readable, but is not changed. The rules are the library's
(`workshop.lifecycle`, `workshop.signing`); this module lays them out and saves what they return.
"""

from __future__ import annotations

import streamlit as st

from pathway_designer import dump, fingerprint
from pathway_designer.checks.saving import blocking_findings
from pathway_designer.finding import Severity
from pathway_designer.model import Pathway, Status
from pathway_designer.partnership.signoff import SignoffError, missing_signatories
from pathway_designer.store import StoreError, Version
from pathway_designer.words import REVISION_WORDS, ROLE_WORDS, STATUS_WORDS
from pathway_designer.workshop import lifecycle, signing

from . import cache, session
from .store import workspace
from .text import md

ERROR = "signoff_error"  # (where, message): shown beside the form that caused it
RETIRED_NOTE = (
    "This pathway is retired: you can read it, see its history, export it and print its pack, "
    "but it is not changed any more. To build on it, start a new pathway from it."
)


def panel() -> None:
    pathway = session.current().pathway
    if pathway is None:
        st.caption("Sign-off is available when the pathway can be read.")
        return
    steps = list(STATUS_WORDS)
    now = steps.index(pathway.status.value)
    st.markdown(
        " → ".join(
            f"**:blue[{STATUS_WORDS[s]}]**" if i == now else STATUS_WORDS[s] for i, s in enumerate(steps)
        )
    )
    st.caption(
        "A pathway can be Agreed or Live only when a commissioner and a provider, two different "
        "people, have signed off its current content. Any change after that makes their sign-off "
        "stale; to change an agreed pathway, start a revision."
    )
    _table(pathway)
    if not lifecycle.editable(_saved() or pathway):
        st.info(RETIRED_NOTE)
        return
    if not session.can_edit():
        st.caption("Signing off and changing the status need editor access.")
        return
    if session.unsaved():
        if lifecycle.can_revise(_saved() or pathway):
            revision_box("signoff")
        else:
            st.info("Save your changes first, so that everyone signs the same saved content.")
        return
    left, right = st.columns(2)
    with left:
        _sign_form(pathway)
    with right:
        if lifecycle.can_revise(pathway):
            revision_box("signoff")
        _status_form(pathway)


def _table(pathway: Pathway) -> None:
    current = fingerprint(pathway)
    names = {o.id: o.name for o in pathway.organisations}
    roles = {o.id: ROLE_WORDS.get(o.role.value, o.role.value) for o in pathway.organisations}
    if pathway.signoffs:
        columns = {
            "Organisation": [names.get(s.organisation, s.organisation) for s in pathway.signoffs],
            "Part": [roles.get(s.organisation, "") for s in pathway.signoffs],
            "Signed by": [s.name for s in pathway.signoffs],
            "Email": [s.email or "" for s in pathway.signoffs],
            "Role": [s.role or "" for s in pathway.signoffs],
            "Date": [s.date.isoformat() for s in pathway.signoffs],
            "Still holds?": [
                "Yes" if s.fingerprint == current else "No: the pathway changed since; sign again"
                for s in pathway.signoffs
            ],
        }
        if not any(columns["Email"]):  # only sign-ins give one
            del columns["Email"]
        st.dataframe(
            columns,
            hide_index=True,
            key="signoff_table",
            width="stretch",
        )
    else:
        st.caption("No sign-offs yet.")
    missing = missing_signatories(pathway, current_only=True)
    if missing and pathway.status is not Status.RETIRED:
        st.caption(f"Still needed: a sign-off of this content from {md(' and from '.join(missing))}.")


def _saved() -> Pathway | None:
    """The saved version the person's draft started from (what a revision or a move changes)."""
    text = session.base_text()
    return cache.check(text).pathway if text else None


def _error(where: str) -> None:
    found = st.session_state.get(ERROR)
    if found and found[0] == where:
        st.error(md(found[1]), icon=":material/block:")


def _fail(where: str, message: str) -> None:
    st.session_state[ERROR] = (where, message)


def _sign_form(pathway: Pathway) -> None:
    person = session.who()
    assert person is not None
    own = signing.own_organisation(pathway, person)
    with st.container(border=True):
        st.markdown("**Sign off this version**")
        if own is None:
            st.caption(md(signing.not_a_partner(pathway, person)))
            return
        with st.form("signoff_form", border=False):
            st.markdown(f"For **{md(own.name)}**, as **{md(person.name)}**")
            st.text_input(
                "Your role (optional)", key="signoff_role", placeholder="e.g. Head of commissioning"
            )
            st.form_submit_button("Sign off", key="signoff_submit", type="primary", on_click=_sign)
        _error("sign")


def _status_form(pathway: Pathway) -> None:
    options = [s.value for s in lifecycle.moves(pathway) if not lifecycle.is_revision(pathway.status, s)]
    if not options:
        return
    with st.container(border=True), st.form("status_form", border=False):
        st.markdown("**Change the status**")
        st.selectbox(
            "What next?",
            options,
            key="status_new",
            format_func=lambda s: lifecycle.move_words(pathway.status, Status(s)),
        )
        st.text_input("Why?", key="status_why", placeholder="e.g. Agreed at the joint board, 3 March")
        st.form_submit_button("Change the status", key="status_submit", on_click=_status)
        _error("status")


def revision_box(where: str) -> None:
    """The way to change an agreed or live pathway: one click, with a reason."""
    saved = _saved() or session.current().pathway
    if saved is None or not lifecycle.can_revise(saved):
        return
    with st.container(border=True), st.form(f"revision_form_{where}", border=False):
        st.markdown(f"**{md(lifecycle.revision_offer(saved))}**")
        if session.unsaved():
            st.caption("Your unsaved changes are kept: save them once the revision has started.")
        st.text_input(
            "Why revise it?",
            key=f"revision_why_{where}",
            placeholder="e.g. A new falls clinic opens in March",
        )
        st.form_submit_button(
            REVISION_WORDS,
            key=f"revision_submit_{where}",
            type="primary",
            on_click=start_revision,
            args=(where,),
        )
        _error(f"revision_{where}")


def blocked_save(pathway: Pathway | None) -> bool:
    """In the save box: True when this pathway is not saved the usual way (a retired one, or an
    agreed or live one whose changes need a revision first), having said so and offered what to do."""
    saved = _saved() or pathway
    if saved is None:
        return False
    if not lifecycle.editable(saved):
        st.caption(RETIRED_NOTE)
        return True
    if lifecycle.can_revise(saved) and session.unsaved():
        check = session.current()
        if check.pathway is not None and not blocking_findings(check.pathway, check.findings):
            return False  # a change that keeps the agreement (say, agreed to live) saves as usual
        revision_box("save")
        return True
    return False


def start_revision(where: str) -> None:
    s = st.session_state
    s.pop(ERROR, None)
    saved = _saved()
    person = session.who()
    if saved is None or person is None:
        return
    try:
        moved = lifecycle.move(saved, Status.IN_REVIEW, s.get(f"revision_why_{where}"))
    except SignoffError as exc:
        _fail(f"revision_{where}", str(exc))
        return
    kept = session.draft() if session.unsaved() else None
    mine = session.current().pathway if kept is not None else None
    if not _record(dump(moved.pathway), moved.rationale, f"revision_{where}"):
        return
    s[f"revision_why_{where}"] = ""
    if mine is not None and lifecycle.can_revise(mine):  # the person's edits, now on a pathway in review
        session.set_draft(dump(lifecycle.move(mine, Status.IN_REVIEW, "kept").pathway))
    elif kept is not None:  # edits that cannot be read yet (or already change the status): as typed
        session.set_draft(kept)
    who = ", ".join(moved.sign_again)
    session.notify(
        "success", f"The revision has started: the pathway is in review again. To sign again: {who}."
    )


def _record(text: str, rationale: str, where: str) -> bool:
    """Save `text` (a move of the saved version) as a new version; the draft follows it."""
    person = session.who()
    assert person is not None
    base = session.base()
    try:
        result = workspace().save(
            text,
            author=person.name,
            organisation=person.organisation,
            rationale=rationale,
            base=base.commit if isinstance(base, Version) else None,
            email=person.email or "",  # a signed-in person's versions say who, as the login does
        )
    except StoreError as exc:
        _fail(where, f"Not saved: {exc}")
        return False
    version = result.version or result.latest
    if result.status not in ("saved", "merged", "unchanged") or version is None or result.text is None:
        # the store's message names the file and its status field: say what must be fixed instead
        problems = " ".join(f.message for f in result.findings if f.severity is Severity.ERROR)
        _fail(where, f"Not saved: first fix what must be fixed (see Findings). {problems}"
              if problems else f"Not saved: {result.message}")
        return False
    session.rebase(version, result.text, result.text)
    session.notify("success", f"Saved {version.label}: {rationale}")
    return True


def _sign() -> None:
    s = st.session_state
    s.pop(ERROR, None)
    pathway = session.current().pathway
    person = session.who()
    if pathway is None or person is None:
        return
    try:
        signed = signing.sign_as(pathway, person, s.signoff_role or None)
    except SignoffError as exc:
        _fail("sign", str(exc))
        return
    own = signing.own_organisation(pathway, person)
    why = f"Sign-off by {person.name} for {own.name if own else person.organisation}"
    if _record(dump(signed), why, "sign"):
        s.signoff_role = ""


def _status() -> None:
    s = st.session_state
    s.pop(ERROR, None)
    pathway = session.current().pathway
    if pathway is None:
        return
    try:
        moved = lifecycle.move(pathway, s.status_new, s.status_why)
    except SignoffError as exc:
        _fail("status", str(exc))
        return
    if _record(dump(moved.pathway), moved.rationale, "status"):
        s.status_why = ""
