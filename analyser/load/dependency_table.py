"""Read the dependency table ("osatoteutusten riippuvuustaulukko", FORMATS.md §1).

The item sheet is found by name or by its headers; profile columns are read
flat, or under a merged super-header in a two-row header; the optional
profile sheet names the profiles and the optional matrix sheet adds or
cross-checks dependencies. Every problem becomes a located finding and the
reading goes on.

This module reads the item sheet and puts the table together; the profile
sheet and columns are read in :mod:`analyser.load._dependency_profiles`, the
requires column and the matrix sheet in :mod:`analyser.load._dependency_matrix`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from analyser.findings import BadDate, Finding
from analyser.load._dependency_matrix import find_matrix_sheet, merge_matrix
from analyser.load._dependency_profiles import profile_columns, read_profile_sheet
from analyser.load.files import read_workbook
from analyser.load.grid import ErrorValue, NoteCap, Sheet, Workbook
from analyser.load.references import ReferenceIndex
from analyser.load.table import Header, choose_sheet, find_header, missing_columns_finding, text_of
from analyser.records import Dependency, Item, Place, Profile
from analyser.text.vocabulary import (
    ITEM_FIELDS,
    NOT_ALLOWED,
    PROFILE_FIELDS,
    SHEET_NAMES,
    normalise,
    parse_date,
    parse_group,
    parse_mark,
    parse_test,
    parse_yes_no,
    service_key,
)

__all__ = ["DependencyTable", "read_dependency_table"]


@dataclass
class DependencyTable:
    """What the dependency table holds, before any graph is built."""

    path: str
    items: list[Item] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def read_dependency_table(path: str | os.PathLike) -> DependencyTable:
    """Read a dependency table from .xlsx, .xlsm, .xls, .ods, CSV or a CSV folder.

    Raises
    ------
    InputError
        Only when the file cannot be read at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "Osatoteutukset.csv").write_text(
    ...     "Tunnus;Nimi;Edellyttää;P1\\nA;Alpha;;X\\nB;Beta;Alpha;X\\n", encoding="utf-8")
    >>> t = read_dependency_table(d)
    >>> [(i.id, i.requires, i.marks) for i in t.items]
    [('A', (), (('P1', 'allowed'),)), ('B', ('A',), (('P1', 'allowed'),))]
    """
    workbook = read_workbook(path)
    return _TableReader(workbook).read()


class _TableReader:
    """The state of one reading: the workbook, the table so far, the cap on findings.

    The profile and matrix readers (:mod:`analyser.load._dependency_profiles`,
    :mod:`analyser.load._dependency_matrix`) take it as ``reader`` and report
    through :meth:`note`, :meth:`value` and :meth:`date`.
    """

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.out = DependencyTable(workbook.path, findings=list(workbook.findings))
        self._cap = NoteCap()

    # -- helpers -------------------------------------------------------------
    def note(self, sheet: Sheet, row: int, col: int, code: str, *, variant: str = "", severity: str | None = None,
             **params: object) -> None:
        """A finding at a cell (the whole sheet when ``row`` < 0), worded from ``code`` and ``variant``."""
        cell = sheet.cell_name(row, col) if row >= 0 else ""
        finding = self._cap.admit(Finding.of(code, sheet.file, sheet.name, cell, variant=variant, severity=severity,
                                             **params))
        if finding is not None:
            self.out.findings.append(finding)

    def value(self, sheet: Sheet, row: int, col: int | None) -> object:
        """A cell's value; error values become a finding and read as blank."""
        if col is None:
            return None
        value = sheet.get(row, col)
        if isinstance(value, ErrorValue):
            self.note(sheet, row, col, "cell-error", error=value.code)
            return None
        return value

    # -- the whole table -------------------------------------------------------
    def read(self) -> DependencyTable:
        try:
            return self._read()
        finally:
            self.out.findings.extend(self._cap.overflow())

    def _read(self) -> DependencyTable:
        wb = self.workbook
        items_sheet = choose_sheet(wb, "items", ITEM_FIELDS, ["id", "name"],
                                   signal=["requires", "service", "group", "test", "period"])
        if items_sheet is None:
            self._no_item_sheet()
            return self.out
        header = find_header(items_sheet, ITEM_FIELDS, ["id", "name"], allow_super_header=True)
        if header is None:
            self.out.findings.append(missing_columns_finding(items_sheet, ITEM_FIELDS, ["id", "name"]))
            return self.out
        self.out.findings.extend(header.findings)
        if items_sheet.hidden:
            self.note(items_sheet, -1, 0, "hidden-sheet", variant="items")

        profiles_sheet = choose_sheet(wb, "profiles", PROFILE_FIELDS, ["id"], exclude=[items_sheet.name],
                                      signal=["description", "valid_from", "valid_until"])
        if profiles_sheet is not None:
            if profiles_sheet.hidden:
                self.note(profiles_sheet, -1, 0, "hidden-sheet", variant="profiles")
            read_profile_sheet(self, profiles_sheet)
        profile_cols = profile_columns(self, header, has_sheet=profiles_sheet is not None)

        rows = self._item_rows(header)
        index = ReferenceIndex((item_id, name) for item_id, name, _ in rows)
        items = [self._read_item(header, row, item_id, name, index, profile_cols) for item_id, name, row in rows]
        matrix_sheet = find_matrix_sheet(self.workbook, items_sheet, profiles_sheet)
        self.out.dependencies = merge_matrix(self, header, items, index, matrix_sheet)
        requires: dict[str, list[str]] = {}
        recommends: dict[str, list[str]] = {}
        for dep in self.out.dependencies:
            (requires if dep.kind == "requires" else recommends).setdefault(dep.item, []).append(dep.prerequisite)
        self.out.items = [
            replace(item, requires=tuple(requires.get(item.id, ())), recommends=tuple(recommends.get(item.id, ())))
            for item in items
        ]
        if not self.out.items:
            self.note(items_sheet, header.row, 0, "empty-table", variant="items")
        return self.out

    def _no_item_sheet(self) -> None:
        wb = self.workbook
        visible = [s for s in wb.sheets if s.rows]
        if not visible:
            self.out.findings.append(Finding.of("empty-table", wb.path, variant="no-data"))
            return
        names = {normalise(s.name): s for s in wb.sheets}
        sheet = next((names[n] for n in SHEET_NAMES["items"] if n in names), visible[0])
        self.out.findings.append(missing_columns_finding(sheet, ITEM_FIELDS, ["id", "name"]))

    # -- items -----------------------------------------------------------------
    def _item_rows(self, header: Header) -> list[tuple[str, str, int]]:
        """(id, name, row) of every item row, duplicates and blank rows left out."""
        sheet, cols = header.sheet, header.columns
        rows: list[tuple[str, str, int]] = []
        first_at: dict[str, int] = {}
        for row in header.data_rows():
            cells = sheet.row(row)
            item_id = text_of(self.value(sheet, row, cols["id"]))
            name = text_of(self.value(sheet, row, cols["name"]))
            if not item_id:
                distinct = {text_of(v) for v in cells.values()} - {""}
                if len(distinct) <= 1:
                    continue  # a blank row or a section heading
                if name:
                    self.note(sheet, row, cols["id"], "missing-id", variant="item", name=name)
                continue
            key = normalise(item_id)
            if key in first_at:
                first = sheet.cell_name(first_at[key], cols["id"])
                self.note(sheet, row, cols["id"], "duplicate-id", variant="skipped", id=item_id, first=first)
                continue
            first_at[key] = row
            if row in sheet.hidden_rows:
                self.note(sheet, row, cols["id"], "hidden-row", variant="item", id=item_id)
            if not name:
                self.note(sheet, row, cols["name"], "missing-value", variant="item-name", id=item_id)
                name = item_id
            rows.append((item_id, name, row))
        return rows

    def date(self, sheet: Sheet, row: int, col: int | None):
        """A cell's date; a text that is no date becomes a finding and reads as ``None``."""
        value = self.value(sheet, row, col)
        try:
            return parse_date(value)
        except BadDate:
            self.note(sheet, row, col, "bad-date", value=text_of(value))
            return None

    def _read_item(self, header: Header, row: int, item_id: str, name: str, index: ReferenceIndex,
                   profile_cols: list[tuple[int, str]]) -> Item:
        sheet, cols = header.sheet, header.columns
        get = lambda f: self.value(sheet, row, cols.get(f))  # noqa: E731
        service = text_of(get("service"))
        group_text = text_of(get("group"))
        group = parse_group(group_text)
        if group is None:
            self.note(sheet, row, cols["group"], "unknown-group", value=group_text)
            group = normalise(group_text)
        test = None
        if "test" in cols:
            test = parse_test(get("test"))
            if test is None:
                self.note(sheet, row, cols["test"], "unknown-value", variant="test", value=text_of(get("test")))
        period = None
        if "period" in cols:
            period = parse_yes_no(get("period"))
            if period is None:
                self.note(sheet, row, cols["period"], "unknown-value", variant="yes-no", value=text_of(get("period")))
        marks = []
        written = [(f, text_of(get(f))) for f in ("test", "period") if f in cols]
        for col, pid in profile_cols:
            raw = self.value(sheet, row, col)
            mark = parse_mark(raw)
            if mark is None:
                self.note(sheet, row, col, "unknown-mark", variant="profile", mark=text_of(raw), profile=pid)
                mark = NOT_ALLOWED
            marks.append((pid, mark))
            written.append((f"mark:{pid}", text_of(raw)))
        return Item(
            id=item_id,
            name=name,
            service=service,
            service_key=service_key(service) if service else "",
            group=group,
            group_text=group_text,
            test=test,
            period=period,
            available_from=self.date(sheet, row, cols.get("available_from")),
            source=text_of(get("source")),
            basis=text_of(get("basis")),
            note=text_of(get("note")),
            marks=tuple(marks),
            place=Place(sheet.file, sheet.name, row, cols["id"]),
            columns=(*sorted(cols.items()), *((f"mark:{pid}", col) for col, pid in profile_cols)),
            written=tuple(written),
        )
