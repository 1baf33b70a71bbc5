"""`simulate`: a pathway's network run many times in Ciw (a discrete-event simulation), each run
from empty for a warm-up and then the period measured, and the figures over the runs.

Each run is seeded from the seed and its index alone, so the same seed gives the same figures
whatever the number of workers; workers are processes started with "spawn" (safe wherever the
caller runs, threads included), each running whole runs.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pathway_designer.flow.network import Network
from pathway_designer.flow.simulation_figures import RunFigures, run_figures
from pathway_designer.flow.simulation_model import run
from pathway_designer.flow.simulation_results import SimulationResult, combined

# Called after each run with (runs done, runs in all)
Progress = Callable[[int, int], None]

MAX_RUNS = 1000
MAX_DAYS = 3650.0  # ten years measured: beyond it a run is out of any workshop's reach


class SimulationError(ValueError):
    """A network or settings that cannot be simulated, said in plain words."""


def run_seed(seed: int, index: int) -> int:
    """The seed of run `index`: from the seed and the index only (never from a worker)."""
    digest = hashlib.sha256(f"{seed}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def one_run(network: Network, days: float, warm_up_days: float, seed: int,
            index: int) -> RunFigures:
    """Run `index` of a simulation: its figures after the warm-up."""
    warm_up = warm_up_days * 24
    horizon = warm_up + days * 24
    # A run makes many objects and few cycles: the cyclic collector's passes over the growing
    # graph of people cost more than the run's garbage; everything goes when the run is done.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        sim, state = run(network, horizon, run_seed(seed, index), warm_up)
        return run_figures(network, sim, state, warm_up, horizon)
    finally:
        if was_enabled:
            gc.enable()


def _one_run(args: tuple[Network, float, float, int, int]) -> RunFigures:
    return one_run(*args)


def _start_method() -> str:
    """How worker processes start: forked from a process with no other thread (the command line:
    no second import of Ciw and the library, 0.4 s a worker), else spawned, since forking a
    process with threads (the app's server) can copy a lock held by one of them."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def check_settings(network: Network, days: float, warm_up_days: float, runs: int,
                   workers: int) -> None:
    problems = network.problems()
    if problems:
        raise SimulationError("this pathway cannot be simulated: " + "; ".join(problems))
    if not 0 < days <= MAX_DAYS:
        raise SimulationError(f"the days to simulate must be above 0 and at most {MAX_DAYS:g}")
    if not 0 <= warm_up_days <= MAX_DAYS:
        raise SimulationError(f"the warm-up must be 0 days or more, at most {MAX_DAYS:g}")
    if not 1 <= runs <= MAX_RUNS:
        raise SimulationError(f"the runs must be 1 or more, at most {MAX_RUNS}")
    if workers < 1:
        raise SimulationError("the workers must be 1 or more")


def simulate(network: Network, *, days: float, warm_up_days: float = 0.0, runs: int = 10,
             seed: int = 1, workers: int = 1,
             progress: Progress | None = None) -> SimulationResult:
    """`runs` runs of `warm_up_days` then `days` measured; SimulationError for what cannot run."""
    check_settings(network, days, warm_up_days, runs, workers)
    jobs = [(network, days, warm_up_days, seed, i) for i in range(runs)]
    figures: list[RunFigures] = []
    if workers == 1 or runs == 1:
        for job in jobs:
            figures.append(_one_run(job))
            if progress:
                progress(len(figures), runs)
    else:
        context = multiprocessing.get_context(_start_method())
        try:
            with ProcessPoolExecutor(min(workers, runs), mp_context=context) as pool:
                # map keeps the runs' order, so the result is the same whoever ran which
                for result in pool.map(_one_run, jobs):
                    figures.append(result)
                    if progress:
                        progress(len(figures), runs)
        except BrokenProcessPool:
            # A worker that died (it could not start here) must not hang the run, as a
            # multiprocessing.Pool would by starting it again for ever: the runs left are made
            # in this process, with the same seeds, so the figures are the same.
            for job in jobs[len(figures):]:
                figures.append(_one_run(job))
                if progress:
                    progress(len(figures), runs)
    return combined(network, figures, days=days, warm_up_days=warm_up_days, seed=seed)
