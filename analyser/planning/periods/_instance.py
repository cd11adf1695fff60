"""Internal: the input in numbered form, and the reading of the registration rules.

Items are numbered in ``key`` order and handled as bit positions, sets of
items as int bitmasks; the instance answers which periods accept
registrations and gives the relaxation every bound starts from (earliest
periods, chain heights, descendants).
"""

from __future__ import annotations

import heapq
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping

import networkx as nx

from analyser.findings import CycleError, UsageError


def _bits(mask: int) -> Iterator[int]:
    """Set bit positions of ``mask``, ascending."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


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
        allowed=None,
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
            repeated = sorted({str(p) for p in self.periods if self.periods.count(p) > 1})
            raise UsageError("period_names_repeat", names=repeated, n=len(repeated))
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
        self.every = (1 << self.P) - 1
        self.allow = [_allowed(allowed, v, self.periods, self.every) for v in self.nodes]
        self.usable_at = [sum(1 << v for v in range(n) if self.allow[v] >> j & 1) for j in range(self.P)]

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
        if j < self.P and not self.allow[v] >> j & 1:
            return False
        return not self.need[v] or self.accepts(j)

    def first_usable(self, v: int, j: int) -> int:
        """First period at or after ``j`` that item ``v`` may use, extra periods included."""
        if self.allow[v] == self.every:
            return self.next_accepting(j) if self.need[v] else j
        while j < self.P and not self.may_use(v, j):
            j += 1
        return j

    def last_usable(self, v: int, j: int) -> int | None:
        """Last period at or before ``j`` that item ``v`` may use (None if there is none)."""
        if self.allow[v] == self.every:
            return self.last_accepting(j) if self.need[v] else j
        while j >= 0 and not self.may_use(v, j):
            j -= 1
        return j if j >= 0 else None

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
            j = self.first_usable(v, lo)
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


def _allowed(allowed, node, periods: list, every: int) -> int:
    """Bitmask of the given periods ``node`` may use (``allowed`` maps items to period labels; absent: all)."""
    if allowed is None or node not in allowed:
        return every
    labels = set(allowed[node])
    return sum(1 << j for j, p in enumerate(periods) if p in labels)


def _accepts(accepts_registration, label) -> bool:
    if accepts_registration is None:
        return True
    return bool(accepts_registration.get(label, True))
