"""The order engine: every allowed extension order of a prerequisite DAG.

The caller gives a ``networkx.DiGraph`` ``G`` whose edge ``u -> v`` says
"``u`` must come before ``v``". The allowed orders are the *linear
extensions* of that poset. This module counts them exactly, enumerates them
lazily in lexicographic order, ranks and unranks them, samples them exactly
uniformly, and answers the planner's questions around them: waves, the
minimum number of rounds, staged plans, a recommended order with reasons,
checking a proposed order, and how free each item is.

``G`` is never modified. It need not be transitively reduced or closed; any
hashable nodes will do. A cycle raises
:class:`~analyser.findings.CycleError` carrying the cycle's members in order.

Keys and lexicographic order
----------------------------
Functions taking ``key`` compare nodes by ``key(node)`` (the node itself by
default, so then the nodes must be mutually comparable); "lexicographic"
means sequences compared item by item by key. Nodes with equal keys keep the
order of ``G.nodes``. Results never depend on set or dict iteration order,
so they are the same under any ``PYTHONHASHSEED``.

How the counts are made
-----------------------
The poset is first split along its series-parallel structure: a disjoint
union multiplies its parts' counts by the multinomial coefficient of their
sizes, an ordinal sum ("everything in A before everything in B") multiplies
them. Only the remaining *prime* parts need a dynamic programme over downsets
(order ideals). A prime part is covered by a minimum number of chains (its
width, Dilworth), a downset becomes a vector of chain heights, and the DP
runs level by level in numpy with counts modulo primes below ``2**57``,
rebuilt exactly by the Chinese remainder theorem (tiny parts use an exact
pure-Python DP instead). An antichain of 2,000 items, 50 chains of 40 or a
series-parallel poset of 2,000 items therefore count in milliseconds.

Budget and what works at which size
-----------------------------------
``budget`` is the number of DP states (downsets of prime parts) allowed,
:data:`DEFAULT_BUDGET` by default. Every prime part is sized before any DP
starts: a part of width ``w`` has at least ``2**w`` downsets, and an upper
bound (the smaller of the product of ``chain length + 1`` and a tree bound
over pairs of chains) is compared with the budget. Too big raises
:class:`~analyser.findings.BudgetExceededError` at once, naming the width;
the DP also stops if it ever passes the budget. Nothing hangs or exhausts
memory.

* :func:`count_orders`, :func:`iter_orders`, :func:`waves`,
  :func:`min_rounds`, :func:`recommended_order`, :func:`check_order`,
  :func:`width` and :func:`downset_upper_bound` are fast on any
  decomposable instance (:func:`iter_orders` and the last six need no DP).
* :func:`rank_order`, :func:`unrank_order`, :func:`sample_orders` and
  :func:`freedom` keep exact tables of the prime parts (about
  ``states * (primes + 2)`` words must fit in the budget), and walk the
  decomposition otherwise, so huge decomposable instances work too.
* :func:`count_staged_plans` runs a pure-Python DP on prime parts (at most
  ``min(budget, 300,000)`` states) and refuses past a few million
  big-number operations; :func:`precedence_matrix` needs a small poset or at
  most :data:`~analyser.orders._freedom.MATRIX_PAIRS` incomparable pairs.
  Both raise :class:`~analyser.findings.BudgetExceededError` rather than run
  for long.

:func:`within_budget` turns that refusal into ``None`` for callers that show
"out of reach" instead of an answer.

Examples
--------
>>> from analyser import orders
>>> G = nx.DiGraph([("a", "b"), ("a", "c")])
>>> orders.count_orders(G), orders.waves(G), orders.recommended_order(G)
(2, [['a'], ['b', 'c']], ['a', 'b', 'c'])
>>> orders.within_budget(orders.count_orders, G, budget=10)
2
"""

from analyser.findings import BudgetExceededError, CycleError
from analyser.orders._check import Violation, check_order
from analyser.orders._common import DEFAULT_BUDGET, within_budget
from analyser.orders._enumerate import count_orders, iter_orders, rank_order, sample_orders, unrank_order
from analyser.orders._freedom import Freedom, downset_upper_bound, freedom, precedence_matrix, width
from analyser.orders._recommend import REASONS, explain_recommended, recommended_order
from analyser.orders._waves import count_staged_plans, min_rounds, waves

__all__ = [
    "DEFAULT_BUDGET",
    "REASONS",
    "Violation",
    "Freedom",
    "count_orders",
    "iter_orders",
    "rank_order",
    "unrank_order",
    "sample_orders",
    "waves",
    "min_rounds",
    "count_staged_plans",
    "recommended_order",
    "explain_recommended",
    "check_order",
    "freedom",
    "precedence_matrix",
    "width",
    "downset_upper_bound",
    "within_budget",
    "CycleError",
    "BudgetExceededError",
]
