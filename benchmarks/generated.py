"""Generated pathways of any size, for the benchmarks: a chain of steps with branches and loops."""

from __future__ import annotations

import random

ORGS = [
    ("icb", "Integrated Care Board", "commissioner"),
    ("trust", "Mental Health Trust", "nhs-provider"),
    ("gp", "GP practice", "primary-care"),
    ("council", "Adult Social Care", "social-care"),
    ("mind", "Local Mind", "voluntary-sector"),
]
KINDS = ["assessment", "intervention", "referral", "review"]
SETTINGS = ["home", "community", "primary-care", "hospital", "remote"]


def pathway_text(steps: int, seed: int = 1) -> str:
    """YAML text of a valid pathway: about two transitions per step, some loops back."""
    rng = random.Random(seed)
    lines = [
        "format: 1",
        f"id: generated-{steps}",
        f"title: Generated pathway of {steps} steps",
        "organisations:",
    ]
    for oid, name, role in ORGS:
        lines += [f"  - id: {oid}", f"    name: {name}", f"    role: {role}"]
    lines.append("steps:")
    for i in range(steps):
        kind = "entry" if i == 0 else "exit" if i == steps - 1 else (
            "decision" if i % 5 == 0 else rng.choice(KINDS))
        lines += [
            f"  - id: s{i}",
            f"    label: Step {i} of the pathway",
            f"    kind: {kind}",
            f"    setting: {rng.choice(SETTINGS)}",
            f"    owner: {rng.choice(ORGS)[0]}",
            f"    wait: {rng.randint(1, 12)}h",
        ]
    lines.append("transitions:")
    for i in range(steps - 1):
        lines += [f"  - from: s{i}", f"    to: s{i + 1}"]
        if i % 5 == 0 and i > 0:  # decisions: a second way on, forward or back (a loop)
            target = max(1, i - rng.randint(1, 4)) if rng.random() < 0.4 else min(steps - 1, i + 2)
            lines.append("    when: 'Yes'")
            lines += [f"  - from: s{i}", f"    to: s{target}", "    when: 'No'"]
    return "\n".join(lines) + "\n"
