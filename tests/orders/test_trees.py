"""Tree-shaped posets: hook lengths and Atkinson's recursion against independent oracles.

Oracles, none of them sharing code with the engine: brute force over
permutations (up to 9 items), a plain downset DP over frozensets (mid
sizes), Euler zigzag numbers for fences, the hook-length formula computed
from networkx descendants for forests, ``(k + 1)! (k - 1)!`` for crowns and
the hook-length formula of rectangular Young tableaux for grids.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pytest

import analyser.orders._atkinson as atk
import analyser.orders._tree as tr
from analyser.orders import count_orders, freedom, iter_orders, rank_order, sample_orders, unrank_order
from analyser.orders._count import count_poset
from analyser.orders._poset import Poset
from analyser.orders._struct import decompose
from analyser.orders._table import DownsetTable
from posets import caterpillar, crown, fence, grid, random_tree, zigzag_numbers


# ---------------------------------------------------------------------------
# oracles and instances
# ---------------------------------------------------------------------------
def brute_count(G: nx.DiGraph) -> int:
    nodes = list(G)
    edges = [(nodes.index(u), nodes.index(v)) for u, v in G.edges]
    count = 0
    for perm in itertools.permutations(range(len(nodes))):
        pos = {v: i for i, v in enumerate(perm)}
        count += all(pos[u] < pos[v] for u, v in edges)
    return count


def brute_orders(G: nx.DiGraph) -> list[list]:
    """Every linear extension, in lexicographic order of the (sortable) nodes."""
    return [list(p) for p in itertools.permutations(sorted(G)) if all(p.index(u) < p.index(v) for u, v in G.edges)]


def downset_dp(G: nx.DiGraph) -> tuple[int, int]:
    """Independent oracle: (linear extensions, downsets) by a plain DP over frozensets."""
    preds = {v: set(G.predecessors(v)) for v in G}
    level: dict[frozenset, int] = {frozenset(): 1}
    states = 1
    for _ in range(len(G)):
        nxt: dict[frozenset, int] = defaultdict(int)
        for D, c in level.items():
            for v in G:
                if v not in D and preds[v] <= D:
                    nxt[D | {v}] += c
        level = nxt
        states += len(level)
    return level[frozenset(G)], states


ZIGZAG = zigzag_numbers(300)


def random_forest(n: int, seed: int, upward: bool) -> nx.DiGraph:
    """Each node hangs from at most one earlier node (upward: above it; else below it)."""
    rnd = random.Random(seed)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for v in range(1, n):
        if rnd.random() < 0.85:
            u = rnd.randrange(v)
            G.add_edge(*((u, v) if upward else (v, u)))
    return G


def hook_oracle(G: nx.DiGraph, upward: bool) -> int:
    hooks = [len(nx.descendants(G, v) if upward else nx.ancestors(G, v)) + 1 for v in G]
    return math.factorial(len(G)) // math.prod(hooks)


def young_rectangle(rows: int, cols: int) -> int:
    """Standard Young tableaux of a rows x cols rectangle: (rc)! / prod of hooks."""
    hooks = math.prod((rows - r) + (cols - c) - 1 for r in range(rows) for c in range(cols))
    return math.factorial(rows * cols) // hooks


def method_of(G: nx.DiGraph) -> str:
    stats: dict = {}
    count_orders(G, stats=stats)
    return stats["method"]


# ---------------------------------------------------------------------------
# shapes
# ---------------------------------------------------------------------------
def test_tree_kind_reads_the_hasse_diagram():
    P = Poset.from_graph(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")]))  # a -> c is not a cover
    assert tr.tree_kind(P, P.full) == "out"  # a chain is both; "out" is said first
    P = Poset.from_graph(nx.DiGraph([("a", "c"), ("b", "c"), ("c", "d")]))
    assert tr.tree_kind(P, P.full) == "in"
    P = Poset.from_graph(fence(6))
    assert tr.tree_kind(P, P.full) == "tree"
    diamond = Poset.from_graph(nx.DiGraph([(0, 1), (0, 2), (1, 3), (2, 3)]))
    assert tr.tree_kind(diamond, diamond.full) is None
    two = Poset.from_graph(nx.DiGraph([(0, 1), (1, 2), (3, 4), (3, 5)]))
    assert tr.tree_kind(two, two.full) is None  # a forest of two trees is not one tree
    root = decompose(two, trees=True)
    assert root.kind == "parallel" and [(c.kind, c.tree) for c in root.children] == [("tree", "out")] * 2


def test_decomposition_stops_at_trees_only_when_asked():
    P = Poset.from_graph(caterpillar(50))
    assert decompose(P, trees=True).kind == "tree"
    assert decompose(P).kind == "series"


# ---------------------------------------------------------------------------
# counts
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("n", range(1, 10))
@pytest.mark.parametrize("start_up", [True, False])
def test_fences_small_match_brute_force_and_zigzag(n, start_up):
    G = fence(n, start_up)
    assert count_orders(G) == brute_count(G) == ZIGZAG[n]


def test_fences_match_zigzag_numbers():
    for n in list(range(10, 61)) + [97, 150, 300]:
        stats: dict = {}
        assert count_orders(fence(n), stats=stats) == ZIGZAG[n], n
        assert stats["method"] == "tree" and stats["states"] == 0


@pytest.mark.parametrize("seed", range(60))
def test_random_trees_small_match_brute_force(seed):
    n = random.Random(seed).randrange(1, 10)
    G = random_tree(n, seed)
    assert count_orders(G) == brute_count(G)


@pytest.mark.parametrize("seed", range(12))
def test_random_trees_mid_match_an_independent_downset_dp(seed):
    G = random_tree(random.Random(seed).randrange(14, 26), 100 + seed)
    assert count_orders(G) == downset_dp(G)[0]


@pytest.mark.parametrize("seed", range(6))
def test_numpy_recursion_matches_python_recursion(seed, monkeypatch):
    """The modular numpy recursion (with and without FFT) against exact Python integers."""
    G = random_tree(random.Random(seed).randrange(60, 160), 200 + seed)
    P = Poset.from_graph(G)
    R = tr._Rooted(P, P.full)
    exact = tr._atkinson_python(R)
    assert atk.atkinson_modular(R, R.bits) == exact
    monkeypatch.setattr(atk, "FFT_FROM", 2)  # every join of two non-leaves by FFT
    assert atk.atkinson_modular(R, R.bits) == exact
    monkeypatch.setattr(atk, "FFT_FROM", 10**9)
    assert atk.atkinson_modular(R, R.bits) == exact
    assert atk.atkinson_modular(R) == exact  # bound from n!


def test_fft_and_direct_convolutions_agree():
    rng = np.random.default_rng(5)
    ps = atk.tree_primes(7)
    p = np.array(ps, dtype=np.uint64)[:, None]
    for a, b in ((1, 1), (3, 70), (64, 64), (200, 333)):
        x = (rng.integers(0, 1 << 62, (7, a), dtype=np.uint64) % p).astype(np.uint64)
        y = (rng.integers(0, 1 << 62, (7, b), dtype=np.uint64) % p).astype(np.uint64)
        d, f = atk._direct(x, y, p), atk._fft(x, y, p)
        assert np.array_equal(d, f)
        q = ps[0]
        want = np.convolve([int(v) for v in x[0]], [int(v) for v in y[0]])  # object ints: exact
        assert [int(v) % q for v in want] == [int(v) for v in d[0]]


def test_long_joins_by_fft_match_python_integers():
    """Three fences of 80 hanging from one node: joins of 81 and 80 items go through the FFT."""
    G = nx.DiGraph()
    for f in range(3):
        G.add_edges_from(((f, u), (f, v)) for u, v in fence(80, start_up=f != 1).edges)
        G.add_edge(*(("c", (f, 0)) if f != 2 else ((f, 0), "c")))
    P = Poset.from_graph(G)
    R = tr._Rooted(P, P.full)
    assert R.m > tr.PYTHON_TREE and min(R.size[u] for u, _ in R.children[R.root]) >= atk.FFT_FROM
    assert count_orders(G) == tr._atkinson_python(R)


def test_two_stars_joined_at_their_centres():
    """c1 is below 150 x's, 150 y's are below c2, and c1 < c2 (many leaves joined in raw form).

    Independently: count the words over c1, c2, x, y that respect that (a DP
    over how many x's and y's are placed), times 150! orders of the x's and
    of the y's.
    """
    k = 150
    G = nx.DiGraph()
    G.add_edges_from(("c1", ("x", i)) for i in range(k))
    G.add_edges_from((("y", i), "c2") for i in range(k))
    G.add_edge("c1", "c2")
    words: dict[tuple, int] = defaultdict(int)
    words[0, 0, False, False] = 1
    for i, j, c1, c2 in sorted(itertools.product(range(k + 1), range(k + 1), (False, True), (False, True)),
                               key=lambda s: s[0] + s[1] + s[2] + s[3]):
        w = words.get((i, j, c1, c2), 0)
        if not w:
            continue
        if c1 and i < k:
            words[i + 1, j, c1, c2] += w
        if not c2 and j < k:
            words[i, j + 1, c1, c2] += w
        if not c1:
            words[i, j, True, c2] += w
        if c1 and j == k and not c2:
            words[i, j, c1, True] += w
    expected = words[k, k, True, True] * math.factorial(k) ** 2
    stats: dict = {}
    assert count_orders(G, stats=stats) == expected
    assert stats["method"] == "tree"


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("upward", [True, False])
def test_forests_match_hook_lengths(seed, upward):
    G = random_forest(random.Random(seed).randrange(2, 120), seed, upward)
    stats: dict = {}
    assert count_orders(G, stats=stats) == hook_oracle(G, upward)
    assert stats["method"] in ("hook-length", "series-parallel")
    if len(G) <= 9:
        assert count_orders(G) == brute_count(G)


def test_caterpillar_of_8000_by_hook_lengths():
    G = caterpillar(4000)
    stats: dict = {}
    assert count_orders(G, stats=stats) == math.prod(range(1, 8000, 2))  # (2m - 1)!!
    assert stats == {**stats, "method": "hook-length", "states": 0}


def test_crowns_match_closed_form():
    for k in range(3, 5):
        assert count_orders(crown(k)) == brute_count(crown(k)) == math.factorial(k + 1) * math.factorial(k - 1)
    for k in range(5, 11):
        assert count_orders(crown(k)) == math.factorial(k + 1) * math.factorial(k - 1)


def test_grids_match_young_tableaux():
    for rows, cols in ((3, 3), (3, 8), (4, 7), (5, 5)):
        assert count_orders(grid(rows, cols)) == young_rectangle(rows, cols)
    assert method_of(grid(4, 7)) == "downsets"


def test_methods_are_reported():
    assert method_of(nx.DiGraph()) == "series-parallel"
    G = nx.DiGraph()
    G.add_nodes_from(range(30))
    assert method_of(G) == "series-parallel"
    assert method_of(caterpillar(20)) == "hook-length"
    assert method_of(fence(20)) == "tree"
    mixed = nx.union(fence(12), grid(3, 4), rename=("f", "g"))
    stats: dict = {}
    assert count_orders(mixed, stats=stats) == math.comb(24, 12) * ZIGZAG[12] * young_rectangle(3, 4)
    assert stats["method"] == "downsets" and stats["methods"] == {"tree": 1, "downsets": 1}


# ---------------------------------------------------------------------------
# completions, rank, unrank, sampling
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(25))
def test_tree_tables_give_exact_completions(seed):
    rnd = random.Random(seed)
    kind_of = {0: random_tree(rnd.randrange(2, 13), seed), 1: random_forest(rnd.randrange(2, 13), seed, True),
               2: random_forest(rnd.randrange(2, 13), seed, False)}
    for G in kind_of.values():
        P = Poset.from_graph(G)
        for part in decompose(P, trees=True).postorder():
            if part.kind != "tree":
                continue
            Q = P.induced(part.mask)
            exact = DownsetTable(Q)
            table = (tr.TreeTable(Q, Q.full) if part.tree == "tree" else tr.HookTable(Q, Q.full, part.tree))
            assert table.total == exact.total
            D = 0
            while D != Q.full:
                ready = [x for x in range(Q.n) if (Q.ready(D) >> x) & 1]
                for x in ready:
                    assert table.value_if(x) == exact.f[D | (1 << x)]
                x = rnd.choice(ready)
                table.advance(x)
                D |= 1 << x
            table.reset()
            assert table.value_if(next(x for x in range(Q.n) if (Q.sources >> x) & 1)) >= 1


@pytest.mark.parametrize("seed", range(15))
def test_rank_unrank_on_trees_match_brute_force(seed):
    rnd = random.Random(seed)
    make = [random_tree, lambda n, s: random_forest(n, s, True), lambda n, s: fence(n)][seed % 3]
    G = make(rnd.randrange(3, 9), seed)
    orders = brute_orders(G)
    assert count_orders(G) == len(orders)
    assert list(iter_orders(G)) == orders
    for i in sorted({0, len(orders) - 1, len(orders) // 2, rnd.randrange(len(orders))}):
        assert unrank_order(G, i) == orders[i]
        assert rank_order(G, orders[i]) == i
    F = freedom(G)
    assert F.total == len(orders)
    assert sum(F.first_counts.values()) == len(orders)


def test_sampling_a_fence_is_uniform():
    G = fence(5)  # 16 orders
    samples = sample_orders(G, 3200, seed=7)
    counts = Counter(tuple(s) for s in samples)
    assert set(counts) == {tuple(o) for o in brute_orders(G)}
    assert all(120 < c < 280 for c in counts.values())  # 200 expected each
    assert sample_orders(G, 5, seed=3) == sample_orders(G, 5, seed=3)


def test_rank_unrank_on_a_fence_of_60():
    G = fence(60)
    total = count_orders(G)
    assert total == ZIGZAG[60]
    for k in (0, total // 3, total - 1):
        order = unrank_order(G, k)
        assert rank_order(G, order) == k
        pos = {v: i for i, v in enumerate(order)}
        assert all(pos[u] < pos[v] for u, v in G.edges)


def test_count_poset_reports_tree_work():
    stats: dict = {}
    P = Poset.from_graph(fence(200))
    assert count_poset(P, 10**7, stats) == ZIGZAG[200]
    assert stats["tree_work"] == tr.tree_work(P, P.full) > 0
