"""A real git server on 127.0.0.1 for the sharing tests: `git daemon` with pushes allowed, serving
one bare repository, which a test can stop and start again on the same port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "versions"))
from store_helpers import GIT_ENV  # hermetic git for the tests' own commands


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=GIT_ENV)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class GitDaemon:
    """`git daemon --enable=receive-pack` over `base`; `url(name)` reaches `base/name`."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def start(self) -> GitDaemon:
        self.process = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
             "--informative-errors", "--listen=127.0.0.1", f"--port={self.port}",
             f"--base-path={self.base}", str(self.base)],
            env=GIT_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(400):  # until it listens
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None:
                raise RuntimeError("git daemon did not start")
            time.sleep(0.05)
        raise RuntimeError("git daemon did not listen")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def shared_pair(tmp_path: Path, daemon: GitDaemon, seed: Path) -> tuple[Path, Path]:
    """A bare repository served by the daemon, first filled from the workspace `seed`, and two
    clones of it (two organisations' servers): their folders."""
    bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(seed, "remote", "add", "origin", daemon.url("shared.git"))
    git(seed, "push", "-q", "origin", "main")
    clones = []
    for name in ("server-a", "server-b"):
        git(tmp_path, "clone", "-q", daemon.url("shared.git"), str(tmp_path / name))
        clones.append(tmp_path / name)
    return clones[0], clones[1]
