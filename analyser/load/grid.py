"""Cell grids: what every file type is read into before any meaning is given to it.

A :class:`Sheet` keeps each non-empty cell at its position (0-based row and
column), the merged ranges with every covered cell filled from the top-left
one, and which rows and the sheet itself are hidden. A :class:`Workbook` is
its sheets plus the findings made while reading the raw file.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Iterator

from analyser.findings import ERROR, WARNING, Finding, a1

__all__ = ["CellError", "Sheet", "Workbook", "clean_value", "LIMITS"]


@dataclass(frozen=True)
class CellError:
    """An error value a spreadsheet stored in a cell, such as ``#REF!``."""

    code: str

    def __str__(self) -> str:
        return self.code


class _Limits:
    """Caps that keep a hostile or huge file from exhausting time or memory."""

    file_bytes = 64 * 1024 * 1024
    uncompressed_bytes = 256 * 1024 * 1024
    compression_ratio = 200
    zip_members = 5000
    # openpyxl keeps about 0.4 kB per cell: 500 000 cells stay well under
    # 500 MB, and a planning workbook has a few thousand.
    cells = 500_000
    cell_chars = 32_767
    merged_fill = 1_000_000
    # cells covered by merged ranges that openpyxl may build an object for
    merged_area = 100_000
    repeat = 5000
    # located notes (personal data, long cells ...) kept per sheet before a summary
    notes_per_sheet = 100


LIMITS = _Limits()

_ERROR_TEXT = re.compile(r"^(#(REF!|N/A|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)|Err:\d{3})$")


def clean_value(value: object) -> object:
    """Normalise a raw cell value: blank text to None, integral floats to int,
    midnight datetimes to dates and error texts to :class:`CellError`.

    Examples
    --------
    >>> clean_value("  "), clean_value(3.0), clean_value("#REF!")
    (None, 3, CellError(code='#REF!'))
    >>> clean_value(_dt.datetime(2027, 1, 5))
    datetime.date(2027, 1, 5)
    """
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        if "\x00" in value:
            value = value.replace("\x00", "")
        text = value.strip()
        if _ERROR_TEXT.match(text):
            return CellError(text)
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return CellError("#NUM!")
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0) and value.tzinfo is None:
            return value.date()
        return value
    return value


@dataclass
class Sheet:
    """One sheet's cells, positions kept.

    Examples
    --------
    >>> s = Sheet("S", file="f.csv")
    >>> s.set(0, 0, "Tunnus"); s.set(2, 1, "x")
    >>> s.get(2, 1), s.get(1, 1), s.cell_name(2, 1), s.n_rows, s.n_cols
    ('x', None, 'B3', 3, 2)
    """

    name: str
    file: str = ""
    rows: dict[int, dict[int, object]] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    hidden_rows: set[int] = field(default_factory=set)
    n_rows: int = 0
    n_cols: int = 0
    #: how many cells :meth:`set` stored (kept as it goes, for limits checked while reading)
    cells_set: int = 0
    #: findings made while cells were set (personal data masked, long cells cut, NUL bytes removed)
    findings: list[Finding] = field(default_factory=list)
    _notes: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        from analyser.privacy import redact

        name, codes = redact(self.name)
        if codes:
            self.name = name
            self.findings.append(Finding(
                "personal-data", ERROR, self.file, name, "",
                f"the sheet name holds a personal identity code ({', '.join(codes)}); it was masked",
            ))

    def _note(self, row: int, col: int, code: str, severity: str, message: str) -> None:
        count = self._notes.get(code, 0) + 1
        self._notes[code] = count
        if count <= LIMITS.notes_per_sheet:
            self.findings.append(Finding(code, severity, self.file, self.name, a1(row, col), message))

    def note_summary(self) -> list[Finding]:
        """One finding per kind of note that was left out past the per-sheet limit."""
        out = []
        for code, count in sorted(self._notes.items()):
            if count > LIMITS.notes_per_sheet:
                severity = next(f.severity for f in self.findings if f.code == code)
                out.append(Finding(code, severity, self.file, self.name, "",
                                   f"{count - LIMITS.notes_per_sheet} more cells like this in the sheet"))
        return out

    def _checked_text(self, row: int, col: int, value: str) -> str:
        """Mask personal identity codes, drop NUL bytes and cut over-long text, noting each."""
        from analyser.privacy import redact

        if "\x00" in value:
            value = value.replace("\x00", "")
            self._note(row, col, "nul-bytes", WARNING, "the cell held NUL bytes; they were removed")
        value, codes = redact(value)
        if codes:
            self._note(row, col, "personal-data", ERROR,
                       f"the cell holds a Finnish personal identity code ({', '.join(codes)}); planning files "
                       f"must not hold personal data. It was masked and is not copied into any output")
        if len(value) > LIMITS.cell_chars:
            self._note(row, col, "long-cell", WARNING,
                       f"the cell holds {len(value)} characters; only the first {LIMITS.cell_chars} were read")
            value = value[: LIMITS.cell_chars]
        return value

    def set(self, row: int, col: int, value: object) -> None:
        if isinstance(value, str) and value:
            value = self._checked_text(row, col, value)
        value = clean_value(value)
        if value is None:
            return
        cells = self.rows.setdefault(row, {})
        if col not in cells:
            self.cells_set += 1
        cells[col] = value
        self.n_rows = max(self.n_rows, row + 1)
        self.n_cols = max(self.n_cols, col + 1)

    def get(self, row: int, col: int) -> object:
        return self.rows.get(row, {}).get(col)

    def row(self, row: int) -> dict[int, object]:
        return self.rows.get(row, {})

    def row_indices(self) -> list[int]:
        return sorted(self.rows)

    def cell_name(self, row: int, col: int) -> str:
        return a1(row, col)

    def cell_count(self) -> int:
        return sum(len(r) for r in self.rows.values())

    def fill_merged(self) -> None:
        """Copy each merged range's top-left value into the cells it covers."""
        budget = LIMITS.merged_fill
        for r0, c0, r1, c1 in self.merged:
            value = self.get(r0, c0)
            if value is None:
                continue
            r1 = min(r1, self.n_rows - 1)
            c1 = min(c1, self.n_cols - 1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if budget <= 0:
                        return
                    budget -= 1
                    if (r, c) != (r0, c0):
                        self.rows.setdefault(r, {})[c] = value

    def merged_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        for rng in self.merged:
            if rng[0] <= row <= rng[2] and rng[1] <= col <= rng[3]:
                return rng
        return None


@dataclass
class Workbook:
    """Sheets of one input (a workbook file, a CSV file or a folder of CSV files)."""

    path: str
    sheets: list[Sheet] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def __iter__(self) -> Iterator[Sheet]:
        return iter(self.sheets)

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]
