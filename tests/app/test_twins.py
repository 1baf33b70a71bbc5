"""The guess at the pathway to compare with first."""

from __future__ import annotations

from pathway_designer.workshop.twins import likely_twin


def test_the_base_comes_first():
    assert likely_twin("falls-leeds", "falls", ["asthma", "falls-rural", "falls"]) == "falls"


def test_a_twin_shares_all_but_the_last_part_of_its_id():
    assert likely_twin("falls-rural", None, ["asthma", "falls-urban"]) == "falls-urban"
    assert likely_twin("mental-health-crisis-rural", None,
                       ["mental-health-adults", "mental-health-crisis-urban"]) == "mental-health-crisis-urban"


def test_otherwise_the_first_other_and_none_when_alone():
    assert likely_twin("falls", None, ["asthma", "frailty"]) == "asthma"  # one-part ids share no stem
    assert likely_twin("falls-rural", "gone", ["falls-rural", "asthma"]) == "asthma"
    assert likely_twin("falls", None, ["falls"]) is None and likely_twin("falls", None, []) is None
