"""The HTML report: ``raportti.html`` from ``analyser report``, and one organisation's page from ``plan --html``.

One self-contained file that works offline: its style, its one small
script (sorting and filtering the organisations table; without JavaScript
the table is a plain table) and its drawings (inline SVG) are in the file,
and its Content-Security-Policy lets the browser fetch nothing. It holds
the summary, the organisations table, each organisation's section (its
status diagram, what it can do now, what blocks the rest, its plan and its
dated tasks, late ones marked in words), the profile matrix and the
findings with their cells. Workbook text is escaped; nothing from an input
is ever run. It prints on A4, each organisation on its own page.

The values are the batch's and the CSV/XLSX report's own
(:mod:`analyser.report.files`); the drawings are the ones
:func:`~analyser.report.diagrams.report_diagrams` makes for the report's
files. Like the diagrams, the organisations' sections come for up to
:data:`~analyser.report.diagrams.AUTO_LIMIT` analysed organisations (all of
them with ``--diagrams all``); the summary and the table always come.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Callable, Iterator, Mapping

from analyser.output import InChild
from analyser.records import Catalogue
from analyser.report._html_org import figure_html, organisation_section, standing_html, tasks_html
from analyser.report._html_page import cell, esc, inline_svg, page, table
from analyser.report.batch import Batch
from analyser.report.briefing import bound_text, describe
from analyser.report.diagrams import AUTO_LIMIT, MATRIX_NAME, diagram_file_name
from analyser.report.rows import (FINDING_COLUMNS, ORGANISATION_COLUMNS, PROFILE_COLUMNS, column_headers,
                                  finding_rows, profile_rows, row_parts, summary_rows)
from analyser.text.labels import format_date, t

__all__ = ["HTML_NAME", "sections_shown", "report_html", "report_html_writer", "plan_html", "write_plan_html"]

#: The report's file name (the same in every language).
HTML_NAME = "raportti.html"

#: The columns of the organisations table (of :data:`~analyser.report.rows.ORGANISATION_COLUMNS`).
TABLE_COLUMNS = ("organisation", "profile", "available", "blocked", "plan_allowed", "next", "go_live", "late",
                 "problems")
_CHUNK = 2000


def sections_shown(batch: Batch, mode: str = "auto") -> bool:
    """Whether the report has a section for each organisation: by the rule of the diagrams (``mode``
    "all", or at most :data:`~analyser.report.diagrams.AUTO_LIMIT` analysed organisations).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> sections_shown(batch), sections_shown(batch, "none")
    (True, True)
    """
    analysed = sum(1 for r in batch.results if r.standing is not None)
    return mode == "all" or analysed <= AUTO_LIMIT


def _drawing(value: object) -> bytes | None:
    """The bytes of a drawing given as bytes or as a writer taking a binary file handle."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, str)):
        return value.encode("utf-8") if isinstance(value, str) else bytes(value)
    write = value.write if isinstance(value, InChild) else value
    if not callable(write):
        return None
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


def _summary(batch: Batch, lang: str, sources: dict) -> Iterator[str]:
    """The counts of the summary sheet, and beside them the inputs read."""
    yield ('<section class="summary" aria-labelledby="summary">\n'
           f'<h2 id="summary">{esc(t("sheet.summary", lang))}</h2>\n')
    rows = summary_rows(batch, lang, sources)
    counts, inputs = rows[:len(rows) - len(sources)], rows[len(rows) - len(sources):]
    headers = column_headers("summary", ("item", "value"), lang)
    yield '<div class="side">\n'
    for caption, part in ((t("html.counts", lang), counts), (t("html.inputs", lang), inputs)):
        if part:
            yield from table(caption, headers, (f"<tr>{cell(label, lang, header=True)}{cell(value, lang)}</tr>"
                                                for label, value in part))
    yield "</div>\n</section>\n"


def _table_rows(batch: Batch, lang: str, linked: bool) -> Iterator[str]:
    """The organisations table's rows: what organisations share is rendered once (as for the CSV file)."""
    wanted = [ORGANISATION_COLUMNS.index(c) for c in TABLE_COLUMNS[1:]]
    late_column = ORGANISATION_COLUMNS.index("late")

    def render(values, start):
        cells = []
        for k in wanted:
            if start <= k < start + len(values):
                value = values[k - start]
                if k == late_column and value:
                    cells.append(f'<td class="late num" data-sort="{value}">⚠ {value}</td>')
                else:
                    cells.append(cell(value, lang))
        return "".join(cells)

    results = batch.results
    columns = row_parts(batch).rendered(lang, render)
    if linked:
        names = [f'<tr><th scope="row"><a href="#o-{k}">{esc(r.row.name)}</a></th>' for k, r in enumerate(results)]
    else:
        names = [f'<tr><th scope="row">{esc(r.row.name)}</th>' for r in results]
    for k in range(0, len(results), _CHUNK):
        yield "</tr>\n".join(map("".join, zip(names[k:k + _CHUNK], *(c[k:k + _CHUNK] for c in columns)))) + "</tr>"


