"""Internal: how free each item is, precedence probabilities, width and bounds."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from analyser.findings import BudgetExceededError
from analyser.orders._common import DEFAULT_BUDGET, Key, _as_poset, _check_budget, _exact_count, _oracle_for
from analyser.orders._count import PYTHON_BUDGET, downset_bound
from analyser.orders._poset import Poset, bits
from analyser.orders._refuse import refusal
from analyser.orders._struct import chain_cover
from analyser.orders._table import DownsetTable

__all__ = ["Freedom", "freedom", "precedence_matrix", "width", "downset_upper_bound"]

#: Incomparable pairs :func:`precedence_matrix` counts one by one when the
#: whole poset is too big for the pure-Python table.
MATRIX_PAIRS = 2_000


@dataclass(frozen=True)
class Freedom:
    """How free each item is over all allowed orders.

    Attributes
    ----------
    nodes : tuple
        All nodes, sorted by key.
    total : int
        Number of linear extensions.
    earliest, latest : dict
        Earliest and latest 1-based position each node takes in some
        linear extension (``1 + #ancestors`` and ``n - #descendants``).
    first_counts : dict
        For each minimal node, the number of linear extensions starting
        with it (they sum to ``total``).
    """

    nodes: tuple
    total: int
    earliest: dict
    latest: dict
    first_counts: dict
    _poset: Poset = field(repr=False, compare=False)
    _budget: int = field(repr=False, compare=False)

    def slack(self, node) -> int:
        """``latest - earliest`` of ``node``: 0 means its place is fixed."""
        return self.latest[node] - self.earliest[node]

    def precedence_probability(self, a, b) -> Fraction:
        """Probability that ``a`` precedes ``b`` in a uniformly random allowed order.

        Exact: the number of linear extensions of ``G`` plus ``a -> b``
        over the number of ``G``.

        Examples
        --------
        >>> G = nx.DiGraph([("a", "b")]); G.add_node("c")
        >>> freedom(G).precedence_probability("a", "c")
        Fraction(2, 3)
        """
        P = self._poset
        try:
            i, j = P.index[a], P.index[b]
        except (KeyError, TypeError):
            raise ValueError("both nodes must be in the graph") from None
        if i == j:
            raise ValueError("a and b must be different nodes")
        if (P.anc[j] >> i) & 1:
            return Fraction(1)
        if (P.anc[i] >> j) & 1:
            return Fraction(0)
        return Fraction(_exact_count(P.with_edge(i, j), self._budget), self.total)


def freedom(G, *, key: Key = None, budget: int = DEFAULT_BUDGET) -> Freedom:
    """Earliest/latest positions, first-item counts and precedence probabilities.

    Parameters
    ----------
    G : networkx.DiGraph
    key : callable, optional
        Order of ``Freedom.nodes`` and of the dictionaries.
    budget : int, optional
        Maximum DP states.

    Returns
    -------
    Freedom

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")]); G.add_node("d")
    >>> F = freedom(G)
    >>> F.total, F.earliest["b"], F.latest["a"], F.first_counts
    (8, 2, 2, {'a': 6, 'd': 2})
    >>> F.precedence_probability("b", "c")
    Fraction(1, 2)
    """
    budget = _check_budget(budget)
    P = _as_poset(G, key, sort=True)
    n = P.n
    earliest = {P.nodes[i]: P.anc[i].bit_count() + 1 for i in range(n)}
    latest = {P.nodes[i]: n - P.desc[i].bit_count() for i in range(n)}
    first_counts = {}
    try:
        O = _oracle_for(P, budget)
        total = O.total
        for m in bits(P.sources):
            first_counts[P.nodes[m]] = O.count_if(m)
    except BudgetExceededError as exc:
        # exact tables too big: count each "rest after m" on its own, all within the one budget
        spent = 0
        counts = []
        for Q in [P] + [P.induced(P.full & ~(1 << m)) for m in bits(P.sources)]:
            stats: dict = {}
            try:
                counts.append(_exact_count(Q, budget - spent, stats))
            except BudgetExceededError:
                raise exc from None
            spent += stats["states"] + stats["python_states"] + stats["tree_work"]
        total = counts[0]
        first_counts = {P.nodes[m]: c for m, c in zip(bits(P.sources), counts[1:])}
    return Freedom(tuple(P.nodes), total, earliest, latest, first_counts, P, budget)


def precedence_matrix(
    G, *, key: Key = None, budget: int = DEFAULT_BUDGET
) -> tuple[list, list[list[Fraction]]]:
    """All precedence probabilities at once.

    Returns
    -------
    nodes : list
        The nodes sorted by key.
    matrix : list of list of Fraction
        ``matrix[i][j]`` is the probability that ``nodes[i]`` comes before
        ``nodes[j]`` in a uniformly random allowed order (0 on the diagonal).

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b")]); G.add_node("c")
    >>> nodes, M = precedence_matrix(G)
    >>> nodes, [str(p) for p in M[0]]
    (['a', 'b', 'c'], ['0', '1', '2/3'])
    """
    budget = _check_budget(budget)
    P = _as_poset(G, key, sort=True)
    n = P.n
    if downset_bound(P) * max(n, 1) <= min(budget, PYTHON_BUDGET * 10):
        T = DownsetTable(P)
        N = T.precedence_counts()
        total = T.total
        M = [[Fraction(N[a][b], total) for b in range(n)] for a in range(n)]
        return list(P.nodes), M
    pairs = sum(n - 1 - (P.anc[i] | P.desc[i]).bit_count() for i in range(n)) // 2
    if pairs > MATRIX_PAIRS:
        raise refusal("budget_matrix", width(G), pairs, MATRIX_PAIRS, size=n)
    total = _exact_count(P, budget)
    M = [[Fraction(0)] * n for _ in range(n)]
    for a in range(n):
        for b in range(a + 1, n):
            if (P.anc[b] >> a) & 1:
                M[a][b] = Fraction(1)
            elif (P.anc[a] >> b) & 1:
                M[b][a] = Fraction(1)
            else:
                p = Fraction(_exact_count(P.with_edge(a, b), budget), total)
                M[a][b], M[b][a] = p, 1 - p
    return list(P.nodes), M


def width(G) -> int:
    """Size of a largest antichain (Dilworth: fewest chains covering ``G``).

    Computed as ``n`` minus a maximum matching of the bipartite graph of the
    transitive closure (augmenting paths over bitsets). A part of width
    ``w`` has at least ``2**w`` downsets, which is what decides whether an
    exact DP fits the budget.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    int
        0 for an empty graph.

    Examples
    --------
    >>> width(nx.DiGraph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]))
    2
    """
    P = _as_poset(G)
    return len(chain_cover(P)) if P.n else 0


def downset_upper_bound(G) -> int:
    """A cheap upper bound on the number of downsets (order ideals) of ``G``.

    Computed before any DP: disjoint unions multiply, ordinal sums add
    (both exactly), and a prime part contributes the smaller of the product
    of ``chain length + 1`` over a minimum chain decomposition and a tree
    bound over pairs of chains. Note that the DP only visits the downsets of
    prime parts, so a huge bound (an antichain of 1,000 has ``2**1000``
    downsets) does not mean counting is slow.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    int

    Examples
    --------
    >>> downset_upper_bound(nx.DiGraph([("a", "b"), ("c", "d")]))
    9
    """
    return downset_bound(_as_poset(G))
