"""Open any supported input as a :class:`~analyser.load.grid.Workbook`.

The file type is decided from the content, not the name: a zip holding
``xl/workbook.xml`` is an Excel workbook, a zip holding an OpenDocument
spreadsheet is .ods, an OLE2 compound file is legacy .xls (or an encrypted
workbook), and a folder or .csv/.tsv/.txt file is CSV. Anything else is
refused with one clear line.

What a file may hold follows its role (``LIMITS.cells_for``): a dependency
table and a task workbook hold a few thousand cells, an organisations file
one row per organisation. Two sheets whose names are the same after
normalising are a ``duplicate-sheet`` error; the first is read.

``-`` is standard input: its type is told by its first bytes alike (a zip or
an OLE2 file, else CSV), and findings name the file ``-`` (a CSV's one sheet
has no name).
"""

from __future__ import annotations

import os
import sys
import zipfile
from struct import error as struct_error
from pathlib import Path

from analyser.findings import Finding, InputError, UsageError, refuse
from analyser.load.grid import LIMITS, ROLES, Workbook, dangling, unreadable

__all__ = ["read_workbook", "SUPPORTED_SUFFIXES", "STDIN"]

#: The path that stands for standard input.
STDIN = "-"

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")


def read_workbook(path: str | os.PathLike, role: str = "table") -> Workbook:
    """Read a workbook file, a CSV file or a folder of CSV files into cell grids.

    ``role`` ("table", "tasks" or "organisations") is the part the file plays:
    its limits follow it.

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
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    if os.fspath(path) == STDIN:
        return _read_stdin(role)
    path = Path(path)
    try:
        workbook = _dispatch(path, role)
    except InputError as exc:
        raise InputError([_redacted(f) for f in exc.findings]) from None
    except RecursionError:
        raise refuse(path, "corrupt-file", "too-deep") from None
    except MemoryError:
        raise refuse(path, "file-too-large", "memory") from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    except Exception as exc:  # a reader met something no one foresaw: still one clear line
        raise refuse(path, "corrupt-file", "damaged", detail=f"{type(exc).__name__}: {exc}") from None
    for sheet in workbook.sheets:
        workbook.findings.extend(sheet.findings)
        workbook.findings.extend(sheet.note_summary())
    _drop_duplicate_sheets(workbook)
    return workbook


def _read_stdin(role: str) -> Workbook:
    """Read standard input: a private copy read as a file, then everything that names the copy renamed ``-``.

    Examples
    --------
    >>> import io, sys
    >>> saved, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO("Tunnus;Nimi\\nA;Alpha\\n".encode()))
    >>> wb = read_workbook("-")
    >>> sys.stdin = saved
    >>> wb.path, [(s.file, s.name, s.get(1, 1)) for s in wb.sheets]
    ('-', [('-', '', 'Alpha')])
    """
    import shutil
    import tempfile

    stream = getattr(sys.stdin, "buffer", sys.stdin)
    if stream is None or stream.isatty():
        raise UsageError("stdin_terminal")
    data = stream.read(LIMITS.file_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data:
        raise refuse(STDIN, "empty-file")
    if len(data) > LIMITS.file_bytes:
        raise refuse(STDIN, "file-too-large", "bytes", size=len(data), limit=LIMITS.file_bytes)
    suffix = ".xlsx" if data.startswith(_ZIP) else ".xls" if data.startswith(_OLE2) else ".csv"
    folder = tempfile.mkdtemp(prefix="analyser-stdin-")
    copy = Path(folder) / f"stdin{suffix}"
    try:
        copy.write_bytes(data)
        try:
            workbook = read_workbook(copy, role)
        except InputError as exc:
            raise InputError([_as_stdin(f, copy) for f in exc.findings]) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    workbook.path = STDIN
    for sheet in workbook.sheets:
        sheet.file = STDIN
        if suffix == ".csv":
            sheet.name = ""
        sheet.findings[:] = [_as_stdin(f, copy) for f in sheet.findings]
    workbook.findings[:] = [_as_stdin(f, copy) for f in workbook.findings]
    return workbook


def _as_stdin(finding: Finding, copy: Path) -> Finding:
    """The finding with the private copy of standard input named ``-`` (a CSV's sheet, named after it, unnamed)."""
    from dataclasses import replace

    def renamed(value: object) -> object:
        return value.replace(str(copy), STDIN) if isinstance(value, str) else value

    sheet = "" if copy.suffix == ".csv" and finding.sheet == copy.stem else finding.sheet
    return replace(finding, file=renamed(finding.file), sheet=sheet,
                   params=tuple((name, renamed(value)) for name, value in finding.params))


def _drop_duplicate_sheets(workbook: Workbook) -> None:
    """Keep the first of sheets whose names normalise alike; a ``duplicate-sheet`` error names both.

    Examples
    --------
    >>> from analyser.load.grid import Sheet
    >>> wb = Workbook("t.xlsx", [Sheet("Profiilit", file="t.xlsx"), Sheet(" PROFIILIT:", file="t.xlsx")])
    >>> _drop_duplicate_sheets(wb)
    >>> wb.sheet_names(), [(f.code, f.sheet, dict(f.params)["first"]) for f in wb.findings]
    (['Profiilit'], [('duplicate-sheet', ' PROFIILIT:', 'Profiilit')])
    """
    from analyser.text.vocabulary import normalise

    first: dict[str, object] = {}
    kept = []
    for sheet in workbook.sheets:
        earlier = first.setdefault(normalise(sheet.name), sheet)
        if earlier is sheet:
            kept.append(sheet)
        elif sheet.file != earlier.file:  # a CSV folder: one file per sheet
            workbook.findings.append(Finding.of("duplicate-sheet", sheet.file, sheet.name, variant="csv",
                                                duplicate=sheet.name, first=Path(earlier.file).name,
                                                name=Path(sheet.file).name))
        else:
            workbook.findings.append(Finding.of("duplicate-sheet", sheet.file, sheet.name, duplicate=sheet.name,
                                                first=earlier.name))
    workbook.sheets[:] = kept


def _redacted(finding: Finding) -> Finding:
    """The finding with any personal identity code in its params masked, each param one line.

    Params of a refused file may quote the file's content (an XML parser's
    error, say); what is printed must never carry personal data.
    """
    from dataclasses import replace

    from analyser.text.privacy import redact

    def one_line(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = " ".join(value.split())  # one line, whatever a library put in it
        return redact(text[:397] + "..." if len(text) > 400 else text)[0]

    params = tuple((name, one_line(value)) for name, value in finding.params)
    return finding if params == finding.params else replace(finding, params=params)


def _dispatch(path: Path, role: str) -> Workbook:
    if path.is_dir():
        from analyser.load.csvfile import read_csv_folder

        return read_csv_folder(path, role=role)
    if not path.exists():
        raise dangling(path) if path.is_symlink() else refuse(path, "file-not-found")
    if not path.is_file():
        raise refuse(path, "unreadable-file", "not-a-file")
    try:
        size = path.stat().st_size
        if size == 0:
            raise refuse(path, "empty-file")
        if size > LIMITS.file_bytes:
            raise refuse(path, "file-too-large", "bytes", size=size, limit=LIMITS.file_bytes)
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise unreadable(path, exc) from None

    suffix = path.suffix.lower()
    if head.startswith(_ZIP):
        return _read_zip(path, role)
    if head.startswith(_OLE2):
        from analyser.load.xls import read_xls

        return read_xls(path, role=role)
    if suffix in _TEXT_SUFFIXES:
        from analyser.load.csvfile import read_csv_file

        return read_csv_file(path, role=role)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        kind = "text-file" if _looks_like_text(path) else "other"
        if _looks_like_html(path):
            kind = "html"
        raise refuse(path, "not-a-workbook", kind, suffix=suffix)
    if not suffix:
        raise refuse(path, "unsupported-file-type", "no-suffix")
    raise refuse(path, "unsupported-file-type", suffix=suffix)


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    return b"\x00" not in sample


def _looks_like_html(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(1024).lstrip().lower()
    return sample.startswith((b"<!doctype html", b"<html", b"<?xml"))


def _read_zip(path: Path, role: str) -> Workbook:
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
        raise refuse(path, "corrupt-file", "zip") from None
    except (OSError, EOFError, RuntimeError, ValueError) as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=str(exc)) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise refuse(path, "unsupported-file-type", "xlsb")
        from analyser.load.xlsx import read_xlsx

        return read_xlsx(path, role=role)
    if b"opendocument.spreadsheet" in mimetype or "content.xml" in names:
        from analyser.load.ods import read_ods

        return read_ods(path, role=role)
    raise refuse(path, "not-a-workbook", "zip")


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
        raise refuse(path, "zip-bomb", "directory", entries=entries, size=size)


# Office programs write members stored or deflated. zipfile bounds what it
# inflates by the declared size only for those two: bzip2 and LZMA chunks are
# decompressed whole, so one small chunk could expand to gigabytes.
_SAFE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def _check_zip_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > LIMITS.zip_members:
        raise refuse(path, "zip-bomb", "members", n=len(infos))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(path, "encrypted-file", "member", member=info.filename)
        if info.compress_type not in _SAFE_COMPRESSION:
            raise refuse(path, "unsafe-zip", member=info.filename, method=info.compress_type)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 10 * 1024 * 1024 and ratio > LIMITS.compression_ratio:
            raise refuse(path, "zip-bomb", "ratio", member=info.filename, ratio=f"{ratio:.0f}", size=info.file_size)
    if total > LIMITS.uncompressed_bytes:
        raise refuse(path, "zip-bomb", "total", size=total, limit=LIMITS.uncompressed_bytes)
