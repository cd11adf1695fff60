"""Internal: structure of a poset — chains, width, bounds on downsets.

Minimum chain decomposition (Dilworth/Fulkerson): a maximum matching in the
bipartite graph ``u -> v`` for ``u < v`` in the transitive closure; the
matched pairs link nodes into chains and ``width = n - |matching|``.
"""

from __future__ import annotations

from analyser.orders._poset import Poset, bits, lowest
from analyser.orders._tree import tree_kind

__all__ = ["chain_cover", "product_bound"]


def chain_cover(P: Poset, mask: int | None = None) -> list[list[int]]:
    """A minimum chain decomposition of the nodes of ``mask`` (all by default).

    Chains are lists of node indices from bottom to top, ordered by their
    bottom node's position in ``P.topo``.

    Examples
    --------
    >>> P = Poset.from_graph(nx.DiGraph([(0, 1), (0, 2), (1, 3), (2, 3)]))
    >>> len(chain_cover(P))
    2
    """
    if mask is None:
        mask = P.full
    order = [v for v in P.topo if (mask >> v) & 1]
    desc = P.desc
    nxt: dict[int, int] = {}
    prv: dict[int, int] = {}
    matched_right = 0
    # Greedy start: link each node to an unmatched immediate successor if
    # possible (the one with the fewest other unprocessed immediate
    # predecessors competing for it), else to any unmatched later node.
    waiting = [0] * P.n
    for u in order:
        waiting[u] = (P.pred[u] & mask).bit_count()
    for u in order:
        free = desc[u] & mask & ~matched_right
        if free:
            imm = free & P.succ[u]
            if imm:
                v = min(bits(imm), key=lambda x: (waiting[x], x))
            else:
                v = lowest(free)
            nxt[u] = v
            prv[v] = u
            matched_right |= 1 << v
        for s in bits(P.succ[u] & mask):
            waiting[s] -= 1

    def augment(u0: int) -> bool:
        visited = 0
        parent: dict[int, int] = {}
        queue = [u0]
        for u in queue:
            cand = desc[u] & mask & ~visited
            visited |= cand
            for v in bits(cand):
                parent[v] = u
                if v not in prv:
                    while True:
                        pu = parent[v]
                        prev_v = nxt.get(pu)
                        nxt[pu] = v
                        prv[v] = pu
                        if pu == u0:
                            return True
                        v = prev_v  # type: ignore[assignment]
                queue.append(prv[v])
        return False

    for u in order:
        if u not in nxt:
            augment(u)

    chains = []
    for u in order:
        if u in prv:
            continue
        chain = [u]
        while chain[-1] in nxt:
            chain.append(nxt[chain[-1]])
        chains.append(chain)
    return chains


def product_bound(chains: list[list[int]]) -> int:
    """Product of ``len(chain) + 1``: a bound on the downsets (height vectors).

    Examples
    --------
    >>> product_bound([[0, 1], [2]])
    6
    """
    out = 1
    for c in chains:
        out *= len(c) + 1
    return out


class Part:
    """A node of the series-parallel decomposition tree of a poset.

    ``kind`` is ``"single"`` (one node), ``"parallel"`` (children pairwise
    incomparable: disjoint union), ``"series"`` (children ordered, each
    entirely below the next), ``"tree"`` (its Hasse diagram is a tree;
    ``tree`` says which kind, see :func:`~analyser.orders._tree.tree_kind`)
    or ``"prime"`` (none of these; counted by a DP).
    """

    __slots__ = ("kind", "mask", "size", "children", "tree")

    def __init__(self, mask: int):
        self.mask = mask
        self.size = mask.bit_count()
        self.kind = "single"
        self.children: list[Part] = []
        self.tree: str | None = None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Part({self.kind}, size={self.size}, children={len(self.children)})"

    def postorder(self) -> list["Part"]:
        """All parts below and including this one, children before parents."""
        out: list[Part] = []
        stack: list[tuple[Part, bool]] = [(self, False)]
        while stack:
            part, done = stack.pop()
            if done:
                out.append(part)
                continue
            stack.append((part, True))
            for child in reversed(part.children):
                stack.append((child, False))
        return out


def _components(P: Poset, m: int, complement: bool) -> list[int]:
    """Connected components of the (in)comparability graph restricted to ``m``."""
    anc, desc = P.anc, P.desc
    comps = []
    rest = m
    while rest:
        v = lowest(rest)
        comp = 1 << v
        frontier = comp
        rest ^= comp
        while frontier and rest:
            nb = 0
            if complement:
                for u in bits(frontier):
                    nb |= rest & ~(anc[u] | desc[u])
            else:
                for u in bits(frontier):
                    nb |= anc[u] | desc[u]
            nb &= rest
            comp |= nb
            rest &= ~nb
            frontier = nb
        comps.append(comp)
    return comps


#: Connected parts from this size on are checked for a tree-shaped Hasse diagram.
TREE_FROM = 3


def decompose(P: Poset, mask: int | None = None, *, trees: bool = False) -> Part:
    """Split ``P`` into disjoint unions and ordinal sums, down to prime parts.

    The number of linear extensions multiplies over series parts and over
    parallel parts times the multinomial coefficient of their sizes. With
    ``trees``, a connected part whose Hasse diagram is a tree is not split
    further: it becomes a ``"tree"`` part (hook lengths or Atkinson's
    recursion count it in polynomial time, where splitting a long one could
    take cubic time).

    Examples
    --------
    >>> G = nx.DiGraph([(0, 1), (0, 2), (3, 4)])
    >>> root = decompose(Poset.from_graph(G))
    >>> root.kind, [c.kind for c in root.children]
    ('parallel', ['series', 'series'])
    >>> root = decompose(Poset.from_graph(G), trees=True)
    >>> [(c.kind, c.tree) for c in root.children]
    [('tree', 'out'), ('series', None)]
    """
    if mask is None:
        mask = P.full
    root = Part(mask)
    stack = [root] if mask else []
    if not mask:
        root.kind = "parallel"
    while stack:
        part = stack.pop()
        m = part.mask
        if part.size == 1:
            continue
        comps = _components(P, m, complement=False)
        if len(comps) > 1:
            part.kind = "parallel"
        elif trees and part.size >= TREE_FROM and (kind := tree_kind(P, m)):
            part.kind, part.tree = "tree", kind
            continue
        else:
            comps = _components(P, m, complement=True)
            if len(comps) > 1:
                part.kind = "series"
                comps.sort(key=lambda c: (P.anc[lowest(c)] & m).bit_count())
            else:
                part.kind = "prime"
                continue
        part.children = [Part(c) for c in comps]
        stack.extend(part.children)
    return root
