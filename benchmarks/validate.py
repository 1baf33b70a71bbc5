"""Benchmark: load + validate against a bare PyYAML CSafeLoader parse of the same text.

Prints, for 100, 1,000 and 5,000 steps, the best of several runs of each and their ratio. Goal: a
ratio of at most 2.5 at 1,000 and 5,000 steps. Then a hostile file of 40,000 and 150,000 unknown
keys (1.5 MB, under the size limit), where every key is a finding with a position: goal a ratio of at
most 3 (finding each position by searching its mapping made it quadratic: 41 s at 40,000 keys).
Run: `python benchmarks/validate.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from generated import pathway_text
from timing import best_of

import pathway_designer
from pathway_designer.checks.rules import RULES, RuleContext


def measure(steps: int) -> None:
    text = pathway_text(steps)
    name = f"generated-{steps}.yaml"
    runs = 7 if steps < 5000 else 3
    baseline = best_of(runs, lambda: yaml.load(text, Loader=yaml.CSafeLoader))

    def ours() -> None:
        findings = pathway_designer.validate(pathway_designer.load_text(text, name))
        assert not pathway_designer.finding.has_errors(findings), findings[:3]

    total = best_of(runs, ours)
    print(f"{steps:>6} {len(text):>9,} {baseline * 1000:>10.1f}ms {total * 1000:>12.1f}ms "
          f"{total / baseline:>6.2f}")


def unknown_keys_text(keys: int) -> str:
    """A small valid pathway followed by `keys` top-level keys the format does not know."""
    return pathway_text(3) + "".join(f"k{i}: 1\n" for i in range(keys))


def measure_unknown_keys(keys: int) -> None:
    text = unknown_keys_text(keys)
    baseline = best_of(3, lambda: yaml.load(text, Loader=yaml.CSafeLoader))

    def ours() -> None:
        check = pathway_designer.check_text(text, "unknown-keys.yaml")
        assert len(check.findings) >= keys, check.findings[:3]

    total = best_of(3, ours)
    print(f"{keys:>6} {len(text):>9,} {baseline * 1000:>10.1f}ms {total * 1000:>12.1f}ms "
          f"{total / baseline:>6.2f}")


def main() -> None:
    print(f"{'steps':>6} {'bytes':>9} {'CSafeLoader':>12} {'load+validate':>14} {'ratio':>6}")
    for steps in (100, 1000, 5000):
        measure(steps)
    print(f"{'keys':>6} {'bytes':>9} {'CSafeLoader':>12} {'check_text':>14} {'ratio':>6}")
    for keys in (40_000, 150_000):
        measure_unknown_keys(keys)
    # Per-rule times at the largest size: no rule should stand out (none searches per step).
    pathway = pathway_designer.load_text(pathway_text(5000), "generated-5000.yaml")
    ctx = RuleContext(pathway=pathway, file="generated-5000.yaml")
    ctx.graph  # noqa: B018 - built once, shared by the rules
    slowest = sorted(
        ((best_of(3, lambda r=r: list(r.run(ctx))), name) for name, r in RULES.items()),
        reverse=True,
    )[:5]
    print("slowest rules at 5,000 steps: " + ", ".join(f"{n} {t * 1000:.1f}ms" for t, n in slowest))


if __name__ == "__main__":
    main()
