"""Tests of the fast engines behind analyser.orders.

The numpy level DP (with CRT over several primes, hash codes and chunked
merging forced on), the decomposition, the bounds and the completion oracle
are checked against the exact pure-Python downset DP and brute force.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analyser.orders._count as oc
import analyser.orders._engine as oe
from analyser.findings import BudgetExceededError
from analyser.orders import (
    count_orders,
    count_staged_plans,
    downset_upper_bound,
    freedom,
    iter_orders,
    rank_order,
    sample_orders,
    unrank_order,
    width,
)
from analyser.orders._count import PrimePlan, count_python
from analyser.orders._engine import ChainSystem, LevelDP, crt, primes, tree_bound
from analyser.orders._oracle import Oracle
from analyser.orders._poset import Poset
from analyser.orders._struct import chain_cover, decompose
from analyser.orders._table import DownsetTable
try:
    from tests.test_orders import brute_orders, dags, is_linear_extension, sample_indices
except ImportError:  # tests/ is not a package: pytest put it on sys.path
    from test_orders import brute_orders, dags, is_linear_extension, sample_indices


def lanes(n: int, w: int, cross: float, span: int, seed: int) -> nx.DiGraph:
    """``w`` chains with random forward cross edges: width at most ``w``."""
    rnd = random.Random(seed)
    length = max(2, n // w)
    G = nx.DiGraph()
    for a in range(w):
        nx.add_path(G, [(a, i) for i in range(length)])
    for _ in range(int(cross * n)):
        a, b = rnd.sample(range(w), 2)
        i = rnd.randrange(length - 1)
        G.add_edge((a, i), (b, min(length - 1, i + 1 + rnd.randrange(span))))
    return G


@contextlib.contextmanager
def numpy_everywhere():
    """Make every prime part use the numpy engine, however small."""
    saved = oc.SMALL_STATES, oc.SMALL_PER_LEVEL
    oc.SMALL_STATES, oc.SMALL_PER_LEVEL = 0, 0
    try:
        yield
    finally:
        oc.SMALL_STATES, oc.SMALL_PER_LEVEL = saved


@contextlib.contextmanager
def tiny_chunks(rows: int = 3):
    saved = oe.CHUNK
    oe.CHUNK = rows
    try:
        yield
    finally:
        oe.CHUNK = saved


def prime_system(G: nx.DiGraph, *, dual: bool = False) -> tuple[Poset, ChainSystem]:
    P = Poset.from_graph(G)
    return P, ChainSystem(P, chain_cover(P), dual=dual)


# ---------------------------------------------------------------------------
# CRT and primes
# ---------------------------------------------------------------------------
def test_primes_and_crt_roundtrip():
    ps = tuple(primes(6))
    assert len(set(ps)) == 6 and all(p < 2**57 for p in ps)
    assert all(pow(2, p - 1, p) == 1 for p in ps)
    for x in (0, 1, 2**57, math.factorial(60), math.prod(ps) - 1):
        assert crt([x % p for p in ps], ps) == x


# ---------------------------------------------------------------------------
# numpy DP against the exact pure-Python DP
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "n,w,cross,span,seed",
    [(40, 4, 0.3, 4, 1), (60, 5, 0.5, 6, 2), (36, 6, 0.2, 5, 3), (30, 3, 1.0, 3, 4), (24, 6, 0.3, 4, 5)],
)
def test_level_dp_matches_exact_python(n, w, cross, span, seed):
    G = lanes(n, w, cross, span, seed)
    P, cs = prime_system(G)
    exact = DownsetTable(P)
    dp = LevelDP(cs, 10**8)
    assert dp.count() == exact.total == count_python(P)
    assert dp.states == exact.states
    assert tree_bound(cs) >= exact.states - 1e-6
    # several primes really were needed for the bigger ones
    if exact.total.bit_length() > 56:
        assert dp.k >= 2 and exact.total >= dp.ps[0]


def test_level_dp_hash_codes_and_chunks_match():
    G = lanes(30, 4, 0.4, 4, 7)
    P, cs = prime_system(G)
    expected = count_python(P)
    cs.exact_codes = False  # force the hashed codes with collision checks
    cs.set_strides(3)
    with tiny_chunks(12):
        dp = LevelDP(cs, 10**8, keep=True)
    assert dp.count() == expected
    assert dp.lookup([0] * cs.w) == 1
    assert dp.lookup(cs.L) == expected


def test_level_dp_aborts_over_budget():
    G = lanes(40, 5, 0.4, 5, 7)
    P, cs = prime_system(G)
    with pytest.raises(BudgetExceededError) as info:
        LevelDP(cs, 50)
    assert info.value.width == cs.w


def test_dual_table_gives_completions():
    G = lanes(24, 3, 0.5, 3, 11)
    P, csd = prime_system(G, dual=True)
    exact = DownsetTable(P)
    dp = LevelDP(csd, 10**7, keep=True)
    # completions of a downset D = ways to reach P \ D in the dual
    for D in list(exact.f)[:: max(1, len(exact.f) // 50)]:
        Hd = [len(c) - sum(1 for x in c if (D >> x) & 1) for c in csd.chains]
        assert dp.lookup(Hd) == exact.f[D]


@settings(max_examples=60, deadline=None)
@given(dags())
def test_numpy_engine_everywhere_matches_brute_force(G):
    with numpy_everywhere():
        expected = brute_orders(G)
        assert count_orders(G) == len(expected)
        for i in sample_indices(len(expected), 8):
            assert unrank_order(G, i) == expected[i]
            assert rank_order(G, expected[i]) == i
        F = freedom(G)
        assert F.total == len(expected)
        for s in sample_orders(G, 3, seed=1):
            assert is_linear_extension(G, s)


# ---------------------------------------------------------------------------
# decomposition and bounds
# ---------------------------------------------------------------------------
@settings(max_examples=80, deadline=None)
@given(dags())
def test_decomposition_counts_and_bounds(G):
    P = Poset.from_graph(G)
    exact = DownsetTable(P)
    assert count_orders(G) == exact.total
    assert downset_upper_bound(G) >= exact.states
    root = decompose(P)
    covered = 0
    for part in root.postorder():
        if not part.children:
            assert covered & part.mask == 0
            covered |= part.mask
        if part.kind == "series":
            for lo, hi in zip(part.children, part.children[1:]):
                for a in range(P.n):
                    if (lo.mask >> a) & 1:
                        assert P.desc[a] & hi.mask == hi.mask
    assert covered == P.full


def test_series_parallel_bound_is_exact():
    # ((a || b) ; c ; (d || (e ; f)))
    G = nx.DiGraph([(x, "c") for x in "ab"] + [("c", "d"), ("c", "e"), ("e", "f")])
    downsets = sum(
        1
        for r in range(7)
        for s in itertools.combinations(G, r)
        if all(set(nx.ancestors(G, v)) <= set(s) for v in s)
    )
    assert downset_upper_bound(G) == downsets


def test_prime_plan_refuses_wide_parts_before_work():
    # a "crown"-like wide prime poset: 30 minimal, 30 maximal, each max above 3 mins
    G = nx.DiGraph()
    for j in range(30):
        for d in range(3):
            G.add_edge(("lo", (j + d) % 30), ("hi", j))
    P = Poset.from_graph(G)
    root = decompose(P)
    assert root.kind == "prime"
    with pytest.raises(BudgetExceededError) as info:
        PrimePlan(P, None, 10**6)
    assert info.value.width == 30 and "width 30" in info.value.text("en")
    assert width(G) == 30


# ---------------------------------------------------------------------------
# large instances through the public API
# ---------------------------------------------------------------------------
def test_large_sparse_prime_count_matches_python():
    G = lanes(400, 4, 0.4, 5, 13)
    P = Poset.from_graph(G)
    stats: dict = {}
    got = oc.count_poset(P, 10**7, stats)
    assert got == count_python(P)
    assert stats["states"] > 0  # the numpy engine ran


def test_oracle_on_decomposable_giant():
    # antichain of 300 beside a chain of 5: oracle works without any table
    G = nx.DiGraph()
    G.add_nodes_from(range(300))
    nx.add_path(G, [f"c{i}" for i in range(5)])
    key = str
    total = count_orders(G)
    assert total == math.factorial(305) // math.factorial(5)
    last = unrank_order(G, total - 1, key=key)
    assert is_linear_extension(G, last)
    assert rank_order(G, last, key=key) == total - 1
    assert unrank_order(G, 0, key=key) == sorted(G, key=key)
    assert is_linear_extension(G, sample_orders(G, 1, seed=5, key=key)[0])
    assert next(iter_orders(G, key=key)) == sorted(G, key=key)


def test_oracle_counts_sum_to_total():
    G = lanes(30, 3, 0.4, 3, 17)
    G.add_edges_from([("x", "y"), ("z", "y")])  # a separate small component
    for engine in (contextlib.nullcontext, numpy_everywhere):
        with engine():
            P = Poset.from_graph(G)
            O = Oracle(P, 10**7)
            assert O.total == DownsetTable(P).total
            D, R = 0, P.sources
            steps = 0
            while R:
                cs = {x: O.count_if(x) for x in range(P.n) if (R >> x) & 1}
                assert sum(cs.values()) == O.total if steps == 0 else True
                x = max(sorted(cs), key=cs.get)
                O.advance(x)
                D |= 1 << x
                R = P.ready(D)
                steps += 1
            assert steps == P.n


def test_staged_plans_on_decomposable_instances():
    # antichain of n: ordered set partitions (Fubini numbers)
    fubini = [1, 1, 3, 13, 75, 541, 4683, 47293]
    for n, f in enumerate(fubini):
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        assert count_staged_plans(G) == f
    # a chain of n has one staged plan; two chains of 2 have Delannoy-like merges
    assert count_staged_plans(nx.path_graph(6, create_using=nx.DiGraph)) == 1
    G = nx.DiGraph([(0, 1), (2, 3)])
    assert count_staged_plans(G) == 13  # Delannoy number D(2, 2)


def test_crt_needed_several_primes_and_matches_exact():
    G = lanes(90, 5, 0.4, 6, 21)
    P, cs = prime_system(G)
    dp = LevelDP(cs, 10**8)
    exact = count_python(P)
    assert exact > 2**120  # several primes are really needed
    assert dp.k >= 3
    assert dp.count() == exact
    # a single prime alone would not have given the answer
    assert int(dp.residues[0]) != exact


def test_staged_plans_refuse_instead_of_hanging():
    G = nx.DiGraph()
    for c in range(50):
        nx.add_path(G, [(c, i) for i in range(40)])
    with pytest.raises(BudgetExceededError) as info:
        count_staged_plans(G)
    assert "staged plans" in info.value.text("en")


def test_precedence_matrix_pairwise_path_and_refusal(monkeypatch):
    import analyser.orders._freedom as orders_mod
    from analyser.orders import precedence_matrix

    G = lanes(12, 3, 0.3, 2, 3)
    nodes_t, M_table = precedence_matrix(G)
    # force the pair-by-pair counting path
    monkeypatch.setattr(orders_mod, "PYTHON_BUDGET", 0)
    nodes_p, M_pairs = precedence_matrix(G)
    assert nodes_p == nodes_t and M_pairs == M_table
    monkeypatch.setattr(orders_mod, "MATRIX_PAIRS", 3)
    with pytest.raises(BudgetExceededError):
        precedence_matrix(G)


def _reference_recommended(G, soft, avail, key=None):
    """Straightforward reference: re-sort every ready item at every step."""
    key = key or (lambda v: v)
    soft = {(u, v) for u, v in soft if u in G and v in G and u != v}
    done, out = [], []
    while len(done) < len(G):
        ready = [v for v in G if v not in done and all(p in done for p in G.predecessors(v))]

        def crit(v):
            pending = any(u not in done for u, w in soft if w == v)
            d = avail.get(v)
            return (pending, (1,) if d is None else (0, d), -len(nx.descendants(G, v)), key(v))

        ready.sort(key=crit)
        best = ready[0]
        if len(ready) == 1:
            reason = "only-ready"
        else:
            a, b = crit(best), crit(ready[1])
            reason = ["recommended-first", "earliest-available", "unlocks-most", "key"][
                next(i for i in range(4) if a[i] != b[i])
            ]
        out.append((best, reason))
        done.append(best)
    return out


@settings(max_examples=100, deadline=None)
@given(dags(), st.randoms(use_true_random=False))
def test_recommended_matches_reference(G, rnd):
    import datetime as dt

    from analyser.orders import explain_recommended

    nodes = sorted(G.nodes)
    soft = [(rnd.choice(nodes), rnd.choice(nodes)) for _ in range(rnd.randrange(4))] if nodes else []
    avail = {v: dt.date(2025, 1, rnd.randint(1, 2)) for v in nodes if rnd.random() < 0.4}
    assert explain_recommended(G, soft_edges=soft, available_from=avail) == _reference_recommended(
        G, soft, avail
    )
