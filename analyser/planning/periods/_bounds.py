"""Internal: the lower bound a plan is measured against, and the deadlines.

:func:`_bounds` combines the parts named by :data:`BOUND_REASONS`;
:func:`_deadlines` gives the Garey--Johnson style latest periods that the
deadline bound, the earliest-deadline-first heuristics and the pruning of
the exact search all use.
"""

from __future__ import annotations

from analyser.planning.periods._instance import _bits, _Instance

__all__ = ["BOUND_REASONS"]

#: Keys of :attr:`PeriodPlan.bound_reasons`, in order.
BOUND_REASONS = ("chain", "capacity", "registration", "window", "deadlines")


def _bounds(inst: _Instance, e: list[int | None]) -> tuple[int, dict[str, int]]:
    items = [v for v in range(inst.n) if e[v] is not None]
    reasons = dict.fromkeys(BOUND_REASONS, 0)
    if not items:
        return 0, reasons
    R = sum(1 << v for v in items)
    ht = inst.heights(R)
    K = inst.K
    reasons["chain"] = max(ht[v] for v in items)
    reasons["capacity"] = 1 if K is None else -(-len(items) // K)
    reasons["registration"] = max(e[v] for v in items) + 1

    # window: items with earliest >= t and tail >= s fit into t .. T-1-s
    tails = [ht[v] - 1 for v in range(inst.n)]
    t_values = sorted({e[v] for v in items})
    s_values = sorted({tails[v] for v in items})
    ta = {t: a for a, t in enumerate(t_values)}
    sb = {s: b for b, s in enumerate(s_values)}
    A, B = len(t_values), len(s_values)
    cnt = [[0] * (B + 1) for _ in range(A + 1)]
    reg = [[0] * (B + 1) for _ in range(A + 1)]
    for v in items:
        a, b = ta[e[v]], sb[tails[v]]
        cnt[a][b] += 1
        if inst.need[v]:
            reg[a][b] += 1
    for a in range(A - 1, -1, -1):
        for b in range(B - 1, -1, -1):
            cnt[a][b] += cnt[a + 1][b] + cnt[a][b + 1] - cnt[a + 1][b + 1]
            reg[a][b] += reg[a + 1][b] + reg[a][b + 1] - reg[a + 1][b + 1]
    window = 0
    for a, t in enumerate(t_values):
        for b, s in enumerate(s_values):
            c, r = cnt[a][b], reg[a][b]
            if c:
                window = max(window, t + s + (1 if K is None else -(-c // K)))
            if r:
                m = 1 if K is None else -(-r // K)
                window = max(window, inst.mth_accepting(t, m) + s + 1)
    reasons["window"] = window

    # deadlines: the first T for which no item's deadline falls before its
    # earliest period. Deadlines only rise with T, so the test is monotone;
    # every feasible T passes, and one is at most P + items periods past the
    # start (from period P on, every period can take a ready item).
    below = inst.descendants(R)

    def passes(T: int) -> bool:
        d = _deadlines(inst, R, T, below)
        return all(d[v] >= e[v] for v in items)

    lo = max(reasons.values())
    if not passes(lo):
        hi, step = lo + 1, 1
        cap = inst.P + len(items)
        while hi < cap and not passes(hi):  # gallop: lo fails, hi unknown
            lo, step = hi, step * 2
            hi = min(lo + step, cap)
        while hi - lo > 1:  # lo fails, hi passes
            mid = (lo + hi) // 2
            if passes(mid):
                hi = mid
            else:
                lo = mid
        lo = hi
    reasons["deadlines"] = lo
    return max(reasons.values()), reasons


def _periods_for(count: int, K: int | None) -> int:
    """Periods needed for ``count`` items at ``K`` a period."""
    if count <= 0:
        return 0
    return 1 if K is None else -(-count // K)


def _deadlines(inst: _Instance, R: int, T: int, below: list[int]) -> list[int]:
    """Latest period of each item of ``R`` in any plan finishing within ``T``.

    Garey--Johnson style, extended to registration windows: in reverse
    topological order, for each deadline ``d`` among the descendants of
    ``v``, the descendants due by ``d`` must fit after ``v`` (with
    ``same_period``: from ``v``'s period on) into periods ending at ``d``,
    at ``capacity`` a period, and those needing registration into accepting
    ones; an item's own deadline is a period it may use. Every valid plan within ``T`` periods keeps every item at or
    before its deadline (induction over the same order), so a deadline
    below the item's earliest period proves that ``T`` periods are too few;
    such deadlines are reported as -1.
    """
    K = inst.K
    d = [0] * inst.n
    for v in reversed(inst.topo):
        if not R >> v & 1:
            continue
        x = T - 1
        due = sorted((d[w], inst.need[w]) for w in _bits(below[v]))
        count = reg = 0
        for k, (dw, nw) in enumerate(due):
            count += 1
            reg += nw
            if k + 1 < len(due) and due[k + 1][0] == dw:
                continue
            if inst.same:
                x = min(x, dw + 1 - _periods_for(count + 1, K))
                both = reg + inst.need[v]
                if both:
                    acc = inst.mth_accepting_back(dw, _periods_for(both, K))
                    x = min(x, -1 if acc is None else acc)
            else:
                x = min(x, dw - _periods_for(count, K))
                if reg:
                    acc = inst.mth_accepting_back(dw, _periods_for(reg, K))
                    x = min(x, -1 if acc is None else acc - 1)
        if x >= 0:
            acc = inst.last_usable(v, x)
            x = -1 if acc is None else acc
        d[v] = max(x, -1)
    return d


