"""Read legacy .xls workbooks (BIFF, Excel 97-2003) with xlrd."""

from __future__ import annotations

from pathlib import Path

from analyser.findings import ERROR, Finding, InputError
from analyser.load.grid import LIMITS, CellError, Sheet, Workbook

__all__ = ["read_xls"]


def _refuse(path: Path, message: str, code: str = "corrupt-file") -> InputError:
    return InputError(Finding(code, ERROR, str(path), "", "", message))


def _is_encrypted_ooxml(path: Path) -> bool:
    with path.open("rb") as handle:
        data = handle.read(1 << 20)
    return "EncryptedPackage".encode("utf-16-le") in data


def read_xls(path: Path) -> Workbook:
    """Read an .xls workbook into cell grids (dates as dates, errors as CellError)."""
    import xlrd
    from xlrd.biffh import error_text_from_code

    if _is_encrypted_ooxml(path):
        raise _refuse(path, "is password-protected (encrypted); save an unprotected copy", "encrypted-file")
    try:
        # ragged_rows: a single cell at IV65536 must not make xlrd pad 16 million empty cells
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, ragged_rows=True)
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "encrypt" in text.lower() or "password" in text.lower():
            raise _refuse(path, "is password-protected (encrypted); save an unprotected copy", "encrypted-file") from None
        raise _refuse(path, f"is not a readable .xls workbook ({text})") from None
    except MemoryError:
        raise _refuse(path, "is too large to read", "file-too-large") from None
    except Exception as exc:  # xlrd raises assorted errors on damaged files
        raise _refuse(path, f"is damaged and could not be read ({type(exc).__name__}: {exc})") from None

    workbook = Workbook(str(path))
    total = 0
    try:
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            sheet = Sheet(ws.name, file=str(path), hidden=ws.visibility != 0)
            for r in range(ws.nrows):
                if total + sheet.cells_set > LIMITS.cells:
                    raise _refuse(path, f"holds more than {LIMITS.cells} cells", "file-too-large")
                for c in range(ws.row_len(r)):
                    ctype = ws.cell_type(r, c)
                    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    value = ws.cell_value(r, c)
                    if ctype == xlrd.XL_CELL_DATE:
                        try:
                            value = xlrd.xldate_as_datetime(value, book.datemode)
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            value = CellError("#DATE!")
                    elif ctype == xlrd.XL_CELL_ERROR:
                        value = CellError(error_text_from_code.get(value, "#ERROR!"))
                    elif ctype == xlrd.XL_CELL_BOOLEAN:
                        value = bool(value)
                    sheet.set(r, c, value)
            total += sheet.cell_count()
            if total > LIMITS.cells:
                raise _refuse(path, f"holds more than {LIMITS.cells} cells", "file-too-large")
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
        raise _refuse(path, f"is damaged and could not be read ({type(exc).__name__}: {exc})") from None
    finally:
        book.release_resources()
    return workbook
