"""Every command ends quietly when its reader goes away (`history | head`, `rules | head -1`).

The pipes are real: the command runs in its own process, writing into a pipe whose reader is gone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from format_helpers import REPO

PYTHON = [sys.executable, "-m", "pathway_designer"]


def run_into_closed_pipe(*argv: str) -> tuple[int, str]:
    """Run a command whose standard output is a pipe nobody reads any more: (exit status, stderr).

    The reading end is closed before the command starts, so its first write meets a broken pipe
    whatever the pipe's buffer holds (what `head -1` does to a long output, every time).
    """
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run(
            [*PYTHON, *argv], cwd=REPO, stdout=writing, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(writing)
    return done.returncode, done.stderr.decode()


@pytest.fixture(scope="module")
def busy_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with a few versions."""
    from pathway_designer.store import Workspace

    folder = tmp_path_factory.mktemp("pipes") / "ws"
    with Workspace.init(folder) as ws:
        pathway_id = ws.pathway_ids()[0]
        for n in range(3):
            text = ws.text(pathway_id).replace("title: ", f"title: Take {n} of ", 1)
            latest = ws.latest(pathway_id)
            ws.save(text, author="Ann Lee", organisation="Ryedale Mind", rationale=f"Take {n}",
                    base=latest.commit if latest else None)
    return folder


def test_rules_into_head_dash_1_ends_without_a_traceback():
    status, errors = run_into_closed_pipe("rules")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert status == 141


def test_history_into_head_ends_without_a_traceback(busy_workspace: Path):
    status, errors = run_into_closed_pipe("history", "--workspace", str(busy_workspace))
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert status == 141  # what a program stopped by SIGPIPE reports, so `set -o pipefail` sees it


def test_help_into_a_closed_pipe_ends_without_a_traceback():
    status, errors = run_into_closed_pipe("--help")
    assert "Traceback" not in errors, errors
    assert status in (0, 141)  # argparse itself drops help it cannot write
