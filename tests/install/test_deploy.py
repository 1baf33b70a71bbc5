"""The Dockerfile and the systemd unit an organisation's IT team runs the app with, read as their
tools read them (no container runtime or systemd here, so they are checked, not run)."""

from __future__ import annotations

import configparser
import json
import shlex
from pathlib import PurePosixPath

import pytest
from install_helpers import ROOT

from pathway_designer.store.workspace import DEFAULT_FOLDER
from pathway_designer.workshop.access import AccessConfigError, gate_for

Instruction = tuple[str, str]


def dockerfile_instructions(text: str) -> list[Instruction]:
    """(INSTRUCTION, arguments) in order: comments dropped, continued lines joined."""
    instructions: list[Instruction] = []
    current = ""
    for line in text.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if current and line.lstrip().startswith("#"):
            continue  # a comment inside a continued instruction
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1].strip() + " "
            continue
        current += line.strip()
        keyword, _, arguments = current.strip().partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    return instructions


@pytest.fixture(scope="module")
def docker() -> list[Instruction]:
    return dockerfile_instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))


def arguments(instructions: list[Instruction], keyword: str) -> list[str]:
    return [args for key, args in instructions if key == keyword]


def environment(instructions: list[Instruction]) -> dict[str, str]:
    values: dict[str, str] = {}
    for args in arguments(instructions, "ENV"):
        for pair in shlex.split(args):
            name, _, value = pair.partition("=")
            values[name] = value
    return values


def test_the_parser_joins_continued_lines_and_skips_comments() -> None:
    text = "# c\nFROM x\nRUN a \\\n  # inside\n  && b\nCMD [\"y\"]\n"
    assert dockerfile_instructions(text) == [("FROM", "x"), ("RUN", "a && b"), ("CMD", '["y"]')]


def test_python_slim_with_debian_graphviz(docker: list[Instruction]) -> None:
    assert docker[0][0] == "FROM" and docker[0][1].startswith("python:3.12-slim")
    assert any("apt-get install" in run and "graphviz" in run.split() for run in arguments(docker, "RUN"))


def test_installs_the_wheel_with_the_app_extra(docker: list[Instruction]) -> None:
    installs = [run for run in arguments(docker, "RUN") if "pip install" in run]
    assert len(installs) == 1
    assert ".whl" in installs[0] and '[app]"' in installs[0]
    copied = " ".join(arguments(docker, "COPY"))
    assert "dist/*.whl" in copied


def test_runs_as_a_user_that_is_not_root(docker: list[Instruction]) -> None:
    users = arguments(docker, "USER")
    assert users and users[-1] not in {"root", "0"}
    last_user = max(i for i, (key, _) in enumerate(docker) if key == "USER")
    assert all(key != "RUN" for key, _ in docker[last_user:]), "nothing runs as root after USER"
    assert any("useradd" in run and users[-1] in run.split() for run in arguments(docker, "RUN"))


def test_the_workspace_is_on_a_volume(docker: list[Instruction]) -> None:
    # The app's default workspace, ./workspace, is created on first start; a PATHWAY_WORKSPACE
    # would have to be a workspace already, so the image must not set one.
    assert "PATHWAY_WORKSPACE" not in environment(docker)
    workspace = PurePosixPath(arguments(docker, "WORKDIR")[-1]) / DEFAULT_FOLDER
    volumes = [PurePosixPath(v) for args in arguments(docker, "VOLUME") for v in json.loads(args)]
    assert any(workspace.is_relative_to(v) and workspace != v for v in volumes)


def test_runs_the_app_on_the_network_port_it_exposes_and_requires_sign_in(
    docker: list[Instruction],
) -> None:
    command = json.loads(arguments(docker, "CMD")[-1])
    assert command[:2] == ["pathway-designer", "app"] and "--headless" in command
    port = command[command.index("--port") + 1]
    assert arguments(docker, "EXPOSE") == [port]
    address = command[command.index("--address") + 1]
    # With the image's own environment (no secrets, no code) the app refuses to start: whoever runs
    # it must configure sign-in or a workshop code.
    with pytest.raises(AccessConfigError):
        gate_for(address, {}, environment(docker))


@pytest.fixture(scope="module")
def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys keep their case
    parser.read_string((ROOT / "deploy" / "pathway-designer.service").read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_the_app_as_its_own_user(unit: configparser.ConfigParser) -> None:
    service = unit["Service"]
    command = shlex.split(service["ExecStart"])
    assert command[0].startswith("/") and command[0].endswith("/pathway-designer")
    assert command[1] == "app" and "--headless" in command
    with pytest.raises(AccessConfigError):  # a network address: sign-in or a code is required
        gate_for(command[command.index("--address") + 1], {}, {})
    assert service["User"] not in {"root", "0"}


def test_the_unit_keeps_the_workspace_in_its_state_directory(unit: configparser.ConfigParser) -> None:
    service = unit["Service"]
    state = f"/var/lib/{service['StateDirectory']}"
    settings = dict(pair.partition("=")[::2] for pair in shlex.split(service["Environment"]))
    assert "PATHWAY_WORKSPACE" not in settings  # the default ./workspace, created on first start
    assert service["WorkingDirectory"] == state and settings["HOME"] == state  # secrets live here


def test_the_unit_restarts_and_is_hardened(unit: configparser.ConfigParser) -> None:
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert service["NoNewPrivileges"] == "true"
    assert service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == "true"
    assert unit["Install"]["WantedBy"] == "multi-user.target"
