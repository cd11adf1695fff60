"""Internal: Atkinson's recursion for tree parts in numpy, modulo primes below ``2**26``.

The recursion of :mod:`~analyser.orders._tree` multiplies big numbers; here
every number is kept modulo ``K`` primes between ``2**25`` and ``2**26`` (as
many as a count below ``m!`` needs), one row of a ``(K, length)`` array per
prime, and the count is rebuilt by the Chinese remainder theorem at the end.

Divided by factorials, a join is a plain convolution: with
``alpha[i] = A[i] / ((i - 1)! (a - i)!)`` and
``sigma[t] = S(t) / (t! (b - t)!)``, the joined vector divided by
``(k - 1)! (a + b - k)!`` is ``alpha * sigma``. Vectors are kept "raw" (plain
counts) or "normalised" (divided so), whichever saves work: a node with one
child only needs the prefix (or suffix) sum of the child's raw vector.
Convolutions with a short side loop over it (products below ``2**52`` add up
without overflow); longer ones use a float FFT on 13-bit halves, exact after
rounding while the length stays below ``2**17``.
"""

from __future__ import annotations

import math
from math import factorial

import numpy as np

from analyser.orders._engine import crt
from analyser.orders._tree import BITS, FFT_FROM

__all__ = ["tree_primes", "atkinson_modular"]

_U = np.uint64
#: Elements one pass over a block of primes may hold (blocks that stay in cache are faster).
BLOCK = 1 << 16
_PRIMES: list[int] = []


def tree_primes(k: int) -> list[int]:
    """The ``k`` largest primes below ``2**26``, largest first.

    Examples
    --------
    >>> p = tree_primes(3)
    >>> p[0] < 2**26 and p[2] > 2**25 and p[0] > p[1] > p[2]
    True
    """
    if len(_PRIMES) < k:
        hi = 1 << BITS
        lo = hi - (1 << 21)
        small = np.ones(1 << 13, dtype=bool)
        small[:2] = False
        for q in range(2, 91):
            if small[q]:
                small[q * q :: q] = False
        seg = np.ones(hi - lo, dtype=bool)
        for q in np.flatnonzero(small):
            seg[(-lo) % q :: q] = False
        _PRIMES[:] = [int(x) for x in (np.flatnonzero(seg) + lo)[::-1]]
    if k > len(_PRIMES):  # pragma: no cover - a tree of some 100,000 items
        raise ValueError("too many primes asked for")
    return _PRIMES[:k]


