"""Read legacy .xls workbooks (BIFF, Excel 97-2003) with xlrd."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from analyser.findings import InputError, refuse
from analyser.load.grid import LIMITS, ErrorValue, Sheet, Workbook, too_many

__all__ = ["read_xls"]


def _is_encrypted_ooxml(path: Path) -> bool:
    with path.open("rb") as handle:
        data = handle.read(1 << 20)
    return "EncryptedPackage".encode("utf-16-le") in data


# BIFF8 records that store cells: how many cells each holds (MULRK and MULBLANK hold a run).
_ONE_CELL = frozenset((0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E))
_MULRK, _MULBLANK = 0x00BD, 0x00BE


def _stored_cells(book) -> int:
    """How many cells the workbook stream stores, blank formatted cells included, counted from
    its record headers before any sheet is parsed (xlrd keeps every one of them in memory).

    Counting stops just past the limit; a stream of over ``LIMITS.xls_records`` records of any
    kind counts as over it. Returns 0 when xlrd does not expose the stream.
    """
    mem, base, size = getattr(book, "mem", None), getattr(book, "base", None), getattr(book, "stream_len", None)
    if mem is None or base is None or size is None:
        return 0
    try:
        view = memoryview(mem)  # bytes, or the file's mmap (released before xlrd closes it)
    except TypeError:
        return 0
    with view:
        return _count_cells(view, base, min(len(view), base + size))


def _count_cells(mem: memoryview, pos: int, end: int) -> int:
    unpack = struct.Struct("<HH").unpack_from
    cells = records = 0
    limit = LIMITS.xls_stored_cells
    while pos + 4 <= end:
        code, length = unpack(mem, pos)
        pos += 4 + length
        records += 1
        if code in _ONE_CELL:
            cells += 1
        elif code == _MULRK:
            cells += max(length - 6, 0) // 6
        elif code == _MULBLANK:
            cells += max(length - 6, 0) // 2
        if cells > limit or records > LIMITS.xls_records:
            return limit + 1
    return cells


def read_xls(path: Path, *, role: str = "table") -> Workbook:
    """Read an .xls workbook into cell grids (dates as dates, errors as ErrorValue); ``role`` sets its
    limits, as in :func:`~analyser.load.files.read_workbook`.

    Examples
    --------
    >>> import datetime, tempfile, xlwt
    >>> book = xlwt.Workbook(); ws = book.add_sheet("Jaksot"); ws.write(0, 0, "Alkaa")
    >>> ws.write(1, 0, datetime.date(2027, 3, 1), xlwt.easyxf(num_format_str="D.M.YYYY"))
    >>> p = Path(tempfile.mkdtemp()) / "jaksot.xls"; book.save(str(p))
    >>> wb = read_xls(p)
    >>> wb.sheet_names(), wb.sheets[0].row(0), wb.sheets[0].row(1)
    (['Jaksot'], {0: 'Alkaa'}, {0: datetime.date(2027, 3, 1)})
    """
    import xlrd
    from xlrd.biffh import error_text_from_code

    if _is_encrypted_ooxml(path):
        raise refuse(path, "encrypted-file")
    try:
        # ragged_rows: a single cell at IV65536 must not make xlrd pad 16 million empty cells
        # xlrd writes its own warnings to the real standard output, into a JSON answer: keep them
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, ragged_rows=True,
                                  logfile=io.StringIO(), verbosity=0)
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "encrypt" in text.lower() or "password" in text.lower():
            raise refuse(path, "encrypted-file") from None
        raise refuse(path, "corrupt-file", "not-xls", detail=text) from None
    except MemoryError:
        raise refuse(path, "file-too-large", "memory") from None
    except Exception as exc:  # xlrd raises assorted errors on damaged files
        raise refuse(path, "corrupt-file", "damaged", detail=f"{type(exc).__name__}: {exc}") from None

    stored = _stored_cells(book)
    if stored > LIMITS.xls_stored_cells:
        book.release_resources()
        raise refuse(path, "file-too-large", "stored-cells", limit=LIMITS.xls_stored_cells)
    workbook = Workbook(str(path))
    budget = LIMITS.cells_for(role)
    total = 0
    try:
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            sheet = Sheet(ws.name, file=str(path), hidden=ws.visibility != 0)
            for r in range(ws.nrows):
                if total + sheet.cells_set > budget:
                    raise too_many(path, role)
                for c in range(ws.row_len(r)):
                    ctype = ws.cell_type(r, c)
                    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    value = ws.cell_value(r, c)
                    if ctype == xlrd.XL_CELL_DATE:
                        try:
                            value = xlrd.xldate_as_datetime(value, book.datemode)
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            value = ErrorValue("#DATE!")
                    elif ctype == xlrd.XL_CELL_ERROR:
                        value = ErrorValue(error_text_from_code.get(value, "#ERROR!"))
                    elif ctype == xlrd.XL_CELL_BOOLEAN:
                        value = bool(value)
                    sheet.set(r, c, value)
            total += sheet.cells_set
            if total > budget:
                raise too_many(path, role)
            for rlo, rhi, clo, chi in ws.merged_cells:
                sheet.merged.append((rlo, clo, rhi - 1, chi - 1))
            sheet.merged.sort()
            for r, info in ws.rowinfo_map.items():
                if getattr(info, "hidden", 0):
                    sheet.hidden_rows.add(r)
            sheet.fill_merged()
            workbook.sheets.append(sheet)
            book.unload_sheet(index)
    except InputError:
        raise
    except Exception as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=f"{type(exc).__name__}: {exc}") from None
    finally:
        book.release_resources()
    return workbook
