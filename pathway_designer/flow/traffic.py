"""The traffic equations of an open network: how many people per hour pass through each node,
λ_j = γ_j + Σ_i λ_i p_ij, solved exactly, loops included.

Nodes are taken one strongly connected component at a time, in topological order: a node outside
any loop is one sum; a loop is a linear system, solved in exact fractions (in floats past
`EXACT_LIMIT` nodes, where fractions would grow too long) by sparse elimination. So 5,000 steps
cost about as much as reading them.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..graph import strongly_connected
from .errors import FlowError
from .network import Network

EXACT_LIMIT = 40


def throughputs(network: Network, arrivals: dict[str, float]) -> dict[str, float]:
    """People per hour through every node, from the people per hour arriving from outside."""
    ids = [n.id for n in network.nodes]
    out: dict[str, list[tuple[str, float]]] = {i: [] for i in ids}
    into: dict[str, list[tuple[str, float]]] = {i: [] for i in ids}
    for r in network.routes:
        out[r.source].append((r.target, r.share))
        into[r.target].append((r.source, r.share))
    rate: dict[str, float] = {}
    for component in components(ids, {i: [t for t, _ in out[i]] for i in ids}):
        members = set(component)
        outside = {
            j: arrivals.get(j, 0.0) + sum(rate[i] * p for i, p in into[j] if i not in members)
            for j in component
        }
        if len(component) == 1 and not any(t == component[0] for t, _ in out[component[0]]):
            rate[component[0]] = outside[component[0]]
        else:
            rate.update(_loop(component, outside, into, network))
    return rate


def _loop(
    component: list[str],
    outside: dict[str, float],
    into: dict[str, list[tuple[str, float]]],
    network: Network,
) -> dict[str, float]:
    """λ over one loop: (I - Pᵀ) λ = b, for the nodes of the loop."""
    index = {j: k for k, j in enumerate(component)}
    number: Callable[[float], Any] = Fraction if len(component) <= EXACT_LIMIT else float
    rows: list[dict[int, Any]] = []
    for j in component:
        row: dict[int, Any] = {index[j]: number(1.0)}
        for i, p in into[j]:
            if i in index:
                row[index[i]] = row.get(index[i], 0) - number(p)
        rows.append(row)
    solution = _solve(rows, [number(outside[j]) for j in component])
    if solution is None or any(x < -1e-9 for x in solution):
        labels = ", ".join(network.node(j).label for j in component[:5])
        raise FlowError(
            f"People going round the loop of {labels} never leave it, so the numbers grow without end."
        )
    return {j: max(0.0, float(solution[index[j]])) for j in component}


def _solve(rows: list[dict[int, Any]], rhs: list[Any]) -> list[Any] | None:
    """Sparse Gaussian elimination in the rows' order; None if the system is singular.

    I - Pᵀ of a loop people can leave is a nonsingular M-matrix, diagonally dominant by columns, so
    no pivoting is needed; taking the nodes in the order they were found keeps the fill-in to the
    loop's band, so a loop of thousands of steps costs little more than its ways on."""
    n = len(rows)
    below: dict[int, set[int]] = {}  # column -> the rows after it holding it
    for r, row in enumerate(rows):
        for c in row:
            if c < r:
                below.setdefault(c, set()).add(r)
    for k in range(n):
        head = rows[k]
        pivot = head.get(k, 0)
        if abs(pivot) <= 1e-12:
            return None
        for r in sorted(below.pop(k, ())):
            row = rows[r]
            factor = row.pop(k) / pivot
            for c, v in head.items():
                if c > k:
                    if c not in row and c < r:
                        below.setdefault(c, set()).add(r)
                    row[c] = row.get(c, 0) - factor * v
            rhs[r] -= factor * rhs[k]
    solution: list[Any] = [0] * n
    for k in range(n - 1, -1, -1):
        row = rows[k]
        solution[k] = (rhs[k] - sum(v * solution[c] for c, v in row.items() if c > k)) / row[k]
    return solution


def components(ids: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components in topological order, each in the order it was first met
    (which keeps a loop's elimination to its band)."""
    found = strongly_connected(ids, lambda node: iter(edges[node]), lambda node: True)
    return [component[::-1] for component in reversed(found)]
