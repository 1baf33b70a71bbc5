"""`adapt`: a new local pathway that starts as the base's latest version, with that version recorded.

The copy is the base's content under the new id and title, as a draft, with none of the base's
sign-offs or review dates (those are the base partners' agreement, not the local partners'), and
`based-on` naming the base, its version and where it lives. It is saved as a new pathway with a
reason and an `Upstream` trailer, so its first version says what it was adapted from.
"""

from __future__ import annotations

from .. import names
from ..model import Pathway, Status
from ..store import Author, SaveResult, StoreError, Workspace
from ..store.messages import UPSTREAM
from ..store.repository import pathway_path
from .base import BaseRef, latest_base, save_local


def adapted(base: Pathway, ref: BaseRef, version: str, new_id: str, title: str | None) -> Pathway:
    """The base as the first version of a local pathway (not saved)."""
    data = base.model_dump(by_alias=True)
    data.update(
        id=new_id,
        title=title or f"{base.title} (local)",
        status=Status.DRAFT,
        signoffs=[],
        review=None,
    )
    data["based-on"] = ref.recorded(version)
    local = Pathway.model_validate(data)
    local.attach_source(None, None, base.header)
    return local


def adapt(
    ws: Workspace,
    base_spec: str,
    new_id: str,
    *,
    who: Author,
    title: str | None = None,
    rationale: str | None = None,
) -> SaveResult:
    """Start `new_id` from the base's latest version (`crisis-national`, or `national:crisis-national`
    for a fetched remote's). Raises StoreError when the base cannot be found or the id is taken."""
    ref = BaseRef.parse(base_spec)
    pathway_path(new_id)  # an id that cannot name a file is refused in words, before any work
    try:  # one line: a title heads the diagram, the pack and history (none: the base's, "local")
        title = names.one_line(title, "the title") if title and title.strip() else None
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    if new_id in ws.pathway_ids():
        raise StoreError(f"there is already a pathway '{new_id}' in this workspace: choose another id")
    version, base = latest_base(ws, ref)
    local = adapted(base, ref, version, new_id, title)
    why = rationale or f"Adapted from “{base.title}” to start a local pathway"
    return save_local(ws, local, who, why, None, [(UPSTREAM, f"{ref.pathway}@{version}")])
