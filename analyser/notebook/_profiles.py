"""Profiles: what each profile reaches, compared for one organisation, and the statuses that would change."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from analyser import orders
from analyser.planning.answers import profile_rows, profile_situations
from analyser.planning.views import overlay_statuses
from analyser.report.batch import profile_summary
from analyser.records import Catalogue
from analyser.planning.situation import Situation, resolve_profile
from analyser.text.vocabulary import natural_key
from analyser.notebook._common import _count, _frame, _ids, _l, _number, _status_text

__all__ = ["profile_table", "profile_comparison", "status_changes"]


def profile_table(catalogue: Catalogue, graph: nx.DiGraph, lang: str = "fi", *,
                  budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """One row per profile for an organisation with nothing in use yet: what it can reach, in how many orders.

    Examples
    --------
    >>> table = profile_table(c, build_graph(c), "en")
    >>> table["Allowed orders"].to_dict()
    {'ARK': '1', 'SOS-V1': '3', 'SOS-V2': '840', 'SOS-LV': '70', 'POT': '2,040'}
    >>> table.loc["POT", ["Functionalities", "Minimum rounds", "Available first"]].tolist()
    [8, 3, 'PTA, RES']
    """
    rows = []
    for r in profile_summary(catalogue, graph, budget=budget):
        rows.append([r["profile"], r["name"], len(r["items"]), _number(r["count"], lang), r["min_rounds"],
                     " | ".join(", ".join(w) for w in r["waves"]), _ids(r["available"], lang),
                     _ids(r["excluded"], lang)])
    columns = [_l(k, lang) for k in ("profile", "name", "items", "count", "rounds", "waves", "first_items",
                                     "out_of_reach")]
    return _frame(columns, rows, lang, index=columns[0])


def profile_comparison(situation: Situation, lang: str = "fi", *,
                       budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """Every profile for this organisation (its items in use and certification kept).

    For each: what could be taken into use now, how many items remain
    reachable and in how many orders, what it gains and loses compared with
    the current profile, and which items in use it would not allow (the last
    three as :func:`~analyser.planning.answers.profile_rows` gives them to
    ``analyser next``).

    Examples
    --------
    >>> from analyser.notebook import make_situation
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> table = profile_comparison(s, "en")
    >>> table["Allowed orders"].to_dict()
    {'ARK': '–', 'SOS-V1': '1', 'SOS-V2': '120', 'SOS-LV': '10', 'POT': '2,040'}
    >>> table.loc["SOS-LV", "Current"], table.loc["POT", "In use but not allowed"]
    ('✓', 'SOS, SOS-V1-ARK, SOS-VANHAT')
    """
    others = profile_situations(situation)
    names = {p.id: p.name for p in situation.catalogue.profiles}
    rows = []
    for row in profile_rows(situation, situations=others):
        other = others[row["profile"]]
        graph = other.remaining_graph
        rows.append([
            row["profile"], names[row["profile"]], "✓" if row["current"] else "", _ids(other.available, lang),
            row["count_reachable"], _number(_count(graph, budget), lang) if row["count_reachable"] else "–",
            orders.min_rounds(graph), _ids(row["gains"], lang), _ids(row["losses"], lang),
            _ids(row["deployed_not_allowed"], lang),
        ])
    columns = [_l(k, lang) for k in ("profile", "name", "current", "available", "reachable", "count", "rounds",
                                     "gains", "losses", "deployed_not_allowed")]
    return _frame(columns, rows, lang, index=columns[0])


def status_changes(situation: Situation, other_profile: str, lang: str = "fi") -> pd.DataFrame:
    """The items whose status would change if the organisation moved to ``other_profile``.

    Examples
    --------
    >>> from analyser.notebook import make_situation
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> changes = status_changes(s, "SOS-V2", "en")
    >>> list(changes.columns)
    ['Name', 'Status now (SOS-LV)', 'Status under SOS-V2']
    >>> changes.loc["SOS-LV-INF"].tolist()
    ['Kanta-informoinnin kirjaaminen', 'Can be taken into use now', 'Not allowed by the profile']
    """
    other_id = resolve_profile(situation.catalogue, other_profile)
    other = Situation(situation.catalogue, situation.graph, other_id, deployed=situation.deployed,
                      certified=situation.certified)
    now, then = overlay_statuses(situation), overlay_statuses(other)
    rows = [[i, situation.items[i].name, _status_text(now[i], lang), _status_text(then[i], lang)]
            for i in sorted(set(now) | set(then), key=natural_key) if now.get(i) != then.get(i)]
    columns = [_l("id", lang), _l("name", lang), _l("status_now", lang, profile=situation.profile),
               _l("status_other", lang, profile=other_id)]
    return _frame(columns, rows, lang, index=columns[0])
