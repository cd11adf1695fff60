"""Internal: the independent validator :func:`validate_plan`.

Written apart from the planner: it checks a plan against ``G`` and the
rules only, with the structure checks of a :class:`PeriodPlan` on top.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from analyser.planning.periods._instance import _accepts, _needs
from analyser.planning.periods._schedule import METHODS, PeriodPlan

__all__ = ["validate_plan"]


def validate_plan(
    G,
    plan,
    periods: Sequence[Hashable] = (),
    *,
    capacity: int | None = None,
    needs_registration: Mapping | None = None,
    accepts_registration: Mapping | None = None,
    same_period: bool = False,
    allowed: Mapping | None = None,
) -> list[str]:
    """Every rule a plan breaks, one message each (empty: the plan is valid).

    Written independently of :func:`schedule`: it uses only ``G`` and the
    rules. ``plan`` is a :class:`PeriodPlan` or a mapping item -> period
    index (items absent are unplaced; indices past ``len(periods)`` are
    extra periods, which accept registrations). Each message starts with
    the rule: ``structure``, ``coverage``, ``precedence``, ``capacity``,
    ``registration``, ``window`` (a period the item may not use, by
    ``allowed``: item -> labels) or ``bound``.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b")])
    >>> validate_plan(G, {"a": 0, "b": 1}, ["p1", "p2"])
    []
    >>> validate_plan(G, {"a": 0, "b": 0}, ["p1"], capacity=1)
    ["precedence: 'b' in period 0 is not after its prerequisite 'a' in period 0", 'capacity: period 0 holds 2 items, more than 1']
    """
    problems: list[str] = []
    periods = list(periods)
    if isinstance(plan, PeriodPlan):
        index = dict(plan.index)
        _check_structure(G, plan, periods, problems)
    elif isinstance(plan, Mapping):
        index = dict(plan)
    else:
        raise TypeError("plan must be a PeriodPlan or a mapping item -> period index")

    for node, j in index.items():
        if node not in G:
            problems.append(f"coverage: {node!r} is not an item of the graph")
        if not isinstance(j, int) or isinstance(j, bool) or j < 0:
            problems.append(f"structure: {node!r} has period index {j!r}, not a non-negative int")
    index = {v: j for v, j in index.items()
             if v in G and isinstance(j, int) and not isinstance(j, bool) and j >= 0}

    for u, v in G.edges():
        if v not in index:
            continue
        if u not in index:
            problems.append(f"precedence: {v!r} is placed but its prerequisite {u!r} is not")
        elif index[u] > index[v] or (not same_period and index[u] == index[v]):
            rule = "is earlier than" if same_period else "is not after"
            problems.append(
                f"precedence: {v!r} in period {index[v]} {rule} its "
                f"prerequisite {u!r} in period {index[u]}"
            )

    if capacity is not None:
        load: dict[int, int] = {}
        for j in index.values():
            load[j] = load.get(j, 0) + 1
        for j in sorted(load):
            if load[j] > capacity:
                problems.append(f"capacity: period {j} holds {load[j]} items, more than {capacity}")

    if needs_registration is not None:
        for node in G.nodes:
            if node in index and _needs(needs_registration, node):
                j = index[node]
                if j < len(periods) and not _accepts(accepts_registration, periods[j]):
                    problems.append(
                        f"registration: {node!r} needs registration but period {j} "
                        f"({periods[j]!r}) does not accept registrations"
                    )
    for node, j in sorted(index.items(), key=lambda kv: kv[1]):
        if allowed is not None and node in allowed and j < len(periods) and periods[j] not in set(allowed[node]):
            problems.append(f"window: {node!r} may not use period {j} ({periods[j]!r})")
    return problems


def _check_structure(G, plan: PeriodPlan, periods: list, problems: list[str]) -> None:
    labels = list(plan.labels)
    if labels[: len(periods)] != periods:
        problems.append("structure: labels do not start with the given periods")
    if len(set(labels)) != len(labels):
        problems.append("structure: labels are not unique")
    if set(plan.assignment) != set(plan.index):
        problems.append("structure: assignment and index cover different items")
    for node, j in plan.index.items():
        if not isinstance(j, int) or not 0 <= j < len(labels):
            problems.append(f"structure: {node!r} has period index {j!r} outside the labels")
        elif node in plan.assignment and plan.assignment[node] != labels[j]:
            problems.append(f"structure: {node!r} is assigned {plan.assignment[node]!r} "
                            f"but its index {j} is {labels[j]!r}")
    if len(plan.batches) != len(labels):
        problems.append(f"structure: {len(plan.batches)} batches for {len(labels)} labels")
    seen: set = set()
    for j, batch in enumerate(plan.batches):
        for node in batch:
            if node in seen:
                problems.append(f"structure: {node!r} appears in more than one batch")
            seen.add(node)
            if plan.index.get(node) != j:
                problems.append(f"structure: {node!r} is in batch {j} but has index "
                                f"{plan.index.get(node)!r}")
    for node in plan.index:
        if node not in seen:
            problems.append(f"structure: {node!r} is placed but in no batch")
    unplaced = list(plan.unplaced)
    if len(set(unplaced)) != len(unplaced):
        problems.append("structure: an item is listed as unplaced twice")
    for node in unplaced:
        if node in plan.index:
            problems.append(f"structure: {node!r} is both placed and unplaced")
    for node in G.nodes:
        if node not in plan.index and node not in set(unplaced):
            problems.append(f"coverage: {node!r} is neither placed nor unplaced")
    used = max(plan.index.values(), default=-1) + 1 if all(
        isinstance(j, int) for j in plan.index.values()) else None
    if used is not None and plan.periods_used != used:
        problems.append(f"structure: periods_used is {plan.periods_used}, "
                        f"but the last non-empty period is {used - 1}")
    if plan.method not in METHODS:
        problems.append(f"structure: unknown method {plan.method!r}")
    if plan.bound_reasons and plan.lower_bound != max(plan.bound_reasons.values()):
        problems.append("bound: lower_bound is not the largest of bound_reasons")
    if all(node in plan.index for node in G.nodes) and plan.lower_bound > plan.periods_used:
        problems.append(f"bound: lower bound {plan.lower_bound} exceeds "
                        f"periods used {plan.periods_used}")
