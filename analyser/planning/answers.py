"""The answers of FORMATS.md §5 as plain data (the JSON objects of the contract).

Each function takes a catalogue or a :class:`~analyser.planning.situation.Situation`
and returns a dict with English keys, workbook ids and deterministically
sorted lists; rendering as text, JSON or CSV happens elsewhere.
"""

from __future__ import annotations

from itertools import islice
from typing import Sequence

from analyser import orders
from analyser.findings import UsageError
from analyser.text.labels import group_label
from analyser.records import Catalogue
from analyser.planning.situation import Situation
from analyser.text.vocabulary import natural_key

__all__ = ["validate_answer", "orders_answer", "freedom_answer", "next_answer", "check_answer", "check_violations"]


def validate_answer(catalogue: Catalogue) -> dict:
    """``valid`` and every finding of the catalogue.

    Examples
    --------
    >>> validate_answer(load_catalogue())["valid"]
    True
    """
    return {
        "valid": not catalogue.errors,
        "findings": [f.as_dict() for f in catalogue.findings],
        "items": len(catalogue.items),
        "profiles": [p.id for p in catalogue.profiles],
        "tasks": len(catalogue.tasks),
        "periods": len(catalogue.periods),
    }


def orders_answer(
    situation: Situation,
    *,
    list_n: int | None = None,
    sample_n: int | None = None,
    seed: int | None = None,
    level: str = "items",
    budget: int = orders.DEFAULT_BUDGET,
    rank: Sequence[str] | None = None,
    unrank: int | None = None,
    with_freedom: bool = False,
) -> dict:
    """How many allowed orders there are, in which waves, and which one is recommended.

    ``rank`` gives the 0-based position of an order in the lexicographic
    enumeration of ``--list``, ``unrank`` the order at a position, and
    ``with_freedom`` what is fixed and what is free (:func:`freedom_answer`).

    Examples
    --------
    >>> a = orders_answer(Situation(c, build_graph(c), "ARK"))
    >>> a["items"], a["count"], a["waves"], a["recommended"]
    (['SOS', 'SOS-VANHAT'], 1, [['SOS'], ['SOS-VANHAT']], ['SOS', 'SOS-VANHAT'])
    """
    if level == "groups":
        graph = situation.group_graph()
        soft, available = (), None
        key_names = {g: group_label(g) for g in graph}
    else:
        graph = situation.remaining_graph
        soft, available = situation.soft_edges(), situation.available_from()
        key_names = None
    explained = orders.explain_recommended(graph, soft_edges=soft, available_from=available, key=natural_key)
    answer = {
        "profile": situation.profile,
        "level": level,
        "deployed": list(situation.deployed),
        "items": sorted(graph.nodes, key=natural_key),
        "count": orders.count_orders(graph, budget=budget),
        "waves": orders.waves(graph, key=natural_key),
        "min_rounds": orders.min_rounds(graph),
        "recommended": [node for node, _ in explained],
        "recommended_reasons": [{"id": node, "reason": reason} for node, reason in explained],
        "excluded": [{"id": e.id, "reason": _exclusion_text(e)} for e in situation.excluded],
        "not_allowed": list(situation.not_allowed),
        "partly": [i for i in situation.partly_items if i not in situation.deployed],
    }
    if key_names:
        answer["labels"] = key_names
    answer["staged_plans"] = orders.within_budget(orders.count_staged_plans, graph, budget=budget)
    if list_n is not None:
        answer["orders"] = list(islice(orders.iter_orders(graph), max(list_n, 0)))
    if rank is not None:
        answer["rank"] = {"order": list(rank), "rank": orders.rank_order(graph, rank, budget=budget)}
    if unrank is not None:
        if not 0 <= unrank < answer["count"]:
            raise UsageError(f"--unrank takes a position from 0 to {answer['count'] - 1}, not {unrank}")
        answer["unranked"] = {"rank": unrank, "order": orders.unrank_order(graph, unrank, budget=budget)}
    if with_freedom:
        answer["freedom"] = freedom_answer(graph, budget=budget)
    if sample_n is not None:
        answer["samples"] = orders.sample_orders(graph, max(sample_n, 0), seed=seed)
        answer["seed"] = seed
    return answer


