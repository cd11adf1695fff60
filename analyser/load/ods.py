"""Read OpenDocument spreadsheets (.ods).

The XML is parsed with defusedxml, which refuses entity expansion and
external entities, and streamed: each row is read and then dropped, so the
memory used does not grow with the file. Repeated empty rows and columns
are skipped without being expanded, so a sheet that claims a million rows
costs nothing. A formula without a saved result is reported at its cell.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element
from xml.parsers import expat

from analyser.findings import Finding, a1, refuse
from analyser.load.grid import LIMITS, ErrorValue, Sheet, Workbook

__all__ = ["read_ods"]

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_TABLE = _q("table", "table")
_ROW = _q("table", "table-row")
_CELL = _q("table", "table-cell")
_COVERED = _q("table", "covered-table-cell")
_P = _q("text", "p")
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
    for paragraph in cell.iter(_P):  # no more than a cell may hold, however many paragraphs
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


def _count(el: Element, name: str, limit: int) -> int:
    """A repeat or span count: 1 when missing or garbled, never more than ``limit``."""
    return _count_attr(el, "table", name, limit)


def _count_attr(el: Element, prefix: str, name: str, limit: int) -> int:
    raw = _attr(el, prefix, name, "1") or "1"
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

    def __init__(self, path: Path, name: str, hidden: bool):
        self.path = path
        self.sheet = Sheet(name, file=str(path), hidden=hidden)
        self.r = 0
        self.no_value: list[str] = []

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
                if len(self.no_value) < LIMITS.notes_per_sheet:
                    self.no_value.append(a1(self.r, c))
                value = None
            if value is not None:
                span_c = _count(cell, "number-columns-spanned", _MAX_COLS)
                span_r = _count(cell, "number-rows-spanned", _MAX_ROWS)
                for k in range(min(repeat, LIMITS.repeat)):
                    cells.append((c + k, value, span_r, span_c))
            elif cell.tag == _CELL:
                span_c = _count(cell, "number-columns-spanned", _MAX_COLS)
                span_r = _count(cell, "number-rows-spanned", _MAX_ROWS)
                if span_c > 1 or span_r > 1:
                    cells.append((c, None, span_r, span_c))
            c += repeat
        if cells:
            if len(cells) * min(row_repeat, LIMITS.repeat) > room:  # refuse before expanding repeats
                raise refuse(self.path, "file-too-large", "cells", limit=LIMITS.cells)
            for k in range(min(row_repeat, LIMITS.repeat)):
                for col, value, span_r, span_c in cells:
                    if value is not None:
                        sheet.set(self.r + k, col, value)
                    if span_r > 1 or span_c > 1:
                        sheet.merged.append((self.r + k, col, self.r + k + span_r - 1, col + span_c - 1))
                if collapsed:
                    sheet.hidden_rows.add(self.r + k)
        self.r += row_repeat


def read_ods(path: Path) -> Workbook:
    """Read an .ods workbook into cell grids.

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
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

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
                _stream_tables(path, iterparse(stream, events=("start", "end"), forbid_dtd=True), workbook)
        except DefusedXmlException as exc:
            raise refuse(path, "unsafe-xml", detail=type(exc).__name__) from None
        except ParseError as exc:
            raise refuse(path, "corrupt-file", "xml", detail=expat.ErrorString(exc.code), line=exc.position[0]) from None
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise refuse(path, "corrupt-file", "damaged", detail=str(exc)) from None
    return workbook


def _stream_tables(path: Path, events, workbook: Workbook) -> None:
    """Build the sheets from parse events, dropping every element once it is used.

    Elements inside an open row or style are kept until that row or style
    ends (they are its cells and properties); everything else is removed
    from its parent at its end, so memory holds one row at a time.
    """
    hidden_styles: set[str] = set()
    stack: list[Element] = []
    tables: list[_SheetBuilder] = []
    keep = 0
    total = 0
    for event, el in events:
        tag = el.tag
        if event == "start":
            stack.append(el)
            if tag == _ROW or tag == _STYLE:
                keep += 1
            elif tag == _TABLE:
                name = _attr(el, "table", "name") or f"Sheet{len(workbook.sheets) + len(tables) + 1}"
                tables.append(_SheetBuilder(path, name, _attr(el, "table", "style-name") in hidden_styles))
            continue
        stack.pop()
        if tag == _STYLE:
            keep -= 1
            if _is_hidden_style(el):
                name = _attr(el, "style", "name")
                if name:
                    hidden_styles.add(name)
        elif tag == _ROW:
            keep -= 1
            if tables:
                builder = tables[-1]
                before = builder.sheet.cell_count()
                builder.add_row(el, LIMITS.cells - total)
                total += builder.sheet.cell_count() - before
                if total > LIMITS.cells:
                    raise refuse(path, "file-too-large", "cells", limit=LIMITS.cells)
        elif tag == _TABLE and tables:
            _finish(path, tables.pop(), workbook)
        if keep == 0 and stack:
            stack[-1].remove(el)  # used: let it go


def _finish(path: Path, builder: _SheetBuilder, workbook: Workbook) -> None:
    sheet = builder.sheet
    for cell_name in builder.no_value:
        workbook.findings.append(Finding.of("formula-without-value", str(path), sheet.name, cell_name))
    sheet.merged.sort()
    sheet.fill_merged()
    workbook.sheets.append(sheet)
