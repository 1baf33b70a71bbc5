"""Who made a version: a person's name, their organisation (written as a trailer) and email."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .. import names


@dataclass(frozen=True)
class Author:
    """Who made a version: a person's name, their organisation (a trailer) and, optionally, email."""

    name: str
    organisation: str | None = None
    email: str = ""

    def __post_init__(self) -> None:
        names.person_name(self.name, "the author's name")
        if self.organisation is not None:
            names.person_name(self.organisation, "the organisation")
        if self.email.strip():
            names.person_name(self.email, "the email address")

    @property
    def identity(self) -> bytes:
        return f"{self.name.strip()} <{self.email.strip()}>".encode()


def local_timezone(moment: float) -> int:
    """Offset of local time from UTC at `moment`, in seconds (git records it with each commit)."""
    return time.localtime(moment).tm_gmtoff
