"""Signing in with OpenID Connect: the app takes name and email from the login, the organisation
from the configured mapping or from a choice made once and recorded; sign-offs say who as the login
says, and nobody can pick another organisation next time."""

from __future__ import annotations

from pathlib import Path

from app_driving import APP, open_tab, texts
from streamlit.testing.v1 import AppTest

from pathway_designer.store import Workspace

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-cookie-secret-for-tests",
    "client_id": "workshop",
    "client_secret": "secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}


def _signed_in(name: str, email: str, organisations: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH
    if organisations:
        at.secrets["organisations"] = organisations
    at.user = {"is_logged_in": True, "name": name, "email": email}
    at.query_params["pathway"] = "falls"
    at.run()
    assert not at.exception, at.exception
    return at


def _start(at: AppTest, role: str, organisation: str | None = None) -> AppTest:
    if organisation is not None:
        at.selectbox(key="me_org_choice").set_value(organisation)
    at.radio(key="me_role").set_value(role)
    at.button(key="identity_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_the_mapping_sets_the_organisation_and_the_sign_off_keeps_the_email(workspace: Path):
    mapping = {"@icb.nhs.uk": "North Integrated Care Board"}
    at = _signed_in("Sam Lee", "sam@icb.nhs.uk", mapping)
    assert "You are signed in as **Sam Lee (sam@icb.nhs.uk)**" in texts(at)
    assert "Your organisation: **North Integrated Care Board**" in texts(at)
    assert not [s for s in at.selectbox if s.key == "me_org_choice"]  # nothing to choose
    assert not [t for t in at.text_input if t.key == "me_name"]  # the name is the login's
    _start(at, "commissioner")
    who = at.session_state["pd_who"]
    assert (who.name, who.email, who.organisation, who.signed_in) == (
        "Sam Lee", "sam@icb.nhs.uk", "North Integrated Care Board", True
    )
    assert "sign_out" in {b.key for b in at.sidebar.button}
    assert "change_identity" not in {b.key for b in at.sidebar.button}
    open_tab(at, "Sign-off")
    at.button(key="signoff_submit").click().run()
    (s,) = Workspace(workspace).pathway("falls").signoffs
    assert (s.organisation, s.name, s.email) == ("icb", "Sam Lee", "sam@icb.nhs.uk")


def test_an_organisation_chosen_once_holds_next_time(workspace: Path):
    first = _start(_signed_in("Pat Jones", "pat@example.org"), "provider", "Community Health Trust")
    assert "once" in texts(_signed_in("X", "x@example.org"))  # the choice is said to be for good
    assert first.session_state["pd_who"].organisation == "Community Health Trust"
    later = _signed_in("Pat Jones", "PAT@example.org")  # a new session, another day
    assert "Your organisation: **Community Health Trust**" in texts(later)
    assert not [s for s in later.selectbox if s.key == "me_org_choice"]
    _start(later, "provider")
    assert later.session_state["pd_who"].organisation == "Community Health Trust"
    # recorded in git's folder, never committed
    assert not [p for p in workspace.rglob("*.json") if ".git" not in p.parts and "organisations" in str(p)]
    assert list((workspace / ".git").rglob("organisations/*.json"))
