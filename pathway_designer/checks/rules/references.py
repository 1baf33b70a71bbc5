"""Rules about ids and the references between parts of a pathway."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from .registry import Issue, RuleContext, rule


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@rule("duplicate-id", "error")
def duplicate_id(ctx: RuleContext) -> Iterator[Issue]:
    """Two steps, organisations or outcomes share an id."""
    p = ctx.pathway
    groups = (
        ("steps", [s.id for s in p.steps]),
        ("organisations", [o.id for o in p.organisations]),
        ("outcomes", [o.id for o in p.outcomes]),
    )
    for section, ids in groups:
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                noun = section.rstrip("s")
                yield Issue(
                    f"{noun} id '{item_id}' is used twice; give each {noun} its own id",
                    (section, i, "id"),
                    item_id if section == "steps" else None,
                )
            seen.add(item_id)


@rule("unknown-step", "error")
def unknown_step(ctx: RuleContext) -> Iterator[Issue]:
    """A transition comes from or goes to a step that does not exist."""
    known = list(ctx.step_index)
    for i, t in enumerate(ctx.pathway.transitions):
        for field, target in (("from", t.from_), ("to", t.to)):
            if target not in ctx.step_index:
                verb = "comes from" if field == "from" else "goes to"
                yield Issue(
                    f"transition {verb} '{target}', which is not a step{_suggest(target, known)}",
                    ("transitions", i, field),
                    t.from_ if field == "to" and t.from_ in ctx.step_index else None,
                )


@rule("unknown-organisation", "error")
def unknown_organisation(ctx: RuleContext) -> Iterator[Issue]:
    """A step's owner or partner, or a sign-off, names an organisation that does not exist."""
    known = [o.id for o in ctx.pathway.organisations]
    known_set = set(known)
    for i, step in enumerate(ctx.pathway.steps):
        if step.owner and step.owner not in known_set:
            yield Issue(
                f"step '{step.id}' is owned by '{step.owner}', which is not an organisation of "
                f"this pathway{_suggest(step.owner, known)}",
                ("steps", i, "owner"),
                step.id,
            )
        for j, partner in enumerate(step.partners):
            if partner not in known_set:
                yield Issue(
                    f"step '{step.id}' names partner '{partner}', which is not an organisation "
                    f"of this pathway{_suggest(partner, known)}",
                    ("steps", i, "partners", j),
                    step.id,
                )
    for i, signoff in enumerate(ctx.pathway.signoffs):
        if signoff.organisation not in known_set:
            yield Issue(
                f"sign-off by '{signoff.organisation}', which is not an organisation of this "
                f"pathway{_suggest(signoff.organisation, known)}",
                ("signoffs", i, "organisation"),
            )


@rule("unknown-outcome", "error")
def unknown_outcome(ctx: RuleContext) -> Iterator[Issue]:
    """A step measures an outcome that is not defined under outcomes."""
    known = [o.id for o in ctx.pathway.outcomes]
    known_set = set(known)
    for i, step in enumerate(ctx.pathway.steps):
        for j, measure in enumerate(step.measures):
            if measure not in known_set:
                yield Issue(
                    f"step '{step.id}' measures '{measure}', which is not an outcome of this "
                    f"pathway{_suggest(measure, known)}",
                    ("steps", i, "measures", j),
                    step.id,
                )


@rule("id-mismatch", "warning")
def id_mismatch(ctx: RuleContext) -> Iterator[Issue]:
    """The pathway's id differs from its file name (<id>.yaml)."""
    if not ctx.file or ctx.file.startswith("<"):
        return
    stem = Path(ctx.file).name.removesuffix(".yaml").removesuffix(".yml")
    if stem != ctx.pathway.id:
        yield Issue(
            f"pathway id '{ctx.pathway.id}' differs from the file name '{stem}'; "
            f"name the file {ctx.pathway.id}.yaml",
            ("id",),
        )
