"""Partnership rules: who is in the partnership, who owns each step, where responsibility passes.

Responsibility that passes between organisations with nothing said about how is where people get
lost, so these rules ask the workshop to name it. They are warnings: prompts, never blockers.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import PROVIDER_ROLES, Role
from ...partnership.measures import handoffs
from ...words import ROLE_WORDS, word
from .registry import Issue, RuleContext, rule


@rule("no-commissioner", "warning", category="partnership")
def no_commissioner(ctx: RuleContext) -> Iterator[Issue]:
    """No organisation of the pathway is a commissioner."""
    if not any(o.role is Role.COMMISSIONER for o in ctx.pathway.organisations):
        yield Issue(
            f"No organisation is a {word(ROLE_WORDS, Role.COMMISSIONER, in_sentence=True)}: who "
            "commissions this pathway, and could they join the partnership?",
            ("organisations",),
        )


@rule("no-provider", "warning", category="partnership")
def no_provider(ctx: RuleContext) -> Iterator[Issue]:
    """No organisation of the pathway provides care (NHS, primary care, social care, voluntary...)."""
    if not any(o.role in PROVIDER_ROLES for o in ctx.pathway.organisations):
        roles = ", ".join(word(ROLE_WORDS, r, in_sentence=True) for r in Role if r in PROVIDER_ROLES)
        yield Issue(
            f"No organisation provides care ({roles}): who delivers this pathway?",
            ("organisations",),
        )


@rule("unowned-step", "warning", category="partnership")
def unowned_step(ctx: RuleContext) -> Iterator[Issue]:
    """A step has no owner: nobody is responsible for it."""
    for i, step in enumerate(ctx.pathway.steps):
        if not step.owner:
            yield Issue(
                f"No organisation is responsible for {ctx.step(step.id)}: which one is?",
                ("steps", i),
                step.id,
            )


@rule("silent-handoff", "warning", category="partnership")
def silent_handoff(ctx: RuleContext) -> Iterator[Issue]:
    """Responsibility passes to another organisation with no handoff recorded."""
    for h in handoffs(ctx.pathway):
        if h.how is None:
            giver, taker = (ctx.org(org) for org in (h.from_organisation, h.to_organisation))
            yield Issue(
                f"Care passes from {giver} to {taker} between {ctx.step(h.from_step)} and "
                f"{ctx.step(h.to_step)}, with nothing said about how: how will information and "
                "responsibility pass (for example a shared care record, or a warm handover call)?",
                ("transitions", h.transition),
                h.from_step,
                detail=f"transition {h.from_step} to {h.to_step}, field handoff",
            )
