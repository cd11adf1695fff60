"""Read .xlsx and .xlsm workbooks: saved values only, macros never run.

Each sheet is streamed through expat with defusedxml's guards
(:mod:`analyser.load.xmlscan`) straight into a :class:`~analyser.load.grid.Sheet`:
a cell costs what a CSV cell costs, so the cells a file may hold follow its
role and not its format. Only the parts that hold cells are parsed (the
workbook, its relationships, the styles, the shared strings and the
worksheets); comments (notes), drawings and macros are never read.

Formulas are never evaluated: the value the spreadsheet program saved is
used, and a formula without one (no ``<v>``, or an empty ``<v/>`` as openpyxl
writes an uncalculated formula) is a ``formula-without-value`` finding at
its cell. Numbers in a date format become dates. Merged cells take the
value of their first cell; hidden rows and sheets are kept and marked.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from analyser.findings import Finding, a1, refuse
from analyser.load.grid import LIMITS, ErrorValue, Sheet, Workbook, too_many
from analyser.load.xmlscan import (UNSAFE_XML, TooMany, date_styles, feed, guarded_parser, local_name,
                                   parse_ref, shared_strings, workbook_parts)

__all__ = ["read_xlsx"]


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def _unescape(text: str) -> str:
    """Undo Excel's ``_xHHHH_`` escapes of control characters.

    Examples
    --------
    >>> _unescape("a_x000D_b"), _unescape("_x005F_x0041_")
    ('a\\rb', '_x0041_')
    """
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


@dataclass
class _Styles:
    """What a cell's style says about its number, and the shared strings it may point to."""

    strings: list[str]
    dates: set[int] = field(default_factory=set)
    durations: set[int] = field(default_factory=set)
    date1904: bool = False


@dataclass
class _SheetRead:
    """One worksheet as streamed: its cells went into ``sheet``; the rest is kept here."""

    sheet: Sheet
    elements: int = 0  # cells and rows met, counted against the budget
    no_value: list[str] = field(default_factory=list)
    no_values: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    merged_area: int = 0


def read_xlsx(path: Path, *, role: str = "table") -> Workbook:
    """Read an Excel 2007+ workbook into cell grids (``role`` sets its limits, as in
    :func:`~analyser.load.files.read_workbook`).

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> book = openpyxl.Workbook(); ws = book.active; ws.title = "Tehtävät"
    >>> ws.append(["Nro", "Tehtävä", "Koskee"]); ws.append([1, "Suunnittelu", "kaikki"]); ws.append([2, "Testaus"])
    >>> ws.merge_cells("C2:C3"); ws.row_dimensions[3].hidden = True; ws["D2"] = "=1+1"
    >>> p = Path(tempfile.mkdtemp()) / "t.xlsx"; book.save(p)
    >>> wb = read_xlsx(p); s = wb.sheets[0]
    >>> s.name, s.row(2), s.hidden_rows, [(f.code, f.cell) for f in wb.findings]
    ('Tehtävät', {0: 2, 1: 'Testaus', 2: 'kaikki'}, {2}, [('formula-without-value', 'D2')])
    """
    budget = LIMITS.cells_for(role)
    workbook = Workbook(str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            parts = workbook_parts(archive)
            for name, part, _ in parts.sheets:
                if part not in names:
                    raise refuse(path, "corrupt-file", "missing-part", part=part, sheet=name)
            dates, durations = date_styles(archive, LIMITS.part_elements)
            styles = _Styles(shared_strings(archive, budget), dates, durations, parts.date1904)
            reads = []
            for name, part, hidden in parts.sheets:
                read = _SheetRead(Sheet(name, file=str(path), hidden=hidden))
                _stream_sheet(archive, part, read, styles, budget)
                budget -= read.elements
                reads.append(read)
    except UNSAFE_XML as exc:
        raise refuse(path, "unsafe-xml", "dtd", detail=type(exc).__name__) from None
    except TooMany as exc:
        if exc.kind == "xml-elements":
            raise refuse(path, "file-too-large", exc.kind, limit=LIMITS.part_elements, part=exc.part) from None
        raise too_many(path, role, exc.kind) from None
    except expat.ExpatError as exc:
        raise refuse(path, "corrupt-file", "xml", detail=expat.ErrorString(exc.code), line=exc.lineno) from None
    except zipfile.BadZipFile as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=str(exc)) from None
    except (EOFError, RuntimeError, ValueError, KeyError, IndexError) as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=f"{type(exc).__name__}: {exc}") from None
    _set_aside_absurd_merges(reads, workbook)
    for read in reads:
        sheet = read.sheet
        for cell_name in read.no_value:
            workbook.findings.append(Finding.of("formula-without-value", str(path), sheet.name, cell_name))
        if read.no_values > len(read.no_value):
            workbook.findings.append(Finding.of("formula-without-value", str(path), sheet.name,
                                                variant="more-in-sheet", n=read.no_values - len(read.no_value)))
        sheet.merged = sorted(set(sheet.merged))
        sheet.fill_merged()
        workbook.sheets.append(sheet)
    return workbook


