"""One shared workspace across servers: each organisation's server (or laptop) is a clone of one
shared git repository, and keeps in step with it by itself.

- `settings`: which remote a server shares through, and how often it looks (`--remote`,
  `--sync-every`, or the workspace's git configuration);
- `gitcli`: the network part, by git's own `git fetch` and `git push` (so SSH keys, credential
  helpers and tokens work as they do for git), with secrets taken out of every message;
- `sharer`: the background thread that syncs (fetch, merge by meaning, push) on a poll and after
  each save, queueing saves while the shared copy cannot be reached;
- `state`: where the sharing stands, in data and in the page's plain words.
"""

from .gitcli import GitCommandLine, Unreachable, redact
from .settings import (
    EVERY_ENVIRONMENT,
    REMOTE_ENVIRONMENT,
    SharingSettings,
    SharingSettingsError,
    check_remote,
    seconds,
    settings_for,
)
from .sharer import Sharer
from .state import UNREACHABLE_WORDS, SharingState, Standoff

__all__ = [
    "EVERY_ENVIRONMENT",
    "REMOTE_ENVIRONMENT",
    "UNREACHABLE_WORDS",
    "GitCommandLine",
    "Sharer",
    "SharingSettings",
    "SharingSettingsError",
    "SharingState",
    "Standoff",
    "Unreachable",
    "check_remote",
    "redact",
    "seconds",
    "settings_for",
]
