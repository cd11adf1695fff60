"""Read CSV: one file is one sheet (named after the file), a folder is a workbook.

UTF-8 with or without BOM is read as is; a file that is not UTF-8 is decoded
as Windows-1252 (the Finnish Excel default, a superset of Latin-1) with a
warning, so Finnish letters come through and never turn into mojibake. The
separator (``;``, ``,`` or tab) is detected from the content.

In a folder every .csv, .tsv and .txt file is a sheet, save the lock files
spreadsheet programs leave beside an open file (``.~lock.*#``, ``~$*``). A
file among them that cannot be read (no permission, a broken or looping
link, a pipe) is refused like any input that cannot be read: it is never
skipped silently.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import stat
from pathlib import Path

from analyser.findings import WARNING, EncodingProblem, Finding, InputError, refuse
from analyser.load.grid import LIMITS, Sheet, Workbook, dangling, too_many, unreadable
from analyser.text.privacy import SCREEN

__all__ = ["read_csv_file", "read_csv_folder", "decode_text", "detect_delimiter", "is_lock_file"]

_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
csv.field_size_limit(max(csv.field_size_limit(), LIMITS.file_bytes))


# What UTF-8 Finnish letters look like after a wrong Windows-1252 decoding ("Ã¤" for "ä").
_DOUBLE_ENCODED = re.compile(
    "Ã[\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â‚¬"
)
# Letters of DOS (cp850/cp437) or Mac Roman text read as Windows-1252: ä å become „ † (cp850) and
# å Ä become Œ € (Mac Roman) right after a letter, and ö Ö become ” ™ (cp850) or … (Mac Roman)
# inside a word: places where Windows-1252 text never has those characters.
_FOREIGN_8BIT = re.compile(
    "[^\\W\\d_][\u201e\u2020\u0152\u20ac]|[^\\W\\d_][\u201d\u2122\u2026][^\\W\\d_]"
)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) * 4 < len(sample):
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    encoding = "utf-16-le" if odd > even * 4 else "utf-16-be" if even > odd * 4 else None
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes; return (text, encoding used).

    UTF-8 (with or without BOM) and UTF-16 are read as they are; text that is
    not UTF-8 is read as Windows-1252 (a superset of Latin-1, the Finnish
    Excel default). UTF-8 that was already double-encoded ("Ã¤") is repaired.
    Anything else would come out as mojibake, so it is refused with
    :class:`EncodingProblem`, whose ``key`` says why (``csv_bom``,
    ``csv_double_encoded``, ``csv_undecodable`` or ``csv_dos_mac``).

    Examples
    --------
    >>> decode_text("Tehtävä".encode("utf-8-sig"))
    ('Tehtävä', 'utf-8')
    >>> decode_text("Tehtävä".encode("cp1252"))
    ('Tehtävä', 'cp1252')
    >>> decode_text("Tehtävä".encode("utf-8").decode("cp1252").encode("utf-8"))
    ('Tehtävä', 'utf-8-double')
    >>> try:
    ...     decode_text(b"Al\\x81fa")
    ... except EncodingProblem as exc:
    ...     print(exc.key, exc.text("en"))
    csv_undecodable the file is neither UTF-8 nor Windows-1252/Latin-1 text (byte 0x81 at offset 2); save it as UTF-8 CSV
    """
    try:
        if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
            return data.decode("utf-32"), "utf-32"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError as exc:
        raise EncodingProblem("csv_bom", reason=exc.reason, start=exc.start) from None
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide, "utf-16"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if _DOUBLE_ENCODED.search(text):
            try:
                return text.encode("cp1252").decode("utf-8"), "utf-8-double"
            except UnicodeError:
                raise EncodingProblem("csv_double_encoded") from None
        return text, "utf-8"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise EncodingProblem("csv_undecodable", byte=f"0x{data[exc.start]:02x}", offset=exc.start) from None
    match = _FOREIGN_8BIT.search(text)
    if match:
        raise EncodingProblem("csv_dos_mac", sample=match.group(0))
    return text, "cp1252"


def detect_delimiter(text: str) -> str:
    """The separator most lines agree on: ``;``, ``,`` or tab.

    Examples
    --------
    >>> detect_delimiter("a;b;c\\n1;2,5;3\\n")
    ';'
    >>> detect_delimiter("a,b\\n1,2\\n")
    ','
    """
    first = itertools.islice(io.StringIO(text, newline=None), 50)  # not splitting a whole big file
    lines = [line.rstrip("\n") for line in first if line.strip()]
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


