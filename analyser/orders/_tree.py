"""Internal: parts whose Hasse diagram is a tree — hook lengths and Atkinson's recursion.

A connected part whose Hasse diagram (its cover relations, as an undirected
graph) is a tree is counted without any downset DP:

* ``"out"`` — every node has at most one lower cover (a rooted tree growing
  upwards: caterpillars, brooms, chains). The hook-length formula
  ``n! / prod |up-set of v|`` counts it with ``n`` small multiplications.
* ``"in"`` — every node has at most one upper cover; the same formula with
  down-sets.
* ``"tree"`` — any other tree (fences, zigzags, random orientations):
  Atkinson's recursion (M. D. Atkinson, "On computing the number of linear
  extensions of a tree", Order 7 (1990) 23-25). Root the tree; for every node
  ``v`` keep ``A_v[i]``, the linear extensions of ``v``'s subtree with ``v``
  in place ``i``. Joining a child subtree (``b`` items, vector ``B``) to ``v``
  (``a`` items so far, vector ``A``) gives, with ``t`` child items before
  ``v`` and ``S(t)`` the child's extensions compatible with that (a prefix
  or suffix sum of ``B``, by the direction of the edge),
  ``A'[i + t] = sum A[i] S(t) C(i + t - 1, i - 1) C(a + b - i - t, a - i)``.
  Each pair of nodes meets once, so the whole is ``O(n^2)`` operations.
  Small trees use Python integers; larger ones run in numpy modulo primes
  below ``2**26`` (:mod:`~analyser.orders._atkinson`), rebuilt exactly by the
  Chinese remainder theorem.

Rank, unrank and sampling need, at every step, the completions of the
current downset. For ``"out"`` parts one multiplication and one division
give them (removing a minimal node leaves every other hook as it was); for
``"in"`` parts the hooks along the path above the node change. Atkinson's
tables give the distribution of one root's place, not the completions of an
arbitrary downset, so for ``"tree"`` parts :class:`TreeTable` recounts the
pieces that removing a node leaves (each piece is again a tree, counted once
and remembered): ``O(m^2)`` operations per new piece of ``m`` items. That is
quick up to a few hundred items, slow beyond.
"""

from __future__ import annotations

import math
from math import comb, factorial, prod

from analyser.orders._poset import Poset, bits, lowest

__all__ = ["tree_kind", "tree_work", "count_bits", "count_tree", "HookTable", "TreeTable"]

#: Trees up to this many items are counted with Python integers.
PYTHON_TREE = 40

#: Bits of each prime of the numpy recursion (:mod:`~analyser.orders._atkinson`); its cost model is here.
BITS = 26
#: Joins whose shorter side is at least this long use the FFT.
FFT_FROM = 40


def _connected(low: list[int], up: list[int], mask: int) -> bool:
    seen = frontier = 1 << lowest(mask)
    while frontier:
        nb = 0
        for v in bits(frontier):
            nb |= low[v] | up[v]
        frontier = nb & mask & ~seen
        seen |= frontier
    return seen == mask


def tree_kind(P: Poset, mask: int) -> str | None:
    """``"out"``, ``"in"`` or ``"tree"`` if the Hasse diagram on ``mask`` is a tree, else ``None``.

    ``mask`` must be convex (its covers are then covers of ``P``).

    Examples
    --------
    >>> fence = Poset.from_graph(nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")]))
    >>> tree_kind(fence, fence.full)
    'tree'
    >>> broom = Poset.from_graph(nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d"), ("a", "d")]))
    >>> tree_kind(broom, broom.full)  # a -> d runs past b: not a cover
    'out'
    >>> square = Poset.from_graph(nx.DiGraph([(0, 1), (0, 2), (1, 3), (2, 3)]))
    >>> tree_kind(square, square.full) is None
    True
    """
    if not mask:
        return None
    low, up = P.covers()
    edges = 0
    out = inn = True
    for v in bits(mask):
        below = (low[v] & mask).bit_count()
        edges += below
        out = out and below <= 1
        inn = inn and (up[v] & mask).bit_count() <= 1
    if edges != mask.bit_count() - 1 or not _connected(low, up, mask):
        return None
    return "out" if out else ("in" if inn else "tree")


