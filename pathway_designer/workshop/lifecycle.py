"""The lifecycle of a pathway: draft → in review → agreed → live → retired, with no dead ends.

Which moves are allowed from each status, what each one does and who must sign again:

- A draft goes for review; a pathway in review goes back to draft. Agreed and live need current
  sign-offs from a commissioner and a provider, given by different people (`partnership.signoff`).
- An agreed or live pathway is changed by starting a **revision**: it goes back to review, its
  sign-offs are cleared (the saved history keeps them), and the partners who had signed must sign
  again. This is the one way back, so an agreed pathway never has to be hand-edited to change it.
- Any pathway but a retired one can be retired. A retired pathway stays readable (view, history,
  export, pack) but is not edited any more: `editable` says so.

Revising and retiring need a reason, which becomes the saved version's reason. The app and the
CLI's `status` command both ask `move`, so they follow the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Pathway, Role, Status
from ..partnership.signoff import AGREED, SignoffError, change_status, copied
from ..words import REVISION_WORDS, STATUS_MOVE_WORDS, STATUS_WORDS, word

# The statuses each status may move to (a revision is the move from agreed or live to in review).
MOVES: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.IN_REVIEW, Status.AGREED, Status.RETIRED),
    Status.IN_REVIEW: (Status.AGREED, Status.DRAFT, Status.RETIRED),
    Status.AGREED: (Status.LIVE, Status.IN_REVIEW, Status.RETIRED),
    Status.LIVE: (Status.IN_REVIEW, Status.RETIRED),
    Status.RETIRED: (),
}
NEEDS_REASON = frozenset({Status.RETIRED})  # and every revision


class LifecycleError(SignoffError):
    """A move the lifecycle does not allow, or one missing what it needs; the message says why."""


@dataclass(frozen=True)
class Moved:
    """A status move made: the new pathway, the reason to save it with, and who must sign again."""

    pathway: Pathway
    rationale: str
    sign_again: tuple[str, ...] = ()  # for a revision: the partners (names) who must sign again
    revision: bool = False


def editable(pathway: Pathway) -> bool:
    """Whether a pathway may still be changed: every status but retired."""
    return pathway.status is not Status.RETIRED


def is_revision(old: Status, new: Status) -> bool:
    """Whether moving from `old` to `new` is a revision: an agreed or live pathway back to review."""
    return old in AGREED and new is Status.IN_REVIEW


def can_revise(pathway: Pathway) -> bool:
    """Whether a revision can be started: the pathway is agreed or live."""
    return pathway.status in AGREED


def moves(pathway: Pathway) -> list[Status]:
    """The statuses the pathway may move to, in the order of the lifecycle."""
    return list(MOVES[pathway.status])


def move_words(old: Status, new: Status) -> str:
    """The choice in words: "Mark it agreed", "Start a revision", "Retire it"."""
    return REVISION_WORDS if is_revision(old, new) else STATUS_MOVE_WORDS[new.value]


def sign_again(pathway: Pathway) -> list[str]:
    """The partners whose sign-off a revision clears: their names, in the order of the partners.

    When nobody has signed (a file edited by hand), the kinds of partner who will need to sign."""
    signed = {s.organisation for s in pathway.signoffs}
    named = [o.name for o in pathway.organisations if o.id in signed]
    if named:
        return named
    roles = {o.role for o in pathway.organisations}
    wanted = ["a commissioner"] if Role.COMMISSIONER in roles else []
    return [*wanted, "a provider"]


def revision_offer(pathway: Pathway) -> str:
    """What starting a revision does, in words, before anyone clicks."""
    who = _and(sign_again(pathway))
    return f"{REVISION_WORDS}: it goes back to review, and these partners will need to sign again: {who}."


def move(pathway: Pathway, new: Status | str, reason: str | None = None) -> Moved:
    """Move the pathway to `new`, or `LifecycleError` (a `SignoffError`) saying why it cannot."""
    try:
        target = Status(new)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise LifecycleError(f"'{new}' is not a status; use one of {allowed}") from None
    old = pathway.status
    why = " ".join((reason or "").split())
    if target is old:
        raise LifecycleError(f"“{pathway.title}” is already {_status(old)}")
    if target not in MOVES[old]:
        if old is Status.RETIRED:
            raise LifecycleError(
                f"“{pathway.title}” is retired: it can be read, exported and copied into a new "
                "pathway, but not changed"
            )
        raise LifecycleError(
            f"“{pathway.title}” cannot go from {_status(old)} to {_status(target)}; from "
            f"{_status(old)} it can go to {_or([_status(s) for s in MOVES[old]])}"
        )
    if (target in NEEDS_REASON or is_revision(old, target)) and not why:
        raise LifecycleError(
            f"Please say why you want to {move_words(old, target).lower()}: the reason is kept with "
            "the pathway."
        )
    if is_revision(old, target):
        again = tuple(sign_again(pathway))
        revised = copied(pathway, status=Status.IN_REVIEW, signoffs=[])
        return Moved(revised, f"{REVISION_WORDS}: {why} (to sign again: {_and(list(again))})", again, True)
    changed = change_status(pathway, target)  # agreed and live: the sign-off rules
    rationale = f"Status {STATUS_WORDS[old.value]} → {STATUS_WORDS[target.value]}"
    return Moved(changed, f"{rationale}: {why}" if why else rationale)


def _status(status: Status) -> str:
    return word(STATUS_WORDS, status, in_sentence=True)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
