"""An index of the branch's commits: who, when, why, and which pathway and comment files each changed.

History, blame and "show at a date" all need, for every commit, its parents, its author and message,
and which files under `pathways/` and `comments/` it changed. Reading that from git objects is a
walk of every commit and two trees per commit; doing it for each request would make history slower
the longer a pathway lives. Commits never change, so what was read once is kept in
`.git/pathway-designer/commits.jsonl`, one line a commit (or a batch of them, as one `git log` read
them), appended to and never rewritten: concurrent writers only ever add lines, a line torn by a
crash is skipped (and read again from git), and a commit made elsewhere (a sync, a `git commit`) is
simply read from git the first time it is met. The file is a cache: deleting it loses nothing.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, NamedTuple

from . import git_log, jsonl, messages
from .commits import TREE_MODE, Branch

TRACKED = ("pathways", "comments")
FORMAT = 2  # of a line of the index; a line of another format is read again from git (2: trailers
# parsed by the final block only, so lines cached by the older parser are read again)


class CommitRecord(NamedTuple):
    """One commit, as history needs it. A named tuple, not a frozen dataclass: a fresh clone makes
    a thousand at once, and a tuple is made in a fraction of the time."""

    id: str
    parents: tuple[str, ...]
    author: str
    email: str
    time: int
    timezone: int
    # The message, already split into the rationale and the trailers (Organisation, ...).
    rationale: str
    trailers: dict[str, str]
    # Files under the tracked folders that differ from the first parent: path -> blob (None: removed).
    delta: dict[str, str | None]

    @classmethod
    def of(
        cls,
        id: str,
        parents: tuple[str, ...],
        author: str,
        email: str,
        time: int,
        timezone: int,
        message: str,
        delta: dict[str, str | None],
    ) -> CommitRecord:
        rationale, trailers = messages.parse(message)
        return cls(id, parents, author, email, time, timezone, rationale, trailers, delta)

    def to_json(self) -> list[Any]:
        """A JSON array, in field order: faster to read back than an object."""
        return [FORMAT, self.id, list(self.parents), self.author, self.email, self.time, self.timezone,
                self.rationale, self.trailers, self.delta]

    @classmethod
    def from_json(cls, row: list[Any]) -> CommitRecord:
        if row[0] != FORMAT:
            raise ValueError("a record of another format")
        _, commit, parents, author, email, time, zone, rationale, trailers, delta = row
        return cls(commit, tuple(parents), author, email, time, zone, rationale, trailers, delta)


class CommitIndex:
    def __init__(self, branch: Branch, path: Path) -> None:
        self.branch = branch
        self.path = path
        self.records: dict[str, CommitRecord] = {}
        self._offset = 0
        self._order: tuple[str | None, list[str]] = (None, [])
        self._pending: list[CommitRecord] = []
        self._pending_lines: list[str] = []  # records from `git log`, already made into lines
        self._lock = threading.RLock()
        self._git_log = git_log.available()  # until it fails once: then dulwich alone

    def order(self, head: str | None) -> list[str]:
        """Every commit reachable from `head`, parents before children (first parents first).

        The order depends only on the commits, so every clone with the same head numbers the same
        versions the same way, and new commits on top never renumber old ones.
        """
        if head is None:
            return []
        with self._lock:
            known_head, known = self._order
            if head == known_head:
                return known
            chain = self.since(known_head, head)
            order = [*known, *(r.id for r in chain)] if chain is not None else self._walk(head)
            self._order = (head, order)
            self._save_new()
            return order

    def since(self, known: str | None, head: str, limit: int = 256) -> list[CommitRecord] | None:
        """The commits after `known` up to `head`, oldest first, if they are a plain line of
        commits on top of it (the usual case between two looks); None otherwise."""
        if known is None:
            return None
        chain: list[CommitRecord] = []
        commit = head
        while commit != known:
            record = self.record(commit)
            if len(record.parents) != 1 or len(chain) >= limit:
                return None
            chain.append(record)
            commit = record.parents[0]
        return chain[::-1]

    def record(self, commit: str) -> CommitRecord:
        with self._lock:
            found = self.records.get(commit)
            if found is None:
                self._read_file()
                found = self.records.get(commit)
            if found is None and self._git_log:
                found = self._from_git_log(commit)
            if found is None:
                found = self._from_git(commit)
                self.records[commit] = found
                self._pending.append(found)
            return found

    def add(self, record: CommitRecord) -> None:
        """A commit this process just made: known without reading it back from git."""
        with self._lock:
            if record.id not in self.records:
                self.records[record.id] = record
                self._pending.append(record)
                self._save_new()

    # Reading ------------------------------------------------------------------------------------

    def _walk(self, head: str) -> list[str]:
        return self._line(head) or self._depth_first(head)

    def _line(self, head: str) -> list[str] | None:
        """The order of a history without merges (the usual one): first parents, reversed."""
        records = self.records
        line = []
        commit: str | None = head
        while commit is not None:
            record = records.get(commit) or self.record(commit)
            if len(record.parents) > 1:
                return None
            line.append(commit)
            commit = record.parents[0] if record.parents else None
        return line[::-1]

    def _depth_first(self, head: str) -> list[str]:
        """Post-order, first parents first: a merge's first side, then the rest of its second."""
        order: list[str] = []
        seen = {head}
        stack: list[tuple[str, int]] = [(head, 0)]
        records = self.records
        while stack:
            commit, next_parent = stack[-1]
            found = records.get(commit)
            parents = (found or self.record(commit)).parents
            if next_parent < len(parents):
                stack[-1] = (commit, next_parent + 1)
                parent = parents[next_parent]
                if parent not in seen:
                    seen.add(parent)
                    stack.append((parent, 0))
            else:
                stack.pop()
                order.append(commit)
        return order

    def _read_file(self) -> None:
        """Read the lines other processes (or earlier runs) appended since we last looked."""
        found, self._offset = jsonl.read_from(self.path, self._offset)
        for data in found:
            # a line is a record, or a batch of them (what one `git log` read): a list of records
            for row in data if data and isinstance(data[0], list) else (data,):
                try:
                    record = CommitRecord.from_json(row)
                except (KeyError, TypeError, ValueError, IndexError):
                    continue
                self.records.setdefault(record.id, record)

    def _from_git_log(self, commit: str) -> CommitRecord | None:
        """`commit` and a batch of its ancestors, read by one `git log` (see `git_log`). Each
        piece of git's output is made into records and their line of the file while git writes
        the next."""
        records = self.records
        made: list[CommitRecord] = []
        lines: list[str] = []
        given = 0

        def take(rows: list[git_log.Fields]) -> None:
            nonlocal given
            given += len(rows)
            batch = [CommitRecord.of(*row) for row in rows if row[0] not in records]
            if batch:
                made.extend(batch)
                lines.append(jsonl.line([r.to_json() for r in batch]))

        if not git_log.stream(Path(self.branch.repo.controldir()), commit, TRACKED, take) or not given:
            self._git_log = False
            return None
        for record in made:
            records.setdefault(record.id, record)
        self._pending_lines += lines
        return records.get(commit)

    def _from_git(self, commit: str) -> CommitRecord:
        obj = self.branch.commit_object(commit)
        parents = tuple(p.decode("ascii") for p in obj.parents)
        name, _, email = obj.author.decode("utf-8", "replace").partition(" <")
        return CommitRecord.of(
            id=commit,
            parents=parents,
            author=name.strip(),
            email=email.rstrip(">").strip(),
            time=obj.author_time,
            timezone=obj.author_timezone,
            message=obj.message.decode("utf-8", "replace"),
            delta=self._delta(commit, parents[0] if parents else None),
        )

    def _delta(self, commit: str, parent: str | None) -> dict[str, str | None]:
        delta: dict[str, str | None] = {}
        for folder in TRACKED:
            new, old = self.branch.entry(commit, folder), self.branch.entry(parent, folder)
            if new == old:
                continue
            new_files = _files(self.branch, new)
            old_files = _files(self.branch, old)
            for name in sorted(set(new_files) | set(old_files)):
                if new_files.get(name) != old_files.get(name):
                    blob = new_files.get(name)
                    delta[f"{folder}/{name}"] = blob.decode("ascii") if blob else None
        return delta

    # Writing ------------------------------------------------------------------------------------

    def _save_new(self) -> None:
        """Append the records read from git (or made here) since the last save: one write."""
        pending, self._pending = self._pending, []
        lines, self._pending_lines = self._pending_lines, []
        jsonl.append_lines(self.path, [*lines, *(jsonl.line(r.to_json()) for r in pending)])


def _files(branch: Branch, entry: tuple[int, bytes] | None) -> dict[str, bytes]:
    if entry is None or entry[0] != TREE_MODE:
        return {}
    return {name: sha for name, (mode, sha) in branch.entries(entry[1]).items() if mode != TREE_MODE}