def _hooks(P: Poset, mask: int, kind: str) -> dict[int, int]:
    rel = P.desc if kind == "out" else P.anc
    return {v: (rel[v] & mask).bit_count() + 1 for v in bits(mask)}


def count_bits(P: Poset, mask: int) -> int:
    """An upper bound on the bit length of the count of the tree part ``mask``.

    Dropping cover relations only adds orders. Keeping one lower cover per
    node leaves a forest counted by hook lengths (and so does keeping one
    upper cover); the smaller of the two counts bounds the tree's count, in
    practice within a few per cent.

    Examples
    --------
    >>> fence = Poset.from_graph(nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("e", "d")]))
    >>> count_tree(fence, fence.full).bit_length(), count_bits(fence, fence.full)
    (5, 7)
    """
    low, up = P.covers()
    order = [v for v in P.topo if (mask >> v) & 1]
    logs = []
    for keep, walk in ((low, order[::-1]), (up, order)):
        size = dict.fromkeys(order, 1)
        for v in walk:  # every node before the one it hangs from
            m = keep[v] & mask
            if m:
                size[lowest(m)] += size[v]
        logs.append(sum(math.log2(h) for h in size.values()))
    m = len(order)
    return int(math.lgamma(m + 1) / math.log(2) - max(logs)) + 3


# ---------------------------------------------------------------------------
# Atkinson's recursion
# ---------------------------------------------------------------------------
def _bfs(adj: list[list[tuple[int, bool]]], root: int) -> tuple[list[int], list[int], list[int]]:
    """Order from ``root``, parents (the root its own) and subtree sizes."""
    parent = [-1] * len(adj)
    parent[root] = root
    order = [root]
    for v in order:
        for u, _ in adj[v]:
            if parent[u] < 0:
                parent[u] = v
                order.append(u)
    size = [1] * len(adj)
    for v in reversed(order[1:]):
        size[parent[v]] += size[v]
    return order, parent, size


class _Rooted:
    """A tree part rooted at a centroid: post-order and children with edge directions."""

    def __init__(self, P: Poset, mask: int):
        up = P.covers()[1]
        self.nodes = list(bits(mask))
        local = {g: i for i, g in enumerate(self.nodes)}
        m = self.m = len(self.nodes)
        adj: list[list[tuple[int, bool]]] = [[] for _ in range(m)]
        for i, g in enumerate(self.nodes):
            for h in bits(up[g] & mask):
                adj[i].append((local[h], True))  # h is above g
                adj[local[h]].append((i, False))
        # a centroid: no subtree hanging from it holds more than half the nodes
        order, parent, size = _bfs(adj, 0)
        heaviest = [m - size[v] for v in range(m)]
        for v in order[1:]:
            heaviest[parent[v]] = max(heaviest[parent[v]], size[v])
        self.root = min(range(m), key=lambda v: (heaviest[v], v))
        order, parent, size = _bfs(adj, self.root)
        # children largest first: the first join of a node is then a mere prefix sum
        self.children = [
            sorted(((u, above) for u, above in adj[v] if parent[u] == v and u != self.root),
                   key=lambda ua: (-size[ua[0]], ua[0]))
            for v in range(m)
        ]
        self.post = order[::-1]
        self.size = size
        self.bits = count_bits(P, mask)


