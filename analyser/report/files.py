"""The batch report's files: organisaatiot.csv, tehtavat.csv, profiilit.csv and raportti.xlsx, with the
rows of :mod:`analyser.report.rows`.

Every word of the tool's own (headers, sheet names, yes and no, findings,
the summary) is Finnish by default and English with ``lang="en"``; the
workbook's own text (names, tasks) is shown as written, and the file names
are the same in both languages. CSV comes as
``excel-fi`` (``;``, BOM, decimal comma: what Finnish Excel opens) or
``rfc4180``. Every file is written atomically, never over an input, and
the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from operator import itemgetter
from pathlib import Path
from typing import Sequence

from analyser.records import Catalogue
from analyser.report.batch import Batch, OrganisationResult
from analyser.text.labels import format_date, format_number, t
from analyser.report.rows import (FINDING_COLUMNS, ORGANISATION_COLUMNS, PROFILE_COLUMNS, TASK_COLUMNS, RowParts,
                                  column_headers, finding_rows, profile_rows, row_parts, summary_rows, task_cells)
from analyser.output import InChild, csv_cell, csv_line, csv_text, write_all_atomic
from analyser.report.xlsx_writer import (SharedStrings, SheetData, cell_xml, cells_xml, column_widths, late_date_xml,
                                         row_lines, text_lines, write_xlsx)

__all__ = ["write_report", "report_sources", "render_summary", "excel_notes"]

_CHUNK = 2000
_TASK_CHUNK = 500


def _csv_names(results: Sequence[OrganisationResult], sep: str, fi: bool) -> list[str]:
    """The organisation-name cells."""
    return [csv_cell(r.row.name, sep, fi) for r in results]


def _organisation_csv(batch: Batch, lang: str, dialect: str, parts: RowParts):
    fi = dialect == "excel-fi"
    sep = ";" if fi else ","
    yield ("\ufeff" if fi else "") + csv_line(column_headers("org", ORGANISATION_COLUMNS, lang), dialect)

    def render(values, start):
        return sep.join(csv_cell(v.isoformat() if isinstance(v, dt.date) else v, sep, fi) for v in values)

    results = batch.results
    lines = map(sep.join, zip(_csv_names(results, sep, fi), *parts.rendered(lang, render)))
    while chunk := list(itertools.islice(lines, _CHUNK)):
        yield "\r\n".join(chunk) + "\r\n"


def _task_csv(batch: Batch, names: dict, lang: str, dialect: str):
    """tehtavat.csv as bytes: each organisation's block is its name cell joined with task lines
    rendered once per distinct task list."""
    fi = dialect == "excel-fi"
    sep = ";" if fi else ","
    yield (("\ufeff" if fi else "") + csv_line(column_headers("task", TASK_COLUMNS, lang), dialect)).encode("utf-8")
    results = [r for r in batch.results if r.tasks]
    # the first six cells (item, name, task, title, responsible, timing) recur, and so do the last four
    # (earliest, due, late, note): each run is rendered once
    runs: dict[tuple, str] = {}

    def run(values: tuple) -> str:
        text = runs.get(values)
        if text is None:
            text = runs[values] = sep.join(csv_cell(v.isoformat() if isinstance(v, dt.date) else v, sep, fi)
                                           for v in values)
        return text

    def line(task) -> bytes:
        values = task_cells(names, task, lang)
        return (run(tuple(values[:6])) + sep + run(tuple(values[6:])) + "\r\n").encode("utf-8")

    blocks: dict[int, list[bytes]] = {}
    for result in results:
        if id(result.tasks) not in blocks:
            blocks[id(result.tasks)] = [b""] + [line(task) for task in result.tasks]
    prefixes = [(name + sep).encode("utf-8") for name in _csv_names(results, sep, fi)]
    for k in range(0, len(results), _TASK_CHUNK):
        yield b"".join([prefix.join(blocks[id(r.tasks)])
                        for prefix, r in zip(prefixes[k:k + _TASK_CHUNK], results[k:k + _TASK_CHUNK])])


# the Organisaatiot sheet's wrapped columns (the name's too) and widths
_ORG_WRAP = (0, 2, 3, 4, 5, 6, 9, 10, 12, 16, 22)
_ORG_WIDTHS = (34, 10, 30, 26, 40, 26, 20, 14, 10, 40, 30, 10, 40, 14, 12, 12, 44, 12, 12, 8, 8, 14, 40)


def _organisation_xml_rows(batch: Batch, lang: str, strings: SharedStrings, parts: RowParts, widths: list):
    """The Organisaatiot sheet's rows as (cell XML, lines of its highest cell) (a generator: the work is done
    by whoever writes the workbook, which may be a second process)."""
    rendered = parts.rendered(lang, lambda values, start: (
        cells_xml(values, wrap=_ORG_WRAP, start=start, strings=strings),
        row_lines(values, widths, _ORG_WRAP, start)))
    width = widths[0]
    xml = map("".join, zip(*[map(itemgetter(0), column) for column in rendered]))
    lines = map(max, *[map(itemgetter(1), column) for column in rendered])
    names = [result.row.name for result in batch.results]
    for name, name_cell, cells, most in zip(names, strings.cells(names, wrap=True), xml, lines):
        yield name_cell + cells, max(most, text_lines(name, width))


def _task_columns(batch: Batch) -> list[tuple[str, str, str]]:
    """(task id, title, responsible) of every task that appears, in task-number order."""
    seen: dict[str, tuple[str, str, str]] = {}
    done: set[int] = set()
    for result in batch.results:
        if id(result.tasks) in done:
            continue
        done.add(id(result.tasks))
        for task in result.tasks:
            seen.setdefault(task.task_id, (task.task_id, task.title, task.responsible))
    from analyser.text.vocabulary import natural_key

    return sorted(seen.values(), key=lambda x: natural_key(x[0]))


def _task_sheet(batch: Batch, names: dict, lang: str, strings: SharedStrings) -> SheetData:
    """The workbook's task sheet: one row per organisation, a due-date column per task (late in red)."""
    columns = _task_columns(batch)
    header = column_headers("tasksheet", ("organisation", "next", "name", "target", "go_live", "period"), lang)
    header += [f"{task_id} {title} ({who})" if who else f"{task_id} {title}" for task_id, title, who in columns]
    position = {task_id: k for k, (task_id, _, _) in enumerate(columns)}

    def rows():
        results = [r for r in batch.results if r.tasks]
        tails: dict[tuple, str] = {}
        keys = [(id(r.tasks), r.next_item, r.row.target_date, r.go_live, r.period) for r in results]
        for key, result in dict(zip(keys, results)).items():
            dues: list[str] = ["<c/>"] * len(columns)
            for task in result.tasks:
                if task.due is None:
                    dues[position[task.task_id]] = cell_xml(t("task_no_date", lang), strings=strings)
                else:
                    dues[position[task.task_id]] = late_date_xml(task.due) if task.late else cell_xml(task.due)
            item = result.next_item
            values = [item, names.get(item, item), result.row.target_date, result.go_live, result.period or ""]
            tails[key] = (cells_xml(values, wrap=(1,), strings=strings) + "".join(dues),
                          row_lines(values, widths, (2,), start=1))
        organisations = [result.row.name for result in results]
        for name, name_cell, key in zip(organisations, strings.cells(organisations, wrap=True), keys):
            tail, lines = tails[key]
            yield name_cell + tail, max(lines, text_lines(name, widths[0]))

    sheet = SheetData(t("sheet.tasks", lang), header, widths=[34, 16, 34, 12, 12, 12] + [16] * len(columns),
                      wrap=(0, 2), freeze_columns=1)
    widths = column_widths(sheet)
    sheet.xml_rows = rows()
    return sheet


