"""A pathway as a queueing network, in hours: the one description that the analytic solution
(`flow` command), the simulation (`simulate`) and PathSimR's templates share.

Built from a pathway (and a scenario) by the flow fields of the format, or read from PathSimR's
network and calendar templates. Steps with no way on, and exits, are `Node`s with `is_exit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution

# Shares leaving a step must add up to 1 within this (PathSimR's templates round to 3 places)
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Node:
    """A step (a service point) or an exit of the network."""

    id: str  # the step's id (or PathSimR's node name made an id)
    label: str  # the step's label, for people
    organisation: str | None = None  # id of the organisation responsible
    is_exit: bool = False
    # How many people can be served at once; None: no limit (everyone starts at once)
    capacity: Calendar | None = None
    # Length of service; None: no time at all
    service: Distribution | None = None
    # People per hour arriving from outside the pathway; None: none
    arrivals: Calendar | None = None
    # How many can wait: from outside (beyond it they are turned away) and from other steps
    # (beyond it a person finishing upstream stays blocked in their place); None: no limit
    outside_queue_limit: int | None = None
    inside_queue_limit: int | None = None
    cost_per_person: float | None = None  # pounds, each time a person passes
    cost_per_day: float | None = None  # pounds per person per day in the step
    wait_standard: float | None = None  # hours: the step's `wait` standard, to start it within


@dataclass(frozen=True)
class Route:
    """A way on: after `source`, a person goes to `target` with probability `share`, after an
    optional `delay` spent still holding their place in `source`."""

    source: str
    target: str
    share: float
    delay: Distribution | None = None


@dataclass(frozen=True)
class Network:
    """Nodes in pathway order, and the routes between them."""

    nodes: tuple[Node, ...]
    routes: tuple[Route, ...] = ()
    time_unit_hours: float = 1.0  # the unit the figures are reported in back to a person
    _by_id: dict[str, Node] = field(default_factory=dict, init=False, repr=False, compare=False)
    # The routes leaving each node, so that asking is not a walk over every route (5,000 steps)
    _out: dict[str, list[Route]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {n.id: n for n in self.nodes})
        out: dict[str, list[Route]] = {}
        for r in self.routes:
            out.setdefault(r.source, []).append(r)
        object.__setattr__(self, "_out", out)

    def node(self, node_id: str) -> Node:
        return self._by_id[node_id]

    def routes_from(self, node_id: str) -> list[Route]:
        return list(self._out.get(node_id, ()))

    @property
    def services(self) -> list[Node]:
        """The nodes that are not exits."""
        return [n for n in self.nodes if not n.is_exit]

    @property
    def exits(self) -> list[Node]:
        return [n for n in self.nodes if n.is_exit]

    def problems(self) -> list[str]:
        """What makes this no network (in plain words): unknown nodes, shares that do not add up
        to 1, a service node with no way on. Empty when it can be solved and simulated."""
        found: list[str] = []
        for r in self.routes:
            for end in (r.source, r.target):
                if end not in self._by_id:
                    found.append(f"a way on names {end!r}, which is no step")
            if not 0 <= r.share <= 1 + SHARE_TOLERANCE:
                found.append(f"a way on from {r.source!r} has a share of {r.share}")
        for n in self.nodes:
            out = self.routes_from(n.id)
            if n.is_exit:
                if out:
                    found.append(f"{n.label!r} is a way out, yet has ways on")
                continue
            total = sum(r.share for r in out)
            if abs(total - 1) > SHARE_TOLERANCE:
                found.append(f"the ways on from {n.label!r} add up to {total:.4g}, not 1")
        if not any(n.arrivals is not None and n.arrivals.peak > 0 for n in self.nodes):
            found.append("no step has people arriving")
        return found
