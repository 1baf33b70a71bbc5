"""Reaching the shared copy with git's own command line: `git fetch` and `git push`.

git does the network part, so whatever git is set up with works unchanged: SSH keys and agents,
credential helpers (Git Credential Manager, the macOS keychain, `store`), a token in the remote's
URL from the environment, proxies, certificates. We never store a password, and never prompt
(`GIT_TERMINAL_PROMPT=0`, SSH in batch mode): a server has nobody to answer. Every message that
may quote the remote's URL has its userinfo (`user:token@`) taken out first (`redact`).

The push is a plain (never forced) push of our head: when a partner's push landed first, git refuses
it as not a fast-forward, and the sync fetches and merges again.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from ..store import SyncFailed

TIMEOUT = 120.0  # seconds for one fetch or push: a slow link, never a hung server thread
# `scheme://userinfo@host`: what to take out of a URL before it is shown anywhere.
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")
_MISSING = re.compile(r"couldn't find remote ref|no such ref was fetched", re.IGNORECASE)
_MOVED = re.compile(r"non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref")
_UNREACHABLE = re.compile(
    r"could not read from remote|unable to connect|connection refused|could not resolve host|"
    r"failed to connect|timed out|network is unreachable|unable to access|the remote end hung up|"
    r"does not appear to be a git repository|repository .* not found|could not connect",
    re.IGNORECASE,
)


class Unreachable(SyncFailed):
    """The shared copy cannot be reached now (no network, the server down, a refused login)."""


def redact(text: str) -> str:
    """`https://user:token@host/x` as `https://host/x`: no secret in a message or a log."""
    return _USERINFO.sub(lambda m: m.group("scheme"), text)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # a server has nobody to type a password: fail, do not hang
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env["LC_ALL"] = "C"  # git's messages in English, which `_MOVED` and `_UNREACHABLE` read
    return env


class GitCommandLine:
    """A sync's way to the remote through `git` (see `store.sync.Transport`)."""

    def __init__(self, root: Path, remote: str) -> None:
        self.root = root
        self.remote = remote
        self.branch = self._git("symbolic-ref", "--short", "HEAD").stdout.strip() or "main"
        self.tracking = f"refs/remotes/{remote}/{self.branch}"

    def url(self) -> str:
        """The remote's URL, redacted: for people to see where their work is shared."""
        found = self._git("remote", "get-url", self.remote, check=False)
        if found.returncode != 0:
            raise SyncFailed(
                f"the workspace has no remote '{self.remote}': add the shared repository with "
                f"`git -C {self.root} remote add {self.remote} URL`"
            )
        return redact(found.stdout.strip())

    def fetch(self) -> str | None:
        self.url()  # a clear error for a remote that is not there
        done = self._network(
            "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", self.remote,
            f"+refs/heads/{self.branch}:{self.tracking}",
        )
        if done.returncode != 0:
            if _MISSING.search(done.stderr):
                return None  # a new, empty shared repository: nothing to bring in yet
            raise self._failure("fetch from", done.stderr)
        return self.known()

    def push(self, expected: str | None, new: str) -> bool:
        done = self._network("push", "--porcelain", self.remote, f"{new}:refs/heads/{self.branch}")
        said = done.stdout + done.stderr
        if done.returncode != 0:
            if _MOVED.search(said) and not _UNREACHABLE.search(said):
                return False  # a partner's push landed first: fetch and merge again
            raise self._failure("send to", said)
        self._git("update-ref", self.tracking, new)
        return True

    def known(self) -> str | None:
        """The shared copy's head as last fetched or pushed (no network)."""
        found = self._git("rev-parse", "--verify", "--quiet", f"{self.tracking}^{{commit}}", check=False)
        if found.returncode != 0:
            return None
        return found.stdout.strip() or None

    def waiting(self) -> int:
        """How many versions saved here the shared copy does not have yet (no network)."""
        known = self.known()
        span = f"{known}..HEAD" if known else "HEAD"
        found = self._git("rev-list", "--count", span, check=False)
        return int(found.stdout.strip() or 0) if found.returncode == 0 else 0

    def merge_base(self) -> str | None:
        """Where this server's branch and the shared copy's (as last fetched) parted (no network)."""
        known = self.known()
        if known is None:
            return None
        found = self._git("merge-base", "HEAD", known, check=False)
        return (found.stdout.strip() or None) if found.returncode == 0 else None

    def file_at(self, commit: str | None, path: str) -> str:
        """A file's text at a commit ("" if it is not there), to show both sides of a conflict."""
        if commit is None:
            return ""
        found = self._git("show", f"{commit}:{path}", check=False)
        return found.stdout if found.returncode == 0 else ""

    def _failure(self, doing: str, said: str) -> SyncFailed:
        lines = [redact(line.strip()) for line in said.splitlines() if line.strip()]
        words = "; ".join(line.removeprefix("fatal: ").removeprefix("error: ") for line in lines[-3:])
        kind = Unreachable if _UNREACHABLE.search(said) or not lines else SyncFailed
        return kind(f"cannot {doing} '{self.remote}' ({self.url()}): {words or 'no answer'}")

    def _network(self, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            # gc.auto=0: the store packs its own objects (`store.packing`); a repack started by git
            # here would race the readers of this server.
            return self._git("-c", "gc.auto=0", "-c", "maintenance.auto=false", *args, check=False)
        except subprocess.TimeoutExpired:
            raise Unreachable(
                f"'{self.remote}' ({self.url()}) did not answer within {TIMEOUT:.0f} seconds"
            ) from None

    def _git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), *args],
                capture_output=True, text=True, errors="replace", env=_environment(),
                timeout=TIMEOUT, stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise SyncFailed("sharing needs git installed on this server (https://git-scm.com)") from None
        if check and done.returncode != 0:
            raise SyncFailed(f"git {args[0]} failed here: {redact(done.stderr.strip())}")
        return done
