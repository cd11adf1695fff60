"""The answers of FORMATS.md §5 as plain data (the JSON objects of the contract).

Each function takes a catalogue or a :class:`~analyser.planning.situation.Situation`
and returns a dict with English keys, workbook ids and deterministically
sorted lists; rendering as text, JSON or CSV happens elsewhere.
"""

from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Sequence

from analyser import orders
from analyser.findings import UsageError
from analyser.planning.situation import Exclusion, Situation, item_ids, resolve_item
from analyser.records import Catalogue
from analyser.text.labels import check_lang, group_label, t
from analyser.text.vocabulary import natural_key

__all__ = ["validate_answer", "orders_answer", "freedom_answer", "next_answer", "profile_rows", "profile_situations",
           "check_answer", "check_violations", "exclusion_text"]

LEVELS = ("items", "groups")


def validate_answer(catalogue: Catalogue, lang: str = "fi") -> dict:
    """``valid`` and every finding of the catalogue (each message in ``lang``).

    Examples
    --------
    >>> validate_answer(load_catalogue())["valid"]
    True
    """
    check_lang(lang)
    return {
        "valid": not catalogue.errors,
        "findings": [f.as_dict(lang) for f in catalogue.findings],
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
    lang: str = "fi",
) -> dict:
    """How many allowed orders there are, in which waves, and which one is recommended.

    ``rank`` gives the 0-based position of an order in the lexicographic
    enumeration of ``--list``, ``unrank`` the order at a position, and
    ``with_freedom`` what is fixed and what is free (:func:`freedom_answer`).
    ``lang`` is the language of the sentences in the answer (the reasons of
    ``excluded``, the group names of ``labels``); keys and ids stay as they are.

    Examples
    --------
    >>> a = orders_answer(Situation(c, build_graph(c), "ARK"))
    >>> a["items"], a["count"], a["waves"], a["recommended"]
    (['SOS', 'SOS-VANHAT'], 1, [['SOS'], ['SOS-VANHAT']], ['SOS', 'SOS-VANHAT'])
    """
    check_lang(lang)
    if level not in LEVELS:
        raise UsageError("unknown_level", level=level, suggestions=[v for v in LEVELS if v.startswith(level[:1])])
    if level == "groups":
        graph = situation.group_graph()
        soft, available = (), None
        key_names = {g: group_label(g, lang) for g in graph}
    else:
        graph = situation.remaining_graph
        soft, available = situation.soft_edges(), situation.available_from()
        key_names = None
    explained = orders.explain_recommended(graph, soft_edges=soft, available_from=available, key=natural_key)
    stats: dict = {}
    answer = {
        "profile": situation.profile,
        "level": level,
        "deployed": list(situation.deployed),
        "items": sorted(graph.nodes, key=natural_key),
        "count": orders.count_orders(graph, budget=budget, stats=stats),
        "method": stats.get("method", "series-parallel"),
        "waves": orders.waves(graph, key=natural_key),
        "min_rounds": orders.min_rounds(graph),
        "recommended": [node for node, _ in explained],
        "recommended_reasons": [{"id": node, "reason": reason} for node, reason in explained],
        "excluded": [_exclusion(e, lang) for e in situation.excluded],
        "not_allowed": list(situation.not_allowed),
        "partly": [i for i in situation.partly_items if i not in situation.deployed],
    }
    if key_names:
        answer["labels"] = key_names
    answer["staged_plans"] = orders.within_budget(orders.count_staged_plans, graph, budget=budget)
    if list_n is not None:
        answer["orders"] = list(islice(orders.iter_orders(graph), max(list_n, 0)))
    if rank is not None:
        if level == "items":
            rank = item_ids(situation.catalogue, rank, "rank", unique=False, known=situation.items)
        answer["rank"] = {"order": list(rank), "rank": orders.rank_order(graph, rank, budget=budget)}
    if unrank is not None:
        if not 0 <= unrank < answer["count"]:
            raise UsageError("unrank_range", last=answer["count"] - 1, value=unrank)
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


def exclusion_text(kind: str, blockers, lang: str = "fi") -> str:
    """Why an item the profile allows is out of reach, as a phrase: ``kind`` is an
    :class:`~analyser.planning.situation.Exclusion`'s reason ("cycle" or "not-allowed-prerequisite").

    Examples
    --------
    >>> exclusion_text("not-allowed-prerequisite", ["SOS-LV-KIE"], "en")
    'requires SOS-LV-KIE, which the profile does not allow'
    >>> exclusion_text("not-allowed-prerequisite", ["SOS-LV-KIE", "SOS-LV-LUP"])
    'edellyttää osatoteutuksia SOS-LV-KIE, SOS-LV-LUP, joita profiili ei salli'
    >>> exclusion_text("cycle", ["A", "B"])
    'riippuvuussilmukassa tai sen takana (A, B)'
    """
    key = "excluded_cycle" if kind == "cycle" else "excluded_not_allowed"
    return t(key, lang, items=list(blockers), n=len(blockers))


