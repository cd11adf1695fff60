"""Crossing reduction: the order of the items inside each column.

Items start in lane, group and id order. One downward barycentre sweep is
followed by alternating upward and downward sweeps, each followed by swaps of
neighbours in the same lane while a swap removes crossings; the best order
seen is kept. Last, the two ends of a soft edge inside a column are put next
to each other when that costs no crossing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analyser.plot.layout._layers import Layered, base_key


@dataclass
class _Sweep:
    """What the sweeps share: the graph, the current order per column, and positions for the swaps."""

    g: Layered
    order: list[list]
    pos: list[dict] = field(default_factory=list)


def _pair_crossings(s: _Sweep, i: int) -> int:
    if i < 0 or i >= s.g.ncols - 1:
        return 0
    pa = {n: k for k, n in enumerate(s.order[i])}
    pb = {n: k for k, n in enumerate(s.order[i + 1])}
    segs = sorted((pa[a], pb[b]) for a, b in s.g.segments[i])
    # inversions of the lower ends (a Fenwick tree): pairs that cross strictly
    size = len(s.order[i + 1])
    tree = [0] * (size + 1)
    count = 0
    for seen, (_, b) in enumerate(segs):
        k, not_above = b + 1, 0
        while k > 0:
            not_above += tree[k]
            k -= k & -k
        count += seen - not_above
        k = b + 1
        while k <= size:
            tree[k] += 1
            k += k & -k
    return count


def _total_crossings(s: _Sweep) -> int:
    return sum(_pair_crossings(s, i) for i in range(s.g.ncols - 1))


def _sort_layer(s: _Sweep, i: int, ref: int, nbrs: dict) -> None:
    g = s.g
    pos_ref = {n: k for k, n in enumerate(s.order[ref])}
    new: list = []
    for lane in g.lane_order:
        block = [n for n in s.order[i] if g.lane_of[n] == lane]
        movable, fixed = [], {}
        for k, n in enumerate(block):
            near = [pos_ref[m] for m in nbrs[n] if m in pos_ref]
            if near:
                movable.append((sum(near) / len(near), g.group_rank[n], k, n))
            else:
                fixed[k] = n
        movable.sort(key=lambda t: t[:3])
        rest = iter(movable)
        new.extend(fixed[k] if k in fixed else next(rest)[3] for k in range(len(block)))
    s.order[i] = new


def _between(s: _Sweep, a, b, i: int) -> int:
    """Crossings among the edges of ``a`` and ``b`` (``a`` above ``b`` in column ``i``)."""
    count = 0
    for nbrs, ref in ((s.g.preds, i - 1), (s.g.succs, i + 1)):
        if 0 <= ref < s.g.ncols:
            here = s.pos[ref]
            upper = [here[m] for m in nbrs[a]]
            for m in nbrs[b]:
                y = here[m]
                count += sum(1 for x in upper if x > y)
    return count


def _transpose(s: _Sweep) -> None:
    """Swap neighbours (same lane) while a swap removes crossings."""
    s.pos[:] = [{n: k for k, n in enumerate(col)} for col in s.order]
    improved, rounds = True, 0
    while improved and rounds < 50:
        improved = False
        rounds += 1
        for i in range(s.g.ncols):
            col = s.order[i]
            for k in range(len(col) - 1):
                a, b = col[k], col[k + 1]
                if s.g.lane_of[a] == s.g.lane_of[b] and _between(s, b, a, i) < _between(s, a, b, i):
                    col[k], col[k + 1] = b, a
                    s.pos[i][a], s.pos[i][b] = k + 1, k
                    improved = True


def _join_soft_edges(s: _Sweep) -> None:
    """A soft edge inside a column: put its ends next to each other when that costs no crossing."""
    g, order = s.g, s.order
    for u, v, kind in g.edges:
        if g.layer[u] != g.layer[v] or g.lane_of[u] != g.lane_of[v]:
            continue
        i = g.layer[u]
        before, current = _total_crossings(s), list(order[i])
        rest = [n for n in current if n != v]
        at = rest.index(u)
        for slot in (at + 1, at):
            order[i] = rest[:slot] + [v] + rest[slot:]
            if _total_crossings(s) <= before:
                break
        else:
            order[i] = current


def reduce_crossings(g: Layered, sweeps: int) -> tuple[list[list], int]:
    """The order of the items (and dummies) in each column, and the crossings left."""
    order: list[list] = [[] for _ in range(g.ncols)]
    for n in sorted(g.layer, key=lambda n: base_key(g, n)):
        order[g.layer[n]].append(n)
    s = _Sweep(g, order)
    # one downward barycentre sweep from the id order, then alternate sweeps, each followed by
    # adjacent swaps; keep the best order seen
    for i in range(1, g.ncols):
        _sort_layer(s, i, i - 1, g.preds)
    _transpose(s)
    best = [list(o) for o in order]
    best_count = _total_crossings(s)
    for sweep in range(sweeps):
        if best_count == 0:
            break
        if sweep % 2 == 0:
            for i in range(g.ncols - 2, -1, -1):
                _sort_layer(s, i, i + 1, g.succs)
        else:
            for i in range(1, g.ncols):
                _sort_layer(s, i, i - 1, g.preds)
        _transpose(s)
        count = _total_crossings(s)
        if count < best_count:
            best, best_count = [list(o) for o in order], count
    order[:] = best
    _join_soft_edges(s)
    return order, _total_crossings(s)
