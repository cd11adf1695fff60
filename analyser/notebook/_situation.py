"""One organisation: the findings in its input, the status of each item, the allowed orders."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from analyser import orders
from analyser.planning.views import STATUSES, overlay_statuses
from analyser.findings import Finding
from analyser.text.labels import t
from analyser.planning.situation import Situation
from analyser.text.vocabulary import natural_key
from analyser.notebook._common import _count, _frame, _ids, _l, _number, _status_text
from analyser.notebook._inputs import item_id as _item_id

__all__ = ["findings_table", "status_table", "order_facts", "order_table"]


def findings_table(findings: Iterable[Finding], lang: str = "fi") -> pd.DataFrame:
    """Problems found in the input, one row each, with the file name, sheet and cell.

    Examples
    --------
    >>> f = Finding.of("duplicate-id", "/x/t.xlsx", "Osatoteutukset", "A5", id="X", first="A3")
    >>> row = findings_table([f]).iloc[0].tolist()
    >>> row[:5], row[5] == f.text("fi")
    (['virhe', 'duplicate-id', 't.xlsx', 'Osatoteutukset', 'A5'], True)
    >>> findings_table([f], "en").iloc[0].tolist() == ["error", "duplicate-id", "t.xlsx", "Osatoteutukset", "A5",
    ...                                                f.text("en")]
    True
    """
    columns = [_l(k, lang) for k in ("severity", "code", "file", "sheet", "cell", "message")]
    rows = [[t(f"severity.{f.severity}", lang), f.code, Path(f.file).name if f.file else "",
             f.sheet, f.cell, f.text(lang)] for f in findings]
    return _frame(columns, rows, lang)


def status_table(situation: Situation, lang: str = "fi") -> pd.DataFrame:
    """Every item with its status for the organisation, as the overlay diagram colours it.

    In order: in use, can be taken into use now, waiting for certification,
    waiting for prerequisites (and which ones, nearest first), allowed but
    out of reach, not allowed by the profile (and which profiles would).

    Examples
    --------
    >>> from analyser.notebook import make_situation
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> table = status_table(s, "en")
    >>> table.shape, list(table.columns)
    ((20, 4), ['Name', 'Status', 'Waits for', 'Note'])
    >>> table.loc["SOS-LV-HAKU", ["Status", "Waits for"]].tolist()
    ['Waiting for prerequisites', 'SOS-LV-KIE, SOS-LV-LUP, SOS-LV-INF']
    >>> table.loc["PTA", "Note"]
    'allowed by profiles: POT'
    """
    statuses = overlay_statuses(situation)
    excluded = {e.id: e for e in situation.excluded}
    rank = {s: k for k, s in enumerate(STATUSES)}
    rows = []
    for item_id, status in sorted(statuses.items(), key=lambda kv: (rank[kv[1]], natural_key(kv[0]))):
        waits = ""
        note = ""
        if status in ("blocked", "excluded"):
            waits = _ids(situation.missing(item_id), lang)
        if status == "excluded":
            e = excluded[item_id]
            note = (t("plot_note_cycle", lang, items=", ".join(e.blockers)) if e.reason == "cycle"
                    else t("plot_note_excluded", lang, items=", ".join(e.blockers)))
        elif status == "not-allowed":
            others = situation.allowed_by(item_id)
            note = t("allowed_by", lang, profiles=", ".join(others)) if others else t("allowed_by_none", lang)
        elif status != "deployed" and situation.partly(item_id):
            note = t("plot_note_partly", lang)
        rows.append([item_id, situation.items[item_id].name, _status_text(status, lang), waits, note])
    columns = [_l(k, lang) for k in ("id", "name", "status", "waits_for", "note")]
    return _frame(columns, rows, lang, index=columns[0])


def order_facts(situation: Situation, target: str | None = None, lang: str = "fi", *,
                budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """Key figures of the allowed orders: how many items remain, in how many orders, in how many rounds.

    With ``target`` (id or name) also the items the target needs and the
    number of orders of just those.

    Examples
    --------
    >>> from analyser.notebook import make_situation
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> facts = order_facts(s, target="SOS-LV-HAKU", lang="en")["Value"]
    >>> facts["Allowed orders of them all"], facts["Minimum deployment rounds"], facts["Allowed orders to the target"]
    ('10', '3', '2')
    """
    graph = situation.remaining_graph
    rows = [
        [_l("f_remaining", lang), _ids(situation.remaining, lang, _l("f_none", lang))],
        [_l("f_count", lang), _number(_count(graph, budget), lang)],
        [_l("f_rounds", lang), str(orders.min_rounds(graph))],
    ]
    if target:
        target_id = _item_id(situation.catalogue, target)
        path = situation.path_to(target_id)
        rows.append([_l("f_target", lang), f"{target_id} – {situation.items[target_id].name}"])
        rows.append([_l("f_path", lang), _ids(path, lang)])
        rows.append([_l("f_path_count", lang), _number(_count(graph.subgraph(path), budget), lang)])
    return _frame([_l("fact", lang), _l("value", lang)], rows, lang, index=_l("fact", lang))


def order_table(situation: Situation, lang: str = "fi", *, budget: int = orders.DEFAULT_BUDGET) -> pd.DataFrame:
    """The recommended order of the items still to deploy, and how free each item is.

    Columns: the item, its wave (the earliest round it can go live), the
    earliest and latest position it takes in any allowed order, the slack
    between them (0: its place is fixed), how many allowed orders start with
    it, and why the recommended order puts it where it is.

    Examples
    --------
    >>> from analyser.notebook import make_situation
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> table = order_table(s, "en")
    >>> table["ID"].tolist()
    ['SOS-V1-HAKU', 'SOS-LV-INF', 'SOS-LV-KIE', 'SOS-LV-LUP', 'SOS-LV-HAKU']
    >>> table.loc[1, ["Wave", "Earliest position", "Latest position", "Slack"]].tolist()
    [1, 1, 5, 4]
    """
    graph = situation.remaining_graph
    explained = orders.explain_recommended(graph, soft_edges=situation.soft_edges(),
                                           available_from=situation.available_from(), key=natural_key)
    wave_of = {i: n for n, wave in enumerate(orders.waves(graph, key=natural_key), start=1) for i in wave}
    free = orders.within_budget(orders.freedom, graph, key=natural_key, budget=budget)
    rows = []
    for item_id, reason in explained:
        first = ""
        if free is not None and item_id in free.first_counts and free.total:
            n = free.first_counts[item_id]
            share = f"{100 * n / free.total:.0f} %"
            first = f"{_number(n, lang)} ({share})"
        rows.append([
            item_id, situation.items[item_id].name, wave_of[item_id],
            free.earliest[item_id] if free else "", free.latest[item_id] if free else "",
            free.slack(item_id) if free else "", first, t(f"reason_{reason}", lang),
        ])
    columns = [_l(k, lang) for k in ("id", "name", "wave", "earliest_pos", "latest_pos", "slack", "first", "reason")]
    frame = _frame(columns, rows, lang)
    frame.index.name = _l("position", lang)
    return frame
