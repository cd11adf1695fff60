"""The order engine: every allowed extension order of a prerequisite DAG.

The caller gives a ``networkx.DiGraph`` ``G`` whose edge ``u -> v`` says
"``u`` must come before ``v``". The allowed orders are the *linear
extensions* of that poset. This module counts them exactly, enumerates them
lazily in lexicographic order, ranks and unranks them, samples them exactly
uniformly, and answers the planner's questions around them: waves, the
minimum number of rounds, staged plans, a recommended order with reasons,
checking a proposed order, and how free each item is.

``G`` is never modified. It need not be transitively reduced or closed; any
hashable nodes will do. A cycle raises
:class:`~analyser.findings.CycleError` carrying the cycle's members in order.

Keys and lexicographic order
----------------------------
Functions taking ``key`` compare nodes by ``key(node)`` (the node itself by
default, so then the nodes must be mutually comparable); "lexicographic"
means sequences compared item by item by key. Nodes with equal keys keep the
order of ``G.nodes``. Results never depend on set or dict iteration order,
so they are the same under any ``PYTHONHASHSEED``.

How the counts are made
-----------------------
The poset is first split along its series-parallel structure: a disjoint
union multiplies its parts' counts by the multinomial coefficient of their
sizes, an ordinal sum ("everything in A before everything in B") multiplies
them. Only the remaining *prime* parts need a dynamic programme over downsets
(order ideals). A prime part is covered by a minimum number of chains (its
width, Dilworth), a downset becomes a vector of chain heights, and the DP
runs level by level in numpy with counts modulo primes below ``2**57``,
rebuilt exactly by the Chinese remainder theorem (tiny parts use an exact
pure-Python DP instead). An antichain of 2,000 items, 50 chains of 40 or a
series-parallel poset of 2,000 items therefore count in milliseconds.

Budget and what works at which size
-----------------------------------
``budget`` is the number of DP states (downsets of prime parts) allowed,
:data:`DEFAULT_BUDGET` by default. Every prime part is sized before any DP
starts: a part of width ``w`` has at least ``2**w`` downsets, and an upper
bound (the smaller of the product of ``chain length + 1`` and a tree bound
over pairs of chains) is compared with the budget. Too big raises
:class:`~analyser.findings.BudgetExceededError` at once, naming the width;
the DP also stops if it ever passes the budget. Nothing hangs or exhausts
memory.

* :func:`count_orders`, :func:`iter_orders`, :func:`waves`,
  :func:`min_rounds`, :func:`recommended_order`, :func:`check_order`,
  :func:`width` and :func:`downset_upper_bound` are fast on any
  decomposable instance (:func:`iter_orders` and the last six need no DP).
* :func:`rank_order`, :func:`unrank_order`, :func:`sample_orders` and
  :func:`freedom` keep exact tables of the prime parts (about
  ``states * (primes + 2)`` words must fit in the budget), and walk the
  decomposition otherwise, so huge decomposable instances work too.
* :func:`count_staged_plans` runs a pure-Python DP on prime parts (at most
  ``min(budget, 300,000)`` states) and refuses past a few million
  big-number operations; :func:`precedence_matrix` needs a small poset or at
  most :data:`MATRIX_PAIRS` incomparable pairs. Both raise
  :class:`~analyser.findings.BudgetExceededError` rather than run for long.
"""

from __future__ import annotations

import heapq
import operator
import random
from collections import deque
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Hashable, Iterable, Iterator, Mapping, Sequence

from analyser.findings import BudgetExceededError, CycleError
from analyser.orders._count import PYTHON_BUDGET, count_poset, downset_bound, staged_poset
from analyser.orders._oracle import Oracle
from analyser.orders._poset import Poset, bits, key_order, lowest
from analyser.orders._struct import chain_cover
from analyser.orders._table import DownsetTable

__all__ = [
    "DEFAULT_BUDGET",
    "REASONS",
    "Violation",
    "Freedom",
    "count_orders",
    "iter_orders",
    "rank_order",
    "unrank_order",
    "sample_orders",
    "waves",
    "min_rounds",
    "count_staged_plans",
    "recommended_order",
    "explain_recommended",
    "check_order",
    "freedom",
    "precedence_matrix",
    "width",
    "downset_upper_bound",
    "CycleError",
    "BudgetExceededError",
]

#: Number of dynamic-programming states (downsets) an exact answer may use.
DEFAULT_BUDGET = 20_000_000

