"""Open any supported input as a :class:`~analyser.load.grid.Workbook`.

The file type is decided from the content, not the name: a zip holding
``xl/workbook.xml`` is an Excel workbook, a zip holding an OpenDocument
spreadsheet is .ods, an OLE2 compound file is legacy .xls (or an encrypted
workbook), and a folder or .csv/.tsv/.txt file is CSV. Anything else is
refused with one clear line.
"""

from __future__ import annotations

import os
import zipfile
from struct import error as struct_error
from pathlib import Path

from analyser.findings import Finding, InputError, refuse
from analyser.load.grid import LIMITS, Workbook

__all__ = ["read_workbook", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")


def read_workbook(path: str | os.PathLike) -> Workbook:
    """Read a workbook file, a CSV file or a folder of CSV files into cell grids.

    Raises
    ------
    InputError
        When the input cannot be read at all; its finding says why.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "Osatoteutukset.csv").write_text("Tunnus;Nimi\\nA;Alpha\\n", encoding="utf-8")
    >>> wb = read_workbook(d / "Osatoteutukset.csv")
    >>> wb.sheets[0].name, wb.sheets[0].get(1, 1)
    ('Osatoteutukset', 'Alpha')
    """
    path = Path(path)
    try:
        workbook = _dispatch(path)
    except InputError as exc:
        raise InputError([_redacted(f) for f in exc.findings]) from None
    except RecursionError:
        raise refuse(path, "is nested too deeply to be read", "corrupt-file") from None
    except MemoryError:
        raise refuse(path, "is too large to read", "file-too-large") from None
    except OSError as exc:
        raise refuse(path, f"cannot be opened: {exc.strerror or exc}", "unreadable-file") from None
    except Exception as exc:  # a reader met something no one foresaw: still one clear line
        raise refuse(path, f"is damaged and could not be read ({type(exc).__name__}: {exc})",
                      "corrupt-file") from None
    for sheet in workbook.sheets:
        workbook.findings.extend(sheet.findings)
        workbook.findings.extend(sheet.note_summary())
    return workbook


def _redacted(finding: Finding) -> Finding:
    """The finding with any personal identity code in its message masked.

    Messages of a refused file may quote the file's content (an XML parser's
    error, say); what is printed must never carry personal data.
    """
    from dataclasses import replace

    from analyser.text.privacy import redact

    message = " ".join(finding.message.split())  # one line, whatever a library put in it
    if len(message) > 400:
        message = message[:397] + "..."
    message, _ = redact(message)
    return finding if message == finding.message else replace(finding, message=message)


def _dispatch(path: Path) -> Workbook:
    if path.is_dir():
        from analyser.load.csvfile import read_csv_folder

        return read_csv_folder(path)
    if not path.exists():
        raise refuse(path, "no such file or folder", "file-not-found")
    if not path.is_file():
        raise refuse(path, "not a regular file", "unreadable-file")
    try:
        size = path.stat().st_size
        if size == 0:
            raise refuse(path, "the file is empty (0 bytes)", "empty-file")
        if size > LIMITS.file_bytes:
            raise refuse(
                path,
                f"the file is {size} bytes, more than the limit of {LIMITS.file_bytes}",
                "file-too-large",
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise refuse(path, f"cannot be opened: {exc.strerror or exc}", "unreadable-file") from None

    suffix = path.suffix.lower()
    if head.startswith(_ZIP):
        return _read_zip(path)
    if head.startswith(_OLE2):
        from analyser.load.xls import read_xls

        return read_xls(path)
    if suffix in _TEXT_SUFFIXES:
        from analyser.load.csvfile import read_csv_file

        return read_csv_file(path)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        kind = "a text file" if _looks_like_text(path) else "not a spreadsheet"
        if _looks_like_html(path):
            kind = "an HTML page"
        raise refuse(path, f"is named {suffix} but is {kind}, not a workbook", "not-a-workbook")
    raise refuse(
        path,
        f"unsupported file type {suffix or '(none)'}; use .xlsx, .xlsm, .xls, .ods, .csv or a folder of .csv files",
        "unsupported-file-type",
    )


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    return b"\x00" not in sample


def _looks_like_html(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(1024).lstrip().lower()
    return sample.startswith((b"<!doctype html", b"<html", b"<?xml"))


def _read_zip(path: Path) -> Workbook:
    _check_central_directory(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            _check_zip_sizes(path, infos)
            mimetype = b""
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:200]
    except InputError:
        raise
    except zipfile.BadZipFile:
        raise refuse(path, "is a damaged or truncated zip file, not a readable workbook", "corrupt-file") from None
    except (OSError, EOFError, RuntimeError, ValueError) as exc:
        raise refuse(path, f"cannot be read: {exc}", "corrupt-file") from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise refuse(path, "is an .xlsb binary workbook; save it as .xlsx", "unsupported-file-type")
        from analyser.load.xlsx import read_xlsx

        return read_xlsx(path)
    if b"opendocument.spreadsheet" in mimetype or "content.xml" in names:
        from analyser.load.ods import read_ods

        return read_ods(path)
    raise refuse(path, "is a zip archive but not a workbook (.xlsx or .ods)", "not-a-workbook")


# The largest central-directory entry a workbook plausibly needs (46 bytes and a name).
_CD_ENTRY_BYTES = 46 + 256


def _check_central_directory(path: Path) -> None:
    """Refuse a zip whose table of contents alone would cost memory to read.

    zipfile builds an object for every entry of the central directory before
    anything else can be checked; a 64 MB file can list over a million
    entries. The end record says how large the directory is, so it is
    checked first.
    """
    try:
        with path.open("rb") as handle:
            end = zipfile._EndRecData(handle)  # the stdlib's own reader of the end record
    except (OSError, ValueError, struct_error):
        return  # zipfile itself will say what is wrong
    if not end:
        return
    entries, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if entries > LIMITS.zip_members or size > LIMITS.zip_members * _CD_ENTRY_BYTES:
        raise refuse(path, f"lists {entries} files in a {size}-byte table of contents, more than a workbook "
                            "ever needs", "zip-bomb")


# Office programs write members stored or deflated. zipfile bounds what it
# inflates by the declared size only for those two: bzip2 and LZMA chunks are
# decompressed whole, so one small chunk could expand to gigabytes.
_SAFE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _check_zip_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > LIMITS.zip_members:
        raise refuse(path, f"holds {len(infos)} files, more than a workbook ever needs", "zip-bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(path, f"member {info.filename} is encrypted; save an unprotected copy", "encrypted-file")
        if info.compress_type not in _SAFE_COMPRESSION:
            raise refuse(path, f"member {info.filename} uses compression method {info.compress_type}, which no "
                                "spreadsheet program writes; it was not read", "unsafe-zip")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1024 * 1024 and ratio > LIMITS.compression_ratio:
            raise refuse(
                path,
                f"member {info.filename} would expand {ratio:.0f}-fold to {info.file_size} bytes (zip bomb?)",
                "zip-bomb",
            )
    if total > LIMITS.uncompressed_bytes:
        raise refuse(
            path,
            f"would expand to {total} bytes, more than the limit of {LIMITS.uncompressed_bytes}",
            "zip-bomb",
        )
