"""Each partnership rule fires on a pathway that has the problem, at the right line, and not on BASE."""

from __future__ import annotations

import datetime as dt

import pytest
from partnership_samples import BASE, TODAY, edit, findings, line_of, load

from pathway_designer import Severity, fingerprint, validate
from pathway_designer.checks.rules import RULES

PARTNERSHIP_RULES = [
    "no-commissioner", "no-provider", "unowned-step", "silent-handoff", "no-outcomes",
    "unmeasured-outcome", "no-involvement", "hospital-centred", "single-modality", "push-language",
    "missing-wait", "signoff-required", "signoff-one-person", "stale-signoff", "review-overdue",
    "barrier-unrecorded",
]  # fmt: skip


def test_every_rule_of_the_issue_is_registered_in_the_partnership_category() -> None:
    for name in PARTNERSHIP_RULES:
        assert RULES[name].category == "partnership"
        assert RULES[name].doc
    assert RULES["barrier-unrecorded"].severity is Severity.INFO
    assert RULES["signoff-required"].severity is Severity.ERROR


def test_base_pathway_carries_no_finding() -> None:
    assert validate(load(BASE), today=TODAY) == []


# Partnership ------------------------------------------------------------------------------------


def test_no_commissioner_fires_when_no_organisation_commissions() -> None:
    text = edit(BASE, "role: commissioner", "role: other")
    (found,) = findings(text, "no-commissioner")
    assert found.severity is Severity.WARNING
    assert found.line == line_of(text, "  - id: icb")  # the first organisation


def test_no_provider_fires_when_no_organisation_provides_care() -> None:
    text = edit(BASE, "role: nhs-provider", "role: other")
    (found,) = findings(text, "no-provider")
    assert found.line == line_of(text, "  - id: icb")
    assert "who delivers" in found.message


@pytest.mark.parametrize("role", ["primary-care", "social-care", "voluntary-sector", "private-provider"])
def test_no_provider_is_quiet_for_every_provider_role(role: str) -> None:
    assert findings(edit(BASE, "role: nhs-provider", f"role: {role}"), "no-provider") == []


def test_unowned_step_fires_at_the_step() -> None:
    text = edit(BASE, "    kind: decision\n    owner: trust\n", "    kind: decision\n")
    (found,) = findings(text, "unowned-step")
    assert (found.line, found.step) == (line_of(text, "  - id: decide"), "decide")


VOLUNTARY = """\
  - id: mind
    name: Local Mind
    role: voluntary-sector
steps:
"""


def _groups_run_by_mind(text: str) -> str:
    text = edit(text, "steps:\n", VOLUNTARY)
    return edit(text, "    owner: trust\n    duration: 7w", "    owner: mind\n    duration: 7w")


def test_silent_handoff_fires_at_each_transition_between_organisations() -> None:
    text = _groups_run_by_mind(BASE)
    found = findings(text, "silent-handoff")
    assert [f.line for f in found] == [
        line_of(text, "  - from: decide\n    to: groups"),
        line_of(text, "  - from: groups"),
    ]
    said = found[0].message
    assert "from The Mental Health Trust to Local Mind between “What support would help?” and" in said
    assert found[0].step == "decide"


def test_silent_handoff_is_quiet_when_the_handoff_is_recorded() -> None:
    text = _groups_run_by_mind(BASE)
    text = edit(text, "    when: Would like a group\n",
                "    when: Would like a group\n    handoff: Warm handover call\n")  # fmt: skip
    text = edit(text, "  - from: groups\n    to: discharge\n",
                "  - from: groups\n    to: discharge\n    handoff: Letter to the GP\n")  # fmt: skip
    assert findings(text, "silent-handoff") == []


def test_silent_handoff_takes_a_blank_handoff_as_none() -> None:
    text = _groups_run_by_mind(BASE)
    text = edit(text, "    when: Would like a group\n", "    when: Would like a group\n    handoff: ' '\n")
    assert len(findings(text, "silent-handoff")) == 2


# Outcomes ---------------------------------------------------------------------------------------


def test_no_outcomes_fires_when_none_are_defined() -> None:
    text = BASE[: BASE.index("outcomes:")] + BASE[BASE.index("involvement:") :]
    text = edit(text, "    measures:\n      - diagnosis-within-6w\n", "")
    text = edit(text, "    measures:\n      - living-well\n", "")
    (found,) = findings(text, "no-outcomes")
    assert found.line == 1  # there is no outcomes field to point at
    assert findings(text, "unmeasured-outcome") == []


def test_unmeasured_outcome_fires_at_the_outcome() -> None:
    text = edit(BASE, "    measures:\n      - living-well\n", "")
    (found,) = findings(text, "unmeasured-outcome")
    assert found.line == line_of(text, "  - id: living-well")
    assert "“Living well at home”" in found.message and found.detail == "outcome living-well"


