"""A staged plan over Kela's deployment periods (käyttöönottojaksot).

A care provider takes Kanta functionalities ("items") into use in Kela's
deployment periods, three a year. :func:`schedule` puts the items of a
prerequisite DAG into a given, time-ordered list of periods so that

* an item goes live in a period strictly after the periods of all its
  prerequisites (edge ``u -> v``: ``u`` before ``v``); with
  ``same_period=True`` the same period is allowed too ("not earlier than");
* a period holds at most ``capacity`` items (``None``: unlimited);
* an item that needs period registration (``needs_registration[item]``) is
  placed only in a period that accepts registrations
  (``accepts_registration[label]``, computed by the caller from the
  registration deadline);
* the plan finishes as early as possible: it minimises ``periods_used``, the
  index of the last non-empty period plus one. Periods may stay empty.

When the given periods are not enough, ``extra_rounds=True`` (the default)
appends generic future periods labelled ``("extra", 1)``, ``("extra", 2)``,
... (or by ``extra_label(n)``); these accept registrations. With
``extra_rounds=False`` the items that do not fit are reported in
``PeriodPlan.unplaced`` and the plan places as many items as possible, then
finishes as early as possible.

:func:`validate_plan` is an independent checker returning every violated
rule, and :func:`lower_bound` gives the bound a plan is measured against.

Algorithms
----------
*Unlimited capacity.* Let ``e(v)`` be the earliest period ``v`` could take
when every prerequisite takes its own earliest one: the first period at or
after ``max(e(u) + 1)`` over the prerequisites ``u`` (``max(e(u))`` with
``same_period``) that ``v`` may use (any period, or an accepting one when
``v`` needs registration). Placing every item at ``e(v)`` is optimal: for
any valid plan ``q`` we have ``e(v) <= q(v)`` for every item, by induction
in topological order -- ``q(v)`` is a period ``v`` may use, at or after
``max(q(u) + 1) >= max(e(u) + 1)``, and ``e(v)`` is the *first* such period.
Registration windows do not break this, because "a period this item may
use, at or after a threshold" only gets later as the threshold rises. The
same induction shows that the items placed by this plan, when the periods
are limited, are a superset of those placed by any other plan. So the plan
is exact for both objectives; the same holds with a finite capacity whenever
this plan happens to respect it.

*Finite capacity.* This is ``P|prec,p_j=1|Cmax`` (unit-time jobs on
``capacity`` machines) with registration windows on top: strongly NP-hard
when the capacity is part of the input (Ullman 1975), polynomial for
capacity 2 without windows (Coffman--Graham), open for a fixed capacity of
3 or more. The plan is found in three steps.

1. Lower bound (:func:`lower_bound`): longest chain, ``ceil(items /
   capacity)``, the earliest periods ``e(v)`` above, a window bound (the
   items whose earliest period is at least ``t`` and that have ``s``
   periods of chain after them must fit, their registration needs
   included, between ``t`` and ``end - 1 - s``), and a deadline bound: the
   first ``T`` for which Garey--Johnson style deadlines (capacity- and
   registration-aware, see ``_deadlines``) leave every item a period at or
   after ``e(v)``.
2. List scheduling fills the periods in order with the ready items of best
   priority. Priorities tried: earliest deadline first for targets ``T``
   of the bound and the next two (the Garey--Johnson rule, optimal for
   capacity 2 without windows), the same with registration-needing items
   first, longest remaining chain first (Hu), most descendants first. The
   best plan is kept; if it meets the bound it is optimal.
3. Otherwise a breadth-first search over downsets, layered by period,
   finds a better plan or proves the incumbent optimal:

   * a state is the set ``D`` of items placed in periods ``0..i``; it is
     closed under prerequisites (a downset);
   * from ``D``, period ``i + 1`` takes only inclusion-maximal batches: all
     the items it can take if they number at most ``capacity``, otherwise
     every ``capacity``-sized set of them closed under prerequisites (a
     smaller batch ``S`` inside a feasible ``S'`` leads to ``D | S`` inside
     ``D | S'``);
   * symmetry: ready items with the same successors and the same
     registration need are interchangeable (swap their periods in any
     plan), so only one choice per such multiset is generated;
   * dominance: a state inside another state of the same layer is
     dropped; whatever the smaller one can still do, the larger one can
     (the same batches minus what it already holds);
   * bounds: a state is dropped when the items still ahead of it cannot
     finish before the incumbent (chain tails against capacity and
     accepting periods) or cannot meet the deadlines of step 1 for a plan
     one period shorter than the incumbent.

   Layers are explored in order, so the first state holding every item is
   an optimal finish. Without extra rounds, when not every item fits, the
   search maximises the number of items placed, then finishes earliest.

The search is charged one unit per state or partial batch it generates;
past ``budget`` it stops and the incumbent is returned with
``method="heuristic"``, ``optimal`` true only if it meets the bound.

Determinism
-----------
Items are numbered in ``key`` order (the node itself by default; equal keys
keep the order of ``G.nodes``) and every choice is made over those numbers,
so the same input gives the same plan under any ``PYTHONHASHSEED``. The
final plan is compacted: items are moved, in topological order, to the
earliest period with room that the rules allow, so every item goes as early
as it can given the others. Batches and ``unplaced`` are sorted by key.
"""

