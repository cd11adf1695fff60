"""A small streaming writer for report workbooks (.xlsx) formatted for people.

Reports can hold hundreds of thousands of rows; building them cell by cell
through a general workbook library costs far more than the analysis, so
this writer emits the sheet XML directly: a bold frozen header row with
filters, column widths, real dates with a date format, wrapped long text.
Its bytes depend only on its input (fixed zip timestamps and metadata).
Text cells are inline strings, and text that would read as a formula is
neutralised like in CSV.

Every sheet prints on A4 in landscape, scaled to the width of one page,
its header row repeated on every page (a sheet may ask to fit on one page
altogether). A row whose wrapped text needs more than one line is made as
high as :func:`text_lines` estimates from the column widths, since neither
Excel nor LibreOffice sizes rows of a file that says nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
import zipfile
from dataclasses import dataclass, field
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from analyser.findings import a1
from analyser.output import UNSAFE_FIRST, neutralise

__all__ = ["SheetData", "SharedStrings", "xlsx_bytes", "write_xlsx", "cell_xml", "cells_xml", "late_date_xml",
           "text_lines", "row_lines", "column_widths", "LINE_HEIGHT"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1899, 12, 30)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

# style ids in styles.xml below
_HEADER, _DATE, _WRAP, _PLAIN, _LATE = 1, 2, 3, 0, 4


@dataclass
class SheetData:
    """One sheet: a header row and data rows; ``widths`` in characters per column.

    Data rows are values (``rows``) or ready cell XML, one string per row
    (``xml_rows``, from :func:`cell_xml` and :func:`cells_xml`: how a big
    report reuses what organisations share); ``xml_rows`` come after ``rows``.
    A ready row may come as ``(xml, lines)``: the lines its highest
    wrapped cell takes (:func:`row_lines`). ``freeze_columns`` keeps that
    many columns in view beside the header row; ``one_page`` prints the
    sheet on one page rather than one page wide.
    """

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]] = ()
    widths: Sequence[float] | None = None
    wrap: Sequence[int] = field(default_factory=tuple)
    xml_rows: Iterable[str | tuple[str, int]] = ()
    freeze_columns: int = 0
    one_page: bool = False


def _col_letters(n: int) -> list[str]:
    return [a1(0, c)[:-1] for c in range(n)]


#: Points per line of wrapped text in the default font (Calibri 11 pt; Excel's row height for one line).
LINE_HEIGHT = 15.0

# Characters of running text per unit of column width (a unit is the width of a "0" of the default
# font): somewhat fewer than Calibri fits, so an estimate errs towards room to spare, also where
# LibreOffice shows a wider font in Calibri's place; bold text is wider still.
_CHARS_PER_UNIT = 1.0
_BOLD = 0.9
_BOLD_UNIT = _CHARS_PER_UNIT * _BOLD
_MAX_LINES = 27  # 405 pt: a row may be at most 409 pt high


def text_lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes wrapped by words in a column ``width`` characters wide (an estimate,
    at most 27: the highest row a sheet may have).

    Examples
    --------
    >>> text_lines("lyhyt", 10), text_lines("Muiden palvelunantajien tallentamien tietojen haku", 34)
    (1, 2)
    >>> text_lines("rivi\\ntoinen", 30), text_lines("x" * 100, 10), text_lines("x " * 500, 10)
    (2, 10, 27)
    """
    capacity = int(width * (_BOLD_UNIT if bold else _CHARS_PER_UNIT)) or 1
    if len(text) <= capacity and "\n" not in text:
        return 1
    return _wrapped_lines(text, capacity)


