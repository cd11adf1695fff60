"""Finding a table inside a sheet: which sheet, which header rows, which columns, which rows.

Real workbooks put title rows above the header, merge header cells and use
headers of up to three rows (a super-header such as
"Tietojärjestelmäprofiilit", a row grouping the profiles, then the profile
ids). The header is found from the row within the first rows of the sheet
whose cells name the most known fields, all required ones included; the rows
around it that hold only header text (fields merged over several rows,
super-headers, groups, labels) join it, three rows at most. A column's label
is its lowest non-empty header cell: the rows above only group.

The table runs down from the header, blank rows inside it skipped, until a
block below a blank row that opens with a legend or notes word (Merkinnät,
Selite, Huom, Förklaring, Legend ...): that block is no rows of the table,
and an ``ignored-block`` finding names its first cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from analyser.findings import Finding
from analyser.load.grid import LIMITS, ErrorValue, Sheet, Workbook
from analyser.text.vocabulary import (
    ITEM_FIELDS,
    ORGANISATION_FIELDS,
    PERIOD_FIELDS,
    PROFILE_FIELDS,
    PROFILE_SUPER_HEADERS,
    SHEET_NAMES,
    TASK_FIELDS,
    fold,
    match_field,
    normalise,
    parse_mark,
)

__all__ = ["Header", "find_header", "choose_sheet", "missing_columns_finding", "text_of", "legend_block",
           "ignored_block", "LEGEND_WORDS"]

SCAN_ROWS = 40
HEADER_ROWS = 3

#: First words of a legend or notes block below a table (fi / sv / en), compared folded.
LEGEND_WORDS = frozenset((
    "merkintä", "merkinnät", "merkintöjen", "merkintöjä", "selite", "selitteet", "selitys", "selitykset",
    "huom", "huomautus", "huomautukset", "huomio", "huomiot", "lisätiedot", "lisätietoja",
    "förklaring", "förklaringar", "teckenförklaring", "anmärkning", "anmärkningar", "obs",
    "legend", "notes", "note",
))
_FIRST_WORD = re.compile(r"[^\W\d_]+")


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
    """Where a table's header is, what each column holds, and which rows are the table's.

    ``top`` and ``data_start - 1`` are the first and last header rows; ``row``
    is the one that names the most fields. ``labels`` gives each column its
    lowest non-empty header text, ``label_rows`` the row it stands in.
    ``data_end`` is the row a legend or notes block starts at (None: the table
    runs to the end of the sheet).
    """

    sheet: Sheet
    row: int
    data_start: int
    columns: dict[str, int]
    labels: dict[int, str]
    profile_columns: list[tuple[int, str]] = field(default_factory=list)
    super_header: bool = False
    #: profile columns reached only by extending an unmerged super-header to the right (not certain)
    extended: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    top: int = -1
    label_rows: dict[int, int] = field(default_factory=dict)
    data_end: int | None = None
    _rows: list[int] | None = field(default=None, repr=False)

    def other_columns(self) -> list[tuple[int, str]]:
        """Labelled columns that name no known field and sit under no super-header."""
        used = set(self.columns.values()) | {c for c, _ in self.profile_columns}
        return [(c, t) for c, t in sorted(self.labels.items()) if c not in used and t]

    def data_rows(self) -> list[int]:
        """The rows of the table below its header, in order (the list is shared: do not change it)."""
        if self._rows is None:
            end = self.data_end
            self._rows = [r for r in self.sheet.row_indices() if r >= self.data_start and (end is None or r < end)]
        return self._rows

    def label_row(self, col: int) -> int:
        """The row of a column's label (the header's lowest row when the column has none)."""
        return self.label_rows.get(col, self.data_start - 1)


def _row_fields(sheet: Sheet, row: int, fields: Mapping[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Columns of ``row`` by the field each names (at most Excel's 16,384 columns; remembered per sheet)."""
    key = (id(fields), row)
    found = sheet.header_memo.get(key)
    if found is None:
        found = {}
        for col, value in sorted(sheet.row(row).items()):
            if col >= LIMITS.columns:
                break
            if isinstance(value, str):
                name = match_field(value, fields)
                if name:
                    found.setdefault(name, []).append(col)
        sheet.header_memo[key] = found
    return found


