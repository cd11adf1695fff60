"""Cell positions (A1 names, :class:`CellRef`) and logical sheets (:class:`SheetModel`).

A writer first lays a spec out as logical sheets -- cells by 1-based (row,
column), merged ranges, a hidden flag -- and only then renders them in a format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple


def a1(row: int, col: int) -> str:
    """Return the A1 name of a 1-based (row, column).

    >>> a1(1, 1), a1(12, 28)
    ('A1', 'AB12')
    """
    if row < 1 or col < 1:
        raise ValueError(f"row and column are 1-based: {(row, col)}")
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row}"


def parse_a1(cell: str) -> tuple[int, int]:
    """Return the 1-based (row, column) of an A1 name.

    >>> parse_a1("AB12")
    (12, 28)
    """
    m = re.fullmatch(r"([A-Z]+)([1-9][0-9]*)", cell)
    if not m:
        raise ValueError(f"not an A1 cell name: {cell!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - ord("A") + 1
    return int(m.group(2)), col


class CellRef(NamedTuple):
    """A cell position: sheet name (for CSV: the file stem) and A1 name.

    A named tuple, so ``ref == ("Osatoteutukset", "B3")`` holds.
    """

    sheet: str
    cell: str

    @property
    def row(self) -> int:
        """1-based row number."""
        return parse_a1(self.cell)[0]

    @property
    def col(self) -> int:
        """1-based column number."""
        return parse_a1(self.cell)[1]


def mark_field(profile_id: str) -> str:
    """Return the position-map field name of the mark of ``profile_id``.

    >>> mark_field("A")
    'mark:A'
    """
    return f"mark:{profile_id}"



Value = str | int | float | dt.date | None


@dataclass
class SheetModel:
    """A logical sheet: cell values by 1-based (row, col), merges, visibility.

    Values are ``str`` (text, may contain newlines; ``""`` is an explicitly
    written blank cell), ``int`` (number cell), ``datetime.date`` (date cell)
    or absent.  ``comments`` holds cell comments by position (written as
    .xlsx notes and .ods annotations; never a cell's value).  Merges are ``(r1, c1, r2, c2)``, inclusive; only the top-left
    cell of a merge holds a value.
    """

    name: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    comments: dict[tuple[int, int], str] = field(default_factory=dict)

    def put(self, row: int, col: int, value: Value) -> CellRef:
        """Set a cell (``None`` leaves it absent) and return its position."""
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                raise ValueError(f"{self.name}!{a1(row, col)} is covered by a merge")
        if value is not None:
            self.cells[(row, col)] = value
        return CellRef(self.name, a1(row, col))

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Merge an inclusive range (no-op for a single cell)."""
        if (r1, c1) == (r2, c2):
            return
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1) and (r, c) in self.cells:
                    raise ValueError(f"merge over a written cell {a1(r, c)}")
        self.merges.append((r1, c1, r2, c2))

    def get(self, ref: CellRef | str) -> Value:
        """Return the value at an A1 name or :class:`CellRef` (``None`` if absent)."""
        cell = ref.cell if isinstance(ref, CellRef) else ref
        return self.cells.get(parse_a1(cell))

    @property
    def max_row(self) -> int:
        """Last used row (cells or merges), 0 if empty."""
        rows = [r for r, _ in self.cells] + [m[2] for m in self.merges]
        return max(rows, default=0)

    @property
    def max_col(self) -> int:
        """Last used column (cells or merges), 0 if empty."""
        cols = [c for _, c in self.cells] + [m[3] for m in self.merges]
        return max(cols, default=0)

    def merged_ranges(self) -> list[str]:
        """Merged ranges as sorted ``"A1:B2"`` strings."""
        return sorted(f"{a1(r1, c1)}:{a1(r2, c2)}" for r1, c1, r2, c2 in self.merges)
