"""The scripted localisation of issue 15: a national base, a rural adaptation of it, and then the
national pathway changing, in real git repositories under pytest's `tmp_path`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pathway_designer.cli.main import main
from pathway_designer.store import Author, Workspace

NATIONAL = """\
format: 1
id: crisis-national
title: Adult crisis pathway (national)
status: draft
context:
  geography: mixed
organisations:
  - id: icb
    name: Integrated Care Board
    role: commissioner
  - id: trust
    name: Mental Health Trust
    role: nhs-provider
  - id: charity
    name: Local Mind
    role: voluntary-sector
steps:
  - id: first-contact
    label: Help sought in a crisis
    kind: entry
    owner: trust
    wait: 1h
  - id: triage
    label: Crisis team triage
    kind: decision
    owner: trust
    wait: 4h
  - id: home-team
    label: Home treatment team
    kind: intervention
    owner: trust
  - id: cafe
    label: Crisis café
    kind: intervention
    owner: charity
  - id: back-home
    label: Home with a crisis plan
    kind: exit
    owner: trust
transitions:
  - from: first-contact
    to: triage
  - from: triage
    to: home-team
    when: Risk is high
  - from: triage
    to: cafe
    when: Risk is low
  - from: home-team
    to: back-home
  - from: cafe
    to: back-home
"""

NATIONAL_WHO = Author("Nadia National", "NHS England")
RURAL_WHO = Author("Amina Khan", "Ryedale Mind")
WHO = ["--author", "Amina Khan", "--organisation", "Ryedale Mind"]

# A hermetic git: no system configuration, and one identity for the commits the tests make.
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1"} | {
    f"GIT_{who}_{what}": value
    for who in ("AUTHOR", "COMMITTER")
    for what, value in (("NAME", "test"), ("EMAIL", "test@example.org"))
}


def git(cwd: Path, *args: str) -> str:
    """The real git CLI's standard output."""
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the text"
    return text.replace(old, new, 1)


def national_workspace(tmp_path: Path, name: str = "ws") -> Workspace:
    seed = tmp_path / f"seed-{name}"
    seed.mkdir()
    (seed / "crisis-national.yaml").write_text(NATIONAL, encoding="utf-8")
    return Workspace.init(tmp_path / name, seed=[seed / "crisis-national.yaml"])


def save(ws: Workspace, text: str, why: str, who: Author = RURAL_WHO) -> str:
    """Save `text` on top of its pathway's latest version; the new version's commit."""
    pathway_id = next(line.split(": ")[1] for line in text.splitlines() if line.startswith("id: "))
    latest = ws.latest(pathway_id)
    result = ws.save(
        text, author=who.name, organisation=who.organisation, rationale=why,
        base=latest.commit if latest else None,
    )
    assert result.status == "saved", result.message
    assert result.version is not None
    return result.version.commit


def adapt_rurally(ws: Workspace, local_text: str) -> str:
    """The rural adaptation: 2 steps changed (triage's wait, the café's name), 1 added (video
    triage, with its way on); returns its text."""
    text = edit(local_text, "    wait: 4h\n", "    wait: 8h\n")
    text = edit(text, "label: Crisis café", "label: Safe haven in Malton")
    text = edit(
        text,
        "  - id: back-home\n",
        "  - id: video-triage\n    label: Video triage from the market town\n    kind: assessment\n"
        "    owner: trust\n  - id: back-home\n",
    )
    text = edit(text, "transitions:\n", "transitions:\n  - from: first-contact\n    to: video-triage\n")
    save(ws, text, "Adapted for Ryedale: longer travel, a safe haven, video triage")
    return text


def change_nationally(ws: Workspace, base_text: str) -> str:
    """The national change: one step the rural pathway kept (first-contact's wait), one it changed
    (triage's wait, the same field); returns the commit."""
    text = edit(base_text, "    wait: 1h\n", "    wait: 30m\n")
    text = edit(text, "    wait: 4h\n", "    wait: 2h\n")
    return save(ws, text, "Faster response times (new national standard)", NATIONAL_WHO)
