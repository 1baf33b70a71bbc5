"""Getting in: the access gate (open, sign-in or workshop code) and saying who you are."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from pathway_designer.workshop.access import (
    PARTICIPANT_ROLES,
    Access,
    AccessConfigError,
    Gate,
    IdentityError,
    access_for_code,
    access_for_user,
    gate_for,
    make_identity,
)
from pathway_designer.workshop.attempts import Attempts

from . import session
from .choices import named
from .text import md

ACCESS = "access"
OTHER_ORG = "__other__"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file: Streamlit raises its own error types here
        return {}


def admit() -> Access:
    """The access this session has; shows the sign-in or code form and stops until it has one."""
    granted: Access | None = st.session_state.get(ACCESS)
    if granted is not None:
        return granted
    try:
        gate = gate_for(st.get_option("server.address"), _secrets(), os.environ)
    except AccessConfigError as exc:
        st.error(f"The workshop app is not protected, so it will not open: {md(exc)}")
        st.stop()
    if gate is Gate.OPEN:
        st.session_state[ACCESS] = Access.EDITOR
        return Access.EDITOR
    if gate is Gate.SIGN_IN:
        if not st.user.get("is_logged_in"):
            st.title("Pathway workshop")
            st.write("Please sign in with your organisation's account to join the workshop.")
            st.button("Sign in", key="sign_in", on_click=st.login, type="primary")
            st.stop()
        access = access_for_user(str(st.user.get("email") or ""))
        st.session_state[ACCESS] = access
        return access
    st.title("Pathway workshop")
    with st.form("code_form"):
        st.write("Enter the workshop code the facilitator gave you.")
        code = st.text_input("Workshop code", type="password", key="access_code")
        submitted = st.form_submit_button("Join the workshop", key="code_submit", type="primary")
    if submitted:
        client = _client()
        wait = attempts().wait(client)
        if wait > 0:  # refused before the code is even looked at
            st.error(
                f"Too many wrong codes: wait {math.ceil(wait)} seconds, then try again. "
                "Check the code with the facilitator."
            )
            st.stop()
        admitted = access_for_code(code or "")
        if admitted is not None:
            attempts().succeeded(client)
            st.session_state[ACCESS] = admitted
            st.session_state.pop("access_code", None)
            st.rerun()
        attempts().failed(client)
        st.error("That code is not right. Check it with the facilitator.")
    st.stop()


@st.cache_resource(show_spinner=False)
def attempts() -> Attempts:
    """Wrong codes, counted across every session of this server."""
    return Attempts()


def _client() -> str:
    """Who is trying: the address the websocket comes from (a new tab is the same client; behind a
    proxy everyone is one client), or the session when it is not known (AppTest).

    `st.context.ip_address` hides the loopback addresses, so the session's client is asked."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return "unknown"
    client = runtime.get_instance().get_client(ctx.session_id) if runtime.exists() else None
    remote = getattr(getattr(client, "client_context", None), "remote_ip", None)
    return str(remote) if remote else f"session {ctx.session_id}"


def introduce(access: Access, organisations: Callable[[], list[str]]) -> None:
    """Ask people who they are on their first visit; stops until they have said."""
    if session.who() is not None:
        return
    st.title("Welcome to the pathway workshop")
    st.write(
        "Before you start, please say who you are. Everyone sees who made each change and "
        "why, and the workshop pack thanks everyone who took part."
    )
    default_name = str(st.user.get("name") or "") if st.user.get("is_logged_in") else ""
    with st.form("identity_form"):
        st.text_input("Your name", value=default_name, key="me_name")
        options = [*organisations(), OTHER_ORG]
        st.selectbox(
            "Your organisation",
            options,
            key="me_org_choice",
            index=None,
            placeholder="Choose your organisation",
            format_func=lambda o: "Another organisation (type it below)" if o == OTHER_ORG else o,
        )
        st.text_input(
            "Another organisation", key="me_org_other", placeholder="Only if yours is not in the list above"
        )
        st.radio(
            "Your part in the workshop",
            list(PARTICIPANT_ROLES),
            key="me_role",
            format_func=named(PARTICIPANT_ROLES),
        )
        submitted = st.form_submit_button("Start", key="identity_submit", type="primary")
    if submitted:
        s = st.session_state
        chosen = s.me_org_choice if s.me_org_choice != OTHER_ORG else None
        organisation = (s.me_org_other or "").strip() or chosen
        try:
            st.session_state[session.WHO] = make_identity(s.me_name, organisation or "", s.me_role, access)
        except IdentityError as exc:
            st.error(md(exc))
            st.stop()
        st.rerun()
    if access is Access.VIEWER:
        st.caption("You can look at the pathways and comment; editing needs an editor's code.")
    st.stop()


def badge() -> None:
    """Who you are, in the sidebar, with a way to change it."""
    person = session.who()
    if person is None:
        return
    with st.sidebar:
        st.markdown(
            f"**You:** {md(person.name)}  \n{md(person.organisation)} · "
            f"{PARTICIPANT_ROLES.get(person.role, person.role).split(' (')[0]}"
            + ("" if person.can_edit else "  \n*Viewing and commenting*")
        )
        if st.button("Not you? Change", key="change_identity"):
            st.session_state.pop(session.WHO, None)
            st.rerun()