def _exclusion(exclusion: Exclusion, lang: str) -> dict:
    return {"id": exclusion.id, "reason": exclusion_text(exclusion.reason, exclusion.blockers, lang),
            "kind": exclusion.reason, "blockers": list(exclusion.blockers)}


def next_answer(situation: Situation, *, lang: str = "fi", today: dt.date | None = None,
                target: str | None = None) -> dict:
    """What can be taken into use now, what must wait for what, what the profile rules out.

    ``lang`` is the language of the sentences in the answer (``excluded``
    reasons, ``warnings``). An item ready to take into use whose
    ``available from`` date lies after ``today`` is listed under
    ``not_yet_available`` ({``id``, ``available_from``}), not under
    ``available`` (FORMATS.md §5 "Dates"; without ``today`` no item waits).

    Without ``target``, ``what_if`` says for every other profile what it would
    gain and lose; with ``target`` (an item's id or name) ``profiles`` ranks
    every profile against it instead (:func:`profile_rows`), gains and losses
    included, and ``what_if`` is left out.

    Examples
    --------
    >>> a = next_answer(Situation(c, build_graph(c), "SOS-LV", deployed=["SOS", "SOS-V1-ARK"]))
    >>> a["available"]
    ['SOS-LV-INF', 'SOS-V1-HAKU', 'SOS-VANHAT']
    >>> a["blocked"][0]
    {'id': 'SOS-LV-HAKU', 'missing': ['SOS-LV-KIE', 'SOS-LV-LUP', 'SOS-LV-INF']}
    >>> a = next_answer(Situation(c, build_graph(c), "SOS-LV", deployed=["SOS", "SOS-V1-ARK"]), today=date(2022, 6, 1))
    >>> a["available"], a["not_yet_available"]
    (['SOS-V1-HAKU', 'SOS-VANHAT'], [{'id': 'SOS-LV-INF', 'available_from': '2023-01-01'}])
    >>> a = next_answer(Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"]), target="SOS-LV-HAKU")
    >>> [(p["profile"], p["reaches_target"]) for p in a["profiles"]][:3], "what_if" in a
    ([('SOS-LV', True), ('SOS-V1', False), ('SOS-V2', False)], False)
    """
    check_lang(lang)
    later = {}
    if today is not None:
        for i in situation.available:
            day = situation.items[i].available_from
            if day is not None and day > today:
                later[i] = day
    answer = {
        "profile": situation.profile,
        "deployed": list(situation.deployed),
        "available": [i for i in situation.available if i not in later],
        "not_yet_available": [{"id": i, "available_from": day.isoformat()} for i, day in later.items()],
        "blocked": [{"id": i, "missing": m} for i, m in situation.blocked],
        "not_allowed": [
            {"id": i, "missing": situation.missing(i), "allowed_by": situation.allowed_by(i)}
            for i in situation.not_allowed
        ],
        "excluded": [_exclusion(e, lang) for e in situation.excluded],
        "partly": [i for i in situation.partly_items if i not in situation.deployed],
        "waiting_certification": list(situation.waiting_certification),
        "warnings": [f.text(lang) for f in situation.findings],
    }
    rows = profile_rows(situation, target)
    if target is None:
        answer["what_if"] = [{key: row[key] for key in _WHAT_IF} for row in rows if not row["current"]]
    else:
        answer["target"] = rows[0]["target"] if rows else resolve_item(situation.catalogue, target, "--target")
        answer["profiles"] = rows
    return answer


_WHAT_IF = ("profile", "gains", "losses", "deployed_not_allowed", "count_reachable")


def profile_situations(situation: Situation) -> dict[str, Situation]:
    """The organisation under every profile (its items in use and certification kept), by profile id in the
    catalogue's order; its own profile is ``situation`` itself.

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"])
    >>> others = profile_situations(s)
    >>> list(others), others["SOS-V1"] is s, others["SOS-LV"].available
    (['ARK', 'SOS-V1', 'SOS-V2', 'SOS-LV', 'POT'], True, ['SOS-V1-ARK', 'SOS-VANHAT'])
    """
    return {
        p.id: situation if p.id == situation.profile else Situation(
            situation.catalogue, situation.graph, p.id, deployed=situation.deployed, certified=situation.certified)
        for p in situation.catalogue.profiles
    }