from __future__ import annotations

import heapq
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from analyser.findings import BudgetExceededError, CycleError

__all__ = [
    "DEFAULT_BUDGET",
    "METHODS",
    "BOUND_REASONS",
    "PeriodPlan",
    "schedule",
    "lower_bound",
    "validate_plan",
]

#: Work units (states and partial batches generated, bound and dominance
#: steps) the exact search may spend before giving up: about a second.
DEFAULT_BUDGET = 2_000_000

#: Values of :attr:`PeriodPlan.method`.
METHODS = ("exact", "heuristic")

#: Keys of :attr:`PeriodPlan.bound_reasons`, in order.
BOUND_REASONS = ("chain", "capacity", "registration", "window", "deadlines")


@dataclass(frozen=True)
class PeriodPlan:
    """Items placed into deployment periods.

    Attributes
    ----------
    assignment : dict
        Placed item -> period label, in period order, then key order.
    index : dict
        Placed item -> period index (position in ``labels``).
    batches : list of list
        The items of each period, one list per entry of ``labels``, each
        sorted by key. Periods may be empty.
    labels : list
        The given period labels followed by the extra ones the plan uses;
        its length is ``max(len(periods), periods_used)``.
    periods_used : int
        Index of the last non-empty period plus one (0 if nothing placed):
        how many periods the plan takes to finish.
    lower_bound : int
        A lower bound on ``periods_used`` of every plan that places all the
        items that can be placed at all (capacity aside) -- every item when
        ``extra_rounds`` is true. ``max(bound_reasons.values())``.
    bound_reasons : dict
        The parts of the bound, keyed by :data:`BOUND_REASONS`:
        ``"chain"`` the longest prerequisite chain in periods (1 with
        ``same_period``), ``"capacity"`` ``ceil(items / capacity)``,
        ``"registration"`` the last of the earliest possible periods of the
        items given chains and registration windows, ``"window"`` the
        combined bound: the items whose earliest period is at least ``t``
        and that have ``s`` periods of chain after them must fit, with
        their registration needs, into periods ``t .. end - 1 - s``;
        ``"deadlines"`` the first number of periods for which the latest
        periods the items could take (capacity- and registration-aware
        deadlines) are not before their earliest ones.
    optimal : bool
        True when the plan is proven optimal: it places as many items as
        possible and, among such plans, finishes earliest.
    method : str
        ``"exact"`` when the algorithm that decided the plan is exact for
        this input (the earliest-period plan, or a completed search);
        ``"heuristic"`` otherwise (the plan may still be optimal because it
        meets the lower bound).
    unplaced : list
        Items left out because the periods ran out (only with
        ``extra_rounds=False``), sorted by key.
    """

    assignment: dict
    index: dict
    batches: list
    labels: list
    periods_used: int
    lower_bound: int
    bound_reasons: dict
    optimal: bool
    method: str
    unplaced: list

    @property
    def complete(self) -> bool:
        """True when every item is placed."""
        return not self.unplaced


class _OutOfBudget(Exception):
    pass