#: Incomparable pairs :func:`precedence_matrix` counts one by one when the
#: whole poset is too big for the pure-Python table.
MATRIX_PAIRS = 2_000

#: The reasons :func:`explain_recommended` gives, in the order they are tried.
REASONS = ("only-ready", "recommended-first", "earliest-available", "unlocks-most", "key")

Key = Callable[[Hashable], object] | None


# ---------------------------------------------------------------------------
# internal helpers
# ---------------------------------------------------------------------------
def _as_poset(G, key: Key = None, *, sort: bool = False) -> Poset:
    P = Poset.from_graph(G)
    if sort:
        P = P.relabel(key_order(P.nodes, key))
    return P


def _check_budget(budget: int) -> int:
    budget = operator.index(budget)
    if budget < 1:
        raise ValueError("budget must be a positive number of states")
    return budget


def _exact_count(P: Poset, budget: int) -> int:
    return count_poset(P, budget)


def _oracle_for(P: Poset, budget: int) -> Oracle:
    return Oracle(P, budget)


def _advance(P: Poset, D: int, R: int, x: int) -> tuple[int, int]:
    """Place ``x`` (ready in downset ``D``): the new downset and ready set."""
    bx = 1 << x
    D |= bx
    R &= ~bx
    for y in bits(P.succ[x] & ~D):
        if not (P.pred[y] & ~D):
            R |= 1 << y
    return D, R


# ---------------------------------------------------------------------------
# counting and enumeration
# ---------------------------------------------------------------------------
def count_orders(G, *, budget: int = DEFAULT_BUDGET) -> int:
    """Count the linear extensions of ``G`` exactly.

    Parameters
    ----------
    G : networkx.DiGraph
        Edge ``u -> v`` means ``u`` must come before ``v``.
    budget : int, optional
        Maximum number of DP states.

    Returns
    -------
    int
        The number of allowed orders (a Python int; it may be huge).

    Raises
    ------
    CycleError
        If ``G`` has a cycle.
    BudgetExceededError
        If the exact count would need more states than ``budget``.

    Examples
    --------
    >>> import networkx as nx
    >>> count_orders(nx.DiGraph([("a", "b"), ("a", "c")]))
    2
    >>> G = nx.DiGraph(); G.add_nodes_from(range(20))
    >>> count_orders(G)  # an antichain: 20!
    2432902008176640000
    """
    budget = _check_budget(budget)
    return _exact_count(_as_poset(G), budget)


def iter_orders(G, *, key: Key = None) -> Iterator[list]:
    """Yield every linear extension of ``G`` in lexicographic order, lazily.

    The first order comes at once however many there are; combine with
    :func:`itertools.islice` to take a few. The graph is checked for cycles
    when this function is called, not at the first ``next``.

    Parameters
    ----------
    G : networkx.DiGraph
    key : callable, optional
        Sort key of nodes; the node itself by default.

    Yields
    ------
    list
        One allowed order (a new list each time).

    Examples
    --------
    >>> import networkx as nx
    >>> list(iter_orders(nx.DiGraph([("a", "b"), ("a", "c")])))
    [['a', 'b', 'c'], ['a', 'c', 'b']]
    >>> from itertools import islice
    >>> G = nx.DiGraph(); G.add_nodes_from(range(1000))
    >>> next(islice(iter_orders(G, key=lambda v: -v), 0, None))[:3]
    [999, 998, 997]
    """
    P = _as_poset(G, key, sort=True)
    return _iter_lex(P)


def _iter_lex(P: Poset) -> Iterator[list]:
    n = P.n
    nodes = P.nodes
    if n == 0:
        yield []
        return
    pred, succ = P.pred, P.succ
    readies = [P.sources]  # ready set before the choice at each depth
    path: list[int] = []
    D = 0
    x = lowest(readies[0])
    while True:
        path.append(x)
        bx = 1 << x
        D |= bx
        R = readies[-1] & ~bx
        for y in bits(succ[x] & ~D):
            if not (pred[y] & ~D):
                R |= 1 << y
        if len(path) < n:
            readies.append(R)
            x = lowest(R)
            continue
        yield [nodes[i] for i in path]
        while True:
            x = path.pop()
            D &= ~(1 << x)
            higher = readies[-1] >> (x + 1)
            if higher:
                x = x + 1 + lowest(higher)
                break
            readies.pop()
            if not readies:
                return


