"""Benchmark: the version store's history, diff, blame and save against `git log` on the same file.

Builds a workspace (in a temporary folder) with one pathway of 200 steps and 1,000 versions, each a
small edit (a step's label) by one of five partners, written as ordinary git commits and packed, as a
clone of a shared repository would have them. Then times, against `git log --format=%H -- pathways/x.yaml` by
the git CLI in the same run:

- `history`: cold (no cache: the commit index is built from git), from a fresh `Workspace` with the
  index on disk (what a new CLI process pays, less Python's start), and in memory (the app polling);
- `diff v1 v1000`;
- `blame`: cold (every version read and diffed once, then remembered) and with the diffs known
  (what saves leave behind, and every blame after the first);
- `save`: one small edit saved with a base, at 10 and at 1,000 versions (goal: the same);
- a cold clone: the workspace pushed to a bare repository and cloned afresh (no caches at all, as
  a partner's new server has it), then its first `history`, `blame` and `why` in a new Workspace,
  and the first `blame` as a new `pathway-designer` process (Python's start included), against
  `git log` on that clone in the same run.

Goals: history at most 1.5x git log, blame at most 5x, save independent of the number of versions;
on a cold clone, the first history at most 3x git log and the first blame at most 2 s.
Times are the best of several runs (the cold ones each from no cache: a fresh clone, or the
caches deleted), and on a cold clone `git log` is timed on the same fresh clones as the first
history, as many times; blame's cold runs are single; saves are medians.
Run: `python benchmarks/history.py [--versions N] [--cold-repeats N]`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dulwich.objects import Blob, Commit, Tree
from dulwich.repo import Repo

sys.path.insert(0, str(Path(__file__).parent))
from generated import pathway_text

import pathway_designer
from pathway_designer.store import Workspace
from pathway_designer.store.messages import compose

STEPS = 200
PARTNERS = [
    ("Amina Khan", "Ryedale Mind"),
    ("Bob Lee", "North Yorkshire ICB"),
    ("Carla Diaz", "Tees, Esk and Wear Valleys NHS FT"),
    ("Dev Patel", "North Yorkshire Council"),
    ("Erin Shaw", "Carers' Resource"),
]


def build(folder: Path, versions: int) -> tuple[Workspace, str, str]:
    """A workspace whose pathway has `versions` versions; (workspace, pathway id, latest text)."""
    text = pathway_designer.dump(pathway_designer.load_text(pathway_text(STEPS)))
    pathway_id = f"generated-{STEPS}"
    path = f"pathways/{pathway_id}.yaml"
    repo = Repo.init(str(folder), mkdir=True, default_branch=b"main")
    labels = {i: f"Step {i} of the pathway" for i in range(STEPS)}
    rng = random.Random(7)
    parent: bytes | None = None
    moment = 1_700_000_000
    for number in range(1, versions + 1):
        if number > 1:
            step = rng.randrange(STEPS)
            new = f"Step {step} of the pathway, revision {number}"
            text = text.replace(f"label: {labels[step]}\n", f"label: {new}\n", 1)
            labels[step] = new
        blob = Blob.from_string(text.encode("utf-8"))
        folder_tree = Tree()
        folder_tree.add(f"{pathway_id}.yaml".encode(), 0o100644, blob.id)
        root = Tree()
        root.add(b"pathways", 0o040000, folder_tree.id)
        name, organisation = PARTNERS[number % len(PARTNERS)]
        commit = Commit()
        commit.tree = root.id
        commit.parents = [parent] if parent else []
        commit.author = commit.committer = f"{name} <>".encode()
        commit.author_time = commit.commit_time = moment + number * 60
        commit.author_timezone = commit.commit_timezone = 0
        rationale = "Start" if number == 1 else f"Clarify step {step}"
        trailers = [("Pathway", pathway_id), ("Organisation", organisation)]
        commit.message = compose(rationale, trailers).encode("utf-8")
        for obj in (blob, folder_tree, root, commit):
            repo.object_store.add_object(obj)
        parent = commit.id
    assert parent is not None
    repo.refs[b"refs/heads/main"] = parent
    repo.close()
    # Packed, as a clone of a shared repository has it (and as git is fastest at reading it).
    for command in (["reset", "-q", "--hard"], ["gc", "-q"]):
        subprocess.run(["git", "-C", str(folder), *command], check=True)
    assert path
    return Workspace(folder), pathway_id, text


def timed(work: Callable[[], object], runs: int = 1) -> float:
    """Best wall time of `runs` runs, in milliseconds (best, not mean: other work on the machine
    only ever adds time, to git and to us alike)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def interleaved(works: list[Callable[[], object]], runs: int) -> list[float]:
    """Best times of several works run in turn, so that a busy spell of the machine (it is shared)
    falls on all of them alike; in milliseconds."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for i, work in enumerate(works):
            best[i] = min(best[i], timed(work))
    return best


def in_fresh(root: Path, work: Callable[[Workspace], object]) -> Callable[[], None]:
    """`work` on a newly opened workspace, as a new process would do it (less Python's start)."""

    def run() -> None:
        ws = Workspace(root)
        try:
            work(ws)
        finally:
            ws.close()

    return run


def forget_caches(ws: Workspace) -> None:
    shutil.rmtree(ws.root / ".git" / "pathway-designer", ignore_errors=True)


def save_times(workspaces: list[tuple[Workspace, str]], runs: int = 9) -> list[float]:
    """Median time of a small edit saved with the latest version as its base, in each workspace;
    the workspaces take turns, so that a busy moment of the machine does not favour one."""
    times: list[list[float]] = [[] for _ in workspaces]
    for run in range(runs):
        for i, (ws, text) in enumerate(workspaces):
            edited = text.replace("title: Generated", f"title: Generated ({run})", 1)
            start = time.perf_counter()
            result = ws.save(edited, author="Amina Khan", organisation="Ryedale Mind", rationale="Edit",
                             base="latest")
            times[i].append(time.perf_counter() - start)
            assert result.status == "saved", result.message
    return [statistics.median(t) * 1000 for t in times]


def clone_afresh(source: Path, target: Path) -> Path:
    """A new clone of `source` by way of a bare shared repository: what a partner's server starts
    from, with none of our caches."""
    bare = target.with_suffix(".git")
    if not bare.exists():
        subprocess.run(["git", "clone", "-q", "--bare", str(source), str(bare)], check=True)
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(bare), str(target)], check=True)
    return target


