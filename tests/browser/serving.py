"""Serving the app for the real-browser tests: a seeded workspace and `streamlit run app.py` on it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seeded_workspace(base: Path, *seeds: tuple[str, str]) -> Path:
    """A new workspace in `base`, seeded with (id, YAML text) pathways."""
    from pathway_designer.store import Workspace

    files = []
    for pid, text in seeds:
        files.append(base / f"{pid}.yaml")
        files[-1].write_text(text, encoding="utf-8")
    Workspace.init(base / "ws", seed=files).close()
    return base / "ws"


@contextlib.contextmanager
def serve(workspace: Path, address: str = "127.0.0.1", script: str | None = None,
          **env_vars: str) -> Iterator[str]:
    """`streamlit run app.py` (or `script`) on a workspace; yields the URL to reach it on 127.0.0.1."""
    port = _free_port()
    env = {**os.environ, "PATHWAY_WORKSPACE": str(workspace), **env_vars}
    if "PATHWAY_ACCESS_CODE" not in env_vars:
        env.pop("PATHWAY_ACCESS_CODE", None)
    logfile = workspace.parent / f"streamlit-{port}.log"
    log = logfile.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script or str(ROOT / "app.py"),
         "--server.headless", "true",
         "--server.port", str(port), "--server.address", address,
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # ROOT: .streamlit/config.toml
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {logfile.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
