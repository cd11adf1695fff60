"""Cell grids: what every file type is read into before any meaning is given to it.

A :class:`Sheet` keeps each non-empty cell at its position (0-based row and
column), the merged ranges with every covered cell filled from the top-left
one, and which rows and the sheet itself are hidden. A :class:`Workbook` is
its sheets plus the findings made while reading the raw file.

The limits every reader keeps (:data:`LIMITS`, by the file's role) and the
refusals they share (:func:`too_many`, :func:`unreadable`, :func:`dangling`)
are here too.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, replace, field
from functools import lru_cache
from typing import Iterator

from analyser.findings import Finding, InputError, a1, refuse

__all__ = ["ErrorValue", "Sheet", "Workbook", "clean_value", "check_text", "LIMITS", "ROLES", "too_many", "unreadable",
           "dangling", "NoteCap"]


@dataclass(frozen=True)
class ErrorValue:
    """An error value a spreadsheet stored in a cell, such as ``#REF!``."""

    code: str

    def __str__(self) -> str:
        return self.code


#: The roles an input file plays; its limits follow its role.
ROLES = ("table", "tasks", "organisations")


class _Limits:
    """Caps that keep a hostile or huge file from exhausting time or memory.

    The cells a file may hold belong to its role (FORMATS.md §3): a dependency
    table or a task workbook holds a few thousand, an organisations file one
    row per organisation. Every reader stores a cell alike (the .xlsx reader
    streams the XML itself, as the .ods and CSV readers do), so one cap per role
    holds for every file type.
    """

    file_bytes = 64 * 1024 * 1024
    uncompressed_bytes = 256 * 1024 * 1024
    compression_ratio = 200
    zip_members = 5000
    #: cells of a dependency table or a task workbook (a planning workbook has a few thousand)
    cells = 500_000
    #: cells of an organisations file: 200,000 organisations of up to ten columns (an .xlsx counts its rows too)
    organisation_cells = 2_500_000
    #: columns of a row: Excel's own limit (XFD); a CSV line may hold more, which are not read
    columns = 16_384
    # cells an .xls stores, blank formatted ones included (xlrd keeps each), and records of any kind
    xls_stored_cells = 2_000_000
    xls_records = 4_000_000
    cell_chars = 32_767
    merged_fill = 200_000
    merged_fill_range = 10_000
    # cells covered by merged ranges kept as ranges (a merge of a whole sheet is no table layout)
    merged_area = 100_000
    # elements of the styles part, the only other XML part read
    part_elements = 200_000
    # located notes (personal data, long cells ...) kept per sheet before a summary
    notes_per_sheet = 100
    # findings of one code kept per cell (a list cell of 10 000 unknown ids) before a summary
    notes_per_cell = 20
    # characters of a finding message (it may quote a cell of 32 767)
    message_chars = 400

    def cells_for(self, role: str) -> int:
        """The cells a file of ``role`` ("table", "tasks" or "organisations") may hold.

        Examples
        --------
        >>> LIMITS.cells_for("tasks"), LIMITS.cells_for("organisations")
        (500000, 2500000)
        """
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        return self.organisation_cells if role == "organisations" else self.cells


LIMITS = _Limits()


def unreadable(path: object, exc: OSError) -> InputError:
    """The refusal of a file the system would not open, in the tool's words where it has them.

    Examples
    --------
    >>> import errno
    >>> unreadable("a.csv", PermissionError(errno.EACCES, "Permission denied")).findings[0].line("en")
    'a.csv: error: the file cannot be read: permission denied [unreadable-file]'
    >>> unreadable("a.csv", OSError(errno.ELOOP, "Too many levels of symbolic links")).findings[0].variant
    'link-loop'
    """
    import errno

    variant = {errno.EACCES: "denied", errno.EPERM: "denied", errno.ELOOP: "link-loop"}.get(exc.errno or 0)
    if variant:
        return refuse(path, "unreadable-file", variant)
    return refuse(path, "unreadable-file", reason=exc.strerror or str(exc))