def _is_super(value: object) -> bool:
    return isinstance(value, str) and normalise(value) in PROFILE_SUPER_HEADERS


class _Block:
    """Which rows around the main header row hold header text only."""

    def __init__(self, sheet: Sheet, found: dict[str, list[int]], fields: Mapping[str, tuple[str, ...]]):
        self.sheet, self.fields = sheet, fields
        self.field_of = {col: name for name, cols in found.items() for col in cols}

    def _only_header_text(self, row: int) -> bool:
        """Every field column of ``row`` is blank or names its own field again (a merged header's copy),
        and some cell holds something."""
        cells = self.sheet.row(row)
        if not cells:
            return False
        for col, name in self.field_of.items():
            value = cells.get(col)
            if value is not None and not (isinstance(value, str) and match_field(value, self.fields) == name):
                return False
        return True

    def _names_things(self, row: int) -> bool:
        """The row's other cells are words, not a row of marks (a data row without id and name)."""
        others = [v for c, v in self.sheet.row(row).items() if c not in self.field_of]
        return bool(others) and not all(parse_mark(v) is not None for v in others)

    def rows(self, row: int) -> list[int]:
        """The header's rows, top to bottom: ``row``, the rows below it that hold only header text,
        then those above it, three in all at most.

        A row below joins when its field columns repeat their headers or are blank and its other cells
        are labels: below a super-header, words (not a row of marks), or nothing but the repeated headers.
        """
        sheet = self.sheet
        block = [row]
        below = row + 1
        while len(block) < HEADER_ROWS and below in sheet.rows and self._only_header_text(below) and (
                any(_is_super(v) for v in sheet.row(below - 1).values()) or self._names_things(below)
                or all(c in self.field_of for c in sheet.row(below))):
            block.append(below)
            below += 1
        above = row - 1
        while len(block) < HEADER_ROWS and above in sheet.rows and self._only_header_text(above) and (
                self._names_things(above) and self._over_columns(above, block)):
            block.insert(0, above)
            above -= 1
        return block

    def _over_columns(self, row: int, below: list[int]) -> bool:
        """Every cell of ``row`` stands over a column of the header rows ``below`` (a group or super-header
        does; a title beside the table does not)."""
        used = {c for r in below for c in self.sheet.row(r)}
        return all(c in used for c in self.sheet.row(row))


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

    A three-row header: the profiles' ids are the lowest row; the rows above only group them.

    >>> s = Sheet("S")
    >>> s.set_texts(0, ["Tunnus", "Nimi", "Tietojärjestelmäprofiilit", ""])
    >>> s.set_texts(1, ["", "", "Sosiaalihuolto", "Terveydenhuolto"])
    >>> s.set_texts(2, ["", "", "SOS-V1", "PTA-1"])
    >>> s.set_texts(3, ["A", "Alfa", "X", ""])
    >>> h = find_header(s, ITEM_FIELDS, ["id", "name"], allow_super_header=True)
    >>> h.top, h.data_start, h.profile_columns
    (0, 3, [(2, 'SOS-V1'), (3, 'PTA-1')])
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
    block = _Block(sheet, best_found, fields).rows(best_row)
    header = Header(sheet, best_row, block[-1] + 1, {}, {}, top=block[0])
    field_of = {col: name for name, cols in best_found.items() for col in cols}
    for row in block:  # top to bottom: a lower cell's text wins; a super-header only groups
        for col, value in sheet.row(row).items():
            text = text_of(value)
            if text and (col in field_of or not _is_super(value)):
                header.labels[col], header.label_rows[col] = text, row
            else:
                header.labels.setdefault(col, "")
    if allow_super_header:
        _apply_super_header(header, block, fields)
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
    _find_end(header)
    return header


