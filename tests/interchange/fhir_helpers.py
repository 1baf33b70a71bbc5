"""Shared by the FHIR tests: the command line run as a separate process, as people run it."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pathway_designer", *args], capture_output=True, text=True, check=False
    )
