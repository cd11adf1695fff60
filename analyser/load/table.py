"""Finding a table inside a sheet: which sheet, which header row, which columns.

Real workbooks put title rows above the header, merge header cells and
sometimes use two header rows (a merged super-header such as
"Tietojärjestelmäprofiilit" over one column per profile). The header row is
the row within the first rows of the sheet whose cells name the most known
fields, all required ones included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from analyser.findings import Finding
from analyser.load.grid import ErrorValue, Sheet, Workbook
from analyser.text.vocabulary import (
    ITEM_FIELDS,
    ORGANISATION_FIELDS,
    PERIOD_FIELDS,
    PROFILE_FIELDS,
    PROFILE_SUPER_HEADERS,
    SHEET_NAMES,
    TASK_FIELDS,
    match_field,
    normalise,
)

__all__ = ["Header", "find_header", "choose_sheet", "missing_columns_finding", "text_of"]

SCAN_ROWS = 40


def text_of(value: object) -> str:
    """A cell value as text: integral numbers without ".0", dates in ISO form.

    Examples
    --------
    >>> text_of(3), text_of(2.5), text_of(None), text_of(" a ")
    ('3', '2.5', '', 'a')
    """
    if value is None or isinstance(value, ErrorValue):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


@dataclass
class Header:
    """Where a table's header is and what each column holds."""

    sheet: Sheet
    row: int
    data_start: int
    columns: dict[str, int]
    labels: dict[int, str]
    profile_columns: list[tuple[int, str]] = field(default_factory=list)
    super_header: bool = False
    findings: list[Finding] = field(default_factory=list)

    def other_columns(self) -> list[tuple[int, str]]:
        """Labelled columns that name no known field and sit under no super-header."""
        used = set(self.columns.values()) | {c for c, _ in self.profile_columns}
        return [(c, t) for c, t in sorted(self.labels.items()) if c not in used and t]

    def data_rows(self) -> list[int]:
        return [r for r in self.sheet.row_indices() if r >= self.data_start]


