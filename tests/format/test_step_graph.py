"""`StepGraph`, the rules' graph without networkx, agrees with networkx on any graph: the same steps,
edges and reachability, and the same strongly connected components, each listed after every
component it leads to."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pathway_designer.graph import StepGraph, pathway_graph, reachable_from, reaching
from pathway_designer.model import Pathway

IDS = [f"s{i}" for i in range(9)]


@st.composite
def pathways(draw) -> Pathway:
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=9))  # repeats: a duplicate id
    kinds = ["entry", "assessment", "decision", "exit"]
    ways = draw(st.lists(st.tuples(st.sampled_from([*IDS, "nowhere"]), st.sampled_from(IDS)), max_size=25))
    return Pathway.model_validate({
        "id": "p", "title": "P",
        "organisations": [{"id": "o", "name": "O", "role": "other"}],
        "steps": [{"id": i, "label": i, "kind": draw(st.sampled_from(kinds))} for i in ids],
        "transitions": [{"from": a, "to": b} for a, b in ways],
    })


@settings(max_examples=200, deadline=None)
@given(pathways(), st.sets(st.sampled_from(IDS)))
def test_step_graph_agrees_with_networkx(pathway, part):
    ours, theirs = StepGraph(pathway), pathway_graph(pathway)
    assert ours.nodes == list(theirs.nodes)
    assert dict(ours.kinds) == dict(theirs.nodes(data="kind"))
    for a in ours.nodes:
        assert sorted(ours.successors(a)) == sorted(theirs.successors(a))
        assert sorted(ours.predecessors(a)) == sorted(theirs.predecessors(a))
        assert reachable_from(ours, [a]) == reachable_from(theirs, [a])
        assert reaching(ours, [a]) == reaching(theirs, [a])
    steps = part & set(ours.nodes)
    components = ours.components(steps)
    expected = {frozenset(c) for c in nx.strongly_connected_components(theirs.subgraph(steps))}
    assert {frozenset(c) for c in components} == expected
    assert sum(len(c) for c in components) == len(steps)
    position = {s: i for i, c in enumerate(components) for s in c}
    for a, b in theirs.subgraph(steps).edges:
        assert position[b] <= position[a]  # a component comes after those it leads to