def _bits(mask: int) -> Iterator[int]:
    """Set bit positions of ``mask``, ascending."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _default_extra_label(n: int) -> tuple:
    return ("extra", n)


class _Instance:
    """The input in numbered form: item ``i`` is ``nodes[i]`` in key order."""

    def __init__(
        self,
        G,
        periods,
        capacity,
        needs_registration,
        accepts_registration,
        same_period: bool,
        key,
        extra_rounds: bool,
    ) -> None:
        if not G.is_directed():
            raise TypeError("G must be a directed graph (edge u -> v: u before v)")
        raw = list(G.nodes)
        if key is None:
            def sort_key(i):
                return raw[i]
        else:
            def sort_key(i):
                return key(raw[i])
        try:
            order = sorted(range(len(raw)), key=sort_key)
        except TypeError as exc:
            raise TypeError(
                "the items (or their keys) cannot be compared with each other; "
                "pass key= returning mutually comparable values"
            ) from exc
        self.nodes = [raw[i] for i in order]
        self.n = n = len(self.nodes)
        position = {v: i for i, v in enumerate(self.nodes)}
        self.position = position
        pred = [0] * n
        succ = [0] * n
        for u, v in G.edges():
            i, j = position[u], position[v]
            pred[j] |= 1 << i
            succ[i] |= 1 << j
        self.pred, self.succ = pred, succ
        self.topo = self._topological_order(G)

        self.periods = list(periods)
        if len(set(self.periods)) != len(self.periods):
            raise ValueError("period labels must be unique")
        self.P = len(self.periods)
        if capacity is not None:
            capacity = operator.index(capacity)
            if capacity < 1:
                raise ValueError("capacity must be a positive integer or None")
        self.K = capacity
        self.same = bool(same_period)
        self.delta = 0 if self.same else 1
        self.extra_rounds = bool(extra_rounds)

        self.need = [_needs(needs_registration, v) for v in self.nodes]
        self.need_mask = sum(1 << i for i in range(n) if self.need[i])
        self.acc = [_accepts(accepts_registration, p) for p in self.periods]
        self.acc_idx = [j for j, a in enumerate(self.acc) if a]
        nxt = [self.P] * (self.P + 1)
        for j in range(self.P - 1, -1, -1):
            nxt[j] = j if self.acc[j] else nxt[j + 1]
        self._next_acc = nxt

    # -- structure -------------------------------------------------------
    def _topological_order(self, G) -> list[int]:
        """Kahn's algorithm, smallest number first; CycleError on a cycle."""
        indeg = [p.bit_count() for p in self.pred]
        heap = [i for i in range(self.n) if indeg[i] == 0]
        heapq.heapify(heap)
        order = []
        while heap:
            v = heapq.heappop(heap)
            order.append(v)
            for s in _bits(self.succ[v]):
                indeg[s] -= 1
                if indeg[s] == 0:
                    heapq.heappush(heap, s)
        if len(order) < self.n:
            cycle = nx.find_cycle(G)
            raise CycleError([edge[0] for edge in cycle])
        return order

    # -- periods ---------------------------------------------------------
    def accepts(self, j: int) -> bool:
        """Period ``j`` accepts registrations (extra periods always do)."""
        return self.acc[j] if j < self.P else True

    def may_use(self, v: int, j: int) -> bool:
        return not self.need[v] or self.accepts(j)

    def next_accepting(self, j: int) -> int:
        """First accepting period at or after ``j``, extra periods included."""
        return self._next_acc[j] if j < self.P else j

    def last_accepting(self, j: int) -> int | None:
        """Last accepting period at or before ``j`` (None if there is none)."""
        if j >= self.P:
            return j
        k = bisect_right(self.acc_idx, j)
        return self.acc_idx[k - 1] if k else None

    def mth_accepting(self, t: int, m: int) -> int:
        """The ``m``-th (1-based) accepting period at or after ``t``."""
        k = bisect_left(self.acc_idx, t)
        avail = len(self.acc_idx) - k
        if m <= avail:
            return self.acc_idx[k + m - 1]
        return max(self.P, t) + (m - avail) - 1

    def mth_accepting_back(self, d: int, m: int) -> int | None:
        """The ``m``-th (1-based) accepting period at or before ``d``, going back."""
        if d >= self.P:
            extra = d - self.P + 1
            if m <= extra:
                return d - m + 1
            m -= extra
            d = self.P - 1
        k = bisect_right(self.acc_idx, d)
        return self.acc_idx[k - m] if m <= k else None

    @property
    def horizon(self) -> int | None:
        """Number of usable periods (None: unlimited)."""
        return None if self.extra_rounds else self.P

    # -- relaxation ------------------------------------------------------
    def earliest(self) -> list[int | None]:
        """Earliest possible period of each item, capacity aside (None: never)."""
        e: list[int | None] = [None] * self.n
        for v in self.topo:
            lo = 0
            ok = True
            for u in _bits(self.pred[v]):
                if e[u] is None:
                    ok = False
                    break
                lo = max(lo, e[u] + self.delta)
            if not ok:
                continue
            j = self.next_accepting(lo) if self.need[v] else lo
            if self.horizon is not None and j >= self.horizon:
                continue
            e[v] = j
        return e

    def heights(self, R: int) -> list[int]:
        """Periods of prerequisite chain starting at each item of ``R``."""
        ht = [0] * self.n
        for v in reversed(self.topo):
            if not R >> v & 1:
                continue
            if self.same:
                ht[v] = 1
            else:
                ht[v] = 1 + max((ht[s] for s in _bits(self.succ[v] & R)), default=0)
        return ht

    def descendants(self, R: int) -> list[int]:
        """Bitmask of the descendants of each item within ``R``."""
        below = [0] * self.n
        for v in reversed(self.topo):
            m = 0
            for s in _bits(self.succ[v] & R):
                m |= (1 << s) | below[s]
            below[v] = m
        return below


