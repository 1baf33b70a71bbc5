"""Where a local pathway's base lives, and the base read at a version.

A base is a pathway of this workspace, or of another git repository that this workspace has as a
remote (`git remote add national URL`, then `git fetch national`): its latest version is then the
one on the fetched copy of the branch (`refs/remotes/national/main`). A version is a commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import ID_PATTERN, REMOTE_PATTERN, BasedOn, Pathway
from ..store import Author, SaveResult, StoreError, UnknownPathway, UnknownVersion, Workspace


class NotLocal(StoreError):
    """The pathway names no base (no `based-on`)."""


@dataclass(frozen=True)
class BaseRef:
    """A base pathway: its id, and the git remote holding it (None: this workspace)."""

    pathway: str
    repository: str | None = None

    @classmethod
    def parse(cls, spec: str) -> BaseRef:
        """`crisis-national` (this workspace) or `national:crisis-national` (a remote's)."""
        remote, colon, pathway_id = spec.strip().rpartition(":")
        if not re.fullmatch(ID_PATTERN, pathway_id) or (colon and not re.fullmatch(REMOTE_PATTERN, remote)):
            raise UnknownPathway(
                f"{spec!r} names no base pathway: give its id (crisis-national), or the git remote "
                "and its id (national:crisis-national)"
            )
        return cls(pathway_id, remote or None)

    @classmethod
    def of(cls, pathway: Pathway) -> BaseRef:
        if pathway.base_id is None:
            raise NotLocal(f"{pathway.id} is based on no other pathway (it has no based-on)")
        return cls(pathway.base_id, pathway.base_repository)

    def __str__(self) -> str:
        return f"{self.repository}:{self.pathway}" if self.repository else self.pathway

    def recorded(self, version: str | None) -> BasedOn:
        """What `based-on` says of this base at a version."""
        return BasedOn(pathway=self.pathway, version=version, repository=self.repository)


def latest_base(ws: Workspace, base: BaseRef) -> tuple[str, Pathway]:
    """The base's latest version: (its commit, the pathway)."""
    if base.repository is None:
        latest = ws.latest(base.pathway)
        if latest is None:
            raise UnknownPathway(f"no pathway '{base.pathway}' has been saved in this workspace")
        return latest.commit, ws.pathway(base.pathway, latest.commit)
    try:
        return ws.pathway_at(base.pathway, ws.remote_branch(base.repository))
    except UnknownVersion:
        raise UnknownVersion(
            f"this workspace has not fetched the remote '{base.repository}': add it and fetch it "
            f"(git remote add {base.repository} URL; git fetch {base.repository})"
        ) from None


def base_at(ws: Workspace, base: BaseRef, version: str) -> tuple[str, Pathway]:
    """The base as it was at a version (a commit; in this workspace also v3, a date): (commit, pathway)."""
    if base.repository is None:
        found = ws.version(base.pathway, version)
        return found.commit, ws.pathway(base.pathway, found.commit)
    try:
        return ws.pathway_at(base.pathway, version)
    except UnknownVersion:
        raise UnknownVersion(
            f"the version {version[:12]} of {base.pathway} is not in this workspace: fetch the remote "
            f"'{base.repository}' (git fetch {base.repository})"
        ) from None


def save_local(
    ws: Workspace,
    pathway: Pathway,
    who: Author,
    rationale: str,
    base: str | None,
    trailers: Iterable[tuple[str, str]] = (),
) -> SaveResult:
    """Save a local pathway as a new version: `base` None for a new pathway, else the version the
    change started from."""
    return ws.save(
        pathway, author=who.name, organisation=who.organisation, email=who.email,
        rationale=rationale, base=base, name=pathway.id, trailers=trailers,
    )