def _organisations(batch: Batch, lang: str, linked: bool) -> Iterator[str]:
    n = len(batch.results)
    yield (f'<section class="organisations" aria-labelledby="organisations-h">\n'
           f'<h2 id="organisations-h">{esc(t("sheet.organisations", lang))}</h2>\n'
           f'<p class="note">{esc(t("html.sort_hint", lang))}</p>\n'
           '<div class="controls" id="organisations-controls" hidden></div>\n'
           '<p class="note" id="organisations-shown" aria-live="polite"></p>\n')
    headers = column_headers("org", TABLE_COLUMNS, lang)
    numeric = [TABLE_COLUMNS.index("late")]
    attributes = (f' id="organisations" data-filter-label="{esc(t("html.filter", lang))}"'
                  f' data-shown="{esc(t("html.shown", lang, shown="{shown}", total="{total}"))}"')
    yield from table(t("html.organisations_caption", lang, n=n), headers, _table_rows(batch, lang, linked),
                     numeric=numeric, attributes=attributes)
    yield "</section>\n"


def _sections(batch: Batch, catalogue: Catalogue, lang: str, mode: str,
              diagrams: Mapping[int, object]) -> Iterator[str]:
    yield (f'<section class="orgs" aria-labelledby="orgs-h">\n'
           f'<h2 id="orgs-h">{esc(t("html.one_by_one", lang))}</h2>\n')
    if not sections_shown(batch, mode):
        analysed = sum(1 for r in batch.results if r.standing is not None)
        yield f'<p class="note">{esc(t("html.sections_left_out", lang, n=analysed, limit=AUTO_LIMIT))}</p>\n'
        yield "</section>\n"
        return
    names = {i.id: i.name for i in catalogue.items}
    for k, result in enumerate(batch.results):
        if result.standing is None:
            figure = figure_html(None, t("html.no_diagram_bad_row", lang))
        else:
            data = _drawing(diagrams.get(k))
            label = t("html.diagram_alt", lang, name=result.row.name)
            svg = None if data is None else inline_svg(data, f"d{k}-", label)
            note = t("html.no_diagram_none", lang) if data is None else t("html.no_diagram_refused", lang)
            figure = figure_html(svg, note)
        yield organisation_section(result, k, catalogue, names, lang, figure)
    yield "</section>\n"


def _profiles(batch: Batch, lang: str, matrix: object) -> Iterator[str]:
    yield (f'<section class="profiles" aria-labelledby="profiles-h">\n'
           f'<h2 id="profiles-h">{esc(t("html.matrix", lang))}</h2>\n')
    data = _drawing(matrix)
    svg = None if data is None else inline_svg(data, "m-", t("html.matrix_alt", lang))
    yield figure_html(svg, t("html.matrix_missing", lang), "matrix")
    rows = (f"<tr>{cell(row[0], lang, header=True)}{''.join(cell(v, lang) for v in row[1:])}</tr>"
            for row in profile_rows(batch))
    yield from table(t("html.profiles_caption", lang), column_headers("profile", PROFILE_COLUMNS, lang), rows)
    yield "</section>\n"


def _findings(batch: Batch, lang: str) -> Iterator[str]:
    yield (f'<section class="findings" aria-labelledby="findings-h">\n'
           f'<h2 id="findings-h">{esc(t("sheet.findings", lang))}</h2>\n')
    found = finding_rows(batch, lang)
    if not found:
        yield f"<p>{esc(t('html.no_findings', lang))}</p>\n</section>\n"
        return
    heads: dict[tuple, str] = {}  # the cells before the cell reference recur: each run is escaped once

    def row(finding, values) -> str:
        key = (finding.is_error, *values[:4])
        head = heads.get(key)
        if head is None:
            head = heads[key] = ('<tr class="bad"><td>' if finding.is_error else "<tr><td>") + "</td><td>".join(
                map(esc, values[:4]))
        return f"{head}</td><td>{esc(values[4])}</td><td>{esc(values[5])}</td></tr>"

    rows = map(row, batch.findings, found)
    yield from table(t("html.findings_caption", lang, n=len(found)), column_headers("finding", FINDING_COLUMNS, lang),
                     rows)
    yield "</section>\n"


