"""Benchmark of the order engine (``analyser.orders``): run it, read the table.

    python benchmarks/bench_orders.py            # full run (about a minute)
    python benchmarks/bench_orders.py --quick    # skip the largest DP instances

For each instance: size, width, the number of digits of the count, the best
wall time of ``count_orders`` over a few runs, its peak traced memory
(``tracemalloc``, measured in a separate run), the downset states the numpy
DP processed and their rate, and the time ``networkx.all_topological_sorts``
needs to count the same orders, measured in the same run. networkx is capped
(``--nx-cap`` seconds); a capped time is extrapolated linearly from the orders
it reached and marked ``~``. At the end the project's performance targets
are checked one by one.

Instance families: random sparse DAGs of bounded width (``w`` chains with
random forward cross edges), antichains, disjoint chains, 2 x n grids,
random series-parallel posets, instances with about a million orders,
tree-shaped posets (a fence, a random tree, a caterpillar), the crown S_20,
lanes of 300 items and width 8 (whose a-priori estimate was 224 M downsets
for 6.4 M real ones), a wide poset that must be refused quickly, and the
shipped table per profile (skipped when ``analyser.model`` or the data
cannot be loaded). The fences, the random tree, the caterpillar, the crown
and the grids come from ``tests/posets.py``, as in the tests. Where a
closed form is known (zigzag numbers for fences, ``(2m - 1)!!`` for the
caterpillar of 2m items, ``(k + 1)! (k - 1)!`` for crowns, Catalan numbers
for 2 x n grids) the count is checked against it in the same run (column
``check``); ``method`` is what ``count_orders`` says it used.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
sys.set_int_max_str_digits(0)  # counts like 2000! have thousands of digits

import networkx as nx  # noqa: E402

from analyser import orders  # noqa: E402
from analyser.findings import BudgetExceededError  # noqa: E402
from posets import caterpillar, crown, fence, grid, random_tree, zigzag_numbers  # noqa: E402


# ---------------------------------------------------------------------------
# instance families
# ---------------------------------------------------------------------------
def lanes(n: int, w: int, cross: float, span: int, seed: int) -> nx.DiGraph:
    """Random sparse DAG of width <= w: w chains and cross * n forward edges."""
    rnd = random.Random(seed)
    length = max(2, n // w)
    G = nx.DiGraph()
    for a in range(w):
        nx.add_path(G, [f"{a}.{i}" for i in range(length)])
    for _ in range(int(cross * n)):
        a, b = rnd.sample(range(w), 2)
        i = rnd.randrange(length - 1)
        G.add_edge(f"{a}.{i}", f"{b}.{min(length - 1, i + 1 + rnd.randrange(span))}")
    return G


def antichain(n: int) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    return G


def chains(k: int, length: int) -> nx.DiGraph:
    G = nx.DiGraph()
    for c in range(k):
        nx.add_path(G, [(c, i) for i in range(length)])
    return G


def series_parallel(n: int, seed: int) -> nx.DiGraph:
    """Random series-parallel poset: repeatedly join two random pieces."""
    rnd = random.Random(seed)
    pieces = [([i], [i]) for i in range(n)]  # (minimal, maximal) of each piece
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    while len(pieces) > 1:
        a = pieces.pop(rnd.randrange(len(pieces)))
        b = pieces.pop(rnd.randrange(len(pieces)))
        if rnd.random() < 0.5:
            pieces.append((a[0] + b[0], a[1] + b[1]))
        else:
            # ordinal sum: every maximal element of a below every minimal of b
            G.add_edges_from((x, y) for x in a[1] for y in b[0])
            pieces.append((a[0], b[1]))
    return G


def double_factorial(m: int) -> int:
    return math.prod(range(1, 2 * m, 2))


def wide_refusal() -> nx.DiGraph:
    """60 chains of 60 tied by sparse random edges: width 60, must be refused."""
    rnd = random.Random(0)
    G = chains(60, 60)
    for c in range(59):
        i = rnd.randrange(59)
        G.add_edge((c, i), (c + 1, rnd.randrange(i, 60)))
        G.add_edge((c + 1, rnd.randrange(59)), (rnd.randrange(60), 59))
    return G


def shipped_instances() -> list[tuple[str, nx.DiGraph]]:
    try:
        from analyser.load.catalogue import load_catalogue
        from analyser.model import build_graph
        from analyser.planning.situation import Situation

        catalogue = load_catalogue(with_tasks=False)
        graph = build_graph(catalogue)
        return [
            (f"profile {p.id}", Situation(catalogue, graph, p.id).remaining_graph)
            for p in catalogue.profiles
        ]
    except Exception as exc:  # the model/data may not be there yet
        print(f"(shipped table skipped: {type(exc).__name__}: {exc})")
        return []


# ---------------------------------------------------------------------------
# measuring
# ---------------------------------------------------------------------------
@dataclass
class Row:
    family: str
    name: str
    n: int
    width: int | None = None
    digits: int | None = None
    seconds: float = math.nan
    peak_mb: float = math.nan
    states: int = 0
    rate: float = math.nan
    nx_log10: float = math.nan  # log10 of networkx's seconds (may be huge)
    nx_capped: bool = False
    refused: str = ""
    method: str = ""
    check: str = "-"
    tags: set = field(default_factory=set)

    @property
    def nx_seconds(self) -> float:
        return 10**self.nx_log10 if self.nx_log10 < 300 else math.inf

    @property
    def speedup_log10(self) -> float:
        return self.nx_log10 - math.log10(self.seconds) if self.seconds > 0 else math.nan

    @property
    def speedup(self) -> float:
        x = self.speedup_log10
        return 10**x if x < 300 else math.inf


def best_time(fn, budget_s: float = 1.0, reps: int = 5) -> tuple[float, object]:
    best, result = math.inf, None
    start = time.perf_counter()
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
        if time.perf_counter() - start > budget_s:
            break
    return best, result


def peak_memory(fn) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def networkx_count(G: nx.DiGraph, total: int, cap: float) -> tuple[float, bool]:
    """log10 of the seconds networkx needs to count all orders, and whether capped.

    When capped, the time is extrapolated linearly from the orders reached.
    """
    start = time.perf_counter()
    counted = 0
    for _ in nx.all_topological_sorts(G):
        counted += 1
        if counted % 256 == 0 and time.perf_counter() - start > cap:
            elapsed = time.perf_counter() - start
            return math.log10(elapsed) + _log10(total) - math.log10(counted), True
    return math.log10(max(time.perf_counter() - start, 1e-9)), False


def _log10(x: int) -> float:
    b = x.bit_length()
    if b < 1000:
        return math.log10(x)
    return math.log10(x >> (b - 60)) + (b - 60) * math.log10(2)


def measure(family: str, name: str, G: nx.DiGraph, *, nx_cap: float, tags=(), expect: int | None = None,
            reps: int = 5) -> Row:
    row = Row(family, name, G.number_of_nodes(), tags=set(tags))
    row.width = orders.width(G) if G.number_of_nodes() <= 4000 else None
    try:
        row.seconds, count = best_time(lambda: orders.count_orders(G), reps=reps)
    except BudgetExceededError as exc:
        t = time.perf_counter()
        try:
            orders.count_orders(G)
        except BudgetExceededError:
            pass
        row.seconds = time.perf_counter() - t
        row.refused = f"refused (width {exc.width})"
        return row
    row.digits = len(str(count))
    if expect is not None:
        row.check = "ok" if count == expect else "WRONG"
    stats: dict = {}
    orders.count_orders(G, stats=stats)
    row.method = stats["method"]
    row.states = stats["states"]
    if row.states:
        row.rate = row.states / stats["dp_seconds"]
    row.peak_mb = peak_memory(lambda: orders.count_orders(G))
    if nx_cap > 0:
        row.nx_log10, row.nx_capped = networkx_count(G, count, nx_cap)
    return row


def fmt_seconds(s: float) -> str:
    if math.isnan(s):
        return "-"
    if math.isinf(s):
        return "inf"
    if s < 1e-3:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    if s < 1e6:
        return f"{s:.2f} s"
    return f"1e{math.log10(s):.0f} s"


def fmt_log_seconds(log_s: float) -> str:
    if math.isnan(log_s):
        return "-"
    if log_s < 6:
        return fmt_seconds(10**log_s)
    return f"1e{log_s:.0f} s"


def fmt_ratio(log_r: float) -> str:
    if math.isnan(log_r):
        return "-"
    if log_r < 6:
        return f"{10**log_r:,.0f}x"
    return f"1e{log_r:.0f}x"


def print_table(rows: list[Row]) -> None:
    head = ("family", "instance", "method", "n", "width", "digits", "check", "count time", "peak MB",
            "DP states", "states/s", "networkx", "speed-up")
    lines = []
    for r in rows:
        lines.append((
            r.family, r.name, r.method or "-", str(r.n), str(r.width if r.width is not None else "-"),
            r.refused or str(r.digits), r.check,
            fmt_seconds(r.seconds),
            "-" if math.isnan(r.peak_mb) else f"{r.peak_mb:.1f}",
            f"{r.states:,}" if r.states else "-",
            "-" if math.isnan(r.rate) else f"{r.rate / 1e6:.2f} M",
            ("~" if r.nx_capped else "") + fmt_log_seconds(r.nx_log10),
            fmt_ratio(r.speedup_log10),
        ))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print("  ".join(c.rjust(w) if i >= 3 else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))))


def other_operations(G: nx.DiGraph) -> list[tuple[str, float]]:
    from itertools import islice

    ops = [
        ("count_orders", lambda: orders.count_orders(G)),
        ("iter_orders, first 100", lambda: list(islice(orders.iter_orders(G), 100))),
        ("unrank_order(middle)", lambda: orders.unrank_order(G, orders.count_orders(G) // 2)),
        ("sample_orders(100)", lambda: orders.sample_orders(G, 100, seed=1)),
        ("freedom", lambda: orders.freedom(G)),
        ("precedence_matrix", lambda: orders.precedence_matrix(G)),
        ("count_staged_plans", lambda: orders.count_staged_plans(G)),
        ("waves + min_rounds", lambda: (orders.waves(G), orders.min_rounds(G))),
        ("explain_recommended", lambda: orders.explain_recommended(G)),
        ("check_order", lambda: orders.check_order(G, orders.recommended_order(G))),
    ]
    return [(name, best_time(fn)[0]) for name, fn in ops]


# ---------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the largest DP instances")
    ap.add_argument("--nx-cap", type=float, default=2.0, help="seconds allowed to networkx per instance")
    args = ap.parse_args(argv)
    cap = args.nx_cap
    print(f"analyser.orders benchmark  (python {sys.version.split()[0]}, networkx {nx.__version__}, "
          f"cores {os.cpu_count()}, budget {orders.DEFAULT_BUDGET:,})\n")

    rows: list[Row] = []
    for name, G in shipped_instances():
        rows.append(measure("shipped", name, G, nx_cap=cap, tags={"small"}))
    for n in (12, 16, 20):
        G = lanes(n, 4, 0.5, 3, n)
        rows.append(measure("small", f"random {n} items", G, nx_cap=cap, tags={"small"}))
    # about a million orders: the networkx comparison target
    rows.append(measure("million", "3 chains of 5", chains(3, 5), nx_cap=cap, tags={"million"}))
    rows.append(measure("million", "2 x 13 grid", grid(2, 13), nx_cap=cap, tags={"million"}))
    rows.append(measure("million", "random 18, w 3", lanes(18, 3, 0.6, 2, 2), nx_cap=cap, tags={"million"}))
    # random sparse DAGs of bounded width
    sparse = [(30, 3, 0.3, 4), (100, 4, 0.4, 5), (300, 4, 0.4, 5), (1000, 4, 0.4, 5), (2000, 4, 0.4, 5)]
    if not args.quick:
        sparse += [(150, 6, 0.4, 5), (500, 5, 0.5, 6), (2000, 5, 0.5, 4)]
    for n, w, cross, span in sparse:
        G = lanes(n, w, cross, span, 1)
        thin = {"thin"} if w == 4 and n >= 1000 else set()
        rows.append(measure("sparse", f"random {n}, w {w}", G, nx_cap=min(cap, 1.0), tags={"dp"} | thin))
    for n in (10, 1000, 2000):
        rows.append(measure("antichain", f"antichain {n}", antichain(n), nx_cap=min(cap, 1.0),
                            tags={"instant"} if n == 1000 else ({"2000"} if n == 2000 else set())))
    for k, L in ((2, 10), (50, 40), (20, 100)):
        tags = {"instant", "2000"} if (k, L) == (50, 40) else ({"2000"} if k * L == 2000 else set())
        rows.append(measure("chains", f"{k} chains of {L}", chains(k, L), nx_cap=min(cap, 1.0), tags=tags))
    grids = (10, 100, 1000) if args.quick else (10, 100, 1000, 2000)
    for n in grids:
        rows.append(measure("grid", f"2 x {n}", grid(2, n), nx_cap=min(cap, 1.0), tags={"dp"},
                            expect=math.comb(2 * n, n) // (n + 1)))
    for n in (100, 2000):
        rows.append(measure("series-parallel", f"random SP {n}", series_parallel(n, 7),
                            nx_cap=min(cap, 1.0), tags={"2000"} if n == 2000 else set()))
    # tree-shaped posets: hook lengths and Atkinson's recursion
    rows.append(measure("tree", "fence 300", fence(300), nx_cap=min(cap, 1.0), tags={"tree-1s"},
                        expect=zigzag_numbers(300)[300]))
    rows.append(measure("tree", "random tree 2,000", random_tree(2000, 1), nx_cap=min(cap, 1.0),
                        tags={"tree-1s"}))
    rows.append(measure("tree", "caterpillar 8,000", caterpillar(4000), nx_cap=min(cap, 1.0),
                        tags={"caterpillar"}, expect=double_factorial(4000)))
    # once over the a-priori estimate, now counted on the evidence
    rows.append(measure("budget", "crown S20", crown(20), nx_cap=min(cap, 1.0), tags={"counted"}, reps=1,
                        expect=math.factorial(21) * math.factorial(19)))
    rows.append(measure("budget", "lanes 300, w 8", lanes(300, 8, 1.0, 3, 1), nx_cap=min(cap, 1.0),
                        tags={"counted"}, reps=1))
    rows.append(measure("refusal", "60 x 60 wide", wide_refusal(), nx_cap=0, tags={"refusal"}))

    print_table(rows)

    G20 = lanes(20, 4, 0.5, 3, 20)
    print(f"\nOther operations on a 20-item instance ({orders.count_orders(G20):,} orders):")
    for name, secs in other_operations(G20):
        print(f"  {name:26s} {fmt_seconds(secs):>10s}")

    # ---- targets ----------------------------------------------------------
    print("\nTargets:")
    ok_all = True

    def report(label: str, ok: bool, detail: str) -> None:
        nonlocal ok_all
        ok_all &= ok
        print(f"  [{'met' if ok else 'NOT met'}] {label}: {detail}")

    inst = [r for r in rows if "instant" in r.tags]
    report("antichain of 1000 and 50 chains of 40 instant (< 50 ms)",
           all(r.seconds < 0.05 for r in inst),
           ", ".join(f"{r.name} {fmt_seconds(r.seconds)}" for r in inst))
    big = [r for r in rows if "2000" in r.tags]
    report("antichains, disjoint chains, series-parallel of 2,000 items < 100 ms",
           all(r.seconds < 0.1 for r in big),
           ", ".join(f"{r.name} {fmt_seconds(r.seconds)}" for r in big))
    dp = [r for r in rows if r.states >= 100_000]
    slowest = min(dp, key=lambda r: r.rate) if dp else None
    report(">= 1 million downsets per second (DPs of >= 100k states)",
           bool(dp) and all(r.rate >= 1e6 for r in dp),
           f"slowest {slowest.name}: {slowest.rate / 1e6:.2f} M/s" if slowest else "no DP ran")
    thin = [r for r in rows if "thin" in r.tags]
    report(">= 1 million downsets per second on long thin posets (random sparse 1,000-2,000 items, width 4)",
           bool(thin) and all(r.rate >= 1e6 for r in thin),
           ", ".join(f"{r.name}: {r.rate / 1e6:.2f} M/s" for r in thin))
    small = [r for r in rows if "small" in r.tags]
    report("every shipped-size instance (10-20 items) < 10 ms",
           all(r.seconds < 0.01 for r in small),
           f"slowest {fmt_seconds(max(r.seconds for r in small))}" if small else "none")
    mil = [r for r in rows if "million" in r.tags]
    report(">= 1,000x faster than networkx.all_topological_sorts on ~1 million orders",
           all(r.speedup >= 1000 for r in mil),
           ", ".join(f"{r.name}: {fmt_ratio(r.speedup_log10)}" for r in mil))
    trees = [r for r in rows if "tree-1s" in r.tags]
    report("fence 300 and a random tree poset of 2,000 < 1 s",
           all(r.seconds < 1 and not r.refused for r in trees),
           ", ".join(f"{r.name} {fmt_seconds(r.seconds)} ({r.method})" for r in trees))
    cat = [r for r in rows if "caterpillar" in r.tags]
    report("caterpillar of 8,000 < 0.5 s", all(r.seconds < 0.5 and not r.refused for r in cat),
           ", ".join(f"{r.name} {fmt_seconds(r.seconds)} ({r.method})" for r in cat))
    counted = [r for r in rows if "counted" in r.tags]
    report("crown S20 and lanes 300 x 8 counted at the default budget",
           all(not r.refused for r in counted),
           ", ".join(f"{r.name}: {r.refused or f'{r.states:,} downsets in {fmt_seconds(r.seconds)}'}"
                     for r in counted))
    checked = [r for r in rows if r.check != "-"]
    report("every count with a closed form matches it", all(r.check == "ok" for r in checked),
           ", ".join(f"{r.name} {r.check}" for r in checked))
    ref = [r for r in rows if "refusal" in r.tags]
    report("over-budget instance refused quickly (< 1 s)",
           all(r.refused and r.seconds < 1 for r in ref),
           ", ".join(f"{r.name}: {r.refused} in {fmt_seconds(r.seconds)}" for r in ref))
    print("\nall targets met" if ok_all else "\nSOME TARGETS NOT MET")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
