"""A cheap look through an .xlsx file before openpyxl is allowed to read it.

openpyxl builds an object for every cell, every merged cell and every shared
string it meets, so a small hostile file can make it allocate gigabytes. This
module streams every part of the zip through expat once, with the guards of
defusedxml (no DTD, no entity declarations, no external references: a
"billion laughs" or XXE part is refused at its first line), and measures
what openpyxl would build:

* cells and rows of each worksheet, and shared strings, against
  ``LIMITS.cells``;
* the elements of every other part (styles, drawings, comments ...)
  against ``LIMITS.part_elements``;
* the area of merged ranges (openpyxl makes an object for every cell a
  merge covers; ``A1:XFD1048576`` would be 17 billion) against
  ``LIMITS.merged_area``: the largest ranges are taken out of the copy handed
  to openpyxl and kept by the reader itself, which fills them only within
  the cells that exist;
* formulas that have no cached value (``<f>`` without ``<v>``): formulas
  are never evaluated, so such a cell is reported rather than read as blank.

The declared ``<dimension>`` is read but never used to allocate anything.
Expat is driven directly (defusedxml's own parsers are pure Python and ten
times slower); the handlers are the ones defusedxml installs.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from analyser.findings import refuse, a1
from analyser.load.grid import LIMITS

__all__ = ["SheetScan", "XlsxScan", "scan_xlsx", "guarded_parser", "check_prolog", "count_elements",
           "UNSAFE_XML"]

UNSAFE_XML = (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden)
_CHUNK = 1 << 16
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


class _Stop(Exception):
    """Raised by a handler to end a parse early (not an error)."""


class _TooMany(Exception):
    """More of something than the limits allow: ``kind`` is what (``"cells"``, ``"rows"``,
    ``"shared-strings"`` or ``"xml-elements"`` of the ``part``)."""

    def __init__(self, kind: str, count: int, part: str = ""):
        self.kind = kind
        self.count = count
        self.part = part


def guarded_parser() -> expat.XMLParserType:
    """An expat parser that refuses DTDs, entity declarations and external references.

    Examples
    --------
    >>> guarded_parser().Parse(b"<worksheet><c/></worksheet>", True)
    1
    >>> guarded_parser().Parse(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', True)
    Traceback (most recent call last):
        ...
    defusedxml.common.DTDForbidden: DTDForbidden(name='a', system_id=None, public_id=None)
    """
    parser = expat.ParserCreate()

    def forbid_dtd(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def forbid_entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

    def forbid_unparsed(name, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)

    def forbid_external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser.StartDoctypeDeclHandler = forbid_dtd
    parser.EntityDeclHandler = forbid_entity
    parser.UnparsedEntityDeclHandler = forbid_unparsed
    parser.ExternalEntityRefHandler = forbid_external
    return parser


def _feed(parser: expat.XMLParserType, stream) -> None:
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def count_elements(stream, budget: int, what: str) -> int:
    """Count a part's elements, refusing past ``budget``; a part that is not XML counts 0.

    Examples
    --------
    >>> count_elements(io.BytesIO(b"<styleSheet><font/><font/></styleSheet>"), 100, "xl/styles.xml")
    3
    >>> count_elements(io.BytesIO(b"PNG, not XML"), 100, "xl/media/image1.png")
    0
    >>> count_elements(io.BytesIO(b"<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a/>"), 100, "xl/styles.xml")
    Traceback (most recent call last):
        ...
    defusedxml.common.DTDForbidden: DTDForbidden(name='a', system_id='file:///etc/passwd', public_id=None)
    """
    parser = guarded_parser()
    count = 0

    def start(name, attrs):
        nonlocal count
        count += 1
        if count > budget:
            raise _TooMany("xml-elements", count, what)

    parser.StartElementHandler = start
    try:
        _feed(parser, stream)
    except expat.ExpatError:
        if count == 0:
            return 0  # not XML (an image, a VBA project): no XML parser will expand anything in it
        raise
    return count


def check_prolog(stream) -> None:
    """Parse a part up to its first element: raises on a DTD; ignores data that is not XML.

    Examples
    --------
    >>> check_prolog(io.BytesIO(b"<?xml version='1.0'?><worksheet><c/></worksheet>"))  # passes
    >>> check_prolog(io.BytesIO(b"PNG, not XML"))  # nothing an XML parser would expand
    >>> check_prolog(io.BytesIO(b"<!DOCTYPE lol [<!ENTITY lol 'lol'>]><a>&lol;</a>"))
    Traceback (most recent call last):
        ...
    defusedxml.common.DTDForbidden: DTDForbidden(name='lol', system_id=None, public_id=None)
    """
    parser = guarded_parser()

    def stop(name, attrs):
        raise _Stop

    parser.StartElementHandler = stop
    try:
        _feed(parser, stream)
    except _Stop:
        return
    except expat.ExpatError:
        return  # not XML (an image, a VBA project): no XML parser will expand anything in it


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def parse_ref(ref: str) -> tuple[int, int, int, int] | None:
    """0-based (min_row, min_col, max_row, max_col) of "A1" or "A1:B2"; None when malformed.

    Examples
    --------
    >>> parse_ref("B2:C5"), parse_ref("A1"), parse_ref("nonsense")
    ((1, 1, 4, 2), (0, 0, 0, 0), None)
    """
    parts = (ref or "").split(":")
    if not 1 <= len(parts) <= 2:
        return None
    cells = []
    for part in parts:
        match = _CELL_REF.match(part.strip())
        if not match:
            return None
        cells.append((int(match.group(2)) - 1, _col_number(match.group(1)) - 1))
    (r0, c0), (r1, c1) = cells[0], cells[-1]
    if min(r0, c0, r1, c1) < 0:
        return None
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


@dataclass
class SheetScan:
    """What one worksheet part holds, measured without building it."""

    name: str
    part: str
    cells: int = 0
    rows: int = 0
    dimension: str = ""
    no_value: list[str] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    merged_area: int = 0
    merges_taken_out: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class XlsxScan:
    """The result of :func:`scan_xlsx`: per-sheet facts and, when needed, a safer copy of the file."""

    sheets: dict[str, SheetScan] = field(default_factory=dict)
    shared_strings: int = 0
    patched: bytes | None = None

    def source(self, path: Path):
        """What to hand to openpyxl: the file, or the copy without oversized merges."""
        return io.BytesIO(self.patched) if self.patched is not None else path


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) of every sheet of workbook.xml, in order."""
    sheets: list[tuple[str, str]] = []
    rels: dict[str, str] = {}

    def on_sheet(name, attrs):
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id" and k != "sheetId"), "")
            sheets.append((attrs.get("name", ""), rid))

    def on_rel(name, attrs):
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            rels[attrs.get("Id", "")] = attrs.get("Target", "")

    for part, handler in (("xl/workbook.xml", on_sheet), ("xl/_rels/workbook.xml.rels", on_rel)):
        try:
            stream = archive.open(part)
        except KeyError:
            continue
        parser = guarded_parser()
        parser.StartElementHandler = handler
        with stream:
            _feed(parser, stream)
    out = []
    for name, rid in sheets:
        target = rels.get(rid)
        if not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out.append((name, posixpath.normpath(target)))
    return out


def _scan_sheet(archive: zipfile.ZipFile, scan: SheetScan, budget: int) -> None:
    parser = guarded_parser()
    state = {"row": 0, "col": 0, "ref": None, "f": False, "v": False}

    def start(name, attrs):
        tag = _local(name)
        if tag == "c":
            scan.cells += 1
            if scan.cells + scan.rows > budget:
                raise _TooMany("cells", scan.cells)
            ref = attrs.get("r")
            match = _CELL_REF.match(ref) if ref else None
            if match:
                state["col"] = _col_number(match.group(1))
                state["ref"] = (int(match.group(2)) - 1, state["col"] - 1)
            else:
                state["col"] += 1
                state["ref"] = (state["row"] - 1, state["col"] - 1)
            state["f"] = state["v"] = False
        elif tag == "f":
            state["f"] = True
        elif tag == "v":
            state["v"] = True
        elif tag == "row":
            scan.rows += 1
            if scan.cells + scan.rows > budget:
                raise _TooMany("rows", scan.rows)
            r = attrs.get("r", "")
            state["row"] = int(r) if r.isdigit() else state["row"] + 1
            state["col"] = 0
        elif tag == "mergeCell":
            rng = parse_ref(attrs.get("ref", ""))
            if rng is not None:
                scan.merges.append(rng)
                scan.merged_area += (rng[2] - rng[0] + 1) * (rng[3] - rng[1] + 1)
        elif tag == "dimension":
            scan.dimension = attrs.get("ref", "")

    def end(name):
        if _local(name) == "c" and state["f"] and not state["v"]:
            row, col = state["ref"]
            if row >= 0 and col >= 0 and len(scan.no_value) < LIMITS.notes_per_sheet:
                scan.no_value.append(a1(row, col))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    with archive.open(scan.part) as stream:
        _feed(parser, stream)


def _count_shared_strings(archive: zipfile.ZipFile, budget: int) -> int:
    count = 0

    def start(name, attrs):
        nonlocal count
        if _local(name) == "si":
            count += 1
            if count > budget:
                raise _TooMany("shared-strings", count)

    parser = guarded_parser()
    parser.StartElementHandler = start
    with archive.open("xl/sharedStrings.xml") as stream:
        _feed(parser, stream)
    return count


_MERGE_BLOCK = re.compile(rb"<(?:[\w.-]+:)?mergeCells\b[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?mergeCells\s*>)", re.S)


def _without_merges(archive: zipfile.ZipFile, parts: set[str]) -> bytes | None:
    """A copy of the workbook whose given sheet parts have no merged ranges; None if that fails."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename in parts:
                data = _MERGE_BLOCK.sub(b"", data)
                if re.search(rb"<(?:[\w.-]+:)?mergeCell\b", data):
                    return None
            out.writestr(info.filename, data)
    return buffer.getvalue()


def scan_xlsx(path: Path) -> XlsxScan:
    """Measure an .xlsx file; raise InputError when it is unsafe or too large for openpyxl.

    Examples
    --------
    >>> from analyser.load.shipped import TABLE, shipped_path
    >>> scan = scan_xlsx(shipped_path(TABLE))
    >>> list(scan.sheets), scan.sheets["Profiilit"].no_value, scan.patched is None
    (['Osatoteutukset', 'Profiilit'], [], True)
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "lol.xlsx"
    >>> with zipfile.ZipFile(p, "w") as z: z.writestr("xl/workbook.xml", '<!DOCTYPE x [<!ENTITY a "a">]><workbook/>')
    >>> scan_xlsx(p)
    Traceback (most recent call last):
        ...
    analyser.findings.InputError: ...lol.xlsx: virhe: tiedostossa on vaarallista XML:ää (DTD ...), eikä sitä luettu [unsafe-xml]
    """
    scan = XlsxScan()
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            parts = _sheet_parts(archive)
            counted_elsewhere = {part for _, part in parts} | {"xl/sharedStrings.xml"}
            for info in archive.infolist():
                if info.is_dir():
                    continue
                with archive.open(info) as stream:
                    if info.filename in counted_elsewhere:
                        check_prolog(stream)
                    else:  # styles, drawings, comments ...: openpyxl builds an object per element
                        count_elements(stream, LIMITS.part_elements, info.filename)
            budget = LIMITS.cells
            for name, part in parts:
                if part not in names:
                    raise refuse(path, "corrupt-file", "missing-part", part=part, sheet=name)
                sheet = SheetScan(name, part)
                _scan_sheet(archive, sheet, budget)
                budget -= sheet.cells + sheet.rows
                scan.sheets[name] = sheet
            if "xl/sharedStrings.xml" in names:
                scan.shared_strings = _count_shared_strings(archive, LIMITS.cells)
            area = sum(s.merged_area for s in scan.sheets.values())
            if area > LIMITS.merged_area:
                _take_out_merges(scan, area)
                patched = _without_merges(archive, {s.part for s in scan.sheets.values() if s.merges_taken_out})
                if patched is None:
                    raise refuse(path, "file-too-large", "merges", area=area, limit=LIMITS.merged_area)
                scan.patched = patched
    except UNSAFE_XML as exc:
        raise refuse(path, "unsafe-xml", "dtd", detail=type(exc).__name__) from None
    except _TooMany as exc:
        if exc.kind == "xml-elements":
            raise refuse(path, "file-too-large", exc.kind, limit=LIMITS.part_elements, part=exc.part) from None
        raise refuse(path, "file-too-large", exc.kind, limit=LIMITS.cells) from None
    except expat.ExpatError as exc:
        raise refuse(path, "corrupt-file", "xml", detail=expat.ErrorString(exc.code), line=exc.lineno) from None
    except zipfile.BadZipFile as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=str(exc)) from None
    except (OSError, EOFError, RuntimeError, ValueError, KeyError) as exc:
        raise refuse(path, "corrupt-file", "damaged", detail=f"{type(exc).__name__}: {exc}") from None
    return scan


def _take_out_merges(scan: XlsxScan, area: int) -> None:
    """Take whole sheets' merges out of openpyxl's hands, largest first, until the rest fit."""
    for sheet in sorted(scan.sheets.values(), key=lambda s: -s.merged_area):
        if area <= LIMITS.merged_area:
            break
        sheet.merges_taken_out = list(sheet.merges)
        area -= sheet.merged_area