def _validate_full_order(P: Poset, order: Sequence) -> list[int]:
    idx = []
    seen = 0
    D = 0
    for pos, v in enumerate(order, 1):
        try:
            i = P.index[v]
        except (KeyError, TypeError):
            raise ValueError(f"position {pos}: {v!r} is not a node of the graph") from None
        if (seen >> i) & 1:
            raise ValueError(f"position {pos}: {v!r} appears twice")
        if P.pred[i] & ~D:
            raise ValueError(f"position {pos}: {v!r} comes before one of its prerequisites")
        seen |= 1 << i
        D |= 1 << i
        idx.append(i)
    if len(idx) != P.n:
        raise ValueError(f"the order has {len(idx)} of the {P.n} nodes")
    return idx


def rank_order(G, order: Sequence, *, key: Key = None, budget: int = DEFAULT_BUDGET) -> int:
    """Return the 0-based position of ``order`` in :func:`iter_orders`' enumeration.

    The rank is the sum, over the positions of ``order``, of the completion
    counts of the ready items that sort before the one taken.

    Parameters
    ----------
    G : networkx.DiGraph
    order : sequence
        A linear extension of all the nodes of ``G``.
    key : callable, optional
        Node order defining the enumeration (the node itself by default).
    budget : int, optional
        Maximum DP states (see the module notes).

    Returns
    -------
    int
        ``0 <= rank < count_orders(G)``.

    Raises
    ------
    ValueError
        If ``order`` is not a linear extension of all the nodes of ``G``.
    BudgetExceededError
        If the counts needed exceed ``budget``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> rank_order(G, ["a", "c", "b"])
    1
    """
    budget = _check_budget(budget)
    P = _as_poset(G, key, sort=True)
    idx = _validate_full_order(P, order)
    O = _oracle_for(P, budget)
    D, R, r = 0, P.sources, 0
    for x in idx:
        for y in bits(R & ((1 << x) - 1)):
            r += O.count_if(y)
        O.advance(x)
        D, R = _advance(P, D, R, x)
    return r


def unrank_order(G, k: int, *, key: Key = None, budget: int = DEFAULT_BUDGET) -> list:
    """Return the ``k``-th (0-based) order of :func:`iter_orders`' enumeration.

    Parameters
    ----------
    G : networkx.DiGraph
    k : int
        Index in ``range(count_orders(G))``.
    key : callable, optional
        Node order defining the enumeration (the node itself by default).
    budget : int, optional
        Maximum DP states (see the module notes).

    Returns
    -------
    list
        The order, equal to ``next(islice(iter_orders(G, key=key), k, None))``.

    Raises
    ------
    IndexError
        If ``k`` is not in ``range(count_orders(G))``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> unrank_order(G, 1)
    ['a', 'c', 'b']
    """
    budget = _check_budget(budget)
    k = operator.index(k)
    P = _as_poset(G, key, sort=True)
    O = _oracle_for(P, budget)
    if not 0 <= k < O.total:
        raise IndexError(f"order index {k} out of range(0, {O.total})")
    return _unrank(P, O, k)


def _unrank(P: Poset, O: Oracle, k: int) -> list:
    D, R = 0, P.sources
    out = []
    for _ in range(P.n):
        for x in bits(R):
            c = O.count_if(x)
            if k < c:
                break
            k -= c
        out.append(P.nodes[x])
        O.advance(x)
        D, R = _advance(P, D, R, x)
    return out


def _rng(seed) -> random.Random:
    if isinstance(seed, random.Random):
        return seed
    if seed is None or isinstance(seed, (str, bytes, bytearray)):
        return random.Random(seed)
    return random.Random(operator.index(seed))


def sample_orders(
    G, n: int, *, seed=None, key: Key = None, budget: int = DEFAULT_BUDGET
) -> list[list]:
    """Draw ``n`` linear extensions exactly uniformly at random.

    Each next item is drawn among the ready ones with probability
    proportional to the number of completions of the plan so far plus that
    item (exact DP counts, Python ints): the probability of a whole order is
    then the product of ``f(D + x) / f(D)``, which telescopes to
    ``1 / count_orders(G)``. Picking a random ready item would not be uniform.

    Parameters
    ----------
    G : networkx.DiGraph
    n : int
        Number of samples (with replacement).
    seed : int, str, bytes, random.Random or None
        The same seed gives the same samples, under any ``PYTHONHASHSEED``.
    key : callable, optional
        Node order used to map random numbers to orders.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> sample_orders(G, 3, seed=1) == sample_orders(G, 3, seed=1)
    True
    >>> all(s[0] == "a" for s in sample_orders(G, 5, seed=2))
    True
    """
    budget = _check_budget(budget)
    n = operator.index(n)
    if n < 0:
        raise ValueError("n must be non-negative")
    rng = _rng(seed)
    P = _as_poset(G, key, sort=True)
    O = _oracle_for(P, budget)
    out = []
    for _ in range(n):
        O.reset()
        out.append(_draw(P, O, rng))
    return out


