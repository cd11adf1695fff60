"""Internal: checking a proposed order (or a prefix of one)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Hashable, Iterable

from analyser.orders._common import _as_poset
from analyser.orders._poset import Poset, bits, key_order

__all__ = ["Violation", "check_order"]


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
