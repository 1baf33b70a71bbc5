"""Routes through a pathway, from an entry to an exit: fewest and most steps, quickest and slowest.

A loop cannot be walked a fixed number of times, so each loop counts once: the longest route goes
round it once (every step of the loop counted once), and routes are counted with each loop as one
stop. Every measure is one or two linear passes over the graph (BFS, Dijkstra, a condensation in
topological order), never a search per step.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..graph import pathway_graph, reachable_from, reaching
from ..model import Pathway, StepKind
from .times import step_minutes

if TYPE_CHECKING:
    import networkx as nx

ROUTE_LIMIT = 1000  # distinct routes are counted up to here, then "more than ROUTE_LIMIT"

@dataclass(frozen=True)
class Route:
    """One way through the pathway: its steps in order, its time, and what is missing from it."""

    steps: tuple[str, ...]
    minutes: float
    untimed: tuple[str, ...]  # steps on the route with no wait and no duration (exits aside)
    loops: tuple[tuple[str, ...], ...] = ()  # loops the route goes round once, steps in file order


@dataclass(frozen=True)
class Routes:
    fewest_steps: Route | None
    most_steps: Route | None
    quickest: Route | None
    slowest: Route | None
    count: int  # distinct routes, at most ROUTE_LIMIT + 1
    untimed: tuple[str, ...]  # steps on any route with no time given (exits aside)

    @property
    def count_text(self) -> str:
        return f"more than {ROUTE_LIMIT}" if self.count > ROUTE_LIMIT else str(self.count)


@dataclass
class _RouteGraph:
    """The part of the graph on some route from an entry to an exit, with each step's time."""

    graph: nx.DiGraph
    entries: list[str]
    exits: set[str]
    minutes: dict[str, float]  # untimed steps count 0
    untimed: set[str]
    order: dict[str, int]  # file order, for stable output


def _route_graph(pathway: Pathway) -> _RouteGraph:
    graph = pathway_graph(pathway)
    entries = [n for n, k in graph.nodes(data="kind") if k is StepKind.ENTRY]
    exits = [n for n, k in graph.nodes(data="kind") if k is StepKind.EXIT]
    on_route = reachable_from(graph, entries) & reaching(graph, exits)
    graph.remove_nodes_from([n for n in graph if n not in on_route])  # our own copy: no view
    steps = {s.id: s for s in reversed(pathway.steps)}
    times = {n: step_minutes(steps[n]) for n in graph}
    return _RouteGraph(
        graph=graph,
        entries=[e for e in entries if e in on_route],
        exits={e for e in exits if e in on_route},
        minutes={n: t or 0.0 for n, t in times.items()},
        untimed={n for n, t in times.items() if t is None and steps[n].kind is not StepKind.EXIT},
        order=pathway.step_index(),
    )


def routes(pathway: Pathway) -> Routes:
    """Shortest and longest routes in steps and in time, and the number of distinct routes."""
    rg = _route_graph(pathway)
    if not rg.entries or not rg.exits:
        return Routes(None, None, None, None, 0, ())
    condensed = _Condensed(rg)
    return Routes(
        fewest_steps=_fewest_steps(rg),
        most_steps=condensed.longest(lambda members: float(len(members))),
        quickest=_quickest(rg),
        slowest=condensed.longest(lambda members: sum(rg.minutes[m] for m in members)),
        count=condensed.count_routes(),
        untimed=tuple(sorted(rg.untimed, key=rg.order.__getitem__)),
    )


def _make_route(rg: _RouteGraph, steps: list[str], loops: Iterable[tuple[str, ...]] = ()) -> Route:
    return Route(
        steps=tuple(steps),
        minutes=sum(rg.minutes[s] for s in steps),
        untimed=tuple(s for s in steps if s in rg.untimed),
        loops=tuple(loops),
    )


def _walk_back(pred: dict[str, str | None], end: str) -> list[str]:
    path: list[str] = []
    node: str | None = end
    while node is not None:
        path.append(node)
        node = pred[node]
    return path[::-1]


