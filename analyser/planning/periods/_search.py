"""Internal: the exact search, breadth-first over downsets, one layer per period.

Finds a plan better than the heuristic incumbent or proves the incumbent
optimal, charging one budget unit per state or partial batch it generates
and raising :class:`_OutOfBudget` past the budget.
"""

from __future__ import annotations

from collections.abc import Iterator

from analyser.planning.periods._bounds import _deadlines
from analyser.planning.periods._heuristics import _score
from analyser.planning.periods._instance import _bits, _Instance


class _OutOfBudget(Exception):
    pass


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
        if j < inst.P:
            usable &= inst.usable_at[j]
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
        # successors, registration need and usable periods are interchangeable
        # (swap their periods in any plan), so only a prefix of each such class is taken.
        R = self.R
        items = [v for v in inst.topo if M >> v & 1]
        later: dict[int, int] = {}
        classes: dict[tuple, int] = {}
        for v in reversed(items):
            if not inst.pred[v] & ~D:
                cls = (inst.succ[v] & R, inst.need[v], inst.allow[v])
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


