"""Internal: exact counts over the series-parallel decomposition.

Disjoint unions multiply with a multinomial coefficient, ordinal sums
multiply; only prime parts need a dynamic programme over downsets. Every
prime part is sized before any DP starts: its width ``w`` gives a lower bound
``2**w`` on its downsets (a largest antichain alone has that many), and the
smaller of the chain-product bound and the tree bound of
:func:`~analyser.orders._engine.tree_bound` an upper bound. Small parts run
the exact pure-Python DP, larger ones the numpy engine.
"""

from __future__ import annotations

import math
import time
from math import comb

from analyser.findings import BudgetExceededError
from analyser.orders._engine import ChainSystem, LevelDP, count_bits_bound, tree_bound
from analyser.orders._poset import Poset, bits
from analyser.orders._struct import Part, chain_cover, decompose, product_bound
from analyser.orders._table import DownsetTable

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

    Examples
    --------
    The "N" poset (a < c, b < c, b < d) is prime: one part of width 2 whose
    chains of two give at most ``3 * 3 = 9`` downsets (it has 8).

    >>> N = Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")]))
    >>> root, plans = plan(N, 1000)
    >>> root.kind, [(pp.width, pp.bound, pp.engine) for pp in plans.values()]
    ('prime', [(2, 9, 'python')])
    >>> plan(N, 8)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analyser.findings.BudgetExceededError: out of reach: ... up to 9 downsets, more than the budget of 8
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
    """Forward pure-Python DP keeping one level: exact big-int counts.

    Examples
    --------
    The "N" poset (a < c, b < c, b < d) has 5 linear extensions: abcd,
    abdc, bacd, badc and bdac.

    >>> count_python(Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")])))
    5
    """
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

    Examples
    --------
    The "N" poset (5 orders) beside an unrelated pair x < y (1 order):
    choose which 2 of the 6 steps are x and y, ``C(6, 2) * 5 * 1 = 75``.

    >>> G = nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d"), ("x", "y")])
    >>> stats = {}
    >>> count_poset(Poset.from_graph(G), 1000, stats)
    75
    >>> stats["parts"], stats["python_states"]
    (1, 9)
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

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from("abc")
    >>> downset_bound(Poset.from_graph(G))  # an antichain of 3: every subset, 2**3
    8
    >>> downset_bound(Poset.from_graph(nx.DiGraph([("a", "b"), ("b", "c")])))  # a chain of 3: 4
    4
    >>> downset_bound(Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")])))  # prime "N": 8
    9
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
            raise BudgetExceededError(
                self.width,
                self.ops,
                self.limit,
                f"out of reach: counting staged plans of a poset of width {self.width} "
                f"needs more than {self.limit} big-number operations",
            )


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
    root, plans = plan(P, min(budget, PYTHON_BUDGET))
    work = _Work(STAGED_WORK, 0)
    dist: dict[int, list[int]] = {}
    for part in root.postorder():
        if part.kind == "single":
            d = [0, 1]
        elif part.kind == "prime":
            pp = plans[id(part)]
            work.width = max(work.width, pp.width)
            d = staged_distribution(DownsetTable(pp.poset), work)
        elif part.kind == "series":
            d = [1]
            for c in part.children:
                d = _series(d, dist.pop(id(c)), work)
        else:
            work.width = max(work.width, len(part.children))
            d = _parallel([dist.pop(id(c)) for c in part.children], work) if part.children else [1]
        dist[id(part)] = d
    return sum(dist[id(root)])
