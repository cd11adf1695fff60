"""Refusal on evidence: the order engine refuses only what is truly out of reach.

Before any work a prime part is refused only when its lower bound (``2**width``
downsets) passes the budget; otherwise the DP runs and stops, with the same
error, once the downsets it has actually found pass it. The errors carry their
values (``width``, ``bound``, ``budget``, ``reached``, how far the work got) and
are worded in Finnish and English by ``analyser.text.words_orders``.
"""

from __future__ import annotations

import math
import string

import networkx as nx
import pytest

import analyser.orders._count as oc
import analyser.orders._sweep as osw
from analyser.findings import BudgetExceededError
from analyser.orders import (
    DEFAULT_BUDGET,
    count_orders,
    downset_upper_bound,
    iter_orders,
    rank_order,
    unrank_order,
    width,
    within_budget,
)
from analyser.orders._count import count_python
from analyser.orders._engine import ChainSystem, LevelDP
from analyser.orders._poset import Poset
from analyser.orders._struct import chain_cover, decompose
from analyser.orders._sweep import Sweep
from analyser.orders._table import DownsetTable
from analyser.text.words_orders import WORDS

try:
    from tests.orders.test_trees import crown, downset_dp, fence, random_tree
    from tests.orders.test_orders_engine import lanes
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from test_orders_engine import lanes
    from test_trees import crown, downset_dp, fence, random_tree


def prime_system(G: nx.DiGraph) -> tuple[Poset, ChainSystem]:
    P = Poset.from_graph(G)
    root = decompose(P)
    assert root.kind == "prime"
    return P, ChainSystem(P, chain_cover(P))


def refused(fn, *args, **kwargs) -> BudgetExceededError:
    with pytest.raises(BudgetExceededError) as info:
        fn(*args, **kwargs)
    return info.value


def rendered(err: BudgetExceededError) -> tuple[str, str]:
    fi, en = WORDS[f"err.{err.key}"]
    return fi.format(**err.params), en.format(**err.params)


# ---------------------------------------------------------------------------
# before any work: only a lower bound refuses
# ---------------------------------------------------------------------------
def test_width_lower_bound_refuses_before_any_dp(monkeypatch):
    def no_dp(*args, **kwargs):
        raise AssertionError("no DP may start")

    monkeypatch.setattr("analyser.orders._sweep.Sweep", no_dp)
    monkeypatch.setattr("analyser.orders._engine.LevelDP", no_dp)
    G = crown(12)  # width 12: at least 4096 downsets
    err = refused(count_orders, G, budget=4000)
    assert (err.key, err.width, err.bound, err.budget) == ("budget_lower", 12, 4096, 4000)
    fi, en = rendered(err)
    assert "width 12" in en and "at least 4096" in en and "4000" in en
    assert "leveys on 12" in fi and "ainakin 4096" in fi


def test_old_estimate_no_longer_refuses():
    """An upper bound far above the budget is no reason to refuse: the downsets actually there are."""
    G = lanes(60, 6, 1.0, 3, 1)
    exact, states = downset_dp(G)
    assert decompose(Poset.from_graph(G)).kind == "prime"
    upper = downset_upper_bound(G)
    budget = (states + upper) // 2
    assert 2 ** width(G) <= states < budget < upper  # the old rule would have refused
    stats: dict = {}
    assert count_orders(G, budget=budget, stats=stats) == exact
    assert stats["method"] == "downsets"


def test_crown_s20_is_counted_at_the_default_budget():
    """The issue's example: estimated 705 M downsets, has 2.1 M; the count is 21! 19!."""
    stats: dict = {}
    assert count_orders(crown(20), stats=stats) == math.factorial(21) * math.factorial(19)
    assert stats["states"] <= DEFAULT_BUDGET < downset_upper_bound(crown(20))


def test_fence_40_and_random_tree_60_are_counted():
    """Refused before (width 20 and 2**20-many downsets); now by Atkinson's recursion in no time."""
    stats: dict = {}
    assert count_orders(fence(40), stats=stats) == 14851150718114980017877156781405826684425
    assert stats["method"] == "tree" and stats["states"] == 0
    G = random_tree(60, 4)
    assert count_orders(G, budget=1000) == count_orders(G)


@pytest.mark.parametrize("seed", range(4))
def test_sweep_matches_an_independent_downset_dp(seed):
    """Counts and the number of downsets of the sweep engine, against a plain DP over frozensets."""
    G = lanes(40 + 8 * seed, 4 + seed % 3, 0.8, 3, seed)
    exact, states = downset_dp(G)
    stats: dict = {}
    assert count_orders(G, stats=stats) == exact
    if stats["engines"] == {"sweep": 1} and decompose(Poset.from_graph(G)).kind == "prime":
        assert stats["states"] == states
    P = Poset.from_graph(G)
    for part in decompose(P).postorder():
        if part.kind == "prime":
            Q = P.induced(part.mask)
            S = Sweep(ChainSystem(Q, chain_cover(Q)), 10**9)
            assert S.found and S.states == DownsetTable(Q).states
            assert S.count() == count_python(Q)