def _fewest_steps(rg: _RouteGraph) -> Route:
    """Breadth first from every entry at once: the first exit met is the nearest."""
    pred: dict[str, str | None] = {e: None for e in rg.entries}
    frontier = list(rg.entries)
    while frontier:
        reached_exit = next((n for n in frontier if n in rg.exits), None)
        if reached_exit:
            return _make_route(rg, _walk_back(pred, reached_exit))
        following = []
        for node in frontier:
            for nxt in rg.graph.successors(node):
                if nxt not in pred:
                    pred[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError("every step of the route graph reaches an exit")


def _quickest(rg: _RouteGraph) -> Route:
    """Dijkstra with each step's time on the step: time to reach an exit, its own time included."""
    best = {e: rg.minutes[e] for e in rg.entries}
    pred: dict[str, str | None] = {e: None for e in rg.entries}
    queue = [(t, rg.order[e], e) for e, t in best.items()]
    heapq.heapify(queue)
    done: set[str] = set()
    while queue:
        time, _, node = heapq.heappop(queue)
        if node in done:
            continue
        if node in rg.exits:
            return _make_route(rg, _walk_back(pred, node))
        done.add(node)
        for nxt in rg.graph.successors(node):
            candidate = time + rg.minutes[nxt]
            if nxt not in best or candidate < best[nxt]:
                best[nxt], pred[nxt] = candidate, node
                heapq.heappush(queue, (candidate, rg.order[nxt], nxt))
    raise AssertionError("every step of the route graph reaches an exit")


class _Condensed:
    """The route graph with each loop drawn together as one stop: a DAG, walked in topological order."""

    def __init__(self, rg: _RouteGraph) -> None:
        import networkx as nx  # here, not at the top: `validate` uses this module but not routes

        self.rg = rg
        self.dag = nx.condensation(rg.graph)
        members: dict[int, list[str]] = {}
        for step, component in self.dag.graph["mapping"].items():
            members.setdefault(component, []).append(step)
        self.members = {c: sorted(m, key=rg.order.__getitem__) for c, m in members.items()}
        self.starts = {self.dag.graph["mapping"][e] for e in rg.entries}
        self.ends = {self.dag.graph["mapping"][e] for e in rg.exits}
        self.topological = list(nx.topological_sort(self.dag))
        self.rank = {c: i for i, c in enumerate(self.topological)}

    def is_loop(self, component: int) -> bool:
        (first, *rest) = self.members[component]
        return bool(rest) or self.rg.graph.has_edge(first, first)

    def longest(self, weight: Callable[[list[str]], float]) -> Route:
        """The heaviest route from an entry to an exit, each loop gone round once."""
        value: dict[int, float] = {}
        pred: dict[int, int | None] = {}
        for c in self.topological:
            own = weight(self.members[c])
            if c in self.starts and own > value.get(c, -1.0):
                value[c], pred[c] = own, None
            if c not in value:
                continue
            for nxt in self.dag.successors(c):
                candidate = value[c] + weight(self.members[nxt])
                if candidate > value.get(nxt, -1.0):
                    value[nxt], pred[nxt] = candidate, c
        end = max(self.ends, key=lambda c: (value[c], -self.rank[c]))
        components: list[int] = []
        node: int | None = end
        while node is not None:
            components.append(node)
            node = pred[node]
        components.reverse()
        steps = [s for c in components for s in self.members[c]]
        loops = [tuple(self.members[c]) for c in components if self.is_loop(c)]
        return _make_route(self.rg, steps, loops)

    def count_routes(self) -> int:
        """Distinct routes, each loop one stop; stops counting just past ROUTE_LIMIT."""
        ways: dict[int, int] = {}
        for c in self.topological:
            here = ways.get(c, 0) + (1 if c in self.starts else 0)
            ways[c] = min(here, ROUTE_LIMIT + 1)
            for nxt in self.dag.successors(c):
                ways[nxt] = min(ways.get(nxt, 0) + ways[c], ROUTE_LIMIT + 1)
        return min(sum(ways[c] for c in self.ends), ROUTE_LIMIT + 1)


def route_stops(route: Route) -> list[str]:
    """The route's stops in order, each loop as one stop: `[a, b, c]` (its steps in file order)."""
    loop_of = {step: loop for loop in route.loops for step in loop}
    stops: list[str] = []
    for step in route.steps:
        loop = loop_of.get(step)
        if loop is None:
            stops.append(step)
        elif step == loop[0]:
            stops.append(f"[{', '.join(loop)}]")
    return stops
