"""Internal: completion counts of a growing plan, for rank, unrank and sampling.

For the downset ``D`` placed so far, ``completions(D)`` is the number of
linear extensions that start with ``D``'s order. Along the decomposition
tree it factorises: an ordinal sum multiplies its children's completions, a
disjoint union multiplies them by the multinomial of the children's
remaining sizes, and a prime part looks its value up in an exact table (its
dual DP: completions of ``D`` are the ways to reach ``P \\ D`` in the dual).

Tree-shaped parts keep their completions by hook lengths or by recounting
the pieces a placed item leaves (:mod:`~analyser.orders._tree`).

Placing one item changes only the parts on its path to the root, so the
completions after each candidate item are computed from the current values
by a few exact multiplications and divisions per tree level.
"""

from __future__ import annotations

from math import comb

from analyser.orders._count import plan
from analyser.orders._poset import Poset, bits, lowest
from analyser.orders._struct import Part
from analyser.orders._table import DownsetTable
from analyser.orders._tree import HookTable, TreeTable

__all__ = ["Oracle"]


class _PyTable:
    """Exact completions of a small prime part from the pure-Python table."""

    def __init__(self, Q: Poset, global_idx: list[int]):
        self.T = DownsetTable(Q)
        self.local = {g: r for r, g in enumerate(global_idx)}
        self.D = 0
        self.total = self.T.total

    def value_if(self, x: int) -> int:
        return self.T.f[self.D | (1 << self.local[x])]

    def advance(self, x: int) -> None:
        self.D |= 1 << self.local[x]

    def reset(self) -> None:
        self.D = 0


class _NpTable:
    """Exact completions of a prime part from the numpy DP of its dual."""

    def __init__(self, Q: Poset, chains: list[list[int]], global_idx: list[int], budget: int, words: int,
                 spent: int):
        from analyser.orders._engine import ChainSystem, LevelDP

        cs = ChainSystem(Q, chains, dual=True)
        self.dp = LevelDP(cs, budget, keep=True, words=words, spent=spent)
        self.used = self.dp.states * words
        # primal chain i, height h  ->  dual chain i (reversed)
        self.pos = {}
        for i, c in enumerate(chains):
            for h, x in enumerate(c):
                self.pos[global_idx[x]] = i
        self.Hd = list(cs.L)  # dual heights of the empty primal downset
        self.total = self.dp.lookup(self.Hd)

    def value_if(self, x: int) -> int:
        i = self.pos[x]
        H = list(self.Hd)
        H[i] -= 1
        return self.dp.lookup(H)

    def advance(self, x: int) -> None:
        self.Hd[self.pos[x]] -= 1

    def reset(self) -> None:
        self.Hd = list(self.dp.cs.L)


class Oracle:
    """Completion counts of the current downset of ``P``, kept incrementally.

    Examples
    --------
    >>> P = Poset.from_graph(nx.DiGraph([(0, 1), (0, 2)]))
    >>> O = Oracle(P, 1000)
    >>> O.total, O.count_if(0)
    (2, 2)
    >>> O.advance(0); O.count_if(1), O.count_if(2)
    (1, 1)
    """

    def __init__(self, P: Poset, budget: int):
        self.P = P
        root, plans = plan(P, budget, table=True, trees=True)
        self.root = root
        self.parent: dict[int, Part] = {}
        self.leaf: list[Part] = [root] * P.n
        self.tables: dict[int, object] = {}
        self.val: dict[int, int] = {}
        self.rem: dict[int, int] = {}
        spent = 0
        for part in root.postorder():
            for c in part.children:
                self.parent[id(c)] = part
            pid = id(part)
            self.rem[pid] = part.size
            if part.kind == "single":
                self.leaf[lowest(part.mask)] = part
                v = 1
            elif part.kind in ("prime", "tree"):
                pp = plans[pid]
                gidx = list(bits(part.mask))
                if part.kind == "tree" and part.tree == "tree":
                    table = TreeTable(P, part.mask, budget, spent)  # charges its recounts
                    spent = table.work
                elif part.kind == "tree":
                    table = HookTable(P, part.mask, part.tree)
                elif pp.engine == "python":
                    table = _PyTable(pp.poset, gidx)
                else:
                    table = _NpTable(pp.poset, pp.chains, gidx, budget, pp.words, spent)
                    spent += table.used
                self.tables[pid] = table
                for x in gidx:
                    self.leaf[x] = part
                v = table.total
            elif part.kind == "series":
                v = 1
                for c in part.children:
                    v *= self.val[id(c)]
            else:
                v, seen = 1, 0
                for c in part.children:
                    seen += c.size
                    v *= comb(seen, c.size) * self.val[id(c)]
            self.val[pid] = v
        self.total = self.val[id(root)]
        self._memo: dict[int, int] = {}
        self._start = (dict(self.val), dict(self.rem))

    def reset(self) -> None:
        """Back to the empty downset."""
        self.val, self.rem = dict(self._start[0]), dict(self._start[1])
        for table in self.tables.values():
            table.reset()
        self._memo.clear()

    def _path(self, x: int, store: bool) -> int:
        leaf = self.leaf[x]
        if leaf.kind == "single":
            old = new = 1
        else:
            table = self.tables[id(leaf)]
            old = self.val[id(leaf)]
            new = table.value_if(x)
            if store:
                table.advance(x)
        child = leaf
        crem = self.rem[id(leaf)]  # remaining sizes before placing x
        if store:
            self.val[id(leaf)] = new
            self.rem[id(leaf)] = crem - 1
        root = self.root
        while child is not root:
            par = self.parent[id(child)]
            pid = id(par)
            pv = self.val[pid]
            prem = self.rem[pid]
            if par.kind == "series":
                nv = pv if old == new else pv // old * new
            else:
                nv = pv // old * new * crem // prem
            if store:
                self.val[pid] = nv
                self.rem[pid] = prem - 1
            old, new, crem = pv, nv, prem
            child = par
        return new

    @property
    def current(self) -> int:
        """Completions of the downset placed so far."""
        return self.val[id(self.root)]

    def count_if(self, x: int) -> int:
        """Completions after also placing ``x`` (which must be ready)."""
        leaf = self.leaf[x]
        if leaf.kind == "single" and leaf is not self.root:
            key = id(self.parent[id(leaf)])
            v = self._memo.get(key)
            if v is None:
                v = self._memo[key] = self._path(x, False)
            return v
        return self._path(x, False)

    def advance(self, x: int) -> None:
        """Place ``x``."""
        self._path(x, True)
        self._memo.clear()
