"""Read the dependency table ("osatoteutusten riippuvuustaulukko", FORMATS.md §1).

The item sheet is found by name or by its headers; profile columns are read
flat, or under a merged super-header in a two-row header; the optional
profile sheet names the profiles and the optional matrix sheet adds or
cross-checks dependencies. Every problem becomes a located finding and the
reading goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from analyser.findings import ERROR, WARNING, BadDate, Finding
from analyser.load.files import read_workbook
from analyser.load.grid import ErrorValue, NoteCap, Sheet, Workbook
from analyser.load.references import ReferenceIndex, Resolution
from analyser.load.table import Header, choose_sheet, find_header, missing_columns_finding, text_of
from analyser.records import Dependency, Item, Place, Profile
from analyser.text.vocabulary import (
    ALLOWED,
    ITEM_FIELDS,
    NOT_ALLOWED,
    PARTLY,
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
    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self._matrix_rows: dict[str, int] = {}
        self._matrix_cols: dict[str, int] = {}
        self.out = DependencyTable(workbook.path, findings=list(workbook.findings))
        self._cap = NoteCap()

    # -- helpers -------------------------------------------------------------
    def note(self, sheet: Sheet, row: int, col: int, code: str, severity: str, message: str) -> None:
        cell = sheet.cell_name(row, col) if row >= 0 else ""
        finding = self._cap.admit(Finding(code, severity, sheet.file, sheet.name, cell, message))
        if finding is not None:
            self.out.findings.append(finding)

    def value(self, sheet: Sheet, row: int, col: int | None) -> object:
        """A cell's value; error values become a finding and read as blank."""
        if col is None:
            return None
        value = sheet.get(row, col)
        if isinstance(value, ErrorValue):
            self.note(sheet, row, col, "cell-error", ERROR,
                      f"the cell holds the spreadsheet error {value.code}; it was read as blank")
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
            self.out.findings.append(missing_columns_finding(items_sheet, ITEM_FIELDS, ["id", "name"],
                                                             f"sheet {items_sheet.name!r}"))
            return self.out
        self.out.findings.extend(header.findings)
        if items_sheet.hidden:
            self.note(items_sheet, -1, 0, "hidden-sheet", WARNING, "the item sheet is hidden; it was read")

        profiles_sheet = choose_sheet(wb, "profiles", PROFILE_FIELDS, ["id"], exclude=[items_sheet.name],
                                      signal=["description", "valid_from", "valid_until"])
        if profiles_sheet is not None:
            if profiles_sheet.hidden:
                self.note(profiles_sheet, -1, 0, "hidden-sheet", WARNING, "the profile sheet is hidden; it was read")
            self._read_profiles(profiles_sheet)
        profile_cols = self._profile_columns(header, has_sheet=profiles_sheet is not None)

        rows = self._item_rows(header)
        index = ReferenceIndex((item_id, name) for item_id, name, _ in rows)
        items = [self._read_item(header, row, item_id, name, index, profile_cols) for item_id, name, row in rows]
        matrix_sheet = self._matrix_sheet(items_sheet, profiles_sheet)
        self.out.dependencies = self._merge_matrix(header, items, index, matrix_sheet)
        requires: dict[str, list[str]] = {}
        recommends: dict[str, list[str]] = {}
        for dep in self.out.dependencies:
            (requires if dep.kind == "requires" else recommends).setdefault(dep.item, []).append(dep.prerequisite)
        self.out.items = [
            replace(item, requires=tuple(requires.get(item.id, ())), recommends=tuple(recommends.get(item.id, ())))
            for item in items
        ]
        if not self.out.items:
            self.note(items_sheet, header.row, 0, "empty-table", ERROR,
                      f"the sheet {items_sheet.name!r} has a header but no items")
        return self.out

    def _no_item_sheet(self) -> None:
        wb = self.workbook
        visible = [s for s in wb.sheets if s.rows]
        if not visible:
            self.out.findings.append(Finding("empty-table", ERROR, wb.path, "", "", "the workbook holds no data"))
            return
        names = {normalise(s.name): s for s in wb.sheets}
        sheet = next((names[n] for n in SHEET_NAMES["items"] if n in names), visible[0])
        self.out.findings.append(missing_columns_finding(sheet, ITEM_FIELDS, ["id", "name"],
                                                         f"sheet {sheet.name!r}"))

    # -- profiles --------------------------------------------------------------
    def _read_profiles(self, sheet: Sheet) -> None:
        header = find_header(sheet, PROFILE_FIELDS, ["id"])
        if header is None:
            self.out.findings.append(missing_columns_finding(sheet, PROFILE_FIELDS, ["id"],
                                                             f"profile sheet {sheet.name!r}"))
            return
        self.out.findings.extend(header.findings)
        cols = header.columns
        seen: dict[str, str] = {}
        for row in header.data_rows():
            pid = text_of(self.value(sheet, row, cols["id"]))
            name = text_of(self.value(sheet, row, cols.get("name")))
            if not pid:
                if name:
                    self.note(sheet, row, cols["id"], "missing-id", ERROR, f"profile {name!r} has no id")
                continue
            key = normalise(pid)
            if key in seen:
                self.note(sheet, row, cols["id"], "duplicate-profile", ERROR,
                          f"profile id {pid!r} appears again (first at {seen[key]})")
                continue
            seen[key] = sheet.cell_name(row, cols["id"])
            place = Place(sheet.file, sheet.name, row, cols["id"])
            self.out.profiles.append(Profile(
                id=pid,
                name=name or pid,
                description=text_of(self.value(sheet, row, cols.get("description"))),
                valid_from=self._date(sheet, row, cols.get("valid_from")),
                valid_until=self._date(sheet, row, cols.get("valid_until")),
                basis=text_of(self.value(sheet, row, cols.get("basis"))),
                place=place,
            ))

    def _profile_columns(self, header: Header, *, has_sheet: bool) -> list[tuple[int, str]]:
        """(column, profile id) for every profile column of the item sheet."""
        sheet = header.sheet
        known = {}
        for p in self.out.profiles:
            known.setdefault(normalise(p.id), p.id)
        for p in self.out.profiles:
            known.setdefault(normalise(p.name), p.id)
        label_row = header.row + 1 if header.super_header and header.data_start == header.row + 2 else header.row
        result: list[tuple[int, str]] = []
        if header.super_header:
            candidates = [(c, label, True) for c, label in header.profile_columns]
        else:
            candidates = [(c, label, False) for c, label in header.other_columns()]
        for col, label, certain in candidates:
            if not label:
                if certain and any(sheet.get(r, col) is not None for r in header.data_rows()):
                    self.note(sheet, label_row, col, "missing-column", ERROR,
                              "a profile column under the profile header has no profile name")
                continue
            key = normalise(label)
            if key in known:
                result.append((col, known[key]))
                continue
            if not certain and not self._looks_like_marks(header, col):
                self.note(sheet, label_row, col, "unknown-column", WARNING,
                          f"the column {label!r} is not a known field or profile; it was ignored")
                continue
            if has_sheet:
                self.note(sheet, label_row, col, "unknown-profile", ERROR,
                          f"the profile column {label!r} names no profile of the profile sheet")
                continue
            known[key] = label
            self.out.profiles.append(Profile(id=label, name=label, place=Place(sheet.file, sheet.name, label_row, col)))
            result.append((col, label))
        seen_ids = {pid for _, pid in result}
        for p in self.out.profiles:
            if p.id not in seen_ids:
                self.out.findings.append(p.place.finding(
                    "profile-without-column", WARNING,
                    f"profile {p.id!r} has no column in the item sheet; it allows no items"))
        dup: dict[str, int] = {}
        unique: list[tuple[int, str]] = []
        for col, pid in result:
            if pid in dup:
                self.note(sheet, label_row, col, "duplicate-column", WARNING,
                          f"a second column for profile {pid!r}; the first ({sheet.cell_name(label_row, dup[pid])}) is used")
                continue
            dup[pid] = col
            unique.append((col, pid))
        return unique

    def _looks_like_marks(self, header: Header, col: int) -> bool:
        values = [header.sheet.get(r, col) for r in header.data_rows()]
        values = [v for v in values if v is not None and not isinstance(v, ErrorValue)]
        if not values:
            return False
        marks = [parse_mark(v) for v in values]
        good = sum(m is not None for m in marks)
        return good * 5 >= len(values) * 3 and any(m in (ALLOWED, PARTLY) for m in marks)

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
                    self.note(sheet, row, cols["id"], "missing-id", ERROR,
                              f"the item {name!r} has no id; the row was skipped")
                continue
            key = normalise(item_id)
            if key in first_at:
                first = sheet.cell_name(first_at[key], cols["id"])
                self.note(sheet, row, cols["id"], "duplicate-id", ERROR,
                          f"the id {item_id!r} was already used at {first}; this row was skipped")
                continue
            first_at[key] = row
            if row in sheet.hidden_rows:
                self.note(sheet, row, cols["id"], "hidden-row", WARNING,
                          f"the row of item {item_id!r} is hidden; it was read")
            if not name:
                self.note(sheet, row, cols["name"], "missing-value", ERROR,
                          f"the item {item_id!r} has no name; its id is used as the name")
                name = item_id
            rows.append((item_id, name, row))
        return rows

    def _date(self, sheet: Sheet, row: int, col: int | None):
        value = self.value(sheet, row, col)
        try:
            return parse_date(value)
        except BadDate:
            self.note(sheet, row, col, "bad-date", ERROR, f"{text_of(value)!r} is not a date (use d.m.yyyy or an Excel date)")
            return None

    def _read_item(self, header: Header, row: int, item_id: str, name: str, index: ReferenceIndex,
                   profile_cols: list[tuple[int, str]]) -> Item:
        sheet, cols = header.sheet, header.columns
        get = lambda f: self.value(sheet, row, cols.get(f))  # noqa: E731
        service = text_of(get("service"))
        group_text = text_of(get("group"))
        group = parse_group(group_text)
        if group is None:
            self.note(sheet, row, cols["group"], "unknown-group", ERROR,
                      f"{group_text!r} is not a document group (old, phase 1, phase 2, joining obligation)")
            group = normalise(group_text)
        test = None
        if "test" in cols:
            test = parse_test(get("test"))
            if test is None:
                self.note(sheet, row, cols["test"], "unknown-value", ERROR,
                          f"{text_of(get('test'))!r} is not yes, no or 'tarvittaessa'")
        period = None
        if "period" in cols:
            period = parse_yes_no(get("period"))
            if period is None:
                self.note(sheet, row, cols["period"], "unknown-value", ERROR,
                          f"{text_of(get('period'))!r} is not yes or no")
        marks = []
        for col, pid in profile_cols:
            raw = self.value(sheet, row, col)
            mark = parse_mark(raw)
            if mark is None:
                self.note(sheet, row, col, "unknown-mark", ERROR,
                          f"{text_of(raw)!r} is not a profile mark (X, osittain, blank ...); read as not allowed")
                mark = NOT_ALLOWED
            marks.append((pid, mark))
        return Item(
            id=item_id,
            name=name,
            service=service,
            service_key=service_key(service) if service else "",
            group=group,
            group_text=group_text,
            test=test,
            period=period,
            available_from=self._date(sheet, row, cols.get("available_from")),
            source=text_of(get("source")),
            basis=text_of(get("basis")),
            note=text_of(get("note")),
            marks=tuple(marks),
            place=Place(sheet.file, sheet.name, row, cols["id"]),
        )

    def _refs(self, sheet: Sheet, row: int, col: int, item_id: str, resolution: Resolution) -> list[str]:
        for text in resolution.unknown:
            self.note(sheet, row, col, "unknown-reference", ERROR,
                      f"item {item_id!r} refers to {text!r}, which is no item's id or name")
        for text, ids in resolution.ambiguous:
            self.note(sheet, row, col, "ambiguous-reference", ERROR,
                      f"item {item_id!r} refers to {text!r}, which names several items: {', '.join(ids)}")
        for text, real in resolution.respelled:
            self.note(sheet, row, col, "id-spelling", WARNING,
                      f"{text!r} was read as the id {real!r} (differs only in case, spaces or Unicode form)")
        ids = []
        for ref in resolution.ids:
            if ref == item_id:
                self.note(sheet, row, col, "self-dependency", ERROR, f"item {item_id!r} requires itself")
                continue
            ids.append(ref)
        return ids

    # -- dependencies: column and matrix ----------------------------------------
    def _column_dependencies(self, header: Header, items: list[Item], index: ReferenceIndex) -> list[Dependency]:
        sheet, cols = header.sheet, header.columns
        deps: list[Dependency] = []
        for item in items:
            row = item.place.row
            for kind in ("requires", "recommends"):
                if kind not in cols:
                    continue
                raw = self.value(sheet, row, cols[kind])
                for ref in self._refs(sheet, row, cols[kind], item.id, index.resolve(raw)):
                    deps.append(Dependency(ref, item.id, kind, Place(sheet.file, sheet.name, row, cols[kind])))
        return deps

    def _matrix_sheet(self, items_sheet: Sheet, profiles_sheet: Sheet | None) -> Sheet | None:
        for sheet in self.workbook.sheets:
            if sheet is items_sheet or sheet is profiles_sheet:
                continue
            if normalise(sheet.name) in SHEET_NAMES["matrix"]:
                return sheet
        return None

    def _read_matrix(self, sheet: Sheet, index: ReferenceIndex, items: list[Item]) -> dict[tuple[str, str], Place]:
        """(item, prerequisite) -> cell, from a square matrix sheet."""
        known = {i.id for i in items}
        best_row, best_hits = -1, 0
        for row in sheet.row_indices()[:40]:
            hits = sum(1 for c, v in sheet.row(row).items() if c > 0 and len(index.lookup(text_of(v))) == 1)
            if hits > best_hits:
                best_row, best_hits = row, hits
        if best_row < 0:
            self.out.findings.append(Finding("missing-column", ERROR, sheet.file, sheet.name, "",
                                             "the dependency matrix has no header row of item ids or names"))
            return {}
        header_cols: dict[int, str] = {}
        for col, value in sorted(sheet.row(best_row).items()):
            label = text_of(value)
            hit = index.lookup(label)
            if len(hit) == 1 and hit[0] in known:
                header_cols[col] = hit[0]
            elif label and col > min(header_cols, default=col + 1):
                self.note(sheet, best_row, col, "unknown-reference", ERROR,
                          f"the matrix column {label!r} is no item's id or name")
        if not header_cols:
            return {}
        label_col = min(header_cols) - 1
        self._matrix_cols = {pre: col for col, pre in header_cols.items()}
        self._matrix_rows: dict[str, int] = {}
        found: dict[tuple[str, str], Place] = {}
        for row in sheet.row_indices():
            if row <= best_row:
                continue
            label = text_of(sheet.get(row, label_col))
            if not label:
                continue
            hit = index.lookup(label)
            if len(hit) != 1:
                self.note(sheet, row, label_col, "unknown-reference", ERROR,
                          f"the matrix row {label!r} is no item's id or name")
                continue
            item_id = hit[0]
            self._matrix_rows.setdefault(item_id, row)
            for col, pre in header_cols.items():
                raw = sheet.get(row, col)
                if isinstance(raw, ErrorValue):
                    self.note(sheet, row, col, "cell-error", ERROR, f"the cell holds the spreadsheet error {raw.code}")
                    continue
                mark = parse_mark(raw)
                if mark is None:
                    self.note(sheet, row, col, "unknown-mark", ERROR,
                              f"{text_of(raw)!r} is not a dependency mark (X or blank)")
                    continue
                if mark == NOT_ALLOWED:
                    continue
                if pre == item_id:
                    self.note(sheet, row, col, "self-dependency", ERROR, f"item {item_id!r} requires itself")
                    continue
                found[(item_id, pre)] = Place(sheet.file, sheet.name, row, col)
        return found

    def _merge_matrix(self, header: Header, items: list[Item], index: ReferenceIndex,
                      matrix_sheet: Sheet | None) -> list[Dependency]:
        deps = self._column_dependencies(header, items, index)
        if matrix_sheet is None:
            if "requires" not in header.columns:
                self.note(header.sheet, header.row, 0, "missing-column", WARNING,
                          "the table has no 'requires' column and no dependency matrix; no item requires another")
            return deps
        if matrix_sheet.hidden:
            self.note(matrix_sheet, -1, 0, "hidden-sheet", WARNING, "the dependency matrix sheet is hidden; it was read")
        matrix = self._read_matrix(matrix_sheet, index, items)
        if "requires" not in header.columns:
            return deps + [Dependency(pre, item, "requires", place) for (item, pre), place in matrix.items()]
        merged: list[Dependency] = []
        column_pairs = set()
        for dep in deps:
            if dep.kind != "requires":
                merged.append(dep)
                continue
            column_pairs.add((dep.item, dep.prerequisite))
            place = matrix.get((dep.item, dep.prerequisite))
            if place is None:
                row, col = self._matrix_rows.get(dep.item), self._matrix_cols.get(dep.prerequisite)
                mrow = f" ({matrix_sheet.name}!{matrix_sheet.cell_name(row, col)})" if None not in (row, col) else ""
                self.out.findings.append(dep.place.finding(
                    "matrix-mismatch", WARNING,
                    f"{dep.item!r} requires {dep.prerequisite!r} here but not in the matrix{mrow}"))
            merged.append(Dependency(dep.prerequisite, dep.item, "requires", dep.place, place))
        item_rows = {i.id: i.place.row for i in items}
        for (item, pre), place in matrix.items():
            if (item, pre) in column_pairs:
                continue
            req_cell = header.sheet.cell_name(item_rows[item], header.columns["requires"])
            self.out.findings.append(place.finding(
                "matrix-mismatch", WARNING,
                f"the matrix says {item!r} requires {pre!r} but its requires cell "
                f"({header.sheet.name}!{req_cell}) does not"))
            merged.append(Dependency(pre, item, "requires", place))
        return merged
