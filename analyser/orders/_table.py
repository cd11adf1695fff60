"""Internal: the exact pure-Python downset table (reference implementation).

Every downset (order ideal) reachable from the empty set is a Python int
bitset. ``f[D]`` is the number of ways to complete ``D`` to a linear
extension, ``g[D]`` the number of ways to reach it. Exact Python ints, no
moduli — the fast engines are tested against this one.
"""

from __future__ import annotations

from analyser.orders._poset import Poset, bits
from analyser.orders._refuse import lower_error, reached_error
from analyser.orders._struct import chain_cover

__all__ = ["DownsetTable"]


class DownsetTable:
    """All downsets of ``P`` by size, with ready sets and completion counts.

    With a ``budget``, a poset of width ``w`` with ``2**w`` above it is
    refused at once, and the table stops as soon as the downsets found pass
    it.

    Examples
    --------
    >>> T = DownsetTable(Poset.from_graph(nx.DiGraph([(0, 1), (0, 2)])))
    >>> T.total, T.states
    (2, 5)
    """

    def __init__(self, P: Poset, budget: int | None = None, *, forward: bool = False):
        self.P = P
        n = P.n
        if budget is not None:
            w = len(chain_cover(P))
            if 1 << w > budget:
                raise lower_error(w, budget)
        ready: dict[int, int] = {0: P.sources}
        levels: list[list[int]] = [[0]]
        succ, pred = P.succ, P.pred
        for _size in range(n):
            nxt: dict[int, int] = {}
            for D in levels[-1]:
                R = ready[D]
                for x in bits(R):
                    bx = 1 << x
                    D2 = D | bx
                    if D2 in nxt:
                        continue
                    R2 = R & ~bx
                    for y in bits(succ[x] & ~D2):
                        if not (pred[y] & ~D2):
                            R2 |= 1 << y
                    nxt[D2] = R2
            ready.update(nxt)
            levels.append(list(nxt))
            if budget is not None and len(ready) > budget:
                raise reached_error(w, len(ready), budget, placed=_size + 1, size=n)
        self.ready = ready
        self.levels = levels
        self.states = len(ready)
        f: dict[int, int] = {P.full: 1}
        for level in reversed(levels[:-1]):
            for D in level:
                f[D] = sum(f[D | (1 << x)] for x in bits(ready[D]))
        self.f = f
        self.total = f[0]
        self.g: dict[int, int] | None = None
        if forward:
            self.forward()

    def forward(self) -> dict[int, int]:
        """Compute (once) and return ``g``: the number of ways to reach each downset."""
        if self.g is None:
            g = dict.fromkeys(self.ready, 0)
            g[0] = 1
            for level in self.levels:
                for D in level:
                    c = g[D]
                    for x in bits(self.ready[D]):
                        g[D | (1 << x)] += c
            self.g = g
        return self.g

    def staged(self) -> int:
        """Number of staged plans: chains of downsets with antichain steps."""
        s: dict[int, int] = {self.P.full: 1}
        for level in reversed(self.levels[:-1]):
            for D in level:
                R = self.ready[D]
                total = 0
                sub = R
                while sub:
                    total += s[D | sub]
                    sub = (sub - 1) & R
                s[D] = total
        return s[0]

    def precedence_counts(self) -> list[list[int]]:
        """``N[a][b]``: the number of linear extensions with ``a`` before ``b``."""
        g = self.forward()
        n = self.P.n
        N = [[0] * n for _ in range(n)]
        for D, R in self.ready.items():
            gd = g[D]
            for b in bits(R):
                w = gd * self.f[D | (1 << b)]
                for a in bits(D):
                    N[a][b] += w
        return N
