"""Internal: staged plans — sequences of non-empty batches — counted by number of batches.

Prime parts run the pure-Python DP over downsets and batch counts; parts
combine through their distributions by number of batches (an ordinal sum
convolves them, a disjoint union goes through the binomial transform).
"""

from __future__ import annotations

from analyser.orders._count import PYTHON_BUDGET, plan
from analyser.orders._poset import Poset
from analyser.orders._refuse import refusal
from analyser.orders._table import DownsetTable

__all__ = ["STAGED_WORK", "staged_poset"]

#: Big-number operations :func:`staged_poset` may spend before refusing.
STAGED_WORK = 3_000_000


class _Work:
    """Counts big-number operations; refuses once past the limit."""

    def __init__(self, limit: int, width: int):
        self.limit = limit
        self.width = width
        self.ops = 0

    def add(self, ops: int) -> None:
        self.ops += ops
        if self.ops > self.limit:
            raise refusal("budget_staged", self.width, self.ops, self.limit)


def _series(p: list[int], q: list[int], work: _Work) -> list[int]:
    """Staged plans of an ordinal sum: the batch counts add (a convolution)."""
    work.add(len(p) * len(q))
    out = [0] * (len(p) + len(q) - 1)
    for a, x in enumerate(p):
        if x:
            for b, y in enumerate(q):
                if y:
                    out[a + b] += x * y
    return out


def _parallel(children: list[list[int]], work: _Work) -> list[int]:
    """Staged plans of a disjoint union.

    With ``z(j)`` the number of strictly order-preserving maps into a chain
    of ``j`` batches (empty batches allowed), ``z(j) = sum_k C(j, k) d[k]``
    and a disjoint union multiplies ``z`` pointwise; ``d`` comes back by the
    inverse binomial transform. Identical children are raised to a power.
    """
    N = sum(len(d) - 1 for d in children)
    groups: dict[tuple[int, ...], int] = {}
    for d in children:
        key = tuple(d)
        groups[key] = groups.get(key, 0) + 1
    # the numbers grow to about N log2 N bits; weigh the operations by size
    weight = 1 + N * max(1, N.bit_length()) // 3000
    work.add(N * (sum(len(d) for d in groups) + N // 2 + 1) * weight)
    z = [1] * (N + 1)
    for d, mult in groups.items():
        for j in range(N + 1):
            c, acc = 1, 0  # c = C(j, k)
            for k in range(min(j, len(d) - 1) + 1):
                if d[k]:
                    acc += c * d[k]
                c = c * (j - k) // (k + 1)
            z[j] *= acc**mult
    out = [0] * (N + 1)
    for k in range(N + 1):
        c, acc = 1, 0  # c = C(k, j), sign (-1)**(k - j)
        for j in range(k, -1, -1):
            acc += c * z[j] if (k - j) % 2 == 0 else -c * z[j]
            c = c * j // (k - j + 1)
        out[k] = acc
    return out


def staged_distribution(T: DownsetTable, work: _Work) -> list[int]:
    """``d[k]``: staged plans of the table's poset with exactly ``k`` batches."""
    P = T.P
    s: dict[int, list[int]] = {P.full: [1]}
    for level in reversed(T.levels[:-1]):
        for D in level:
            R = T.ready[D]
            acc: list[int] = [0]
            sub = R
            ops = 0
            while sub:
                t = s[D | sub]
                ops += len(t)
                if len(t) + 1 > len(acc):
                    acc.extend([0] * (len(t) + 1 - len(acc)))
                for k, c in enumerate(t):
                    acc[k + 1] += c
                sub = (sub - 1) & R
            work.add(ops)
            s[D] = acc
    return s[0]


def staged_poset(P: Poset, budget: int) -> int:
    """Number of staged plans of ``P``.

    Prime parts run the pure-Python DP over downsets and batch counts (at
    most ``min(budget, PYTHON_BUDGET)`` states); parts combine through
    their distributions by number of batches. Refuses with
    :class:`BudgetExceededError` once :data:`STAGED_WORK` big-number
    operations would be exceeded, so it never hangs.

    Examples
    --------
    A staged plan is a sequence of non-empty batches, each item after its
    prerequisites' batches. Two unrelated items: {a, b}, a then b, b then a.

    >>> G = nx.DiGraph()
    >>> G.add_nodes_from("ab")
    >>> staged_poset(Poset.from_graph(G), 1000)
    3
    >>> staged_poset(Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")])), 1000)  # prime "N"
    11
    """
    budget = min(budget, PYTHON_BUDGET)
    root, plans = plan(P, budget)
    work = _Work(STAGED_WORK, 0)
    dist: dict[int, list[int]] = {}
    for part in root.postorder():
        if part.kind == "single":
            d = [0, 1]
        elif part.kind == "prime":
            pp = plans[id(part)]
            work.width = max(work.width, pp.width)
            d = staged_distribution(DownsetTable(pp.poset, budget), work)
        elif part.kind == "series":
            d = [1]
            for c in part.children:
                d = _series(d, dist.pop(id(c)), work)
        else:
            work.width = max(work.width, len(part.children))
            d = _parallel([dist.pop(id(c)) for c in part.children], work) if part.children else [1]
        dist[id(part)] = d
    return sum(dist[id(root)])