def _finding_sheet(findings: list[list[str]], lang: str, strings: SharedStrings) -> SheetData:
    """The workbook's sheet of findings (the rows of :func:`finding_rows`): the cells before the cell
    reference (severity, code, file, sheet) recur, and are rendered once."""
    sheet = SheetData(t("sheet.findings", lang), column_headers("finding", FINDING_COLUMNS, lang),
                      widths=[10, 24, 40, 24, 8, 80], wrap=(2, 3, 5))
    widths = column_widths(sheet)

    def rows():
        heads: dict[tuple, tuple[str, int, int]] = {}
        for severity, code, file, sheet_name, cell, message in findings:
            key = (severity, code, file, sheet_name)
            head = heads.get(key)
            if head is None:
                before = strings.uses
                xml = cells_xml(key, wrap=(2, 3), strings=strings)
                head = heads[key] = (xml, row_lines(key, widths, (2, 3)), strings.uses - before)
            else:
                strings.uses += head[2]  # the table counts every use of a text, as if each row were rendered anew
            yield (head[0] + cell_xml(cell, False, strings) + cell_xml(message, True, strings),
                   max(head[1], text_lines(message, widths[5])))

    sheet.xml_rows = rows()
    return sheet


def _csv(table: str, columns, rows, dialect: str, lang: str) -> str:
    return csv_text(column_headers(table, columns, lang), ([v.isoformat() if isinstance(v, dt.date) else v for v in row]
                                              for row in rows), dialect)


def report_sources(catalogue: Catalogue, organisations: str | os.PathLike, today: dt.date,
                   lang: str = "fi", diagrams: str | None = None, calendars: str | None = None) -> dict[str, str]:
    """The input lines of the report's summary sheet: the files read, the day, and notes on the diagrams and
    the calendars.

    Examples
    --------
    >>> from pathlib import Path
    >>> sources = report_sources(load_catalogue(), "organisaatiot.csv", dt.date(2026, 11, 25))
    >>> list(sources)
    ['Riippuvuustaulukko', 'Tehtävätaulukko', 'Organisaatiot', 'Päivä']
    >>> Path(sources["Riippuvuustaulukko"]).name, sources["Organisaatiot"], sources["Päivä"]
    ('riippuvuustaulukko.xlsx', 'organisaatiot.csv', '25.11.2026')
    """
    sources = {t("src.table", lang): catalogue.table_path, t("src.tasks", lang): catalogue.tasks_path,
               t("src.organisations", lang): str(organisations), t("src.day", lang): format_date(today, lang)}
    if diagrams:
        sources[t("src.diagrams", lang)] = diagrams
    if calendars:
        sources[t("cal.src", lang)] = calendars
    return sources



