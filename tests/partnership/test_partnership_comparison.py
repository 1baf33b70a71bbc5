"""compare: steps matched by id, then by label; only-A, only-B, differences; marks for the renderer."""

from __future__ import annotations

import json

from partnership_samples import load

from pathway_designer.comparison import (
    FieldDifference,
    as_json,
    as_text,
    compare,
    comparison_marks,
)

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


def test_steps_are_matched_by_id_then_by_label() -> None:
    c = compare(load(URBAN), load(RURAL))
    assert [(m.a, m.b, m.matched_by) for m in c.matches] == [
        ("referral", "referral", "id"),
        ("crisis-assessment", "assessment", "label"),
        ("discharge", "discharge", "id"),
    ]
    assert [s.id for s in c.only_a] == ["cafe"]
    assert [s.id for s in c.only_b] == ["home-treatment"]
    assert c.only_b[0].owner == "tewv (nhs-provider)"
    assert (c.outcomes_only_a, c.outcomes_only_b) == ((), ())


def test_differences_compare_organisations_by_role_across_places() -> None:
    c = compare(load(URBAN), load(RURAL))
    by_step = {m.a: m.differences for m in c.matches}
    # lypft and tewv are both the local NHS provider: referral and discharge are the same.
    assert by_step["referral"] == by_step["discharge"] == ()
    assert by_step["crisis-assessment"] == (
        FieldDifference("label", "Crisis team assessment", "Crisis team assessments"),
        FieldDifference("setting", "community", "remote"),
        FieldDifference("owner", "lypft (nhs-provider)", "mind (voluntary-sector)"),
        FieldDifference("wait", "4h", "24h"),
    )
    assert [(d.field, d.a, d.b) for d in c.context] == [
        ("area", "Leeds", "Ryedale"), ("geography", "urban", "rural"),
    ]  # fmt: skip


def test_a_shared_organisation_id_is_compared_as_itself() -> None:
    moved = URBAN.replace("community\n    owner: lypft\n", "community\n    owner: mind\n")
    c = compare(load(URBAN), load(moved))
    (changed,) = c.changed
    assert changed.differences == (
        FieldDifference("owner", "lypft (nhs-provider)", "mind (voluntary-sector)"),
    )


def test_a_pathway_compared_with_itself_has_no_differences() -> None:
    c = compare(load(URBAN), load(URBAN))
    assert (c.only_a, c.only_b, c.changed, c.context) == ((), (), (), ())
    assert comparison_marks(c) == ({}, {})


def test_marks_for_the_renderer() -> None:
    marks_a, marks_b = comparison_marks(compare(load(URBAN), load(RURAL)))
    assert marks_a == {"cafe": "removed", "crisis-assessment": "changed"}
    assert marks_b == {"home-treatment": "added", "assessment": "changed"}


def test_text_lists_what_differs_and_the_measures_side_by_side() -> None:
    text = as_text(compare(load(URBAN), load(RURAL)))
    cafe = "  cafe: Crisis café (intervention, community, mind (voluntary-sector))"
    assert f"Only in crisis-urban: 1\n{cafe}" in text
    assert "Only in crisis-rural: 1\n  home-treatment: Home treatment team (intervention, home, " in text
    assert "crisis-assessment ~ assessment (labels 98% alike)" in text
    assert "    wait 4h → 24h" in text
    assert "Outcomes: the same in both" in text
    assert "quickest" in text and "5h" in text and "1d 1h" in text


def test_json_carries_matches_measures_and_marks() -> None:
    data = json.loads(as_json(compare(load(URBAN), load(RURAL))))
    assert [s["id"] for s in data["only_a"]] == ["cafe"]
    assert data["marks"]["b"] == {"home-treatment": "added", "assessment": "changed"}
    assert data["analysis_a"]["routes"]["quickest"]["time"] == "5h"
    assert data["analysis_b"]["routes"]["quickest"]["time"] == "1d 1h"
