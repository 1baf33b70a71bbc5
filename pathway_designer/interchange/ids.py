"""Valid, unique pathway ids made from the names another tool gave its parts.

An imported file names things in its own way (`Task_0x1`, `Triage nurse`, `ActivityDefinition/7`):
a pathway id is kebab-case, at most 64 characters, and unique among its kind. Names become ids
by their letters and digits (accents dropped), so an id still says what it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..model import ID_PATTERN

MAX_LENGTH = 64
_VALID = re.compile(ID_PATTERN)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def kebab(name: str) -> str:
    """`name` in kebab-case ASCII ("Triage nurse" is `triage-nurse`, `TaskOne_2` `task-one-2`);
    empty when it has no letter or digit."""
    ascii_text = unicodedata.normalize("NFKD", _CAMEL.sub("-", name)).encode("ascii", "ignore")
    return _NOT_ALNUM.sub("-", ascii_text.decode("ascii").lower()).strip("-")


class Ids:
    """Hands out ids unique within one kind of part (steps, organisations, outcomes)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)
        self._next: dict[str, int] = {}  # the next number to try for a name: many alike stay quick

    def keep(self, given: object) -> str | None:
        """`given` as it is when it is already a valid id (taken or not: a file's own ids are kept,
        and a repeated one is the pathway's finding to report, not the import's to hide)."""
        if isinstance(given, str) and len(given) <= MAX_LENGTH and _VALID.match(given):
            self._taken.add(given)
            return given
        return None

    def make(self, *names: str | None, fallback: str = "part") -> str:
        """An unused id from the first name that gives one (an id as written when it is valid),
        else from `fallback`; `-2`, `-3`, ... added to keep it unique."""
        base = next((k for k in (kebab(n) for n in names if n) if k), "") or kebab(fallback) or "part"
        base = base[:MAX_LENGTH].rstrip("-")
        candidate, n = base, self._next.get(base, 1)
        if n > 1:
            candidate = self._numbered(base, n)
        while candidate in self._taken or not _VALID.match(candidate):
            n += 1
            candidate = self._numbered(base, n)
        self._next[base] = n + 1
        self._taken.add(candidate)
        return candidate

    @staticmethod
    def _numbered(base: str, n: int) -> str:
        suffix = f"-{n}"
        return base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
