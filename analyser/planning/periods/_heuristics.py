"""Internal: list scheduling, compaction and the heuristic plan.

List schedules under several priority rules (earliest deadline first, the
same with registration-needing items first, longest chain, most
descendants), each compacted; the best is kept as the incumbent.
"""

from __future__ import annotations

import heapq

from analyser.planning.periods._bounds import _deadlines
from analyser.planning.periods._instance import _bits, _Instance


def _list_schedule(inst: _Instance, rank: list) -> list[int | None]:
    """Fill periods in order, taking the ready items of smallest ``rank``."""
    n, K = inst.n, inst.K
    where: list[int | None] = [None] * n
    missing = [p.bit_count() for p in inst.pred]
    ready = [v for v in range(n) if missing[v] == 0]
    placed = 0
    j = 0
    while placed < n and ready and (inst.horizon is None or j < inst.horizon):
        heap = [(rank[v], v) for v in ready if inst.may_use(v, j)]
        rest = [v for v in ready if not inst.may_use(v, j)]
        heapq.heapify(heap)
        later = []
        taken = 0
        while heap and (K is None or taken < K):
            _, v = heapq.heappop(heap)
            where[v] = j
            taken += 1
            placed += 1
            for s in _bits(inst.succ[v]):
                missing[s] -= 1
                if missing[s] == 0:
                    if inst.same and inst.may_use(s, j):
                        heapq.heappush(heap, (rank[s], s))
                    else:
                        later.append(s)
        ready = rest + [v for _, v in heap] + later
        j += 1
    return where


def _compact(inst: _Instance, where: list[int | None]) -> list[int | None]:
    """Move items (in topological order) to the earliest period with room.

    Never increases any item's period and never removes an item, so the
    plan stays valid and no worse. Unplaced items are placed when a period
    within the horizon has room for them.
    """
    where = list(where)
    K = inst.K
    load: dict[int, int] = {}
    for j in where:
        if j is not None:
            load[j] = load.get(j, 0) + 1
    changed = True
    while changed:
        changed = False
        for v in inst.topo:
            lo = 0
            blocked = False
            for u in _bits(inst.pred[v]):
                if where[u] is None:
                    blocked = True
                    break
                lo = max(lo, where[u] + inst.delta)
            if blocked:
                continue
            cur = where[v]
            if cur is None:
                if inst.horizon is None:  # pragma: no cover - never unplaced then
                    continue
                cur = inst.horizon
            for j in range(lo, cur):
                if (K is None or load.get(j, 0) < K) and inst.may_use(v, j):
                    if where[v] is not None:
                        load[where[v]] -= 1
                    where[v] = j
                    load[j] = load.get(j, 0) + 1
                    changed = True
                    break
    return where


def _score(where: list[int | None]) -> tuple[int, int]:
    """(items placed, periods used) of a plan."""
    placed = [j for j in where if j is not None]
    return len(placed), (max(placed) + 1 if placed else 0)


def _better(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Plan score ``a`` strictly better than ``b``: more placed, then fewer periods."""
    return (-a[0], a[1]) < (-b[0], b[1])


def _heuristic(inst: _Instance, R: int, lb: int) -> list[int | None]:
    """Best of a few list schedules (earliest deadline first and others)."""
    ht = inst.heights(R)
    below = inst.descendants(R)
    desc = [b.bit_count() for b in below]
    rules = []
    for T in (lb, lb + 1, lb + 2):
        d = _deadlines(inst, R, max(T, 1), below)
        rules.append([(d[v], -desc[v], v) for v in range(inst.n)])
        if R & inst.need_mask:
            # registration first: an accepting period is not wasted on free items
            rules.append([(not inst.need[v], d[v], -desc[v], v) for v in range(inst.n)])
    rules.append([(-ht[v], -desc[v], v) for v in range(inst.n)])
    rules.append([(-desc[v], -ht[v], v) for v in range(inst.n)])
    best = None
    best_score = None
    for rank in rules:
        where = _compact(inst, _list_schedule(inst, rank))
        score = _score(where)
        if best is None or _better(score, best_score):
            best, best_score = where, score
    return best


