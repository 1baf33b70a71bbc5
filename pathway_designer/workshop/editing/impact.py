"""What else an edit touches: removing a step or a partner, said in a sentence for a confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Pathway
from .data import data_of, find, step_label, way


@dataclass(frozen=True)
class Impact:
    """What else removing something touches, said in a sentence for a confirmation."""

    subject: str
    touches: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The question's sentence: "Removing the step 'Triage' also removes 2 connections: ..."."""
        if not self.touches:
            return f"Removing {self.subject} touches nothing else."
        return f"Removing {self.subject} also " + "; ".join(self.touches) + "."

    def done(self) -> str:
        """The sentence once done: "Removed the step 'Triage', which also removed ..."."""
        if not self.touches:
            return f"Removed {self.subject}"
        return f"Removed {self.subject} (it also " + "; ".join(self.touches) + ")"


def step_impact(pathway: Pathway, step_id: str) -> Impact:
    """What removing a step touches: its connections, and steps left with no way in."""
    data = data_of(pathway)
    find(data["steps"], "id", step_id, "step")
    transitions = data.get("transitions", [])
    linked = [t for t in transitions if step_id in (t["from"], t["to"])]
    touches = []
    if linked:
        ways = ", ".join(way(data, t) for t in linked)
        touches.append(f"removes {len(linked)} connection{'s' * (len(linked) != 1)}: {ways}")
    stranded = [
        t["to"]
        for t in linked
        if t["from"] == step_id
        and t["to"] != step_id
        and not any(u["to"] == t["to"] and u["from"] != step_id for u in transitions)
    ]
    for other in dict.fromkeys(stranded):
        touches.append(f"leaves '{step_label(data, other)}' with no way in")
    return Impact(f"the step '{step_label(data, step_id)}'", touches)


def organisation_impact(pathway: Pathway, org_id: str) -> Impact:
    """What removing a partner touches: steps it owns or partners in, its sign-offs."""
    data = data_of(pathway)
    org = find(data["organisations"], "id", org_id, "organisation")
    owned = [s.get("label", s["id"]) for s in data["steps"] if s.get("owner") == org_id]
    partnered = [s.get("label", s["id"]) for s in data["steps"] if org_id in s.get("partners", [])]
    signed = [s["name"] for s in data.get("signoffs", []) if s.get("organisation") == org_id]
    touches = []
    if owned:
        touches.append(f"leaves {len(owned)} step{'s' * (len(owned) != 1)} with no owner: "
                       + ", ".join(f"'{x}'" for x in owned))
    if partnered:
        touches.append("takes it off as a partner of " + ", ".join(f"'{x}'" for x in partnered))
    if signed:
        touches.append("removes its sign-off by " + ", ".join(signed))
    return Impact(f"the partner '{org['name']}'", touches)
