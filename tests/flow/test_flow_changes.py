"""A change of a share or of places shows in the semantic diff, and two such edits merge by meaning;
a scenario is an item of its own, keyed by its name."""

from __future__ import annotations

from pathlib import Path

import pathway_designer as pd
from pathway_designer.changes.diff import diff_pathways
from pathway_designer.changes.merge import merge_pathways

RURAL = Path(__file__).resolve().parents[2] / "pathways" / "adult-crisis-rural.yaml"


def _edited(edit):
    pathway = pd.load(RURAL)
    edit(pathway)
    return pd.load_text(pd.dump(pathway))


def _share(p):
    next(t for t in p.transitions if t.to == "crisis-alternative").share = "20%"
    next(t for t in p.transitions if t.to == "home-treatment").share = "rest"


def _places(p):
    p.step("home-treatment").capacity = 90


def _scenario(p):
    p.scenarios[0].why = "Asked by the commissioner"


def test_a_share_and_places_show_in_the_diff():
    base = pd.load(RURAL)
    changes = diff_pathways(base, _edited(_share)) + diff_pathways(base, _edited(_places))
    fields = {(c.section, c.key, c.field) for c in changes}
    assert ("transitions", "least-restrictive-option -> crisis-alternative", "share") in fields
    assert ("steps", "home-treatment", "capacity") in fields
    places = next(c for c in changes if c.field == "capacity")
    assert (places.old, places.new) == (82, 90)


def test_edits_of_shares_places_and_scenarios_merge_by_meaning():
    base = pd.load(RURAL)
    ours = _edited(_share)
    theirs = _edited(lambda p: (_places(p), _scenario(p)))
    merged = merge_pathways(base, ours, theirs)
    assert merged.clean and merged.pathway is not None
    result = merged.pathway
    assert next(t for t in result.transitions if t.to == "crisis-alternative").share == "20%"
    assert result.step("home-treatment").capacity == 90
    assert result.scenarios[0].why == "Asked by the commissioner"


def test_a_scenario_added_reads_as_a_scenario():
    base = pd.load(RURAL)
    changed = _edited(lambda p: p.scenarios.pop())
    changes = diff_pathways(base, changed)
    assert [(c.action, c.section, c.key) for c in changes] == [
        ("removed", "scenarios", "More people to the crisis alternative")
    ]
    assert changes[0].describe().startswith("scenario 'More people to the crisis alternative' removed")
