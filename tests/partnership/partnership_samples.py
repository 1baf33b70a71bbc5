"""Small pathways as YAML text for the partnership tests, and helpers to edit and check them.

BASE is a good shared pathway: no partnership rule fires on it (a test checks). Each rule's tests
change one thing in it with `edit` and check the finding, and the line it points at, with `line_of`.
"""

from __future__ import annotations

import datetime as dt

from pathway_designer import Finding, Pathway, load_text, validate
from pathway_designer.checks.config import RuleConfig

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

# Twins to compare: the same crisis pathway in a city and in the country.
URBAN = """\
format: 1
id: crisis-urban
title: Crisis pathway (urban)
context:
  area: Leeds
  geography: urban
organisations:
  - id: leeds-icb
    name: West Yorkshire ICB
    role: commissioner
  - id: lypft
    name: Leeds and York Partnership NHS FT
    role: nhs-provider
  - id: mind
    name: Leeds Mind
    role: voluntary-sector
steps:
  - id: referral
    label: Call NHS 111 option 2
    kind: entry
    owner: lypft
    wait: 1h
  - id: crisis-assessment
    label: Crisis team assessment
    kind: assessment
    setting: community
    owner: lypft
    wait: 4h
  - id: cafe
    label: Crisis café
    kind: intervention
    setting: community
    owner: mind
    modality: peer support
  - id: discharge
    label: Back to the GP
    kind: exit
    owner: lypft
transitions:
  - from: referral
    to: crisis-assessment
  - from: crisis-assessment
    to: cafe
    handoff: Warm handover
  - from: cafe
    to: discharge
    handoff: Letter
outcomes:
  - id: seen-in-4h
    measure: Seen within 4 hours
    direction: higher
"""

RURAL = """\
format: 1
id: crisis-rural
title: Crisis pathway (rural)
context:
  area: Ryedale
  geography: rural
organisations:
  - id: ny-icb
    name: North Yorkshire ICB
    role: commissioner
  - id: tewv
    name: Tees, Esk and Wear Valleys NHS FT
    role: nhs-provider
  - id: mind
    name: Ryedale Mind
    role: voluntary-sector
steps:
  - id: referral
    label: Call NHS 111 option 2
    kind: entry
    owner: tewv
    wait: 1h
  - id: assessment
    label: Crisis team assessments
    kind: assessment
    setting: remote
    owner: mind
    wait: 24h
  - id: home-treatment
    label: Home treatment team
    kind: intervention
    setting: home
    owner: tewv
    modality: intensive home support
  - id: discharge
    label: Back to the GP
    kind: exit
    owner: tewv
transitions:
  - from: referral
    to: assessment
    handoff: Shared record
  - from: assessment
    to: home-treatment
    handoff: Call
  - from: home-treatment
    to: discharge
outcomes:
  - id: seen-in-4h
    measure: Seen within 4 hours
    direction: higher
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
