"""Guarded XML for the .xlsx reader: expat with defusedxml's guards, and the workbook's small parts.

Every part the reader opens is streamed through expat with the guards of
defusedxml (no DTD, no entity declarations, no external references: a
"billion laughs" or XXE part is refused at its first line). Expat is driven
directly (defusedxml's own parsers are pure Python and ten times slower);
the handlers are the ones defusedxml installs.

This module reads the parts around the sheets: which sheets the workbook
has and where (``xl/workbook.xml`` and its relationships), which cell styles
are dates (``xl/styles.xml``, its elements counted against
``LIMITS.part_elements``) and the shared strings (counted against the cells
the file's role allows). The sheets themselves are streamed by
:mod:`analyser.load.xlsx`. No other part is ever parsed: drawings, comments
(notes) and macros are not read at all.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

__all__ = ["TooMany", "WorkbookParts", "guarded_parser", "feed", "local_name", "parse_ref", "count_elements",
           "workbook_parts", "date_styles", "shared_strings", "UNSAFE_XML"]

UNSAFE_XML = (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden)
_CHUNK = 1 << 16
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


class TooMany(Exception):
    """More of something than the limits allow: ``kind`` is what (``"cells"``, ``"rows"``,
    ``"shared-strings"`` or ``"xml-elements"`` of the ``part``)."""

    def __init__(self, kind: str, count: int, part: str = ""):
        self.kind = kind
        self.count = count
        self.part = part


def guarded_parser(*, namespaces: bool = False) -> expat.XMLParserType:
    """An expat parser that refuses DTDs, entity declarations and external references; with
    ``namespaces`` it names elements and attributes "uri}local".

    Examples
    --------
    >>> guarded_parser().Parse(b"<worksheet><c/></worksheet>", True)
    1
    >>> guarded_parser().Parse(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', True)
    Traceback (most recent call last):
        ...
    defusedxml.common.DTDForbidden: DTDForbidden(name='a', system_id=None, public_id=None)
    """
    parser = expat.ParserCreate(namespace_separator="}") if namespaces else expat.ParserCreate()

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


def feed(parser: expat.XMLParserType, stream) -> None:
    """Parse a whole stream in chunks.

    Examples
    --------
    >>> import io
    >>> parser, seen = guarded_parser(), []
    >>> parser.StartElementHandler = lambda name, attrs: seen.append(name)
    >>> feed(parser, io.BytesIO(b"<sst><si><t>Tunnus</t></si></sst>")); seen
    ['sst', 'si', 't']
    """
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def local_name(name: str) -> str:
    """An element or attribute name without its namespace prefix ("x:c" is "c").

    Examples
    --------
    >>> local_name("x:sheetData"), local_name("row")
    ('sheetData', 'row')
    """
    return name.rpartition(":")[2]


def count_elements(stream, budget: int, what: str) -> int:
    """Count a part's elements, refusing past ``budget``; a part that is not XML counts 0.

    Examples
    --------
    >>> import io
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
            raise TooMany("xml-elements", count, what)

    parser.StartElementHandler = start
    try:
        feed(parser, stream)
    except expat.ExpatError:
        if count == 0:
            return 0  # not XML (an image, a VBA project): no XML parser will expand anything in it
        raise
    return count


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
class WorkbookParts:
    """What ``xl/workbook.xml`` says: the worksheets in order as (name, part, hidden), and whether
    dates count from 1904 (old Mac Excel) rather than 1900."""

    sheets: list[tuple[str, str, bool]] = field(default_factory=list)
    date1904: bool = False


def _parse_part(archive: zipfile.ZipFile, part: str, start, end=None, chars=None) -> bool:
    """Stream one part through a guarded parser with the given handlers; False when it is missing."""
    try:
        stream = archive.open(part)
    except KeyError:
        return False
    parser = guarded_parser()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if chars is not None:
        parser.buffer_text = True
        parser.CharacterDataHandler = chars
    with stream:
        feed(parser, stream)
    return True


def workbook_parts(archive: zipfile.ZipFile) -> WorkbookParts:
    """The worksheets of ``xl/workbook.xml`` (chart sheets left out, as they hold no cells) and the date system.

    Examples
    --------
    >>> from analyser.load.shipped import TABLE, shipped_path
    >>> with zipfile.ZipFile(shipped_path(TABLE)) as z:
    ...     workbook_parts(z)
    WorkbookParts(sheets=[('Osatoteutukset', 'xl/worksheets/sheet1.xml', False), ('Profiilit', 'xl/worksheets/sheet2.xml', False)], date1904=False)
    """
    out = WorkbookParts()
    listed: list[tuple[str, str, bool]] = []
    rels: dict[str, tuple[str, str]] = {}

    def on_workbook(name, attrs):
        tag = local_name(name)
        if tag == "sheet":
            rid = next((v for k, v in attrs.items() if local_name(k) == "id" and k != "sheetId"), "")
            listed.append((attrs.get("name", ""), rid, attrs.get("state", "visible") != "visible"))
        elif tag == "workbookPr":
            out.date1904 = attrs.get("date1904", "").strip().lower() in ("1", "true")

    def on_rel(name, attrs):
        if local_name(name) == "Relationship" and attrs.get("TargetMode") != "External":
            rels[attrs.get("Id", "")] = (attrs.get("Target", ""), attrs.get("Type", ""))

    _parse_part(archive, "xl/workbook.xml", on_workbook)
    _parse_part(archive, "xl/_rels/workbook.xml.rels", on_rel)
    for name, rid, hidden in listed:
        target, kind = rels.get(rid, ("", ""))
        if not target or "chartsheet" in kind:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out.sheets.append((name, posixpath.normpath(target), hidden))
    return out


def date_styles(archive: zipfile.ZipFile, budget: int) -> tuple[set[int], set[int]]:
    """The cell styles (indices into ``cellXfs``) whose number format shows a date or time, and those of
    them that show a duration; the styles part may hold at most ``budget`` elements.

    Examples
    --------
    >>> from analyser.load.shipped import TASKS, shipped_path
    >>> with zipfile.ZipFile(shipped_path(TASKS)) as z:
    ...     dates, durations = date_styles(z, 1000)
    >>> bool(dates), durations
    (True, set())
    """
    custom: dict[int, str] = {}
    formats: list[int] = []
    depth = {"cellXfs": 0}
    count = 0

    def start(name, attrs):
        nonlocal count
        count += 1
        if count > budget:
            raise TooMany("xml-elements", count, "xl/styles.xml")
        tag = local_name(name)
        if tag == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "cellXfs":
            depth["cellXfs"] += 1
        elif tag == "xf" and depth["cellXfs"]:
            try:
                formats.append(int(attrs.get("numFmtId", "0") or 0))
            except ValueError:
                formats.append(0)

    def end(name):
        if local_name(name) == "cellXfs":
            depth["cellXfs"] -= 1

    if not _parse_part(archive, "xl/styles.xml", start, end) or not formats:
        return set(), set()
    from analyser.load.numfmt import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    dates, durations = set(), set()
    for index, number_format in enumerate(formats):
        code = custom.get(number_format, BUILTIN_FORMATS.get(number_format))
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations


def shared_strings(archive: zipfile.ZipFile, budget: int) -> list[str]:
    """The shared strings: each ``<si>``'s text runs joined, phonetic guides (``<rPh>``) left out;
    more than ``budget`` strings is :class:`TooMany`.

    Examples
    --------
    >>> import io
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("xl/sharedStrings.xml", '<sst><si><t>Tunnus</t></si><si><r><t>Osa</t></r>'
    ...                '<r><t>toteutus</t></r><rPh><t>x</t></rPh></si></sst>')
    >>> shared_strings(zipfile.ZipFile(buffer), 10)
    ['Tunnus', 'Osatoteutus']
    """
    strings: list[str] = []
    parts: list[str] = []
    state = {"t": False, "phonetic": 0}

    def start(name, attrs):
        tag = local_name(name)
        if tag == "t":
            state["t"] = not state["phonetic"]
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "si":
            parts.clear()

    def end(name):
        tag = local_name(name)
        if tag == "t":
            state["t"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si":
            strings.append("".join(parts))
            if len(strings) > budget:
                raise TooMany("shared-strings", len(strings))

    def chars(data):
        if state["t"]:
            parts.append(data)

    _parse_part(archive, "xl/sharedStrings.xml", start, end, chars)
    return strings