def profile_rows(situation: Situation, target: str | None = None, *,
                 situations: dict[str, Situation] | None = None) -> list[dict]:
    """Every profile for this organisation (its items in use and certification kept), and, with a
    ``target`` item, how each would get there, best first.

    Each row: ``profile``; ``current`` (the organisation's own profile);
    ``gains`` and ``losses`` (items reachable under it but not under the current
    profile, and the reverse); ``deployed_not_allowed``; ``count_reachable``;
    ``lost`` (items in use or available now that it does not allow). With
    ``target``: ``target`` (its id), ``reaches_target``, ``still_to_deploy``
    (the target and its prerequisites not yet in use), ``min_rounds`` (None
    when it does not reach the target), ``blocked_by`` and ``reason`` (what
    keeps it from the target: ``not-allowed`` items on the way, or a ``cycle``).
    Ranked: the profiles that reach the target first, then fewest items still
    to deploy, fewest rounds, fewest items lost, and the id. Without
    ``target`` the rows keep the catalogue's order of profiles.
    ``situations`` are the organisation's situations under every profile
    when the caller has them already (:func:`profile_situations`).

    Raises
    ------
    UsageError
        When the target is already in use.

    Examples
    --------
    >>> s = Situation(c, build_graph(c), "SOS-V1", deployed=["SOS"])
    >>> best, *_, worst = profile_rows(s, "SOS-LV-HAKU")
    >>> best["profile"], best["still_to_deploy"], best["min_rounds"], best["lost"]
    ('SOS-LV', ['SOS-LV-HAKU', 'SOS-LV-INF', 'SOS-LV-KIE', 'SOS-LV-LUP', 'SOS-V1-ARK'], 4, [])
    >>> worst["profile"], worst["reaches_target"], worst["reason"], worst["lost"]
    ('POT', False, 'not-allowed', ['SOS', 'SOS-V1-ARK', 'SOS-VANHAT'])
    >>> [(r["profile"], r["gains"]) for r in profile_rows(s)][:2]
    [('ARK', []), ('SOS-V1', [])]
    """
    catalogue = situation.catalogue
    if target is not None:
        target = resolve_item(catalogue, target, "--target")
        if target in situation.deployed:
            raise UsageError("already_deployed", id=target)
        path = sorted([*situation.missing(target), target], key=natural_key)
    here = set(situation.remaining)
    in_use = [*situation.deployed, *situation.available]
    rows = []
    for profile_id, other in (situations or profile_situations(situation)).items():
        there = set(other.remaining)
        row = {
            "profile": profile_id,
            "current": profile_id == situation.profile,
            "gains": sorted(there - here, key=natural_key),
            "losses": sorted(here - there, key=natural_key),
            "deployed_not_allowed": [i for i in situation.deployed if not other.allowed(i)],
            "count_reachable": len(there),
            "lost": sorted((i for i in in_use if not other.allowed(i)), key=natural_key),
        }
        if target is not None:
            row.update(_toward(other, target, path))
        rows.append(row)
    if target is not None:
        rows.sort(key=_rank_key)
    return rows


def _toward(situation: Situation, target: str, path: list[str]) -> dict:
    """How one profile gets to ``target`` along ``path`` (the target and its missing prerequisites)."""
    blocked_by = [i for i in path if not situation.allowed(i)]
    reason = "not-allowed" if blocked_by else None
    if not blocked_by:
        blocked_by = [i for i in path if i in situation.cyclic]
        reason = "cycle" if blocked_by else None
    reaches = reason is None
    return {
        "target": target,
        "reaches_target": reaches,
        "still_to_deploy": path,
        "min_rounds": orders.min_rounds(situation.remaining_graph.subgraph(path)) if reaches else None,
        "blocked_by": blocked_by,
        "reason": reason,
    }


def _rank_key(row: dict) -> tuple:
    rounds = row["min_rounds"]
    return (not row["reaches_target"], len(row["still_to_deploy"]), rounds is None, rounds or 0, len(row["lost"]),
            natural_key(row["profile"]))


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
    order = item_ids(situation.catalogue, order, "order", unique=False, known=situation.items)
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
    order = item_ids(situation.catalogue, order, "order", unique=False, known=situation.items)
    if not order:
        raise UsageError("empty_order")
    violations = check_violations(situation, order)
    return {
        "profile": situation.profile,
        "deployed": list(situation.deployed),
        "order": list(order),
        "allowed": not violations,
        "violations": violations,
    }