def _draw(P: Poset, O: Oracle, rng: random.Random) -> list:
    D, R = 0, P.sources
    out = []
    for _ in range(P.n):
        if R & (R - 1):  # several ready: choose by completions
            r = rng.randrange(O.current)
            for x in bits(R):
                c = O.count_if(x)
                if r < c:
                    break
                r -= c
        else:
            x = lowest(R)
        out.append(P.nodes[x])
        O.advance(x)
        D, R = _advance(P, D, R, x)
    return out


# ---------------------------------------------------------------------------
# waves, rounds, staged plans
# ---------------------------------------------------------------------------
def _levels(P: Poset) -> list[int]:
    level = [0] * P.n
    for v in P.topo:
        lv = 0
        for p in bits(P.pred[v]):
            if level[p] + 1 > lv:
                lv = level[p] + 1
        level[v] = lv
    return level


def waves(G, *, key: Key = None) -> list[list]:
    """Topological generations: what can be done in round 1, 2, ...

    Wave ``i`` (0-based) holds the nodes whose longest chain of
    prerequisites has ``i`` items; each wave is sorted by key. Everything in
    a wave can be deployed together once the earlier waves are done.

    Parameters
    ----------
    G : networkx.DiGraph
    key : callable, optional
        Sort key inside a wave (the node itself by default).

    Returns
    -------
    list of list
        ``len(waves(G)) == min_rounds(G)``; ``[]`` for an empty graph.

    Examples
    --------
    >>> import networkx as nx
    >>> waves(nx.DiGraph([("b", "c"), ("a", "c"), ("c", "d"), ("a", "e")]))
    [['a', 'b'], ['c', 'e'], ['d']]
    """
    P = _as_poset(G, key, sort=True)
    level = _levels(P)
    out: list[list] = [[] for _ in range(max(level, default=-1) + 1)]
    for i, lv in enumerate(level):
        out[lv].append(P.nodes[i])
    return out


def min_rounds(G) -> int:
    """Minimum number of deployment rounds = longest chain = number of waves.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    int
        0 for an empty graph.

    Examples
    --------
    >>> import networkx as nx
    >>> min_rounds(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])), min_rounds(nx.DiGraph())
    (3, 0)
    """
    P = _as_poset(G)
    return max(_levels(P), default=-1) + 1


def count_staged_plans(G, *, budget: int = DEFAULT_BUDGET) -> int:
    """Count staged plans: sequences of non-empty batches covering all nodes.

    Each batch is an antichain and every prerequisite of a batch member lies
    in an earlier batch; equivalently, chains of downsets whose successive
    differences are non-empty antichains. The empty graph has one (empty)
    plan.

    Parameters
    ----------
    G : networkx.DiGraph
    budget : int, optional
        Maximum DP states; the pure-Python DP behind this count uses at most
        ``min(budget, 300_000)`` states.

    Returns
    -------
    int

    Raises
    ------
    BudgetExceededError
        If a prime part is too wide or the combination would take too long.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph(); G.add_nodes_from("ab")
    >>> count_staged_plans(G)  # {a,b} | a then b | b then a
    3
    >>> count_staged_plans(nx.DiGraph([("a", "b"), ("a", "c")]))
    3
    """
    budget = _check_budget(budget)
    return staged_poset(_as_poset(G), budget)


