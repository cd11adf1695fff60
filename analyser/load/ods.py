"""Read OpenDocument spreadsheets (.ods).

The XML is parsed with defusedxml, which refuses entity expansion and
external entities; repeated empty rows and columns are skipped without
being expanded, so a sheet that claims a million rows costs nothing.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from analyser.findings import ERROR, Finding, InputError
from analyser.load.grid import LIMITS, CellError, Sheet, Workbook

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
_ROW_CONTAINERS = {_q("table", n) for n in ("table-header-rows", "table-row-group", "table-rows")}
_P = _q("text", "p")


def _refuse(path: Path, message: str, code: str = "corrupt-file") -> InputError:
    return InputError(Finding(code, ERROR, str(path), "", "", message))


def _attr(el: Element, prefix: str, name: str, default: str | None = None) -> str | None:
    return el.get(_q(prefix, name), default)


def _paragraph_text(el: Element) -> str:
    parts: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == _q("text", "s"):
            parts.append(" " * int(_attr(child, "text", "c", "1") or 1))
        elif tag == _q("text", "tab"):
            parts.append("\t")
        elif tag == _q("text", "line-break"):
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell_value(cell: Element) -> object:
    kind = _attr(cell, "office", "value-type")
    if kind in ("float", "percentage", "currency"):
        raw = _attr(cell, "office", "value")
        try:
            return float(raw) if raw is not None else None
        except ValueError:
            return CellError("#VALUE!")
    if kind == "date":
        raw = _attr(cell, "office", "date-value") or ""
        try:
            if "T" in raw:
                return _dt.datetime.fromisoformat(raw)
            return _dt.date.fromisoformat(raw)
        except ValueError:
            return CellError("#VALUE!")
    if kind == "boolean":
        return (_attr(cell, "office", "boolean-value") or "").lower() == "true"
    texts = [_paragraph_text(p) for p in cell.iter(_P)]
    text = "\n".join(texts)
    if kind is None and _attr(cell, "table", "formula") and not text:
        return CellError("#NO-CACHED-VALUE")
    if kind == "string" and _attr(cell, "office", "string-value") is not None and not text:
        text = _attr(cell, "office", "string-value") or ""
    return text if text else None


def _hidden_table_styles(root: Element) -> set[str]:
    hidden = set()
    for style in root.iter(_q("style", "style")):
        props = style.find(_q("style", "table-properties"))
        if props is not None and _attr(props, "table", "display") == "false":
            name = _attr(style, "style", "name")
            if name:
                hidden.add(name)
    return hidden


def _rows(table: Element):
    for child in table:
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_CONTAINERS:
            yield from _rows(child)


def read_ods(path: Path) -> Workbook:
    """Read an .ods workbook into cell grids."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > LIMITS.uncompressed_bytes:
                raise _refuse(path, "content.xml is too large", "file-too-large")
            data = archive.read(info)
    except KeyError:
        raise _refuse(path, "is not an OpenDocument spreadsheet (content.xml missing)", "not-a-workbook") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise _refuse(path, f"is damaged and could not be read ({exc})") from None
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise _refuse(path, f"contains unsafe XML and was not read ({type(exc).__name__})", "unsafe-xml") from None
    except ParseError as exc:
        raise _refuse(path, f"has malformed XML ({exc})") from None

    hidden_styles = _hidden_table_styles(root)
    workbook = Workbook(str(path))
    total = 0
    for table in root.iter(_TABLE):
        name = _attr(table, "table", "name") or f"Sheet{len(workbook.sheets) + 1}"
        sheet = Sheet(name, file=str(path), hidden=_attr(table, "table", "style-name") in hidden_styles)
        r = 0
        for row in _rows(table):
            row_repeat = int(_attr(row, "table", "number-rows-repeated", "1") or 1)
            collapsed = _attr(row, "table", "visibility") in ("collapsed", "filter")
            cells: list[tuple[int, object, int, int]] = []
            c = 0
            for cell in row:
                if cell.tag not in (_CELL, _COVERED):
                    continue
                repeat = int(_attr(cell, "table", "number-columns-repeated", "1") or 1)
                value = _cell_value(cell) if cell.tag == _CELL else None
                if value is not None:
                    span_c = int(_attr(cell, "table", "number-columns-spanned", "1") or 1)
                    span_r = int(_attr(cell, "table", "number-rows-spanned", "1") or 1)
                    for k in range(min(repeat, LIMITS.repeat)):
                        cells.append((c + k, value, span_r, span_c))
                elif cell.tag == _CELL:
                    span_c = int(_attr(cell, "table", "number-columns-spanned", "1") or 1)
                    span_r = int(_attr(cell, "table", "number-rows-spanned", "1") or 1)
                    if span_c > 1 or span_r > 1:
                        cells.append((c, None, span_r, span_c))
                c += repeat
            if cells:
                for k in range(min(row_repeat, LIMITS.repeat)):
                    for col, value, span_r, span_c in cells:
                        if value is not None:
                            sheet.set(r + k, col, value)
                        if span_r > 1 or span_c > 1:
                            sheet.merged.append((r + k, col, r + k + span_r - 1, col + span_c - 1))
                    if collapsed:
                        sheet.hidden_rows.add(r + k)
            r += row_repeat
            if sheet.cell_count() + total > LIMITS.cells:
                raise _refuse(path, f"holds more than {LIMITS.cells} cells", "file-too-large")
        total += sheet.cell_count()
        sheet.merged.sort()
        sheet.fill_merged()
        workbook.sheets.append(sheet)
    return workbook
