"""The plan: its facts, extensions and dated tasks as tables, and the plan as an .xlsx workbook."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable

import pandas as pd

from analyser.report.briefing import responsible_text, task_note
from analyser.text.labels import format_date, t
from analyser.output import write_atomic
from analyser.planning.plan import Plan
from analyser.records import Catalogue
from analyser.text.vocabulary import natural_key
from analyser.report.xlsx_writer import SheetData, xlsx_bytes
from analyser.notebook._common import _frame, _ids, _l, _name_of, _number, _yes_no

__all__ = ["plan_facts", "plan_table", "task_table", "plan_sheets", "write_plan_xlsx"]


def _plan_fact_rows(plan: Plan, catalogue: Catalogue, lang: str, sheet: bool = False) -> list[list[object]]:
    """The facts of a plan; for a sheet, counts stay numbers (the table shows them with separators)."""
    from analyser.report.briefing import bound_text

    answer = plan.as_dict()
    none = _l("f_none", lang)
    rows: list[list[object]] = [
        [_l("f_profile", lang), plan.profile],
        [_l("f_deployed", lang), _ids(plan.deployed, lang, none)],
    ]
    if plan.target:
        rows.append([_l("f_target", lang), f"{plan.target} – {_name_of(catalogue, plan.target)}"])
    rows += [
        [_l("f_items", lang), _ids(plan.items, lang, none)],
        [_l("f_count", lang) if not plan.target else _l("f_path_count", lang),
         plan.order_count if sheet else _number(plan.order_count, lang)],
        [_l("f_periods", lang), plan.periods_used],
        [_l("f_period_list", lang), ", ".join(
            p.name + ("" if p.accepts_registration else f" ({_l('flag_closed', lang)})")
            for p in plan.periods[: max(plan.periods_used, 0)])],
        [_l("f_bound", lang), f"{plan.lower_bound} ({bound_text(answer, lang)})" if plan.bound_reasons
         else plan.lower_bound],
        [_l("f_optimal", lang), _yes_no(plan.optimal, lang)],
        [_l("f_late", lang), len(plan.late_tasks)],
    ]
    if plan.unplaced:
        rows.append([_l("f_unplaced", lang), _ids(plan.unplaced, lang)])
    if plan.waiting_certification:
        rows.append([_l("f_waiting", lang), _ids(plan.waiting_certification, lang)])
    rows += [
        [_l("f_start", lang), plan.start],
        [_l("f_today", lang), plan.today],
        [_l("f_notes", lang), "; ".join(t("note." + n, lang) for n in plan.notes)],
        [_l("f_table", lang), Path(catalogue.table_path).name],
        [_l("f_tasks", lang), Path(catalogue.tasks_path).name if catalogue.tasks_path else ""],
    ]
    return rows


def plan_facts(plan: Plan, catalogue: Catalogue, lang: str = "fi") -> pd.DataFrame:
    """What the plan rests on and how good it is: periods used against the lower bound, assumptions.

    Examples
    --------
    >>> from analyser.notebook import make_situation
    >>> from analyser.planning.plan import make_plan, plan_periods
    >>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> day, start = dt.date(2026, 11, 25), dt.date(2027, 1, 1)
    >>> periods = plan_periods(c.periods, start=start, today=day)
    >>> plan = make_plan(s, target="SOS-LV-HAKU", periods=periods, start=start, today=day)
    >>> facts = plan_facts(plan, c, "en")["Value"]
    >>> facts["Deployment periods"], facts["Fewest periods proven"], facts["Late tasks"]
    (3, 'yes', 2)
    """
    return _frame([_l("fact", lang), _l("value", lang)], _plan_fact_rows(plan, catalogue, lang), lang,
                  index=_l("fact", lang))


def _period_dates(period, lang: str) -> str:
    if period is None or period.synthetic or period.start is None:
        return _l("flag_synthetic", lang)
    end = format_date(period.end, lang) if period.end else ""
    return f"{format_date(period.start, lang)}–{end}"


def _plan_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    periods = {p.name: p for p in plan.periods}
    rows = []
    for e in plan.extensions:
        period = periods.get(e.period)
        flags = []
        if e.needs_registration:
            flags.append(_l("flag_registration", lang))
            if period is not None and not period.accepts_registration:
                flags.append(_l("flag_closed", lang))
        if e.needs_test:
            flags.append(_l("flag_test", lang))
        if e.waiting_certification:
            flags.append(_l("flag_certification", lang))
        if e.partly:
            flags.append(_l("flag_partly", lang))
        rows.append([e.period, _period_dates(period, lang), period.deadline if period else None, e.item, e.name,
                     e.go_live, ", ".join(flags)])
    columns = [_l(k, lang) for k in ("period", "period_dates", "deadline", "id", "name", "go_live", "flags")]
    return columns, rows


def plan_table(plan: Plan, lang: str = "fi") -> pd.DataFrame:
    """The staged plan: each extension with its deployment period, go-live day and what it needs.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> print(plan_table(plan, "en")[["Deployment period", "ID", "Go-live"]].to_string())
      Deployment period           ID     Go-live
    1            2027/1   SOS-LV-INF  2027-01-11
    2            2027/2   SOS-LV-KIE  2027-04-12
    3            2027/2   SOS-LV-LUP  2027-04-12
    4            2027/3  SOS-LV-HAKU  2027-09-20
    """
    columns, rows = _plan_rows(plan, lang)
    return _frame(columns, rows, lang)


def _task_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    position = {e.item: k for k, e in enumerate(plan.extensions)}
    tasks = sorted(plan.tasks, key=lambda k: (k.due or dt.date.max, position.get(k.item, len(position)),
                                              natural_key(k.task_id)))
    rows = [[k.due, ", ".join(k.items or (k.item,)), k.task_id, k.title,
             responsible_text(k.responsible, k.responsible_key, lang),
             k.timing_text, _l("late_mark", lang) if k.late else "",
             task_note(lang, unparsed=k.unparsed, capped=k.capped, moved=k.moved, timing=k.timing_text)]
            for k in tasks]
    columns = [_l(k, lang) for k in ("due", "item", "task_no", "task", "responsible", "timing", "late", "note")]
    return columns, rows


def task_table(plan: Plan, lang: str = "fi") -> pd.DataFrame:
    """The dated task list of the plan, in order of due date (late ones marked); a task of a whole period
    is listed once, naming every functionality it covers.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> tasks = task_table(plan, "en")
    >>> len(tasks), list(tasks.columns)
    (42, ['Due', 'Functionality', 'No.', 'Task', 'Responsible', 'Timing in the task workbook', 'Late', 'Note'])
    >>> tasks.loc[1, ["Due", "Functionality", "Late"]].tolist()
    ['2026-10-19', 'SOS-LV-INF', 'LATE']
    >>> tasks[tasks["No."] == "6"]["Functionality"].tolist()  # period registration, once per period
    ['SOS-LV-INF', 'SOS-LV-KIE, SOS-LV-LUP', 'SOS-LV-HAKU']
    """
    columns, rows = _task_rows(plan, lang)
    return _frame(columns, rows, lang)


def plan_sheets(plan: Plan, catalogue: Catalogue, lang: str = "fi") -> list[SheetData]:
    """The plan as workbook sheets (summary, extensions, tasks) with real dates.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> [(sheet.name, len(sheet.rows)) for sheet in plan_sheets(plan, c)]
    [('Yhteenveto', 15), ('Suunnitelma', 4), ('Tehtävät', 42)]
    """
    facts = _plan_fact_rows(plan, catalogue, lang, sheet=True)
    plan_columns, plan_rows = _plan_rows(plan, lang)
    task_columns, task_rows = _task_rows(plan, lang)
    return [
        SheetData(t("sheet.summary", lang), [_l("fact", lang), _l("value", lang)], facts,
                  widths=[38, 90], wrap=(1,)),
        SheetData(t("sheet.plan", lang), plan_columns, plan_rows,
                  widths=[18, 24, 16, 14, 44, 14, 60], wrap=(4, 6)),
        SheetData(t("sheet.tasks", lang), task_columns, task_rows,
                  widths=[12, 14, 6, 52, 24, 44, 11, 40], wrap=(3, 5, 7)),
    ]


def write_plan_xlsx(plan: Plan, catalogue: Catalogue, path: str | os.PathLike, *, lang: str = "fi",
                    inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Write the plan to an .xlsx workbook (atomically; never over the input workbooks); return its path.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> import tempfile
    >>> from analyser.load.files import read_workbook
    >>> path = write_plan_xlsx(plan, c, Path(tempfile.mkdtemp()) / "suunnitelma.xlsx", lang="en")
    >>> path.name, read_workbook(path).sheet_names()
    ('suunnitelma.xlsx', ['Summary', 'Plan', 'Tasks'])
    """
    inputs = [p for p in (catalogue.table_path, catalogue.tasks_path, *inputs) if p]
    title = t("plan_title", lang)
    return write_atomic(path, xlsx_bytes(plan_sheets(plan, catalogue, lang), title=title), inputs=inputs)