def _row_fields(sheet: Sheet, row: int, fields: Mapping[str, tuple[str, ...]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for col, value in sorted(sheet.row(row).items()):
        if isinstance(value, str):
            name = match_field(value, fields)
            if name:
                found.setdefault(name, []).append(col)
    return found


def _is_super(value: object) -> bool:
    return isinstance(value, str) and normalise(value) in PROFILE_SUPER_HEADERS


def find_header(
    sheet: Sheet,
    fields: Mapping[str, tuple[str, ...]],
    required: Iterable[str],
    *,
    allow_super_header: bool = False,
) -> Header | None:
    """Locate the header of a table in a sheet, or None when no row has the required fields.

    Examples
    --------
    >>> s = Sheet("S")
    >>> for c, v in enumerate(["Taulukko"]): s.set(0, c, v)
    >>> for c, v in enumerate(["Tunnus", "Nimi", "Edellyttää"]): s.set(2, c, v)
    >>> from analyser.text.vocabulary import ITEM_FIELDS
    >>> h = find_header(s, ITEM_FIELDS, ["id", "name"])
    >>> h.row, h.data_start, h.columns
    (2, 3, {'id': 0, 'name': 1, 'requires': 2})
    """
    required = list(required)
    best_row, best_found = -1, {}
    for row in sheet.row_indices():
        if row >= SCAN_ROWS:
            break
        found = _row_fields(sheet, row, fields)
        if all(f in found for f in required) and len(found) > len(best_found):
            best_row, best_found = row, found
    if best_row < 0:
        return None
    header = Header(sheet, best_row, best_row + 1, {}, {})
    for col, value in sheet.row(best_row).items():
        header.labels[col] = text_of(value)
    if allow_super_header:
        _apply_super_header(header, fields)
    for name, cols in best_found.items():
        cols = [c for c in cols if c not in {pc for pc, _ in header.profile_columns}]
        if not cols:
            continue
        header.columns[name] = cols[0]
        for extra in cols[1:]:
            header.findings.append(Finding.of(
                "duplicate-column", sheet.file, sheet.name, sheet.cell_name(best_row, extra),
                column=header.labels.get(extra, ""), first_column=header.labels.get(cols[0], ""),
                first=sheet.cell_name(best_row, cols[0]),
            ))
    header.columns = dict(sorted(header.columns.items(), key=lambda kv: kv[1]))
    return header


def _super_columns(sheet: Sheet, top: int, labels: int) -> list[int]:
    """Columns under a super-header in row ``top``, profile labels in row ``labels``.

    A merged super-header is filled over every column it spans; an unmerged
    one (as in CSV) stands in its first column only, so it extends to the
    right over columns whose top cell is blank and whose label cell is not.
    """
    top_row, label_row = sheet.row(top), sheet.row(labels)
    cols: list[int] = []
    for col in sorted(c for c, v in top_row.items() if _is_super(v)):
        if col in cols:
            continue
        cols.append(col)
        nxt = col + 1
        while nxt not in top_row and label_row.get(nxt) is not None:
            cols.append(nxt)
            nxt += 1
    return cols


def _apply_super_header(header: Header, fields: Mapping[str, tuple[str, ...]]) -> None:
    sheet, row = header.sheet, header.row
    here = _super_columns(sheet, row, row + 1)
    if here:
        below = sheet.row(row + 1)
        header.super_header = True
        header.data_start = row + 2
        for col in here:
            header.profile_columns.append((col, text_of(below.get(col))))
        for col, value in below.items():
            if col not in here and col not in header.labels:
                header.labels[col] = text_of(value)
        return
    above = _super_columns(sheet, row - 1, row) if row > 0 else []
    if above:
        header.super_header = True
        for col in above:
            label = header.labels.get(col, "")
            if match_field(label, fields) is None:
                header.profile_columns.append((col, label))


def _table_kind(fields: Mapping[str, tuple[str, ...]]) -> str:
    """Which table ``fields`` describe, as the words of a missing column name it."""
    for kind, known in (("items", ITEM_FIELDS), ("profiles", PROFILE_FIELDS), ("tasks", TASK_FIELDS),
                        ("periods", PERIOD_FIELDS), ("organisations", ORGANISATION_FIELDS)):
        if fields is known:
            return kind
    raise ValueError("fields must be one of the tables' fields of analyser.text.vocabulary")


def missing_columns_finding(sheet: Sheet, fields: Mapping[str, tuple[str, ...]], required: Iterable[str]) -> Finding:
    """The finding for a sheet whose header lacks required columns, listing the columns found.

    ``fields`` is one table's fields of :mod:`analyser.text.vocabulary`; the
    message names the missing columns by the headers the reader looks for.

    Examples
    --------
    >>> from analyser.text.vocabulary import TASK_FIELDS
    >>> s = Sheet("Taul1", file="t.xlsx"); s.set_texts(0, ["Nro", "Kuvaus"])
    >>> f = missing_columns_finding(s, TASK_FIELDS, ["id", "task"])
    >>> f.line("en")
    't.xlsx: Taul1!A1: error: the sheet has no task column (such as Tehtävä or Task); columns found: Nro, Kuvaus [missing-column]'
    >>> f.text("fi")
    'välilehdeltä puuttuu tehtäväsarake (esim. Tehtävä); löydetyt sarakkeet: Nro, Kuvaus'
    """
    best_row, best = 0, -1
    for row in sheet.row_indices():
        if row >= SCAN_ROWS:
            break
        score = len(_row_fields(sheet, row, fields))
        if score > best:
            best_row, best = row, score
    found = _row_fields(sheet, best_row, fields)
    missing = [f for f in required if f not in found]
    labels = [text_of(v) for _, v in sorted(sheet.row(best_row).items()) if text_of(v)]
    return Finding.of(
        "missing-column", sheet.file, sheet.name, sheet.cell_name(best_row, 0) if sheet.rows else "",
        variant="-".join([_table_kind(fields), *missing]), found=labels[:20] or "–",
    )


def choose_sheet(
    workbook: Workbook,
    kind: str,
    fields: Mapping[str, tuple[str, ...]],
    required: Iterable[str],
    *,
    exclude: Iterable[str] = (),
    prefer_first: bool = False,
    signal: Iterable[str] = (),
) -> Sheet | None:
    """The sheet of a table: by name (fi/sv/en synonyms), else by its headers.

    ``signal`` lists fields of which at least one must be present when the
    sheet is found by headers only, so that for example the profile sheet
    (id, name) is not taken for the item sheet. With ``prefer_first``, the
    first sheet whose header fits wins (the task workbook's rule).

    Examples
    --------
    >>> from analyser.text.vocabulary import TASK_FIELDS
    >>> s = Sheet("Taul1"); s.set_texts(0, ["Nro", "Tehtävä", "Kesto"])
    >>> choose_sheet(Workbook("t.xlsx", [Sheet("Ohje"), s]), "tasks", TASK_FIELDS, ["id", "task"]).name
    'Taul1'
    >>> choose_sheet(Workbook("t.xlsx", [Sheet("Ohje")]), "tasks", TASK_FIELDS, ["id", "task"]) is None
    True
    """
    excluded = set(exclude)
    names = SHEET_NAMES.get(kind, ())
    for sheet in workbook.sheets:
        if sheet.name not in excluded and normalise(sheet.name) in names:
            return sheet
    required = list(required)
    signal = list(signal)
    best, best_score = None, -1
    for sheet in workbook.sheets:
        if sheet.name in excluded:
            continue
        header = find_header(sheet, fields, required, allow_super_header=True)
        if header is None:
            continue
        if signal and not any(s in header.columns for s in signal) and not header.profile_columns:
            continue
        score = len(header.columns)
        if prefer_first:
            return sheet
        if score > best_score:
            best, best_score = sheet, score
    return best