# Involvement ------------------------------------------------------------------------------------


def test_no_involvement_fires_when_none_is_recorded() -> None:
    text = BASE[: BASE.index("involvement:")]
    (found,) = findings(text, "no-involvement")
    assert found.line == 1
    assert "lived experience" in found.message


def test_no_involvement_fires_when_the_latest_is_more_than_twelve_months_old() -> None:
    text = BASE + "  - date: 2025-03-01\n    who: Patients' panel\n    how: Survey\n"
    (found,) = findings(text, "no-involvement", today=dt.date(2027, 9, 2))
    assert found.line == line_of(text, "  - date: 2026-09-01")  # the latest, not the first
    assert "1 September 2026" in found.message


def test_no_involvement_is_quiet_on_the_anniversary() -> None:
    assert findings(BASE, "no-involvement", today=dt.date(2027, 9, 1)) == []


def test_no_involvement_counts_twelve_months_back_from_29_february() -> None:
    text = edit(BASE, "  - date: 2026-09-01", "  - date: 2027-02-28")
    assert findings(text, "no-involvement", today=dt.date(2028, 2, 29)) == []
    assert findings(text, "no-involvement", today=dt.date(2028, 3, 1)) != []


# Care -------------------------------------------------------------------------------------------


def test_hospital_centred_fires_when_most_steps_are_in_hospital() -> None:
    text = BASE.replace("setting: community", "setting: hospital")
    (found,) = findings(text, "hospital-centred")
    assert found.line == line_of(text, "  - id: referral")  # the first step
    assert "4 of 5 steps" in found.message


def test_hospital_centred_is_quiet_at_half() -> None:
    text = BASE.replace("    setting: community\n    owner: trust\n    wait", "    setting: hospital\n"
                        "    owner: trust\n    wait")  # fmt: skip
    assert findings(text, "hospital-centred") == []  # 2 of 5 in hospital


def test_hospital_centred_fires_for_a_decision_offering_only_admission() -> None:
    text = edit(BASE, "    setting: community\n    owner: trust\n    duration: 7w",
                "    setting: inpatient\n    owner: trust\n    duration: 7w")  # fmt: skip
    text = edit(text, "    setting: home\n", "    setting: primary-care\n")
    (found,) = findings(text, "hospital-centred")
    assert (found.line, found.step) == (line_of(text, "  - id: decide"), "decide")
    assert "offers a hospital stay (“Cognitive stimulation groups”)" in found.message


def test_hospital_centred_is_quiet_when_a_home_alternative_is_offered() -> None:
    text = edit(BASE, "    setting: community\n    owner: trust\n    duration: 7w",
                "    setting: inpatient\n    owner: trust\n    duration: 7w")  # fmt: skip
    assert findings(text, "hospital-centred") == []


def test_hospital_centred_recognises_admission_in_a_label() -> None:
    text = edit(BASE, "label: Cognitive stimulation groups", "label: Admission to a ward")
    text = edit(text, "    setting: community\n    owner: trust\n    duration: 7w",
                "    setting: hospital\n    owner: trust\n    duration: 7w")  # fmt: skip
    text = edit(text, "    setting: home\n", "")
    assert [f.step for f in findings(text, "hospital-centred")] == ["decide"]


def test_single_modality_fires_when_every_intervention_is_the_same_kind_of_help() -> None:
    text = edit(BASE, "modality: home visits", "modality: Group Therapy ")
    (found,) = findings(text, "single-modality")
    assert found.line == line_of(text, "modality: group therapy")
    assert "All 2 interventions offer “group therapy”" in found.message


def test_single_modality_fires_for_a_single_intervention() -> None:
    text = edit(BASE, "    to: home-support\n", "    to: discharge\n")
    text = text.replace("  - from: home-support\n    to: discharge\n", "")
    text = text[: text.index("  - id: home-support")] + text[text.index("  - id: discharge") :]
    text = edit(text, "    measures:\n      - diagnosis-within-6w\n", "    measures:\n"
                "      - diagnosis-within-6w\n      - living-well\n")  # fmt: skip
    (found,) = findings(text, "single-modality")
    assert "The only intervention" in found.message


def test_single_modality_is_quiet_when_a_modality_is_not_given() -> None:
    text = edit(BASE, "    modality: home visits\n", "")
    assert findings(text, "single-modality") == []
    assert findings(BASE, "single-modality") == []


# Waits ------------------------------------------------------------------------------------------


def test_missing_wait_fires_for_an_assessment_without_a_time_standard() -> None:
    text = edit(BASE, "    wait: 6w\n", "")
    (found,) = findings(text, "missing-wait")
    assert (found.line, found.step) == (line_of(text, "  - id: assess"), "assess")


