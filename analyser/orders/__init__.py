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
them. A connected part whose Hasse diagram is a tree is counted in
polynomial time: by the hook-length formula when every item has at most one
item just below it (or at most one just above: caterpillars, brooms,
chains), otherwise by Atkinson's ``O(n^2)`` recursion (fences, zigzags, any
orientation of a tree). Only the remaining *prime* parts need a dynamic
programme over downsets (order ideals): a prime part is covered by a minimum
number of chains (its width, Dilworth) and a downset becomes a vector of
chain heights. Long thin parts find all their downsets first and count them
level by level with exact multi-word integers; wider ones run level by
level in numpy with counts modulo primes below ``2**57``, rebuilt exactly by
the Chinese remainder theorem (tiny parts use an exact pure-Python DP). An
antichain of 2,000 items, 50 chains of 40, a series-parallel poset, a fence
or a random tree-shaped poset of 2,000 items, or a caterpillar of 8,000 items
therefore count in well under a second. ``count_orders(G, stats=d)`` says in
``d["method"]`` which of :data:`METHODS` the costliest part needed.

Budget and what works at which size
-----------------------------------
``budget`` is the number of DP states (downsets of prime parts) allowed,
:data:`DEFAULT_BUDGET` by default; tree parts are charged the work of
Atkinson's recursion in the same units (known exactly beforehand). An
instance is refused before any work only on a *lower* bound: a prime part of
width ``w`` has at least ``2**w`` downsets. Otherwise the DP runs and stops
with :class:`~analyser.findings.BudgetExceededError` as soon as the downsets
it has actually found pass the budget; the error says how many it found and
how far it got. Upper bounds (:func:`downset_upper_bound`) only choose the
engine. Nothing hangs or exhausts memory.

* :func:`count_orders`, :func:`iter_orders`, :func:`waves`,
  :func:`min_rounds`, :func:`recommended_order`, :func:`check_order`,
  :func:`width` and :func:`downset_upper_bound` are fast on any
  decomposable or tree-shaped instance (:func:`iter_orders` and the last
  six need no DP).
* :func:`rank_order`, :func:`unrank_order`, :func:`sample_orders` and
  :func:`freedom` keep exact tables of the prime parts (about
  ``states * (primes + 2)`` words must fit in the budget), and walk the
  decomposition otherwise, so huge decomposable instances work too. Hook
  length parts keep their completions with a multiplication per step;
  other tree parts recount the pieces a placed item leaves (a few seconds
  per order at 300 items, charged to the budget).
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
>>> stats = {}
>>> orders.count_orders(nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")]), stats=stats), stats["method"]
(5, 'tree')
"""

from analyser.findings import BudgetExceededError, CycleError
from analyser.orders._check import Violation, check_order
from analyser.orders._common import DEFAULT_BUDGET, within_budget
from analyser.orders._count import METHODS
from analyser.orders._enumerate import count_orders, iter_orders, rank_order, sample_orders, unrank_order
from analyser.orders._freedom import Freedom, downset_upper_bound, freedom, precedence_matrix, width
from analyser.orders._recommend import REASONS, explain_recommended, recommended_order
from analyser.orders._waves import count_staged_plans, min_rounds, waves

__all__ = [
    "DEFAULT_BUDGET",
    "METHODS",
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
