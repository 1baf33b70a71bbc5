"""Helpers for the version store tests: a small pathway, workspaces in temporary folders, and the
real `git` command to check that what the store writes is ordinary git.

Every workspace is made under pytest's `tmp_path`, never inside the project's checkout.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pathway_designer.store import Workspace

PATHWAY_ID = "crisis"
PATH = f"pathways/{PATHWAY_ID}.yaml"

# A draft (so partnership rules added later can only warn) with a decision, a loop-free route and
# every field the tests edit.
SAMPLE = """\
format: 1
id: crisis
title: Adult crisis pathway
status: draft
organisations:
  - id: icb
    name: North Yorkshire ICB
    role: commissioner
  - id: trust
    name: Mental Health Trust
    role: nhs-provider
  - id: mind
    name: Scarborough Mind
    role: voluntary-sector
steps:
  - id: referral
    label: Referral or self-referral
    kind: entry
    owner: trust
    wait: 1h
  - id: triage
    label: Triage by the crisis team
    kind: decision
    owner: trust
    wait: 4h
  - id: home-treatment
    label: Home treatment
    kind: intervention
    owner: trust
  - id: cafe
    label: Crisis café
    kind: intervention
    owner: mind
  - id: discharge
    label: Discharge with a plan
    kind: exit
    owner: trust
transitions:
  - from: referral
    to: triage
  - from: triage
    to: home-treatment
    when: Risk is high
  - from: triage
    to: cafe
    when: Risk is low
  - from: home-treatment
    to: discharge
  - from: cafe
    to: discharge
"""

# Git identity for commands that need one (clone needs none; this keeps the tests hermetic).
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run the real git CLI; its stdout."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=GIT_ENV, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def fsck(cwd: Path) -> None:
    """`git fsck --strict` is clean: exit 0 and no error or warning."""
    done = subprocess.run(
        ["git", "fsck", "--strict", "--no-progress"], cwd=cwd, capture_output=True, text=True, env=GIT_ENV
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr


def seed_file(tmp_path: Path, text: str = SAMPLE, name: str = f"{PATHWAY_ID}.yaml") -> Path:
    folder = tmp_path / "seed"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def new_workspace(tmp_path: Path, name: str = "ws", text: str = SAMPLE) -> Workspace:
    return Workspace.init(tmp_path / name, seed=[seed_file(tmp_path, text)])


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the text"
    return text.replace(old, new, 1)


def logged(cwd: Path, path: str = PATH) -> list[str]:
    """Commit ids of `git log --full-history -- path`, newest first: the versions of a pathway."""
    return git(cwd, "log", "--full-history", "--format=%H", "--", path).split()


def trailer(cwd: Path, commit: str, key: str) -> str:
    return git(cwd, "log", "-1", f"--format=%(trailers:key={key},valueonly)", commit).strip()
