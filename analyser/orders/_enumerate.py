"""Internal: counting and enumeration of the allowed orders.

:func:`count_orders` counts them exactly, :func:`iter_orders` yields them
lazily in lexicographic order, :func:`rank_order` and :func:`unrank_order`
map an order to its position in that enumeration and back, and
:func:`sample_orders` draws them exactly uniformly.
"""

from __future__ import annotations

import operator
import random
from typing import Iterator, Sequence

from analyser.orders._common import (
    DEFAULT_BUDGET,
    Key,
    _advance,
    _as_poset,
    _check_budget,
    _exact_count,
    _oracle_for,
)
from analyser.orders._oracle import Oracle
from analyser.orders._poset import Poset, bits, lowest

__all__ = ["count_orders", "iter_orders", "rank_order", "unrank_order", "sample_orders"]


def count_orders(G, *, budget: int = DEFAULT_BUDGET, stats: dict | None = None) -> int:
    """Count the linear extensions of ``G`` exactly.

    Parameters
    ----------
    G : networkx.DiGraph
        Edge ``u -> v`` means ``u`` must come before ``v``.
    budget : int, optional
        Maximum number of DP states.
    stats : dict, optional
        Filled with how the count was made: ``method``, the costliest of
        :data:`~analyser.orders.METHODS` any part needed —
        ``"series-parallel"`` (the decomposition alone), ``"hook-length"``,
        ``"tree"`` (Atkinson's recursion) or ``"downsets"`` (a DP over
        downsets) —, ``methods`` (parts counted by each), ``states``
        (downsets visited) and a few more (see
        :func:`~analyser.orders._count.count_poset`).

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
    >>> count_orders(nx.DiGraph([("a", "b"), ("a", "c")]))
    2
    >>> G = nx.DiGraph(); G.add_nodes_from(range(20))
    >>> count_orders(G)  # an antichain: 20!
    2432902008176640000
    >>> fence = nx.DiGraph([(i, i + 1) if i % 2 == 0 else (i + 1, i) for i in range(39)])
    >>> stats = {}
    >>> count_orders(fence, stats=stats), stats["method"]  # the zigzag number E_40
    (14851150718114980017877156781405826684425, 'tree')
    """
    budget = _check_budget(budget)
    return _exact_count(_as_poset(G), budget, stats)


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