def dangling(path: object) -> InputError:
    """The refusal of a link that leads to no file: broken (no target) or looping.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp(); os.symlink(os.path.join(d, "ei-ole.csv"), os.path.join(d, "a.csv"))
    >>> dangling(os.path.join(d, "a.csv")).findings[0].variant
    'broken-link'
    """
    import errno
    import os

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return refuse(path, "unreadable-file", "link-loop")
    return refuse(path, "unreadable-file", "broken-link")


def too_many(path: object, role: str, kind: str = "cells") -> InputError:
    """The refusal of a file that holds more ``kind`` ("cells", "rows" or "shared-strings")
    than its role allows; the line names the limit.

    Examples
    --------
    >>> too_many("o.csv", "organisations").findings[0].line("en")
    'o.csv: error: the file holds more than 2500000 cells, the limit of an organisations file (200,000 organisations of up to ten columns); it was not read [file-too-large]'
    """
    variant = f"organisations-{kind}" if role == "organisations" else kind
    return refuse(path, "file-too-large", variant, limit=LIMITS.cells_for(role))

_ERROR_TEXT = re.compile(r"^(#(REF!|N/A|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)|Err:\d{3})$")


def _invisible(text: str) -> bool:
    """Text of nothing a reader could see: spaces, zero-width and other format or control characters."""
    return not text.isprintable() and all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc") for ch in text)


def clean_value(value: object) -> object:
    """Normalise a raw cell value: blank text (nothing visible in it) to None, integral floats
    to int, midnight datetimes to dates and error texts to :class:`ErrorValue`.

    Examples
    --------
    >>> clean_value("  "), clean_value("\u200b"), clean_value(3.0), clean_value("#REF!")
    (None, None, 3, ErrorValue(code='#REF!'))
    >>> clean_value(_dt.datetime(2027, 1, 5))
    datetime.date(2027, 1, 5)
    """
    if value is None:
        return None
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        text = value.strip()
        if not text or _invisible(text):
            return None
        if text[0] in "#E" and _ERROR_TEXT.match(text):
            return ErrorValue(text)
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ErrorValue("#NUM!")
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0) and value.tzinfo is None:
            return value.date()
        return value
    return value


_Note = tuple[str, tuple[tuple[str, object], ...]]


def _check_text(value: str) -> tuple[str, tuple[_Note, ...]]:
    from analyser.text.privacy import redact

    notes: list[_Note] = []
    if "\x00" in value:
        value = value.replace("\x00", "")
        notes.append(("nul-bytes", ()))
    value, codes = redact(value)
    if codes:
        notes.append(("personal-data", (("codes", tuple(codes)), ("n", len(codes)))))
    if len(value) > LIMITS.cell_chars:
        notes.append(("long-cell", (("chars", len(value)), ("limit", LIMITS.cell_chars))))
        value = value[: LIMITS.cell_chars]
    return value, tuple(notes)


_check_text_cached = lru_cache(maxsize=1 << 16)(_check_text)


def check_text(value: str) -> tuple[str, tuple[_Note, ...]]:
    """A text cell made safe: personal identity codes masked, NUL bytes dropped, over-long text cut;
    with a (finding code, params) note for each change. Short texts are remembered, since
    the same values recur down a column.

    Examples
    --------
    >>> check_text("Tunnus")
    ('Tunnus', ())
    >>> check_text("a" + chr(0) + "b")
    ('ab', (('nul-bytes', ()),))
    """
    if len(value) <= 256:
        return _check_text_cached(value)
    return _check_text(value)


class _NeedsNotes(Exception):
    """A text cell has something to report (or may have): it must be set with its row and column."""