# ---------------------------------------------------------------------------
# recommended order
# ---------------------------------------------------------------------------
def explain_recommended(
    G,
    *,
    soft_edges: Iterable[tuple] = (),
    available_from: Mapping | None = None,
    key: Key = None,
) -> list[tuple]:
    """The recommended order with the reason each item was picked.

    A lexicographic topological sort; among the ready items it picks by

    1. no pending soft predecessor first (``soft_edges`` are ``(u, v)``
       pairs, "``u`` is recommended before ``v``"; they never make an order
       invalid; pairs with an end outside ``G`` are ignored),
    2. earliest ``available_from[node]`` (a date; ``None`` or absent last),
    3. most items unlocked (number of descendants in ``G``),
    4. key.

    Returns
    -------
    list of (node, reason)
        ``reason`` is the first criterion that separated the pick from the
        runner-up: ``"recommended-first"``, ``"earliest-available"``,
        ``"unlocks-most"`` or ``"key"``; ``"only-ready"`` if nothing else was
        ready.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("c", "d"), ("c", "e")])
    >>> explain_recommended(G)
    [('c', 'unlocks-most'), ('a', 'unlocks-most'), ('b', 'key'), ('d', 'key'), ('e', 'only-ready')]
    >>> [v for v, _ in explain_recommended(G, soft_edges=[("b", "c")])]
    ['a', 'b', 'c', 'd', 'e']
    """
    P = _as_poset(G, key, sort=True)
    n = P.n
    index = P.index
    soft_pending = [0] * n
    soft_succ: list[list[int]] = [[] for _ in range(n)]
    pairs = set()
    for edge in soft_edges:
        u, v = edge
        try:
            i, j = index[u], index[v]
        except (KeyError, TypeError):
            continue
        if i != j:
            pairs.add((i, j))
    for i, j in sorted(pairs):
        soft_pending[j] += 1
        soft_succ[i].append(j)
    avail = available_from or {}

    def when(i: int):
        try:
            d = avail.get(P.nodes[i])
        except TypeError:
            d = None
        return (1,) if d is None else (0, d)

    unlocks = [d.bit_count() for d in P.desc]

    def rank_key(i: int) -> tuple:
        return (soft_pending[i] > 0, when(i), -unlocks[i], i)

    # A heap of ready items; an entry is stale once its item was placed or
    # its key changed (a soft predecessor got placed), and is then skipped.
    current: dict[int, tuple] = {}
    heap: list[tuple] = []

    def push(i: int) -> None:
        k = rank_key(i)
        current[i] = k
        heapq.heappush(heap, k)

    def clean() -> None:
        while heap and current.get(heap[0][3]) != heap[0]:
            heapq.heappop(heap)

    for i in bits(P.sources):
        push(i)
    out: list[tuple] = []
    D = 0
    while True:
        clean()
        if not heap:
            break
        best = heapq.heappop(heap)
        x = best[3]
        del current[x]
        clean()
        if not heap:
            reason = "only-ready"
        else:
            second = heap[0]
            reason = REASONS[1 + next(c for c in range(4) if best[c] != second[c])]
        out.append((P.nodes[x], reason))
        D |= 1 << x
        for j in soft_succ[x]:
            soft_pending[j] -= 1
            if soft_pending[j] == 0 and j in current:
                push(j)
        for y in bits(P.succ[x] & ~D):
            if not (P.pred[y] & ~D):
                push(y)
    return out


def recommended_order(
    G,
    *,
    soft_edges: Iterable[tuple] = (),
    available_from: Mapping | None = None,
    key: Key = None,
) -> list:
    """The recommended allowed order; see :func:`explain_recommended`.

    Examples
    --------
    >>> import datetime as dt, networkx as nx
    >>> G = nx.DiGraph(); G.add_nodes_from("abc")
    >>> recommended_order(G, available_from={"c": dt.date(2025, 1, 1), "b": None})
    ['c', 'a', 'b']
    """
    return [
        v
        for v, _ in explain_recommended(
            G, soft_edges=soft_edges, available_from=available_from, key=key
        )
    ]


# ---------------------------------------------------------------------------
# checking an order
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    """One problem with a proposed order.

    Attributes
    ----------
    position : int
        1-based position in the order.
    node : object
        The item at that position.
    missing : tuple
        Prerequisites (all ancestors in ``G``) not placed before it, nearest
        first (by distance in ``G``, then node).
    reason : str
        ``"missing-prerequisite"``, ``"duplicate"`` or ``"unknown"`` (not a
        node of ``G``).

    Examples
    --------
    >>> v = Violation(2, "b", ("a",))
    >>> v.position, v.node, v.missing, v.reason
    (2, 'b', ('a',), 'missing-prerequisite')
    """

    position: int
    node: Hashable
    missing: tuple = ()
    reason: str = "missing-prerequisite"


