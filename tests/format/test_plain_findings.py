"""Findings in people's words: validate over every example and a set of broken pathways, and no
finding's main text holds a step id, an organisation id, a rule name or a key of the YAML.

The ids, the rule and the line stay, as separate fields, for YAML reviewers and CI annotations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pathway_designer import check_text
from pathway_designer.checks.rules import RULES
from pathway_designer.finding import Finding
from pathway_designer.words import FIELD_WORDS, RULE_BRIEFS

EXAMPLES = sorted((Path(__file__).parents[2] / "pathways").glob("*.yaml"))
FALLS = """\
format: 1
id: falls-prevention
title: Falls prevention for older people
status: agreed
review: {due: 2020-01-01}
organisations:
  - {id: humber-community-health-nhs-trust, name: Humber Community Health, role: nhs-provider}
  - {id: age-uk-east-riding, name: Age UK East Riding, role: voluntary-sector}
steps:
  - {id: referral-after-a-fall, label: Referral after a fall, kind: entry,
     owner: humber-community-health-nhs-trust}
  - {id: falls-risk-assessment, label: Falls risk assessment, kind: assessment,
     owner: humber-community-health-nhs-trust, wait: 6w, measures: [falls-in-12-months]}
  - {id: is-the-person-at-high-risk-of-falling, label: "Is the person at high risk of falling?",
     kind: decision, owner: humber-community-health-nhs-trust}
  - {id: strength-and-balance-classes, label: Strength and balance classes, kind: intervention,
     owner: age-uk-east-riding, modality: group exercise, partners: [ghost-organisation-id]}
  - {id: limbo-step-id, label: Waiting for a call back, kind: review}
  - {id: home-exit-step, label: Back home with a plan, kind: exit, owner: age-uk-east-riding}
  - {id: island-step-id, label: A step nobody reaches, kind: review,
     owner: unknown-organisation-id}
  - {id: island-step-id, label: The same short name again, kind: review}
transitions:
  - {from: referral-after-a-fall, to: falls-risk-assessment}
  - {from: falls-risk-assessment, to: is-the-person-at-high-risk-of-falling}
  - {from: is-the-person-at-high-risk-of-falling, to: strength-and-balance-classes}
  - {from: strength-and-balance-classes, to: home-exit-step}
  - {from: strength-and-balance-classes, to: home-exit-step}
  - {from: strength-and-balance-classes, to: limbo-step-id}
  - {from: strength-and-balance-classes, to: strength-and-balance-classes}
  - {from: home-exit-step, to: missing-step-id}
  - {from: falls-risk-assessment, to: referral-after-a-fall}
outcomes:
  - {id: falls-in-12-months, measure: Falls in the next 12 months, direction: lower}
  - {id: unused-outcome-id, measure: Confidence at home, direction: higher}
signoffs:
  - {organisation: gone-organisation-id, name: Sam Lee, date: 2026-01-01,
     fingerprint: "sha256:0000000000000000000000000000000000000000000000000000000000000000"}
