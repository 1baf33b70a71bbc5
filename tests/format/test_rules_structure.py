"""Every structural rule: a pathway that fires it (at the exact line, column and step) and one that
does not. Positions are stated with `at(text, line containing, target)` so each is exact."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from format_helpers import BASE_STEPS, BASE_TRANSITIONS, at, build, findings, where

from pathway_designer import Severity, check_file, load_text, validate
from pathway_designer.checks.config import CONFIG_NAME, RuleConfig, find_config, load_config
from pathway_designer.checks.rules import RULES

STRUCTURE_RULES = sorted(name for name, r in RULES.items() if r.category == "structure")
ISSUE_RULES = {
    "duplicate-id", "unknown-step", "unknown-organisation", "unknown-outcome", "id-mismatch",
    "missing-entry", "missing-exit", "unreachable-step", "dead-end", "endless-loop",
    "exit-has-onward", "decision-branches", "unlabelled-branch", "ambiguous-branch",
    "duplicate-transition", "self-loop",
}
COVERED: set[str] = set()


def covers(rule: str):
    """Mark a test class as the tests of one rule (checked against the registry below)."""

    def mark(cls):
        COVERED.add(rule)
        cls.rule = rule
        return cls

    return mark


def test_every_rule_of_the_issue_is_registered_as_structure():
    assert set(STRUCTURE_RULES) >= ISSUE_RULES


def test_the_base_pathway_breaks_no_structural_rule(valid_text):
    found = [f for f in findings(valid_text) if f.rule in STRUCTURE_RULES]
    assert found == []


# --- ids and references --------------------------------------------------------------------------


@covers("duplicate-id")
class TestDuplicateId:
    def test_fires_for_steps_organisations_and_outcomes(self):
        text = build(
            [("start", "entry"), ("help", "intervention"), ("help", "assessment"), ("done", "exit")],
            [("start", "help"), ("help", "done")],
            organisations=(
                "  - id: trust\n    name: Demo NHS Trust\n    role: nhs-provider\n"
                "  - id: trust\n    name: Another NHS Trust\n    role: nhs-provider\n"
            ),
            tail="""\
            outcomes:
              - id: seen
                measure: Seen in time
                direction: higher
              - id: seen
                measure: Seen in time again
                direction: higher
            """,
        )
        found = findings(text, "duplicate-id")
        assert all(f.severity is Severity.ERROR for f in found)
        assert where(found) == [
            (*at(text, "- id: trust", "trust", nth=2), None),
            (*at(text, "- id: help", "help", nth=2), "help"),
            (*at(text, "- id: seen", "seen", nth=2), None),
        ]
        assert found[1].message == (
            "Two steps called “Step help” have the same short name in the file: give each step its own."
        )
        assert found[1].detail == "step id help" and found[1].reference().startswith("duplicate-id, line ")

    def test_quiet_for_distinct_ids(self, valid_text):
        assert findings(valid_text, "duplicate-id") == []

    def test_same_id_in_different_sections_is_fine(self):
        text = build(
            [("start", "entry"), ("trust", "intervention"), ("done", "exit")],
            [("start", "trust"), ("trust", "done")],
        )
        assert findings(text, "duplicate-id") == []


@covers("unknown-step")
class TestUnknownStep:
    def test_fires_with_did_you_mean_at_the_misspelt_id(self):
        text = build(
            BASE_STEPS,
            [("start", "triage"), ("triage", "help", "Yes"), ("triage", "don", "No"), ("help", "done")],
        )
        found = findings(text, "unknown-step")
        assert where(found) == [(*at(text, "to: don", "don"), "triage")]
        assert found[0].message == (
            "A way on from “Step triage” goes to a step that is not in the pathway (did you mean "
            "“Step done”?)."
        )
        assert "unknown step don" in (found[0].detail or "")
        assert found[0].severity is Severity.ERROR

    def test_unknown_from_has_no_step(self):
        text = build(BASE_STEPS, [*BASE_TRANSITIONS, ("nowhere-at-all", "done")])
        found = findings(text, "unknown-step")
        assert where(found) == [(*at(text, "from: nowhere-at-all", "nowhere-at-all"), None)]
        assert "did you mean" not in found[0].message

    def test_quiet_when_every_transition_names_steps(self, valid_text):
        assert findings(valid_text, "unknown-step") == []


@covers("unknown-organisation")
class TestUnknownOrganisation:
    def test_fires_for_owner_partner_and_signoff(self):
        text = build(
            [
                ("start", "entry", "owner: trusst"),
                ("help", "intervention", "owner: trust\npartners: [trust, mind]"),
                ("done", "exit"),
            ],
            [("start", "help"), ("help", "done")],
            tail="""\
            signoffs:
              - organisation: icb
                name: Jane Smith
                date: 2026-11-20
                fingerprint: sha256:%s
            """ % ("0" * 64),
        )
        found = findings(text, "unknown-organisation")
        assert where(found) == [
            (*at(text, "owner: trusst", "trusst"), "start"),
            (*at(text, "partners: [trust, mind]", "mind"), "help"),
            (*at(text, "organisation: icb", "icb"), None),
        ]
        assert "(did you mean Demo NHS Trust?)" in found[0].message

    def test_quiet_for_known_organisations(self):
        text = build(
            [("start", "entry", "owner: trust\npartners: [trust]"), ("done", "exit")],
            [("start", "done")],
        )
        assert findings(text, "unknown-organisation") == []


@covers("unknown-outcome")
class TestUnknownOutcome:
    TAIL = """\
    outcomes:
      - id: readmission-30d
        measure: Readmitted within 30 days
        direction: lower
    """

    def test_fires_at_the_measure(self):
        text = build(
            [("start", "entry"), ("done", "exit", "measures:\n  - readmission-3d")],
            [("start", "done")],
            tail=self.TAIL,
        )
        found = findings(text, "unknown-outcome")
        assert where(found) == [(*at(text, "- readmission-3d", "readmission-3d"), "done")]
        assert "(did you mean “Readmitted within 30 days”?)" in found[0].message

    def test_quiet_for_a_defined_outcome(self):
        text = build(
            [("start", "entry"), ("done", "exit", "measures: [readmission-30d]")],
            [("start", "done")],
            tail=self.TAIL,
        )
        assert findings(text, "unknown-outcome") == []


@covers("id-mismatch")
class TestIdMismatch:
    def test_warns_at_the_id_when_the_file_name_differs(self, valid_text):
        found = findings(valid_text, "id-mismatch", name="pathways/other-name.yaml")
        assert where(found) == [(*at(valid_text, "id: demo", "demo"), None)]
        assert found[0].severity is Severity.WARNING
        assert "does not match" in found[0].message
        assert "name the file demo.yaml" in (found[0].detail or "")

    @pytest.mark.parametrize("name", ["demo.yaml", "some/folder/demo.yml", "<text>"])
    def test_quiet_when_it_matches_or_there_is_no_file(self, valid_text, name):
        assert findings(valid_text, "id-mismatch", name=name) == []


# --- entries, exits and routes -------------------------------------------------------------------


@covers("missing-entry")
class TestMissingEntry:
    def test_fires_once_at_the_steps_list(self):
        text = build([("first", "assessment"), ("done", "exit")], [("first", "done")])
        found = findings(text, "missing-entry")
        assert where(found) == [(*at(text, "- id: first", "-"), None)]
        # and unreachable-step does not repeat it for every step
        assert findings(text, "unreachable-step") == []

    def test_quiet_with_an_entry(self, valid_text):
        assert findings(valid_text, "missing-entry") == []


@covers("missing-exit")
class TestMissingExit:
    def test_fires_once_at_the_steps_list(self):
        text = build(
            [("start", "entry"), ("help", "intervention"), ("review", "review")],
            [("start", "help"), ("help", "review"), ("review", "help")],
        )
        found = findings(text, "missing-exit")
        assert where(found) == [(*at(text, "- id: start", "-"), None)]
        # without an exit, no dead end or loop is reported for every step
        assert findings(text, "dead-end") == findings(text, "endless-loop") == []

    def test_quiet_with_an_exit(self, valid_text):
        assert findings(valid_text, "missing-exit") == []


@covers("unreachable-step")
class TestUnreachableStep:
    def test_fires_for_each_step_no_entry_reaches(self):
        text = build(
            [*BASE_STEPS, ("island", "assessment"), ("island-2", "intervention")],
            [*BASE_TRANSITIONS, ("island", "island-2"), ("island-2", "done")],
        )
        found = findings(text, "unreachable-step")
        assert where(found) == [
            (*at(text, "- id: island", "id"), "island"),
            (*at(text, "- id: island-2", "id"), "island-2"),
        ]
        assert found[0].message == "“Step island” cannot be reached from any way in."

    def test_quiet_when_all_are_reached_from_some_entry(self):
        text = build(
            [("gp", "entry"), ("self", "entry"), ("help", "intervention"), ("done", "exit")],
            [("gp", "help"), ("self", "help"), ("help", "done")],
        )
        assert findings(text, "unreachable-step") == []


@covers("dead-end")
class TestDeadEnd:
    def test_only_the_step_with_no_way_on(self):
        # start -> waiting -> limbo, and limbo leads nowhere: only limbo is the dead end,
        # though waiting cannot reach an exit either.
        text = build(
            [
                ("start", "entry"),
                ("waiting", "assessment"),
                ("limbo", "referral"),
                ("help", "intervention"),
                ("done", "exit"),
            ],
            [
                ("start", "help", "Risk is high"),
                ("start", "waiting", "Risk is low"),
                ("waiting", "limbo"),
                ("help", "done"),
            ],
        )
        found = findings(text, "dead-end")
        assert where(found) == [(*at(text, "- id: limbo", "id"), "limbo")]
        assert found[0].message == "“Step limbo” has no way on to a way out of the pathway."
        assert findings(text, "endless-loop") == []

    def test_quiet_when_every_step_reaches_an_exit(self, valid_text):
        assert findings(valid_text, "dead-end") == []

    def test_exits_are_not_dead_ends(self):
        text = build([("start", "entry"), ("done", "exit"), ("also-done", "exit")],
                     [("start", "done", "Well"), ("start", "also-done", "Moved away")])
        assert findings(text, "dead-end") == []


@covers("endless-loop")
class TestEndlessLoop:
    def test_reported_once_naming_its_steps(self):
        text = build(
            [
                ("start", "entry"),
                ("assess", "assessment"),
                ("treat", "intervention"),
                ("review", "review"),
                ("done", "exit"),
                ("other", "intervention"),
            ],
            [
                ("start", "assess", "Needs help"),
                ("start", "other", "Needs other help"),
                ("assess", "treat"),
                ("treat", "review"),
                ("review", "assess"),
                ("other", "done"),
            ],
        )
        found = findings(text, "endless-loop")
        assert where(found) == [(*at(text, "- id: assess", "id"), "assess")]
        assert found[0].message == (
            "The steps “Step assess”, “Step treat” and “Step review” go round in a loop with no "
            "way on to a way out."
        )
        assert findings(text, "dead-end") == []

    def test_a_step_looping_on_itself_forever(self):
        text = build(
            [*BASE_STEPS, ("wait", "review")],
            [*BASE_TRANSITIONS, ("triage", "wait", "Unsure"), ("wait", "wait")],
        )
        found = findings(text, "endless-loop")
        assert where(found) == [(*at(text, "- id: wait", "id"), "wait")]
        assert findings(text, "dead-end") == []

    def test_two_separate_loops_are_two_findings(self):
        text = build(
            [("start", "entry"), ("a", "review"), ("b", "review"), ("c", "review"),
             ("d", "review"), ("done", "exit")],
            [("start", "a", "One"), ("start", "c", "Two"), ("start", "done", "Three"),
             ("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")],
        )
        found = findings(text, "endless-loop")
        assert where(found) == [
            (*at(text, "- id: a", "id"), "a"),
            (*at(text, "- id: c", "id"), "c"),
        ]

    def test_quiet_for_a_loop_with_a_way_out(self):
        # stepped care: review steps up, or discharges
        text = build(
            [("start", "entry"), ("treat", "intervention"), ("review", "decision"), ("done", "exit")],
            [("start", "treat"), ("treat", "review"), ("review", "treat", "Not improving"),
             ("review", "done", "Recovered")],
        )
        assert findings(text, "endless-loop") == []


@covers("exit-has-onward")
class TestExitHasOnward:
    def test_fires_at_the_transition_leaving_the_exit(self):
        text = build(BASE_STEPS, [*BASE_TRANSITIONS, ("done", "start")])
        found = findings(text, "exit-has-onward")
        assert where(found) == [(*at(text, "- from: done", "from"), "done")]
        assert "“Step done” is a way out, but it has a way on to “Step start”" in found[0].message

    def test_quiet_when_exits_end(self, valid_text):
        assert findings(valid_text, "exit-has-onward") == []


# --- branches ------------------------------------------------------------------------------------


@covers("decision-branches")
class TestDecisionBranches:
    def test_fires_for_a_decision_with_one_way_on(self):
        text = build(
            BASE_STEPS,
            [("start", "triage"), ("triage", "help", "Risk is high"),
             ("triage", "help", "Risk is very high"), ("help", "done")],
        )
        found = findings(text, "decision-branches")
        assert where(found) == [(*at(text, "- id: triage", "id"), "triage")]
        assert found[0].message == (
            "The decision “Step triage” has only one way on: a decision needs at least two."
        )

    def test_fires_for_a_decision_with_none(self):
        text = build([("start", "entry"), ("choose", "decision"), ("done", "exit")],
                     [("start", "choose")])
        found = findings(text, "decision-branches")
        assert where(found) == [(*at(text, "- id: choose", "id"), "choose")]
        assert "has no way on" in found[0].message

    def test_quiet_with_two_ways_on(self, valid_text):
        assert findings(valid_text, "decision-branches") == []


@covers("unlabelled-branch")
class TestUnlabelledBranch:
    def test_fires_at_each_transition_leaving_a_decision_without_when(self):
        text = build(
            BASE_STEPS,
            [("start", "triage"), ("triage", "help"), ("triage", "done", "''"), ("help", "done")],
        )
        found = findings(text, "unlabelled-branch")
        assert where(found) == [
            (*at(text, "- from: triage", "from", nth=1), "triage"),
            (*at(text, "- from: triage", "from", nth=2), "triage"),
        ]
        assert found[0].message.startswith(
            "The way on from the decision “Step triage” to “Step help” does not say when"
        )

    def test_quiet_when_every_branch_has_a_condition(self, valid_text):
        assert findings(valid_text, "unlabelled-branch") == []

    def test_a_condition_of_yes_or_no_counts(self):
        text = build(BASE_STEPS, [("start", "triage"), ("triage", "help", "Yes"),
                                  ("triage", "done", "No"), ("help", "done")])
        assert findings(text, "unlabelled-branch") == []


@covers("ambiguous-branch")
class TestAmbiguousBranch:
    def test_warns_at_a_non_decision_with_several_bare_ways_on(self):
        text = build(BASE_STEPS, [*BASE_TRANSITIONS, ("start", "help")])
        found = findings(text, "ambiguous-branch")
        assert where(found) == [(*at(text, "- id: start", "id"), "start")]
        assert found[0].severity is Severity.WARNING
        assert "when the way to “Step triage” and “Step help” applies" in found[0].message

    def test_quiet_when_each_way_on_has_a_condition(self):
        text = build(BASE_STEPS, [("start", "triage", "Usually"), ("start", "help", "In crisis"),
                                  *BASE_TRANSITIONS[1:]])
        assert findings(text, "ambiguous-branch") == []

    def test_quiet_for_decisions(self):
        text = build(BASE_STEPS, [("start", "triage"), ("triage", "help"), ("triage", "done"),
                                  ("help", "done")])
        assert findings(text, "ambiguous-branch") == []


@covers("duplicate-transition")
class TestDuplicateTransition:
    def test_fires_at_the_second_copy(self):
        text = build(BASE_STEPS, [*BASE_TRANSITIONS, ("help", "done")])
        found = findings(text, "duplicate-transition")
        assert where(found) == [(*at(text, "- from: help", "from", nth=2), "help")]
        assert found[0].message == "The way on from “Step help” to “Step done” is there twice: remove one."

    def test_quiet_when_conditions_differ(self):
        text = build(BASE_STEPS, [*BASE_TRANSITIONS, ("triage", "help", "Carer asks")])
        assert findings(text, "duplicate-transition") == []


@covers("self-loop")
class TestSelfLoop:
    def test_warns_at_the_transition(self):
        text = build(BASE_STEPS, [*BASE_TRANSITIONS, ("help", "help", "Not finished")])
        found = findings(text, "self-loop")
        assert where(found) == [(*at(text, "- from: help", "from", nth=2), "help")]
        assert found[0].severity is Severity.WARNING

    def test_quiet_without(self, valid_text):
        assert findings(valid_text, "self-loop") == []


def test_every_structural_rule_has_tests():
    assert set(STRUCTURE_RULES) == COVERED


# --- the repository's configuration: pathway-designer.yaml ---------------------------------------

SELF_LOOP = build(BASE_STEPS, [*BASE_TRANSITIONS, ("help", "help", "Not finished")])


def _write(folder: Path, config: str) -> Path:
    (folder / CONFIG_NAME).write_text(textwrap.dedent(config), encoding="utf-8")
    sub = folder / "pathways" / "mental-health"
    sub.mkdir(parents=True)
    path = sub / "demo.yaml"
    path.write_text(SELF_LOOP, encoding="utf-8")
    return path


def _rule(check, rule):
    return [f for f in check.findings if f.rule == rule]


def test_config_is_found_by_walking_up(tmp_path):
    path = _write(tmp_path, "rules:\n  self-loop: error\n")
    assert find_config(path) == (tmp_path / CONFIG_NAME).resolve()


def test_config_turns_a_rule_off_and_off_is_text_not_false(tmp_path):
    path = _write(tmp_path, "rules:\n  self-loop: off\n")
    config = load_config(find_config(path), list(RULES))
    assert config.findings == []
    assert config.severities == {"self-loop": "off"}
    assert _rule(check_file(path), "self-loop") == []


def test_config_raises_a_warning_to_an_error(tmp_path):
    path = _write(tmp_path, "rules:\n  self-loop: error\n")
    found = _rule(check_file(path), "self-loop")
    assert [(f.severity, f.line, f.step) for f in found] == [
        (Severity.ERROR, at(SELF_LOOP, "- from: help", nth=2)[0], "help")
    ]


def test_without_config_the_default_severity_holds(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(SELF_LOOP, encoding="utf-8")
    if find_config(path) is None:
        assert [f.severity for f in _rule(check_file(path), "self-loop")] == [Severity.WARNING]


def test_a_misspelt_rule_name_is_reported_with_a_suggestion(tmp_path):
    config_text = "rules:\n  self-lop: off\n  dead-end: error\n"
    path = _write(tmp_path, config_text)
    config = load_config(find_config(path), list(RULES))
    assert [(f.rule, f.line, f.column) for f in config.findings] == [("unknown-rule", 2, 3)]
    assert config.findings[0].message == "no rule is called 'self-lop' (did you mean 'self-loop'?)"
    assert config.findings[0].severity is Severity.ERROR
    assert config.findings[0].file == str(find_config(path))
    # the misspelt entry is ignored; the rest applies
    assert config.severities == {"dead-end": "error"}
    assert [f.severity for f in _rule(check_file(path), "self-loop")] == [Severity.WARNING]


def test_a_bad_severity_in_config_is_reported(tmp_path):
    path = _write(tmp_path, "rules:\n  self-loop: loud\n")
    config = load_config(find_config(path), list(RULES))
    assert [(f.rule, f.line, f.column) for f in config.findings] == [("config", 2, 14)]
    assert "use off, info, warning or error" in config.findings[0].message


def test_an_unknown_config_key_is_reported(tmp_path):
    path = _write(tmp_path, "rule:\n  self-loop: off\n")
    config = load_config(find_config(path), list(RULES))
    assert [(f.rule, f.line, f.column) for f in config.findings] == [("config", 1, 1)]
    assert "(did you mean 'rules'?)" in config.findings[0].message


@pytest.mark.parametrize(
    "config_text",
    ["", "- a\n", "rules: [self-loop]\n", "rules:\n  self-loop: &a off\n", "rules: {\n", "\xff"],
)
def test_a_broken_config_gives_findings_not_exceptions(tmp_path, config_text):
    (tmp_path / CONFIG_NAME).write_bytes(config_text.encode("latin-1"))
    config = load_config(tmp_path / CONFIG_NAME, list(RULES))
    assert config.findings
    assert all(f.file == str(tmp_path / CONFIG_NAME) for f in config.findings)


def test_validate_accepts_a_config_directly():
    pathway = load_text(SELF_LOOP, "demo.yaml")
    config = RuleConfig(severities={"self-loop": "off"})
    assert [f for f in validate(pathway, config) if f.rule == "self-loop"] == []
