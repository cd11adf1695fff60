"""The batch report's files: organisaatiot.csv, tehtavat.csv, profiilit.csv and raportti.xlsx.

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
import os
from operator import itemgetter
from pathlib import Path
from typing import Sequence

from analyser.records import Catalogue
from analyser.report.batch import Batch, OrganisationResult
from analyser.report.briefing import responsible_text, task_note
from analyser.findings import Finding
from analyser.text.labels import LABELS, format_date, format_number, t
from analyser.output import InChild, csv_cell, csv_line, csv_text, write_all_atomic
from analyser.report.xlsx_writer import (SharedStrings, SheetData, cell_xml, cells_xml, column_widths, late_date_xml,
                                         row_lines, text_lines, write_xlsx)

__all__ = [
    "ORGANISATION_COLUMNS",
    "TASK_COLUMNS",
    "PROFILE_COLUMNS",
    "organisation_rows",
    "task_rows",
    "profile_rows",
    "write_report",
    "column_headers",
    "report_sources",
    "render_summary",
    "excel_notes",
    "problem_text",
]

ORGANISATION_COLUMNS = ("organisation", "profile", "deployed", "available", "blocked", "not_allowed", "waiting_certification", "count", "min_rounds", "recommended", "planned", "plan_allowed", "violations", "next", "target", "go_live", "go_live_reason", "period", "next_open_period", "tasks", "late", "first_due", "problems")

TASK_COLUMNS = ("organisation", "item", "item_name", "task", "title", "responsible", "timing", "earliest", "due", "late", "note")

PROFILE_COLUMNS = ("profile", "name", "items", "count", "min_rounds", "waves", "available", "recommended", "excluded")

FINDING_COLUMNS = ("severity", "code", "file", "sheet", "cell", "message")


def column_headers(table: str, columns: Sequence[str], lang: str = "fi") -> list[str]:
    """The headers of a report table's ``columns`` (keys of ``ORGANISATION_COLUMNS`` and the like).

    Examples
    --------
    >>> column_headers("org", ORGANISATION_COLUMNS[:2]), column_headers("task", ("due",), "en")
    (['Organisaatio', 'Profiili'], ['Due'])
    """
    return [t(f"col.{table}.{key}", lang) for key in columns]


def _yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return t("cell.yes" if value else "cell.no", lang)


def _count(value: int | None) -> object:
    if value is None:
        return ""
    return value if value < 10**15 else str(value)


def _violations(violations: Sequence[dict], lang: str) -> str:
    return "; ".join(t("violation_" + v["reason"], lang, position=v["position"], id=v["id"],
                       missing=", ".join(v["missing"])) for v in violations)


def _standing_part(result: OrganisationResult, lang: str) -> list[object]:
    s = result.standing
    if s is None:  # a bad row: what was read, nothing analysed
        return [result.row.profile_text, ", ".join(result.row.deployed), "", "", "", "", "", "", ""]
    return [s.profile, ", ".join(s.deployed), ", ".join(s.available),
            "; ".join(f"{i} ({', '.join(m)})" for i, m in s.blocked), ", ".join(s.not_allowed),
            ", ".join(s.waiting_certification), _count(s.count), s.min_rounds, ", ".join(s.recommended)]


def _plan_part(result: OrganisationResult, lang: str) -> list[object]:
    return [", ".join(result.row.planned), _yes_no(result.plan_allowed, lang), _violations(result.violations, lang)]


def _next_part(result: OrganisationResult, lang: str) -> list[object]:
    """The next extension: the target date, the go-live day used and why (FORMATS.md §5 "Dates"), its tasks."""
    target = result.row.target_date
    if result.standing is None:
        return ["", target, "", "", "", "", "", "", ""]
    dating = result.dating
    due = [task.due for task in result.tasks if task.due]
    return [result.next_item or "", target, result.go_live, dating.text(lang) if dating else "", result.period or "",
            dating.next_open if dating else "", len(result.tasks), result.late, min(due) if due else None]


def problem_text(finding: Finding, lang: str = "fi") -> str:
    """A finding as the organisation's row names it: short where the row says whose it is.

    Examples
    --------
    >>> f = Finding.of("unknown-item", "o.csv", "", "C4", organisation="A Oy", column="Käytössä", value="X")
    >>> problem_text(f, "en")
    "unknown functionality 'X' (column 'Käytössä')"
    """
    short = "problem." + finding.key.removeprefix("finding.")
    return t(short, lang, **dict(finding.params)) if short in LABELS else finding.text(lang)


def _problems_part(result: OrganisationResult, lang: str) -> list[object]:
    warnings = result.standing.warnings if result.standing is not None else ()
    return ["; ".join(problem_text(f, lang) for f in (*result.row.problems, *warnings))]


# An organisation row is its name and these parts; each part is decided by fewer things than the
# whole row (its key), so the writers render it once per key. The batch keeps every standing,
# task list and tuple of plan violations alive, so their id() can be part of a key.
_PARTS = (
    (_standing_part, 9, lambda r: id(r.standing) if r.standing is not None else (r.row.profile_text, r.row.deployed)),
    (_plan_part, 3, lambda r: (id(r.violations), r.row.planned, r.plan_allowed)),
    (_next_part, 9, lambda r: (r.standing is None, id(r.tasks), r.next_item, r.row.target_date, id(r.dating))),
    (_problems_part, 1, lambda r: (id(r.standing.warnings) if r.standing is not None else 0, r.row.problems)),
)


def organisation_rows(batch: Batch, lang: str = "fi") -> list[list[object]]:
    """One row per organisation, in file order (values, not text: dates stay dates).

    Each row is built on its own: this is the plain reading of the
    columns that the writers, which share the work between organisations,
    are tested against.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> first = organisation_rows(batch)[0]
    >>> len(first) == len(ORGANISATION_COLUMNS), first[:2]
    (True, ['Esimerkkilän hyvinvointialue', 'SOS-V2'])
    """
    return [[result.row.name, *(v for part, _, _ in _PARTS for v in part(result, lang))]
            for result in batch.results]


class _PartKeys:
    """For each part of :data:`_PARTS`: every result's key, and one result per distinct key.
    Worked out once and shared by the writers (it is most of their work on a big batch)."""

    def __init__(self, results: Sequence[OrganisationResult]):
        self.keys = []
        self.representatives = []
        for _, _, key_of in _PARTS:
            keys = [key_of(r) for r in results]
            self.keys.append(keys)
            self.representatives.append(dict(zip(keys, results)))

    def rendered(self, lang: str, render) -> list[list]:
        """Each part's rendering for every result, each distinct key rendered once:
        ``render(values, first_column)``."""
        columns = []
        start = 1
        for (part, width, _), keys, representative in zip(_PARTS, self.keys, self.representatives):
            rendered = {key: render(part(r, lang), start) for key, r in representative.items()}
            columns.append(list(map(rendered.__getitem__, keys)))
            start += width
        return columns


def _task_tail(catalogue_names: dict, task, lang: str) -> list[object]:
    note = task_note(lang, unparsed=task.unparsed, capped=task.capped, moved=task.moved, timing=task.timing_text)
    return [task.item, catalogue_names.get(task.item, task.item), task.task_id, task.title,
            responsible_text(task.responsible, task.responsible_key, lang), task.timing_text,
            task.earliest, task.due, _yes_no(task.late, lang) if task.late else "", note]


def task_rows(batch: Batch, names: dict, lang: str = "fi") -> list[list[object]]:
    """One row per organisation and task of its next extension, each built on its own.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> rows = task_rows(batch, {i.id: i.name for i in c.items})
    >>> len(rows[0]) == len(TASK_COLUMNS), rows[0][0]
    (True, 'Esimerkkilän hyvinvointialue')
    """
    return [[result.row.name, *_task_tail(names, task, lang)] for result in batch.results for task in result.tasks]


# -- fast writing: what organisations share is rendered once ------------------------------------

_CHUNK = 20_000


def _csv_names(results: Sequence[OrganisationResult], sep: str, fi: bool) -> list[str]:
    """The organisation-name cells."""
    return [csv_cell(r.row.name, sep, fi) for r in results]


def _organisation_csv(batch: Batch, lang: str, dialect: str, parts: _PartKeys):
    fi = dialect == "excel-fi"
    sep = ";" if fi else ","
    yield ("\ufeff" if fi else "") + csv_line(column_headers("org", ORGANISATION_COLUMNS, lang), dialect)

    def render(values, start):
        return sep.join(csv_cell(v.isoformat() if isinstance(v, dt.date) else v, sep, fi) for v in values)

    results = batch.results
    lines = list(map(sep.join, zip(_csv_names(results, sep, fi), *parts.rendered(lang, render))))
    for k in range(0, len(lines), _CHUNK):
        yield "\r\n".join(lines[k:k + _CHUNK]) + "\r\n"


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
        values = _task_tail(names, task, lang)
        return (run(tuple(values[:6])) + sep + run(tuple(values[6:])) + "\r\n").encode("utf-8")

    blocks: dict[int, list[bytes]] = {}
    for result in results:
        if id(result.tasks) not in blocks:
            blocks[id(result.tasks)] = [b""] + [line(task) for task in result.tasks]
    prefixes = [(name + sep).encode("utf-8") for name in _csv_names(results, sep, fi)]
    for k in range(0, len(results), _CHUNK):
        yield b"".join([prefix.join(blocks[id(r.tasks)])
                        for prefix, r in zip(prefixes[k:k + _CHUNK], results[k:k + _CHUNK])])


# the Organisaatiot sheet's wrapped columns (the name's too) and widths
_ORG_WRAP = (0, 2, 3, 4, 5, 6, 9, 10, 12, 16, 22)
_ORG_WIDTHS = (34, 10, 30, 26, 40, 26, 20, 14, 10, 40, 30, 10, 40, 14, 12, 12, 44, 12, 12, 8, 8, 14, 40)


def _organisation_xml_rows(batch: Batch, lang: str, strings: SharedStrings, parts: _PartKeys, widths: list):
    """The Organisaatiot sheet's rows as (cell XML, lines of its highest cell) (a generator: the work is done
    by whoever writes the workbook, which may be a second process)."""
    rendered = parts.rendered(lang, lambda values, start: (
        cells_xml(values, wrap=_ORG_WRAP, start=start, strings=strings),
        row_lines(values, widths, _ORG_WRAP, start)))
    width = widths[0]
    xml = map("".join, zip(*[map(itemgetter(0), column) for column in rendered]))
    lines = map(max, *[map(itemgetter(1), column) for column in rendered])
    for result, cells, most in zip(batch.results, xml, lines):
        name = result.row.name
        yield cell_xml(name, True, strings) + cells, max(most, text_lines(name, width))


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
        for result, key in zip(results, keys):
            tail, lines = tails[key]
            name = result.row.name
            yield cell_xml(name, True, strings) + tail, max(lines, text_lines(name, widths[0]))

    sheet = SheetData(t("sheet.tasks", lang), header, widths=[34, 16, 34, 12, 12, 12] + [16] * len(columns),
                      wrap=(0, 2), freeze_columns=1)
    widths = column_widths(sheet)
    sheet.xml_rows = rows()
    return sheet


def profile_rows(batch: Batch) -> list[list[object]]:
    """One row per profile (:data:`PROFILE_COLUMNS`), for an organisation with nothing deployed.

    Examples
    --------
    >>> from analyser.report.batch import run_batch
    >>> [row[:3] for row in profile_rows(run_batch(c, build_graph(c), []))][:2]
    [['ARK', 'Arkistointipalvelu (vanhat asiakirjat)', 2], ['SOS-V1', '1. vaiheen asiakastietojärjestelmä', 4]]
    """
    return [[r["profile"], r["name"], len(r["items"]), _count(r["count"]), r["min_rounds"],
             " | ".join(", ".join(w) for w in r["waves"]), ", ".join(r["available"]),
             ", ".join(r["recommended"]), ", ".join(r["excluded"])] for r in batch.profiles]


def finding_rows(batch: Batch, lang: str = "fi") -> list[list[object]]:
    """One row per finding (:data:`FINDING_COLUMNS`), severity in the report's language."""
    return [[t(f"severity.{f.severity}", lang), f.code, f.file, f.sheet, f.cell, f.text(lang)]
            for f in batch.findings]


