"""The Ciw nodes that give a step PathSimR's rules, which Ciw's own nodes do not have.

Ciw has one `queue_capacities` value per node and moves a person on the moment their service
ends. A pathway step has two queue limits (beyond `outside_queue_limit` people arriving from outside
are turned away; beyond `inside_queue_limit` people finishing another step stay blocked in their
place there) and transition delays (after any blocking, a person keeps their place for the delay
while a place is held for them at the destination, then moves). `StepNode` decides room itself,
from the people waiting and the free places at the moment of asking, so a calendar that opens
places also lets blocked people in. As in PathSimR, a place held for someone on their way is
theirs when they come, and a place freed goes to whoever waited longest for it, blocked upstream
or in the queue.

Each node keeps plain tuples of what happened (`visits`, `turned_away`, `reservations`) for
`simulation_figures.py`; Ciw's own data records are not written.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from math import inf, isinf
from typing import Any

import ciw


@dataclass
class StepSpec:
    """What a Ciw node needs to know of its step, attached to the Ciw network as `.pathway`."""

    outside_limit: float = inf
    inside_limit: float = inf
    delays: dict[int, Any] = field(default_factory=dict)  # Ciw node id of a step to Ciw dist
    exit_delays: dict[int, Any] = field(default_factory=dict)  # index of a way out to Ciw dist


@dataclass
class RunState:
    """What a run records beyond the nodes: journeys from entry to exit."""

    specs: list[StepSpec]
    exit_ids: list[str]
    entries: list[float] = field(default_factory=list)  # when people came in from outside
    # (entered, left, exit index, steps passed) for everyone who reached a way out
    journeys: list[tuple[float, float, int, int]] = field(default_factory=list)


class Ways(ciw.routing.NodeRouting):  # type: ignore[misc]
    """A step's ways on by their shares; a way out is Ciw's exit node, with which one noted on the
    person. Draws from Python's `random`, which `ciw.seed` seeds."""

    def __init__(self, targets: list[int], shares: list[float], exit_index: list[int]) -> None:
        self.targets = targets  # Ciw node ids; -1 for a way out
        self.exit_index = exit_index  # for a way out, its index in RunState.exit_ids
        total = 0.0
        self.cumulative = []
        for share in shares:
            total += share
            self.cumulative.append(total)

    def next_node(self, ind: Any) -> Any:
        # scaled by the total so shares that add up to 1 within rounding always choose a way
        i = bisect.bisect_right(self.cumulative, random.random() * self.cumulative[-1])
        i = min(i, len(self.targets) - 1)
        ind.exit_index = self.exit_index[i]
        return self.simulation.nodes[self.targets[i]]


