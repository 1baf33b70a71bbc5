"""The guess at a pathway's twin, to compare it with first: the pathway it is based on (a local
pathway and its base), else one whose id differs only in its last part (`falls-rural` and
`falls-urban`), else the first other pathway."""

from __future__ import annotations

from collections.abc import Sequence


def likely_twin(pathway_id: str, based_on: str | None, others: Sequence[str]) -> str | None:
    """Which of `others` (pathway ids, in the order offered) to compare `pathway_id` with first;
    None when there is no other pathway."""
    candidates = [o for o in others if o != pathway_id]
    if not candidates:
        return None
    if based_on in candidates:
        return based_on
    stem = _stem(pathway_id)
    return next((o for o in candidates if stem is not None and _stem(o) == stem), candidates[0])


def _stem(pathway_id: str) -> str | None:
    """An id without its last part (`falls-rural` -> `falls`); None for an id of one part."""
    head, dash, _ = pathway_id.rpartition("-")
    return head if dash else None