def _factorials(p: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    K = p.shape[0]
    fact = np.empty((K, m + 1), dtype=_U)
    fact[:, 0] = 1
    for j in range(1, m + 1):
        fact[:, j] = fact[:, j - 1] * _U(j) % p[:, 0]
    invf = np.empty_like(fact)
    invf[:, m] = [pow(int(f), int(q) - 2, int(q)) for f, q in zip(fact[:, m], p[:, 0])]
    for j in range(m, 0, -1):
        invf[:, j - 1] = invf[:, j] * _U(j) % p[:, 0]
    return fact, invf


def _scale(X: np.ndarray, f: np.ndarray, g: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``X * f * g`` modulo ``p`` (all below ``2**26``, or ``X`` below ``2**38``), a block of primes at a time."""
    out = np.empty((X.shape[0], f.shape[1]), dtype=_U)
    rows = max(1, BLOCK // max(1, f.shape[1]))
    for r in range(0, X.shape[0], rows):
        o, q = out[r : r + rows], p[r : r + rows]
        np.multiply(X[r : r + rows], f[r : r + rows], out=o)
        o %= q
        o *= g[r : r + rows]
        o %= q
    return out


def _direct(x: np.ndarray, y: np.ndarray, p: np.ndarray) -> np.ndarray:
    if x.shape[1] > y.shape[1]:
        x, y = y, x
    a, b = x.shape[1], y.shape[1]
    out = np.zeros((x.shape[0], a + b - 1), dtype=_U)
    rows = max(1, BLOCK // (a + b))
    for r in range(0, x.shape[0], rows):
        xs, ys, o = x[r : r + rows], y[r : r + rows], out[r : r + rows]
        tmp = np.empty_like(ys)
        for i in range(a):  # a < 4096 products below 2**52 fit in 64 bits
            np.multiply(ys, xs[:, i : i + 1], out=tmp)
            o[:, i : i + b] += tmp
        o %= p[r : r + rows]
    return out


def _fast_length(L: int) -> int:
    """The smallest ``2**i 3**j 5**k >= L``: a length the FFT handles quickly."""
    best = 1 << (L - 1).bit_length()
    f5 = 1
    while f5 < best:
        f35 = f5
        while f35 < best:
            f = f35
            while f < L:
                f *= 2
            best = min(best, f)
            f35 *= 3
        f5 *= 5
    return best


def _fft(x: np.ndarray, y: np.ndarray, p: np.ndarray) -> np.ndarray:
    K, a = x.shape
    b = y.shape[1]
    L = a + b - 1
    N = _fast_length(L)
    out = np.empty((K, L), dtype=_U)
    rows = max(1, BLOCK // N)
    rfft, irfft = np.fft.rfft, np.fft.irfft
    for r in range(0, K, rows):
        xs, ys = x[r : r + rows], y[r : r + rows]
        q = p[r : r + rows].astype(np.int64)
        xl, xh = rfft((xs & _U(8191)).astype(np.float64), N), rfft((xs >> _U(13)).astype(np.float64), N)
        yl, yh = rfft((ys & _U(8191)).astype(np.float64), N), rfft((ys >> _U(13)).astype(np.float64), N)

        def back(f):  # the sums are below 2**43: exact after rounding
            return np.rint(irfft(f, N)[:, :L]).astype(np.int64)

        low = back(xl * yl)
        low += back(xl * yh + xh * yl) % q * 8192
        low += back(xh * yh) % q * ((1 << BITS) - q)
        low %= q
        out[r : r + rows] = low
    return out


def _convolve(x: np.ndarray, y: np.ndarray, p: np.ndarray) -> np.ndarray:
    if min(x.shape[1], y.shape[1]) < FFT_FROM or x.shape[1] + y.shape[1] > (1 << 17):
        return _direct(x, y, p)
    return _fft(x, y, p)


def atkinson_modular(R, bits: int | None = None) -> int:
    """Linear extensions of a rooted tree part (a ``_tree._Rooted``), exactly.

    ``bits`` bounds the count's bit length (``m!`` when not given); it says
    how many primes are needed.

    Examples
    --------
    The fence of 50 items (a zigzag a0 < a1 > a2 < ...) has the Euler
    zigzag number ``E_50`` of orders.

    >>> from analyser.orders._poset import Poset
    >>> from analyser.orders._tree import _Rooted, count_tree
    >>> G = nx.DiGraph([(i, i + 1) if i % 2 == 0 else (i + 1, i) for i in range(49)])
    >>> P = Poset.from_graph(G)
    >>> atkinson_modular(_Rooted(P, P.full)) % 10**12
    225146815121
    """
    m = R.m
    if bits is None:
        bits = factorial(m).bit_length()
    K = -(-(bits + 1) // (BITS - 1))
    ps = tree_primes(K)
    while K > 1 and sum(math.log2(q) for q in ps[: K - 1]) > bits + 1:  # primes of nearly 26 bits
        K -= 1
    ps = ps[:K]
    p = np.array(ps, dtype=_U)[:, None]
    fact, invf = _factorials(p, m)
    # every vector goes with its form (raw or normalised) and a bound on the
    # bits of its entries: raw ones are reduced only when a product or a
    # prefix sum could overflow 64 bits, normalised ones are always reduced
    vec: dict[int, tuple[np.ndarray, bool, int]] = {}
    for v in R.post:
        A, raw, abits = np.ones((K, 1), dtype=_U), True, 1
        left = right = 0  # zeros still to put around a normalised A
        for c, above in R.children[v]:
            B, braw, bbits = vec.pop(c)
            b = B.shape[1]
            a = A.shape[1] + left + right
            if b == 1 and a > 1:  # a leaf: v's place moves by a factor, or not at all
                if not raw:
                    right, left = right + above, left + (not above)
                    continue
                if abits + a.bit_length() > 64:
                    A %= p
                    abits = BITS
                new = np.zeros((K, a + 1), dtype=_U)
                if above:
                    np.multiply(A, np.arange(a, 0, -1, dtype=_U), out=new[:, :a])
                else:
                    np.multiply(A, np.arange(1, a + 1, dtype=_U), out=new[:, 1:])
                A, abits = new, abits + a.bit_length()
                continue
            if not braw:
                B, bbits = _scale(B, fact[:, :b], fact[:, b - 1 :: -1], p), BITS
            if bbits + b.bit_length() > 64:
                B %= p
                bbits = BITS
            S = np.zeros((K, b + 1), dtype=_U)
            if above:  # v < c: the child's root comes after the t items before v
                np.cumsum(B[:, ::-1], axis=1, out=S[:, b - 1 :: -1])
            else:
                np.cumsum(B, axis=1, out=S[:, 1:])
            sbits = bbits + b.bit_length()
            if a == 1:
                A, raw, abits = S, True, sbits
                continue
            if raw:
                if abits > 64 - BITS:
                    A %= p
                A = _scale(A, invf[:, :a], invf[:, a - 1 :: -1], p)
                raw = False
            elif left or right:
                A = np.pad(A, ((0, 0), (left, right)))
                left = right = 0
            if sbits > 64 - BITS:
                S %= p
            sigma = _scale(S, invf[:, : b + 1], invf[:, b::-1], p)
            A = _convolve(A, sigma, p)
        if left or right:
            A = np.pad(A, ((0, 0), (left, right)))
        vec[v] = (A, raw, abits if raw else BITS)
    A, raw, abits = vec[R.root]
    if abits > BITS:
        A %= p
    if not raw:
        A = _scale(A, fact[:, :m], fact[:, m - 1 :: -1], p)
    res = A.sum(axis=1) % p[:, 0]
    return crt([int(r) for r in res], tuple(ps))
