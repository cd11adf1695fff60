"""Read .xlsx and .xlsm workbooks with openpyxl: cached values only, macros never run.

Before openpyxl sees the file, :func:`analyser.load.xmlscan.scan_xlsx`
streams every part through expat with defusedxml's guards and measures what
openpyxl would build (cells, shared strings, merged areas), so a hostile file
is refused, or defused, before it can cost memory.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

from analyser.findings import Finding, a1, refuse
from analyser.load.grid import LIMITS, ErrorValue, Sheet, Workbook

__all__ = ["read_xlsx"]


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Undo Excel's ``_xHHHH_`` escapes of control characters (openpyxl leaves them in).

    Examples
    --------
    >>> _unescape("a_x000D_b"), _unescape("_x005F_x0041_")
    ('a\\rb', '_x0041_')
    """
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def read_xlsx(path: Path) -> Workbook:
    """Read an Excel 2007+ workbook into cell grids.

    Formulas are never evaluated: the value Excel cached when the file was
    saved is used, and a formula without one is a ``formula-without-value``
    finding at its cell. XML is parsed through defusedxml (openpyxl picks it
    up) after the guarded pre-scan. Merged cells take the value of their
    first cell; hidden rows are kept and marked.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> book = openpyxl.Workbook(); ws = book.active; ws.title = "Tehtävät"
    >>> ws.append(["Nro", "Tehtävä", "Koskee"]); ws.append([1, "Suunnittelu", "kaikki"]); ws.append([2, "Testaus"])
    >>> ws.merge_cells("C2:C3"); ws.row_dimensions[3].hidden = True
    >>> p = Path(tempfile.mkdtemp()) / "t.xlsx"; book.save(p)
    >>> s = read_xlsx(p).sheets[0]
    >>> s.name, s.row(2), s.hidden_rows
    ('Tehtävät', {0: 2, 1: 'Testaus', 2: 'kaikki'}, {2})
    """
    from analyser.load.xmlscan import scan_xlsx

    scan = scan_xlsx(path)

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        DefusedXmlException = ValueError  # type: ignore[misc,assignment]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                scan.source(path), data_only=True, read_only=False, keep_vba=False, keep_links=False
            )
    except DefusedXmlException as exc:
        raise refuse(path, "unsafe-xml", detail=type(exc).__name__) from None
    except (InvalidFileException, zipfile.BadZipFile):
        raise refuse(path, "corrupt-file", "not-excel") from None
    except KeyError as exc:
        raise refuse(path, "corrupt-file", "excel-part", detail=str(exc)) from None
    except MemoryError:
        raise refuse(path, "file-too-large", "memory") from None
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise refuse(path, "corrupt-file", "damaged", detail=f"{type(exc).__name__}: {exc}") from None

    workbook = Workbook(str(path))
    total = 0
    for ws in book.worksheets:
        sheet = Sheet(ws.title, file=str(path), hidden=ws.sheet_state != "visible")
        for (row, col), cell in ws._cells.items():  # only cells that exist, never the declared dimension
            value = cell.value
            if value is None:
                continue
            if cell.data_type == "e":
                value = ErrorValue(str(value))
            elif isinstance(value, str) and "_x" in value:
                value = _unescape(value)
            sheet.set(row - 1, col - 1, value)
        total += sheet.cell_count()
        if total > LIMITS.cells:
            raise refuse(path, "file-too-large", "cells", limit=LIMITS.cells)
        for rng in ws.merged_cells.ranges:
            sheet.merged.append((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1))
        info = scan.sheets.get(ws.title)
        if info is not None:
            for cell_name in info.no_value:
                workbook.findings.append(Finding.of("formula-without-value", str(path), sheet.name, cell_name))
            if info.merges_taken_out:
                r0, c0, r1, c1 = max(info.merges_taken_out,
                                     key=lambda m: (m[2] - m[0] + 1) * (m[3] - m[1] + 1))
                workbook.findings.append(Finding.of(
                    "merged-range-too-large", str(path), sheet.name, a1(r0, c0), variant="sheet",
                    area=info.merged_area, range=f"{a1(r0, c0)}:{a1(r1, c1)}",
                ))
        sheet.merged = sorted(set(sheet.merged))
        for index, dim in ws.row_dimensions.items():
            if dim.hidden:
                sheet.hidden_rows.add(index - 1)
        sheet.fill_merged()
        workbook.sheets.append(sheet)
    book.close()
    return workbook
