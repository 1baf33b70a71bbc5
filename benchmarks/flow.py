"""Benchmark: flow and capacity.

1. The analytic flow (`flow`) against `validate` of the same file: for 1,000 and 5,000 steps (a
   generated pathway with branches and loops, given arrivals, durations, places, costs and shares),
   the best of several runs of reading and solving the flow (`load_text` + `flow_of`), reading and
   validating (`load_text` + `validate`, which runs the flow rules too, `over-capacity` solving the
   flow once), and the solve alone. Goal: flow / validate <= 1.
2. The simulation: simulated journeys per second of `simulate` (our Ciw model: two queue limits,
   transition delays, the figures of a run) against the same network written directly in Ciw (its
   own nodes, one queue capacity, a transition matrix, and its records read back), same seeds, same
   run; goal: at most 1.3x the time per journey. Then the speed-up of 4 runs on 2 workers against 1.

Run: `python benchmarks/flow.py [--days N] [--repeat R] [--skip-analytic] [--skip-simulation]`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import ciw

sys.path.insert(0, str(Path(__file__).parent))
from generated import pathway_text
from timing import best, best_of

import pathway_designer
from pathway_designer.flow.analytic import flow_of, solve
from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution, Shape
from pathway_designer.flow.from_pathway import network_of, ways_on
from pathway_designer.flow.network import Network, Node, Route
from pathway_designer.flow.simulation import one_run, simulate


def flow_pathway_text(steps: int, seed: int = 1) -> str:
    """The generated pathway of `steps` steps with flow fields: 40 people a week arrive at the way
    in; each step with a time has places for about 70% of its load; a decision sends 70% on."""
    rng = random.Random(seed)
    pathway = pathway_designer.load_text(pathway_text(steps, seed))
    for step in pathway.steps[1:-1]:
        if step.kind.value != "decision":
            step.duration = f"{rng.randint(1, 8)}h"
            step.capacity = rng.randint(2, 6)
            step.cost = f"£{rng.randint(20, 200)} per person"
    pathway.steps[0].arrivals = "40/w"
    for out in ways_on(pathway).values():
        if len(out) > 1:
            out[0].share, out[1].share = "70%", "rest"
    return pathway_designer.dump(pathway)


def measure(steps: int) -> None:
    text = flow_pathway_text(steps)
    name = f"generated-{steps}.yaml"
    runs = 5 if steps < 5000 else 3
    network = network_of(pathway_designer.load_text(text, name))

    def flow() -> None:
        flow_of(pathway_designer.load_text(text, name))

    def validate() -> None:
        findings = pathway_designer.validate(pathway_designer.load_text(text, name))
        assert not pathway_designer.finding.has_errors(findings), findings[:3]

    flowing = best_of(runs, flow)
    checking = best_of(runs, validate)
    solving = best_of(runs, lambda: solve(network))
    print(f"{steps:>6} {len(text):>10,} {flowing * 1000:>9.1f}ms {checking * 1000:>10.1f}ms "
          f"{solving * 1000:>9.1f}ms {flowing / checking:>6.2f}")


def analytic() -> None:
    print(f"{'steps':>6} {'bytes':>10} {'flow':>11} {'validate':>12} {'solve':>11} {'ratio':>6}")
    for steps in (1000, 5000):
        measure(steps)
    print("ratio: flow (read + solve) / validate (read + every rule) of the same file; goal <= 1")


# A maternity-like network, in hours: triage, labour ward, theatre, postnatal ward, neonatal unit
SERVICES = [
    # id, places, service, arrivals per hour, queue limit
    ("triage", 3, Distribution(Shape.LOGNORMAL, (-0.2, 0.5)), 1.2, None),
    ("labour", 12, Distribution(Shape.GAMMA, (4.0, 2.5)), 0.0, 6),
    ("theatre", 2, Distribution(Shape.UNIFORM, (0.5, 1.5)), 0.0, 3),
    ("postnatal", 30, Distribution(Shape.GAMMA, (2.0, 18.0)), 0.0, 4),
    ("neonatal", 6, Distribution(Shape.LOGNORMAL, (3.5, 0.6)), 0.0, 2),
]
ROUTES = {  # source: [(target, share)]; "home" is the way out
    "triage": [("labour", 0.6), ("home", 0.4)],
    "labour": [("theatre", 0.25), ("postnatal", 0.7), ("neonatal", 0.05)],
    "theatre": [("postnatal", 0.9), ("neonatal", 0.1)],
    "postnatal": [("home", 1.0)],
    "neonatal": [("postnatal", 0.5), ("home", 0.5)],
}


def network() -> Network:
    nodes = [Node(i, i.title(), capacity=Calendar.constant(c), service=d,
                  arrivals=Calendar.constant(a) if a else None, outside_queue_limit=q,
                  inside_queue_limit=q) for i, c, d, a, q in SERVICES]
    routes = [Route(s, t, p) for s, ways in ROUTES.items() for t, p in ways]
    return Network(nodes=(*nodes, Node("home", "Home", is_exit=True)), routes=tuple(routes))


def _ciw_dist(d: Distribution) -> Any:
    a, b = d.params
    return {Shape.LOGNORMAL: ciw.dists.Lognormal, Shape.GAMMA: ciw.dists.Gamma,
            Shape.UNIFORM: ciw.dists.Uniform}[d.shape](a, b)


def direct_ciw(horizon: float, seed: int) -> int:
    """The same network as a Ciw user would write it; the journeys completed."""
    ids = [s[0] for s in SERVICES]
    matrix = [[dict(ROUTES[s]).get(t, 0.0) for t in ids] for s in ids]
    model = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(a) if a else None for _, _, _, a, _ in SERVICES],
        service_distributions=[_ciw_dist(d) for _, _, d, _, _ in SERVICES],
        number_of_servers=[c for _, c, _, _, _ in SERVICES],
        queue_capacities=[float("inf") if q is None else q for *_, q in SERVICES],
        routing=matrix,
    )
    ciw.seed(seed)
    sim = ciw.Simulation(model)
    sim.simulate_until_max_time(horizon)
    records = sim.get_all_records()
    return sum(1 for r in records if r.destination == -1)


def ours(net: Network, days: float, seed: int) -> int:
    return int(one_run(net, days, 0.0, seed, 0).pathway["finished"] or 0)



def simulation(args: argparse.Namespace) -> None:
    net = network()
    horizon = args.days * 24
    print(f"Simulation of a 5-step maternity network, {args.days:g} days, best of {args.repeat}")
    t_ciw, n_ciw = best(args.repeat, lambda: direct_ciw(horizon, 1))
    t_ours, n_ours = best(args.repeat, lambda: ours(net, args.days, 1))
    rate_ciw, rate_ours = n_ciw / t_ciw, n_ours / t_ours
    print(f"  Ciw written directly: {n_ciw} journeys in {t_ciw:.2f} s = {rate_ciw:,.0f} a second")
    print(f"  simulate (one run):   {n_ours} journeys in {t_ours:.2f} s = {rate_ours:,.0f} a second")
    print(f"  time per journey, ours / Ciw's: {rate_ciw / rate_ours:.2f}x (goal <= 1.3x)")
    days = args.days  # runs long enough that starting a worker (Python, then Ciw) is not all
    t1, _ = best(1, lambda: simulate(net, days=days, runs=4, seed=1, workers=1).runs)
    t2, _ = best(1, lambda: simulate(net, days=days, runs=4, seed=1, workers=2).runs)
    print(f"  4 runs of {days:g} days: 1 worker {t1:.2f} s, 2 workers {t2:.2f} s: "
          f"speed-up {t1 / t2:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=365.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-analytic", action="store_true")
    parser.add_argument("--skip-simulation", action="store_true")
    args = parser.parse_args()
    if not args.skip_analytic:
        analytic()
    if not args.skip_simulation:
        simulation(args)


if __name__ == "__main__":
    main()
