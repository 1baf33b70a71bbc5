"""The local view: a local pathway's diagram with what is local marked against its base.

Steps and transitions the local partners added, changed or removed against the version of the base
they adapted (the base's latest when that version is unknown) are marked as a diff is; what was
removed locally is drawn from the base, marked removed. The base's own fields (id, title, sign-offs)
are not local differences.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Pathway
from ..store import Workspace
from ..workshop.views import DiffView, diff_view
from .base import BaseRef, base_at, latest_base
from .upstream import as_local


@dataclass(frozen=True)
class LocalView:
    view: DiffView
    base: Pathway
    version: str  # the base's version compared with
    known: bool  # False: the version adapted is unknown, and the base's latest was used

    @property
    def marks(self) -> dict[str, str]:
        return self.view.marks


def local_view(ws: Workspace, local: Pathway) -> LocalView:
    """What is local in `local` (a saved version or a draft), against its base."""
    ref = BaseRef.of(local)
    known = local.base_version is not None
    version, base = base_at(ws, ref, local.base_version) if local.base_version else latest_base(ws, ref)
    return LocalView(diff_view(as_local(base, local), local), base, version, known)