def freedom_answer(graph, *, budget: int = orders.DEFAULT_BUDGET) -> dict:
    """Earliest and latest position of each item, how many orders start with each ready item, and the
    probability that one item comes before another (exact fractions as text, and as numbers).

    Examples
    --------
    >>> g = nx.DiGraph([("A", "B")]); g.add_node("C")
    >>> f = freedom_answer(g)
    >>> f["positions"]["A"], f["first"], f["precedes"]["A"]["C"]
    ({'earliest': 1, 'latest': 2}, {'A': 2, 'C': 1}, {'fraction': '2/3', 'value': 0.6667})
    """
    found = orders.freedom(graph, key=natural_key, budget=budget)
    nodes, matrix = orders.precedence_matrix(graph, key=natural_key, budget=budget)
    precedes = {}
    for i, a in enumerate(nodes):
        row = {}
        for j, b in enumerate(nodes):
            if i != j:
                p = matrix[i][j]
                row[b] = {"fraction": str(p), "value": round(float(p), 4)}
        precedes[a] = row
    return {
        "total": found.total,
        "positions": {n: {"earliest": found.earliest[n], "latest": found.latest[n]} for n in found.nodes},
        "first": {n: found.first_counts[n] for n in sorted(found.first_counts, key=natural_key)},
        "precedes": precedes,
    }


def _exclusion_text(exclusion) -> str:
    blockers = ", ".join(exclusion.blockers)
    if exclusion.reason == "cycle":
        return f"in or behind a dependency cycle ({blockers})"
    return f"requires {blockers}, which the profile does not allow"


def next_answer(situation: Situation) -> dict:
    """What can be taken into use now, what must wait for what, what the profile rules out.

    Examples
    --------
    >>> a = next_answer(Situation(c, build_graph(c), "SOS-LV", deployed=["SOS", "SOS-V1-ARK"]))
    >>> a["available"]
    ['SOS-LV-INF', 'SOS-V1-HAKU', 'SOS-VANHAT']
    >>> a["blocked"][0]
    {'id': 'SOS-LV-HAKU', 'missing': ['SOS-LV-KIE', 'SOS-LV-LUP', 'SOS-LV-INF']}
    """
    return {
        "profile": situation.profile,
        "deployed": list(situation.deployed),
        "available": list(situation.available),
        "blocked": [{"id": i, "missing": m} for i, m in situation.blocked],
        "not_allowed": [
            {"id": i, "missing": situation.missing(i), "allowed_by": situation.allowed_by(i)}
            for i in situation.not_allowed
        ],
        "excluded": [{"id": e.id, "reason": _exclusion_text(e)} for e in situation.excluded],
        "partly": [i for i in situation.partly_items if i not in situation.deployed],
        "waiting_certification": list(situation.waiting_certification),
        "what_if": situation.what_if(),
        "warnings": [f.message for f in situation.findings],
    }


def check_violations(situation: Situation, order: Sequence[str]) -> list[dict]:
    """Every problem with a proposed order, in order of position (1-based).

    Reasons: "missing-prerequisite" (``missing`` lists what had to come
    first, nearest first), "not-allowed" (the profile does not allow the
    item), "already-deployed", "duplicate".

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"])
    >>> check_violations(s, ["SOS-V1-ARK", "SOS-V1-HAKU"])
    []
    >>> for v in check_violations(s, ["SOS-V1-HAKU", "SOS", "SOS-V1-ARK", "SOS-V1-ARK", "RES"]):
    ...     print(v["position"], v["id"], v["reason"], v["missing"])
    1 SOS-V1-HAKU missing-prerequisite ['SOS-V1-ARK']
    2 SOS already-deployed []
    4 SOS-V1-ARK duplicate []
    5 RES not-allowed []
    """
    placed: set[str] = set()
    deployed = set(situation.deployed)
    violations = []
    for position, item_id in enumerate(order, start=1):
        if item_id in placed:
            violations.append({"position": position, "id": item_id, "missing": [], "reason": "duplicate"})
            continue
        if item_id in deployed:
            violations.append({"position": position, "id": item_id, "missing": [], "reason": "already-deployed"})
            placed.add(item_id)
            continue
        if not situation.allowed(item_id):
            violations.append({"position": position, "id": item_id, "missing": [], "reason": "not-allowed"})
        missing = [m for m in situation.missing(item_id) if m not in placed]
        if missing:
            violations.append({"position": position, "id": item_id, "missing": missing,
                               "reason": "missing-prerequisite"})
        placed.add(item_id)
    return violations


def check_answer(situation: Situation, order: Sequence[str]) -> dict:
    """Whether a proposed order is allowed, and every violation.

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-V1")
    >>> check_answer(s, ["SOS", "SOS-V1-HAKU"])["violations"]
    [{'position': 2, 'id': 'SOS-V1-HAKU', 'missing': ['SOS-V1-ARK'], 'reason': 'missing-prerequisite'}]
    """
    if not order:
        raise UsageError("the order to check is empty")
    violations = check_violations(situation, order)
    return {
        "profile": situation.profile,
        "deployed": list(situation.deployed),
        "order": list(order),
        "allowed": not violations,
        "violations": violations,
    }
