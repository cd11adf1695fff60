"""Read OpenDocument spreadsheets (.ods).

The XML is parsed with expat and defusedxml's guards (no DTD, no entity
declarations, no external references; see :mod:`analyser.load.xmlscan`) and
streamed: each row is read and then dropped, so the
memory used does not grow with the file. Repeated empty rows and columns
are skipped without being expanded, so a sheet that claims a million rows
costs nothing; repeated rows and cells that hold something are expanded in
full (LibreOffice writes identical neighbouring rows once, repeated), within
the cells the file's role allows. A formula without a saved result is
reported at its cell.

A cell's content is its own paragraphs (``text:p``, ``text:h``, lists of
them); a comment (``office:annotation``) or a drawing anchored to the cell is
never content.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from analyser.findings import Finding, a1, refuse
from analyser.load.grid import LIMITS, ErrorValue, Sheet, Workbook, too_many
from analyser.load.xmlscan import UNSAFE_XML, feed, guarded_parser

__all__ = ["read_ods"]

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}


@lru_cache(maxsize=None)
def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_TABLE = _q("table", "table")
_ROW = _q("table", "table-row")
_CELL = _q("table", "table-cell")
_COVERED = _q("table", "covered-table-cell")
_P = _q("text", "p")
_H = _q("text", "h")
_LIST = _q("text", "list")
_LIST_PARTS = (_LIST, _q("text", "list-item"), _q("text", "list-header"))
_STYLE = _q("style", "style")
_NO_VALUE = object()  # a formula cell without a saved result
_MAX_ROWS, _MAX_COLS = 1 << 20, 1 << 14


def _attr(el: Element, prefix: str, name: str, default: str | None = None) -> str | None:
    return el.get(_q(prefix, name), default)


def _paragraph_text(el: Element) -> str:
    """The text of a paragraph, spaces (``text:s``), tabs and line breaks included.

    Walked without recursion (spans may nest deeply) and never built past one
    character more than a cell may hold: ``<text:s text:c="999999999"/>`` or
    thousands of them cost no memory.
    """
    limit = LIMITS.cell_chars + 1
    if not len(el):  # plain text, as most cells are
        return (el.text or "")[:limit]
    parts: list[str] = []
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text and size < limit:
            piece = text[: limit - size]
            parts.append(piece)
            size += len(piece)

    add(el.text)
    stack: list[tuple[object, str | None]] = [(iter(el), None)]
    while stack and size < limit:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            add(tail)
            continue
        tag = child.tag
        if tag == _q("text", "s"):
            add(" " * min(_count_attr(child, "text", "c", limit), limit - size))
            add(child.tail)
        elif tag == _q("text", "tab"):
            add("\t")
            add(child.tail)
        elif tag == _q("text", "line-break"):
            add("\n")
            add(child.tail)
        else:
            add(child.text)
            stack.append((iter(child), child.tail))
    return "".join(parts)


def _cell_value(cell: Element) -> object:
    kind = _attr(cell, "office", "value-type")
    if kind in ("float", "percentage", "currency"):
        raw = _attr(cell, "office", "value")
        try:
            return float(raw) if raw is not None else None
        except ValueError:
            return ErrorValue("#VALUE!")
    if kind == "date":
        raw = _attr(cell, "office", "date-value") or ""
        try:
            if "T" in raw:
                return _dt.datetime.fromisoformat(raw)
            return _dt.date.fromisoformat(raw)
        except ValueError:
            return ErrorValue("#VALUE!")
    if kind == "boolean":
        return (_attr(cell, "office", "boolean-value") or "").lower() == "true"
    texts: list[str] = []
    size = 0
    for paragraph in _paragraphs(cell):  # no more than a cell may hold, however many paragraphs
        if size > LIMITS.cell_chars:
            break
        texts.append(_paragraph_text(paragraph))
        size += len(texts[-1]) + 1
    text = "\n".join(texts)
    if kind is None and _attr(cell, "table", "formula") and not text:
        return _NO_VALUE
    if kind == "string" and _attr(cell, "office", "string-value") is not None and not text:
        text = _attr(cell, "office", "string-value") or ""
    return text if text else None


def _paragraphs(cell: Element):
    """The cell's own paragraphs, in order: its ``text:p`` and ``text:h`` children and those of its lists.

    Anything else a cell element holds (a comment, ``office:annotation``; a drawing or text box anchored
    to the cell) is not the cell's content.
    """
    stack = [iter(cell)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _P or child.tag == _H:
            yield child
        elif child.tag in _LIST_PARTS:
            stack.append(iter(child))


def _count(el: Element, name: str, limit: int) -> int:
    """A repeat or span count: 1 when missing or garbled, never more than ``limit``."""
    return _count_attr(el, "table", name, limit)


def _count_attr(el: Element, prefix: str, name: str, limit: int) -> int:
    raw = el.get(_q(prefix, name))
    if raw is None:
        return 1
    try:
        value = int(raw)
    except ValueError:
        return 1
    return min(max(value, 1), limit)


def _is_hidden_style(style: Element) -> bool:
    props = style.find(_q("style", "table-properties"))
    return props is not None and _attr(props, "table", "display") == "false"


class _SheetBuilder:
    """Collects one table's rows as they stream past."""

    def __init__(self, path: Path, name: str, hidden: bool, role: str):
        self.path = path
        self.role = role
        self.sheet = Sheet(name, file=str(path), hidden=hidden)
        self.r = 0
        self.no_value: list[str] = []
        self.no_values = 0

    def add_row(self, row: Element, room: int) -> None:
        """Read one row element; ``room`` is how many more cells the workbook may hold."""
        sheet = self.sheet
        row_repeat = _count(row, "number-rows-repeated", _MAX_ROWS)
        collapsed = _attr(row, "table", "visibility") in ("collapsed", "filter")
        cells: list[tuple[int, object, int, int]] = []
        c = 0
        for cell in row:
            if cell.tag not in (_CELL, _COVERED):
                continue
            repeat = _count(cell, "number-columns-repeated", _MAX_COLS)
            value = _cell_value(cell) if cell.tag == _CELL else None
            if value is _NO_VALUE:
                self.no_values += 1
                if len(self.no_value) < LIMITS.notes_per_sheet:
                    self.no_value.append(a1(self.r, c))
                value = None
            if value is not None:
                span_c = _count(cell, "number-columns-spanned", _MAX_COLS)
                span_r = _count(cell, "number-rows-spanned", _MAX_ROWS)
                if len(cells) + repeat > room:  # refuse before expanding repeats
                    raise too_many(self.path, self.role)
                for k in range(min(repeat, LIMITS.columns - c)):
                    cells.append((c + k, value, span_r, span_c))
            elif cell.tag == _CELL:
                span_c = _count(cell, "number-columns-spanned", _MAX_COLS)
                span_r = _count(cell, "number-rows-spanned", _MAX_ROWS)
                if span_c > 1 or span_r > 1:
                    cells.append((c, None, span_r, span_c))
            c += repeat
        if cells:
            if len(cells) * row_repeat > room:  # refuse before expanding repeats
                raise too_many(self.path, self.role)
            for k in range(row_repeat):
                for col, value, span_r, span_c in cells:
                    if value is not None:
                        sheet.set(self.r + k, col, value)
                    if span_r > 1 or span_c > 1:
                        sheet.merged.append((self.r + k, col, self.r + k + span_r - 1, col + span_c - 1))
                if collapsed:
                    sheet.hidden_rows.add(self.r + k)
        self.r += row_repeat


