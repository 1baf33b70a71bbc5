"""Getting in: the access gate (open, sign-in or workshop code) and saying who you are."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from pathway_designer.store import StoreError
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
from pathway_designer.workshop.signin import known_organisation, login_claims, signed_in_identity

from . import ahead, session
from .choices import named
from .store import workspace
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


def _signed_in() -> dict[str, Any] | None:
    """The sign-in's claims when the person signed in with OpenID Connect, else None."""
    if not st.user.get("is_logged_in"):
        return None
    return dict(st.user.to_dict())


def introduce(access: Access, organisations: Callable[[], list[str]]) -> None:
    """Ask people who they are on their first visit; stops until they have said."""
    if session.who() is not None:
        return
    user = _signed_in()
    if user is not None:
        _introduce_signed_in(user, access, organisations)
        return
    st.title("Welcome to the pathway workshop")
    st.write(
        "Before you start, please say who you are. Everyone sees who made each change and "
        "why, and the workshop pack thanks everyone who took part."
    )
    with st.form("identity_form"):
        st.text_input("Your name", key="me_name")
        _organisation_fields(organisations)
        _role_field()
        submitted = st.form_submit_button("Start", key="identity_submit", type="primary")
    if submitted:
        s = st.session_state
        try:
            st.session_state[session.WHO] = make_identity(s.me_name, _chosen(), s.me_role, access)
        except IdentityError as exc:
            st.error(md(exc))
            st.stop()
        st.rerun()
    if access is Access.VIEWER:
        st.caption("You can look at the pathways and comment; editing needs an editor's code.")
    ahead.fetch_code_ahead()
    st.stop()


def _organisation_fields(organisations: Callable[[], list[str]]) -> None:
    st.selectbox(
        "Your organisation",
        [*organisations(), OTHER_ORG],
        key="me_org_choice",
        index=None,
        placeholder="Choose your organisation",
        format_func=lambda o: "Another organisation (type it below)" if o == OTHER_ORG else o,
    )
    st.text_input(
        "Another organisation", key="me_org_other", placeholder="Only if yours is not in the list above"
    )


def _role_field() -> None:
    roles = list(PARTICIPANT_ROLES)
    st.radio("Your part in the workshop", roles, key="me_role", format_func=named(PARTICIPANT_ROLES))


def _chosen() -> str:
    s = st.session_state
    picked = s.get("me_org_choice") if s.get("me_org_choice") != OTHER_ORG else None
    return (s.get("me_org_other") or "").strip() or picked or ""


def _introduce_signed_in(
    user: dict[str, Any], access: Access, organisations: Callable[[], list[str]]
) -> None:
    """Who a signed-in person is comes from the sign-in: name and email as it says, the organisation
    as configured or as they choose once (recorded, so it cannot change next time)."""
    st.title("Welcome to the pathway workshop")
    try:
        name, email = login_claims(user)
        known = known_organisation(email, _secrets(), workspace().memberships)
    except (IdentityError, StoreError, OSError, ValueError) as exc:
        st.error(md(exc))
        st.stop()
    who = f"{md(name)} ({md(email)})" if email else md(name)
    st.write(f"You are signed in as **{who}**.")
    with st.form("identity_form"):
        if known:
            st.markdown(f"Your organisation: **{md(known)}**")
        else:
            _organisation_fields(organisations)
            st.caption(
                "You choose your organisation once: it is recorded with your sign-in, and your "
                "sign-offs are for it. Ask the facilitator if it needs to change."
            )
        _role_field()
        submitted = st.form_submit_button("Start", key="identity_submit", type="primary")
    if submitted:
        try:
            person = signed_in_identity(
                user, _secrets(), workspace().memberships, st.session_state.me_role, access, _chosen()
            )
        except (IdentityError, StoreError, OSError, ValueError) as exc:
            st.error(md(exc))
            st.stop()
        st.session_state[session.WHO] = person
        st.rerun()
    ahead.fetch_code_ahead()
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
        if person.signed_in:  # who they are is the sign-in's: signing out is the way to change it
            st.button("Sign out", key="sign_out", on_click=st.logout)
        elif st.button("Not you? Change", key="change_identity"):
            st.session_state.pop(session.WHO, None)
            st.rerun()
