"""What can go wrong with a workspace, as exceptions a person can act on.

Each message names the thing and what to do about it; the CLI prints it in one line (exit status 2)
and the app shows it as it is.
"""

from __future__ import annotations

import errno


class StoreError(Exception):
    """A problem with the workspace or with what was asked of it."""


class NotAWorkspace(StoreError):
    """The folder is not a git repository (or not one we can use)."""


class UnknownPathway(StoreError):
    """No pathway with that id has ever been saved in the workspace."""


class UnknownVersion(StoreError):
    """A version, commit or date names nothing in the pathway's history."""


class WorkspaceBusy(StoreError):
    """Another writer has held the workspace for too long (or a git command left its lock)."""


class SyncFailed(StoreError):
    """The remote could not be reached, or refused what we sent."""


class OutsideWorkspace(StoreError):
    """A path would lead out of the workspace (through a symbolic link): refused."""


class WriteFailed(StoreError):
    """The workspace could not be written (a full disk, a read-only folder): nothing was saved."""


def describe(exc: OSError) -> str:
    """An operating system error in a few words a person can act on, without a traceback."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full: free some space and try again"
    else:
        reason = exc.strerror or str(exc)
    return f"{reason}, at {exc.filename}" if exc.filename else reason
