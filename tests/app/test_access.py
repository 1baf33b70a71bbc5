"""Access: where the app may listen, how people get in, and what they may do."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathway_designer.workshop import access
from pathway_designer.workshop.access import Access, AccessConfigError, Gate

OIDC = {"auth": {"redirect_uri": "https://w.example/oauth2callback", "cookie_secret": "s" * 32,
                 "client_id": "id", "client_secret": "x",
                 "server_metadata_url": "https://idp.example/.well-known/openid-configuration"}}
CODE = {"PATHWAY_ACCESS_CODE": "maple-otter-lantern"}


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1", "[::1]", "127.8.9.10"])
def test_loopback_addresses(address):
    assert access.is_loopback(address)


@pytest.mark.parametrize("address", ["0.0.0.0", "", None, "192.168.1.5", "::", "example.org"])
def test_network_addresses(address):
    assert not access.is_loopback(address)


def test_loopback_is_open_and_network_needs_protection():
    assert access.gate_for("127.0.0.1", {}, {}) is Gate.OPEN
    with pytest.raises(AccessConfigError, match="refusing to serve"):
        access.gate_for("0.0.0.0", {}, {})
    assert access.gate_for("0.0.0.0", {}, CODE) is Gate.CODE
    assert access.gate_for("0.0.0.0", OIDC, {}) is Gate.SIGN_IN
    assert access.gate_for("127.0.0.1", OIDC, {}) is Gate.SIGN_IN


def test_a_short_code_is_refused_on_a_network():
    with pytest.raises(AccessConfigError, match="too short"):
        access.gate_for("0.0.0.0", {}, {"PATHWAY_ACCESS_CODE": "1234"})


def test_incomplete_auth_section_is_not_sign_in():
    assert not access.oidc_configured({"auth": {"redirect_uri": "x"}})
    providers = {"auth": {"redirect_uri": "r", "cookie_secret": "c",
                          "google": {"client_id": "i", "server_metadata_url": "u"}}}
    assert access.oidc_configured(providers)


def test_codes_give_editor_or_viewer_access():
    env = {**CODE, "PATHWAY_VIEWER_CODE": "quiet-heron-meadow"}
    assert access.access_for_code("maple-otter-lantern", env) is Access.EDITOR
    assert access.access_for_code("quiet-heron-meadow", env) is Access.VIEWER
    assert access.access_for_code("maple-otter-lanterN", env) is None
    assert access.access_for_code("", {}) is None
    assert not access.code_matches("", "")


def test_code_comparison_uses_compare_digest(monkeypatch):
    calls = []
    real = access.hmac.compare_digest
    monkeypatch.setattr(access.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    access.access_for_code("guess", CODE)
    assert calls and all(len(a) == len(b) == 32 for a, b in calls)


def test_signed_in_editors_list():
    assert access.access_for_user("a@x.org", {}) is Access.EDITOR
    env = {"PATHWAY_EDITORS": "lead@icb.nhs.uk, @trust.nhs.uk"}
    assert access.access_for_user("Lead@ICB.nhs.uk", env) is Access.EDITOR
    assert access.access_for_user("nurse@trust.nhs.uk", env) is Access.EDITOR
    assert access.access_for_user("someone@gmail.com", env) is Access.VIEWER
    assert access.access_for_user(None, env) is Access.VIEWER


def test_identity_needs_name_organisation_and_a_known_part():
    who = access.make_identity("  Amina   Khan ", "Voluntary sector", "service-user")
    assert who.label() == "Amina Khan (Voluntary sector)" and who.can_edit
    with pytest.raises(access.IdentityError, match="your name"):
        access.make_identity(" ", "X", "carer")
    with pytest.raises(access.IdentityError, match="organisation"):
        access.make_identity("A", "", "carer")
    with pytest.raises(access.IdentityError, match="part"):
        access.make_identity("A", "B", "boss")
    assert not access.make_identity("A", "B", "carer", Access.VIEWER).can_edit


def test_secrets_files_are_read(tmp_path: Path):
    home, app = tmp_path / "home", tmp_path / "app"
    (app / ".streamlit").mkdir(parents=True)
    (app / ".streamlit" / "secrets.toml").write_text(
        '[auth]\nredirect_uri = "r"\ncookie_secret = "c"\nclient_id = "i"\n'
        'server_metadata_url = "u"\n', encoding="utf-8")
    assert access.oidc_configured(access.read_secrets(app, home))
    (app / ".streamlit" / "secrets.toml").write_text("[auth\n", encoding="utf-8")
    with pytest.raises(AccessConfigError, match="cannot read"):
        access.read_secrets(app, home)


@pytest.mark.parametrize("name", ["PATHWAY_ACCESS_CODE", "PATHWAY_VIEWER_CODE"])
@pytest.mark.parametrize(("code", "says"), [("view", "too short"), ("v", "too short"),
                                            ("elevenchars", "too short"), ("  elevenchars  ", "too short"),
                                            ("", "blank"), ("        ", "blank"), ("\t \n", "blank")])
def test_weak_codes_refuse_to_start_the_app(name, code, says):
    env = {**CODE, name: code}
    for address in ("0.0.0.0", "127.0.0.1"):  # refused on this computer too: it is not safe later
        with pytest.raises(AccessConfigError, match=f"{name} is .*{says}"):
            access.gate_for(address, {}, env)


def test_twelve_characters_are_enough_and_the_viewer_code_is_its_own():
    env = {"PATHWAY_ACCESS_CODE": "twelve chars", "PATHWAY_VIEWER_CODE": "another code"}
    assert access.gate_for("0.0.0.0", {}, env) is Gate.CODE
    with pytest.raises(AccessConfigError, match="the same"):
        access.gate_for("0.0.0.0", {}, {**CODE, "PATHWAY_VIEWER_CODE": CODE["PATHWAY_ACCESS_CODE"]})


@pytest.mark.parametrize("address", ["127.0.0.1 ", "[::1", "[127.0.0.1]", "not an address!"])
def test_a_malformed_address_is_refused_by_the_gate(address):
    with pytest.raises(AccessConfigError, match="address"):
        access.gate_for(address, {}, CODE)


def test_bracketed_ipv6_is_the_address_inside():
    assert access.listen_address("[::1]") == "::1"
    assert access.listen_address("[0:0:0:0:0:0:0:1]") == "::1"
    assert access.listen_address("") == ""  # all interfaces, to Streamlit
