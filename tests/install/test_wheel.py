"""The product as a new user gets it: a wheel built from this repository, installed in a fresh
virtual environment outside the checkout, used from a folder outside the checkout, first without
and then with the `app` extra. Slow (it builds and installs); CI runs it."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import venv
from pathlib import Path

import pytest
from install_helpers import HINT, ROOT, schema_reference

pytestmark = pytest.mark.slow

PIP = ["-m", "pip", "install", "-q", "--disable-pip-version-check"]
HEALTH_WAIT = 90.0  # seconds for Streamlit's first start in a cold environment


def clean_environment() -> dict[str, str]:
    """This environment less whatever would make the checkout or the suite's venv visible."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env.pop("PATHWAY_WORKSPACE", None)
    env.pop("PATHWAY_ACCESS_CODE", None)
    return env


def run(command: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=clean_environment(), capture_output=True, text=True)
    if check:
        assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


def build(tmp_path: Path, *what: str) -> dict[str, Path]:
    """Built distributions by kind (`.whl`, `.gz`). One build at a time: builds write the
    checkout's `build/` and egg-info folders, and the suite runs tests in parallel."""
    out = tmp_path / "dist"
    with open(Path(tempfile.gettempdir()) / "pathway-designer-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        run([sys.executable, "-m", "build", *what, "--outdir", str(out)], cwd=ROOT)
    return {f.suffix: f for f in out.iterdir()}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def health(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
            return answer.read().decode("utf-8", "replace").strip()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for_health(app: subprocess.Popen[str], port: int) -> str | None:
    deadline = time.monotonic() + HEALTH_WAIT
    while time.monotonic() < deadline and app.poll() is None:
        answer = health(port)
        if answer is not None:
            return answer
        time.sleep(0.5)
    return None


def test_the_sdist_carries_tests_docs_schema_and_examples_and_twine_accepts_both(tmp_path: Path) -> None:
    files = build(tmp_path)  # the sdist, then the wheel built from it: so the sdist is complete
    assert sorted(files) == [".gz", ".whl"]
    run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files.values())], cwd=tmp_path)
    with tarfile.open(files[".gz"]) as sdist:
        members = {m.name.split("/", 1)[1]: m for m in sdist.getmembers() if "/" in m.name}
    for needed in ("LICENSE", "README.md", "tests/install/test_wheel.py", "docs/format.md",
                   "schema/pathway.schema.json", "pathway_designer/data/schema/pathway.schema.json",
                   "Dockerfile", "deploy/pathway-designer.service"):
        assert needed in members, f"the sdist has no {needed}"
    examples = [m for name, m in members.items() if name.startswith("pathways/") and name.endswith(".yaml")]
    assert len(examples) >= 4
    assert all(m.isfile() for m in [*examples, members["schema/pathway.schema.json"]]), "links, not files"


def test_the_wheel_installs_and_works_outside_the_checkout(tmp_path: Path) -> None:
    wheel = build(tmp_path, "--wheel")[".whl"]
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    tool = str(env_dir / "bin" / "pathway-designer")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run([python, *PIP, str(wheel)], cwd=elsewhere)

    imported = run([python, "-c", "import pathway_designer; print(pathway_designer.__file__)"], elsewhere)
    assert Path(imported.stdout.strip()).is_relative_to(env_dir), "found through the checkout"
    assert run([tool, "--version"], elsewhere).stdout.strip() == "pathway-designer 0.1.0"

    run([tool, "init", "ws"], elsewhere)
    seeded = sorted((elsewhere / "ws" / "pathways").glob("*.yaml"))
    assert len(seeded) >= 4
    assert all(schema_reference(p) == elsewhere / "ws" / "schema" / "pathway.schema.json" for p in seeded)
    assert (elsewhere / "ws" / "schema" / "pathway.schema.json").is_file()
    run([tool, "validate", "ws/pathways"], elsewhere)
    run([tool, "render", "-f", "svg", "-o", "crisis.svg", str(seeded[0])], elsewhere)
    assert (elsewhere / "crisis.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")

    assert run([python, "-c", "import streamlit"], elsewhere, check=False).returncode != 0
    refused = run([tool, "app", "--headless"], elsewhere, check=False)
    assert refused.returncode == 2 and HINT in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1

    run([python, *PIP, f"{wheel}[app]"], cwd=elsewhere)
    port = free_port()
    app = subprocess.Popen(
        [tool, "app", "--headless", "--port", str(port)],
        cwd=elsewhere, env=clean_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )
    try:
        answer = wait_for_health(app, port)
    finally:
        os.killpg(app.pid, signal.SIGTERM)
        try:
            output, _ = app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(app.pid, signal.SIGKILL)
            output, _ = app.communicate()
    assert answer == "ok", f"no health answer from the app:\n{output}"