def _apply_super_header(header: Header, block: list[int], fields: Mapping[str, tuple[str, ...]]) -> None:
    """Columns under a super-header anywhere in the header are profile columns, unless their label names a field.

    A merged super-header is filled over every column it spans; an unmerged
    one (as in CSV) stands in its first column only, so it extends to the
    right over columns whose cell in its row is blank and that hold a header
    cell below it, up to a column that names a field. Such columns are noted
    in ``header.extended``: an extra column right of the profiles reads the same.
    """
    sheet = header.sheet
    for at, row in enumerate(block):
        cells = sheet.row(row)
        below = [sheet.row(r) for r in block[at + 1:]]
        cols: list[int] = []
        for col in sorted(c for c, v in cells.items() if _is_super(v)):
            if col in cols:
                continue
            cols.append(col)
            nxt = col + 1
            while nxt not in cells and any(r.get(nxt) is not None for r in below) and (
                    match_field(header.labels.get(nxt, ""), fields) is None):
                cols.append(nxt)
                header.extended.add(nxt)
                nxt += 1
        if not cols:
            continue
        header.super_header = True
        for col in cols:
            label = header.labels.get(col, "")
            if not label or match_field(label, fields) is None:
                header.profile_columns.append((col, label))
        return


def _first_text(sheet: Sheet, row: int) -> tuple[int, str]:
    cells = sheet.row(row)
    col = min(cells)
    return col, text_of(cells[col])


def _is_legend(text: str) -> bool:
    """Whether a cell opens a legend or notes block: its first word is one of :data:`LEGEND_WORDS`.

    Examples
    --------
    >>> [_is_legend(t) for t in ["Merkinnät:", "Selite: X = sallittu", "HUOM! päivitetään", "Merkitty", "SOS-1"]]
    [True, True, True, False, False]
    """
    word = _FIRST_WORD.match(fold(text))
    return word is not None and word.group(0) in LEGEND_WORDS


def legend_block(sheet: Sheet, start: int) -> tuple[int, int, str, int] | None:
    """The block that ends a table whose rows start at ``start``: (row, column and text of its first cell,
    rows from it to the end of the sheet), or None when the table runs to the end.

    Examples
    --------
    >>> s = Sheet("S")
    >>> for r, row in enumerate([["A", "Alfa"], [], ["Merkinnät:"], ["X = sallittu"]]): s.set_texts(r, row)
    >>> legend_block(s, 0)
    (2, 0, 'Merkinnät:', 2)
    """
    rows = [r for r in sheet.row_indices() if r >= start]
    previous = start - 1
    for k, row in enumerate(rows):
        if row > previous + 1:  # below a blank row
            col, text = _first_text(sheet, row)
            if _is_legend(text):
                return row, col, text, len(rows) - k
        previous = row
    return None


def ignored_block(sheet: Sheet, block: tuple[int, int, str, int]) -> Finding:
    """The ``ignored-block`` finding at a legend or notes block's first cell.

    Examples
    --------
    >>> ignored_block(Sheet("S", file="t.csv"), (2, 0, "Merkinnät:", 2)).line("en")
    "t.csv: S!A3: note: the table ends at the blank row above: the legend or notes block starting here ('Merkinnät:', 2 rows) is not read as rows of the table [ignored-block]"
    """
    row, col, text, n = block
    return Finding.of("ignored-block", sheet.file, sheet.name, sheet.cell_name(row, col), text=text, n=n)


def _find_end(header: Header) -> None:
    """Where the table ends: the first row below a blank row whose first cell opens a legend or notes block."""
    block = legend_block(header.sheet, header.data_start)
    if block is not None:
        header.data_end = block[0]
        header.findings.append(ignored_block(header.sheet, block))


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