@functools.lru_cache(maxsize=1 << 16)
def _wrapped_lines(text: str, capacity: int) -> int:
    """:func:`text_lines` of a text longer than a line (the same lists and names recur in a report)."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for size in map(len, paragraph.split(" ")):
            size = size or 1
            if used and used + 1 + size <= capacity:
                used += 1 + size
                continue
            if used:
                lines += 1
            if size > capacity:  # a word longer than a line is broken across lines of its own
                lines += (size - 1) // capacity
                size = capacity
            used = size
        if lines >= _MAX_LINES:
            break
    return min(lines, _MAX_LINES)


def row_lines(values: Sequence[object], widths: Sequence[float], wrap: Iterable[int], start: int = 0) -> int:
    """The lines the highest wrapped text cell of a run of cells takes; ``wrap`` and ``widths`` are by
    column number, the run's first cell being column ``start``.

    Examples
    --------
    >>> row_lines(["SOS-V2", "Muiden palvelunantajien tallentamien tietojen haku", 3], [10, 20, 8], wrap=[1])
    4
    >>> row_lines(["Muiden palvelunantajien tallentamien tietojen haku"], [10, 30], wrap=[1], start=1)
    2
    """
    lines = 1
    for column in wrap:
        k = column - start
        if 0 <= k < len(values) and values[k].__class__ is str:
            lines = max(lines, text_lines(values[k], widths[column]))
    return lines


def _row_open(lines: int) -> str:
    return "<row>" if lines <= 1 else f'<row ht="{lines * LINE_HEIGHT:g}" customHeight="1">'


_ROW_OPEN = [_row_open(n) for n in range(_MAX_LINES + 1)]


#: A column is widened, up to this width, so that no word of its header is broken across lines.
HEADER_WORD_WIDTH = 24


def column_widths(sheet: "SheetData") -> list[float]:
    """Every column's width: as given, or from its header's length; widened so that no word of its header
    (in bold) is broken, up to :data:`HEADER_WORD_WIDTH`.

    Examples
    --------
    >>> column_widths(SheetData("S", ["a", "Pitkä otsikko sarakkeelle", "Käyttöönottopäivä"], widths=[12, 10, 12]))
    [12, 13, 19]
    """
    given = list(sheet.widths or [])[:len(sheet.header)]
    widths = given + [max(10, min(60, len(str(h)) + 4)) for h in sheet.header[len(given):]]
    words = [max(map(len, str(h).split()), default=0) / (_CHARS_PER_UNIT * _BOLD) for h in sheet.header]
    return [max(w, min(HEADER_WORD_WIDTH, math.ceil(word))) for w, word in zip(widths, words)]


_PLAIN = re.compile(f"(?!{UNSAFE_FIRST})[^\x00-\x1f&<>\ufffe\uffff]{{1,32767}}").fullmatch


def _text(value: str) -> str:
    if _PLAIN(value):  # most text: nothing to neutralise, escape, drop or cut
        return value
    value = neutralise(value)
    return escape(_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))[:32767])


class SharedStrings:
    """The workbook's shared-string table: each distinct text is stored once and cells refer to it,
    which keeps sheets with much repeated text small and quick to compress."""

    def __init__(self):
        self._index: dict[str, int] = {}
        self._texts: list[str] = []
        self.uses = 0

    def index(self, text: str) -> int:
        self.uses += 1
        try:
            return self._index[text]
        except KeyError:
            found = self._index[text] = len(self._texts)
            self._texts.append(_text(text))
            return found

    def cells(self, texts: Iterable[str], wrap: bool = False) -> list[str]:
        """The cells of many texts at once, each as :func:`cell_xml` makes it with this table.

        Examples
        --------
        >>> strings = SharedStrings()
        >>> strings.cells(["a", "", "b", "a"], wrap=True) == [cell_xml(v, True, strings) for v in ["a", "", "b", "a"]]
        True
        >>> strings.uses
        6
        """
        index, listed = self._index, self._texts
        head = f'<c s="{_WRAP}" t="s"><v>' if wrap else '<c t="s"><v>'
        cells = []
        for text in texts:
            if not text:
                cells.append("<c/>")
                continue
            self.uses += 1
            found = index.get(text)
            if found is None:
                found = index[text] = len(listed)
                listed.append(_text(text))
            cells.append(f"{head}{found}</v></c>")
        return cells

    def xml_chunks(self, chunk: int = 20_000):
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               f'count="{self.uses}" uniqueCount="{len(self._texts)}">')
        for k in range(0, len(self._texts), chunk):
            yield "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in self._texts[k:k + chunk])
        yield "</sst>"


def cell_xml(value: object, wrap: bool = False, strings: SharedStrings | None = None) -> str:
    """The XML of one cell. Cells carry no reference: their place in the row is their position,
    so a run of cells rendered once can be reused in many rows. Text goes into ``strings``
    when a shared-string table is given, inline otherwise.

    Examples
    --------
    >>> cell_xml(3), cell_xml(dt.date(2027, 1, 15)), cell_xml(None)
    ('<c><v>3</v></c>', '<c s="2"><v>46402</v></c>', '<c/>')
    >>> print(cell_xml("=1+1"))
    <c t="inlineStr"><is><t xml:space="preserve">'=1+1</t></is></c>
    >>> strings = SharedStrings()
    >>> cell_xml("Tehtävä", strings=strings), cell_xml("Tehtävä", wrap=True, strings=strings)
    ('<c t="s"><v>0</v></c>', '<c s="3" t="s"><v>0</v></c>')
    """
    if value.__class__ is str and value and strings is not None:
        return f'<c s="{_WRAP}" t="s"><v>{strings.index(value)}</v></c>' if wrap else \
            f'<c t="s"><v>{strings.index(value)}</v></c>'
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return f'<c t="inlineStr"><is><t>{value}</t></is></c>'
        if isinstance(value, int) and abs(value) >= 10**15:
            return f'<c t="inlineStr"><is><t>{value}</t></is></c>'
        return f"<c><v>{value!r}</v></c>" if isinstance(value, float) else f"<c><v>{value}</v></c>"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c s="{_DATE}"><v>{(value - _EPOCH).days}</v></c>'
    style = f' s="{_WRAP}"' if wrap else ""
    if strings is not None:
        return f'<c{style} t="s"><v>{strings.index(str(value))}</v></c>'
    return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'


def cells_xml(values: Sequence[object], wrap: Iterable[int] = (), start: int = 0,
              strings: SharedStrings | None = None) -> str:
    """The XML of a run of cells; ``wrap`` holds column numbers (counted from ``start``) to wrap.

    Examples
    --------
    >>> cells_xml(["a", 1], wrap=[5], start=5)
    '<c s="3" t="inlineStr"><is><t xml:space="preserve">a</t></is></c><c><v>1</v></c>'
    """
    wrap = set(wrap)
    return "".join(cell_xml(v, start + k in wrap, strings) for k, v in enumerate(values))


def _view(freeze_columns: int) -> str:
    """The sheet view: the header row (and ``freeze_columns`` columns) frozen in place."""
    if not freeze_columns:
        return ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>')
    corner = f"{_col_letters(freeze_columns + 1)[-1]}2"
    return (f'<pane xSplit="{freeze_columns}" ySplit="1" topLeftCell="{corner}" activePane="bottomRight" '
            f'state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/>'
            f'<selection pane="bottomRight" activeCell="{corner}" sqref="{corner}"/>')


def _print_setup(one_page: bool) -> str:
    """A4 in landscape, one page wide (and high, for ``one_page``), the sheet's name and the page number
    in the footer (codes, no words: &A the sheet, &P the page, &N the pages)."""
    return ('<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
            f'<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="{int(one_page)}"/>'
            '<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>')


def _ready_rows(chunk: list) -> str:
    """Ready rows, each opened with its height when it comes with its lines."""
    if chunk[0].__class__ is str:
        return "<row>" + "</row><row>".join(chunk) + "</row>"
    rows = _ROW_OPEN
    return "".join([f"{rows[lines]}{xml}</row>" for xml, lines in chunk])


def _sheet_chunks(sheet: SheetData, strings: SharedStrings | None = None, chunk_rows: int = 5000):
    """The sheet's XML in chunks of text, so big sheets never sit whole in memory."""
    ncols = len(sheet.header)
    letters = _col_letters(max(ncols, 1))
    wrap = set(sheet.wrap)
    widths = column_widths(sheet)
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
             f'<sheetViews><sheetView workbookViewId="0">{_view(sheet.freeze_columns)}</sheetView></sheetViews>'
             f'<sheetFormatPr defaultRowHeight="{LINE_HEIGHT:g}"/>']
    if ncols:
        parts.append("<cols>")
        for c, width in enumerate(widths):
            parts.append(f'<col min="{c + 1}" max="{c + 1}" width="{width:.1f}" customWidth="1"/>')
        parts.append("</cols>")
    parts.append("<sheetData>")
    head = "".join(
        f'<c s="{_HEADER}" t="inlineStr"><is><t xml:space="preserve">{_text(str(h))}</t></is></c>'
        for h in sheet.header)
    header_lines = max((text_lines(str(h), w, bold=True) for h, w in zip(sheet.header, widths)), default=1)
    parts.append(f"{_ROW_OPEN[header_lines]}{head}</row>")
    r = 1
    append = parts.append
    wrapped = sorted(c for c in wrap if c < ncols)
    for row in sheet.rows:
        r += 1
        append(_ROW_OPEN[row_lines(row, widths, wrapped)]
               + "".join(cell_xml(v, c in wrap, strings) for c, v in enumerate(row[:ncols])) + "</row>")
        if len(parts) >= chunk_rows:
            yield "".join(parts)
            parts = []
            append = parts.append
    yield "".join(parts)
    parts = []
    ready = iter(sheet.xml_rows)
    while chunk := list(itertools.islice(ready, chunk_rows)):
        yield _ready_rows(chunk)
        r += len(chunk)
    parts.append("</sheetData>")
    if ncols:
        parts.append(f'<autoFilter ref="A1:{letters[ncols - 1]}{max(r, 1)}"/>')
    parts.append(_print_setup(sheet.one_page) + "</worksheet>")
    yield "".join(parts)


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="d\\.m\\.yyyy"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyAlignment="1">'
    '<alignment vertical="top"/></xf></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">'
    '<alignment wrapText="1" vertical="top"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment wrapText="1" vertical="top"/></xf>'
    '<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" '
    'applyAlignment="1"><alignment vertical="top"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)


