"""Read CSV: one file is one sheet (named after the file), a folder is a workbook.

UTF-8 with or without BOM is read as is; a file that is not UTF-8 is decoded
as Windows-1252 (the Finnish Excel default, a superset of Latin-1) with a
warning, so Finnish letters come through and never turn into mojibake. The
separator (``;``, ``,`` or tab) is detected from the content.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analyser.findings import ERROR, WARNING, Finding, InputError
from analyser.load.grid import LIMITS, Sheet, Workbook

__all__ = ["read_csv_file", "read_csv_folder", "decode_text", "detect_delimiter"]

_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
csv.field_size_limit(max(csv.field_size_limit(), LIMITS.file_bytes))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; return (text, encoding used).

    Examples
    --------
    >>> decode_text("Tehtävä".encode("utf-8-sig"))
    ('Tehtävä', 'utf-8')
    >>> decode_text("Tehtävä".encode("cp1252"))
    ('Tehtävä', 'cp1252')
    """
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(text: str) -> str:
    """The separator most lines agree on: ``;``, ``,`` or tab.

    Examples
    --------
    >>> detect_delimiter("a;b;c\\n1;2,5;3\\n")
    ';'
    >>> detect_delimiter("a,b\\n1,2\\n")
    ','
    """
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ";", (-1, -1)
    for delimiter in (";", ",", "\t"):
        counts = []
        try:
            for row in csv.reader(lines, delimiter=delimiter):
                counts.append(len(row))
        except csv.Error:
            continue
        multi = [n for n in counts if n > 1]
        if not multi:
            continue
        modal = max(set(multi), key=lambda n: (multi.count(n), n))
        score = (multi.count(modal), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_file(path: Path, *, sheet_name: str | None = None) -> Workbook:
    """Read one CSV file as a workbook of one sheet."""
    workbook = Workbook(str(path))
    workbook.sheets.append(_read_sheet(path, sheet_name or path.stem, workbook.findings))
    return workbook


def read_csv_folder(folder: Path) -> Workbook:
    """Read every .csv file in a folder as one sheet each, in name order."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _CSV_SUFFIXES)
    if not files:
        raise InputError(
            Finding("empty-folder", ERROR, str(folder), "", "", "the folder holds no .csv files")
        )
    workbook = Workbook(str(folder))
    for path in files:
        workbook.sheets.append(_read_sheet(path, path.stem, workbook.findings))
    return workbook


def _read_sheet(path: Path, name: str, findings: list[Finding]) -> Sheet:
    try:
        size = path.stat().st_size
        if size > LIMITS.file_bytes:
            raise InputError(Finding("file-too-large", ERROR, str(path), "", "",
                                     f"the file is {size} bytes, more than the limit of {LIMITS.file_bytes}"))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Finding("unreadable-file", ERROR, str(path), "", "",
                                 f"cannot be opened: {exc.strerror or exc}")) from None
    if not data.strip():
        raise InputError(Finding("empty-file", ERROR, str(path), "", "", "the file is empty"))
    text, encoding = decode_text(data)
    if encoding == "cp1252":
        findings.append(Finding("csv-encoding", WARNING, str(path), name, "",
                                "the file is not UTF-8; it was read as Windows-1252 (Latin-1)"))
    if "\x00" in text:
        findings.append(Finding("nul-bytes", WARNING, str(path), name, "",
                                "the file holds NUL bytes; they were removed"))
        text = text.replace("\x00", "")
    sheet = Sheet(name, file=str(path))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for r, row in enumerate(reader):
            for c, value in enumerate(row):
                if len(value) > LIMITS.cell_chars:
                    value = value[: LIMITS.cell_chars]
                sheet.set(r, c, value)
            if sheet.n_rows * max(sheet.n_cols, 1) > LIMITS.cells * 4 and sheet.cell_count() > LIMITS.cells:
                raise InputError(Finding("file-too-large", ERROR, str(path), "", "",
                                         f"holds more than {LIMITS.cells} cells"))
    except csv.Error as exc:
        raise InputError(Finding("corrupt-file", ERROR, str(path), name, "",
                                 f"is not valid CSV ({exc})")) from None
    return sheet
