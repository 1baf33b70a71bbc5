"""Rules about ids and the references between parts of a pathway."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from ...words import quoted
from .registry import Issue, RuleContext, rule


def _close(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest_step(ctx: RuleContext, step_id: str) -> str:
    close = _close(step_id, list(ctx.step_index))
    return f" (did you mean {ctx.step(close)}?)" if close else ""


def _suggest_org(ctx: RuleContext, org_id: str) -> str:
    close = _close(org_id, [o.id for o in ctx.pathway.organisations])
    return f" (did you mean {ctx.org(close)}?)" if close else ""


def _suggest_outcome(ctx: RuleContext, outcome_id: str) -> str:
    outcomes = {o.id: o.measure for o in ctx.pathway.outcomes}
    close = _close(outcome_id, list(outcomes))
    return f" (did you mean {quoted(outcomes[close])}?)" if close else ""


@rule("duplicate-id", "error")
def duplicate_id(ctx: RuleContext) -> Iterator[Issue]:
    """Two steps, organisations or outcomes share an id."""
    p = ctx.pathway
    groups = (
        ("steps", "step", [(s.id, quoted(s.label)) for s in p.steps]),
        ("organisations", "organisation", [(o.id, o.name) for o in p.organisations]),
        ("outcomes", "outcome", [(o.id, quoted(o.measure)) for o in p.outcomes]),
    )
    for section, noun, items in groups:
        seen: dict[str, str] = {}
        for i, (item_id, name) in enumerate(items):
            if item_id in seen:
                said = (
                    f"Two {noun}s called {name} have the same short name in the file"
                    if seen[item_id] == name
                    else f"The {noun} {name} has the same short name in the file as the {noun} "
                    f"{seen[item_id]}"
                )
                yield Issue(
                    f"{said}: give each {noun} its own.",
                    (section, i, "id"),
                    item_id if section == "steps" else None,
                    detail=f"{noun} id {item_id}",
                )
            else:
                seen[item_id] = name


@rule("unknown-step", "error")
def unknown_step(ctx: RuleContext) -> Iterator[Issue]:
    """A transition comes from or goes to a step that does not exist."""
    for i, t in enumerate(ctx.pathway.transitions):
        for field, target in (("from", t.from_), ("to", t.to)):
            if target not in ctx.step_index:
                other = t.to if field == "from" else t.from_
                if other in ctx.step_index:
                    way = "to" if field == "from" else "from"
                    where = f"A way on {way} {ctx.step(other)}"
                else:
                    where = "A way on between two steps"
                verb = "comes from" if field == "from" else "goes to"
                yield Issue(
                    f"{where} {verb} a step that is not in the pathway"
                    f"{_suggest_step(ctx, target)}.",
                    ("transitions", i, field),
                    t.from_ if field == "to" and t.from_ in ctx.step_index else None,
                    detail=f"transition {t.from_} to {t.to}, unknown step {target}",
                )


@rule("unknown-organisation", "error")
def unknown_organisation(ctx: RuleContext) -> Iterator[Issue]:
    """A step's owner or partner, or a sign-off, names an organisation that does not exist."""
    known_set = {o.id for o in ctx.pathway.organisations}
    for i, step in enumerate(ctx.pathway.steps):
        if step.owner and step.owner not in known_set:
            yield Issue(
                f"The organisation responsible for {ctx.step(step.id)} is not one of this "
                f"pathway's organisations{_suggest_org(ctx, step.owner)}.",
                ("steps", i, "owner"),
                step.id,
                detail=f"step {step.id}, unknown owner {step.owner}",
            )
        for j, partner in enumerate(step.partners):
            if partner not in known_set:
                yield Issue(
                    f"A partner named for {ctx.step(step.id)} is not one of this pathway's "
                    f"organisations{_suggest_org(ctx, partner)}.",
                    ("steps", i, "partners", j),
                    step.id,
                    detail=f"step {step.id}, unknown partner {partner}",
                )
    for i, signoff in enumerate(ctx.pathway.signoffs):
        if signoff.organisation not in known_set:
            yield Issue(
                f"{signoff.name} signed off for an organisation that is not one of this "
                f"pathway's organisations{_suggest_org(ctx, signoff.organisation)}.",
                ("signoffs", i, "organisation"),
                detail=f"sign-off, unknown organisation {signoff.organisation}",
            )


@rule("unknown-outcome", "error")
def unknown_outcome(ctx: RuleContext) -> Iterator[Issue]:
    """A step measures an outcome that is not defined under outcomes."""
    known_set = {o.id for o in ctx.pathway.outcomes}
    for i, step in enumerate(ctx.pathway.steps):
        for j, measure in enumerate(step.measures):
            if measure not in known_set:
                yield Issue(
                    f"{ctx.step(step.id)} measures an outcome that is not one of this pathway's "
                    f"outcomes{_suggest_outcome(ctx, measure)}.",
                    ("steps", i, "measures", j),
                    step.id,
                    detail=f"step {step.id}, unknown outcome {measure}",
                )


@rule("id-mismatch", "warning")
def id_mismatch(ctx: RuleContext) -> Iterator[Issue]:
    """The pathway's id differs from its file name (<id>.yaml)."""
    if not ctx.file or ctx.file.startswith("<"):
        return
    stem = Path(ctx.file).name.removesuffix(".yaml").removesuffix(".yml")
    if stem != ctx.pathway.id:
        yield Issue(
            "The file's name does not match the short name the pathway gives itself: rename "
            "one of them so they match.",
            ("id",),
            detail=f"id {ctx.pathway.id}, file {stem}: name the file {ctx.pathway.id}.yaml",
        )
