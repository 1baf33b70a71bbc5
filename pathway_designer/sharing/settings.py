"""Where a server shares its workspace, and how often it looks for partners' versions.

From the command line (`pathway-designer app --remote NAME --sync-every SECONDS`, passed to the app
as `$PATHWAY_REMOTE` and `$PATHWAY_SYNC_EVERY`), or else from the workspace's own git configuration,
which stays on this server and is never committed:

    git -C workspace config pathway.remote origin
    git -C workspace config pathway.syncEvery 10

No remote named: the app does not share (it works on this server's copy alone, as before).
"""

from __future__ import annotations

import math
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..store import StoreError

REMOTE_ENVIRONMENT = "PATHWAY_REMOTE"
EVERY_ENVIRONMENT = "PATHWAY_SYNC_EVERY"
DEFAULT_EVERY = 10.0
FEWEST, MOST = 1.0, 3600.0  # seconds: a poll a second at most (each one is a `git fetch`)


class SharingSettingsError(StoreError):
    """The sharing settings cannot be used as they are."""


@dataclass(frozen=True)
class SharingSettings:
    remote: str
    every: float = DEFAULT_EVERY


def seconds(text: str, where: str) -> float:
    """A sync interval as typed: a number of seconds from 1 to 3600."""
    try:
        value = float(text)
    except ValueError:
        raise SharingSettingsError(f"{where} must be a number of seconds, not {text!r}") from None
    if not math.isfinite(value) or not FEWEST <= value <= MOST:
        raise SharingSettingsError(f"{where} must be from {FEWEST:.0f} to {MOST:.0f} seconds, not {text}")
    return value


def settings_for(root: Path, environ: Mapping[str, str]) -> SharingSettings | None:
    """The sharing this server is set up for, or None when it shares with nobody."""
    remote = environ.get(REMOTE_ENVIRONMENT, "").strip() or _config(root, "pathway.remote")
    if not remote:
        return None
    every_text = environ.get(EVERY_ENVIRONMENT, "").strip()
    where = "--sync-every"
    if not every_text:
        every_text, where = _config(root, "pathway.syncEvery"), "pathway.syncEvery in git's configuration"
    every = seconds(every_text, where) if every_text else DEFAULT_EVERY
    return SharingSettings(remote, every)


def check_remote(root: Path, remote: str) -> None:
    """Refuse a remote the workspace does not have, saying how to add it."""
    found = _run(root, "remote", "get-url", remote)
    if found is None or found.returncode != 0:
        raise SharingSettingsError(
            f"the workspace has no remote '{remote}': add the shared repository with "
            f"`git -C {root} remote add {remote} URL`"
        )


def _config(root: Path, key: str) -> str:
    found = _run(root, "config", "--get", key)
    return found.stdout.strip() if found is not None and found.returncode == 0 else ""


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, errors="replace",
            timeout=30, stdin=subprocess.DEVNULL,
        )
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None