"""
LOOP = FALLS.replace(
    "  - {from: home-exit-step, to: missing-step-id}\n",
    "  - {from: limbo-step-id, to: island-step-id}\n  - {from: island-step-id, to: limbo-step-id}\n",
)
NO_ENDS = FALLS.replace("kind: entry", "kind: review").replace("kind: exit", "kind: review")
BAD_VALUES = FALLS.replace("wait: 6w", "wait: six weeks").replace(
    "kind: intervention", "kind: class"
).replace("role: voluntary-sector", "role: charity")
MISSING = FALLS.replace("label: Waiting for a call back, ", "")
BROKEN = {"falls": FALLS, "loop": LOOP, "no-ends": NO_ENDS, "bad-values": BAD_VALUES,
          "missing": MISSING}  # fmt: skip


def _ids_and_keys(text: str) -> tuple[set[str], set[str]]:
    """The ids a file names (steps, organisations, outcomes, references), and its keys."""
    data = yaml.safe_load(text)
    ids: set[str] = set()
    keys: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                keys.add(str(key))
                if key in {"id", "from", "to", "owner", "organisation"}:
                    ids.add(str(item))
                if key in {"partners", "measures"}:
                    ids.update(str(i) for i in item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return ids, keys


def _people_text(text: str) -> list[str]:
    """Labels, names and other words people wrote, which may share words with an id."""
    data = yaml.safe_load(text)
    found = [str(data.get("title", ""))]
    for section, field in (("steps", "label"), ("organisations", "name"), ("outcomes", "measure")):
        found += [str(item.get(field, "")) for item in data.get(section) or [] if isinstance(item, dict)]
    return sorted((f for f in found if f), key=len, reverse=True)


def _token(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def assert_plain(finding: Finding, text: str) -> None:
    ids, keys = _ids_and_keys(text)
    message = finding.message
    for written in _people_text(text):  # quoted people's text is theirs, whatever words it holds
        message = message.replace(written, "…")
    for identifier in ids:
        if "-" in identifier or identifier not in FIELD_WORDS.values():
            assert not _token(identifier).search(message), (identifier, finding.message)
    for rule in RULES:
        assert not _token(rule).search(message), (rule, finding.message)
    for key in keys:  # a key as YAML writes it: `wait:`, 'owner', "based-on", steps[3]
        for form in (f"{key}:", f"'{key}'", f"{key}[", f'"{key}"'):
            if key in {"when", "from", "to"} and form.endswith(":"):
                continue  # ordinary words at the end of a clause
            assert form not in message, (form, finding.message)
        assert not re.search(rf"(?<![\w-]){re.escape(key)}\.\w", message), (key, finding.message)
    assert finding.message[:1].isupper() or finding.message[:1] == "“", finding.message
    assert finding.message.rstrip()[-1] in ".?", finding.message


def _checks() -> list[tuple[str, str]]:
    cases = [(p.stem, p.read_text(encoding="utf-8")) for p in EXAMPLES]
    return cases + sorted(BROKEN.items())


@pytest.mark.parametrize(("name", "text"), _checks(), ids=[n for n, _ in _checks()])
def test_findings_speak_in_peoples_words(name: str, text: str) -> None:
    check = check_text(text, f"{name}.yaml")
    assert check.findings or name in {p.stem for p in EXAMPLES}
    for finding in check.findings:
        if finding.rule in {"unknown-field", "yaml-syntax"}:
            continue  # met only while editing the YAML itself, and said in its terms
        assert_plain(finding, text)
        assert finding.line is not None, finding  # the pointer CI annotations need


def test_the_broken_pathways_meet_every_rule_that_names_steps_or_organisations() -> None:
    met = {f.rule for text in BROKEN.values() for f in check_text(text, "falls-prevention.yaml").findings}
    expected = {
        "unreachable-step", "dead-end", "endless-loop", "exit-has-onward", "decision-branches",
        "unlabelled-branch", "ambiguous-branch", "duplicate-transition", "self-loop", "duplicate-id",
        "unknown-step", "unknown-organisation", "unowned-step", "silent-handoff", "single-modality",
        "unmeasured-outcome", "barrier-unrecorded", "signoff-required", "stale-signoff",
        "review-overdue", "missing-entry", "missing-exit", "invalid-value", "missing-field",
    }  # fmt: skip
    assert expected <= met, expected - met


def test_the_falls_decision_reads_as_in_the_workshop() -> None:
    found = check_text(FALLS, "falls-prevention.yaml").findings
    messages = {f.rule: f.message for f in found}
    assert messages["decision-branches"] == (
        "The decision “Is the person at high risk of falling?” has only one way on: a decision "
        "needs at least two."
    )
    handoff = next(f for f in found if f.rule == "silent-handoff")
    assert "from Humber Community Health to Age UK East Riding" in handoff.message
    assert handoff.detail and "is-the-person-at-high-risk-of-falling" in handoff.detail
    assert "6 weeks" in messages["barrier-unrecorded"]


def test_every_rule_has_brief_words_for_the_diagram() -> None:
    assert set(RULES) <= set(RULE_BRIEFS)
    assert not set(RULE_BRIEFS.values()) & set(RULES)
