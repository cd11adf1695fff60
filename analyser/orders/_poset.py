"""Internal: a finite poset as bitsets, built once from a ``networkx.DiGraph``.

Node ``i`` of a :class:`Poset` is bit ``1 << i``. ``pred``/``succ`` hold the
graph's own edges (not reduced, not closed), ``anc``/``desc`` the transitive
closure. Nothing here is public API; :mod:`analyser.orders` is.
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterator, Sequence

from analyser.findings import CycleError

__all__ = ["Poset", "bits", "lowest", "key_order"]


def bits(x: int) -> Iterator[int]:
    """Indices of the set bits of ``x``, lowest first.

    Examples
    --------
    >>> list(bits(0b10110))
    [1, 2, 4]
    """
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def lowest(x: int) -> int:
    """Index of the lowest set bit of a non-zero ``x``.

    Examples
    --------
    >>> lowest(0b1000)
    3
    """
    return (x & -x).bit_length() - 1


def key_order(nodes: Sequence[Hashable], key: Callable | None) -> list[int]:
    """Indices of ``nodes`` sorted by ``key`` (the node itself by default).

    The sort is stable, so nodes with equal keys keep their given order.

    Examples
    --------
    >>> key_order(["b", "c", "a"], None)
    [2, 0, 1]
    >>> key_order(["b", "c", "a"], lambda v: -ord(v))
    [1, 0, 2]
    """
    if key is None:
        def sort_key(i: int):
            return nodes[i]
    else:
        def sort_key(i: int):
            return key(nodes[i])
    try:
        return sorted(range(len(nodes)), key=sort_key)
    except TypeError as exc:
        raise TypeError(
            "the nodes (or their keys) cannot be compared with each other; "
            "pass key= returning mutually comparable values"
        ) from exc


class Poset:
    """A DAG on ``n`` nodes with bitset adjacency and transitive closure.

    Build it with :meth:`from_graph`; :meth:`relabel` and :meth:`induced`
    derive new posets without touching the original.
    """

    __slots__ = ("nodes", "index", "n", "pred", "succ", "anc", "desc", "topo", "full", "_covers")

    def __init__(self, nodes: Sequence[Hashable], pred: list[int], succ: list[int]):
        self.nodes = list(nodes)
        self.n = len(self.nodes)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.pred = pred
        self.succ = succ
        self.full = (1 << self.n) - 1
        self.topo = self._topological_order()
        anc = [0] * self.n
        for v in self.topo:
            a = 0
            for p in bits(pred[v]):
                a |= anc[p] | (1 << p)
            anc[v] = a
        desc = [0] * self.n
        for v in reversed(self.topo):
            d = 0
            for s in bits(succ[v]):
                d |= desc[s] | (1 << s)
            desc[v] = d
        self.anc = anc
        self.desc = desc
        self._covers: tuple[list[int], list[int]] | None = None

    # -- construction -------------------------------------------------
    @classmethod
    def from_graph(cls, G) -> "Poset":
        """Poset of a DiGraph; raise :class:`CycleError` on a cycle."""
        nodes = list(G.nodes)
        index = {v: i for i, v in enumerate(nodes)}
        n = len(nodes)
        pred = [0] * n
        succ = [0] * n
        for u, v in G.edges():
            i, j = index[u], index[v]
            if i == j:
                raise CycleError([u])
            pred[j] |= 1 << i
            succ[i] |= 1 << j
        return cls(nodes, pred, succ)

    def _topological_order(self) -> list[int]:
        n = self.n
        indeg = [p.bit_count() for p in self.pred]
        stack = [i for i in range(n - 1, -1, -1) if indeg[i] == 0]
        order: list[int] = []
        while stack:
            v = stack.pop()
            order.append(v)
            for s in bits(self.succ[v]):
                indeg[s] -= 1
                if indeg[s] == 0:
                    stack.append(s)
        if len(order) < n:
            raise CycleError(self._find_cycle(indeg))
        return order

    def _find_cycle(self, indeg: list[int]) -> list[Hashable]:
        # Every node left over still has a left-over predecessor: walk
        # backwards until a node repeats; that stretch is a cycle.
        left = 0
        for i, d in enumerate(indeg):
            if d > 0:
                left |= 1 << i
        v = lowest(left)
        seen: dict[int, int] = {}
        walk: list[int] = []
        while v not in seen:
            seen[v] = len(walk)
            walk.append(v)
            v = lowest(self.pred[v] & left)
        cycle = walk[seen[v]:]
        cycle.reverse()  # the walk went against the edges
        # start the cycle at its smallest index, for stable output
        start = cycle.index(min(cycle))
        cycle = cycle[start:] + cycle[:start]
        return [self.nodes[i] for i in cycle]

    def relabel(self, order: Sequence[int]) -> "Poset":
        """The same poset with node ``order[r]`` renumbered ``r``."""
        pos = [0] * self.n
        for r, i in enumerate(order):
            pos[i] = r

        def move(mask: int) -> int:
            out = 0
            for i in bits(mask):
                out |= 1 << pos[i]
            return out

        pred = [move(self.pred[i]) for i in order]
        succ = [move(self.succ[i]) for i in order]
        return Poset([self.nodes[i] for i in order], pred, succ)

    def induced(self, mask: int) -> "Poset":
        """Subposet on the nodes of ``mask``, which must be convex.

        Convex (every node between two members is a member: downsets,
        upsets, modules of the decomposition, the poset minus a minimal
        node) means the graph's own edges inside ``mask`` keep the order.
        """
        idx = list(bits(mask))
        pos = {i: r for r, i in enumerate(idx)}
        pred, succ = [], []
        for i in idx:
            p = 0
            for j in bits(self.pred[i] & mask):
                p |= 1 << pos[j]
            pred.append(p)
            q = 0
            for j in bits(self.succ[i] & mask):
                q |= 1 << pos[j]
            succ.append(q)
        return Poset([self.nodes[i] for i in idx], pred, succ)

    def with_edge(self, a: int, b: int) -> "Poset":
        """The poset with the extra edge ``a -> b`` (``b`` must not be below ``a``)."""
        pred = list(self.pred)
        succ = list(self.succ)
        pred[b] |= 1 << a
        succ[a] |= 1 << b
        return Poset(self.nodes, pred, succ)

    # -- queries ------------------------------------------------------
    def covers(self) -> tuple[list[int], list[int]]:
        """The Hasse diagram: per node, the bitsets of its lower and of its upper covers.

        A cover ``u < v`` has nothing between; it is always one of the
        graph's own edges, and an edge is one unless it runs past another
        predecessor of its head. Computed once.

        Examples
        --------
        >>> P = Poset.from_graph(nx.DiGraph([(0, 1), (1, 2), (0, 2)]))
        >>> P.covers()
        ([0, 1, 2], [2, 4, 0])
        """
        if self._covers is None:
            low = []
            for v in range(self.n):
                through = 0
                for u in bits(self.pred[v]):
                    through |= self.anc[u]
                low.append(self.pred[v] & ~through)
            up = [0] * self.n
            for v, m in enumerate(low):
                for u in bits(m):
                    up[u] |= 1 << v
            self._covers = (low, up)
        return self._covers

    @property
    def sources(self) -> int:
        """Bitset of the nodes without predecessors."""
        out = 0
        for i, p in enumerate(self.pred):
            if not p:
                out |= 1 << i
        return out

    def ready(self, D: int) -> int:
        """Bitset of the nodes outside downset ``D`` whose predecessors are in ``D``."""
        out = 0
        for i in bits(self.full & ~D):
            if not (self.pred[i] & ~D):
                out |= 1 << i
        return out