def check_order(G, order: Iterable) -> list[Violation]:
    """Check a proposed order (or a prefix of one) against ``G``.

    An empty list means the order is allowed so far; nodes of ``G`` that do
    not appear are not a violation, but a prerequisite that never appears
    before an item that needs it is missing.

    Parameters
    ----------
    G : networkx.DiGraph
    order : iterable
        Proposed items in order (a whole plan or a prefix of one).

    Returns
    -------
    list of Violation
        In order of position; a duplicate or unknown item is reported once
        per occurrence and does not count as placed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> check_order(G, ["a", "b"])
    []
    >>> check_order(G, ["c", "a", "x", "a"])  # doctest: +NORMALIZE_WHITESPACE
    [Violation(position=1, node='c', missing=('b', 'a'), reason='missing-prerequisite'),
     Violation(position=3, node='x', missing=(), reason='unknown'),
     Violation(position=4, node='a', missing=(), reason='duplicate')]
    """
    P = _as_poset(G)
    try:
        rank_list = key_order(P.nodes, None)
    except TypeError:
        rank_list = list(range(P.n))
    rank = [0] * P.n
    for r, i in enumerate(rank_list):
        rank[i] = r
    out: list[Violation] = []
    placed = 0
    for pos, v in enumerate(order, 1):
        try:
            i = P.index[v]
        except (KeyError, TypeError):
            out.append(Violation(pos, v, (), "unknown"))
            continue
        if (placed >> i) & 1:
            out.append(Violation(pos, v, (), "duplicate"))
            continue
        missing = P.anc[i] & ~placed
        if missing:
            dist = _distances_up(P, i, missing)
            miss = sorted(bits(missing), key=lambda j: (dist[j], rank[j]))
            out.append(
                Violation(pos, v, tuple(P.nodes[j] for j in miss), "missing-prerequisite")
            )
        placed |= 1 << i
    return out


def _distances_up(P: Poset, i: int, want: int) -> dict[int, int]:
    """Shortest distance from each ancestor in ``want`` down to ``i``."""
    dist = {i: 0}
    queue = deque([i])
    while queue and want:
        v = queue.popleft()
        for p in bits(P.pred[v]):
            if p not in dist:
                dist[p] = dist[v] + 1
                want &= ~(1 << p)
                queue.append(p)
    return dist


# ---------------------------------------------------------------------------
# freedom and precedence
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Freedom:
    """How free each item is over all allowed orders.

    Attributes
    ----------
    nodes : tuple
        All nodes, sorted by key.
    total : int
        Number of linear extensions.
    earliest, latest : dict
        Earliest and latest 1-based position each node takes in some
        linear extension (``1 + #ancestors`` and ``n - #descendants``).
    first_counts : dict
        For each minimal node, the number of linear extensions starting
        with it (they sum to ``total``).
    """

    nodes: tuple
    total: int
    earliest: dict
    latest: dict
    first_counts: dict
    _poset: Poset = field(repr=False, compare=False)
    _budget: int = field(repr=False, compare=False)

    def slack(self, node) -> int:
        """``latest - earliest`` of ``node``: 0 means its place is fixed."""
        return self.latest[node] - self.earliest[node]

    def precedence_probability(self, a, b) -> Fraction:
        """Probability that ``a`` precedes ``b`` in a uniformly random allowed order.

        Exact: the number of linear extensions of ``G`` plus ``a -> b``
        over the number of ``G``.

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.DiGraph([("a", "b")]); G.add_node("c")
        >>> freedom(G).precedence_probability("a", "c")
        Fraction(2, 3)
        """
        P = self._poset
        try:
            i, j = P.index[a], P.index[b]
        except (KeyError, TypeError):
            raise ValueError("both nodes must be in the graph") from None
        if i == j:
            raise ValueError("a and b must be different nodes")
        if (P.anc[j] >> i) & 1:
            return Fraction(1)
        if (P.anc[i] >> j) & 1:
            return Fraction(0)
        return Fraction(_exact_count(P.with_edge(i, j), self._budget), self.total)


