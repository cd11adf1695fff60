"""Backends: logical sheets rendered as .xlsx / .xlsm (openpyxl), .xls (xlwt), .ods (odfpy)
or CSV, with fixed timestamps so the same spec gives the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ._cells import SheetModel, Value
from ._vocabulary import _FIXED_TIME


def _render(sheets: list[SheetModel], path: Path, fmt: str, *, csv_sep: str = ",",
            csv_bom: bool = True) -> None:
    if fmt in ("xlsx", "xlsm"):
        _write_openpyxl(sheets, path, macro=(fmt == "xlsm"))
    elif fmt == "xls":
        _write_xlwt(sheets, path)
    elif fmt == "ods":
        _write_ods(sheets, path)
    elif fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        for sm in sheets:
            _write_csv_sheet(sm, path / f"{sm.name}.csv", csv_sep, csv_bom)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _first_visible(sheets: list[SheetModel]) -> int:
    return next((i for i, sm in enumerate(sheets) if not sm.hidden), 0)


def _write_openpyxl(sheets: list[SheetModel], path: Path, macro: bool) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "workbook_factory"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    for sm in sheets:
        ws = wb.create_sheet(sm.name)
        for (r, c), v in sorted(sm.cells.items()):
            cell = ws.cell(row=r, column=c)
            cell.value = v
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(v, dt.date):
                cell.number_format = "d.m.yyyy"
        for r1, c1, r2, c2 in sm.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for (r, c), text in sorted(sm.comments.items()):
            from openpyxl.comments import Comment

            ws.cell(row=r, column=c).comment = Comment(text, "workbook_factory")
        if sm.hidden:
            ws.sheet_state = "hidden"
    wb.active = _first_visible(sheets)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    patches: dict[str, list[tuple[bytes, bytes]]] = {}
    if macro:
        patches["[Content_Types].xml"] = [(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")]
    _normalise_zip(path, patches)


def _normalise_zip(path: Path, patches: Mapping[str, list[tuple[bytes, bytes]]]) -> None:
    """Rewrite a zip with fixed timestamps (and fixed core-property dates)."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w") as z:
        for info, blob in entries:
            for old, new in patches.get(info.filename, ()):
                if old not in blob:
                    raise RuntimeError(f"{info.filename}: {old!r} not found")
                blob = blob.replace(old, new)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), blob)
            new_info = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            new_info.compress_type = info.compress_type
            new_info.external_attr = info.external_attr
            z.writestr(new_info, blob)


def _write_xlwt(sheets: list[SheetModel], path: Path) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="D.M.YYYY")
    plain = xlwt.easyxf("")
    for sm in sheets:
        if len(sm.name) > 31:
            raise ValueError(f"xls sheet names are at most 31 characters: {sm.name!r}")
        ws = wb.add_sheet(sm.name, cell_overwrite_ok=False)
        anchors = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sm.merges}
        for r1, c1, r2, c2 in sm.merges:
            v = sm.cells.get((r1, c1), "")
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, v,
                           date_style if isinstance(v, dt.date) else plain)
        for (r, c), v in sorted(sm.cells.items()):
            if (r, c) in anchors:
                continue
            ws.write(r - 1, c - 1, v, date_style if isinstance(v, dt.date) else plain)
        if sm.hidden:
            ws.visibility = 1
    active = _first_visible(sheets)
    wb.active_sheet = active
    if sheets:
        ws = wb.get_sheet(active)
        ws.selected = True
        ws.sheet_visible = True
        if active != 0:
            wb.get_sheet(0).selected = False
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


def _write_ods(sheets: list[SheetModel], path: Path) -> None:
    from odf import teletype
    from odf.dc import Creator
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="taHidden", family="table")
    hidden.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden)
    for sm in sheets:
        table = Table(name=sm.name, stylename=hidden) if sm.hidden else Table(name=sm.name)
        ncols = max(sm.max_col, 1)
        table.addElement(TableColumn(numbercolumnsrepeated=ncols))
        covered = set()
        spans = {}
        for r1, c1, r2, c2 in sm.merges:
            spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
            covered.discard((r1, c1))
        for r in range(1, sm.max_row + 1):
            tr = TableRow()
            for c in range(1, ncols + 1):
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                attrs = {}
                if (r, c) in spans:
                    attrs["numberrowsspanned"] = spans[(r, c)][0]
                    attrs["numbercolumnsspanned"] = spans[(r, c)][1]
                v = sm.cells.get((r, c))
                note = sm.comments.get((r, c))
                if v is None or v == "":
                    cell = TableCell(**attrs)
                    if note is not None:
                        cell.addElement(_annotation(note, Annotation, Creator, P))
                    tr.addElement(cell)
                    continue
                if isinstance(v, dt.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat(), **attrs)
                    cell.addElement(P(text=f"{v.day}.{v.month}.{v.year}"))
                elif isinstance(v, (int, float)):
                    cell = TableCell(valuetype="float", value=str(v), **attrs)
                    cell.addElement(P(text=str(v)))
                else:
                    cell = TableCell(valuetype="string", **attrs)
                    if note is not None:  # LibreOffice writes the annotation first, then the text
                        cell.addElement(_annotation(note, Annotation, Creator, P))
                    for line in v.split("\n"):
                        para = P()
                        teletype.addTextToElement(para, line)  # runs of spaces as text:s
                        cell.addElement(para)
                if note is not None and not isinstance(v, str):
                    cell.addElement(_annotation(note, Annotation, Creator, P))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    _normalise_zip(path, {})


def _annotation(text: str, Annotation, Creator, P):
    """An .ods cell comment (``office:annotation``) as LibreOffice writes it: author and paragraphs."""
    note = Annotation()
    note.addElement(Creator(text="workbook_factory"))
    for line in text.split("\n"):
        note.addElement(P(text=line))
    return note


def _csv_text(v: Value) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _write_csv_sheet(sm: SheetModel, path: Path, sep: str, bom: bool) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
        for r in range(1, sm.max_row + 1):
            w.writerow([_csv_text(sm.cells.get((r, c))) for c in range(1, sm.max_col + 1)])