def read_csv_file(path: Path, *, sheet_name: str | None = None, role: str = "table") -> Workbook:
    """Read one CSV file as a workbook of one sheet (``role`` sets its limits, as in
    :func:`~analyser.load.files.read_workbook`).

    Examples
    --------
    >>> from analyser.load.shipped import ORGANISATIONS, shipped_path
    >>> wb = read_csv_file(shipped_path(ORGANISATIONS))
    >>> wb.sheet_names(), wb.sheets[0].get(0, 0), wb.findings
    (['esimerkkiorganisaatiot'], 'Organisaatio', [])
    """
    workbook = Workbook(str(path))
    workbook.sheets.append(_read_sheet(path, sheet_name or path.stem, workbook.findings, LIMITS.cells_for(role),
                                       role))
    return workbook


def is_lock_file(name: str) -> bool:
    """A file a spreadsheet program keeps beside a file it has open: never a sheet.

    Examples
    --------
    >>> is_lock_file(".~lock.Osatoteutukset.csv#"), is_lock_file("~$Osatoteutukset.csv"), is_lock_file("a.csv")
    (True, True, False)
    """
    return (name.startswith(".~lock.") and name.endswith("#")) or name.startswith("~$")


def read_csv_folder(folder: Path, *, role: str = "table") -> Workbook:
    """Read every .csv file in a folder as one sheet each, in name order.

    Lock files are left out; a file that cannot be read is refused, never skipped.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "b.csv").write_text("Tunnus;Nimi\\nA;Äes\\n", encoding="cp1252")
    >>> _ = (d / "a.csv").write_text("Tunnus,Nimi\\nB,Beta\\n", encoding="utf-8")
    >>> wb = read_csv_folder(d)
    >>> wb.sheet_names(), wb.sheets[1].row(1), [(f.code, f.severity) for f in wb.findings]
    (['a', 'b'], {0: 'A', 1: 'Äes'}, [('csv-encoding', 'warning')])
    """
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in _CSV_SUFFIXES and not is_lock_file(p.name)
                   and _is_file(p))
    if not files:
        raise refuse(folder, "empty-folder")
    workbook = Workbook(str(folder))
    budget = LIMITS.cells_for(role)
    for path in files:
        sheet = _read_sheet(path, path.stem, workbook.findings, budget, role)
        budget -= sheet.cells_set
        workbook.sheets.append(sheet)
    return workbook


def _is_file(path: Path) -> bool:
    """Whether a folder entry is a file to read as a sheet (a subfolder is not); refuse one that cannot be
    read: a broken or looping link, a pipe or a device (reading one would wait for ever)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise dangling(path) if path.is_symlink() else refuse(path, "file-not-found") from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    if stat.S_ISDIR(mode):
        return False
    if not stat.S_ISREG(mode):
        raise refuse(path, "unreadable-file", "not-a-file")
    return True


def _read_sheet(path: Path, name: str, findings: list[Finding], budget: int, role: str) -> Sheet:
    try:
        size = path.stat().st_size
        if size > LIMITS.file_bytes:
            raise refuse(path, "file-too-large", "bytes", size=size, limit=LIMITS.file_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not data.strip():
        raise refuse(path, "empty-file")
    try:
        text, encoding = decode_text(data)
    except EncodingProblem as exc:
        raise refuse(path, "csv-encoding", exc.key.removeprefix("csv_").replace("_", "-"), **exc.params) from None
    if encoding == "cp1252":
        findings.append(Finding.of("csv-encoding", str(path), name, severity=WARNING, variant="cp1252"))
    elif encoding == "utf-8-double":
        findings.append(Finding.of("csv-encoding", str(path), name, severity=WARNING, variant="repaired"))
    if "\x00" in text:
        findings.append(Finding.of("nul-bytes", str(path), name, variant="file"))
        text = text.replace("\x00", "")
    sheet = Sheet(name, file=str(path))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Nothing shaped like a personal identity code anywhere in the text: no cell can hold one.
    screened = SCREEN.search(text) is None
    try:
        for r, row in enumerate(reader):
            sheet.set_texts(r, row, screened=screened)
            if sheet.cells_set > budget:
                raise too_many(path, role)
    except csv.Error as exc:
        raise InputError(Finding.of("corrupt-file", str(path), name, variant="csv", detail=str(exc))) from None
    return sheet