def cold_clone(
    source: Path, folder: Path, pathway_id: str, repeats: int = 5
) -> list[tuple[str, float, float | None]]:
    """The cold-clone rows: each first use timed on a clone of its own, so each pays it all."""
    path = f"pathways/{pathway_id}.yaml"
    clone = clone_afresh(source, folder / "clone")

    def git_log_run() -> None:
        subprocess.run(["git", "-C", str(clone), "log", "--format=%H", "--", path], check=True,
                       capture_output=True)

    # Paired: on each fresh clone, `git log` and our first history (git log leaves nothing behind
    # that would help us), which goes first taking turns; so both are the best of as many runs on
    # the same clones (a best of more runs for one side alone would favour it).
    logs: list[float] = []
    histories: list[tuple[float, float]] = []  # (wall, CPU here)
    for run in range(repeats):
        if run:
            clone = clone_afresh(source, folder / "clone")
        if run % 2:
            logs.append(timed(git_log_run))
        cpu = time.process_time()
        took = timed(in_fresh(clone, lambda w: w.history(pathway_id)))
        histories.append((took, (time.process_time() - cpu) * 1000))
        if not run % 2:
            logs.append(timed(git_log_run))
    git_log, (history, history_cpu) = min(logs), min(histories)
    median_log, median_history = statistics.median(logs), statistics.median(h for h, _ in histories)
    print(f"cold clone: medians of {repeats} fresh clones: git log {median_log:.1f} ms, first history "
          f"{median_history:.1f} ms ({median_history / median_log:.2f}x)")
    clone = clone_afresh(source, folder / "clone")
    cpu = time.process_time()
    blame = timed(in_fresh(clone, lambda w: w.blame(pathway_id)))
    blame_cpu = (time.process_time() - cpu) * 1000
    # on a shared machine the wall time includes waiting for a core; the CPU time does not
    print(f"cold clone: first history {history_cpu:.0f} ms of CPU here (git's own not counted), "
          f"first blame {blame_cpu:.0f} ms of CPU")
    clone = clone_afresh(source, folder / "clone")
    step = Workspace(clone).pathway(pathway_id).steps[0].id
    why = timed(in_fresh(clone, lambda w: w.why(pathway_id, step)))
    command = [sys.executable, "-m", "pathway_designer", "blame", path]
    # As an installed tool runs: its modules compiled once (pip writes the bytecode when it
    # installs), which a PYTHONDONTWRITEBYTECODE in the benchmark's own environment would forbid.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "pathway_designer", "--version"], env=env, check=True,
                   capture_output=True)
    clone = clone_afresh(source, folder / "clone")
    process = timed(lambda: subprocess.run(command, cwd=clone, env=env, check=True, capture_output=True))
    return [
        ("cold clone: git log --format=%H -- FILE", git_log, None),
        ("cold clone: first history", history, git_log),
        ("cold clone: first blame", blame, git_log),
        ("cold clone: first why", why, git_log),
        ("cold clone: first blame, a new process", process, git_log),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--cold-repeats", type=int, default=5,
                        help="first histories timed with no cache, each afresh (the best is shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        ws, pathway_id, text = build(Path(tmp) / "big", args.versions)
        small, _, small_text = build(Path(tmp) / "small", 10)
        print(f"built {args.versions} versions of a {STEPS}-step pathway in "
              f"{time.perf_counter() - started:.1f} s\n")
        path = f"pathways/{pathway_id}.yaml"
        def git_log_run() -> None:
            command = ["git", "-C", str(ws.root), "log", "--format=%H", "--", path]
            subprocess.run(command, check=True, capture_output=True)

        assert len(ws.history(pathway_id)) == args.versions
        history_cold = float("inf")
        for _ in range(args.cold_repeats):  # best of several, each with no cache at all
            forget_caches(ws)
            history_cold = min(history_cold, timed(in_fresh(ws.root, lambda w: w.history(pathway_id))))
        git_log, history_fresh = interleaved(
            [git_log_run, in_fresh(ws.root, lambda w: w.history(pathway_id))], runs=15
        )
        warm = Workspace(ws.root)
        warm.history(pathway_id)
        history_memory = timed(lambda: warm.history(pathway_id), runs=9)
        diff = timed(lambda: warm.diff(pathway_id, "v1", f"v{args.versions}"), runs=3)
        blame_cold = timed(in_fresh(ws.root, lambda w: w.blame(pathway_id)))
        git_log_again, blame_fresh = interleaved(
            [git_log_run, in_fresh(ws.root, lambda w: w.blame(pathway_id))], runs=15
        )
        git_log = min(git_log, git_log_again)
        blame_memory = timed(lambda: warm.blame(pathway_id), runs=9)
        small.history(pathway_id)
        save_small, save_big = save_times([(small, small_text), (warm, text)])
        first_save = timed(in_fresh(ws.root, lambda w: w.save(
            text.replace("title: Generated", "title: Generated (fresh)", 1), author="Bob Lee",
            organisation="North Yorkshire ICB", rationale="Edit", base="latest")))
        for opened in (ws, small, warm):
            opened.close()
        cold = cold_clone(ws.root, Path(tmp), pathway_id, args.cold_repeats)

    rows = [
        ("git log --format=%H -- FILE", git_log, None),
        ("history, cold (index built from git)", history_cold, git_log),
        ("history, fresh Workspace (index on disk)", history_fresh, git_log),
        ("history, in memory (polling)", history_memory, git_log),
        (f"diff v1 v{args.versions}", diff, git_log),
        ("blame, cold (every version read once)", blame_cold, git_log),
        ("blame, fresh Workspace (diffs known)", blame_fresh, git_log),
        ("blame, in memory", blame_memory, git_log),
        ("save at 10 versions", save_small, None),
        (f"save at {args.versions} versions", save_big, save_small),
        (f"first save, fresh Workspace, {args.versions} versions", first_save, save_small),
        *cold,
    ]
    print(f"{'':50} {'ms':>10} {'ratio':>8}")
    for label, ms, against in rows:
        ratio = f"{ms / against:>7.2f}x" if against else ""
        print(f"{label:50} {ms:>10.1f} {ratio:>8}")
    print("\nratios: history and blame against git log; saves against the save at 10 versions")


if __name__ == "__main__":
    main()