def _safe_sheet_name(name: str, used: set[str]) -> str:
    clean = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet"
    base, n = clean, 2
    while clean.casefold() in used:
        suffix = f" ({n})"
        clean = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(clean.casefold())
    return clean


def _quoted(sheet_name: str) -> str:
    """A sheet's name as a formula writes it (quoted, a quote doubled), escaped for XML."""
    return escape("'" + sheet_name.replace("'", "''") + "'")


def late_date_xml(value: dt.date) -> str:
    """A date cell shown in bold red, for a due date already past.

    Examples
    --------
    >>> late_date_xml(dt.date(2027, 1, 15))
    '<c s="4"><v>46402</v></c>'
    """
    return f'<c s="{_LATE}"><v>{(value - _EPOCH).days}</v></c>'


def _write_beside(write, chunks: Iterable[bytes]) -> None:
    """``write`` each chunk in a second thread while the next ones are made: compressing (zlib lets go
    of the interpreter meanwhile) takes a second core while the sheet's XML is put together."""
    import queue
    import threading

    ready: queue.Queue = queue.Queue(maxsize=4)
    failed: list[BaseException] = []

    def writer() -> None:
        while (chunk := ready.get()) is not None:
            if not failed:
                try:
                    write(chunk)
                except BaseException as exc:  # handed to the caller; the rest of the chunks are let go
                    failed.append(exc)

    thread = threading.Thread(target=writer, name="xlsx-writer", daemon=True)
    thread.start()
    try:
        for chunk in chunks:
            if failed:
                break
            ready.put(chunk)
    finally:
        ready.put(None)
        thread.join()
    if failed:
        raise failed[0]


