"""`simulate`: a pathway's flow run as a discrete-event simulation (Ciw), in people's words.

The progress goes to standard error: a bar redrawn in place on a terminal, else one plain line per
run (a log, a CI job), never on standard output, which holds the report or the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from ..flow.errors import FlowError
from ..flow.from_pathway import network_of
from ..flow.simulation import SimulationError, simulate
from ..flow.simulation_json import as_data
from ..flow.simulation_text import simulation_text
from .inputs import NotLoaded, load_or_say
from .main import UsageError
from .terminal import for_text, write

JSON_VERSION = 1
BAR = 30


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sim = subparsers.add_parser(
        "simulate", help="simulate people going through a pathway's flow: waits, occupancy, "
        "blocking, people turned away, with 95%% ranges over runs",
        description="A discrete-event simulation (Ciw) of the pathway's flow fields. Each run "
        "starts empty, runs the warm-up, then measures DAYS; the same --seed gives the same "
        "figures whatever --workers is.",
    )
    sim.add_argument("path", type=Path, metavar="PATH", help="a pathway file with flow fields")
    sim.add_argument("--scenario", metavar="NAME", help="one of the pathway's scenarios")
    sim.add_argument("--days", type=float, required=True, help="days measured in each run")
    sim.add_argument("--warm-up", type=float, default=0.0, metavar="D",
                     help="days run first and not measured (default 0)")
    sim.add_argument("--runs", type=int, default=10, metavar="R", help="runs (default 10)")
    sim.add_argument("--seed", type=int, default=1, metavar="S", help="seed (default 1)")
    sim.add_argument("--workers", type=int, default=1, metavar="W",
                     help="processes running runs at once (default 1)")
    sim.add_argument("--format", choices=("text", "json"), default="text")
    sim.set_defaults(func=run_simulate)


class Progress:
    """Told after each run: a bar on a terminal, a line per run otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.live:
            filled = round(BAR * done / total)
            self.stream.write(f"\rSimulating [{'#' * filled}{'.' * (BAR - filled)}] "
                              f"{done}/{total} runs")
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(f"run {done} of {total} done\n")
        self.stream.flush()


def run_simulate(args: argparse.Namespace) -> int:
    try:
        pathway = load_or_say(args.path, "not simulated")
    except NotLoaded as stop:
        return stop.status
    try:
        network = network_of(pathway, args.scenario)
        result = simulate(network, days=args.days, warm_up_days=args.warm_up, runs=args.runs,
                          seed=args.seed, workers=args.workers, progress=Progress(sys.stderr))
    except (FlowError, SimulationError) as error:
        raise UsageError(str(error)) from None
    if args.format == "json":
        data = {"version": JSON_VERSION, "pathway_id": pathway.id, "scenario": args.scenario,
                **as_data(result)}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    shown = for_text(pathway)
    title = shown.title + (f", scenario {for_text(args.scenario)}" if args.scenario else "")
    names = {o.id: o.name for o in shown.organisations}
    labels = for_text(result)
    write(simulation_text(labels, title, names))
    return 0
