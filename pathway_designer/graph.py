"""The pathway as a directed graph of steps: `StepGraph` (plain dictionaries) for the structural rules,
and a networkx graph (`pathway_graph`) for the analysis. networkx takes longer to import than
`validate` takes to run, so the rules, which a pre-commit hook runs on every commit, do without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .model import Pathway, StepKind

if TYPE_CHECKING:
    import networkx as nx


class StepGraph:
    """Steps (with their kind) and the ways between known steps, as `pathway_graph` has them."""

    def __init__(self, pathway: Pathway) -> None:
        self.kinds: dict[str, StepKind] = {}
        self._next: dict[str, dict[str, None]] = {}
        self._previous: dict[str, dict[str, None]] = {}
        for step in pathway.steps:
            if step.id not in self.kinds:
                self.kinds[step.id] = step.kind
                self._next[step.id], self._previous[step.id] = {}, {}
        for transition in pathway.transitions:
            a, b = transition.from_, transition.to
            if a in self.kinds and b in self.kinds:
                self._next[a][b] = None
                self._previous[b][a] = None

    @property
    def nodes(self) -> list[str]:
        return list(self.kinds)

    def successors(self, step: str) -> Iterator[str]:
        return iter(self._next[step])

    def predecessors(self, step: str) -> Iterator[str]:
        return iter(self._previous[step])

    def has_edge(self, a: str, b: str) -> bool:
        return b in self._next.get(a, {})

    def components(self, steps: set[str]) -> list[list[str]]:
        """The strongly connected components of the graph of `steps` alone, each after every
        component it leads to."""
        return strongly_connected((s for s in self.kinds if s in steps), self.successors, steps.__contains__)


def strongly_connected(
    roots: Iterable[str], successors: Callable[[str], Iterator[str]], keep: Callable[[str], bool]
) -> list[list[str]]:
    """The strongly connected components reached from `roots` through nodes `keep` accepts
    (Tarjan's algorithm, without recursion, so a chain of 5,000 steps does not overflow the
    stack), each after every component it leads to; the flow's traffic equations use it too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in roots:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, successors(root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, onward = work[-1]
            nxt = next((n for n in onward if keep(n)), None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, successors(nxt)))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def pathway_graph(pathway: Pathway) -> nx.DiGraph:
    """Steps as nodes (with their kind), transitions between known steps as edges.

    Transitions to or from unknown steps are left out: `unknown-step` reports them. Edge attribute
    `transitions` lists the indices of the transitions drawn by that edge.
    """
    import networkx as nx  # here: only the analysis needs it

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


def steps_of_kind(graph: nx.DiGraph | StepGraph, kind: StepKind) -> list[str]:
    pairs: Iterable[Any] = graph.kinds.items() if isinstance(graph, StepGraph) else graph.nodes(data="kind")
    return [n for n, k in pairs if k == kind]


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


def reachable_from(graph: nx.DiGraph | StepGraph, sources: list[str]) -> set[str]:
    """Every step reachable from any of `sources` (the sources included)."""
    return _closure(sources, graph.successors)


def reaching(graph: nx.DiGraph | StepGraph, targets: list[str]) -> set[str]:
    """Every step from which any of `targets` can be reached (the targets included)."""
    return _closure(targets, graph.predecessors)
