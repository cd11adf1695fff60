"""Internal: exact counts over the series-parallel decomposition.

Disjoint unions multiply with a multinomial coefficient, ordinal sums
multiply; only prime parts need a dynamic programme over downsets. Every
prime part is sized before any DP starts: its width ``w`` gives a lower bound
``2**w`` on its downsets (a largest antichain alone has that many), and the
smaller of the chain-product bound and the tree bound of
:func:`~analyser.orders_engine.tree_bound` an upper bound. Small parts run
the exact pure-Python DP, larger ones the numpy engine.
"""

from __future__ import annotations

import math
import time
from math import comb, factorial

from analyser.findings import BudgetExceededError
from analyser.orders_engine import ChainSystem, LevelDP, count_bits_bound, tree_bound
from analyser.orders_poset import Poset, bits
from analyser.orders_struct import Part, chain_cover, decompose, product_bound
from analyser.orders_table import DownsetTable

__all__ = [
    "PYTHON_BUDGET",
    "PrimePlan",
    "plan",
    "count_poset",
    "staged_poset",
    "downset_bound",
    "count_python",
]

#: States allowed to the pure-Python DPs (staged plans, precedence tables).
PYTHON_BUDGET = 300_000
#: Prime parts with at most this many states (or this many per level) run
#: the pure-Python DP: numpy's per-call overhead would dominate.
SMALL_STATES = 3_000
SMALL_PER_LEVEL = 24


class PrimePlan:
    """A prime part sized for the DP: subposet, chains, width and bounds."""

    __slots__ = ("part", "poset", "chains", "width", "bound", "cs", "engine", "words")

    def __init__(self, P: Poset, part: Part | None, budget: int | None):
        self.part = part
        Q = self.poset = P if part is None else P.induced(part.mask)
        self.chains = chain_cover(Q)
        w = self.width = len(self.chains)
        prod = product_bound(self.chains)
        self.bound = prod
        self.cs = None
        if budget is not None and (1 << w) > budget:
            # a largest antichain alone has 2**w downsets
            raise BudgetExceededError(w, prod, budget)
        if w <= 64:
            self.cs = ChainSystem(Q, self.chains)
            if prod > SMALL_STATES:
                t = tree_bound(self.cs)
                if math.isfinite(t):
                    self.bound = min(prod, int(t * (1 + 1e-9)) + 1)
        if budget is not None and self.bound > budget:
            raise BudgetExceededError(w, self.bound, budget)
        small = self.bound <= SMALL_STATES or self.bound <= SMALL_PER_LEVEL * (Q.n + 1)
        self.engine = "python" if small else "numpy"
        # words of memory per state for an exact table (ranking, sampling)
        k = count_bits_bound([len(c) for c in self.chains]) // 56 + 1
        self.words = k + 2


def plan(P: Poset, budget: int, *, table: bool = False) -> tuple[Part, dict[int, PrimePlan]]:
    """Decompose ``P`` and size every prime part against ``budget``.

    Returns the decomposition tree and the plans of its prime parts keyed by
    ``id(part)``; raises :class:`BudgetExceededError` before any DP runs.
    With ``table`` the memory of exact tables (``states * words``) is what
    must fit.
    """
    root = decompose(P)
    plans: dict[int, PrimePlan] = {}
    total = 0
    worst: PrimePlan | None = None
    for part in root.postorder():
        if part.kind != "prime":
            continue
        pp = PrimePlan(P, part, budget)
        cost = pp.bound * (pp.words if table and pp.engine == "numpy" else 1)
        if cost > budget:
            raise BudgetExceededError(
                pp.width,
                pp.bound,
                budget,
                f"out of reach: ranking and sampling need exact tables of up to "
                f"{cost} words for a part of width {pp.width} "
                f"({pp.bound} downsets), more than the budget of {budget}",
            )
        plans[id(part)] = pp
        total += cost
        if worst is None or pp.bound > worst.bound:
            worst = pp
    if total > budget and worst is not None:
        raise BudgetExceededError(worst.width, total, budget)
    return root, plans


def count_python(Q: Poset) -> int:
    """Forward pure-Python DP keeping one level: exact big-int counts."""
    level: dict[int, list[int]] = {0: [Q.sources, 1]}
    pred, succ = Q.pred, Q.succ
    for _ in range(Q.n):
        nxt: dict[int, list[int]] = {}
        for D, (R, c) in level.items():
            for x in bits(R):
                bx = 1 << x
                D2 = D | bx
                e = nxt.get(D2)
                if e is not None:
                    e[1] += c
                    continue
                R2 = R & ~bx
                for y in bits(succ[x] & ~D2):
                    if not (pred[y] & ~D2):
                        R2 |= 1 << y
                nxt[D2] = [R2, c]
        level = nxt
    return next(iter(level.values()))[1]


def count_prime(pp: PrimePlan, budget: int) -> tuple[int, int]:
    """Linear extensions of one prime part, and the DP states used."""
    if pp.engine == "python" or pp.cs is None:
        return count_python(pp.poset), pp.bound
    dp = LevelDP(pp.cs, budget)
    return dp.count(), dp.states


def count_poset(P: Poset, budget: int, stats: dict | None = None) -> int:
    """Number of linear extensions of ``P``.

    ``stats``, if given, receives ``states`` (DP states of numpy parts),
    ``dp_seconds`` (time in those DPs), ``python_states`` (bound on
    pure-Python states) and ``parts``.
    """
    root, plans = plan(P, budget)
    value: dict[int, int] = {}
    states = py_states = 0
    dp_seconds = 0.0
    for part in root.postorder():
        if part.kind == "single":
            v = 1
        elif part.kind == "prime":
            pp = plans[id(part)]
            t0 = time.perf_counter()
            v, used = count_prime(pp, budget)
            if pp.engine == "numpy":
                dp_seconds += time.perf_counter() - t0
                states += used
            else:
                py_states += used
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
    if stats is not None:
        stats.update(states=states, dp_seconds=dp_seconds, python_states=py_states, parts=len(plans))
    return value[id(root)]


def downset_bound(P: Poset) -> int:
    """Upper bound on the downsets of ``P`` through the decomposition.

    Disjoint unions multiply, ordinal sums add (less the shared ends); both
    are exact, so only prime parts contribute slack.
    """
    root = decompose(P)
    d: dict[int, int] = {}
    for part in root.postorder():
        if part.kind == "single":
            v = 2
        elif part.kind == "prime":
            v = PrimePlan(P, part, None).bound
        elif part.kind == "series":
            v = 1 + sum(d.pop(id(c)) - 1 for c in part.children)
        else:
            v = 1
            for c in part.children:
                v *= d.pop(id(c))
        d[id(part)] = v
    return d[id(root)]


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
    # batches are joint, and the k positions split k!/((k-b)!(k-a)!j!) ways.
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
    """Number of staged plans of ``P`` (pure-Python DP on prime parts)."""
    root, plans = plan(P, min(budget, PYTHON_BUDGET))
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
