"""compare: steps matched by id, then by label; only-A, only-B, differences; marks for the renderer."""

from __future__ import annotations

import json

from partnership_samples import RURAL, URBAN, load

from pathway_designer.partnership.comparison import (
    FieldDifference,
    compare,
    comparison_marks,
    comparison_transition_marks,
)
from pathway_designer.partnership.comparison_json import as_json
from pathway_designer.partnership.comparison_text import as_text


def test_steps_are_matched_by_id_then_by_label() -> None:
    c = compare(load(URBAN), load(RURAL))
    assert [(m.a, m.b, m.matched_by) for m in c.matches] == [
        ("referral", "referral", "id"),
        ("crisis-assessment", "assessment", "label"),
        ("discharge", "discharge", "id"),
    ]
    assert [s.id for s in c.only_a] == ["cafe"]
    assert [s.id for s in c.only_b] == ["home-treatment"]
    assert c.only_b[0].owner == "tewv (NHS provider)"
    assert (c.outcomes_only_a, c.outcomes_only_b) == ((), ())


def test_differences_compare_organisations_by_role_across_places() -> None:
    c = compare(load(URBAN), load(RURAL))
    by_step = {m.a: m.differences for m in c.matches}
    # lypft and tewv are both the local NHS provider: referral and discharge are the same.
    assert by_step["referral"] == by_step["discharge"] == ()
    assert by_step["crisis-assessment"] == (
        FieldDifference("label", "Crisis team assessment", "Crisis team assessments"),
        FieldDifference("setting", "community", "remote"),
        FieldDifference("owner", "lypft (NHS provider)", "mind (voluntary sector)"),
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
        FieldDifference("owner", "lypft (NHS provider)", "mind (voluntary sector)"),
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
    cafe = "  cafe: Crisis café (help or treatment, in the community, mind (voluntary sector))"
    assert f"Only in crisis-urban: 1\n{cafe}" in text
    home = "  home-treatment: Home treatment team (help or treatment, at home, "
    assert f"Only in crisis-rural: 1\n{home}" in text
    assert "crisis-assessment ~ assessment (labels 98% alike)" in text
    assert "    wait to start 4 hours → 1 day" in text
    assert "  context: kind of place urban → rural" in text
    assert "Outcomes: the same in both" in text
    assert "4 steps, 5 hours" in text and "4 steps, 1 day 1 hour  *" in text


def test_json_carries_matches_measures_and_marks() -> None:
    data = json.loads(as_json(compare(load(URBAN), load(RURAL))))
    assert [s["id"] for s in data["only_a"]] == ["cafe"]
    assert data["marks"]["b"] == {"home-treatment": "added", "assessment": "changed"}
    assert data["analysis_a"]["routes"]["quickest"]["time"] == "5 hours"
    assert data["analysis_b"]["routes"]["quickest"]["time"] == "1 day 1 hour"


def test_ways_on_only_one_pathway_has_are_named_in_its_own_step_ids() -> None:
    c = compare(load(URBAN), load(RURAL))
    # referral -> crisis-assessment is referral -> assessment in B: the same way on.
    assert c.transitions_only_a == (("crisis-assessment", "cafe"), ("cafe", "discharge"))
    assert c.transitions_only_b == (("assessment", "home-treatment"), ("home-treatment", "discharge"))
    ways_a, ways_b = comparison_transition_marks(c)
    assert ways_a == {("crisis-assessment", "cafe"): "removed", ("cafe", "discharge"): "removed"}
    assert ways_b[("assessment", "home-treatment")] == "added"
    assert "Ways on only in crisis-rural: assessment → home-treatment, home-treatment → discharge" in (
        as_text(c)
    )


def test_the_renderer_draws_the_marks() -> None:
    from pathway_designer.render import render_dot

    c = compare(load(URBAN), load(RURAL))
    marks_a, _ = comparison_marks(c)
    ways_a, _ = comparison_transition_marks(c)
    plain = render_dot(load(URBAN))
    marked = render_dot(load(URBAN), marks=marks_a, transition_marks=ways_a)
    assert marked != plain