def read_ods(path: Path, *, role: str = "table") -> Workbook:
    """Read an .ods workbook into cell grids (``role`` sets its limits, as in
    :func:`~analyser.load.files.read_workbook`).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> p = Path(tempfile.mkdtemp()) / "t.ods"
    >>> frame = pd.DataFrame({"Nro": [1, 2], "Kesto": [3, 2.5]})
    >>> frame.to_excel(p, sheet_name="Tehtävät", index=False, engine="odf")
    >>> wb = read_ods(p)
    >>> wb.sheet_names(), wb.sheets[0].row(0), wb.sheets[0].row(2), wb.findings
    (['Tehtävät'], {0: 'Nro', 1: 'Kesto'}, {0: 2, 1: 2.5}, [])
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=str(exc)) from None
    workbook = Workbook(str(path))
    with archive:
        try:
            info = archive.getinfo("content.xml")
        except KeyError:
            raise refuse(path, "not-a-workbook", "ods") from None
        if info.file_size > LIMITS.uncompressed_bytes:
            raise refuse(path, "file-too-large", "content")
        try:
            with archive.open(info) as stream:
                _Stream(path, workbook, role).parse(stream)
        except UNSAFE_XML as exc:
            raise refuse(path, "unsafe-xml", detail=type(exc).__name__) from None
        except expat.ExpatError as exc:
            raise refuse(path, "corrupt-file", "xml", detail=expat.ErrorString(exc.code), line=exc.lineno) from None
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise refuse(path, "corrupt-file", "damaged", detail=str(exc)) from None
    return workbook


class _Stream:
    """Builds the sheets as the parser streams past, dropping every element once it is used.

    Expat (with defusedxml's guards) hands each element to a C ``TreeBuilder``;
    elements inside an open row or style are kept until that row or style ends
    (they are its cells and properties), everything else is removed from its
    parent at its end, so memory holds one row at a time.
    """

    def __init__(self, path: Path, workbook: Workbook, role: str):
        self.path, self.workbook, self.role = path, workbook, role
        self.tree = TreeBuilder()
        self.names: dict[str, str] = {}
        self.hidden_styles: set[str] = set()
        self.stack: list[Element] = []
        self.tables: list[_SheetBuilder] = []
        self.keep = 0
        self.budget = LIMITS.cells_for(role)
        self.total = 0  # cells of the sheets finished; the open one counts its own (Sheet.cells_set)

    def parse(self, stream) -> None:
        parser = guarded_parser(namespaces=True)
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.tree.data
        feed(parser, stream)

    def _name(self, name: str) -> str:
        """Expat's "uri}local" as ElementTree's "{uri}local"."""
        fixed = self.names.get(name)
        if fixed is None:
            fixed = self.names[name] = "{" + name if "}" in name else name
        return fixed

    def start(self, name: str, attrs: dict) -> None:
        fix = self._name
        tag = fix(name)
        el = self.tree.start(tag, {fix(k): v for k, v in attrs.items()} if attrs else attrs)
        self.stack.append(el)
        if tag == _ROW or tag == _STYLE:
            self.keep += 1
        elif tag == _TABLE:
            number = len(self.workbook.sheets) + len(self.tables) + 1
            self.tables.append(_SheetBuilder(self.path, _attr(el, "table", "name") or f"Sheet{number}",
                                             _attr(el, "table", "style-name") in self.hidden_styles, self.role))

    def end(self, name: str) -> None:
        tag = self._name(name)
        el = self.tree.end(tag)
        stack = self.stack
        stack.pop()
        if tag == _STYLE:
            self.keep -= 1
            if _is_hidden_style(el):
                style = _attr(el, "style", "name")
                if style:
                    self.hidden_styles.add(style)
        elif tag == _ROW:
            self.keep -= 1
            if self.tables:
                builder = self.tables[-1]
                builder.add_row(el, self.budget - self.total - builder.sheet.cells_set)
        elif tag == _TABLE and self.tables:
            self.total += self.tables[-1].sheet.cells_set
            _finish(self.path, self.tables.pop(), self.workbook)
        if self.keep == 0 and stack:
            stack[-1].remove(el)  # used: let it go


def _finish(path: Path, builder: _SheetBuilder, workbook: Workbook) -> None:
    sheet = builder.sheet
    for cell_name in builder.no_value:
        workbook.findings.append(Finding.of("formula-without-value", str(path), sheet.name, cell_name))
    if builder.no_values > len(builder.no_value):
        workbook.findings.append(Finding.of("formula-without-value", str(path), sheet.name, variant="more-in-sheet",
                                            n=builder.no_values - len(builder.no_value)))
    sheet.merged.sort()
    sheet.fill_merged()
    workbook.sheets.append(sheet)