def report_html(batch: Batch, catalogue: Catalogue, *, lang: str = "fi", sources: dict | None = None,
                mode: str = "auto", diagrams: Mapping[int, object] | None = None, matrix: object = None,
                today: dt.date | None = None) -> Iterator[str]:
    """The report page, in chunks of text.

    Parameters
    ----------
    batch : Batch
        From :func:`~analyser.report.batch.run_batch`.
    catalogue : Catalogue
        The catalogue the batch was run on (item names).
    lang : str
        "fi" or "en".
    sources : dict, optional
        The input lines of the summary (:func:`~analyser.report.files.report_sources`).
    mode : str
        The ``--diagrams`` mode: decides the organisations' sections (:func:`sections_shown`).
    diagrams : mapping, optional
        Result index -> the organisation's status diagram (SVG bytes, or a writer taking a binary file
        handle); an organisation without one gets a note instead.
    matrix : bytes or writer, optional
        The profile matrix as SVG.
    today : date, optional
        The day the report was made for (its dates and what is late count from it).

    Examples
    --------
    >>> c, batch = example_batch()
    >>> text = "".join(report_html(batch, c, lang="en"))
    >>> text.count('<section class="org"') == len(batch.results), '<html lang="en">' in text
    (True, True)
    """
    linked = sections_shown(batch, mode)
    body = [_summary(batch, lang, sources or {}), _organisations(batch, lang, linked),
            _sections(batch, catalogue, lang, mode, diagrams or {}), _profiles(batch, lang, matrix),
            _findings(batch, lang)]
    head = (f'<header>\n<h1>{esc(t("html.title", lang))}</h1>\n'
            + (f'<p class="meta">{esc(t("html.made", lang, date=format_date(today, lang)))}</p>\n' if today else "")
            + f'<nav aria-label="{esc(t("html.contents", lang))}"><ul>'
            + "".join(f'<li><a href="#{anchor}">{esc(t(key, lang))}</a></li>' for anchor, key in (
                ("summary", "sheet.summary"), ("organisations-h", "sheet.organisations"),
                ("orgs-h", "html.one_by_one"), ("profiles-h", "html.matrix"), ("findings-h", "sheet.findings")))
            + "</ul></nav>\n</header>\n<main>\n")
    yield from page(t("html.title", lang), lang, _chained(head, body, "</main>\n"), script=True)


def _chained(head: str, parts, tail: str) -> Iterator[str]:
    yield head
    for part in parts:
        yield from part
    yield tail


def report_html_writer(batch: Batch, catalogue: Catalogue, files: Mapping, out_dir: str | os.PathLike, *,
                       lang: str = "fi", sources: dict | None = None, mode: str = "auto",
                       today: dt.date | None = None) -> InChild:
    """The writer of ``raportti.html`` among the report's files (for :func:`~analyser.output.write_all_atomic`).

    ``files`` are the drawings :func:`~analyser.report.diagrams.report_diagrams`
    returns (path -> bytes or writer): each organisation's status diagram and
    the profile matrix are taken from there, made when the page is written
    (in a second process, while the other files are written).

    Examples
    --------
    >>> import io
    >>> c, batch = example_batch()
    >>> handle = io.BytesIO()
    >>> report_html_writer(batch, c, {}, "out", lang="en", mode="none").write(handle)
    >>> handle.getvalue().startswith(b"<!DOCTYPE html>")
    True
    """
    out = Path(out_dir)
    diagrams: dict[int, Callable] = {}
    if sections_shown(batch, mode):
        folder = out / "kaaviot"
        for k, result in enumerate(batch.results):
            if result.standing is not None:
                path = folder / diagram_file_name(result.row.place.row + 1, result.row.name)
                if path in files:
                    diagrams[k] = files[path]
    matrix = files.get(out / MATRIX_NAME)

    def write(handle) -> None:
        chunks = report_html(batch, catalogue, lang=lang, sources=sources, mode=mode, diagrams=diagrams,
                             matrix=matrix, today=today)
        handle.writelines(chunk.encode("utf-8") for chunk in chunks)

    return InChild(write)