def xlsx_bytes(sheets: Sequence[SheetData], *, title: str = "", creator: str = "analyser",
               strings: SharedStrings | None = None) -> bytes:
    """The bytes of a workbook holding ``sheets``; see :func:`write_xlsx`.

    Examples
    --------
    >>> import io, openpyxl, datetime
    >>> data = xlsx_bytes([SheetData("Taulu", ["a", "b"], [["=x", datetime.date(2027, 1, 2)]])])
    >>> ws = openpyxl.load_workbook(io.BytesIO(data)).active
    >>> ws["A2"].value, ws["B2"].value.date(), ws.freeze_panes
    ("'=x", datetime.date(2027, 1, 2), 'A2')
    """
    import io

    buffer = io.BytesIO()
    write_xlsx(buffer, sheets, title=title, creator=creator, strings=strings)
    return buffer.getvalue()


def write_xlsx(handle, sheets: Sequence[SheetData], *, title: str = "", creator: str = "analyser",
               strings: SharedStrings | None = None) -> None:
    """Write a workbook holding ``sheets`` into a binary file handle, sheet XML streamed.

    Text cells go into a shared-string table (``strings``, a new one by
    default; pass the one the sheets' ready rows were rendered with).
    The same input gives the same bytes.

    Examples
    --------
    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> write_xlsx(buffer, [SheetData("Taulu", ["a"], [["x"]])], title="analyser")
    >>> sorted(zipfile.ZipFile(buffer).namelist())[-3:]
    ['xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']
    """
    strings = strings if strings is not None else SharedStrings()
    used: set[str] = set()
    names = [_safe_sheet_name(s.name, used) for s in sheets]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(len(sheets)))
        + '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '</Types>')
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        'core-properties" Target="docProps/core.xml"/></Relationships>')
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>'
        '</cp:coreProperties>')
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<bookViews><workbookView/></bookViews><sheets>'
        + "".join(f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                  for i, n in enumerate(names))
        + "</sheets><definedNames>"
        + "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{_quoted(n)}!$A$1:${_col_letters(max(len(s.header), 1))[-1]}$1</definedName>"
            for i, (n, s) in enumerate(zip(names, sheets)) if s.header)
        + "".join(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{_quoted(n)}!$1:$1</definedName>'
                  for i, (n, s) in enumerate(zip(names, sheets)) if s.header)
        + "</definedNames></workbook>")
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{len(sheets) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        def put(name: str, data: bytes | str) -> None:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)

        put("[Content_Types].xml", content_types)
        put("_rels/.rels", root_rels)
        put("docProps/core.xml", core)
        put("xl/workbook.xml", workbook)
        put("xl/_rels/workbook.xml.rels", workbook_rels)
        put("xl/styles.xml", _STYLES)
        def stream(name: str, chunks) -> None:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            # the archive's compresslevel does not reach members opened for streaming (zlib's default 6
            # would be used): level 1 is several times faster and the shared strings keep the file small
            setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)
            with archive.open(info, "w", force_zip64=False) as out:
                _write_beside(out.write, (chunk.encode("utf-8") for chunk in chunks))

        for i, sheet in enumerate(sheets):
            stream(f"xl/worksheets/sheet{i + 1}.xml", _sheet_chunks(sheet, strings))
        stream("xl/sharedStrings.xml", strings.xml_chunks())
