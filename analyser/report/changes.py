"""What ``analyser diff`` says and writes: the changes and their impact as text, CSV and a workbook.

``muutokset.csv`` lists the changes, ``muutosvaikutukset.csv`` what they
mean for each organisation, and ``muutokset.xlsx`` both (and the findings
of both versions). Every word of the tool's own is Finnish by default and
English with ``lang="en"``; workbook text and ids are shown as written; the
file names are the same in both languages. Like the batch report's files,
they are written atomically, never over an input, neutralised against
formulas, and the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable, Sequence

from analyser.findings import Finding
from analyser.output import csv_text, write_all_atomic
from analyser.planning.changes import TableDiff
from analyser.planning.impact import OrganisationImpact, impact_summary
from analyser.report.xlsx_writer import SheetData, xlsx_bytes
from analyser.text.labels import format_date, format_number, t

__all__ = ["CHANGE_COLUMNS", "IMPACT_COLUMNS", "change_rows", "impact_rows", "render_changes", "write_changes"]

#: The columns of muutokset.csv (headers ``diff.col.change.<key>``).
CHANGE_COLUMNS = ("kind", "subject", "id", "field", "old", "new", "old_cell", "new_cell")

#: The columns of muutosvaikutukset.csv (headers ``diff.col.impact.<key>``).
IMPACT_COLUMNS = ("organisation", "profile", "affected", "newly_available", "no_longer_available", "newly_blocked",
                  "newly_not_allowed", "plan_was_allowed", "plan_is_allowed", "count_old", "count_new", "next_old",
                  "next_new", "go_live_old", "go_live_new", "moved_tasks", "new_blockers")

_FINDING_COLUMNS = ("severity", "code", "file", "sheet", "cell", "message")


def _headers(table: str, columns: Sequence[str], lang: str) -> list[str]:
    return [t(f"diff.col.{table}.{key}", lang) for key in columns]


def change_rows(diff: TableDiff, lang: str = "fi") -> list[list[str]]:
    """One row per change (:data:`CHANGE_COLUMNS`), the kind, subject and field in words.

    Examples
    --------
    >>> from dataclasses import replace
    >>> new = replace(c, items=tuple(replace(i, name="Arkisto") if i.id == "SOS" else i for i in c.items))
    >>> from analyser.planning.changes import diff_catalogues
    >>> change_rows(diff_catalogues(c, new), "en")[0][:4]
    ['changed', 'Item', 'SOS', 'name']
    """
    return [[t(f"diff.kind.{ch.kind}", lang), t(f"diff.subject.{ch.subject}", lang), ch.id,
             ch.field_text(lang), ch.old, ch.new, ch.old_cell, ch.new_cell] for ch in diff.changes]


def _yes_no(value: bool | None, lang: str) -> str:
    return "" if value is None else t("cell.yes" if value else "cell.no", lang)


def _count(value: int | None) -> object:
    return "" if value is None else value if value < 10**15 else str(value)


def _moved(impact: OrganisationImpact, lang: str) -> str:
    return "; ".join(t("diff.moved_task", lang, task=task, item=item, old=format_date(old, lang) or "–",
                       new=format_date(new, lang) or "–") for task, item, old, new in impact.moved_tasks)


def impact_rows(impacts: Iterable[OrganisationImpact], lang: str = "fi") -> list[list[object]]:
    """One row per organisation (:data:`IMPACT_COLUMNS`); dates as dates, lists joined with commas.

    Examples
    --------
    >>> from analyser.planning.impact import OrganisationImpact
    >>> impact_rows([OrganisationImpact("Org", "ARK", newly_blocked=("A", "B"), count_old=2, count_new=1)], "en")[0][:6]
    ['Org', 'ARK', 'yes', '', '', 'A, B']
    """
    return [[i.organisation, i.profile, _yes_no(i.affected, lang), ", ".join(i.newly_available),
             ", ".join(i.no_longer_available), ", ".join(i.newly_blocked), ", ".join(i.newly_not_allowed),
             _yes_no(i.plan_was_allowed, lang), _yes_no(i.plan_is_allowed, lang), _count(i.count_old),
             _count(i.count_new), i.next_old or "", i.next_new or "", i.go_live_old, i.go_live_new,
             _moved(i, lang), ", ".join(i.new_blockers)] for i in impacts]


def _finding_rows(findings: Sequence[Finding], lang: str) -> list[list[object]]:
    return [[t(f"severity.{f.severity}", lang), f.code, f.file, f.sheet, f.cell, f.text(lang)] for f in findings]


def _value(value: object, lang: str) -> str:
    """A value of an organisation's line: a date as the language writes it, a count, a plan's verdict."""
    if value is None:
        return t("diff.nothing", lang)
    if isinstance(value, bool):
        return t("diff.allowed" if value else "diff.not_allowed", lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, int):
        return format_number(value, lang)
    return str(value)


def _organisation_lines(i: OrganisationImpact, lang: str) -> list[str]:
    lines = []
    for key in ("newly_available", "no_longer_available", "newly_blocked", "new_blockers", "newly_not_allowed"):
        items = getattr(i, key)
        if items:
            lines.append(t(f"diff.org.{key}", lang, items=list(items), n=len(items)))
    pairs = (("plan", i.plan_was_allowed, i.plan_is_allowed), ("count", i.count_old, i.count_new),
             ("next", i.next_old, i.next_new), ("go_live", i.go_live_old, i.go_live_new))
    for key, old, new in pairs:
        if (i.next_changed if key == "next" else old != new):
            if key == "count" and (old is None or new is None):
                old, new = (t("diff.too_many", lang) if v is None else v for v in (old, new))
            lines.append(t(f"diff.org.{key}", lang, old=_value(old, lang), new=_value(new, lang)))
    lines += [t("diff.moved_task", lang, task=task, item=item, old=_value(old, lang), new=_value(new, lang))
              for task, item, old, new in i.moved_tasks]
    return [t("diff.org.title", lang, organisation=i.organisation, profile=i.profile)] + ["  " + x for x in lines]


def render_changes(diff: TableDiff, impacts: Sequence[OrganisationImpact] | None = None, lang: str = "fi") -> str:
    """The text answer: one line per change naming both cells, then each affected organisation, then a
    one-screen summary (with ``impacts``).

    Examples
    --------
    >>> from analyser.planning.changes import diff_catalogues
    >>> print(render_changes(diff_catalogues(c, c), lang="en"), end="")
    No changes between the versions.
    """
    if not diff.changes:
        lines = [t("diff.no_changes", lang)]
    else:
        lines = [t("diff.changes_title", lang, n=len(diff.changes))]
        lines += ["  " + ch.text(lang) for ch in diff.changes]
    if impacts is not None:
        affected = [i for i in impacts if i.affected]
        if affected:
            lines += ["", t("diff.impact_title", lang)]
            for i in affected:
                lines += ["  " + line for line in _organisation_lines(i, lang)]
        lines += ["", *_summary_lines(impacts, lang)]
    return "\n".join(lines) + "\n"


def _summary_lines(impacts: Sequence[OrganisationImpact], lang: str) -> list[str]:
    s = impact_summary(impacts)
    lines = [t("diff.sum.affected", lang, affected=s["affected"], n=s["organisations"])]
    if s["plans_broken"]:
        lines.append(t("diff.sum.plans_broken", lang, n=s["plans_broken"]))
    if s["plans_fixed"]:
        lines.append(t("diff.sum.plans_fixed", lang, n=s["plans_fixed"]))
    top = s["most_common_new_blockers"]
    lines.append(t("diff.sum.blocker", lang, id=top[0]["id"], n=top[0]["organisations"]) if top
                 else t("diff.sum.no_blocker", lang))
    return lines


def write_changes(
    diff: TableDiff,
    impacts: Sequence[OrganisationImpact] | None,
    out_dir: str | os.PathLike,
    *,
    lang: str = "fi",
    dialect: str = "excel-fi",
    inputs: Sequence = (),
    findings: Sequence[Finding] | None = None,
) -> list[Path]:
    """Write ``muutokset.csv``, ``muutosvaikutukset.csv`` and ``muutokset.xlsx`` into ``out_dir``, all
    put in place together (:func:`~analyser.output.write_all_atomic`), never over a file of ``inputs``.

    ``impacts`` None (no organisations given) leaves the impact file with
    its header only; ``findings`` (default: the diff's) fill the findings sheet.

    Examples
    --------
    >>> import tempfile
    >>> from analyser.planning.changes import diff_catalogues
    >>> [p.name for p in write_changes(diff_catalogues(c, c), [], tempfile.mkdtemp())]
    ['muutokset.csv', 'muutosvaikutukset.csv', 'muutokset.xlsx']
    """
    out = Path(out_dir)
    changes = change_rows(diff, lang)
    rows = impact_rows(impacts or (), lang)
    found = list(diff.findings if findings is None else findings)
    sheets = [
        SheetData(t("diff.sheet.changes", lang), _headers("change", CHANGE_COLUMNS, lang), changes,
                  widths=[12, 18, 16, 28, 40, 40, 22, 22], wrap=(4, 5)),
        SheetData(t("diff.sheet.impact", lang), _headers("impact", IMPACT_COLUMNS, lang), rows,
                  widths=[34, 10, 8, 26, 26, 26, 26, 10, 10, 12, 12, 14, 14, 12, 12, 40, 20], wrap=(3, 4, 5, 6, 15)),
        SheetData(t("sheet.findings", lang), [t(f"col.finding.{k}", lang) for k in _FINDING_COLUMNS],
                  _finding_rows(found, lang), widths=[10, 24, 40, 18, 8, 80], wrap=(5,)),
    ]
    dated = ([v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in rows)
    files = {
        out / "muutokset.csv": csv_text(_headers("change", CHANGE_COLUMNS, lang), changes, dialect),
        out / "muutosvaikutukset.csv": csv_text(_headers("impact", IMPACT_COLUMNS, lang), dated, dialect),
        out / "muutokset.xlsx": xlsx_bytes(sheets, title="analyser diff"),
    }
    return write_all_atomic(files, inputs=inputs)