def _csv(table: str, columns, rows, dialect: str, lang: str) -> str:
    return csv_text(column_headers(table, columns, lang), ([v.isoformat() if isinstance(v, dt.date) else v for v in row]
                                              for row in rows), dialect)


def summary_rows(batch: Batch, lang: str, sources: dict) -> list[list[object]]:
    """The summary sheet: the counts of :func:`~analyser.report.batch.summarise` and the inputs read."""
    s = batch.summary
    keys = ("organisations", "analysed", "not_analysed", "can_extend_now", "nothing_left", "plans_checked",
            "plans_not_allowed", "late_tasks", "targets_moved", "errors", "warnings")
    rows: list[list[object]] = [[t(f"sum.{key}", lang), s[key]] for key in keys]
    for k, b in enumerate(s["most_common_blockers"], start=1):
        rows.append([t("sum.blocker", lang, k=k), t("sum.blocker_value", lang, id=b["id"], n=b["organisations"])])
    from analyser.text.privacy import redact

    for key, path in sources.items():
        rows.append([key, redact(str(path))[0]])
    return rows


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
    parts = _PartKeys(batch.results)
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
        SheetData(t("sheet.findings", lang), column_headers("finding", FINDING_COLUMNS, lang), findings,
                  widths=[10, 24, 40, 24, 8, 80], wrap=(2, 3, 5)),
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
