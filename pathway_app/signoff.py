"""Sign-off: the lifecycle (draft → in review → agreed → live → retired) and the joint sign-off by
commissioner and providers; stale sign-offs (the content changed since) are shown."""

from __future__ import annotations

import streamlit as st

from pathway_designer import dump, fingerprint
from pathway_designer.model import Status
from pathway_designer.partnership.signoff import SignoffError, change_status, sign_off
from pathway_designer.words import ROLE_WORDS, STATUS_WORDS

from . import live, session
from .choices import named


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
        "A pathway can be Agreed or Live only when a commissioner and a provider have "
        "signed off its current content. Any change after that makes their sign-off stale."
    )
    current = fingerprint(pathway)
    names = {o.id: o.name for o in pathway.organisations}
    roles = {o.id: ROLE_WORDS.get(o.role.value, o.role.value) for o in pathway.organisations}
    if pathway.signoffs:
        st.dataframe(
            {
                "Organisation": [names.get(s.organisation, s.organisation) for s in pathway.signoffs],
                "Part": [roles.get(s.organisation, "") for s in pathway.signoffs],
                "Signed by": [s.name for s in pathway.signoffs],
                "Role": [s.role or "" for s in pathway.signoffs],
                "Date": [s.date.isoformat() for s in pathway.signoffs],
                "Still holds?": [
                    "Yes" if s.fingerprint == current else "No: the pathway changed since; sign again"
                    for s in pathway.signoffs
                ],
            },
            hide_index=True,
            key="signoff_table",
            width="stretch",
        )
    else:
        st.caption("No sign-offs yet.")
    if not session.can_edit():
        st.caption("Signing off and changing the status need editor access.")
        return
    if session.unsaved():
        st.info("Save your changes first, so that everyone signs the same saved content.")
        return
    person = session.who()
    assert person is not None
    mine = next(
        (o.id for o in pathway.organisations if o.name.casefold() == person.organisation.casefold()), None
    )
    left, right = st.columns(2)
    with left, st.form("signoff_form"):
        st.markdown("**Sign off this version**")
        ids = list(names)
        st.selectbox(
            "For",
            ids,
            format_func=named(names),
            key="signoff_org",
            index=ids.index(mine) if mine in ids else 0,
        )
        st.text_input("Your name", value=person.name, key="signoff_name")
        st.text_input("Your role (optional)", key="signoff_role", placeholder="e.g. Head of commissioning")
        st.form_submit_button("Sign off", key="signoff_submit", type="primary", on_click=_sign)
    with right, st.form("status_form"):
        st.markdown("**Change the status**")
        st.selectbox("New status", steps, format_func=named(STATUS_WORDS), key="status_new", index=now)
        st.text_input("Why?", key="status_why", placeholder="e.g. Agreed at the joint board, 3 March")
        st.form_submit_button("Change the status", key="status_submit", on_click=_status)


def _save(text: str, why: str) -> None:
    st.session_state["save_why"] = why
    session.set_draft(text)
    live.save_now()


def _sign() -> None:
    s = st.session_state
    pathway = session.current().pathway
    if pathway is None:
        return
    try:
        signed = sign_off(pathway, s.signoff_org, s.signoff_name, s.signoff_role or None)
    except SignoffError as exc:
        session.notify("error", str(exc))
        return
    org = pathway.organisation(s.signoff_org)
    _save(dump(signed), f"Sign-off by {s.signoff_name.strip()} for {org.name if org else s.signoff_org}")


def _status() -> None:
    s = st.session_state
    pathway = session.current().pathway
    if pathway is None or s.status_new == pathway.status.value:
        return
    if not (s.status_why or "").strip():
        session.notify("error", "Please say why the status changes.")
        return
    try:
        changed = change_status(pathway, Status(s.status_new))
    except SignoffError as exc:
        session.notify("error", str(exc))
        return
    _save(
        dump(changed),
        f"Status {STATUS_WORDS[pathway.status.value]} → {STATUS_WORDS[s.status_new]}: {s.status_why.strip()}",
    )