class StepNode(ciw.Node):  # type: ignore[misc]
    """A Ciw node with two queue limits and transition delays (see the module's docstring)."""

    def __init__(self, id_: int, simulation: Any) -> None:
        super().__init__(id_, simulation)
        spec: StepSpec = simulation.network.pathway.specs[id_ - 1]
        self.outside_limit = spec.outside_limit
        self.inside_limit = spec.inside_limit
        self.delays = spec.delays
        self.exit_delays = spec.exit_delays
        self.reserved = 0  # places held for people in a transition delay towards this step
        # (arrival, start, end of service, start of transition delay or None, left)
        self.visits: list[tuple[float, float, float, float | None, float]] = []
        self.turned_away: list[float] = []  # when people from outside were turned away
        self.reservations: list[tuple[float, float]] = []  # places held: from, to

    def has_room(self, limit: float) -> bool:
        """Whether one more person can join: a free place not held for someone, or room to wait.
        Places held for people on their way count first against the free places."""
        if self.has_free_place():
            return True
        free = sum(1 for s in self.servers if not s.busy)
        waiting = self.number_of_individuals - self.number_in_service
        return waiting + self.reserved - free < limit

    def find_free_server(self, ind: Any) -> Any:
        """A free place for someone at the step, never one held for a person on their way."""
        if not isinf(self.c) and not self.has_free_place():
            return None
        return super().find_free_server(ind)

    def begin_service_if_possible_release(self, next_individual: Any, newly_free_server: Any
                                          ) -> None:
        """A place freed goes, as in PathSimR, to whoever has waited longest for it: someone
        blocked upstream (since their service there ended) before the queue (since they joined
        it); and never to the queue while it is held for someone on their way."""
        if (newly_free_server is not None and not isinf(self.c)
                and (not self.has_free_place() or self._blocked_waited_longer())):
            return  # kept free: the next release_blocked_individual (or arrival) takes it
        super().begin_service_if_possible_release(next_individual, newly_free_server)

    def choose_next_customer(self) -> Any:
        """The next to start: someone arriving to the place held for them, else the queue's
        first."""
        for group in self.individuals:
            for ind in group:
                if not ind.server and getattr(ind, "held_place", False):
                    ind.held_place = False  # a free place is theirs: they start now
                    return ind
        return super().choose_next_customer()

    def _blocked_waited_longer(self) -> bool:
        if self.len_blocked_queue == 0:
            return False
        node_id, ind_id = self.blocked_queue[0]
        blocked = next((i for i in self.simulation.nodes[node_id].all_individuals
                        if i.id_number == ind_id), None)
        if blocked is None:
            return False
        waiting = [i.arrival_date for i in self.all_individuals if not i.server]
        return not waiting or blocked.service_done < min(waiting)

    def finish_service(self) -> None:
        ind = self.decide_between_simultaneous_individuals()
        target = getattr(ind, "transit_to", None)
        if ind.server:
            ind.server.next_end_service_date = inf
        if target is not None:  # the end of a transition delay: the place ahead is held
            ind.transit_to = None
            if isinstance(target, StepNode):
                target.reserved -= 1
                target.reservations.append((ind.transit_start, self.now))
                ind.held_place = True  # the place kept for them is theirs, not the queue's
            self.leave(ind, target)
            return
        ind.service_done = self.now
        ind.transit_start = None
        next_node = self.next_node(ind)
        ind.destination = next_node.id_number
        if not isinstance(next_node, StepNode) or next_node.has_room(next_node.inside_limit):
            self.move_on(ind, next_node)
        else:
            self.block_individual(ind, next_node)

    def has_free_place(self) -> bool:
        """Whether a place is free now, not held for someone on their way."""
        if isinf(self.c) and self.schedule is None:
            return True
        return sum(1 for s in self.servers if not s.busy) > self.reserved

    def move_on(self, ind: Any, next_node: Any) -> None:
        """Leave now, or start the transition delay towards `next_node`, holding a place there.
        As in PathSimR, a delay starts only with a free place to hold: a person who can only
        join the queue ahead joins it at once, without the delay."""
        if isinstance(next_node, StepNode):
            dist = self.delays.get(next_node.id_number)
            if dist is not None and not next_node.has_free_place():
                dist = None
        else:
            dist = self.exit_delays.get(ind.exit_index)
        delay = dist.sample() if dist is not None else 0.0
        if delay <= 0:
            self.leave(ind, next_node)
            return
        ind.transit_to = next_node
        ind.transit_start = self.now
        if isinstance(next_node, StepNode):
            next_node.reserved += 1
        if ind.server:
            ind.server.next_end_service_date = self.now + delay
        else:  # no limit on places: Ciw finds the next end among the people themselves
            ind.service_end_date = self.now + delay

    def leave(self, ind: Any, next_node: Any) -> None:
        if not isinstance(next_node, StepNode):
            run: RunState = self.simulation.network.pathway
            # this step's own record is written as they are released, just after
            run.journeys.append((ind.entered, self.now, ind.exit_index,
                                 getattr(ind, "steps_passed", 0) + 1))
        self.release(ind, next_node)

    def release_blocked_individual(self) -> None:
        """Let in the people blocked longest while there is room (several when a calendar opens
        places), each starting their transition delay if they have one."""
        while self.len_blocked_queue > 0 and self.has_room(self.inside_limit):
            node_id, ind_id = self.blocked_queue.pop(0)
            self.len_blocked_queue -= 1
            source = self.simulation.nodes[node_id]
            ind = next(i for i in source.all_individuals if i.id_number == ind_id)
            ind.is_blocked = False
            # a free place they were let in for is theirs, not the queue's first
            ind.held_place = self.has_free_place()
            source.move_on(ind, self)

    def change_shift(self) -> None:
        super().change_shift()
        self.release_blocked_individual()

    def write_individual_record(self, individual: Any) -> None:
        individual.steps_passed = getattr(individual, "steps_passed", 0) + 1
        self.visits.append((individual.arrival_date, individual.service_start_date,
                            individual.service_done, individual.transit_start, self.now))


class EntryNode(ciw.ArrivalNode):  # type: ignore[misc]
    """Outside arrivals turned away beyond the step's outside queue limit."""

    def release_individual(self, next_node: Any, next_individual: Any) -> None:
        next_individual.entered = self.simulation.current_time
        if next_node.has_room(next_node.outside_limit):
            self.simulation.network.pathway.entries.append(self.simulation.current_time)
            self.send_individual(next_node, next_individual)
        else:
            next_node.turned_away.append(self.simulation.current_time)
            self.simulation.nodes[-1].accept(next_individual, completed=False)
