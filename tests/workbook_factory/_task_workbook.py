"""The task workbook (FORMATS.md section 2): :func:`write_task_workbook`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ._cells import SheetModel
from ._layout import _check_choice
from ._rendering import _Headers, _join, _resolve_fmt, _simple_table, _title_rows, _Values
from ._specs import TaskRow, TaskSpec
from ._vocabulary import _HELP_TEXT, _TITLE_TEXT, LANGUAGES, PERIOD_FIELDS, PERIOD_HEADERS, SHEET_NAMES, \
    TASK_FIELDS, TASK_HEADERS
from ._writers import _render
from ._written import LocatedDefect, WrittenTasks


def write_task_workbook(spec: TaskSpec, path: str | Path, *, fmt: str | None = None,
                        language: str = "fi", title_rows: int = 0,
                        blank_after_title: bool = False, headers: str = "first",
                        header_overrides: Mapping[str, str] | None = None,
                        decorate_headers: bool = False, seed: int = 0,
                        date_style: str = "date", separator: str = ",",
                        include_periods: bool = True, hidden_sheet_first: bool = False,
                        csv_sep: str = ",", csv_bom: bool = True) -> WrittenTasks:
    """Write a task workbook (FORMATS.md section 2).

    The first sheet ("Käytön laajennus" / "Utvidgning av användningen" /
    "Extension of use") holds ``spec.tasks``; the second
    ("Käyttöönottojaksot" / ...) the periods; then one sheet per
    ``spec.extra_sheets`` entry, same columns as the first.  With
    ``hidden_sheet_first`` a hidden help sheet comes before all of them (so
    the tasks sheet is the first *visible* sheet).

    Parameters
    ----------
    spec : TaskSpec
    path : str or Path
        File, or folder for CSV.
    fmt, language, title_rows, blank_after_title, headers, header_overrides,
    decorate_headers, seed, date_style, csv_sep, csv_bom
        As in :class:`Layout`; title rows go above the task sheets' headers
        (not the periods sheet).
    separator : str
        Between ids in "Edeltävät tehtävät" and list-valued "Koskee".
    include_periods : bool
        Write the periods sheet.

    Returns
    -------
    WrittenTasks
        ``cells[(task_id, field)]`` etc.; fields are :data:`TASK_FIELDS` and
        :data:`PERIOD_FIELDS`.
    """
    path = Path(path)
    _check_choice("language", language, LANGUAGES)
    _check_choice("date_style", date_style, ("date", "dmy", "iso"))
    fmt = _resolve_fmt(path, fmt)
    vals = _Values(language, "first", seed, date_style, False)
    hdr = _Headers(TASK_HEADERS, language, headers, header_overrides or {}, decorate_headers,
                   seed, "tasks")
    cols = [(f, hdr(f)) for f in TASK_FIELDS]
    texts = dict(cols)

    def task_sheet(name: str, tasks: list[TaskRow]):
        sheet = SheetModel(name)
        row = _title_rows(sheet, _TITLE_TEXT[language], title_rows, blank_after_title, None)
        recs = []
        for t in tasks:
            applies = t.applies_to if isinstance(t.applies_to, str) else _join(
                t.applies_to, separator, language)
            dur = t.duration if isinstance(t.duration, int) else vals.word(t.duration or None)
            recs.append({"id": t.id, "task": t.task, "description": t.description or None,
                         "responsible": t.responsible or None, "timing": t.timing or None,
                         "duration": dur,
                         "after": _join(t.after, separator, language) or None,
                         "applies_to": applies or None, "source": t.source or None})
        return sheet, *_simple_table(sheet, row, cols, recs)

    task_name = SHEET_NAMES["tasks"][language]
    sheets = []
    roles = {}
    if hidden_sheet_first:
        help_sheet = SheetModel(SHEET_NAMES["help"][language], hidden=True)
        help_sheet.put(1, 1, _HELP_TEXT[language][0])
        sheets.append(help_sheet)
        roles["help"] = help_sheet.name
    first, heads, rows = task_sheet(task_name, spec.tasks)
    sheets.append(first)
    roles["tasks"] = task_name
    out = WrittenTasks(path=path, fmt=fmt, sheets=sheets, roles=roles, csv_sep=csv_sep,
                       csv_bom=csv_bom, headers=heads,
                       header_texts=texts, row_cells=rows)
    for t, pos in zip(spec.tasks, rows):
        for f, ref in pos.items():
            out.cells.setdefault((t.id, f), ref)
    if include_periods:
        sheet = SheetModel(SHEET_NAMES["periods"][language])
        phdr = _Headers(PERIOD_HEADERS, language, "first", {}, decorate_headers, seed, "periods")
        pcols = [(f, phdr(f)) for f in PERIOD_FIELDS]
        recs = [{"name": p.name, "start": vals.date(p.start), "end": vals.date(p.end),
                 "registration_deadline": vals.date(p.registration_deadline)}
                for p in spec.periods]
        out.period_headers, prow = _simple_table(sheet, 1, pcols, recs)
        for p, pos in zip(spec.periods, prow):
            for f, ref in pos.items():
                out.period_cells.setdefault((p.name, f), ref)
        sheets.append(sheet)
        roles["periods"] = sheet.name
    for name, tasks in spec.extra_sheets.items():
        sheet, _, xrows = task_sheet(name, tasks)
        for t, pos in zip(tasks, xrows):
            for f, ref in pos.items():
                out.extra_cells.setdefault((name, t.id, f), ref)
        sheets.append(sheet)
    for d in spec.defects:
        cell = out.row_cells[d.item_index].get(d.field)
        out.defects.append(LocatedDefect(d, task_name, (cell,) if cell else ()))
    _render(sheets, path, fmt, csv_sep=csv_sep, csv_bom=csv_bom)
    return out
