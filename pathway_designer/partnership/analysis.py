"""Measures of a pathway for the partnership: who does what, where care happens, how long it takes.

`analyse(pathway)` gives an `Analysis`; `as_text` and `as_json` render it. Routes run from an entry
to an exit. A loop cannot be walked a fixed number of times, so each loop counts once: the longest
route goes round it once (every step of the loop counted once), and routes are counted with each loop
as one stop. Every measure is one or two linear passes over the graph (BFS, Dijkstra, a condensation
in topological order), never a search per step.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from ..graph import pathway_graph, reachable_from, reaching
from ..model import Pathway, Role, Step, StepKind

ROUTE_LIMIT = 1000  # distinct routes are counted up to here, then "more than ROUTE_LIMIT"
NOT_GIVEN = "not given"

_MINUTES = {"m": 1.0, "h": 60.0, "d": 24 * 60.0, "w": 7 * 24 * 60.0}


def time_in_minutes(standard: str) -> float:
    """A time standard (`4h`, `2w`, `1.5d`) in minutes."""
    return float(standard[:-1]) * _MINUTES[standard[-1]]


def step_minutes(step: Step) -> float | None:
    """The time a step adds to a route (wait plus duration), or None when neither is given."""
    parts = [time_in_minutes(t) for t in (step.wait, step.duration) if t]
    return sum(parts) if parts else None


def format_minutes(minutes: float) -> str:
    """`1w 2d 4h`: whole weeks, days, hours and minutes, largest first."""
    left = round(minutes)
    if left == 0:
        return "0m"
    parts = []
    for unit in ("w", "d", "h", "m"):
        size = int(_MINUTES[unit])
        count, left = divmod(left, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts)


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


@dataclass(frozen=True)
class Handoff:
    """A transition where responsibility passes from one organisation to another."""

    transition: int  # its index in the pathway's transitions
    from_step: str
    to_step: str
    from_organisation: str
    to_organisation: str
    how: str | None  # the transition's `handoff`, or None when nothing is recorded


@dataclass(frozen=True)
class PartnerShare:
    """What one organisation does in the pathway."""

    organisation: str
    role: str
    owns: tuple[str, ...]
    partner_in: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    pathway: str
    title: str
    steps: int
    transitions: int
    decisions: int
    organisations_by_role: dict[str, tuple[str, ...]]
    handoffs: tuple[Handoff, ...]
    settings: dict[str, int]  # setting (or "not given") -> number of steps
    partners: tuple[PartnerShare, ...]
    routes: Routes
    outcomes: dict[str, tuple[str, ...]]  # outcome id -> steps that measure it

    def setting_share(self, setting: str) -> float:
        return self.settings.get(setting, 0) / self.steps if self.steps else 0.0


def analyse(pathway: Pathway) -> Analysis:
    """Every measure of the pathway; works on any pathway that loads, even with rule errors."""
    return Analysis(
        pathway=pathway.id,
        title=pathway.title,
        steps=len(pathway.steps),
        transitions=len(pathway.transitions),
        decisions=sum(s.kind is StepKind.DECISION for s in pathway.steps),
        organisations_by_role=_organisations_by_role(pathway),
        handoffs=tuple(handoffs(pathway)),
        settings=_settings(pathway),
        partners=tuple(_partner_shares(pathway)),
        routes=routes(pathway),
        outcomes={o.id: tuple(_measured_at(pathway, o.id)) for o in pathway.outcomes},
    )


def _organisations_by_role(pathway: Pathway) -> dict[str, tuple[str, ...]]:
    found = {
        role.value: tuple(o.id for o in pathway.organisations if o.role is role) for role in Role
    }
    return {role: ids for role, ids in found.items() if ids}


def handoffs(pathway: Pathway) -> list[Handoff]:
    """Transitions between steps owned by different organisations, in file order."""
    owners = {s.id: s.owner for s in reversed(pathway.steps)}  # the first step with an id wins
    found = []
    for i, t in enumerate(pathway.transitions):
        a, b = owners.get(t.from_), owners.get(t.to)
        if a and b and a != b:
            how = t.handoff.strip() if t.handoff else ""
            found.append(Handoff(i, t.from_, t.to, a, b, how or None))
    return found


def _settings(pathway: Pathway) -> dict[str, int]:
    counts: dict[str, int] = {}
    for step in pathway.steps:
        key = step.setting.value if step.setting else NOT_GIVEN
        counts[key] = counts.get(key, 0) + 1
    # Most used first; "not given" last, as it is not a place.
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == NOT_GIVEN, -kv[1], kv[0])))


def _partner_shares(pathway: Pathway) -> Iterable[PartnerShare]:
    for org in pathway.organisations:
        yield PartnerShare(
            org.id,
            org.role.value,
            tuple(s.id for s in pathway.steps if s.owner == org.id),
            tuple(s.id for s in pathway.steps if org.id in s.partners),
        )


def _measured_at(pathway: Pathway, outcome: str) -> Iterable[str]:
    return (s.id for s in pathway.steps if outcome in s.measures)


# Routes ------------------------------------------------------------------------------------------


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


# Rendering ---------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _names(ids: Iterable[str]) -> str:
    listed = ", ".join(ids)
    return listed or "none"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


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


def route_text(route: Route | None) -> str:
    if route is None:
        return "none"
    stops = " → ".join(route_stops(route))
    text = f"{len(route.steps)} steps, {format_minutes(route.minutes)}: {stops}"
    if route.loops:
        text += "\n      [...] is a loop, gone round once"
    if route.untimed:
        text += f"\n      no time given for {', '.join(route.untimed)}"
    return text


def as_text(analysis: Analysis) -> str:
    """A plain report for the workshop and the terminal."""
    a = analysis
    lines = [f"{a.pathway}: {a.title}", ""]
    lines.append(
        f"Steps: {a.steps} ({_plural(a.decisions, 'decision')}); transitions: {a.transitions}"
    )
    lines.append("Organisations by role:")
    lines += [f"  {role}: {', '.join(ids)}" for role, ids in a.organisations_by_role.items()]
    lines.append("Where steps happen:")
    lines += [
        f"  {setting}: {n} of {a.steps} ({_percent(n, a.steps)})" for setting, n in a.settings.items()
    ]
    silent = sum(h.how is None for h in a.handoffs)
    lines.append(f"Handoffs between organisations: {len(a.handoffs)} ({silent} with none recorded)")
    lines += [
        f"  {h.from_step} → {h.to_step}: {h.from_organisation} → {h.to_organisation}, "
        f"{h.how or 'no handoff recorded'}"
        for h in a.handoffs
    ]
    lines.append("Who does what:")
    lines += [
        f"  {p.organisation} ({p.role}): owns {_names(p.owns)}; partner in {_names(p.partner_in)}"
        for p in a.partners
    ]
    r = a.routes
    lines.append(f"Routes from an entry to an exit: {r.count_text} (each loop counted once)")
    lines.append(f"  fewest steps: {route_text(r.fewest_steps)}")
    lines.append(f"  most steps:   {route_text(r.most_steps)}")
    lines.append(f"  quickest:     {route_text(r.quickest)}")
    lines.append(f"  slowest:      {route_text(r.slowest)}")
    if r.untimed:
        lines.append(f"  steps with no time given: {', '.join(r.untimed)}")
    lines.append("Outcomes measured where:")
    lines += [f"  {o}: {_names(at) if at else 'not measured at any step'}" for o, at in a.outcomes.items()]
    if not a.outcomes:
        lines.append("  no outcomes defined")
    return "\n".join(lines) + "\n"


def as_data(analysis: Analysis) -> dict[str, Any]:
    """Plain data (lists, dicts, numbers, text) for JSON and the app."""
    data = asdict(analysis)
    data["routes"]["count_text"] = analysis.routes.count_text
    for name in ("fewest_steps", "most_steps", "quickest", "slowest"):
        route = data["routes"][name]
        if route is not None:
            route["time"] = format_minutes(route["minutes"])
    return data


def as_json(analysis: Analysis) -> str:
    return json.dumps(as_data(analysis), indent=2, ensure_ascii=False) + "\n"
