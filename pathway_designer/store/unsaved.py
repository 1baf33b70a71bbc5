"""What the workshop keeps for a person between visits, on this server only: their unsaved drafts
(one per person and pathway, with the version it started from) and who they said they were (by a
random token their browser keeps).

Kept in the workspace's git folder (`.git/pathway-designer/unsaved/`), so it is never committed,
pushed or shared. Each record is one small JSON file written atomically (`format/atomic.py`), named
by a SHA-256 digest: any person's or pathway's text is a safe file name, and the token itself is
never written, so reading the folder does not let anyone become someone else. Bounded: a draft
larger than a pathway file may be is not kept, and past a count the oldest records go first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..format.atomic import write_atomically
from ..format.files import read_regular
from ..format.reading import MAX_BYTES
from .paths import inside

MAX_DRAFTS = 500  # across everyone: a workshop server's people times their pathways
MAX_PEOPLE = 2000
_RECORD_BYTES = MAX_BYTES + 64 * 1024  # a draft at the size limit, JSON-escaped, and its details


@dataclass(frozen=True)
class KeptDraft:
    """An unsaved draft as it was kept: its text, the commit it started from (None for a pathway not
    saved before) and when it was last changed."""

    pathway: str
    text: str
    base: str | None
    kept_at: dt.datetime

    def when(self, now: dt.datetime | None = None) -> str:
        """When it was kept, in words: "14:05 today", "yesterday at 09:30", "3 November at 16:00"."""
        return when_words(self.kept_at, now)


class Unsaved:
    """The drafts and returning people of one workspace (safe from many threads and processes: each
    write is a rename, and the last writer of one person's draft wins)."""

    def __init__(self, state_dir: Path, *, max_drafts: int = MAX_DRAFTS, max_people: int = MAX_PEOPLE,
                 max_bytes: int = MAX_BYTES) -> None:
        self._root = state_dir
        self._folder = state_dir / "unsaved"
        self._max = {"drafts": max_drafts, "people": max_people}
        self._max_bytes = max_bytes

    # drafts ---------------------------------------------------------------------------------------

    def keep(self, person: str, pathway: str, text: str, base: str | None) -> bool:
        """Keep a person's unsaved draft of a pathway; False (nothing kept) when it is too large."""
        if len(text.encode("utf-8")) > self._max_bytes:
            return False
        record = {"pathway": pathway, "text": text, "base": base, "kept_at": _now().isoformat()}
        self._write("drafts", _draft_key(person, pathway), record)
        return True

    def draft(self, person: str, pathway: str) -> KeptDraft | None:
        """The draft kept for a person and pathway, or None (also for a damaged record)."""
        record = self._read("drafts", _draft_key(person, pathway))
        try:
            kept = KeptDraft(
                str(record["pathway"]), str(record["text"]),
                None if record.get("base") is None else str(record["base"]),
                dt.datetime.fromisoformat(str(record["kept_at"])),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return kept if kept.pathway == pathway else None

    def discard(self, person: str, pathway: str) -> None:
        """Forget a person's draft of a pathway (saved, or thrown away); nothing if there is none."""
        self._remove("drafts", _draft_key(person, pathway))

    # returning people -----------------------------------------------------------------------------

    def remember_person(self, details: dict[str, str], token: str | None = None) -> str:
        """Remember who someone said they were; the token (new, or the one given) their browser
        keeps to be recognised on the next visit."""
        token = token or secrets.token_urlsafe(32)
        self._write("people", _token_key(token), {"details": details, "kept_at": _now().isoformat()})
        return token

    def person(self, token: str) -> dict[str, str] | None:
        """Who the bearer of a token said they were, or None for an unknown or damaged token."""
        if not token or len(token) > 200:
            return None
        details = self._read("people", _token_key(token)).get("details")
        if not isinstance(details, dict) or not all(isinstance(v, str) for v in details.values()):
            return None
        return {str(k): v for k, v in details.items()}

    def forget_person(self, token: str) -> None:
        if token and len(token) <= 200:
            self._remove("people", _token_key(token))

    # files ----------------------------------------------------------------------------------------

    def _path(self, kind: str, key: str) -> Path:
        return inside(self._root, self._folder / kind / f"{key}.json")

    def _write(self, kind: str, key: str, record: dict[str, Any]) -> None:
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(record, ensure_ascii=False), prefix=".unsaved.")
        self._bound(path.parent, self._max[kind])

    def _read(self, kind: str, key: str) -> dict[str, Any]:
        try:
            data = json.loads(read_regular(self._path(kind, key), _RECORD_BYTES).decode("utf-8"))
        except (OSError, ValueError, RecursionError):  # missing, too large, not JSON or UTF-8: none kept
            return {}
        return data if isinstance(data, dict) else {}

    def _remove(self, kind: str, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path(kind, key))

    @staticmethod
    def _bound(folder: Path, most: int) -> None:
        """Past `most` records, the ones changed longest ago go (leftover temporary files too)."""
        entries = []
        with os.scandir(folder) as found:
            for entry in found:
                with contextlib.suppress(FileNotFoundError):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
        if len(entries) <= most:
            return
        for _, path in sorted(entries)[: len(entries) - most]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def when_words(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """A moment in the server's local time, in words relative to `now`."""
    local = moment.astimezone()
    today = (now or _now()).astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"{clock} today"
    if local.date() == today - dt.timedelta(days=1):
        return f"yesterday at {clock}"
    return f"{local.day} {local.strftime('%B')} at {clock}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _digest(*parts: str) -> str:
    # NUL cannot be typed into a name, so "a" + "b\0c" and "a\0b" + "c" never share a file
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _draft_key(person: str, pathway: str) -> str:
    return _digest("draft", person, pathway)


def _token_key(token: str) -> str:
    return _digest("token", token)
