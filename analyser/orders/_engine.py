"""Internal: the fast downset DP of a prime part, in numpy.

A minimum chain decomposition ``C_0 .. C_{w-1}`` turns a downset into its
vector of chain heights ``H``; ``H`` is a downset exactly when, for every
chain ``i`` with ``H_i > 0``, the top element ``C_i[H_i - 1]`` has all its
ancestors in chain ``k`` below height ``H_k`` (ancestors in a chain form a
prefix, so one number per chain, ``need``, says it).

The DP runs level by level (downsets of size ``s``, then ``s + 1``): every
downset of a level tries every chain at once as numpy arrays; the targets are
merged by a stable sort of their integer codes and the counts added with
``np.add.reduceat``. Counts are kept modulo a few primes just below ``2**57``
(sums of up to 127 residues fit in ``uint64``) and rebuilt exactly with the
Chinese remainder theorem; enough primes are taken for an upper bound of the
count (the multinomial of the chain lengths).

Codes are the mixed-radix number of ``H`` when the product of
``len(chain) + 1`` fits in 63 bits, otherwise a random linear hash modulo
``2**64``; in hash mode every merge checks that equal codes have equal
height vectors and starts again with other multipliers if not, so the answer
is always exact.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from analyser.orders._poset import Poset
from analyser.orders._poset import bits as _bits
from analyser.orders._refuse import lower_error, reached_error

__all__ = ["ChainSystem", "LevelDP", "primes", "crt", "count_bits_bound", "tree_bound"]

PRIME_BITS = 57
_U64 = np.uint64
#: Transitions handled in one numpy pass (bounds the memory of one level).
CHUNK = 1 << 22
#: Up to this many primes ``np.add.reduceat`` sums segments fastest.
SEGMENT_REDUCEAT_MAX_K = 2


def _is_prime(n: int) -> bool:
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:  # deterministic for n < 3.3e24
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


_PRIMES: list[int] = []


def primes(k: int) -> list[int]:
    """The ``k`` largest primes below ``2**57``, largest first.

    Examples
    --------
    >>> p = primes(2)
    >>> p[0] < 2**57 and p[1] < p[0] and all(x % 2 for x in p)
    True
    """
    n = (1 << PRIME_BITS) - 1 if not _PRIMES else _PRIMES[-1] - 2
    while len(_PRIMES) < k:
        if _is_prime(n):
            _PRIMES.append(n)
        n -= 2
    return _PRIMES[:k]


@lru_cache(maxsize=64)
def _crt_basis(ps: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    M = math.prod(ps)
    coef = []
    for p in ps:
        Mi = M // p
        coef.append(Mi * pow(Mi % p, -1, p))
    return M, tuple(coef)


def crt(residues, ps: tuple[int, ...]) -> int:
    """The integer in ``range(prod(ps))`` with the given residues.

    Examples
    --------
    >>> ps = tuple(primes(3)); x = 3**100
    >>> crt([x % p for p in ps], ps) == x
    True
    """
    if len(ps) == 1:
        return int(residues[0])
    M, coef = _crt_basis(ps)
    return sum(int(r) * c for r, c in zip(residues, coef)) % M


def count_bits_bound(lengths: list[int]) -> int:
    """Bits of the multinomial of the chain lengths: a bound on the count.

    Examples
    --------
    >>> count_bits_bound([2, 2])  # 4!/(2!2!) = 6
    3
    """
    n = sum(lengths)
    m = math.factorial(n)
    for L in lengths:
        m //= math.factorial(L)
    return m.bit_length()


class ChainSystem:
    """Chains of a poset and, per chain element, its needs in every chain.

    ``rel`` is the ancestor relation for the downset DP of ``Q`` and the
    descendant relation (with chains reversed) for the DP of its dual.
    """

    def __init__(self, Q: Poset, chains: list[list[int]], *, dual: bool = False):
        if dual:
            chains = [list(reversed(c)) for c in chains]
            rel, direct = Q.desc, Q.succ
        else:
            rel, direct = Q.anc, Q.pred
        self.n = Q.n
        self.chains = chains
        self.w = w = len(chains)
        self.L = [len(c) for c in chains]
        self.where: dict[int, tuple[int, int]] = {}
        masks = []
        for i, c in enumerate(chains):
            m = 0
            for h, x in enumerate(c):
                m |= 1 << x
                self.where[x] = (i, h)
            masks.append(m)
        self.masks = masks
        self.hdtype = np.uint8 if max(self.L, default=0) < 255 else np.uint16
        self.need = []
        for c in chains:
            rows = [[(rel[x] & masks[k]).bit_count() for k in range(w)] for x in c]
            self.need.append(np.array(rows, dtype=self.hdtype).reshape(len(c), w))
        # For the DP only the graph's own edges matter (a downset holds the
        # ancestors of its members): per chain, the other chains holding a
        # direct predecessor, and the height each element needs there
        # (padded with a zero for the full chain, which is excluded anyway).
        self.checks: list[list[tuple[int, np.ndarray]]] = []
        for i, c in enumerate(chains):
            cols: dict[int, np.ndarray] = {}
            for h, x in enumerate(c):
                for y in _bits(direct[x]):
                    k, hy = self.where[y]
                    if k == i:
                        continue
                    if k not in cols:
                        cols[k] = np.zeros(len(c) + 1, dtype=self.hdtype)
                    if hy + 1 > cols[k][h]:
                        cols[k][h] = hy + 1
            self.checks.append(sorted(cols.items()))
        radix = [L + 1 for L in self.L]
        self.exact_codes = math.prod(radix) < (1 << 63)
        self.set_strides(0)

    def set_strides(self, attempt: int) -> None:
        """Mixed-radix strides, or random odd 64-bit multipliers in hash mode."""
        if self.exact_codes:
            strides, s = [], 1
            for L in self.L:
                strides.append(s)
                s *= L + 1
        else:
            rng = np.random.default_rng(0x5EED + attempt)
            raw = rng.integers(0, 1 << 63, self.w, dtype=np.int64)
            strides = [((int(x) << 1) | 1) & ((1 << 64) - 1) for x in raw]
        self.strides = strides
        self.ustrides = [_U64(s) for s in strides]

    def code(self, H) -> int:
        return sum(h * s for h, s in zip(H, self.strides)) & ((1 << 64) - 1)


class _Collision(Exception):
    pass


def _segment_sums(res: np.ndarray, src: np.ndarray, starts: np.ndarray, prow: np.ndarray) -> np.ndarray:
    """Sums modulo the primes of ``res[src]`` over segments beginning at ``starts``.

    ``res`` holds residues (each below its prime). Segments are short (at most
    the width). With one or two primes ``np.add.reduceat`` and a modulo are
    fastest; with more, each segment's ``j``-th row is added in one pass per
    ``j`` and reduced by a conditional subtraction (``min(s, s - p)`` in
    wrapping unsigned arithmetic), which avoids slow 64-bit divisions.
    """
    if res.shape[1] <= SEGMENT_REDUCEAT_MAX_K:
        out = np.add.reduceat(res[src], starts, axis=0)
        out %= prow
        return out
    out = res[src[starts]]
    lens = np.diff(starts, append=src.size)
    j = 1
    longer = np.flatnonzero(lens > 1)
    while longer.size:
        t = out[longer]
        t += res[src[starts[longer] + j]]
        np.minimum(t, t - prow, out=t)
        out[longer] = t
        j += 1
        longer = longer[lens[longer] > j]
    return out


class LevelDP:
    """Forward DP over the downsets of a :class:`ChainSystem`.

    After :meth:`run`, ``residues`` holds the count modulo ``ps`` and, when
    ``keep`` was set, ``levels[s]`` holds ``(codes, H, res)`` of every level.

    The DP stops with :class:`~analyser.findings.BudgetExceededError` as soon
    as the downsets found (times ``words`` each, plus ``spent`` by earlier
    parts) pass ``budget``, saying how many it found and after how many
    levels; within a level every merged chunk is checked too.
    """

    def __init__(self, cs: ChainSystem, budget: int, *, keep: bool = False, words: int = 1, spent: int = 0):
        if cs.w > 120:  # sums of w residues must fit in 64 bits
            raise lower_error(cs.w, budget, words=words)
        self.cs = cs
        self.budget = budget
        self.words = words
        self.spent = spent
        self.keep = keep
        bits = count_bits_bound(cs.L) + 1
        self.k = k = max(1, -(-bits // (PRIME_BITS - 1)))
        self.ps = tuple(primes(k))
        self.prow = np.array(self.ps, dtype=_U64)[None, :]
        self.states = 0
        self.levels: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        attempt = 0
        while True:
            try:
                self._run()
                break
            except _Collision:  # pragma: no cover - astronomically rare
                attempt += 1
                cs.set_strides(attempt)

    def _run(self) -> None:
        cs = self.cs
        codes = np.zeros(1, dtype=_U64)
        H = np.zeros((cs.w, 1), dtype=cs.hdtype)  # column j = heights of downset j
        res = np.ones((1, self.k), dtype=_U64)  # row j = residues of downset j
        self.states = 1
        self.levels = [(codes, H, res)] if self.keep else []
        for level in range(cs.n):
            self.level = level
            codes, H, res = self._step(codes, H, res)
            self.states += len(codes)
            self.level = level + 1
            self._check(0)
            if self.keep:
                self.levels.append((codes, H, res))
        self.residues = res[0]

    def count(self) -> int:
        return crt(self.residues, self.ps)

    def _check(self, more: int) -> None:
        found = self.states + more
        if found * self.words + self.spent > self.budget:
            raise reached_error(self.cs.w, found + self.spent // self.words, self.budget, placed=self.level,
                                size=self.cs.n, words=self.words)

    # -- one level -------------------------------------------------------
    def _step(self, codes, H, res):
        m = len(codes)
        rows = max(1, CHUNK // max(1, self.cs.w))
        if m <= rows:
            return self._expand(codes, H, res)
        parts = []
        for a in range(0, m, rows):
            parts.append(self._expand(codes[a : a + rows], H[:, a : a + rows], res[a : a + rows]))
            self._check(len(parts[-1][0]))  # the level has at least this many
        while len(parts) > 1:
            merged = []
            for j in range(0, len(parts) - 1, 2):
                merged.append(self._merge(parts[j], parts[j + 1]))
            if len(parts) % 2:
                merged.append(parts[-1])
            parts = merged
        return parts[0]

    def _expand(self, codes, H, res):
        cs = self.cs
        T, S, ends, run_ids = [], [], [], []
        total = 0
        for i in range(cs.w):
            hi = H[i]
            ok = hi < cs.L[i]
            for k, needk in cs.checks[i]:
                ok &= needk[hi] <= H[k]
            idx = np.flatnonzero(ok)
            if not idx.size:
                continue
            T.append(codes[idx] + cs.ustrides[i])
            S.append(idx)
            total += idx.size
            ends.append(total)
            run_ids.append(i)
        ends = np.asarray(ends)
        run_chain = np.asarray(run_ids, dtype=np.intp)
        T = np.concatenate(T)
        S = np.concatenate(S)
        order = np.argsort(T, kind="stable")  # merges the sorted runs
        Ts = T[order]
        flag = np.empty(Ts.size, dtype=bool)
        flag[0] = True
        np.not_equal(Ts[1:], Ts[:-1], out=flag[1:])
        starts = np.flatnonzero(flag)
        So = S[order]
        first = order[starts]
        nH = H[:, So[starts]]
        Cf = run_chain[np.searchsorted(ends, first, side="right")]
        nH[Cf, np.arange(first.size)] += 1
        if not cs.exact_codes:
            seg = np.cumsum(flag) - 1
            full = H[:, So]
            Co = run_chain[np.searchsorted(ends, order, side="right")]
            full[Co, np.arange(So.size)] += 1
            if not np.array_equal(full, nH[:, seg]):
                raise _Collision
        nres = _segment_sums(res, So, starts, self.prow)
        return Ts[starts], nH, nres

    def _merge(self, x, y):
        T = np.concatenate([x[0], y[0]])
        order = np.argsort(T, kind="stable")
        Ts = T[order]
        flag = np.empty(Ts.size, dtype=bool)
        flag[0] = True
        np.not_equal(Ts[1:], Ts[:-1], out=flag[1:])
        starts = np.flatnonzero(flag)
        Hall = np.concatenate([x[1], y[1]], axis=1)
        if not self.cs.exact_codes:
            seg = np.cumsum(flag) - 1
            if not np.array_equal(Hall[:, order], Hall[:, order[starts]][:, seg]):
                raise _Collision
        R = np.concatenate([x[2], y[2]], axis=0)
        nres = _segment_sums(R, order, starts, self.prow)
        return Ts[starts], Hall[:, order[starts]], nres

    # -- lookups (keep=True) ----------------------------------------------
    def lookup(self, H) -> int:
        """Exact count of the downset with height vector ``H`` (must exist)."""
        s = sum(H)
        codes, Hs, res = self.levels[s]
        code = self.cs.code(H)
        j = int(np.searchsorted(codes, _U64(code)))
        if j >= codes.size or int(codes[j]) != code:
            raise KeyError(tuple(H))
        if not self.cs.exact_codes and list(Hs[:, j]) != list(H):  # pragma: no cover
            raise KeyError(tuple(H))
        return crt(res[j], self.ps)


def tree_bound(cs: ChainSystem) -> float:
    """Upper bound on the downsets from pairwise constraints along a tree.

    A height vector is a downset exactly when every pair of chains is
    consistent. Keeping only the pairs of a spanning tree of the chains
    (chosen to keep the most restrictive pairs) and counting the vectors that
    satisfy them by a tree DP gives an upper bound, usually far below the
    product of ``len(chain) + 1``. Returns ``inf`` if it overflows a float.

    Examples
    --------
    The crown on a1, a2, a3 < b1, b2, b3 (each b above two a's) has three
    chains of two, so at most ``3**3 = 27`` downsets. It has 18: 8 sets of
    a's alone, 3 with a pair of a's and the b above both, and 7 with all
    three a's and some b's. The tree bound lies between.

    >>> from analyser.orders._struct import chain_cover
    >>> crown = nx.DiGraph([("a1", "b1"), ("a2", "b1"), ("a2", "b2"),
    ...                     ("a3", "b2"), ("a3", "b3"), ("a1", "b3")])
    >>> Q = Poset.from_graph(crown)
    >>> tree_bound(ChainSystem(Q, chain_cover(Q)))
    21.0
    """
    w = cs.w
    if w <= 1:
        return float(sum(cs.L) + 1)
    ar = [np.arange(L + 1) for L in cs.L]
    # need of the top element at height h (h=0: nothing to need) in chain k
    top_need = []
    for i in range(w):
        z = np.zeros((1, w), dtype=np.int64)
        top_need.append(np.vstack([z, cs.need[i].astype(np.int64)]))
    mats: dict[tuple[int, int], np.ndarray] = {}
    weight = np.zeros((w, w))
    for i in range(w):
        for k in range(i + 1, w):
            A = (top_need[i][:, k][:, None] <= ar[k][None, :]) & (
                top_need[k][:, i][None, :] <= ar[i][:, None]
            )
            mats[i, k] = A
            weight[i, k] = weight[k, i] = np.log(A.sum()) - np.log(A.size)
    # Prim: minimum total log-density spanning tree (most restrictive pairs)
    in_tree = [0]
    parent = {0: -1}
    best = {k: (weight[0, k], 0) for k in range(1, w)}
    while best:
        k = min(best, key=lambda v: (best[v][0], v))
        parent[k] = best.pop(k)[1]
        in_tree.append(k)
        for v in best:
            if weight[k, v] < best[v][0]:
                best[v] = (weight[k, v], k)
    children: dict[int, list[int]] = {v: [] for v in range(w)}
    for v, p in parent.items():
        if p >= 0:
            children[p].append(v)
    with np.errstate(over="ignore", invalid="ignore"):
        vec = {}
        for v in reversed(in_tree):  # children before parents
            x = np.ones(cs.L[v] + 1)
            for c in children[v]:
                A = mats[(v, c)] if v < c else mats[(c, v)].T
                x = x * (A.astype(np.float64) @ vec[c])
            vec[v] = x
        total = float(vec[0].sum())
    return total if np.isfinite(total) else math.inf
