"""A staged plan over Kela's deployment periods (käyttöönottojaksot).

A care provider takes Kanta functionalities ("items") into use in Kela's
deployment periods, three a year. :func:`schedule` puts the items of a
prerequisite DAG into a given, time-ordered list of periods so that

* an item goes live in a period strictly after the periods of all its
  prerequisites (edge ``u -> v``: ``u`` before ``v``); with
  ``same_period=True`` the same period is allowed too ("not earlier than");
* a period holds at most ``capacity`` items (``None``: unlimited);
* an item that needs period registration (``needs_registration[item]``) is
  placed only in a period that accepts registrations
  (``accepts_registration[label]``, computed by the caller from the
  registration deadline);
* the plan finishes as early as possible: it minimises ``periods_used``, the
  index of the last non-empty period plus one. Periods may stay empty.

When the given periods are not enough, ``extra_rounds=True`` (the default)
appends generic future periods labelled ``("extra", 1)``, ``("extra", 2)``,
... (or by ``extra_label(n)``); these accept registrations. With
``extra_rounds=False`` the items that do not fit are reported in
``PeriodPlan.unplaced`` and the plan places as many items as possible, then
finishes as early as possible.

:func:`validate_plan` is an independent checker returning every violated
rule, and :func:`lower_bound` gives the bound a plan is measured against.

Algorithms
----------
*Unlimited capacity.* Let ``e(v)`` be the earliest period ``v`` could take
when every prerequisite takes its own earliest one: the first period at or
after ``max(e(u) + 1)`` over the prerequisites ``u`` (``max(e(u))`` with
``same_period``) that ``v`` may use (any period, or an accepting one when
``v`` needs registration). Placing every item at ``e(v)`` is optimal: for
any valid plan ``q`` we have ``e(v) <= q(v)`` for every item, by induction
in topological order -- ``q(v)`` is a period ``v`` may use, at or after
``max(q(u) + 1) >= max(e(u) + 1)``, and ``e(v)`` is the *first* such period.
Registration windows do not break this, because "a period this item may
use, at or after a threshold" only gets later as the threshold rises. The
same induction shows that the items placed by this plan, when the periods
are limited, are a superset of those placed by any other plan. So the plan
is exact for both objectives; the same holds with a finite capacity whenever
this plan happens to respect it.

*Finite capacity.* This is ``P|prec,p_j=1|Cmax`` (unit-time jobs on
``capacity`` machines) with registration windows on top: strongly NP-hard
when the capacity is part of the input (Ullman 1975), polynomial for
capacity 2 without windows (Coffman--Graham), open for a fixed capacity of
3 or more. The plan is found in three steps.

1. Lower bound (:func:`lower_bound`): longest chain, ``ceil(items /
   capacity)``, the earliest periods ``e(v)`` above, a window bound (the
   items whose earliest period is at least ``t`` and that have ``s``
   periods of chain after them must fit, their registration needs
   included, between ``t`` and ``end - 1 - s``), and a deadline bound: the
   first ``T`` for which Garey--Johnson style deadlines (capacity- and
   registration-aware, see ``_deadlines``) leave every item a period at or
   after ``e(v)``.
2. List scheduling fills the periods in order with the ready items of best
   priority. Priorities tried: earliest deadline first for targets ``T``
   of the bound and the next two (the Garey--Johnson rule, optimal for
   capacity 2 without windows), the same with registration-needing items
   first, longest remaining chain first (Hu), most descendants first. The
   best plan is kept; if it meets the bound it is optimal.
3. Otherwise a breadth-first search over downsets, layered by period,
   finds a better plan or proves the incumbent optimal:

   * a state is the set ``D`` of items placed in periods ``0..i``; it is
     closed under prerequisites (a downset);
   * from ``D``, period ``i + 1`` takes only inclusion-maximal batches: all
     the items it can take if they number at most ``capacity``, otherwise
     every ``capacity``-sized set of them closed under prerequisites (a
     smaller batch ``S`` inside a feasible ``S'`` leads to ``D | S`` inside
     ``D | S'``);
   * symmetry: ready items with the same successors and the same
     registration need are interchangeable (swap their periods in any
     plan), so only one choice per such multiset is generated;
   * dominance: a state inside another state of the same layer is
     dropped; whatever the smaller one can still do, the larger one can
     (the same batches minus what it already holds);
   * bounds: a state is dropped when the items still ahead of it cannot
     finish before the incumbent (chain tails against capacity and
     accepting periods) or cannot meet the deadlines of step 1 for a plan
     one period shorter than the incumbent.

   Layers are explored in order, so the first state holding every item is
   an optimal finish. Without extra rounds, when not every item fits, the
   search maximises the number of items placed, then finishes earliest.

The search is charged one unit per state or partial batch it generates;
past ``budget`` it stops and the incumbent is returned with
``method="heuristic"``, ``optimal`` true only if it meets the bound.

Determinism
-----------
Items are numbered in ``key`` order (the node itself by default; equal keys
keep the order of ``G.nodes``) and every choice is made over those numbers,
so the same input gives the same plan under any ``PYTHONHASHSEED``. The
final plan is compacted: items are moved, in topological order, to the
earliest period with room that the rules allow, so every item goes as early
as it can given the others. Batches and ``unplaced`` are sorted by key.

Examples
--------
>>> plan = schedule(nx.DiGraph([("a", "b"), ("a", "c")]), ["2025/1", "2025/2"], capacity=1)
>>> plan.batches, plan.labels[-1]
([['a'], ['b'], ['c']], ('extra', 1))
>>> validate_plan(nx.DiGraph([("a", "b")]), {"a": 0, "b": 0}, ["2025/1"])
["precedence: 'b' in period 0 is not after its prerequisite 'a' in period 0"]
"""

from analyser.planning.periods._bounds import BOUND_REASONS
from analyser.planning.periods._schedule import (
    DEFAULT_BUDGET,
    METHODS,
    PeriodPlan,
    lower_bound,
    schedule,
)
from analyser.planning.periods._validate import validate_plan

__all__ = [
    "DEFAULT_BUDGET",
    "METHODS",
    "BOUND_REASONS",
    "PeriodPlan",
    "schedule",
    "lower_bound",
    "validate_plan",
]

