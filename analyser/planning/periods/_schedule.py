"""Internal: the public entry points :func:`schedule` and :func:`lower_bound`.

The driver takes the earliest-period plan when it respects the capacity,
otherwise the heuristic plan, improved or proven optimal by the exact
search within the budget, then compacts it into a :class:`PeriodPlan`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from analyser.findings import BudgetExceededError
from analyser.planning.periods._bounds import _bounds
from analyser.planning.periods._heuristics import _compact, _heuristic, _score
from analyser.planning.periods._instance import _Instance
from analyser.planning.periods._search import _OutOfBudget, _Search

__all__ = ["DEFAULT_BUDGET", "METHODS", "PeriodPlan", "schedule", "lower_bound"]

#: Work units (states and partial batches generated, bound and dominance
#: steps) the exact search may spend before giving up: about a second.
DEFAULT_BUDGET = 2_000_000

#: Values of :attr:`PeriodPlan.method`.
METHODS = ("exact", "heuristic")


@dataclass(frozen=True)
class PeriodPlan:
    """Items placed into deployment periods.

    Attributes
    ----------
    assignment : dict
        Placed item -> period label, in period order, then key order.
    index : dict
        Placed item -> period index (position in ``labels``).
    batches : list of list
        The items of each period, one list per entry of ``labels``, each
        sorted by key. Periods may be empty.
    labels : list
        The given period labels followed by the extra ones the plan uses;
        its length is ``max(len(periods), periods_used)``.
    periods_used : int
        Index of the last non-empty period plus one (0 if nothing placed):
        how many periods the plan takes to finish.
    lower_bound : int
        A lower bound on ``periods_used`` of every plan that places all the
        items that can be placed at all (capacity aside) -- every item when
        ``extra_rounds`` is true. ``max(bound_reasons.values())``.
    bound_reasons : dict
        The parts of the bound, keyed by :data:`BOUND_REASONS`:
        ``"chain"`` the longest prerequisite chain in periods (1 with
        ``same_period``), ``"capacity"`` ``ceil(items / capacity)``,
        ``"registration"`` the last of the earliest possible periods of the
        items given chains and registration windows, ``"window"`` the
        combined bound: the items whose earliest period is at least ``t``
        and that have ``s`` periods of chain after them must fit, with
        their registration needs, into periods ``t .. end - 1 - s``;
        ``"deadlines"`` the first number of periods for which the latest
        periods the items could take (capacity- and registration-aware
        deadlines) are not before their earliest ones.
    optimal : bool
        True when the plan is proven optimal: it places as many items as
        possible and, among such plans, finishes earliest.
    method : str
        ``"exact"`` when the algorithm that decided the plan is exact for
        this input (the earliest-period plan, or a completed search);
        ``"heuristic"`` otherwise (the plan may still be optimal because it
        meets the lower bound).
    unplaced : list
        Items left out because the periods ran out (only with
        ``extra_rounds=False``), sorted by key.
    """

    assignment: dict
    index: dict
    batches: list
    labels: list
    periods_used: int
    lower_bound: int
    bound_reasons: dict
    optimal: bool
    method: str
    unplaced: list

    @property
    def complete(self) -> bool:
        """True when every item is placed."""
        return not self.unplaced


def _default_extra_label(n: int) -> tuple:
    return ("extra", n)


def schedule(
    G,
    periods: Sequence[Hashable] = (),
    *,
    capacity: int | None = None,
    needs_registration: Mapping | None = None,
    accepts_registration: Mapping | None = None,
    same_period: bool = False,
    key: Callable | None = None,
    budget: int = DEFAULT_BUDGET,
    extra_rounds: bool = True,
    extra_label: Callable[[int], Hashable] | None = None,
    require_optimal: bool = False,
    allowed: Mapping | None = None,
) -> PeriodPlan:
    """Place the items of ``G`` into deployment periods, finishing earliest.

    Parameters
    ----------
    G : networkx.DiGraph
        Edge ``u -> v`` means ``u`` must be in use before ``v``. Not modified.
    periods : sequence of hashable
        Period labels in time order, unique.
    capacity : int or None, optional
        Most items per period; ``None`` (default) for no limit.
    needs_registration : mapping, optional
        Item -> bool, True when the item needs period registration (missing
        items: False). A set of such items is accepted too.
    accepts_registration : mapping, optional
        Period label -> bool, False when the period no longer accepts
        registrations (missing labels: True). Extra periods always accept.
    same_period : bool, optional
        Allow an item in the same period as its prerequisites.
    key : callable, optional
        Sort key of items (the item itself by default): orders batches and
        ``unplaced`` and breaks every tie.
    budget : int, optional
        Work units the exact search may spend (0: no search); the default,
        :data:`DEFAULT_BUDGET`, is about a second. Past it the best
        heuristic plan is returned (``method="heuristic"``).
    extra_rounds : bool, optional
        Append generic periods when the given ones are not enough (default);
        if False, items that do not fit are returned in ``unplaced``.
    extra_label : callable, optional
        ``extra_label(n)`` labels the ``n``-th extra period (from 1);
        default ``("extra", n)``.
    require_optimal : bool, optional
        Raise :class:`~analyser.findings.BudgetExceededError` instead of
        returning a plan not proven optimal.
    allowed : mapping, optional
        Item -> the labels of the given periods it may use at all (its
        service's periods, those that still have a day on or after the
        day it becomes available); items absent may use every period.
        Extra periods are open to every item.

    Returns
    -------
    PeriodPlan

    Raises
    ------
    CycleError
        If ``G`` has a cycle.
    ValueError
        On duplicate or clashing period labels, a capacity below 1 or a
        negative budget.
    BudgetExceededError
        Only with ``require_optimal=True``.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("a", "c"), ("c", "d")])
    >>> G.add_node("e")
    >>> plan = schedule(G, ["2025/1", "2025/2", "2025/3"], capacity=2)
    >>> plan.batches
    [['a', 'e'], ['b', 'c'], ['d']]
    >>> plan.periods_used, plan.lower_bound, plan.optimal
    (3, 3, True)

    An item needing registration waits for a period that accepts it, and
    extra periods are added when the list runs out:

    >>> plan = schedule(G, ["2025/1", "2025/2"], needs_registration={"d": True},
    ...                 accepts_registration={"2025/2": False})
    >>> plan.assignment["d"], plan.labels
    (('extra', 1), ['2025/1', '2025/2', ('extra', 1)])
    >>> schedule(G, ["2025/1", "2025/2"], needs_registration={"d": True},
    ...          accepts_registration={"2025/2": False}, extra_rounds=False).unplaced
    ['d']

    An item may be limited to some periods (not available before the second):

    >>> schedule(G, ["2025/1", "2025/2", "2025/3"], allowed={"a": ["2025/2", "2025/3"]}).batches
    [['e'], ['a'], ['b', 'c'], ['d']]
    """
    budget = operator.index(budget)
    if budget < 0:
        raise ValueError("budget must be a non-negative number of work units")
    inst = _Instance(G, periods, capacity, needs_registration, accepts_registration,
                     same_period, key, extra_rounds, allowed)
    label_of = _default_extra_label if extra_label is None else extra_label

    e = inst.earliest()
    R = sum(1 << v for v in range(inst.n) if e[v] is not None)
    lb, reasons = _bounds(inst, e)

    where: list[int | None] = list(e)
    method, optimal = "exact", True
    if inst.K is not None and any(c > inst.K for c in _loads(e).values()):
        where = _heuristic(inst, R, lb)
        method = "heuristic"
        count, used = _score(where)
        if count == R.bit_count():
            optimal = used <= lb
        else:  # only without extra rounds: as many as any plan, as early as any
            optimal = count == _count_bound(inst, e, inst.P) and all(
                _count_bound(inst, e, T) < count for T in range(used - 1, -1, -1)
            )
        if not optimal and budget > 0:
            try:
                better = _Search(inst, R, budget).run(where)
            except _OutOfBudget:
                pass
            else:
                if better is not None:
                    where = better
                method, optimal = "exact", True
        if not optimal and require_optimal:
            err = BudgetExceededError(inst.n, budget + 1, budget, "plan_budget")
            err.params.update(placed=count, total=R.bit_count(), used=used, lower=lb)
            raise err
    where = _compact(inst, where)
    return _make_plan(inst, where, lb, reasons, optimal, method, label_of)


def _count_bound(inst: _Instance, e: list[int | None], T: int) -> int:
    """Most items a plan can place in periods ``0 .. T-1`` (finite capacity).

    Only items whose earliest period is below ``T`` can be placed; at most
    ``capacity`` per period, and items needing registration only in the
    accepting periods.
    """
    items = [v for v in range(inst.n) if e[v] is not None and e[v] < T]
    free = sum(1 for v in items if not inst.need[v])
    accepting = sum(1 for j in range(T) if inst.accepts(j))
    return min(len(items), inst.K * T, free + inst.K * accepting)


def _loads(where: list[int | None]) -> dict[int, int]:
    load: dict[int, int] = {}
    for j in where:
        if j is not None:
            load[j] = load.get(j, 0) + 1
    return load


def _make_plan(inst, where, lb, reasons, optimal, method, label_of) -> PeriodPlan:
    used = _score(where)[1]
    labels = list(inst.periods)
    for k in range(1, used - inst.P + 1):
        labels.append(label_of(k))
    if len(set(labels)) != len(labels):
        raise ValueError("extra period labels clash with each other or with the given periods")
    batches: list[list] = [[] for _ in labels]
    for v in range(inst.n):  # numbers are in key order
        if where[v] is not None:
            batches[where[v]].append(inst.nodes[v])
    assignment = {}
    index = {}
    for j, batch in enumerate(batches):
        for node in batch:
            assignment[node] = labels[j]
            index[node] = j
    unplaced = [inst.nodes[v] for v in range(inst.n) if where[v] is None]
    return PeriodPlan(
        assignment=assignment,
        index=index,
        batches=batches,
        labels=labels,
        periods_used=used,
        lower_bound=lb,
        bound_reasons=reasons,
        optimal=optimal,
        method=method,
        unplaced=unplaced,
    )


def lower_bound(
    G,
    periods: Sequence[Hashable] = (),
    *,
    capacity: int | None = None,
    needs_registration: Mapping | None = None,
    accepts_registration: Mapping | None = None,
    same_period: bool = False,
    extra_rounds: bool = True,
    allowed: Mapping | None = None,
) -> tuple[int, dict[str, int]]:
    """A lower bound on the periods a plan needs, and its parts.

    The bound holds for every plan that places all the items that can be
    placed at all (capacity aside): every item when ``extra_rounds`` is
    true. With ``extra_rounds=False`` a bound above ``len(periods)`` proves
    that some items must be left unplaced. The parts are described at
    :attr:`PeriodPlan.bound_reasons`; the bound is their maximum.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> G.add_nodes_from(["x", "y", "z"])
    >>> lower_bound(G, capacity=2)
    (3, {'chain': 3, 'capacity': 3, 'registration': 3, 'window': 3, 'deadlines': 3})
    >>> lower_bound(G, ["p1", "p2"], needs_registration={"x": True},
    ...             accepts_registration={"p1": False, "p2": False}, same_period=True)
    (3, {'chain': 1, 'capacity': 1, 'registration': 3, 'window': 3, 'deadlines': 3})
    """
    inst = _Instance(G, periods, capacity, needs_registration, accepts_registration,
                     same_period, None, extra_rounds, allowed)
    return _bounds(inst, inst.earliest())
