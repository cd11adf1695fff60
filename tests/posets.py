"""Poset families with known counts of orders, shared by the order tests and ``benchmarks/bench_orders.py``.

Each family is a networkx DiGraph built deterministically (same nodes in the
same order on every run); ``zigzag_numbers`` is the closed form that fences
are checked against.
"""

from __future__ import annotations

import random

import networkx as nx


def fence(n: int, start_up: bool = True) -> nx.DiGraph:
    """The zigzag a0 < a1 > a2 < a3 ... (a0 > a1 < ... without ``start_up``): E_n orders (Euler zigzag number)."""
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for i in range(n - 1):
        up = (i % 2 == 0) == start_up
        G.add_edge(*((i, i + 1) if up else (i + 1, i)))
    return G


def zigzag_numbers(n: int) -> list[int]:
    """E_0 .. E_n by the boustrophedon (Seidel) triangle."""
    out, row = [1], [1]
    for _ in range(n):
        nxt = [0]
        for x in reversed(row):
            nxt.append(nxt[-1] + x)
        row = nxt
        out.append(row[-1])
    return out


def random_tree(n: int, seed: int) -> nx.DiGraph:
    """A uniformly random labelled tree on ``n`` nodes, every edge oriented at random."""
    rnd = random.Random(seed)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    if n > 1:
        for u, v in nx.random_labeled_tree(n, seed=seed).edges():
            G.add_edge(*((u, v) if rnd.random() < 0.5 else (v, u)))
    return G


def caterpillar(m: int) -> nx.DiGraph:
    """A spine s0 < s1 < ... < s(m-1) with one leg above each: 2m items, (2m - 1)!! orders."""
    G = nx.DiGraph()
    nx.add_path(G, [("s", i) for i in range(m)])
    G.add_edges_from((("s", i), ("l", i)) for i in range(m))
    return G


def crown(k: int) -> nx.DiGraph:
    """The crown S_k: a_i < b_j for every i != j; (k + 1)! (k - 1)! orders."""
    return nx.DiGraph([(f"a{i}", f"b{j}") for i in range(k) for j in range(k) if i != j])


def grid(rows: int, cols: int) -> nx.DiGraph:
    """The rows x cols grid, (r, c) below (r + 1, c) and (r, c + 1), nodes added column by column: its orders
    are the standard Young tableaux of the rectangle (Catalan numbers for 2 x n)."""
    G = nx.DiGraph()
    for c in range(cols):
        for r in range(rows):
            G.add_node((r, c))
            if r + 1 < rows:
                G.add_edge((r, c), (r + 1, c))
            if c + 1 < cols:
                G.add_edge((r, c), (r, c + 1))
    return G