class _CleanTexts(dict):
    """Text cell -> cleaned value, filled as texts are met; a text that may need a note
    (the file was not screened for personal identity codes, or the text is over-long)
    raises :class:`_NeedsNotes` instead."""

    screened = False

    def __missing__(self, value: str) -> object:
        if not self.screened or len(value) > LIMITS.cell_chars:
            raise _NeedsNotes
        cleaned = clean_value(value)
        if len(value) <= 256:
            self[value] = cleaned
        return cleaned


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
    #: what header matching found in a row, by the fields it looked for (a table reader's memo)
    header_memo: dict = field(default_factory=dict, repr=False, compare=False)
    _notes: dict[str, int] = field(default_factory=dict, repr=False)
    _known_texts: "_CleanTexts" = field(default_factory=lambda: _CleanTexts(), repr=False)

    def __post_init__(self) -> None:
        from analyser.text.privacy import redact

        name, codes = redact(self.name)
        if codes:
            self.name = name
            self.findings.append(Finding.of("personal-data", self.file, name, "", variant="sheet-name",
                                            codes=codes, n=len(codes)))

    def _note(self, row: int, col: int, code: str, params: tuple[tuple[str, object], ...] = (), *,
              variant: str = "") -> None:
        count = self._notes.get(code, 0) + 1
        self._notes[code] = count
        if count <= LIMITS.notes_per_sheet:
            self.findings.append(Finding.of(code, self.file, self.name, a1(row, col), variant=variant, **dict(params)))

    def _too_wide(self, row: int, columns: int) -> None:
        """Note a row that reaches past the last column a spreadsheet has (what lies there is not read)."""
        self._note(row, 0, "long-cell", (("n", columns), ("limit", LIMITS.columns)), variant="row")

    def note_summary(self) -> list[Finding]:
        """One finding per kind of note that was left out past the per-sheet limit."""
        return [Finding.of(code, self.file, self.name, "", variant="more-in-sheet", n=count - LIMITS.notes_per_sheet)
                for code, count in sorted(self._notes.items()) if count > LIMITS.notes_per_sheet]

    def _checked_text(self, row: int, col: int, value: str) -> str:
        """Mask personal identity codes, drop NUL bytes and cut over-long text, noting each."""
        value, notes = check_text(value)
        for code, params in notes:
            self._note(row, col, code, params)
        return value

    def set(self, row: int, col: int, value: object) -> None:
        if col >= LIMITS.columns:
            if value is not None and value != "":
                self._too_wide(row, col + 1)
            return
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

    def set_texts(self, row: int, values: list[str], *, screened: bool = False) -> None:
        """Store one new row of text cells, as a CSV reader gives them: the same as :meth:`set` on each.

        ``screened`` says the caller searched the whole file and found nothing
        shaped like a personal identity code, so short cells need only be
        cleaned. Values that recur down a column are cleaned once.

        Examples
        --------
        >>> s = Sheet("S")
        >>> s.set_texts(1, ["a", "", "  ", "#REF!"], screened=True)
        >>> s.row(1), s.n_rows, s.n_cols, s.cells_set
        ({0: 'a', 3: ErrorValue(code='#REF!')}, 2, 4, 2)
        """
        if len(values) > LIMITS.columns:
            if any(values[LIMITS.columns:]):
                self._too_wide(row, len(values))
            values = values[:LIMITS.columns]
        known = self._known_texts
        known.screened = screened
        try:
            cells = {col: known[value] for col, value in enumerate(values) if value}
        except _NeedsNotes:
            cells = {}
            for col, value in enumerate(values):
                if value:
                    text, notes = check_text(value)
                    for code, params in notes:
                        self._note(row, col, code, params)
                    cells[col] = clean_value(text)
        if None in cells.values():
            cells = {col: value for col, value in cells.items() if value is not None}
        if not cells:
            return
        if row in self.rows:
            for col, value in cells.items():
                self.set(row, col, value)
            return
        self.rows[row] = cells
        self.cells_set += len(cells)
        if row >= self.n_rows:
            self.n_rows = row + 1
        last = max(cells)
        if last >= self.n_cols:
            self.n_cols = last + 1

    def get(self, row: int, col: int) -> object:
        return self.rows.get(row, {}).get(col)

    def row(self, row: int) -> dict[int, object]:
        return self.rows.get(row, {})

    def row_indices(self) -> list[int]:
        return sorted(self.rows)

    def cell_name(self, row: int, col: int) -> str:
        return a1(row, col)

    def cell_count(self) -> int:
        """Cells held now, merged-range copies included (sums every row: a reader counting as it goes
        uses :attr:`cells_set`)."""
        return sum(len(r) for r in self.rows.values())

    def fill_merged(self) -> None:
        """Copy each merged range's top-left value into the cells it covers.

        Only rows that hold data are filled (a row that only a merge covers
        would read as blank anyway) and never past the last column that
        holds data. A range that would still fill more than
        ``LIMITS.merged_fill_range`` cells is no table layout: it is left
        unfilled and noted. At most ``LIMITS.merged_fill`` cells are filled
        in all.
        """
        from bisect import bisect_left, bisect_right

        budget = LIMITS.merged_fill
        filled_rows = sorted(self.rows)
        for r0, c0, r1, c1 in self.merged:
            value = self.get(r0, c0)
            if value is None:
                continue
            c1 = min(c1, self.n_cols - 1)
            rows = filled_rows[bisect_left(filled_rows, r0):bisect_right(filled_rows, r1)]
            if len(rows) * (c1 - c0 + 1) > LIMITS.merged_fill_range:
                self._note(r0, c0, "merged-range-too-large",
                           (("range", f"{a1(r0, c0)}:{a1(r1, max(c1, c0))}"), ("n", len(rows) * (c1 - c0 + 1))))
                continue
            for r in rows:
                for c in range(c0, c1 + 1):
                    if budget <= 0:
                        return
                    budget -= 1
                    if (r, c) != (r0, c0):
                        self.rows.setdefault(r, {})[c] = value


