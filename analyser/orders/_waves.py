"""Internal: waves, the minimum number of rounds and staged plans."""

from __future__ import annotations

from analyser.orders._common import DEFAULT_BUDGET, Key, _as_poset, _check_budget
from analyser.orders._staged import staged_poset
from analyser.orders._poset import Poset, bits

__all__ = ["waves", "min_rounds", "count_staged_plans"]


def _levels(P: Poset) -> list[int]:
    level = [0] * P.n
    for v in P.topo:
        lv = 0
        for p in bits(P.pred[v]):
            if level[p] + 1 > lv:
                lv = level[p] + 1
        level[v] = lv
    return level


def waves(G, *, key: Key = None) -> list[list]:
    """Topological generations: what can be done in round 1, 2, ...

    Wave ``i`` (0-based) holds the nodes whose longest chain of
    prerequisites has ``i`` items; each wave is sorted by key. Everything in
    a wave can be deployed together once the earlier waves are done.

    Parameters
    ----------
    G : networkx.DiGraph
    key : callable, optional
        Sort key inside a wave (the node itself by default).

    Returns
    -------
    list of list
        ``len(waves(G)) == min_rounds(G)``; ``[]`` for an empty graph.

    Examples
    --------
    >>> waves(nx.DiGraph([("b", "c"), ("a", "c"), ("c", "d"), ("a", "e")]))
    [['a', 'b'], ['c', 'e'], ['d']]
    """
    P = _as_poset(G, key, sort=True)
    level = _levels(P)
    out: list[list] = [[] for _ in range(max(level, default=-1) + 1)]
    for i, lv in enumerate(level):
        out[lv].append(P.nodes[i])
    return out


def min_rounds(G) -> int:
    """Minimum number of deployment rounds = longest chain = number of waves.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    int
        0 for an empty graph.

    Examples
    --------
    >>> min_rounds(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])), min_rounds(nx.DiGraph())
    (3, 0)
    """
    P = _as_poset(G)
    return max(_levels(P), default=-1) + 1


def count_staged_plans(G, *, budget: int = DEFAULT_BUDGET) -> int:
    """Count staged plans: sequences of non-empty batches covering all nodes.

    Each batch is an antichain and every prerequisite of a batch member lies
    in an earlier batch; equivalently, chains of downsets whose successive
    differences are non-empty antichains. The empty graph has one (empty)
    plan.

    Parameters
    ----------
    G : networkx.DiGraph
    budget : int, optional
        Maximum DP states; the pure-Python DP behind this count uses at most
        ``min(budget, 300_000)`` states.

    Returns
    -------
    int

    Raises
    ------
    BudgetExceededError
        If a prime part is too wide or the combination would take too long.

    Examples
    --------
    >>> G = nx.DiGraph(); G.add_nodes_from("ab")
    >>> count_staged_plans(G)  # {a,b} | a then b | b then a
    3
    >>> count_staged_plans(nx.DiGraph([("a", "b"), ("a", "c")]))
    3
    """
    budget = _check_budget(budget)
    return staged_poset(_as_poset(G), budget)
