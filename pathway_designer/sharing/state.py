"""Where a server's sharing stands, as data, and in the plain words the page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..changes.merge import Conflict

SharingStatus = Literal["starting", "shared", "unreachable", "conflict", "refused"]

UNREACHABLE_WORDS = (
    "Not shared yet: the shared copy cannot be reached; your saves are kept here and will be "
    "shared when it comes back."
)


@dataclass(frozen=True)
class Standoff:
    """A pathway whose version here and the shared copy's changed the same things: the conflicts,
    and the texts of both sides and of where they parted, for the page to show and settle."""

    pathway: str
    title: str
    conflicts: tuple[Conflict, ...]
    base: str
    here: str
    shared: str


@dataclass(frozen=True)
class SharingState:
    """One look at the sharing: its status, how many versions saved here wait to be shared, when
    the shared copy last answered, the pathways in conflict (titles), and a detail for whoever
    runs the server (git's own words, with any secret in a URL taken out)."""

    remote: str
    status: SharingStatus = "starting"
    waiting: int = 0
    answered: float | None = None  # time.time() of the last fetch or push that went through
    conflicts: tuple[Standoff, ...] = ()
    detail: str = ""
    brought_in: tuple[str, ...] = field(default=())  # pathways partners changed, last time

    @property
    def ok(self) -> bool:
        return self.status in ("starting", "shared")

    def words(self) -> str:
        """What the page says, in plain words."""
        waiting = _versions(self.waiting)
        if self.status == "starting":
            return "Connecting to the shared copy…"
        if self.status == "shared":
            return (
                "Shared: every version saved here is in the shared copy, and partners' versions "
                "come in by themselves."
            )
        if self.status == "unreachable":
            return UNREACHABLE_WORDS + (f" ({waiting} waiting.)" if self.waiting else "")
        if self.status == "conflict":
            titles = ", ".join(s.title for s in self.conflicts) or "a pathway"
            return (
                f"Not shared yet: a partner changed the same things in {titles} in the shared copy "
                "as a version saved here. Both are kept; choose what to keep, and it will be shared."
            )
        return (
            "Not shared yet: the shared copy refused this server's versions; they are kept here. "
            "Please tell whoever runs this server."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote,
            "status": self.status,
            "waiting": self.waiting,
            "answered": self.answered,
            "conflicts": {s.pathway: [c.id for c in s.conflicts] for s in self.conflicts},
            "detail": self.detail,
            "brought_in": list(self.brought_in),
        }


def _versions(count: int) -> str:
    return f"{count} version{'s' if count != 1 else ''} saved here"