def write_report(
    batch: Batch,
    names: dict,
    out_dir: str | os.PathLike,
    *,
    lang: str = "fi",
    dialect: str = "excel-fi",
    inputs: Sequence = (),
    sources: dict | None = None,
    extra_files: dict | None = None,
) -> list[Path]:
    """Write the report files into ``out_dir``; return their paths.

    Parameters
    ----------
    batch : Batch
        From :func:`~analyser.report.batch.run_batch`.
    names : dict
        Item id -> name, for the task list.
    out_dir : path
        Created if need be. Nothing is written over a file of ``inputs``.
    lang, dialect : str
        Headers in Finnish ("fi") or English ("en"); CSV as "excel-fi" or "rfc4180".
    inputs : sequence of paths
        The files read, never to be written over.
    sources : dict, optional
        Lines such as the input file names for the summary sheet.
    extra_files : dict, optional
        Path -> bytes or writer (e.g. diagrams), written together with the report.

    Returns
    -------
    list of Path
        Every file written, all put in place together (see :func:`~analyser.output.write_all_atomic`).

    Examples
    --------
    >>> import tempfile
    >>> c, batch = example_batch()
    >>> [p.name for p in write_report(batch, {i.id: i.name for i in c.items}, tempfile.mkdtemp())]
    ['organisaatiot.csv', 'tehtavat.csv', 'profiilit.csv', 'raportti.xlsx']
    """
    out = Path(out_dir)
    profiles = profile_rows(batch)
    findings = finding_rows(batch, lang)
    summary = summary_rows(batch, lang, sources or {})
    strings = SharedStrings()
    parts = row_parts(batch)
    parts.values(lang)  # before the writers fork: they all render these
    organisations = SheetData(t("sheet.organisations", lang), column_headers("org", ORGANISATION_COLUMNS, lang),
                              widths=_ORG_WIDTHS, wrap=_ORG_WRAP)
    organisations.xml_rows = _organisation_xml_rows(batch, lang, strings, parts, column_widths(organisations))
    sheets = [
        SheetData(t("sheet.summary", lang), column_headers("summary", ("item", "value"), lang),
                  summary, widths=[36, 60], wrap=(0, 1), one_page=True),
        organisations,
        _task_sheet(batch, names, lang, strings),
        SheetData(t("sheet.profiles", lang), column_headers("profile", PROFILE_COLUMNS, lang), profiles,
                  widths=[10, 36, 8, 14, 10, 50, 30, 50, 30], wrap=(1, 5, 6, 7, 8)),
        _finding_sheet(findings, lang, strings),
    ]
    files = {
        out / "organisaatiot.csv": _organisation_csv(batch, lang, dialect, parts),
        out / "tehtavat.csv": InChild(lambda handle: handle.writelines(_task_csv(batch, names, lang, dialect))),
        out / "profiilit.csv": _csv("profile", PROFILE_COLUMNS, profiles, dialect, lang),
        out / "raportti.xlsx": InChild(lambda handle: write_xlsx(handle, sheets, title="analyser", strings=strings)),
        **(extra_files or {}),
    }
    return write_all_atomic(files, inputs=inputs)


#: Rows of a worksheet in Excel (header included); a longer CSV file opens cut short.
EXCEL_ROWS = 1_048_576


def excel_notes(batch: Batch, lang: str = "fi", dialect: str = "excel-fi") -> list[str]:
    """Notes on report files too long for Excel, for the end-of-run screen (CSV meant for Excel only).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> excel_notes(batch)
    []
    """
    rows = sum(len(r.tasks) for r in batch.results) + 1
    if dialect != "excel-fi" or rows <= EXCEL_ROWS:
        return []
    return [t("too_many_rows_for_excel", lang, file="tehtavat.csv", rows=format_number(rows, lang),
              limit=format_number(EXCEL_ROWS, lang))]


def render_summary(batch: Batch, lang: str = "fi") -> str:
    """The one-screen summary printed at the end of a run.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> print(render_summary(batch, "en").splitlines()[0])
    Organisations: 10 (analysed 9)
    """
    s = batch.summary
    lines = [t(f"run.{key}", lang, **s) for key in ("organisations", "can_extend_now", "plans_not_allowed")]
    lines.append(t("run.late_tasks", lang, **s, n=s["organisations_with_late_tasks"]) if s["late_tasks"]
                 else t("run.no_late_tasks", lang))
    if s.get("targets_moved"):
        lines.append(t("run.targets_moved", lang, n=s["targets_moved"]))
    if s["most_common_blockers"]:
        blocker = s["most_common_blockers"][0]
        lines.append(t("run.blocker", lang, id=blocker["id"], n=blocker["organisations"]))
    lines.append(t("run.findings", lang, **s))
    return "\n".join(lines) + "\n"
