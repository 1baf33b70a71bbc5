"""Benchmark: the start-up of one `validate` of an example, as a whole process, against a bare
`python -c pass` measured in the same run (interleaved, so both see the same load on the machine).

Prints the median of several runs of each and their ratio. Goal: a ratio of at most 8 (a
pre-commit hook runs it on every commit). Then the heaviest imports of that `validate`, from
`python -X importtime`, to show where the time goes.
Run: `python benchmarks/cli.py [RUNS]` (default 15).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "pathways" / "adult-crisis-rural.yaml"
GOAL = 8.0
BARE = [sys.executable, "-c", "pass"]
VALIDATE = [sys.executable, "-m", "pathway_designer", "validate", "-q", str(EXAMPLE)]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    return elapsed


def heaviest_imports(count: int = 8) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the top-level imports that cost the most."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *VALIDATE[1:]], capture_output=True, text=True,
        cwd=ROOT, check=False,
    )
    found = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
        if cumulative.isdigit() and not name.startswith(" "):
            found.append((int(cumulative), name))
    return sorted(found, reverse=True)[:count]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    timed(BARE), timed(VALIDATE)  # warm the file cache
    bare, validate = [], []
    for _ in range(runs):
        bare.append(timed(BARE))
        validate.append(timed(VALIDATE))
    bare_median, validate_median = statistics.median(bare), statistics.median(validate)
    ratio = validate_median / bare_median
    print(f"python -c pass          median {bare_median * 1000:7.1f} ms over {runs} runs")
    print(f"validate (one example)  median {validate_median * 1000:7.1f} ms over {runs} runs")
    print(f"ratio {ratio:.1f} (goal: at most {GOAL:g}) {'ok' if ratio <= GOAL else 'OVER'}")
    print("heaviest imports of validate (cumulative):")
    for micros, name in heaviest_imports():
        print(f"  {micros / 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
