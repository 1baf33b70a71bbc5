"""`pathway-designer app`: refuses unprotected network addresses; builds the streamlit command."""

from __future__ import annotations

import pytest

from pathway_designer.cli import app_command
from pathway_designer.cli.main import main


def test_refuses_a_network_address_without_protection(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHWAY_ACCESS_CODE", raising=False)
    monkeypatch.setattr(app_command, "read_secrets", lambda _: {})
    called = []
    monkeypatch.setattr(app_command, "run_child", lambda *a, **k: called.append(a) or 0)
    assert main(["app", "--address", "0.0.0.0"]) == 2
    assert "refusing to serve" in capsys.readouterr().err
    assert not called


def test_starts_streamlit_with_the_workspace(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATHWAY_ACCESS_CODE", "maple-otter-lantern")
    monkeypatch.setattr(app_command, "read_secrets", lambda _: {})
    seen = {}

    def fake_run(command, env):
        seen.update(command=command, env=env)
        return 0

    monkeypatch.setattr(app_command, "run_child", fake_run)
    assert main(["app", "--workspace", "ws", "--port", "8777", "--address", "0.0.0.0",
                 "--headless"]) == 0
    command = seen["command"]
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("app.py")
    assert command[command.index("--server.port") + 1] == "8777"
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert "--server.headless" in command
    assert seen["env"]["PATHWAY_WORKSPACE"] == str(tmp_path / "ws")


@pytest.mark.parametrize("port", ["0", "70000"])
def test_bad_port(port, capsys):
    assert main(["app", "--port", port]) == 2
    assert "not a port number" in capsys.readouterr().err


def test_stopping_the_command_stops_streamlit(tmp_path):
    """SIGTERM to `pathway-designer app` terminates its child (here a stand-in that sleeps)."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import sys, time\n"
        "from pathway_designer.cli.app_command import run_child\n"
        "sys.exit(run_child([sys.executable, '-c', 'import time; time.sleep(60)'], {}))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    time.sleep(1.5)
    parent.send_signal(signal.SIGTERM)
    assert parent.wait(timeout=20) != 0  # the child was terminated, and said so


@pytest.mark.parametrize("address", ["127.0.0.1 ", " 0.0.0.0", "127.0.0.1\t", "local host", "[127.0.0.1]",
                                     "http://127.0.0.1", "300.1.1.1", "[::1"])
def test_a_malformed_address_is_refused_before_streamlit_starts(monkeypatch, tmp_path, capsys, address):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(app_command, "read_secrets", lambda _: {})
    called = []
    monkeypatch.setattr(app_command, "run_child", lambda *a, **k: called.append(a) or 0)
    assert main(["app", "--address", address]) == 2
    err = capsys.readouterr().err
    assert "--address" in err and "Traceback" not in err
    assert not called


@pytest.mark.parametrize(("address", "given"), [("[::1]", "::1"), ("::1", "::1"), ("127.0.0.1", "127.0.0.1"),
                                                ("localhost", "localhost")])
def test_loopback_addresses_reach_streamlit_as_it_takes_them(monkeypatch, tmp_path, address, given):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHWAY_ACCESS_CODE", raising=False)
    monkeypatch.setattr(app_command, "read_secrets", lambda _: {})
    seen = []
    monkeypatch.setattr(app_command, "run_child", lambda command, env: seen.append(command) or 0)
    assert main(["app", "--address", address]) == 0
    assert seen[0][seen[0].index("--server.address") + 1] == given