def short_message(message: str) -> str:
    """A message cut to ``LIMITS.message_chars``, keeping its start and its end.

    Examples
    --------
    >>> len(short_message("'" + "x" * 5000 + "' is not a date"))
    400
    >>> short_message("ok")
    'ok'
    """
    limit = LIMITS.message_chars
    if len(message) <= limit:
        return message
    tail = limit // 4
    return message[: limit - tail - 3] + "..." + message[-tail:]


class NoteCap:
    """Keeps the findings of one reader readable and small.

    Messages are cut with :func:`short_message`, exact repeats are dropped,
    and at most ``LIMITS.notes_per_cell`` findings of one code are kept per
    cell; :meth:`overflow` says how many more there were.
    """

    def __init__(self) -> None:
        self._seen: set[Finding] = set()
        self._counts: dict[tuple[str, str, str, str], list] = {}

    def admit(self, finding: Finding) -> Finding | None:
        """The finding to keep (its message maybe cut), or None when it is one too many."""
        if any(isinstance(v, str) and len(v) > LIMITS.message_chars for _, v in finding.params):
            finding = replace(finding, params=tuple(
                (name, short_message(v) if isinstance(v, str) and len(v) > LIMITS.message_chars else v)
                for name, v in finding.params))
        if finding in self._seen:
            return None
        key = (finding.file, finding.sheet, finding.cell, finding.code)
        entry = self._counts.setdefault(key, [0, finding.severity])
        entry[0] += 1
        if entry[0] > LIMITS.notes_per_cell:
            return None
        self._seen.add(finding)
        return finding

    def overflow(self) -> list[Finding]:
        """One finding per cell and code whose findings were left out."""
        return [
            Finding.of(code, file, sheet, cell, severity=severity, variant="more", n=count - LIMITS.notes_per_cell)
            for (file, sheet, cell, code), (count, severity) in sorted(self._counts.items())
            if count > LIMITS.notes_per_cell
        ]


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
