"""A server keeping its workspace in step with the shared copy, by itself, in the background.

One thread per workspace: every `every` seconds (and at once after a save, `nudge`) it syncs with
the shared remote through git's command line (`gitcli`): partners' versions are fetched and merged
by meaning into this server's branch, which every session here polls and announces like a local
save; this server's versions are pushed. When the shared copy cannot be reached, saves go on here
as commits (nothing is lost) and the next sync that gets through sends them all.

A sync with true conflicts changes nothing and is tried again on every round: a version saved here
that settles them (the app shows both sides) is what lets it through.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from ..store import StoreError, SyncFailed, SyncResult, Workspace
from ..store.repository import PATHWAYS
from ..store.saving import Choices
from .gitcli import GitCommandLine, Unreachable, redact
from .settings import SharingSettings
from .state import SharingState, Standoff

LOG = logging.getLogger(__name__)
SERVER_NAME = "Shared workspace"  # who merges partners' versions, when git's config names nobody


class Sharer:
    def __init__(self, workspace: Workspace, settings: SharingSettings) -> None:
        self.workspace = workspace
        self.settings = settings
        self.git = GitCommandLine(workspace.root, settings.remote)
        self._state = SharingState(settings.remote)
        self._round = threading.Lock()  # one sync at a time on this server
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # The background thread -----------------------------------------------------------------------

    def start(self) -> Sharer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="pathway-sharing", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def nudge(self) -> None:
        """Sync now rather than at the next round (a version was just saved here)."""
        self._wake.set()

    def state(self) -> SharingState:
        return self._state

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self.sync_now()
            except Exception as exc:  # the thread must outlive any one round; say what happened
                LOG.exception("sharing: a round failed")
                self._set(status="refused", detail=redact(str(exc)))
            self._wake.wait(self.settings.every)
            self._wake.clear()

    # One round -------------------------------------------------------------------------------------

    def sync_now(self, choices: Mapping[str, Choices] | None = None) -> SharingState:
        """Fetch, merge and push once (`choices` settle conflicts, as `Workspace.sync`)."""
        with self._round:
            try:
                result = self._sync(choices)
            except Unreachable as exc:
                return self._set(status="unreachable", waiting=self.git.waiting(), detail=str(exc))
            except SyncFailed as exc:
                return self._set(status="refused", waiting=self.git.waiting(), detail=redact(str(exc)))
            except StoreError as exc:  # busy or briefly unreadable here: the next round tries again
                return self._set(detail=redact(str(exc)))
            answered = time.time()
            if result.status == "conflict":
                return self._set(
                    status="conflict", waiting=self.git.waiting(), answered=answered,
                    conflicts=self._standoffs(result), detail=result.message,
                )
            return self._set(
                status="shared", waiting=self.git.waiting(), answered=answered, conflicts=(),
                detail="", brought_in=tuple(result.pulled),
            )

    def _sync(self, choices: Mapping[str, Choices] | None) -> SyncResult:
        who = self.workspace.identity()
        return self.workspace.sync(
            author=who.name or SERVER_NAME,
            organisation=who.organisation,
            email=who.email or "",
            remote=self.settings.remote,
            choices=choices,
            via=self.git,
        )

    def standoff(self, pathway_id: str) -> Standoff | None:
        """The conflict with the shared copy over this pathway, if there is one now."""
        return next((s for s in self._state.conflicts if s.pathway == pathway_id), None)

    def _standoffs(self, result: SyncResult) -> tuple[Standoff, ...]:
        base, shared = self.git.merge_base(), self.git.known()
        found = []
        for pid in sorted({*result.conflicts, *result.findings}):
            path = f"{PATHWAYS}/{pid}.yaml"
            found.append(
                Standoff(
                    pid, self._title(pid), tuple(result.conflicts.get(pid, ())),
                    self.git.file_at(base, path), self.git.file_at("HEAD", path),
                    self.git.file_at(shared, path),
                )
            )
        return tuple(found)

    def _title(self, pathway_id: str) -> str:
        try:
            return self.workspace.pathway(pathway_id).title
        except StoreError:
            return pathway_id

    def _set(self, **changes: Any) -> SharingState:
        self._state = dataclasses.replace(self._state, **changes)
        return self._state