def plan_html(plan, situation, catalogue: Catalogue, *, lang: str = "fi", diagram: bytes | None = None) -> str:
    """The page of one organisation's plan (``plan --html``): its status diagram, what it can do now and
    what blocks the rest, the plan period by period, and its dated tasks, late ones marked.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> s = Situation(c, g, "SOS-LV", deployed=["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> text = plan_html(plan, s, c, lang="en")
    >>> "<h2>Dated tasks</h2>" in text, text.count("<h1>")
    (True, 1)
    """
    names = {i.id: i.name for i in catalogue.items}
    answer = plan.as_dict()
    deployed = ", ".join(plan.deployed) or t("none", lang)
    label = t("html.plan_of", lang, profile=plan.profile, deployed=deployed)
    svg = None if diagram is None else inline_svg(diagram, "d-", t("html.diagram_alt", lang, name=label))
    count = "?" if plan.order_count is None else plan.order_count
    facts = [t("plan_path", lang, n=len(plan.items), count=count) if plan.target
             else t("plan_all", lang, n=len(plan.items), count=count),
             t("plan_periods", lang, used=plan.periods_used, bound=plan.lower_bound, reasons=bound_text(answer, lang)),
             t("plan_optimal", lang) if plan.optimal else t("plan_not_proven", lang, method=plan.method)]
    if plan.target:
        facts.insert(0, f"{t('plan_target', lang)}: {describe(catalogue, plan.target, lang)}")
    body = [f"<header>\n<h1>{esc(t('plan_title', lang))}</h1>\n<p class=\"meta\">{esc(label)}</p>\n",
            (f'<p class="meta">{esc(t("html.made", lang, date=format_date(plan.today, lang)))}</p>\n'
             if plan.today else ""), "</header>\n<main>\n",
            "".join(f"<p>{esc(fact)}</p>\n" for fact in facts),
            f"<h2>{esc(t('plot_title_overlay', lang))}</h2>\n", figure_html(svg, t("html.no_diagram_none", lang)),
            standing_html(catalogue, lang, available=situation.available, waiting=situation.waiting_certification,
                          blocked=situation.blocked, excluded=[e.id for e in situation.excluded],
                          not_allowed=situation.not_allowed, level=2),
            f"<h2>{esc(t('sheet.plan', lang))}</h2>\n", _extensions(plan, catalogue, lang),
            f"<h2>{esc(t('html.dated_tasks', lang))}</h2>\n",
            tasks_html(plan.tasks, names, lang, t("html.tasks_caption", lang, n=len(plan.tasks),
                                                  late=len(plan.late_tasks)), items=True)]
    if plan.unplaced:
        body.append(f"<p>{esc(t('unplaced', lang))}: {esc(', '.join(plan.unplaced))}</p>\n")
    if plan.waiting_certification:
        body.append(f"<p>{esc(t('waiting_certification', lang))}: {esc(', '.join(plan.waiting_certification))}</p>\n")
    if plan.notes:
        body.append(f"<h2>{esc(t('notes', lang))}</h2>\n<ul>"
                    + "".join(f"<li>{esc(t('note.' + n, lang))}</li>" for n in plan.notes) + "</ul>\n")
    body.append("</main>\n")
    return "".join(page(t("plan_title", lang), lang, body))


def _extensions(plan, catalogue: Catalogue, lang: str) -> str:
    """The plan's extensions, period by period: go-live and what each needs."""
    periods = {p.name: p for p in plan.periods}
    rows = []
    for e in plan.extensions:
        period = periods.get(e.period)
        span = (f" ({format_date(period.start, lang)}–{format_date(period.end, lang)})"
                if period is not None and period.start and period.end else "")
        needs = [t(key, lang) for key, flag in (("needs_registration", e.needs_registration),
                                                 ("needs_test", e.needs_test),
                                                 ("waits_certification", e.waiting_certification)) if flag]
        rows.append(f"<tr>{cell(e.period + span, lang, header=True)}"
                    f"{cell(describe(catalogue, e.item, lang, e.partly), lang)}"
                    f"{cell(e.go_live, lang) if e.go_live else '<td></td>'}{cell(', '.join(needs), lang)}</tr>")
    headers = [t(f"html.col.{key}", lang) for key in ("period", "extension", "go_live", "needs")]
    return "".join(table(t("html.extensions_caption", lang), headers, rows))


def write_plan_html(path: str, plan, situation, catalogue: Catalogue, lang: str, out) -> bool:
    """Write the page of ``plan --html``: into ``path`` (atomically, never over an input), or to ``out`` when
    ``path`` is ``-``; True when it went to ``out`` (then the page is the answer).

    The status diagram is drawn as ``plot`` draws it into SVG.

    Examples
    --------
    >>> import io, tempfile, pathlib
    >>> c, plan = example_plan()
    >>> s = Situation(c, g, "SOS-LV", deployed=["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.html"
    >>> write_plan_html(str(path), plan, s, c, "fi", io.StringIO()), path.read_text()[:15]
    (False, '<!DOCTYPE html>')
    """
    from analyser.output import is_stdout, write_atomic, write_stdout
    from analyser.plot import organisation_overlay

    page = organisation_overlay.page(catalogue, situation.graph, situation, certified=situation.certified,
                                     lang=lang, date=plan.today)
    text = plan_html(plan, situation, catalogue, lang=lang, diagram=page.svg())
    if is_stdout(path):
        write_stdout(text, out, "html")
        return True
    write_atomic(path, text, inputs=[catalogue.table_path, catalogue.tasks_path])
    return False