def tree_work(P: Poset, mask: int, R: _Rooted | None = None) -> int:
    """Budget units Atkinson's recursion spends on the tree part ``mask``, known beforehand.

    Each join writes a vector as long as the items joined so far and
    convolves two of them (directly when one is short, by FFT otherwise).
    With Python integers (up to :data:`PYTHON_TREE` items) every such step is
    a unit, like a downset of the DP; in numpy a unit is 256 operations on
    one word of every number, as many words as the count needs primes.
    A path of ``n`` items joins ``n**2 / 4`` entries in all (rooted at its
    middle), a bushy tree far fewer but with longer convolutions.

    Examples
    --------
    >>> fence = Poset.from_graph(nx.DiGraph([(i, i + 1) if i % 2 == 0 else (i + 1, i) for i in range(299)]))
    >>> tree_work(fence, fence.full)
    16432
    """
    R = R or _Rooted(P, mask)
    ops = 0
    for v in range(R.m):
        a = 1
        for u, _ in R.children[v]:
            b = R.size[u]
            if a > 1 and b > 1:
                short = min(a, b + 1)
                ops += short * (a + b) if short < FFT_FROM else 12 * (a + b) * (a + b).bit_length()
            a += b
            ops += a
    if R.m <= PYTHON_TREE:
        return ops
    return ops * -(-(R.bits + 1) // (BITS - 1)) // 256 + 1


def _binomials(m: int) -> list[list[int]]:
    rows = [[1]]
    for k in range(1, m + 1):
        prev = rows[-1]
        rows.append([1] + [prev[j - 1] + prev[j] for j in range(1, k)] + [1])
    return rows


def _atkinson_python(R: _Rooted) -> int:
    C = _binomials(R.m)
    vec: dict[int, list[int]] = {}
    for v in R.post:
        A = [1]
        for c, above in R.children[v]:
            B = vec.pop(c)
            b = len(B)
            S = [0] * (b + 1)
            if above:  # v < c: the child's root after the t child items placed before v
                for t in range(b - 1, -1, -1):
                    S[t] = S[t + 1] + B[t]
            else:
                for t in range(b):
                    S[t + 1] = S[t] + B[t]
            a = len(A)
            if a == 1:
                A = S
                continue
            new = [0] * (a + b)
            for i in range(1, a + 1):
                Ai = A[i - 1]
                for t in range(b + 1):
                    if S[t]:
                        new[i + t - 1] += Ai * S[t] * C[i + t - 1][i - 1] * C[a + b - i - t][a - i]
            A = new
        vec[v] = A
    return sum(vec[R.root])


def count_tree(P: Poset, mask: int, kind: str | None = None, R: _Rooted | None = None) -> int:
    """Linear extensions of the tree-shaped part ``mask`` of ``P``.

    ``kind`` is what :func:`tree_kind` says (computed when not given), ``R``
    the part rooted for Atkinson's recursion (made when not given).

    Examples
    --------
    A fence a < b > c < d > e has 16 orders, the Euler zigzag number
    ``E_5``; the broom a < b < {c, d} has 2.

    >>> fence = Poset.from_graph(nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("e", "d")]))
    >>> count_tree(fence, fence.full)
    16
    >>> broom = Poset.from_graph(nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d")]))
    >>> count_tree(broom, broom.full, "out")
    2
    """
    kind = kind or tree_kind(P, mask)
    if kind in ("out", "in"):
        return factorial(mask.bit_count()) // prod(_hooks(P, mask, kind).values())
    R = R or _Rooted(P, mask)
    if R.m <= PYTHON_TREE:
        return _atkinson_python(R)
    from analyser.orders._atkinson import atkinson_modular

    return atkinson_modular(R, R.bits)


# ---------------------------------------------------------------------------
# completions for rank, unrank and sampling
# ---------------------------------------------------------------------------
class HookTable:
    """Exact completions of an ``"out"`` or ``"in"`` part, kept by hook lengths.

    Same interface as the oracle's other tables: ``total``, ``value_if(x)``
    (completions after also placing ``x``, global index), ``advance(x)`` and
    ``reset()``.

    Examples
    --------
    >>> P = Poset.from_graph(nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d")]))
    >>> T = HookTable(P, P.full, "out")
    >>> T.total, T.value_if(0)
    (2, 2)
    """

    def __init__(self, P: Poset, mask: int, kind: str):
        self.P, self.mask, self.kind = P, mask, kind
        self.hooks0 = _hooks(P, mask, kind)
        self.total = count_tree(P, mask, kind)
        self.reset()

    def reset(self) -> None:
        self.hooks = dict(self.hooks0)
        self.left = self.mask
        self.value = self.total

    def _above(self, x: int) -> list[int]:
        # "in" parts: the nodes whose down-set loses x are those above it
        return list(bits(self.P.desc[x] & self.left)) if self.kind == "in" else []

    def value_if(self, x: int) -> int:
        r = self.left.bit_count()
        num, den = self.value * self.hooks[x], r
        for u in self._above(x):
            num *= self.hooks[u]
            den *= self.hooks[u] - 1
        return num // den

    def advance(self, x: int) -> None:
        self.value = self.value_if(x)
        for u in self._above(x):
            self.hooks[u] -= 1
        self.left &= ~(1 << x)


class TreeTable:
    """Exact completions of a ``"tree"`` part: the pieces left are recounted and remembered.

    Every recount is charged its :func:`tree_work`; past ``budget`` (less
    ``spent`` elsewhere) the table refuses with
    :class:`~analyser.findings.BudgetExceededError` rather than run for long.

    Examples
    --------
    >>> fence = Poset.from_graph(nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("e", "d")]))
    >>> T = TreeTable(fence, fence.full)
    >>> T.total, [T.value_if(x) for x in (0, 2, 4)]
    (16, [5, 6, 5])
    """

    def __init__(self, P: Poset, mask: int, budget: int | None = None, spent: int = 0):
        self.P, self.mask = P, mask
        self.low, self.up = P.covers()
        self.memo: dict[int, int] = {}
        self.budget, self.work = budget, spent
        self.total = self._count(mask)
        self.reset()

    def reset(self) -> None:
        self.piece_of = dict.fromkeys(bits(self.mask), self.mask)
        self.left = self.mask
        self.value = self.total

    def _count(self, piece: int) -> int:
        e = self.memo.get(piece)
        if e is None:
            if piece.bit_count() > 2 and self.budget is not None:
                self.work += tree_work(self.P, piece)
                if self.work > self.budget:
                    from analyser.orders._refuse import refusal
                    from analyser.orders._struct import chain_cover

                    raise refusal("budget_tree", len(chain_cover(self.P, self.mask)), self.work, self.budget,
                                  size=self.mask.bit_count())
            e = 1 if piece.bit_count() <= 1 else count_tree(self.P, piece)
            self.memo[piece] = e
        return e

    def _split(self, x: int) -> tuple[int, list[int]]:
        piece = self.piece_of[x]
        rest = piece & ~(1 << x)
        out = []
        for y in bits(self.up[x] & rest):
            comp = frontier = 1 << y
            while frontier:
                nb = 0
                for v in bits(frontier):
                    nb |= self.low[v] | self.up[v]
                frontier = nb & rest & ~comp
                comp |= frontier
            out.append(comp)
        return piece, out

    def _after(self, x: int) -> tuple[int, int, list[int]]:
        piece, parts = self._split(x)
        size = piece.bit_count()
        num = self.value * size
        seen = 0
        for c in parts:
            seen += c.bit_count()
            num *= comb(seen, c.bit_count()) * self._count(c)
        return num // (self.left.bit_count() * self._count(piece)), piece, parts

    def value_if(self, x: int) -> int:
        return self._after(x)[0]

    def advance(self, x: int) -> None:
        self.value, piece, parts = self._after(x)
        for c in parts:
            for v in bits(c):
                self.piece_of[v] = c
        del self.piece_of[x]
        self.left &= ~(1 << x)
