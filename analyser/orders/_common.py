"""Internal: helpers shared by the public order functions.

The budget and its check, the poset of a graph (sorted by key when asked),
one exact count, the oracle of exact completion counts, and one step of a
plan (placing a ready item). :func:`within_budget` is public: the one way to
ask for an exact answer "or ``None`` when it is out of reach".
"""

from __future__ import annotations

import operator
from typing import Callable, Hashable, TypeVar

from analyser.findings import BudgetExceededError
from analyser.orders._count import count_poset
from analyser.orders._oracle import Oracle
from analyser.orders._poset import Poset, bits, key_order

__all__ = ["DEFAULT_BUDGET", "Key", "within_budget"]

#: Number of dynamic-programming states (downsets) an exact answer may use.
DEFAULT_BUDGET = 20_000_000

Key = Callable[[Hashable], object] | None

T = TypeVar("T")


def within_budget(func: Callable[..., T], /, *args, **kwargs) -> T | None:
    """Return ``func(*args, **kwargs)``, or ``None`` when it is out of reach.

    The one way to say "an exact answer, or nothing when the budget does not
    allow it": only :class:`~analyser.findings.BudgetExceededError` becomes
    ``None``; a cycle or a wrong argument still raises.

    Parameters
    ----------
    func : callable
        An order function that may refuse with ``BudgetExceededError``, such
        as :func:`~analyser.orders.count_orders`,
        :func:`~analyser.orders.count_staged_plans` or
        :func:`~analyser.orders.freedom`.
    *args, **kwargs
        Passed to ``func`` unchanged (``budget=`` included).

    Returns
    -------
    object or None
        What ``func`` returns, or ``None`` if it raised
        ``BudgetExceededError``.

    Examples
    --------
    >>> from analyser.orders import count_orders, count_staged_plans
    >>> G = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> within_budget(count_orders, G), within_budget(count_staged_plans, G, budget=10)
    (2, 3)
    >>> big = nx.DiGraph([((c, i), (c, i + 1)) for c in range(50) for i in range(39)])
    >>> within_budget(count_staged_plans, big) is None
    True
    """
    try:
        return func(*args, **kwargs)
    except BudgetExceededError:
        return None


def _as_poset(G, key: Key = None, *, sort: bool = False) -> Poset:
    P = Poset.from_graph(G)
    if sort:
        P = P.relabel(key_order(P.nodes, key))
    return P


def _check_budget(budget: int) -> int:
    budget = operator.index(budget)
    if budget < 1:
        raise ValueError("budget must be a positive number of states")
    return budget


def _exact_count(P: Poset, budget: int, stats: dict | None = None) -> int:
    return count_poset(P, budget, stats)


def _oracle_for(P: Poset, budget: int) -> Oracle:
    return Oracle(P, budget)


def _advance(P: Poset, D: int, R: int, x: int) -> tuple[int, int]:
    """Place ``x`` (ready in downset ``D``): the new downset and ready set."""
    bx = 1 << x
    D |= bx
    R &= ~bx
    for y in bits(P.succ[x] & ~D):
        if not (P.pred[y] & ~D):
            R |= 1 << y
    return D, R
