"""A pathway's versions: v1, v2, ... with who, from which organisation, when and why.

A version of a pathway is a commit whose file for it differs from that file in one of its parents,
exactly the commits `git log --full-history -- FILE` lists: every save, and every sync merge that
changed the file on at least one side (so that the latest version is always the file at the head,
even when a merge kept one side's file whole).
Versions are numbered in the commit index's order (parents before children, first parents first):
saving adds the next number and never renumbers the ones before. Numbers belong to one workspace
(a sync can bring in partners' versions between ours); commit ids are the identity to share.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from . import messages
from .commit_index import CommitRecord
from .errors import UnknownPathway, UnknownVersion
from .json_fields import json_fields
from .repository import Repository, pathway_path

_NUMBER = re.compile(r"^[vV]?(\d{1,6})$")
_HEX = re.compile(r"^[0-9a-f]{4,40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NO_TRAILERS: Mapping[str, str] = MappingProxyType({})


class Version(NamedTuple):
    """One version of a pathway. A named tuple rather than a dataclass: history makes one per
    version, and building a thousand of them is a good part of what `history` costs."""

    pathway: str
    number: int
    commit: str
    date: dt.datetime
    author: str
    organisation: str | None
    rationale: str
    blob: str
    parents: tuple[str, ...] = ()
    trailers: Mapping[str, str] = _NO_TRAILERS

    @property
    def label(self) -> str:
        return f"v{self.number}"

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def summary(self) -> str:
        return messages.summary(self.rationale)

    @property
    def kind(self) -> str:
        """saved, merged (a stale save merged with a newer version), restored, or synced."""
        if messages.RESTORED_FROM in self.trailers:
            return "restored"
        if messages.MERGED_WITH in self.trailers:
            return "merged"
        if len(self.parents) > 1:
            return "synced"
        return "saved"

    def who(self) -> str:
        return f"{self.author} ({self.organisation})" if self.organisation else self.author

    def describe(self) -> str:
        """"Amina Khan (Ryedale Mind) saved v14: Add a crisis café" (what the app announces)."""
        return f"{self.who()} saved {self.label}: {self.summary}"

    def to_json(self) -> dict[str, Any]:
        return json_fields(
            self, renamed={"number": "version"}, leave_out=["blob"], label=self.label, kind=self.kind
        )


_ZONES: dict[int, dt.timezone] = {}


def version_of(pathway_id: str, number: int, record: CommitRecord, blob: str) -> Version:
    zone = _ZONES.get(record.timezone)
    if zone is None:
        zone = _ZONES.setdefault(record.timezone, dt.timezone(dt.timedelta(seconds=record.timezone)))
    trailers = record.trailers
    return Version(
        pathway_id,
        number,
        record.id,
        dt.datetime.fromtimestamp(record.time, zone),
        record.author,
        trailers.get(messages.ORGANISATION),
        record.rationale,
        blob,
        record.parents,
        trailers,
    )


class Versions:
    """Every pathway's versions, worked out from the commit index and kept per branch head."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        # pathway id -> (head, versions oldest first, the file's blob at head)
        self._known: dict[str, tuple[str | None, list[Version], str | None]] = {}
        self._lock = threading.Lock()

    def of(self, pathway_id: str, head: str | None = None) -> list[Version]:
        """The pathway's versions, oldest first (empty if it was never saved)."""
        path = pathway_path(pathway_id)
        head = self.repository.branch.head() if head is None else head
        with self._lock:
            known = self._known.get(pathway_id)
            if known and known[0] == head:
                return known[1]
            versions, blob = self._extend(pathway_id, path, head, known) or self._walk(pathway_id, path, head)
            self._known[pathway_id] = (head, versions, blob)
            return versions

    def latest(self, pathway_id: str, head: str | None = None) -> Version | None:
        versions = self.of(pathway_id, head)
        return versions[-1] if versions else None

    def existing(self, pathway_id: str) -> list[Version]:
        versions = self.of(pathway_id)
        if not versions:
            raise UnknownPathway(f"no pathway '{pathway_id}' has been saved in this workspace")
        return versions

    def find(self, pathway_id: str, spec: str) -> Version:
        """A version by number (`v3`, `3`), commit id (or a prefix of at least 4), date
        (`2026-01-31`: the version in force at the end of that day), time (ISO), or `latest`."""
        versions = self.existing(pathway_id)
        spec = spec.strip()
        if spec.lower() in {"latest", "head"}:
            return versions[-1]
        number = _NUMBER.match(spec)
        if number and (spec[0] in "vV" or len(spec) < 7):
            index = int(number.group(1))
            if 1 <= index <= len(versions):
                return versions[index - 1]
            raise UnknownVersion(
                f"{pathway_id} has versions v1 to v{len(versions)}; there is no v{index}"
            )
        if _HEX.match(spec.lower()):
            found = self._by_commit(pathway_id, versions, spec.lower())
            if found:
                return found
        moment = _moment(spec)
        if moment is not None:
            before = [v for v in versions if v.date <= moment]
            if before:
                return before[-1]
            first = versions[0]
            raise UnknownVersion(
                f"{pathway_id} did not exist yet on {spec}: its first version, v1, is of "
                f"{first.date:%Y-%m-%d %H:%M}"
            )
        raise UnknownVersion(
            f"{spec!r} is not a version of {pathway_id}: give v1 to v{len(versions)}, a commit id "
            "or a date (YYYY-MM-DD)"
        )

    def commit(self, spec: str, pathway_id: str | None = None) -> str:
        """Any commit of the branch, by id or unique prefix (a save's base); with a pathway, also
        one of its versions by number, date or `latest`."""
        if pathway_id is not None and not _HEX.match(spec.strip().lower()):
            return self.find(pathway_id, spec).commit
        spec = spec.strip().lower()
        order = self.repository.commits.order(self.repository.branch.head())
        matches = [c for c in order if c.startswith(spec)] if _HEX.match(spec) else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownVersion(f"{spec!r} names several commits; give more of the id")
        raise UnknownVersion(f"{spec!r} is not a commit of this workspace's branch")

    def _by_commit(self, pathway_id: str, versions: list[Version], prefix: str) -> Version | None:
        """The version with this commit id or, for any other commit, the version in force then."""
        exact = [v for v in versions if v.commit.startswith(prefix)]
        if len(exact) == 1:
            return exact[0]
        try:
            commit = self.commit(prefix)
        except UnknownVersion:
            return None
        blob = self.repository.branch.blob_id(commit, pathway_path(pathway_id))
        order = self.repository.commits.order(self.repository.branch.head())
        position = {c: i for i, c in enumerate(order)}
        in_force = [
            v for v in versions if v.blob.encode() == blob and position[v.commit] <= position[commit]
        ]
        return in_force[-1] if in_force else None

    def _extend(
        self,
        pathway_id: str,
        path: str,
        head: str | None,
        known: tuple[str | None, list[Version], str | None] | None,
    ) -> tuple[list[Version], str | None] | None:
        """The known versions plus the commits made on top since, without walking history."""
        if not known or head is None:
            return None
        chain = self.repository.commits.since(known[0], head)
        if chain is None:
            return None
        versions, blob = known[1], known[2]
        for record in chain:
            if path not in record.delta or record.delta[path] == blob:
                continue
            blob = record.delta[path]
            if blob is not None:
                versions = [*versions, version_of(pathway_id, len(versions) + 1, record, blob)]
        return versions, blob

    def _walk(self, pathway_id: str, path: str, head: str | None) -> tuple[list[Version], str | None]:
        commits = self.repository.commits
        blob_at: dict[str, str | None] = {}
        versions: list[Version] = []
        records = commits.records
        for commit in commits.order(head):
            record = records.get(commit) or commits.record(commit)
            parents = record.parents
            inherited = blob_at[parents[0]] if parents else None
            blob = record.delta.get(path, inherited)
            blob_at[commit] = blob
            if blob is None:
                continue
            # a version where the file differs from a parent's (the first parent's, in a line)
            if not parents or blob != inherited or any(blob_at.get(p) != blob for p in parents[1:]):
                versions.append(version_of(pathway_id, len(versions) + 1, record, blob))
        return versions, (blob_at.get(head) if head else None)


def _moment(spec: str) -> dt.datetime | None:
    """A date means the end of that day, local time; a time without a zone is local time."""
    try:
        if _DATE.match(spec):
            day = dt.date.fromisoformat(spec)
            return dt.datetime.combine(day, dt.time.max).astimezone()
        moment = dt.datetime.fromisoformat(spec)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()
