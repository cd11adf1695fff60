"""Internal: the downset DP found first and counted after — fast on long thin parts.

:class:`~analyser.orders._engine.LevelDP` discovers each level's downsets by
sorting the next level's candidates: a dozen numpy calls per level, which
dominates when levels are small (a width-4 poset of 2,000 items has 2,000
levels of a few hundred downsets). Here the downsets are found all at once,
and counting is a few calls per level.

Finding them: a downset is a vector ``H`` of chain heights in which every
pair of chains agrees (the top of chain ``i`` at height ``H_i`` needs
``H_k >= need``; ancestors in a chain are a prefix, and the need only grows
with the height). Chain by chain, the heights of chain ``d`` that agree with
chains ``0 .. d-1`` form an interval, so the valid prefixes form a trie whose
nodes' children are consecutive heights. Every valid prefix extends to a
downset (the down-closure of its tops), so the prefixes of each depth are no
more than the downsets: the search stops, with evidence, as soon as they pass
the budget.

Counting: the ways to reach ``H`` are the sum over chains ``i`` of the ways
to reach ``H - e_i`` when that is a downset. In the trie, ``H - e_i`` is the
previous sibling at depth ``i`` followed down by the same heights, found for
all downsets at once depth by depth. The counts are exact multi-word
integers (56-bit limbs, carried once per level), with only as many limbs as
the counts so far need, instead of residues modulo primes.
"""

from __future__ import annotations

import numpy as np

from analyser.orders._refuse import reached_error

__all__ = ["Sweep", "SWEEP_BYTES"]

#: Memory the found downsets may take (about ``4 * width + 64`` bytes each);
#: larger parts go to the level-by-level DP.
SWEEP_BYTES = 768 << 20
LIMB = 56
_MASK = np.uint64((1 << LIMB) - 1)
_GROW = np.uint64(1 << 48)


class Sweep:
    """All downsets of a :class:`~analyser.orders._engine.ChainSystem`, then their count.

    ``Sweep(cs, budget)`` raises :class:`~analyser.findings.BudgetExceededError`
    once more than ``budget`` downsets are found (less ``spent`` by earlier
    parts); ``found`` is ``False`` when they would take more than
    :data:`SWEEP_BYTES` (then use the level DP). ``states`` is the number of
    downsets, :meth:`count` the linear extensions.

    Examples
    --------
    >>> from analyser.orders._engine import ChainSystem
    >>> from analyser.orders._poset import Poset
    >>> from analyser.orders._struct import chain_cover
    >>> N = Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("b", "d")]))
    >>> S = Sweep(ChainSystem(N, chain_cover(N)), 100)
    >>> S.found, S.states, S.count()
    (True, 8, 5)
    """

    def __init__(self, cs, budget: int, *, spent: int = 0):
        self.cs = cs
        self.w = cs.w
        self.n = cs.n
        self.states = 0
        cap = SWEEP_BYTES // (4 * self.w + 64)
        self.found = self._find(budget, spent, cap)

    # -- finding the downsets ----------------------------------------------
    def _find(self, budget: int, spent: int, cap: int) -> bool:
        cs, w = self.cs, self.w
        i32 = np.int32
        need = [np.vstack([np.zeros((1, w), dtype=i32), nd.astype(i32)]) for nd in cs.need]
        # entry d describes the children (at depth d) of the nodes at depth
        # d - 1: first child, lowest height, number; one more entry at the end
        # stands for "no node" (no children, first child "no node" again)
        self.first: list[np.ndarray] = []
        self.lo: list[np.ndarray] = []
        self.cnt: list[np.ndarray] = []
        self.h: list[np.ndarray] = []
        self.parent: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        level = np.zeros(1, dtype=i32)
        size = 1
        for d in range(w):
            lo = np.zeros(size + 1, dtype=i32)
            hi = np.full(size + 1, cs.L[d], dtype=i32)
            for i in range(d):
                np.maximum(lo[:size], need[i][cols[i], d], out=lo[:size])
                upto = np.searchsorted(cs.need[d][:, i], np.arange(cs.L[i] + 1), side="right").astype(i32)
                np.minimum(hi[:size], upto[cols[i]], out=hi[:size])
            cnt = np.maximum(hi - lo + 1, 0).astype(i32)
            cnt[size] = 0
            total = int(cnt.sum(dtype=np.int64))
            if total + spent > budget:
                raise reached_error(w, total + spent, budget, placed=d + 1, size=w, what="chains")
            if total > cap:
                return False
            first = (np.cumsum(cnt, dtype=np.int64) - cnt).astype(i32)
            parent = np.repeat(np.arange(size + 1, dtype=i32), cnt)
            h = lo[parent] + (np.arange(total, dtype=i32) - first[parent])
            for name, arr in (("first", first), ("lo", lo), ("cnt", cnt), ("h", h), ("parent", parent)):
                getattr(self, name).append(arr)
            level = level[parent] + h
            if d < w - 1:
                cols = [c[parent] for c in cols] + [h]
            size = total
        self.states = size
        self.level = level
        return True

    def _predecessors(self) -> np.ndarray:
        """``P[i, j]``: where ``H - e_i`` of the ``j``-th downset (by level) sits in the level before.

        When ``H - e_i`` is not a downset, ``P`` points at an extra zero row
        after that level.
        """
        w, N = self.w, self.states
        order = np.argsort(self.level, kind="stable")
        counts = np.bincount(self.level, minlength=self.n + 1)
        start = np.concatenate([[0], np.cumsum(counts)])
        local = np.empty(N + 1, dtype=np.int32)
        local[order] = np.arange(N, dtype=np.int32)
        local[:N] -= start[self.level].astype(np.int32)
        local[N] = -1
        sentinel = counts[np.maximum(self.level - 1, 0)].astype(np.int32)
        P = np.empty((w, N), dtype=np.int32)
        for i in range(w):
            u = np.arange(self.h[i].size, dtype=np.int32)
            # the previous sibling at depth i, if any; else "no node"
            m = np.where(u > self.first[i][self.parent[i]], u - 1, u.size)
            for d in range(i + 1, w):  # then down the same heights
                mp = m[self.parent[d]]
                off = self.h[d] - self.lo[d][mp]
                ok = off.view(np.uint32) < self.cnt[d][mp]
                m = np.where(ok, self.first[d][mp] + off, self.h[d].size)
            pred = local[m]
            P[i] = np.where(pred >= 0, pred, sentinel)[order]
        self.start = start
        return P

    # -- counting -------------------------------------------------------------
    def count(self) -> int:
        """Number of linear extensions, exactly."""
        P = self._predecessors()
        start = self.start
        prev = np.zeros((2, 1), dtype=np.uint64)
        prev[0, 0] = 1
        for s in range(1, self.n + 1):
            a, b = int(start[s]), int(start[s + 1])
            if prev[:, -1].max() >= _GROW:  # keep the top limb clear of carries
                prev = np.hstack([prev, np.zeros((prev.shape[0], 1), dtype=np.uint64)])
            cur = prev[P[0, a:b]]
            for i in range(1, self.w):
                cur += prev[P[i, a:b]]
            carry = cur >> np.uint64(LIMB)
            cur &= _MASK
            cur[:, 1:] += carry[:, :-1]
            prev = np.zeros((b - a + 1, cur.shape[1]), dtype=np.uint64)
            prev[:-1] = cur
        return sum(int(x) << (LIMB * j) for j, x in enumerate(prev[0]))