# ---------------------------------------------------------------------------
# during the work: the evidence refuses, and says how far it got
# ---------------------------------------------------------------------------
def test_sweep_stops_once_the_downsets_found_pass_the_budget():
    G = lanes(60, 6, 1.0, 3, 1)
    P, cs = prime_system(G)
    states = DownsetTable(P).states
    budget = states // 3
    assert 2 ** cs.w <= budget
    err = refused(Sweep, cs, budget)
    assert err.key == "budget_reached_chains"
    assert budget < err.reached == err.bound <= states
    assert 1 <= err.params["placed"] <= err.params["size"] == cs.w
    fi, en = rendered(err)
    assert f"at least {err.reached} downsets" in en and f"{err.params['placed']} of its {cs.w} chains" in en
    assert f"ainakin {err.reached} alajoukkoa" in fi
    assert refused(count_orders, G, budget=budget).key == "budget_reached_chains"


def test_level_dp_stops_once_the_downsets_found_pass_the_budget(monkeypatch):
    G = lanes(60, 6, 1.0, 3, 1)
    P, cs = prime_system(G)
    states = DownsetTable(P).states
    budget = states // 3
    err = refused(LevelDP, cs, budget)
    assert err.key == "budget_reached"
    assert budget < err.reached <= states
    assert 0 < err.params["placed"] < err.params["size"] == P.n
    assert f"after {err.params['placed']} of its {P.n} items" in rendered(err)[1]
    # count_orders takes the level DP when the found downsets would not fit in memory
    monkeypatch.setattr(osw, "SWEEP_BYTES", 0)
    assert refused(count_orders, G, budget=budget).key == "budget_reached"
    stats: dict = {}
    assert count_orders(G, budget=states, stats=stats) == count_python(P)
    assert stats["engines"] == {"levels": 1} and stats["states"] == states


def test_tables_for_ranking_refuse_on_evidence_too():
    G = lanes(60, 6, 1.0, 3, 1)
    states = DownsetTable(Poset.from_graph(G)).states
    err = refused(unrank_order, G, 0, budget=states)  # tables need several words per downset
    assert err.key == "budget_tables" and err.bound > states
    assert "ranking and sampling" in rendered(err)[1]
    order = unrank_order(G, 0)
    assert order == next(iter_orders(G)) and rank_order(G, order) == 0


def test_budget_spans_all_parts():
    """Two prime parts side by side: their downsets add up against one budget."""
    one = lanes(40, 4, 0.6, 3, 5)
    G = nx.union(one, one, rename=("x", "y"))
    P1 = Poset.from_graph(one)
    states = DownsetTable(P1).states
    assert count_orders(G, budget=2 * states) == math.comb(2 * P1.n, P1.n) * count_python(P1) ** 2
    assert within_budget(count_orders, G, budget=states + states // 2) is None


def test_tree_parts_are_charged_their_work():
    G = fence(300)
    P = Poset.from_graph(G)
    work = oc.TreePlan(P, decompose(P, trees=True)).cost
    assert count_orders(G, budget=work) > 0
    err = refused(count_orders, G, budget=work - 1)
    assert (err.key, err.bound, err.params["size"]) == ("budget_tree", work, 300)
    assert "tree-shaped part of 300 items" in rendered(err)[1]
    # ranking recounts pieces, each charged: a small budget stops it instead of running for long
    assert refused(rank_order, G, list(range(0, 300, 2)) + list(range(1, 300, 2)), budget=work * 3).key == \
        "budget_tree"


def test_small_budget_on_small_instances():
    G = nx.DiGraph([(0, 1), (2, 3), (1, 3), (0, 4)])  # a tree: Atkinson in Python integers
    assert within_budget(count_orders, G, budget=3) is None
    assert count_orders(G, budget=100) == 11


# ---------------------------------------------------------------------------
# the words
# ---------------------------------------------------------------------------
def test_every_refusal_has_words_in_both_languages():
    fields = {name for fi, en in WORDS.values() for text in (fi, en)
              for _, name, _, _ in string.Formatter().parse(text) if name}
    assert fields <= {"width", "bound", "budget", "placed", "size"}
    for key, (fi, en) in WORDS.items():
        assert key.startswith("err.budget_") and fi and en and fi != en
        values = dict(width=7, bound=1234, budget=1000, placed=3, size=40)
        assert "1234" in fi.format(**values) or "1000" in fi.format(**values)
        assert "1000" in en.format(**values)