def freedom(G, *, key: Key = None, budget: int = DEFAULT_BUDGET) -> Freedom:
    """Earliest/latest positions, first-item counts and precedence probabilities.

    Parameters
    ----------
    G : networkx.DiGraph
    key : callable, optional
        Order of ``Freedom.nodes`` and of the dictionaries.
    budget : int, optional
        Maximum DP states.

    Returns
    -------
    Freedom

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")]); G.add_node("d")
    >>> F = freedom(G)
    >>> F.total, F.earliest["b"], F.latest["a"], F.first_counts
    (8, 2, 2, {'a': 6, 'd': 2})
    >>> F.precedence_probability("b", "c")
    Fraction(1, 2)
    """
    budget = _check_budget(budget)
    P = _as_poset(G, key, sort=True)
    n = P.n
    earliest = {P.nodes[i]: P.anc[i].bit_count() + 1 for i in range(n)}
    latest = {P.nodes[i]: n - P.desc[i].bit_count() for i in range(n)}
    first_counts = {}
    try:
        O = _oracle_for(P, budget)
        total = O.total
        for m in bits(P.sources):
            first_counts[P.nodes[m]] = O.count_if(m)
    except BudgetExceededError:
        # exact tables too big: count each "rest after m" on its own
        total = _exact_count(P, budget)
        for m in bits(P.sources):
            first_counts[P.nodes[m]] = _exact_count(P.induced(P.full & ~(1 << m)), budget)
    return Freedom(tuple(P.nodes), total, earliest, latest, first_counts, P, budget)


def precedence_matrix(
    G, *, key: Key = None, budget: int = DEFAULT_BUDGET
) -> tuple[list, list[list[Fraction]]]:
    """All precedence probabilities at once.

    Returns
    -------
    nodes : list
        The nodes sorted by key.
    matrix : list of list of Fraction
        ``matrix[i][j]`` is the probability that ``nodes[i]`` comes before
        ``nodes[j]`` in a uniformly random allowed order (0 on the diagonal).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b")]); G.add_node("c")
    >>> nodes, M = precedence_matrix(G)
    >>> nodes, [str(p) for p in M[0]]
    (['a', 'b', 'c'], ['0', '1', '2/3'])
    """
    budget = _check_budget(budget)
    P = _as_poset(G, key, sort=True)
    n = P.n
    if downset_bound(P) * max(n, 1) <= min(budget, PYTHON_BUDGET * 10):
        T = DownsetTable(P)
        N = T.precedence_counts()
        total = T.total
        M = [[Fraction(N[a][b], total) for b in range(n)] for a in range(n)]
        return list(P.nodes), M
    pairs = sum(n - 1 - (P.anc[i] | P.desc[i]).bit_count() for i in range(n)) // 2
    if pairs > MATRIX_PAIRS:
        raise BudgetExceededError(
            width(G),
            pairs,
            MATRIX_PAIRS,
            f"out of reach: the precedence matrix of {n} items needs one exact count "
            f"per incomparable pair ({pairs}), more than {MATRIX_PAIRS}",
        )
    total = _exact_count(P, budget)
    M = [[Fraction(0)] * n for _ in range(n)]
    for a in range(n):
        for b in range(a + 1, n):
            if (P.anc[b] >> a) & 1:
                M[a][b] = Fraction(1)
            elif (P.anc[a] >> b) & 1:
                M[b][a] = Fraction(1)
            else:
                p = Fraction(_exact_count(P.with_edge(a, b), budget), total)
                M[a][b], M[b][a] = p, 1 - p
    return list(P.nodes), M


# ---------------------------------------------------------------------------
# width and bounds
# ---------------------------------------------------------------------------
def width(G) -> int:
    """Size of a largest antichain (Dilworth: fewest chains covering ``G``).

    Computed as ``n`` minus a maximum matching of the bipartite graph of the
    transitive closure (augmenting paths over bitsets). A part of width
    ``w`` has at least ``2**w`` downsets, which is what decides whether an
    exact DP fits the budget.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    int
        0 for an empty graph.

    Examples
    --------
    >>> import networkx as nx
    >>> width(nx.DiGraph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]))
    2
    """
    P = _as_poset(G)
    return len(chain_cover(P)) if P.n else 0


def downset_upper_bound(G) -> int:
    """A cheap upper bound on the number of downsets (order ideals) of ``G``.

    Computed before any DP: disjoint unions multiply, ordinal sums add
    (both exactly), and a prime part contributes the smaller of the product
    of ``chain length + 1`` over a minimum chain decomposition and a tree
    bound over pairs of chains. Note that the DP only visits the downsets of
    prime parts, so a huge bound (an antichain of 1,000 has ``2**1000``
    downsets) does not mean counting is slow.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    int

    Examples
    --------
    >>> import networkx as nx
    >>> downset_upper_bound(nx.DiGraph([("a", "b"), ("c", "d")]))
    9
    """
    return downset_bound(_as_poset(G))
