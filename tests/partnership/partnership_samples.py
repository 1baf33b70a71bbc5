"""Small pathways as YAML text for the partnership tests, and helpers to edit and check them.

BASE is a good shared pathway: no partnership rule fires on it (a test checks). Each rule's tests
change one thing in it with `edit` and check the finding, and the line it points at, with `line_of`.
"""

from __future__ import annotations

import datetime as dt

from pathway_designer import Finding, Pathway, load_text, validate
from pathway_designer.rule_config import RuleConfig

TODAY = dt.date(2026, 12, 1)

BASE = """\
format: 1
id: memory
title: Memory assessment and support
status: draft
review:
  last: 2026-06-01
  due: 2027-06-01
organisations:
  - id: icb
    name: The Integrated Care Board
    role: commissioner
  - id: trust
    name: The Mental Health Trust
    role: nhs-provider
  - id: carers
    name: Carers' forum
    role: service-users-carers
steps:
  - id: referral
    label: Referral from a GP or self-referral
    kind: entry
    setting: community
    owner: trust
    wait: 1d
  - id: assess
    label: Memory assessment
    kind: assessment
    setting: community
    owner: trust
    wait: 6w
    duration: 2h
    barriers:
      - Few clinics in rural areas
    measures:
      - diagnosis-within-6w
  - id: decide
    label: What support would help?
    kind: decision
    owner: trust
  - id: groups
    label: Cognitive stimulation groups
    kind: intervention
    setting: community
    owner: trust
    duration: 7w
    modality: group therapy
  - id: home-support
    label: Support at home
    kind: intervention
    setting: home
    owner: trust
    duration: 12w
    modality: home visits
    measures:
      - living-well
  - id: discharge
    label: Back to the GP with a care plan
    kind: exit
    setting: community
    owner: trust
transitions:
  - from: referral
    to: assess
  - from: assess
    to: decide
  - from: decide
    to: groups
    when: Would like a group
  - from: decide
    to: home-support
    when: Would like support at home
  - from: groups
    to: discharge
  - from: home-support
    to: discharge
outcomes:
  - id: diagnosis-within-6w
    measure: Diagnosed within six weeks of referral
    direction: higher
  - id: living-well
    measure: Living well at home
    direction: higher
involvement:
  - date: 2026-09-01
    who: Carers' forum
    how: Co-design workshop
"""


def edit(text: str, old: str, new: str) -> str:
    """`text` with `old` (which must occur exactly once) replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` (which must occur exactly once) starts."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


def load(text: str) -> Pathway:
    return load_text(text, "<text>")


def findings(
    text: str, rule: str, today: dt.date = TODAY, config: RuleConfig | None = None
) -> list[Finding]:
    """The findings of one rule on a pathway given as text."""
    return [f for f in validate(load(text), config=config, today=today) if f.rule == rule]
