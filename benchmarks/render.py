"""Benchmark: drawing pathways of 50, 300 and 1,000 steps, against Graphviz's `dot` alone.

For each size it prints the time to generate DOT source, the time of the whole `render` to SVG, and
the time of `dot -Tsvg` run directly on the same DOT source in the same run; the ratio of our total to
`dot` alone is our overhead. Goal: ratio at most 1.10 at 300 and 1,000 steps. Each figure is the
best of `--repeat` interleaved runs (noise from other work on the machine only ever adds time).

On a busy machine even `dot`'s CPU time for the same input varies by ±20% from run to run, so the
CPU ratio compares what differs: it is 1 + (this process's CPU time during `render`: building the
diagram, writing DOT, piping) / (`dot`'s CPU time alone). Both are best of the runs.

    python benchmarks/render.py [--sizes 50 300 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import time
from typing import Any

from pathway_designer.model import Pathway, Role, Setting, StepKind
from pathway_designer.render import render, render_dot

ROLES = [Role.NHS_PROVIDER, Role.PRIMARY_CARE, Role.SOCIAL_CARE, Role.VOLUNTARY_SECTOR, Role.COMMISSIONER]
KINDS = [StepKind.ASSESSMENT, StepKind.INTERVENTION, StepKind.REFERRAL, StepKind.REVIEW, StepKind.DECISION]
WORDS = ["assessment", "by", "the", "team", "of", "needs", "and", "risks", "with", "the", "person",
         "and", "their", "carer", "at", "home"]


def generated_pathway(steps: int, seed: int = 1) -> Pathway:
    """A pathway of `steps` steps in 5 organisations, about 2 transitions a step, some loops back."""
    rng = random.Random(seed)
    organisations = [
        {"id": f"org-{i}", "name": f"Organisation {i} NHS Foundation Trust", "role": role.value}
        for i, role in enumerate(ROLES)
    ]
    owners = [o["id"] for o in organisations[:4]]
    kinds = []
    items: list[dict[str, Any]] = []
    for i in range(steps):
        kind = StepKind.ENTRY if i == 0 else StepKind.EXIT if i == steps - 1 else rng.choice(KINDS)
        kinds.append(kind)
        label = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize()
        setting = rng.choice([*Setting, None])
        item: dict[str, Any] = {
            "id": f"step-{i}",
            "label": f"{label} {i}",
            "kind": kind.value,
            "owner": owners[(i // 7 + rng.randint(0, 1)) % len(owners)],
        }
        if setting is not None:
            item["setting"] = setting.value
        if rng.random() < 0.6:
            item["wait"] = rng.choice(["4h", "2w"])
        items.append(item)
    transitions = []
    for i in range(steps - 1):
        targets = {i + 1}
        if kinds[i] is StepKind.DECISION or rng.random() < 0.6:
            targets.add(min(steps - 1, i + rng.randint(2, 6)))
        if rng.random() < 0.08 and i > 5:
            targets.add(i - rng.randint(2, 5))  # a loop back, as a review does
        for n, target in enumerate(sorted(targets)):
            transition = {"from": f"step-{i}", "to": f"step-{target}"}
            if len(targets) > 1:
                transition["when"] = f"Condition {n} holds for the person"
            if rng.random() < 0.2:
                transition["handoff"] = "Shared care record"
            transitions.append(transition)
    return Pathway.model_validate(
        {
            "id": f"generated-{steps}",
            "title": f"Generated pathway of {steps} steps",
            "organisations": organisations,
            "steps": items,
            "transitions": transitions,
        }
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Timing:
    """Wall-clock and CPU seconds of a piece of work (CPU: this process and its finished children).

    CPU time holds up on a busy machine, where wall-clock time measures the other work too.
    """

    def __init__(self) -> None:
        self.wall = self.own = self.children = 0.0

    def __enter__(self) -> Timing:
        self._wall, self._own, self._children = time.perf_counter(), time.process_time(), _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.own = time.process_time() - self._own
        self.children = _children_cpu() - self._children


def dot_alone(source: str) -> Timing:
    """`dot -Tsvg` on `source`, run directly."""
    with Timing() as timing:
        subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True)
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 300, 1000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the best is shown")
    args = parser.parse_args()
    heading = ("steps", "transitions", "DOT gen", "render svg", "dot -Tsvg", "ratio", "CPU ratio")
    print("{:>6} {:>11} {:>9} {:>11} {:>10} {:>6} {:>10}".format(*heading), flush=True)
    for size in args.sizes:
        pathway = generated_pathway(size)
        source = render_dot(pathway)
        generate, ours, alone = [], [], []
        notes: tuple[str, ...] = ()
        # Interleaved, so that load on the machine affects all three alike.
        for _ in range(args.repeat):
            with Timing() as timing:
                render_dot(pathway)
            generate.append(timing)
            with Timing() as timing:
                notes = render(pathway, "svg").notes
            ours.append(timing)
            alone.append(dot_alone(source))
        wall = min(t.wall for t in ours), min(t.wall for t in alone)
        cpu = min(t.own for t in ours), min(t.children for t in alone)
        print(
            f"{size:>6} {len(pathway.transitions):>11} "
            f"{min(t.wall for t in generate):>8.3f}s {wall[0]:>10.3f}s "
            f"{wall[1]:>9.3f}s {wall[0] / wall[1]:>6.2f} {1 + cpu[0] / cpu[1]:>10.2f}"
            + ("  (large: labels beside arrows)" if notes else ""),
            flush=True,
        )


if __name__ == "__main__":
    main()
