"""The organisation each signed-in person chose, once: kept in git's folder, never committed.

When a sign-in (OpenID Connect) says who someone is but no configured mapping says which
organisation they are from, they choose it on their first visit and it is recorded here, so that
next time (and in every other session) they are from the same organisation: nobody signs off for one
partner today and another tomorrow. The first choice stays: recording again returns it.

One small JSON file per person (named by a hash of the email, so an address never makes a path),
made by linking a finished temporary file into place: two sessions choosing at once cannot both win.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from .errors import StoreError
from .paths import inside

FOLDER = "organisations"


class Memberships:
    """The recorded organisations of signed-in people, under `state_dir` (in git's folder)."""

    def __init__(self, state_dir: Path) -> None:
        self._root = state_dir

    def _file(self, email: str) -> Path:
        key = hashlib.sha256(email.strip().casefold().encode("utf-8")).hexdigest()
        return inside(self._root, self._root / FOLDER / f"{key}.json")

    def organisation(self, email: str) -> str | None:
        """The organisation recorded for `email`, or None."""
        try:
            data = json.loads(self._file(email).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, RecursionError):
            return None
        except OSError as exc:
            raise StoreError(f"cannot read the organisation recorded for {email}: {exc}") from exc
        found = data.get("organisation") if isinstance(data, dict) else None
        return found if isinstance(found, str) and found.strip() else None

    def record(self, email: str, organisation: str) -> str:
        """Record `organisation` for `email` unless one is recorded already; the one that holds."""
        if not email.strip() or not organisation.strip():
            raise StoreError("an organisation is recorded for a known email address only")
        target = self._file(email)
        target.parent.mkdir(parents=True, exist_ok=True)
        record = {"email": email.strip(), "organisation": organisation.strip()}
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(record, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            with contextlib.suppress(FileExistsError):  # someone recorded first: theirs holds
                os.link(name, target)
        except OSError as exc:
            raise StoreError(f"cannot record the organisation for {email}: {exc}") from exc
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
        return self.organisation(email) or organisation.strip()
