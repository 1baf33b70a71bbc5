"""The pathway as a directed graph of steps (networkx), for structural rules and analysis."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import networkx as nx

from .model import Pathway, StepKind


def pathway_graph(pathway: Pathway) -> nx.DiGraph:
    """Steps as nodes (with their kind), transitions between known steps as edges.

    Transitions to or from unknown steps are left out: `unknown-step` reports them. Edge attribute
    `transitions` lists the indices of the transitions drawn by that edge.
    """
    graph = nx.DiGraph()
    for step in pathway.steps:
        if step.id not in graph:
            graph.add_node(step.id, kind=step.kind)
    for index, transition in enumerate(pathway.transitions):
        a, b = transition.from_, transition.to
        if a in graph and b in graph:
            if graph.has_edge(a, b):
                graph.edges[a, b]["transitions"].append(index)
            else:
                graph.add_edge(a, b, transitions=[index])
    return graph


def steps_of_kind(graph: nx.DiGraph, kind: StepKind) -> list[str]:
    return [n for n, k in graph.nodes(data="kind") if k == kind]


def _closure(sources: list[str], neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    """Every node reached from `sources` by following `neighbours` (the sources included): a BFS."""
    seen = set(sources)
    frontier = list(sources)
    while frontier:
        for nxt in neighbours(frontier.pop()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def reachable_from(graph: nx.DiGraph, sources: list[str]) -> set[str]:
    """Every step reachable from any of `sources` (the sources included)."""
    return _closure(sources, graph.successors)


def reaching(graph: nx.DiGraph, targets: list[str]) -> set[str]:
    """Every step from which any of `targets` can be reached (the targets included)."""
    return _closure(targets, graph.predecessors)