def _set_aside_absurd_merges(reads: list[_SheetRead], workbook: Workbook) -> None:
    """Keep merged ranges as ranges unless they cover more cells than any table needs.

    When the workbook's merges cover more than ``LIMITS.merged_area`` cells,
    whole sheets' merges are set aside, largest first, until the rest fit; each
    such sheet gets a finding naming its largest range, and its cells are read
    as they are.
    """
    area = sum(r.merged_area for r in reads)
    for read in sorted(reads, key=lambda r: -r.merged_area):
        if area <= LIMITS.merged_area:
            break
        area -= read.merged_area
        r0, c0, r1, c1 = max(read.merges, key=lambda m: (m[2] - m[0] + 1) * (m[3] - m[1] + 1))
        sheet = read.sheet
        workbook.findings.append(Finding.of(
            "merged-range-too-large", sheet.file, sheet.name, a1(r0, c0), variant="sheet",
            area=read.merged_area, range=f"{a1(r0, c0)}:{a1(r1, c1)}"))
        read.merges = []
    for read in reads:
        read.sheet.merged.extend(read.merges)


def _number(text: str, style: int, styles: _Styles) -> object:
    """A number cell's value: an int or float, or a date or time when its style shows one."""
    try:
        value = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
    except ValueError:
        return ErrorValue("#VALUE!")
    if style not in styles.dates:
        return value
    from analyser.load.numfmt import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel

    try:
        return from_excel(value, CALENDAR_MAC_1904 if styles.date1904 else WINDOWS_EPOCH,
                          timedelta=style in styles.durations)
    except (OverflowError, ValueError):
        return ErrorValue("#VALUE!")


def _value(kind: str, text: str | None, style: int, styles: _Styles) -> object:
    """A cell's value from its type (``t``) and the text of its ``<v>`` (None when there is none)."""
    if text is None or text == "":
        return None
    if kind == "n":
        return _number(text, style, styles)
    if kind == "s":
        return styles.strings[int(text)]
    if kind == "str" or kind == "inlineStr":
        return text
    if kind == "b":
        return text.strip() not in ("0", "false", "")
    if kind == "e":
        return ErrorValue(text)
    if kind == "d":
        import datetime as dt

        try:
            return dt.datetime.fromisoformat(text.strip().rstrip("Z"))
        except ValueError:
            return ErrorValue("#VALUE!")
    return text


def _column_number(letters: str) -> int:
    """1-based column number of column letters.

    Examples
    --------
    >>> _column_number("A"), _column_number("xfd")
    (1, 16384)
    """
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def _stream_sheet(archive: zipfile.ZipFile, part: str, read: _SheetRead, styles: _Styles, budget: int) -> None:
    """Stream one worksheet's cells into ``read.sheet``; ``budget`` is how many cells and rows it may hold."""
    sheet = read.sheet
    parser = guarded_parser()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    names: dict[str, str] = {}
    columns: dict[str, int] = {}
    text: list[str] = []
    # the open cell: [row, col, type, style, has formula, text seen, collecting, in a phonetic guide]
    cell = [0, 0, "n", 0, False, False, False, 0]
    place = [0, 0]  # the current row (1-based) and the last column (1-based)

    def start(name, attrs):
        tag = names.get(name) or names.setdefault(name, local_name(name))
        if tag == "c":
            read.elements += 1
            if read.elements > budget:
                raise TooMany("cells", read.elements)
            ref = attrs.get("r")
            match = _CELL_REF.match(ref) if ref else None
            if match:
                letters = match.group(1)
                col = columns.get(letters)
                if col is None:
                    col = columns[letters] = _column_number(letters)
                place[1] = col
                row = int(match.group(2))
            else:
                place[1] += 1
                row = place[0]
            style = attrs.get("s")
            cell[:] = [row - 1, place[1] - 1, attrs.get("t", "n"), int(style) if style and style.isdigit() else 0,
                       False, False, False, 0]
            text.clear()
        elif tag == "v" or (tag == "t" and not cell[7]):
            cell[5] = cell[6] = True
        elif tag == "f":
            cell[4] = True
        elif tag == "rPh":
            cell[7] += 1
        elif tag == "row":
            read.elements += 1
            if read.elements > budget:
                raise TooMany("rows", read.elements)
            r = attrs.get("r", "")
            place[0] = int(r) if r.isdigit() else place[0] + 1
            place[1] = 0
            if attrs.get("hidden", "").strip().lower() in ("1", "true"):
                sheet.hidden_rows.add(place[0] - 1)
        elif tag == "mergeCell":
            rng = parse_ref(attrs.get("ref", ""))
            if rng is not None:
                read.merges.append(rng)
                read.merged_area += (rng[2] - rng[0] + 1) * (rng[3] - rng[1] + 1)

    def end(name):
        tag = names.get(name) or names.setdefault(name, local_name(name))
        if tag == "v" or tag == "t":
            cell[6] = False
        elif tag == "rPh":
            cell[7] -= 1
        elif tag == "c":
            row, col, kind, style, formula, seen = cell[:6]
            value = "".join(text) if seen else None
            if formula and not value and not (kind == "str" and seen):
                read.no_values += 1
                if row >= 0 and col >= 0 and len(read.no_value) < LIMITS.notes_per_sheet:
                    read.no_value.append(a1(row, col))
                return
            if row < 0 or col < 0:
                return
            value = _value(kind, value, style, styles)
            if value is None:
                return
            if value.__class__ is str and "_x" in value:
                value = _unescape(value)
            sheet.set(row, col, value)

    def chars(data):
        if cell[6]:
            text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with archive.open(part) as stream:
        feed(parser, stream)
