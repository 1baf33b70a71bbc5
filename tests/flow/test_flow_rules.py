"""Each flow rule fires on a pathway that breaks it, at the step's line, and is quiet otherwise."""

from __future__ import annotations

import pytest

from pathway_designer import load_text, validate
from pathway_designer.checks.rules import RULES

FLOW_RULES = sorted(name for name, r in RULES.items() if r.category == "flow")
HEAD = (
    "id: rules\ntitle: Rules\norganisations:\n  - {id: t, name: The trust, role: nhs-provider}\n"
)
ENTRY = "  - {id: a, label: Way in, kind: entry, arrivals: 10/w}\n"
CLINIC = "  - {id: b, label: Clinic, kind: decision}\n"
EXITS = "  - {id: x, label: Home, kind: exit}\n  - {id: y, label: Ward, kind: exit}\n"


def _text(steps: str, ways: str, extra: str = "") -> str:
    return HEAD + "steps:\n" + steps + "transitions:\n" + ways + extra


def _found(text: str, rule: str) -> list:
    return [f for f in validate(load_text(text)) if f.rule == rule]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


SPLIT = ("  - {from: a, to: b}\n  - {from: b, to: x, share: %s, when: w}\n"
         "  - {from: b, to: y, share: %s, when: v}\n")

# rule: (a pathway that breaks it, the text on the line it points at, a pathway that keeps it)
CASES = {
    "shares-add-up": (_text(ENTRY + CLINIC + EXITS, SPLIT % ("30%", "60%")), "id: b",
                      _text(ENTRY + CLINIC + EXITS, SPLIT % ("30%", "70%"))),
    "share-missing": (_text(ENTRY + CLINIC + EXITS, "  - {from: a, to: b}\n  - {from: b, to: x, share: 30%, "
                            "when: w}\n  - {from: b, to: y, when: v}\n"), "id: b",
                      _text(ENTRY + CLINIC + EXITS, SPLIT % ("30%", "rest"))),
    "share-single-way": (_text(ENTRY + EXITS, "  - {from: a, to: x, share: 100%}\n"), "id: a",
                         _text(ENTRY + EXITS, "  - {from: a, to: x}\n")),
    "arrivals-not-entry": (_text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, arrivals: 2/d}\n"
                                 + EXITS,
                                 "  - {from: a, to: b}\n  - {from: b, to: x}\n"), "arrivals: 2/d",
                           _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment}\n" + EXITS,
                                 "  - {from: a, to: b}\n  - {from: b, to: x}\n")),
    "capacity-without-duration": (
        _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, capacity: 2}\n" + EXITS,
              "  - {from: a, to: b}\n  - {from: b, to: x}\n"), "capacity: 2",
        _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, capacity: 2, duration: 1h}\n" + EXITS,
              "  - {from: a, to: b}\n  - {from: b, to: x}\n")),
    "spread-incomplete": (
        _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, duration: 1h, spread: {shape: gamma}}\n"
              + EXITS, "  - {from: a, to: b}\n  - {from: b, to: x}\n"), "shape: gamma",
        _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, duration: 1h, spread: {shape: gamma, "
              "sd: 30m}}\n" + EXITS, "  - {from: a, to: b}\n  - {from: b, to: x}\n")),
    "calendar-periods": (
        _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, duration: 1h, capacity: [{from: 1h, "
              "to: 8h, places: 2}]}\n" + EXITS, "  - {from: a, to: b}\n  - {from: b, to: x}\n"), "places: 2",
        _text(ENTRY + "  - {id: b, label: Clinic, kind: assessment, duration: 1h, capacity: [{from: 0h, "
              "to: 8h, places: 2}, {from: 8h, to: 1d, places: 0}]}\n" + EXITS,
              "  - {from: a, to: b}\n  - {from: b, to: x}\n")),
    "scenario-unknown-step": (
        _text(ENTRY + EXITS, "  - {from: a, to: x}\n",
              "scenarios:\n  - name: More\n    steps: [{id: nowhere, capacity: 3}]\n"), "id: nowhere",
        _text(ENTRY + EXITS, "  - {from: a, to: x}\n",
              "scenarios:\n  - name: More\n    steps: [{id: a, arrivals: 20/w}]\n")),
    "scenario-duplicate": (
        _text(ENTRY + EXITS, "  - {from: a, to: x}\n", "scenarios:\n  - name: More\n  - name: more\n"),
        "name: more",
        _text(ENTRY + EXITS, "  - {from: a, to: x}\n", "scenarios:\n  - name: More\n  - name: Less\n")),
    "over-capacity": (
        _text("  - {id: a, label: Way in, kind: entry, arrivals: 10/h}\n"
              "  - {id: b, label: Clinic, kind: assessment, duration: 1h, capacity: 5}\n" + EXITS,
              "  - {from: a, to: b}\n  - {from: b, to: x}\n"), "id: b",
        _text("  - {id: a, label: Way in, kind: entry, arrivals: 10/h}\n"
              "  - {id: b, label: Clinic, kind: assessment, duration: 1h, capacity: 12}\n" + EXITS,
              "  - {from: a, to: b}\n  - {from: b, to: x}\n")),
}


def test_every_flow_rule_has_its_case():
    assert set(CASES) == set(FLOW_RULES)


@pytest.mark.parametrize("rule", FLOW_RULES)
def test_the_rule_fires_at_its_line_in_plain_words(rule):
    broken, needle, _ = CASES[rule]
    found = _found(broken, rule)
    assert len(found) == 1, [f.message for f in found]
    assert found[0].line == _line_of(broken, needle)
    message = found[0].message
    assert rule not in message and "_" not in message and "{" not in message


@pytest.mark.parametrize("rule", FLOW_RULES)
def test_the_rule_is_quiet_when_kept(rule):
    assert _found(CASES[rule][2], rule) == []


def test_over_capacity_names_the_step_by_its_label():
    message = _found(CASES["over-capacity"][0], "over-capacity")[0].message
    assert "“Clinic”" in message and "200% full" in message
