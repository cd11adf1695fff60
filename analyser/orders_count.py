"""Internal: exact counts over the series-parallel decomposition.

Disjoint unions multiply with a multinomial coefficient, ordinal sums
multiply; only prime parts need a dynamic programme over downsets, and their
sizes are checked against the budget before any DP starts.
"""

from __future__ import annotations

from math import comb, factorial

from analyser.findings import BudgetExceededError
from analyser.orders_poset import Poset
from analyser.orders_struct import Part, chain_cover, decompose, product_bound
from analyser.orders_table import DownsetTable

__all__ = ["PrimePlan", "plan", "count_poset", "staged_poset"]


class PrimePlan:
    """A prime part ready for the DP: its subposet, chains and state bound."""

    __slots__ = ("part", "poset", "chains", "width", "bound")

    def __init__(self, P: Poset, part: Part):
        self.part = part
        self.poset = P.induced(part.mask)
        self.chains = chain_cover(self.poset)
        self.width = len(self.chains)
        self.bound = product_bound(self.chains)


def plan(P: Poset, budget: int) -> tuple[Part, dict[int, PrimePlan]]:
    """Decompose ``P`` and check every prime part against ``budget``.

    Returns the decomposition tree and the plans of its prime parts keyed by
    ``id(part)``. Raises :class:`BudgetExceededError` before any DP runs.
    """
    root = decompose(P)
    plans: dict[int, PrimePlan] = {}
    total = 0
    worst: PrimePlan | None = None
    for part in root.postorder():
        if part.kind != "prime":
            continue
        pp = PrimePlan(P, part)
        if pp.bound > budget:
            raise BudgetExceededError(pp.width, pp.bound, budget)
        plans[id(part)] = pp
        total += pp.bound
        if worst is None or pp.bound > worst.bound:
            worst = pp
    if total > budget and worst is not None:
        raise BudgetExceededError(worst.width, total, budget)
    return root, plans


def count_poset(P: Poset, budget: int) -> int:
    """Number of linear extensions of ``P``."""
    root, plans = plan(P, budget)
    value: dict[int, int] = {}
    for part in root.postorder():
        if part.kind == "single":
            v = 1
        elif part.kind == "prime":
            v = count_prime(plans[id(part)])
        elif part.kind == "series":
            v = 1
            for c in part.children:
                v *= value.pop(id(c))
        else:  # parallel
            v = 1
            seen = 0
            for c in part.children:
                seen += c.size
                v *= comb(seen, c.size) * value.pop(id(c))
        value[id(part)] = v
    return value[id(root)]


def count_prime(pp: PrimePlan) -> int:
    """Linear extensions of one prime part."""
    return DownsetTable(pp.poset).total


# ---------------------------------------------------------------------------
# staged plans: distributions by number of batches
# ---------------------------------------------------------------------------
def _series(p: list[int], q: list[int]) -> list[int]:
    out = [0] * (len(p) + len(q) - 1)
    for a, x in enumerate(p):
        if x:
            for b, y in enumerate(q):
                if y:
                    out[a + b] += x * y
    return out


def _parallel(p: list[int], q: list[int]) -> list[int]:
    # Merge a plan of a batches with one of b batches into k batches: j = a+b-k
    # batches are joint, and the k positions are split k!/((k-b)!(k-a)!j!).
    out = [0] * (len(p) + len(q) - 1)
    for a, x in enumerate(p):
        if not x:
            continue
        for b, y in enumerate(q):
            if not y:
                continue
            xy = x * y
            for k in range(max(a, b), a + b + 1):
                out[k] += xy * (
                    factorial(k) // (factorial(k - b) * factorial(k - a) * factorial(a + b - k))
                )
    return out


def staged_distribution(T: DownsetTable) -> list[int]:
    """``d[k]``: staged plans of the table's poset with exactly ``k`` batches."""
    P = T.P
    s: dict[int, list[int]] = {P.full: [1]}
    for level in reversed(T.levels[:-1]):
        for D in level:
            R = T.ready[D]
            acc: list[int] = [0]
            sub = R
            while sub:
                t = s[D | sub]
                if len(t) + 1 > len(acc):
                    acc.extend([0] * (len(t) + 1 - len(acc)))
                for k, c in enumerate(t):
                    acc[k + 1] += c
                sub = (sub - 1) & R
            s[D] = acc
    return s[0]


def staged_poset(P: Poset, budget: int) -> int:
    """Number of staged plans of ``P``."""
    root, plans = plan(P, budget)
    dist: dict[int, list[int]] = {}
    for part in root.postorder():
        if part.kind == "single":
            d = [0, 1]
        elif part.kind == "prime":
            d = staged_distribution(DownsetTable(plans[id(part)].poset))
        else:
            d = [1]
            combine = _series if part.kind == "series" else _parallel
            for c in part.children:
                d = combine(d, dist.pop(id(c)))
        dist[id(part)] = d
    return sum(dist[id(root)])
