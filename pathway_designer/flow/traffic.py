"""The traffic equations of an open network: how many people per hour pass through each node,
λ_j = γ_j + Σ_i λ_i p_ij, solved exactly, loops included.

Nodes are taken one strongly connected component at a time, in topological order: a node outside
any loop is one sum; a loop is a small linear system, solved in exact fractions (in floats with
partial pivoting past `EXACT_LIMIT` nodes, where fractions would grow too long). So 5,000 steps cost
about as much as reading them.
"""

from __future__ import annotations

from fractions import Fraction

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
    n = len(component)
    exact = n <= EXACT_LIMIT
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    number = Fraction if exact else float
    matrix = [[zero] * n + [number(outside[j])] for j in component]
    for j in component:
        row = matrix[index[j]]
        row[index[j]] += one
        for i, p in into[j]:
            if i in index:
                row[index[i]] -= number(p)
    solution = _solve(matrix, n)
    if solution is None or any(x < -1e-9 for x in solution):
        labels = ", ".join(network.node(j).label for j in component[:5])
        raise FlowError(
            f"People going round the loop of {labels} never leave it, so the numbers grow without end."
        )
    return {j: max(0.0, float(solution[index[j]])) for j in component}


def _solve(matrix: list[list], n: int) -> list | None:  # type: ignore[type-arg]
    """Gauss-Jordan elimination with partial pivoting on an augmented matrix; None if singular."""
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(matrix[r][col]))
        if abs(matrix[pivot][col]) <= 1e-12:
            return None
        matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
        head = matrix[col]
        for r in range(n):
            if r != col and matrix[r][col] != 0:
                factor = matrix[r][col] / head[col]
                row = matrix[r]
                for c in range(col, n + 1):
                    row[c] -= factor * head[c]
    return [matrix[r][n] / matrix[r][r] for r in range(n)]


def components(ids: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components in topological order (Tarjan's, without recursion, so a
    chain of 5,000 steps does not overflow the stack)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in ids:
        if root in order:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                order[node] = low[node] = len(order)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in order:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], order[target])
                continue
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component[::-1])
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found[::-1]
