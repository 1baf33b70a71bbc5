"""Rules about the care offered: where it happens, and whether people have a choice of help.

Care close to home is what most people want and what the NHS long-term plan asks for; a pathway that
defaults to hospital, or offers one kind of help only, deserves a second look in the workshop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Setting, Step, StepKind
from ...words import quoted
from .registry import Issue, RuleContext, rule

HOSPITAL_SETTINGS = frozenset({Setting.HOSPITAL, Setting.INPATIENT})
COMMUNITY_SETTINGS = frozenset({Setting.HOME, Setting.COMMUNITY})
_OTHER_HELP = ("peer support", "talking therapy", "family work", "medication")
_ADMISSION = re.compile(r"\b(admit|admits|admitted|admission|admissions)\b", re.IGNORECASE)


def offers_admission(step: Step) -> bool:
    """An inpatient step, or a step whose label says it admits people."""
    return step.setting is Setting.INPATIENT or bool(_ADMISSION.search(step.label))


@rule("hospital-centred", "warning", category="partnership")
def hospital_centred(ctx: RuleContext) -> Iterator[Issue]:
    """Most steps are in hospital, or a decision offers admission with no community alternative."""
    placed = [s for s in ctx.pathway.steps if s.setting]
    in_hospital = [s for s in placed if s.setting in HOSPITAL_SETTINGS]
    if placed and len(in_hospital) * 2 > len(placed):
        yield Issue(
            f"{len(in_hospital)} of {len(placed)} steps with a setting are in hospital or a "
            "hospital stay: could some happen at home or in the community?",
            ("steps",),
        )
    yield from _admission_without_alternative(ctx)


def _admission_without_alternative(ctx: RuleContext) -> Iterator[Issue]:
    steps = {s.id: s for s in reversed(ctx.pathway.steps)}
    ways_on: dict[str, list[Step]] = {}
    for t in ctx.pathway.transitions:
        if t.to in steps:
            ways_on.setdefault(t.from_, []).append(steps[t.to])
    for i, step in enumerate(ctx.pathway.steps):
        if step.kind is not StepKind.DECISION:
            continue
        options = ways_on.get(step.id, [])
        admissions = [o for o in options if offers_admission(o)]
        if admissions and not any(o.setting in COMMUNITY_SETTINGS for o in options):
            yield Issue(
                f"The decision {ctx.step(step.id)} offers a hospital stay "
                f"({quoted(admissions[0].label)}) with no home or community alternative: is there "
                "a crisis house, home treatment or a crisis café that could be offered too?",
                ("steps", i),
                step.id,
            )


@rule("single-modality", "warning", category="partnership")
def single_modality(ctx: RuleContext) -> Iterator[Issue]:
    """Every intervention uses the same modality: people are offered no choice of help."""
    interventions = [
        (i, s) for i, s in enumerate(ctx.pathway.steps) if s.kind is StepKind.INTERVENTION
    ]
    modalities = {(s.modality or "").strip().lower() for _, s in interventions}
    # An intervention with no modality given might be different help: say nothing rather than guess.
    if len(modalities) == 1 and "" not in modalities:
        first_index, first = interventions[0]
        count = len(interventions)
        every = "the only intervention offers" if count == 1 else f"all {count} interventions offer"
        (only,) = modalities
        others = [m for m in _OTHER_HELP if m != only][:3]
        yield Issue(
            f"{every.capitalize()} {quoted(first.modality or '')}: people do better with a "
            f"choice. Could another kind of help (for example {', '.join(others)}) be offered?",
            ("steps", first_index, "modality"),
            first.id,
        )
