"""A batch of organisations: the report's tables, and the counts the batch charts draw."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Sequence

import pandas as pd

from analyser.findings import UsageError
from analyser.report.batch import Batch
from analyser.text.labels import month_name, t
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key
from analyser.notebook._common import _frame, _ids, _l, _name_of

__all__ = ["batch_summary_table", "organisation_table", "batch_task_table", "standing_counts", "attention_counts",
           "blocker_counts", "deadlines_by_month"]


_PARTIES = ("provider", "vendor", "kela", "thl", "other", "")


def batch_summary_table(batch: Batch, lang: str = "fi", sources: dict | None = None) -> pd.DataFrame:
    """The summary sheet of the report as a table.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> summary = batch_summary_table(batch, "en")["Value"]
    >>> summary["Organisations"], summary["Can extend now"], summary["Late tasks"]
    (10, 9, 3)
    >>> summary["Most common blocker 1"].startswith("PTA-PUOL")
    True
    """
    from analyser.report.rows import summary_rows

    return _frame([_l("fact", lang), _l("value", lang)], summary_rows(batch, lang, sources or {}), lang,
                  index=_l("fact", lang))


def _check_columns(chosen: Sequence[str], keys: Sequence[str]) -> None:
    """UsageError naming the ``chosen`` columns that are not ``keys`` (and the closest keys, if any).

    Examples
    --------
    >>> from analyser.findings import UsageError
    >>> try:
    ...     _check_columns(["organisation", "profiili"], ["organisation", "profile"])
    ... except UsageError as exc:
    ...     print(exc.text("en"))
    unknown column profiili; choose from: organisation, profile. Did you mean profile?
    """
    unknown = [c for c in chosen if c not in keys]
    if unknown:
        import difflib

        near = [k for c in unknown for k in difflib.get_close_matches(c, keys, n=1)]
        raise UsageError("unknown_columns", suggestions=near, n=len(unknown), columns=unknown, choices=list(keys))


#: The columns of :func:`organisation_table` shown by default (keys of ``report.ORGANISATION_COLUMNS``).
ORGANISATION_VIEW = ("organisation", "profile", "available", "blocked", "waiting_certification", "next", "target",
                     "period", "first_due", "late", "plan_allowed", "violations", "problems")


def organisation_table(batch: Batch, lang: str = "fi", columns: Sequence[str] | None = ORGANISATION_VIEW
                       ) -> pd.DataFrame:
    """One row per organisation of the report; ``columns`` picks keys of ``ORGANISATION_COLUMNS`` (None: all).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> organisation_table(batch).shape
    (10, 13)
    >>> print(organisation_table(batch, "en", ["organisation", "profile", "next"]).head(3).to_string())
                         Organisation Profile Next extension
    1    Esimerkkilän hyvinvointialue  SOS-V2     SOS-V2-ALL
    2  Testikylän sosiaalipalvelut Oy  SOS-LV    SOS-V1-HAKU
    3       Kuvitelmalan hoivakoti Oy     ARK     SOS-VANHAT
    """
    from analyser.report.rows import ORGANISATION_COLUMNS, column_headers, organisation_rows

    keys = list(ORGANISATION_COLUMNS)
    chosen = list(columns) if columns is not None else keys
    _check_columns(chosen, keys)
    picks = [keys.index(c) for c in chosen]
    headers = column_headers("org", chosen, lang)
    rows = [[row[k] for k in picks] for row in organisation_rows(batch, lang)]
    return _frame(headers, rows, lang)


#: The columns of :func:`batch_task_table` shown by default (keys of ``report.TASK_COLUMNS``).
TASK_VIEW = ("due", "organisation", "item", "task", "title", "responsible", "late", "note")


def batch_task_table(batch: Batch, catalogue: Catalogue, lang: str = "fi", *, today: dt.date | None = None,
                     days: int | None = None, late_only: bool = False,
                     columns: Sequence[str] | None = TASK_VIEW) -> pd.DataFrame:
    """The tasks of each organisation's next extension, by due date.

    ``days``: only tasks due within that many days from ``today`` (late ones
    included); ``late_only``: only late tasks; ``columns`` picks keys of
    ``report.TASK_COLUMNS`` (None: all, in the report's order).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> len(batch_task_table(batch, c, today=dt.date(2026, 11, 25), days=60))
    18
    >>> late = batch_task_table(batch, c, "en", late_only=True, columns=["due", "organisation", "item", "task"])
    >>> print(late.to_string())
              Due                     Organisation Functionality No.
    1  2026-10-19  Mallivaaran sosiaalipalvelut Oy    SOS-V1-ARK   1
    2  2026-11-16  Mallivaaran sosiaalipalvelut Oy    SOS-V1-ARK   2
    3  2026-11-23        Kuvitelmalan hoivakoti Oy    SOS-VANHAT   1
    """
    from analyser.report.rows import TASK_COLUMNS, column_headers, task_rows

    keys = list(TASK_COLUMNS)
    chosen = list(columns) if columns is not None else keys
    _check_columns(chosen, keys)
    names = {i.id: i.name for i in catalogue.items}
    due_col, late_col = keys.index("due"), keys.index("late")
    rows = task_rows(batch, names, lang)
    if late_only:
        rows = [r for r in rows if r[late_col]]
    if days is not None:
        limit = (today or dt.date.today()) + dt.timedelta(days=days)
        rows = [r for r in rows if r[due_col] is not None and (r[due_col] <= limit or r[late_col])]
    rows.sort(key=lambda r: r[due_col] or dt.date.max)
    picks = [keys.index(c) for c in chosen]
    headers = column_headers("task", chosen, lang)
    return _frame(headers, [[r[k] for k in picks] for r in rows], lang)


def _standing_key(result) -> str:
    s = result.standing
    if s is None:
        return "st_bad_row"
    if s.available:
        return "st_available"
    if s.waiting_certification:
        return "st_certification"
    if s.blocked:
        return "st_blocked"
    return "st_nothing"


def standing_counts(batch: Batch, lang: str = "fi") -> pd.DataFrame:
    """How many organisations can extend now, wait only for certification, wait for prerequisites,
    have nothing left, or could not be analysed (each organisation counted once).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> counts = standing_counts(batch, "en")["Organisations"]
    >>> counts["Can extend now"], counts["Not analysed (bad row)"], counts.sum()
    (9, 1, 10)
    """
    counts = Counter(_standing_key(r) for r in batch.results)
    keys = ("st_available", "st_certification", "st_blocked", "st_nothing", "st_bad_row")
    return _frame([_l("situation", lang), _l("organisations", lang)],
                  [[_l(k, lang), counts.get(k, 0)] for k in keys], lang, index=_l("situation", lang))


def attention_counts(batch: Batch, lang: str = "fi") -> pd.DataFrame:
    """Organisations that need attention (one may be in several rows): late tasks in the next
    extension, a planned order that is not allowed, an item ready but waiting for certification.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> attention_counts(batch, "en")["Organisations"].to_dict()
    {'Late tasks': 2, 'Planned order not allowed': 1, 'Something waits for certification': 2}
    """
    analysed = [r for r in batch.results if r.standing is not None]
    rows = [
        [_l("att_late", lang), sum(1 for r in analysed if r.late)],
        [_l("att_plan", lang), sum(1 for r in analysed if r.plan_allowed is False)],
        [_l("att_certification", lang), sum(1 for r in analysed if r.standing.waiting_certification)],
    ]
    return _frame([_l("situation", lang), _l("organisations", lang)], rows, lang, index=_l("situation", lang))


def blocker_counts(batch: Batch, catalogue: Catalogue, lang: str = "fi") -> pd.DataFrame:
    """Items that hold back other items, by the number of organisations where they do.

    An item counts for an organisation when at least one item the
    organisation's profile allows waits for it.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> table = blocker_counts(batch, c, "en")
    >>> table["Organisations"].head(3).to_dict()
    {'PTA-PUOL': 2, 'SOS-LV-KIE': 2, 'SOS-LV-LUP': 2}
    >>> table.loc["SOS-LV-INF", "Blocks"]
    'SOS-LV-HAKU, SOS-LV-KIE, SOS-LV-LUP'
    """
    organisations: Counter = Counter()
    blocks: dict[str, set] = {}
    for r in batch.results:
        if r.standing is None:
            continue
        for item_id, missing in r.standing.blocked:
            for m in missing:
                blocks.setdefault(m, set()).add(item_id)
        organisations.update(r.standing.blockers)
    rows = [[i, _name_of(catalogue, i), n, _ids(sorted(blocks.get(i, ()), key=natural_key), lang)]
            for i, n in sorted(organisations.items(), key=lambda kv: (-kv[1], natural_key(kv[0])))]
    columns = [_l(k, lang) for k in ("id", "name", "organisations", "blocks")]
    return _frame(columns, rows, lang, index=columns[0])


def _month_label(month: dt.date, lang: str) -> str:
    return f"{month_name(month.month, lang)} {month.year}"


def _party_label(key: str, lang: str) -> str:
    return t(f"plot_party_{key or 'none'}", lang)


def deadlines_by_month(batch: Batch, lang: str = "fi") -> pd.DataFrame:
    """Tasks of each organisation's next extension due per month: late ones, and the rest by responsible party.

    Rows are months (from the earliest to the latest due date, none
    skipped); a task without a date is not counted.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> table = deadlines_by_month(batch, "en")
    >>> table.shape, list(table.columns)
    ((15, 4), ['Late', 'care provider', 'system vendor', 'Kela'])
    >>> table.index[0], table.index[-1]
    ('Oct 2026', 'Dec 2027')
    >>> table.loc["Nov 2026"].to_dict()
    {'Late': 2, 'care provider': 4, 'system vendor': 0, 'Kela': 0}
    """
    tasks = [task for r in batch.results for task in r.tasks if task.due is not None]
    late_label = _l("late", lang)
    present = [k for k in _PARTIES if any((task.responsible_key or "") == k and not task.late for task in tasks)]
    columns = [late_label] + [_party_label(k, lang) for k in present]
    if not tasks:
        frame = pd.DataFrame(columns=columns, dtype=int)
        frame.index.name = _l("month", lang)
        return frame
    first = min(task.due for task in tasks).replace(day=1)
    last = max(task.due for task in tasks).replace(day=1)
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    counts = {m: Counter() for m in months}
    for task in tasks:
        key = late_label if task.late else _party_label(task.responsible_key or "", lang)
        counts[task.due.replace(day=1)][key] += 1
    rows = [[counts[m].get(c, 0) for c in columns] for m in months]
    frame = pd.DataFrame(rows, columns=columns, index=[_month_label(m, lang) for m in months])
    frame.index.name = _l("month", lang)
    return frame
