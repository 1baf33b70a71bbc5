"""The journey in words: the main routes through a pathway told to the people who use it.

For service users and carers, and the diagram's text alternative: second person, short sentences,
who you will meet (organisations by name), where (settings in words), how long you may wait, what
happens if (the conditions of the ways on) and handoffs said kindly. Everything is made from the
pathway, so the story changes when the pathway does, and the same pathway always tells the same
story.

A big pathway has many routes, so only a few are told: the quickest and the slowest, then one
through each way on from a decision that those did not take, up to `MAX_ROUTES`; the story says how
many others there are. The words themselves are in `pathway_designer.words`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

import networkx as nx

from ..graph import pathway_graph, reachable_from, reaching
from ..model import Pathway, Status, Step, StepKind, Transition
from ..words import (
    STORY_KIND_OPENINGS,
    STORY_SETTING_WORDS,
    is_no_time,
    listed,
    minutes_words,
    plural,
    quoted,
    sentence_form,
    time_words,
)
from .routes import ROUTE_LIMIT, Route, routes
from .times import step_minutes

MAX_ROUTES = 4  # routes told; beyond this a story stops being readable
STORY_TITLE = "The journey in words"


@dataclass(frozen=True)
class StoryStep:
    """One step of a route, told in a few short sentences."""

    step: str  # the step's id, for JSON readers and links; never shown in the words
    label: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class RouteStory:
    """One route from a way in to a way out."""

    title: str
    summary: tuple[str, ...]
    steps: tuple[StoryStep, ...]


@dataclass(frozen=True)
class Story:
    title: str  # the pathway's title
    introduction: tuple[str, ...]
    routes: tuple[RouteStory, ...]
    closing: tuple[str, ...]  # how many other routes there are, or why none can be told

    def sentences(self) -> list[str]:
        """Every sentence of the story, in order (for readability checks)."""
        found = [*self.introduction]
        for route in self.routes:
            found += [*route.summary]
            found += [s for step in route.steps for s in step.sentences]
        return [*found, *self.closing]


def story(pathway: Pathway) -> Story:
    """The journey through `pathway` in words (see the module's docstring)."""
    chosen, total = main_routes(pathway)
    teller = _Teller(pathway)
    told = tuple(teller.route(title, route) for title, route in chosen)
    if not chosen:
        closing: tuple[str, ...] = (
            "This pathway does not have a whole way through yet, from a way in to a way out.",
            "Its journey can be told once it does.",
        )
    else:
        others = total - len(chosen)
        closing = _others(others, total)
    return Story(pathway.title, teller.introduction(), told, closing)


def _others(others: int, total: int) -> tuple[str, ...]:
    if others <= 0:
        return ()
    if total > ROUTE_LIMIT:
        return ("There are many other ways through this pathway. The diagram shows them all.",)
    ways = "way" if others == 1 else "ways"
    return (f"There {'is' if others == 1 else 'are'} {others} other {ways} through this pathway. "
            "The diagram shows them all.",)


# -- which routes -------------------------------------------------------------------------------


def main_routes(pathway: Pathway) -> tuple[list[tuple[str, Route]], int]:
    """The routes to tell, each with its title, and how many routes there are in all."""
    found = routes(pathway)
    quickest, slowest = found.quickest, found.slowest
    if quickest is None or slowest is None:
        return [], 0
    chosen: list[tuple[str, Route]] = []
    if quickest.steps != slowest.steps:
        slowest = _walkable(pathway, slowest)
    if quickest.steps == slowest.steps:
        chosen.append(("The way through" if found.count == 1 else "One way through", quickest))
    else:
        chosen.append(("The quickest way through", quickest))
        chosen.append(("The longest way through", slowest))
    for title, route in _branch_routes(pathway, [r for _, r in chosen]):
        if len(chosen) >= MAX_ROUTES:
            break
        chosen.append((title, route))
    return chosen, found.count


def _walkable(pathway: Pathway, route: Route) -> Route:
    """`route` as a walk, each step followed by one it leads to, from a way in to a way out.

    The longest route goes round each loop once with the loop's steps in file order, which need not
    be an order anyone can walk: between two steps that do not follow each other, the fewest steps
    from one to the other are put in (a loop's steps all reach each other), and a way out is
    reached at the end.
    """
    graph = pathway_graph(pathway)
    exits = {s.id for s in pathway.steps if s.kind is StepKind.EXIT}
    entries = {s.id for s in pathway.steps if s.kind is StepKind.ENTRY}
    start = next((s for s in route.steps if s in entries), route.steps[0])
    walk = [start]
    for step in route.steps:
        if graph.has_edge(walk[-1], step):
            walk.append(step)
        elif step not in walk:  # (the start is in it already)
            between = _nearest(graph, [walk[-1]], {step})
            walk += between[1:] if between else [step]
    if walk[-1] not in exits:
        out = _nearest(graph, [walk[-1]], exits)
        walk += out[1:] if out else []
    if walk == list(route.steps):
        return route
    return replace(route, steps=tuple(walk))


def _branch_routes(pathway: Pathway, told: list[Route]) -> Iterable[tuple[str, Route]]:
    """A route through each way on from a decision that no route told so far takes, in file order."""
    graph = pathway_graph(pathway)
    entries = [s.id for s in pathway.steps if s.kind is StepKind.ENTRY]
    exits = [s.id for s in pathway.steps if s.kind is StepKind.EXIT]
    on_route = reachable_from(graph, entries) & reaching(graph, exits)
    sub = graph.subgraph(on_route)
    taken = {pair for r in told for pair in pairwise(r.steps)}
    steps = {s.id: s for s in reversed(pathway.steps)}
    for t in pathway.transitions:
        if (t.from_, t.to) in taken or t.from_ not in on_route or t.to not in on_route:
            continue
        if steps[t.from_].kind is not StepKind.DECISION:
            continue
        start = _nearest(sub, [e for e in entries if e in on_route], {t.from_})
        finish = _nearest(sub, [t.to], set(exits))
        if start is None or finish is None:
            continue
        walked = start + finish
        taken |= set(pairwise(walked))
        minutes = sum(_minutes(steps[s]) for s in walked)
        untimed = tuple(s for s in walked if _untimed(steps[s]))
        title = f"If {_condition(t.when)}" if t.when and t.when.strip() else "Another way through"
        yield title, Route(tuple(walked), minutes, untimed)


def _nearest(graph: nx.DiGraph, sources: list[str], wanted: set[str]) -> list[str] | None:
    """The fewest steps from any of `sources` to any of `wanted`, breadth first."""
    pred: dict[str, str | None] = {s: None for s in sources}
    queue = deque(sources)
    while queue:
        node = queue.popleft()
        if node in wanted:
            path = [node]
            while (back := pred[path[-1]]) is not None:
                path.append(back)
            return path[::-1]
        for nxt in graph.successors(node):
            if nxt not in pred:
                pred[nxt] = node
                queue.append(nxt)
    return None


def _minutes(step: Step) -> float:
    return step_minutes(step) or 0.0


def _untimed(step: Step) -> bool:
    return step.kind is not StepKind.EXIT and not step.wait and not step.duration


def _condition(when: str | None) -> str:
    """A condition as it reads after "If": the first letter lower-cased, no full stop at the end."""
    text = " ".join((when or "").split()).rstrip(".")
    return sentence_form(text)


# -- the words ------------------------------------------------------------------------------------


class _Teller:
    def __init__(self, pathway: Pathway) -> None:
        self.pathway = pathway
        self.steps = {s.id: s for s in reversed(pathway.steps)}
        self.names = {o.id: o.name for o in reversed(pathway.organisations)}
        self.ways_on: dict[str, list[Transition]] = {}
        for t in pathway.transitions:
            self.ways_on.setdefault(t.from_, []).append(t)

    def introduction(self) -> tuple[str, ...]:
        p = self.pathway
        lines = [f"This tells you what may happen on the pathway {quoted(p.title)}."]
        if p.context and p.context.population:
            lines.append(f"It is for {_condition(p.context.population)}.")
        if p.status is Status.DRAFT or p.status is Status.IN_REVIEW:
            lines.append("The partners are still working on it, so it may change.")
        elif p.status is Status.RETIRED:
            lines.append("This pathway is no longer in use.")
        owners = [self.names[s.owner] for s in p.steps if s.owner in self.names]
        met = list(dict.fromkeys(owners))
        if met:
            lines.append(f"You may meet people from {listed(met, most=4)}.")
        return tuple(lines)

    def route(self, title: str, route: Route) -> RouteStory:
        summary = [f"This way has {plural(len(route.steps), 'step')}."]
        if route.minutes:
            summary.append(f"All the waits and steps may take up to {minutes_words(route.minutes)}.")
        if route.untimed:
            count = len(route.untimed)
            summary.append(f"{plural(count, 'step')} {'does' if count == 1 else 'do'} not say how long "
                           f"{'it takes' if count == 1 else 'they take'}.")
        looped = {s for loop in route.loops for s in loop}
        told = []
        for i, step_id in enumerate(route.steps):
            before = route.steps[i - 1] if i else None
            after = route.steps[i + 1] if i + 1 < len(route.steps) else None
            told.append(self.step(step_id, before, after, step_id in looped))
        return RouteStory(title, tuple(summary), tuple(told))

    def step(self, step_id: str, before: str | None, after: str | None, looped: bool) -> StoryStep:
        step = self.steps[step_id]
        said: list[str] = []
        if before is not None:
            said += self._handoff(self.steps[before], step)
        opening = STORY_KIND_OPENINGS[step.kind.value].format(quoted(step.label))
        said.append(opening if step.label.rstrip()[-1:] in ("?", "!", ".") else opening + ".")
        if step.owner in self.names:
            said.append(f"You will meet {self.names[step.owner]}.")
        partners = [self.names[p] for p in step.partners if p in self.names and p != step.owner]
        if partners:
            said.append(f"{listed(partners, most=3)} may be there too.")
        if step.setting is not None:
            said.append(f"This happens {STORY_SETTING_WORDS[step.setting.value]}.")
        if step.wait:
            said.append("It starts straight away." if is_no_time(step.wait)
                        else f"You may wait up to {time_words(step.wait)} for this.")
        if step.duration and not is_no_time(step.duration):
            said.append(f"It takes about {time_words(step.duration)}.")
        if step.modality and step.kind is StepKind.INTERVENTION:
            said.append(f"The kind of help is {quoted(step.modality)}.")
        if looped:
            said.append("You may come back to this step more than once.")
        said += self._ways_on(step, after)
        return StoryStep(step.id, step.label, tuple(said))

    def _handoff(self, before: Step, step: Step) -> list[str]:
        if not before.owner or not step.owner or before.owner == step.owner:
            return []
        if before.owner not in self.names or step.owner not in self.names:
            return []
        said = [f"Your care moves from {self.names[before.owner]} to {self.names[step.owner]}."]
        way = next((t for t in self.ways_on.get(before.id, []) if t.to == step.id), None)
        if way is not None and way.handoff and way.handoff.strip():
            said.append(f"They pass on what you have shared: {_condition(way.handoff)}.")
        else:
            said.append("They should pass on what you have already shared, so you need not repeat it.")
        return said

    def _ways_on(self, step: Step, after: str | None) -> list[str]:
        """What happens if: at a decision, each way on that says when it applies, then the one
        this route takes; at another step with several ways on, only the one taken."""
        ways = [t for t in self.ways_on.get(step.id, []) if t.to in self.steps]
        if step.kind is StepKind.DECISION:
            said = [
                f"If {_condition(t.when)}, you will go on to {quoted(self.steps[t.to].label)}."
                for t in ways if t.when and t.when.strip()
            ]
        else:
            said = []
        if after is None or len(ways) < 2:
            return said
        taken = next((t for t in ways if t.to == after), None)
        if step.kind is not StepKind.DECISION and taken is not None and taken.when and taken.when.strip():
            said.append(f"If {_condition(taken.when)}, you go on to {quoted(self.steps[after].label)}.")
        else:
            said.append(f"On this way, you go on to {quoted(self.steps[after].label)}.")
        return said
