"""Benchmark: the analytic flow (`flow`) against `validate` of the same file.

For 1,000 and 5,000 steps (a generated pathway with branches and loops, given arrivals, durations,
places, costs and shares), the best of several runs of: reading and solving the flow
(`load_text` + `flow_of`), reading and validating (`load_text` + `validate`, which runs the flow
rules too, `over-capacity` solving the flow once), and the solve alone (`solve` of the network).
Goal: flow / validate <= 1. Run: `python benchmarks/flow.py`.
(The simulation's figures, journeys per second and the speed-up on workers, are h13b's part.)
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generated import pathway_text

import pathway_designer
from pathway_designer.flow.analytic import flow_of, solve
from pathway_designer.flow.from_pathway import network_of, ways_on


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


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


def main() -> None:
    print(f"{'steps':>6} {'bytes':>10} {'flow':>11} {'validate':>12} {'solve':>11} {'ratio':>6}")
    for steps in (1000, 5000):
        measure(steps)
    print("ratio: flow (read + solve) / validate (read + every rule) of the same file; goal <= 1")


if __name__ == "__main__":
    main()