def test_missing_wait_fires_for_an_entry_and_not_for_an_intervention() -> None:
    text = edit(BASE, "    wait: 1d\n", "")
    assert [f.step for f in findings(text, "missing-wait")] == ["referral"]
    assert findings(BASE, "missing-wait") == []  # the interventions have no wait


def test_barrier_unrecorded_is_information_at_the_long_wait() -> None:
    text = edit(BASE, "    barriers:\n      - Few clinics in rural areas\n", "")
    (found,) = findings(text, "barrier-unrecorded")
    assert found.severity is Severity.INFO
    assert found.line == line_of(text, "wait: 6w")


def test_barrier_unrecorded_is_quiet_for_a_short_wait() -> None:
    text = edit(BASE, "    barriers:\n      - Few clinics in rural areas\n", "")
    assert findings(edit(text, "wait: 6w", "wait: 27d"), "barrier-unrecorded") == []
    assert len(findings(edit(text, "wait: 6w", "wait: 28d"), "barrier-unrecorded")) == 1


# Agreement --------------------------------------------------------------------------------------


def _signed(text: str, *organisations: str, print_of: str | None = None) -> str:
    """`text` with sign-offs by `organisations` of the content of `print_of` (default: `text`)."""
    agreed_to = fingerprint(load(print_of or text))
    lines = ["signoffs:"]
    for org in organisations:
        lines += [f"  - organisation: {org}", f"    name: Signer for {org}", "    date: 2026-11-20",
                  f"    fingerprint: {agreed_to}"]  # fmt: skip
    return text + "\n".join(lines) + "\n"


def test_signoff_required_fires_on_an_agreed_pathway_without_sign_offs() -> None:
    text = edit(BASE, "status: draft", "status: agreed")
    (found,) = findings(text, "signoff-required")
    assert (found.severity, found.line) == (Severity.ERROR, line_of(text, "status: agreed"))
    assert "a commissioner or a provider" in found.message


def test_signoff_required_names_the_missing_provider() -> None:
    text = _signed(edit(BASE, "status: draft", "status: live"), "icb")
    (found,) = findings(text, "signoff-required")
    assert "no sign-off from a provider" in found.message


def test_signoff_required_is_quiet_with_both_sign_offs_or_in_draft() -> None:
    assert findings(_signed(edit(BASE, "status: draft", "status: agreed"), "icb", "trust"),
                    "signoff-required") == []  # fmt: skip
    assert findings(BASE, "signoff-required") == []


def test_signoff_by_service_users_does_not_stand_for_a_provider() -> None:
    text = _signed(edit(BASE, "status: draft", "status: agreed"), "icb", "carers")
    assert len(findings(text, "signoff-required")) == 1


def test_stale_signoff_is_a_warning_in_draft_naming_who_signs_again() -> None:
    changed = edit(BASE, "wait: 6w", "wait: 8w")
    text = _signed(changed, "icb", print_of=BASE)
    (found,) = findings(text, "stale-signoff")
    assert (found.severity, found.line) == (Severity.WARNING, line_of(text, "  - organisation: icb"))
    assert "Signer for icb (The Integrated Care Board)" in found.message and "sign off again" in found.message


def test_stale_signoff_is_an_error_when_agreed() -> None:
    changed = edit(edit(BASE, "status: draft", "status: agreed"), "wait: 6w", "wait: 8w")
    text = _signed(changed, "icb", "trust", print_of=BASE)
    found = findings(text, "stale-signoff")
    assert [f.severity for f in found] == [Severity.ERROR, Severity.ERROR]


def test_stale_signoff_is_quiet_when_only_status_changed() -> None:
    text = _signed(edit(BASE, "status: draft", "status: live"), "icb", "trust", print_of=BASE)
    assert findings(text, "stale-signoff") == []


def test_stale_signoff_is_quiet_when_the_organisation_signed_again() -> None:
    changed = edit(BASE, "wait: 6w", "wait: 8w")
    old = _signed(changed, "icb", print_of=BASE)
    current = fingerprint(load(changed))
    text = old + (
        f"  - organisation: icb\n    name: New signer\n    date: 2026-11-30\n    fingerprint: {current}\n"
    )
    assert findings(text, "stale-signoff") == []


def test_review_overdue_fires_the_day_after_it_was_due() -> None:
    (found,) = findings(BASE, "review-overdue", today=dt.date(2027, 6, 2))
    assert found.line == line_of(BASE, "  due: 2027-06-01")
    assert findings(BASE, "review-overdue", today=dt.date(2027, 6, 1)) == []


def test_review_overdue_is_quiet_without_review_dates() -> None:
    text = edit(BASE, "review:\n  last: 2026-06-01\n  due: 2027-06-01\n", "")
    assert findings(text, "review-overdue", today=dt.date(2030, 1, 1)) == []