def _needs(needs_registration, node) -> bool:
    if needs_registration is None:
        return False
    if isinstance(needs_registration, Mapping):
        return bool(needs_registration.get(node, False))
    return node in needs_registration


def _accepts(accepts_registration, label) -> bool:
    if accepts_registration is None:
        return True
    return bool(accepts_registration.get(label, True))


# ---------------------------------------------------------------------------
# lower bound
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# heuristics
# ---------------------------------------------------------------------------
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
    ones. Every valid plan within ``T`` periods keeps every item at or
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
        if inst.need[v] and x >= 0:
            acc = inst.last_accepting(x)
            x = -1 if acc is None else acc
        d[v] = max(x, -1)
    return d


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


# ---------------------------------------------------------------------------
# exact search
# ---------------------------------------------------------------------------
class _Search:
    """Breadth-first search over downsets, one layer per period."""

    def __init__(self, inst: _Instance, R: int, budget: int) -> None:
        self.inst = inst
        self.R = R
        self.budget = budget
        self.work = 0
        ht = inst.heights(R)
        top = max((ht[v] for v in _bits(R)), default=0)
        self.H = [0] * (top + 2)
        for v in _bits(R):
            for s in range(1, ht[v] + 1):
                self.H[s] |= 1 << v
        self.HR = [h & inst.need_mask for h in self.H]
        self.free_mask = R & ~inst.need_mask
        # accepting periods from j to the end of the given list
        self.acc_after = [0] * (inst.P + 1)
        for j in range(inst.P - 1, -1, -1):
            self.acc_after[j] = self.acc_after[j + 1] + inst.acc[j]

    def charge(self) -> None:
        self.work += 1
        if self.work > self.budget:
            raise _OutOfBudget

    def set_deadlines(self, T: int) -> None:
        """Masks of the items due by each period in plans finishing within ``T``."""
        inst = self.inst
        d = _deadlines(inst, self.R, T, inst.descendants(self.R))
        self.due = [0] * max(T, 1)
        for v in _bits(self.R):
            for j in range(max(d[v], 0), T):
                self.due[j] |= 1 << v
        self.due_reg = [m & inst.need_mask for m in self.due]
        # accepting periods before j (extra periods accept)
        self.acc_before = [0] * (T + 1)
        for j in range(T):
            self.acc_before[j + 1] = self.acc_before[j] + inst.accepts(j)

    def promising(self, D: int, i: int, limit: int, mth: list[int]) -> bool:
        """Might ``D`` (items placed in periods 0..i) finish within ``limit - 1`` periods?

        Two necessary conditions, each charged to the budget per step:

        * chain tails: the ``c`` items left with ``s`` or more periods of
          chain ahead must start by period ``end - s``, so ``end >= i + s +
          ceil(c / capacity)``; those needing registration need
          ``ceil(r / capacity)`` accepting periods from ``i + 1`` on
          (``mth[m]`` is the ``m``-th of them);
        * deadlines (see ``set_deadlines``): the items due by period ``j``
          fit into periods ``i+1 .. j``, those needing registration into
          the accepting ones.
        """
        K = self.inst.K
        U = self.R & ~D
        H, HR = self.H, self.HR
        for s in range(1, len(H)):
            self.charge()
            c = (U & H[s]).bit_count()
            if not c:
                break
            if i + s + -(-c // K) >= limit:
                return False
            r = (U & HR[s]).bit_count()
            if r and mth[-(-r // K)] + s >= limit:
                return False
        due, due_reg, acc_before = self.due, self.due_reg, self.acc_before
        if i < len(due) and U & due[i]:
            return False
        for j in range(i + 1, len(due)):
            self.charge()
            late = U & due[j]
            if late.bit_count() > K * (j - i):
                return False
            if (late & due_reg[j]).bit_count() > K * (acc_before[j + 1] - acc_before[i + 1]):
                return False
            if late == U:
                break
        return True

    def successors(self, D: int, j: int) -> Iterator[int]:
        """Downsets reachable from ``D`` with an inclusion-maximal batch at ``j``."""
        inst, K = self.inst, self.inst.K
        usable = self.R if inst.accepts(j) else self.free_mask
        open_ = usable & ~D
        M = 0
        if inst.same:
            for v in inst.topo:
                if open_ >> v & 1 and not inst.pred[v] & ~(D | M):
                    M |= 1 << v
        else:
            for v in _bits(open_):
                if not inst.pred[v] & ~D:
                    M |= 1 << v
        if not M or M.bit_count() <= K:
            self.charge()
            yield D | M
            return
        # Sets of exactly ``capacity`` items closed under prerequisites, by an
        # include-first DFS over M in topological order. Symmetry: items
        # whose prerequisites are all placed and that have the same
        # successors and registration need are interchangeable (swap their
        # periods in any plan), so only a prefix of each such class is taken.
        R = self.R
        items = [v for v in inst.topo if M >> v & 1]
        later: dict[int, int] = {}
        classes: dict[tuple, int] = {}
        for v in reversed(items):
            if not inst.pred[v] & ~D:
                cls = (inst.succ[v] & R, inst.need[v])
                later[v] = classes.get(cls, 0)
                classes[cls] = later[v] | (1 << v)
        stack = [(0, 0, 0, 0)]
        while stack:
            self.charge()
            pos, S, size, banned = stack.pop()
            if size == K:
                yield D | S
                continue
            if len(items) - pos < K - size:
                continue
            v = items[pos]
            stack.append((pos + 1, S, size, banned | later.get(v, 0)))
            if not banned >> v & 1 and not inst.pred[v] & ~(D | S):
                stack.append((pos + 1, S | (1 << v), size + 1, banned))

    def maximal(self, states: list[int]) -> list[int]:
        """The states not strictly inside another (the states are distinct).

        For each item, the set of states holding it is a bitmask over the
        states; the states holding all of ``D`` are the AND of its items'
        masks. Costs about ``(total items) * (1 + m / 2048)`` budget units
        for ``m`` states, charged up front; when that is more than half of
        what is left the filter is skipped (it only prunes).
        """
        m = len(states)
        if m <= 1:
            return states
        total = sum(D.bit_count() for D in states)
        cost = total * (2 + m // 2048)
        if cost > (self.budget - self.work) // 2:
            return states
        self.work += cost
        width = max(D.bit_length() for D in states)
        cols = [bytearray((m + 7) // 8) for _ in range(width)]
        for k, D in enumerate(states):
            for v in _bits(D):
                cols[v][k >> 3] |= 1 << (k & 7)
        col = [int.from_bytes(c, "little") for c in cols]
        everyone = (1 << m) - 1
        keep = []
        for k, D in enumerate(states):
            me = 1 << k
            sup = everyone
            for v in _bits(D):
                sup &= col[v]
                if sup == me:
                    break
            if sup == me:
                keep.append(D)
        return keep

    def run(self, incumbent: list[int | None]) -> list[int | None] | None:
        """A plan strictly better than ``incumbent``, or None if there is none."""
        inst = self.inst
        R = self.R
        full = R.bit_count()
        best_count, best_used = _score(incumbent)
        complete = best_count == full
        if complete:
            layers = best_used - 1
            self.set_deadlines(layers)
        else:
            layers = inst.P  # only without extra rounds
        found = None  # (layer, state)
        layer: list[int] = [0]
        history: list[dict[int, int]] = []
        K = inst.K
        for i in range(layers):
            nxt: dict[int, int] = {}
            for D in layer:
                for D2 in self.successors(D, i):
                    if D2 not in nxt:
                        nxt[D2] = D
            history.append(nxt)
            if complete:
                if R in nxt:
                    found = (i, R)
                    break
                mth = [0] + [inst.mth_accepting(i + 1, m) for m in range(1, full // K + 2)]
                states = [D for D in nxt if self.promising(D, i, best_used, mth)]
            else:
                top = max(nxt, key=lambda D: D.bit_count())
                c = top.bit_count()
                if c > best_count or (c == best_count and i + 1 < best_used):
                    best_count, best_used, found = c, i + 1, (i, top)
                    if c == full:
                        break
                left = inst.P - 1 - i
                slots = K * left
                reg_slots = K * self.acc_after[i + 1]
                states = [
                    D for D in nxt
                    if D.bit_count() + min(full - D.bit_count(), slots,
                                           (self.free_mask & ~D).bit_count() + reg_slots)
                    >= best_count
                ]
            states = self.maximal(states)
            if not states:
                break
            layer = states
        if found is None:
            return None
        i, D = found
        where: list[int | None] = [None] * inst.n
        for k in range(i, -1, -1):
            parent = history[k][D]
            for v in _bits(D & ~parent):
                where[v] = k
            D = parent
        return where


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------
def schedule(
    G,
    periods: Sequence[Hashable] = (),
    *,
    capacity: int | None = None,
    needs_registration: Mapping | None = None,
    accepts_registration: Mapping | None = None,
    same_period: bool = False,
    key: Callable | None = None,
    budget: int = DEFAULT_BUDGET,
    extra_rounds: bool = True,
    extra_label: Callable[[int], Hashable] | None = None,
    require_optimal: bool = False,
) -> PeriodPlan:
    """Place the items of ``G`` into deployment periods, finishing earliest.

    Parameters
    ----------
    G : networkx.DiGraph
        Edge ``u -> v`` means ``u`` must be in use before ``v``. Not modified.
    periods : sequence of hashable
        Period labels in time order, unique.
    capacity : int or None, optional
        Most items per period; ``None`` (default) for no limit.
    needs_registration : mapping, optional
        Item -> bool, True when the item needs period registration (missing
        items: False). A set of such items is accepted too.
    accepts_registration : mapping, optional
        Period label -> bool, False when the period no longer accepts
        registrations (missing labels: True). Extra periods always accept.
    same_period : bool, optional
        Allow an item in the same period as its prerequisites.
    key : callable, optional
        Sort key of items (the item itself by default): orders batches and
        ``unplaced`` and breaks every tie.
    budget : int, optional
        Work units the exact search may spend (0: no search); the default,
        :data:`DEFAULT_BUDGET`, is about a second. Past it the best
        heuristic plan is returned (``method="heuristic"``).
    extra_rounds : bool, optional
        Append generic periods when the given ones are not enough (default);
        if False, items that do not fit are returned in ``unplaced``.
    extra_label : callable, optional
        ``extra_label(n)`` labels the ``n``-th extra period (from 1);
        default ``("extra", n)``.
    require_optimal : bool, optional
        Raise :class:`~analyser.findings.BudgetExceededError` instead of
        returning a plan not proven optimal.

    Returns
    -------
    PeriodPlan

    Raises
    ------
    CycleError
        If ``G`` has a cycle.
    ValueError
        On duplicate or clashing period labels, a capacity below 1 or a
        negative budget.
    BudgetExceededError
        Only with ``require_optimal=True``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("a", "c"), ("c", "d")])
    >>> G.add_node("e")
    >>> plan = schedule(G, ["2025/1", "2025/2", "2025/3"], capacity=2)
    >>> plan.batches
    [['a', 'e'], ['b', 'c'], ['d']]
    >>> plan.periods_used, plan.lower_bound, plan.optimal
    (3, 3, True)

    An item needing registration waits for a period that accepts it, and
    extra periods are added when the list runs out:

    >>> plan = schedule(G, ["2025/1", "2025/2"], needs_registration={"d": True},
    ...                 accepts_registration={"2025/2": False})
    >>> plan.assignment["d"], plan.labels
    (('extra', 1), ['2025/1', '2025/2', ('extra', 1)])
    >>> schedule(G, ["2025/1", "2025/2"], needs_registration={"d": True},
    ...          accepts_registration={"2025/2": False}, extra_rounds=False).unplaced
    ['d']
    """
    budget = operator.index(budget)
    if budget < 0:
        raise ValueError("budget must be a non-negative number of work units")
    inst = _Instance(G, periods, capacity, needs_registration, accepts_registration,
                     same_period, key, extra_rounds)
    label_of = _default_extra_label if extra_label is None else extra_label

    e = inst.earliest()
    R = sum(1 << v for v in range(inst.n) if e[v] is not None)
    lb, reasons = _bounds(inst, e)

    where: list[int | None] = list(e)
    method, optimal = "exact", True
    if inst.K is not None and any(c > inst.K for c in _loads(e).values()):
        where = _heuristic(inst, R, lb)
        method = "heuristic"
        count, used = _score(where)
        if count == R.bit_count():
            optimal = used <= lb
        else:  # only without extra rounds: as many as any plan, as early as any
            optimal = count == _count_bound(inst, e, inst.P) and all(
                _count_bound(inst, e, T) < count for T in range(used - 1, -1, -1)
            )
        if not optimal and budget > 0:
            try:
                better = _Search(inst, R, budget).run(where)
            except _OutOfBudget:
                pass
            else:
                if better is not None:
                    where = better
                method, optimal = "exact", True
        if not optimal and require_optimal:
            raise BudgetExceededError(
                inst.n, budget + 1, budget,
                f"no plan proven optimal within the budget of {budget} work units "
                f"(best found: {count} of {R.bit_count()} items in {used} periods; "
                f"lower bound {lb} periods)",
            )
    where = _compact(inst, where)
    return _make_plan(inst, where, lb, reasons, optimal, method, label_of)


def _count_bound(inst: _Instance, e: list[int | None], T: int) -> int:
    """Most items a plan can place in periods ``0 .. T-1`` (finite capacity).

    Only items whose earliest period is below ``T`` can be placed; at most
    ``capacity`` per period, and items needing registration only in the
    accepting periods.
    """
    items = [v for v in range(inst.n) if e[v] is not None and e[v] < T]
    free = sum(1 for v in items if not inst.need[v])
    accepting = sum(1 for j in range(T) if inst.accepts(j))
    return min(len(items), inst.K * T, free + inst.K * accepting)


def _loads(where: list[int | None]) -> dict[int, int]:
    load: dict[int, int] = {}
    for j in where:
        if j is not None:
            load[j] = load.get(j, 0) + 1
    return load


def _make_plan(inst, where, lb, reasons, optimal, method, label_of) -> PeriodPlan:
    used = _score(where)[1]
    labels = list(inst.periods)
    for k in range(1, used - inst.P + 1):
        labels.append(label_of(k))
    if len(set(labels)) != len(labels):
        raise ValueError("extra period labels clash with each other or with the given periods")
    batches: list[list] = [[] for _ in labels]
    for v in range(inst.n):  # numbers are in key order
        if where[v] is not None:
            batches[where[v]].append(inst.nodes[v])
    assignment = {}
    index = {}
    for j, batch in enumerate(batches):
        for node in batch:
            assignment[node] = labels[j]
            index[node] = j
    unplaced = [inst.nodes[v] for v in range(inst.n) if where[v] is None]
    return PeriodPlan(
        assignment=assignment,
        index=index,
        batches=batches,
        labels=labels,
        periods_used=used,
        lower_bound=lb,
        bound_reasons=reasons,
        optimal=optimal,
        method=method,
        unplaced=unplaced,
    )


def lower_bound(
    G,
    periods: Sequence[Hashable] = (),
    *,
    capacity: int | None = None,
    needs_registration: Mapping | None = None,
    accepts_registration: Mapping | None = None,
    same_period: bool = False,
    extra_rounds: bool = True,
) -> tuple[int, dict[str, int]]:
    """A lower bound on the periods a plan needs, and its parts.

    The bound holds for every plan that places all the items that can be
    placed at all (capacity aside): every item when ``extra_rounds`` is
    true. With ``extra_rounds=False`` a bound above ``len(periods)`` proves
    that some items must be left unplaced. The parts are described at
    :attr:`PeriodPlan.bound_reasons`; the bound is their maximum.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> G.add_nodes_from(["x", "y", "z"])
    >>> lower_bound(G, capacity=2)
    (3, {'chain': 3, 'capacity': 3, 'registration': 3, 'window': 3, 'deadlines': 3})
    >>> lower_bound(G, ["p1", "p2"], needs_registration={"x": True},
    ...             accepts_registration={"p1": False, "p2": False}, same_period=True)
    (3, {'chain': 1, 'capacity': 1, 'registration': 3, 'window': 3, 'deadlines': 3})
    """
    inst = _Instance(G, periods, capacity, needs_registration, accepts_registration,
                     same_period, None, extra_rounds)
    return _bounds(inst, inst.earliest())


# ---------------------------------------------------------------------------
# independent validator
# ---------------------------------------------------------------------------
def validate_plan(
    G,
    plan,
    periods: Sequence[Hashable] = (),
    *,
    capacity: int | None = None,
    needs_registration: Mapping | None = None,
    accepts_registration: Mapping | None = None,
    same_period: bool = False,
) -> list[str]:
    """Every rule a plan breaks, one message each (empty: the plan is valid).

    Written independently of :func:`schedule`: it uses only ``G`` and the
    rules. ``plan`` is a :class:`PeriodPlan` or a mapping item -> period
    index (items absent are unplaced; indices past ``len(periods)`` are
    extra periods, which accept registrations). Each message starts with
    the rule: ``structure``, ``coverage``, ``precedence``, ``capacity``,
    ``registration`` or ``bound``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b")])
    >>> validate_plan(G, {"a": 0, "b": 1}, ["p1", "p2"])
    []
    >>> validate_plan(G, {"a": 0, "b": 0}, ["p1"], capacity=1)
    ["precedence: 'b' in period 0 is not after its prerequisite 'a' in period 0", 'capacity: period 0 holds 2 items, more than 1']
    """
    problems: list[str] = []
    periods = list(periods)
    if isinstance(plan, PeriodPlan):
        index = dict(plan.index)
        _check_structure(G, plan, periods, problems)
    elif isinstance(plan, Mapping):
        index = dict(plan)
    else:
        raise TypeError("plan must be a PeriodPlan or a mapping item -> period index")

    for node, j in index.items():
        if node not in G:
            problems.append(f"coverage: {node!r} is not an item of the graph")
        if not isinstance(j, int) or isinstance(j, bool) or j < 0:
            problems.append(f"structure: {node!r} has period index {j!r}, not a non-negative int")
    index = {v: j for v, j in index.items()
             if v in G and isinstance(j, int) and not isinstance(j, bool) and j >= 0}

    for u, v in G.edges():
        if v not in index:
            continue
        if u not in index:
            problems.append(f"precedence: {v!r} is placed but its prerequisite {u!r} is not")
        elif index[u] > index[v] or (not same_period and index[u] == index[v]):
            rule = "is earlier than" if same_period else "is not after"
            problems.append(
                f"precedence: {v!r} in period {index[v]} {rule} its "
                f"prerequisite {u!r} in period {index[u]}"
            )

    if capacity is not None:
        load: dict[int, int] = {}
        for j in index.values():
            load[j] = load.get(j, 0) + 1
        for j in sorted(load):
            if load[j] > capacity:
                problems.append(f"capacity: period {j} holds {load[j]} items, more than {capacity}")

    if needs_registration is not None:
        for node in G.nodes:
            if node in index and _needs(needs_registration, node):
                j = index[node]
                if j < len(periods) and not _accepts(accepts_registration, periods[j]):
                    problems.append(
                        f"registration: {node!r} needs registration but period {j} "
                        f"({periods[j]!r}) does not accept registrations"
                    )
    return problems


def _check_structure(G, plan: PeriodPlan, periods: list, problems: list[str]) -> None:
    labels = list(plan.labels)
    if labels[: len(periods)] != periods:
        problems.append("structure: labels do not start with the given periods")
    if len(set(labels)) != len(labels):
        problems.append("structure: labels are not unique")
    if set(plan.assignment) != set(plan.index):
        problems.append("structure: assignment and index cover different items")
    for node, j in plan.index.items():
        if not isinstance(j, int) or not 0 <= j < len(labels):
            problems.append(f"structure: {node!r} has period index {j!r} outside the labels")
        elif node in plan.assignment and plan.assignment[node] != labels[j]:
            problems.append(f"structure: {node!r} is assigned {plan.assignment[node]!r} "
                            f"but its index {j} is {labels[j]!r}")
    if len(plan.batches) != len(labels):
        problems.append(f"structure: {len(plan.batches)} batches for {len(labels)} labels")
    seen: set = set()
    for j, batch in enumerate(plan.batches):
        for node in batch:
            if node in seen:
                problems.append(f"structure: {node!r} appears in more than one batch")
            seen.add(node)
            if plan.index.get(node) != j:
                problems.append(f"structure: {node!r} is in batch {j} but has index "
                                f"{plan.index.get(node)!r}")
    for node in plan.index:
        if node not in seen:
            problems.append(f"structure: {node!r} is placed but in no batch")
    unplaced = list(plan.unplaced)
    if len(set(unplaced)) != len(unplaced):
        problems.append("structure: an item is listed as unplaced twice")
    for node in unplaced:
        if node in plan.index:
            problems.append(f"structure: {node!r} is both placed and unplaced")
    for node in G.nodes:
        if node not in plan.index and node not in set(unplaced):
            problems.append(f"coverage: {node!r} is neither placed nor unplaced")
    used = max(plan.index.values(), default=-1) + 1 if all(
        isinstance(j, int) for j in plan.index.values()) else None
    if used is not None and plan.periods_used != used:
        problems.append(f"structure: periods_used is {plan.periods_used}, "
                        f"but the last non-empty period is {used - 1}")
    if plan.method not in METHODS:
        problems.append(f"structure: unknown method {plan.method!r}")
    if plan.bound_reasons and plan.lower_bound != max(plan.bound_reasons.values()):
        problems.append("bound: lower_bound is not the largest of bound_reasons")
    if all(node in plan.index for node in G.nodes) and plan.lower_bound > plan.periods_used:
        problems.append(f"bound: lower bound {plan.lower_bound} exceeds "
                        f"periods used {plan.periods_used}")
