"""Internal: the recommended order and the reason each item was picked."""

from __future__ import annotations

import heapq
from typing import Iterable, Mapping

from analyser.orders._common import Key, _as_poset
from analyser.orders._poset import bits

__all__ = ["REASONS", "explain_recommended", "recommended_order"]

#: The reasons :func:`explain_recommended` gives, in the order they are tried.
REASONS = ("only-ready", "recommended-first", "earliest-available", "unlocks-most", "key")


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
