"""Generators of broken and hostile input files, built at test time (no binary blobs in git).

Everything here writes bytes by hand where the attack needs it: a minimal
.xlsx writer whose every XML part can be replaced (DTDs, formulas without a
cached value, absurd merges and dimensions, hidden rows and sheets, error
cells), a raw zip writer whose headers may lie, a cheap deflate stream of
gigabytes of zeros, a minimal .ods writer, .xls files through xlwt with a
record patched to FILEPASS, an OLE2 container holding an ``EncryptedPackage``
stream, and CSV bytes in any encoding.

The base tables are small and valid: ``BASE_TABLE`` (three items and one
profile "P1"), ``BASE_TASKS`` and ``BASE_ORGS`` read cleanly together.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

BASE_TABLE = [
    ["Tunnus", "Nimi", "Palvelu", "Edellyttää", "P1"],
    ["A", "Alfa", "Potilastiedon arkisto", "", "X"],
    ["B", "Beeta", "Potilastiedon arkisto", "A", "X"],
    ["C", "Gamma", "Potilastiedon arkisto", "B", "X"],
]
BASE_TASKS = [
    ["Nro", "Tehtävä", "Koskee"],
    [1, "Suunnittele laajennus", "kaikki"],
    [2, "Testaa", "kaikki"],
]
BASE_ORGS = [
    ["Organisaatio", "Profiili", "Käytössä"],
    ["Org 1", "P1", "A"],
]

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu(date: str, sign: str, individual: int) -> str:
    """A Finnish personal identity code with a correct check character (for tests only).

    >>> hetu("010190", "-", 123)
    '010190-123M'
    """
    return f"{date}{sign}{individual:03d}{_CHECK[int(date + f'{individual:03d}') % 31]}"


# --------------------------------------------------------------------------- CSV


def csv_bytes(rows, *, sep: str = ";", encoding: str = "utf-8") -> bytes:
    lines = []
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            if any(ch in text for ch in (sep, '"', "\n", "\r")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(sep.join(cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def write_csv(path: Path, rows, **kw) -> Path:
    path.write_bytes(csv_bytes(rows, **kw))
    return path


# --------------------------------------------------------------------------- xlsx


@dataclass(frozen=True)
class Formula:
    """A formula cell; ``cached`` is the value Excel saved, None for none."""

    text: str
    cached: object = None


@dataclass(frozen=True)
class Error:
    """An error cell such as ``#REF!``."""

    code: str


@dataclass(frozen=True)
class Commented:
    """A cell with a comment: ``value`` (None: an empty cell) and the comment's text, which is never content."""

    value: object
    comment: str


@dataclass
class XSheet:
    """One worksheet of :func:`xlsx_bytes`: rows of values from A1 unless ``cells`` places them."""

    name: str
    rows: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)  # "A1" -> value, in addition to rows
    hidden: bool = False
    hidden_rows: tuple = ()  # 1-based
    merges: tuple = ()  # "A1:B2"
    dimension: str | None = None
    prolog: str = ""  # put before the root element (e.g. a DTD)
    body_prefix: str = ""  # put first inside <worksheet>


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col_letters(col: int) -> str:
    """1-based column number to letters."""
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _split_ref(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits), col


def _cell_xml(ref: str, value) -> str:
    if isinstance(value, Commented):
        return _cell_xml(ref, value.value)
    if value is None:
        return ""
    if isinstance(value, Formula):
        cached = ""
        kind = ""
        if value.cached is not None:
            if isinstance(value.cached, str):
                kind, cached = ' t="str"', f"<v>{escape(value.cached)}</v>"
            else:
                cached = f"<v>{value.cached}</v>"
        return f'<c r="{ref}"{kind}><f>{escape(value.text)}</f>{cached}</c>'
    if isinstance(value, Error):
        return f'<c r="{ref}" t="e"><v>{escape(value.code)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(sheet: XSheet) -> bytes:
    cells: dict[tuple[int, int], object] = {}
    for r, row in enumerate(sheet.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                cells[(r, c)] = value
    for ref, value in sheet.cells.items():
        cells[_split_ref(ref)] = value
    rows: dict[int, list[tuple[int, object]]] = {}
    for (r, c), value in cells.items():
        rows.setdefault(r, []).append((c, value))
    for r in sheet.hidden_rows:
        rows.setdefault(r, [])
    parts = [f'{sheet.prolog}<worksheet xmlns="{_NS}" xmlns:r="{_R}">', sheet.body_prefix]
    if sheet.dimension:
        parts.append(f'<dimension ref="{sheet.dimension}"/>')
    parts.append("<sheetData>")
    for r in sorted(rows):
        rows[r] = [(c, v) for c, v in rows[r] if not (isinstance(v, Commented) and v.value is None)]
        hidden = ' hidden="1"' if r in sheet.hidden_rows else ""
        parts.append(f'<row r="{r}"{hidden}>')
        for c, value in sorted(rows[r], key=lambda cv: cv[0]):
            parts.append(_cell_xml(f"{col_letters(c)}{r}", value))
        parts.append("</row>")
    parts.append("</sheetData>")
    if sheet.merges:
        parts.append(f'<mergeCells count="{len(sheet.merges)}">')
        parts.extend(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
        parts.append("</mergeCells>")
    parts.append("</worksheet>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + "".join(parts)).encode("utf-8")


def xlsx_parts(sheets: list[XSheet]) -> dict[str, bytes]:
    """The parts of a minimal workbook, by name (change any before zipping)."""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>"
        ).encode(),
        "_rels/.rels": (
            head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            head + f'<workbook xmlns="{_NS}" xmlns:r="{_R}"><sheets>'
            + "".join(
                f'<sheet name={quoteattr(s.name)} sheetId="{i}" r:id="rId{i}"'
                f'{" state=" + quoteattr("hidden") if s.hidden else ""}/>'
                for i, s in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Relationships>"
        ).encode(),
    }
    for i, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(sheet)
        notes = _comments(sheet)
        if notes:  # the notes part, linked from the sheet as Excel links it
            parts[f"xl/comments{i}.xml"] = notes
            parts[f"xl/worksheets/_rels/sheet{i}.xml.rels"] = (
                head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                f'comments" Target="../comments{i}.xml"/></Relationships>').encode()
    return parts


def _comments(sheet: XSheet) -> bytes:
    """The notes part of a sheet whose cells hold :class:`Commented` values (b"" when none)."""
    notes = []
    for r, row in enumerate(sheet.rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, Commented):
                notes.append((f"{col_letters(c)}{r}", value.comment))
    notes += [(ref, v.comment) for ref, v in sheet.cells.items() if isinstance(v, Commented)]
    if not notes:
        return b""
    body = "".join(f'<comment ref="{ref}" authorId="0"><text><r><t xml:space="preserve">{escape(text)}</t></r>'
                   f"</text></comment>" for ref, text in notes)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="{_NS}"><authors>'
            f"<author>Kommentoija</author></authors><commentList>{body}</commentList></comments>").encode()


def zip_bytes(parts: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_bytes(sheets: list[XSheet], parts: dict[str, bytes] | None = None) -> bytes:
    """A workbook of the given sheets; ``parts`` replaces or adds parts by name."""
    all_parts = xlsx_parts(sheets)
    all_parts.update(parts or {})
    return zip_bytes(all_parts)


def write_xlsx(path: Path, sheets: list[XSheet], parts: dict[str, bytes] | None = None) -> Path:
    path.write_bytes(xlsx_bytes(sheets, parts))
    return path


def table_sheet(name: str = "Osatoteutukset", rows=None, **kw) -> XSheet:
    return XSheet(name, [list(r) for r in (rows or BASE_TABLE)], **kw)


# --------------------------------------------------------------------------- XML attacks

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + "]>\n"
)
# the root then uses &lol9; (10^9 "lol")

XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def laughs_sheet() -> bytes:
    sheet = sheet_xml(table_sheet())
    body = sheet.split(b"?>\n", 1)[1]
    body = body.replace(b"<t xml:space=\"preserve\">Alfa</t>", b"<t>&lol9;</t>")
    return BILLION_LAUGHS.encode() + body


# --------------------------------------------------------------------------- raw zips


@dataclass
class RawMember:
    name: str
    data: bytes  # as stored in the file (already compressed)
    method: int
    crc: int
    compress_size: int
    file_size: int  # what the headers claim
    flags: int = 0


def raw_zip(members: list[RawMember]) -> bytes:
    """A zip whose headers say exactly what the members claim, true or not."""
    out = io.BytesIO()
    central = io.BytesIO()
    for m in members:
        offset = out.tell()
        name = m.name.encode()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, m.flags, m.method, 0, 0x21,
                              m.crc, m.compress_size, m.file_size, len(name), 0))
        out.write(name)
        out.write(m.data)
        central.write(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, m.flags, m.method, 0, 0x21,
                                  m.crc, m.compress_size, m.file_size, len(name), 0, 0, 0, 0, 0, offset))
        central.write(name)
    cd_offset = out.tell()
    cd = central.getvalue()
    out.write(cd)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(cd), cd_offset, 0))
    return out.getvalue()


def deflate_zeros(mib: int) -> bytes:
    """A raw deflate stream of ``mib`` MiB of zero bytes, made in milliseconds.

    One MiB of zeros compressed with a full flush is byte-aligned and starts
    from an empty dictionary, so repeating it gives a valid stream.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b"\0" * (1 << 20)) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    return block * mib + tail


def honest_zip_bomb(gib: int = 2) -> bytes:
    """A small .xlsx whose sheet honestly declares it expands to ``gib`` GiB of zeros."""
    parts = xlsx_parts([table_sheet()])
    members = []
    for name, data in parts.items():
        if name == "xl/worksheets/sheet1.xml":
            stream = deflate_zeros(gib * 1024)
            members.append(RawMember(name, stream, 8, 0, len(stream), (gib << 30) - 1))
        else:
            stream = _raw_deflate(data)
            members.append(RawMember(name, stream, 8, zlib.crc32(data), len(stream), len(data)))
    return raw_zip(members)


def lying_zip_bomb(mib: int = 200) -> bytes:
    """A small .xlsx whose sheet claims 2 kB but inflates to ``mib`` MiB: the headers lie."""
    parts = xlsx_parts([table_sheet()])
    members = []
    for name, data in parts.items():
        if name == "xl/worksheets/sheet1.xml":
            stream = deflate_zeros(mib)
            members.append(RawMember(name, stream, 8, zlib.crc32(data), len(stream), len(data)))
        else:
            stream = _raw_deflate(data)
            members.append(RawMember(name, stream, 8, zlib.crc32(data), len(stream), len(data)))
    return raw_zip(members)


def bzip2_member_zip() -> bytes:
    """A workbook whose sheet is bzip2-compressed (inflated whole by zipfile, not bounded)."""
    import bz2

    parts = xlsx_parts([table_sheet()])
    members = []
    for name, data in parts.items():
        if name == "xl/worksheets/sheet1.xml":
            stream = bz2.compress(data)
            members.append(RawMember(name, stream, 12, zlib.crc32(data), len(stream), len(data)))
        else:
            stream = _raw_deflate(data)
            members.append(RawMember(name, stream, 8, zlib.crc32(data), len(stream), len(data)))
    return raw_zip(members)


def many_members_zip(n: int = 6000) -> bytes:
    parts = xlsx_parts([table_sheet()])
    for i in range(n):
        parts[f"xl/media/x{i}.bin"] = b""
    return zip_bytes(parts, method=zipfile.ZIP_STORED)


def _raw_deflate(data: bytes) -> bytes:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


# --------------------------------------------------------------------------- ods

_ODS_NS = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)


def ods_annotation(text: str) -> str:
    """An .ods cell comment as LibreOffice writes it: author, date and paragraphs."""
    return ("<office:annotation><dc:creator>Kommentoija</dc:creator><dc:date>2026-11-30T10:00:00</dc:date>"
            + "".join(f"<text:p>{escape(line)}</text:p>" for line in text.split("\n")) + "</office:annotation>")


def ods_cell(value) -> str:
    if isinstance(value, Commented):
        inner = ods_cell(value.value)
        note = ods_annotation(value.comment)
        if inner.endswith("/>"):  # an empty cell holding only the comment
            return inner[:-2] + ">" + note + "</table:table-cell>"
        head, _, rest = inner.partition(">")
        return head + ">" + note + rest  # the annotation first, as LibreOffice writes it
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
                f"<text:p>{'TOSI' if value else 'EPÄTOSI'}</text:p></table:table-cell>")
    if isinstance(value, Formula):
        if value.cached is None:
            return f'<table:table-cell table:formula="of:{escape(value.text)}"/>'
        return (f'<table:table-cell table:formula="of:{escape(value.text)}" office:value-type="string">'
                f"<text:p>{escape(str(value.cached))}</text:p></table:table-cell>")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_content(tables: list[tuple[str, list]], *, prolog: str = "", hidden_rows=(), row_xml: str = "") -> bytes:
    """content.xml of ``tables`` [(name, rows)]; ``hidden_rows`` (1-based) are collapsed in the first table."""
    parts = [prolog or '<?xml version="1.0" encoding="UTF-8"?>\n',
             f'<office:document-content {_ODS_NS} office:version="1.2"><office:body><office:spreadsheet>']
    for t, (name, rows) in enumerate(tables):
        parts.append(f"<table:table table:name={quoteattr(name)}>")
        for r, row in enumerate(rows, start=1):
            vis = ' table:visibility="collapsed"' if t == 0 and r in hidden_rows else ""
            parts.append(f"<table:table-row{vis}>" + "".join(ods_cell(v) for v in row) + "</table:table-row>")
        if t == 0:
            parts.append(row_xml)
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    return "".join(parts).encode("utf-8")


def ods_bytes(content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>").encode())
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --------------------------------------------------------------------------- xls / OLE2


def xls_bytes(sheets: list[tuple[str, list]], *, hidden_rows=(), errors: dict | None = None,
              far_cell: tuple[int, int] | None = None) -> bytes:
    """A BIFF8 workbook via xlwt. ``errors`` maps (row, col) 0-based to an error code such as 0x17 (#REF!)."""
    import xlwt

    book = xlwt.Workbook()
    for s, (name, rows) in enumerate(sheets):
        ws = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None and value != "":
                    ws.write(r, c, value)
        if s == 0:
            for r in hidden_rows:
                ws.row(r).hidden = True
            for (r, c), code in (errors or {}).items():
                ws.row(r).set_cell_error(c, code)
            if far_cell is not None:
                ws.write(far_cell[0], far_cell[1], "kaukana")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_blanks_bytes(rows: int, cols: int) -> bytes:
    """The base table, plus a block of ``rows`` x ``cols`` formatted blank cells beside it: xlrd keeps
    every one of them, so a file of a few megabytes can hold tens of millions."""
    import xlwt

    book = xlwt.Workbook()
    ws = book.add_sheet("Osatoteutukset")
    for r, row in enumerate(BASE_TABLE):
        for c, value in enumerate(row):
            if value is not None and value != "":
                ws.write(r, c, value)
    shaded = xlwt.easyxf("pattern: pattern solid, fore_colour yellow")
    for r in range(rows):
        for c in range(cols):
            ws.write(r, 20 + c, None, shaded)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_BOF_GLOBALS = b"\x09\x08\x10\x00\x00\x06\x05\x00"


def encrypted_xls_bytes() -> bytes:
    """A BIFF8 workbook whose first record after BOF is FILEPASS (what Excel writes when a password is set)."""
    data = bytearray(xls_bytes([("Osatoteutukset", BASE_TABLE)]))
    at = data.index(_BOF_GLOBALS) + 4 + 16
    assert data[at:at + 2] == b"\xe1\x00", "xlwt no longer starts with INTERFACEHDR"
    data[at:at + 2] = b"\x2f\x00"
    return bytes(data)


def encrypted_ooxml_bytes() -> bytes:
    """An OLE2 container with an ``EncryptedPackage`` stream: what a password-protected .xlsx is."""
    data = bytearray(xls_bytes([("S", [["x"]])]))
    old = "Workbook".encode("utf-16-le")
    at = data.index(old + b"\0\0")
    new = "EncryptedPackage".encode("utf-16-le") + b"\0\0"
    data[at:at + len(new)] = new
    data[at + 64:at + 66] = struct.pack("<H", len(new))
    return bytes(data)


def ods_span_bomb() -> bytes:
    """An .ods whose second sheet has a cell spanning every row and column, above data reaching far right."""
    base = ods_content([("Osatoteutukset", BASE_TABLE)]).decode()
    cover = (
        '<table:table table:name="Kansilehti">'
        '<table:table-row><table:table-cell table:number-columns-spanned="16384" '
        'table:number-rows-spanned="1048576" office:value-type="string"><text:p>Otsikko</text:p>'
        "</table:table-cell></table:table-row>"
        + "".join(f'<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="float" '
                  f'office:value="{r}"><text:p>{r}</text:p></table:table-cell></table:table-row>'
                  for r in range(2, 60))
        + '<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
        '<table:table-cell office:value-type="string"><text:p>loppu</text:p></table:table-cell>'
        "</table:table-row></table:table>"
    )
    return ods_bytes(base.replace("</office:spreadsheet>", cover + "</office:spreadsheet>").encode())


def write_everywhere(folder: Path, text: str) -> Path:
    """Put ``text`` into every cell of all three inputs (header names kept); return the table's path."""
    table = [BASE_TABLE[0] + ["Huom"]] + [[r[0], text, text, text, text, text] for r in BASE_TABLE[1:]]
    write_csv(folder / "Osatoteutukset.csv", [[text] * 6] + table + [[text] * 6])
    task_header = BASE_TASKS[0] + ["Kuvaus", "Vastuutaho", "Ajoitus", "Kesto", "Edeltävät tehtävät"]
    write_csv(folder / "tehtavat.csv", [task_header, [1] + [text] * 7, [text] * 8])
    org_header = BASE_ORGS[0] + ["Sertifioitu", "Tavoitepäivä", "Suunniteltu järjestys"]
    write_csv(folder / "organisaatiot.csv", [org_header, ["Org 1"] + [text] * 5, [text] * 6])
    return folder / "Osatoteutukset.csv"


def ods_space_bomb() -> bytes:
    """An .ods cell of a billion spaces (``text:s``), and one of many paragraphs of them."""
    many = "".join('<text:p><text:s text:c="30000"/></text:p>' for _ in range(2000))
    base = ods_content([("Osatoteutukset", BASE_TABLE[:1] + [row + [""] for row in BASE_TABLE[1:]])]).decode()
    bomb = ('<table:table-cell office:value-type="string"><text:p>a<text:s text:c="999999999"/>b'
            "</text:p></table:table-cell>"
            f'<table:table-cell office:value-type="string">{many}</table:table-cell>')
    return ods_bytes(base.replace("</table:table-row></table:table>", bomb + "</table:table-row></table:table>", 1)
                     .encode())


# --------------------------------------------------------------------------- big and wide files


def huge_line_csv(fields: int = 1_400_000, seed: int = 0) -> bytes:
    """One CSV line of ``fields`` fields (1.4 million make about 10 MB): short words, numbers, empty fields,
    blanks and invisible characters (a zero-width space, a stray byte-order mark), the header names among them."""
    import random

    rng = random.Random(seed)
    words = ["", "", "", " ", "\u200b", "\ufeff", "x", "Tunnus", "Nimi", "abc", "1", "X", "*", "()", "-", "ja"]
    out = [rng.choice(words) + (str(i) if rng.random() < 0.7 else "") for i in range(fields)]
    return (";".join(out) + "\r\n").encode("utf-8")


def item_rows(n: int) -> list[list]:
    """A dependency table of ``n`` items, each requiring the one before it every tenth row, one profile P1."""
    rows = [["Tunnus", "Nimi", "Palvelu", "Edellyttää", "P1"]]
    for k in range(n):
        rows.append([f"I{k}", f"Osatoteutus {k}", "Potilastiedon arkisto", f"I{k - 1}" if k % 10 else "", "X"])
    return rows


def organisation_rows(n: int, *, broken_every: int = 0, seed: int = 0) -> list[list]:
    """An organisations file of ``n`` rows over ``BASE_TABLE`` (profile P1, items A, B, C).

    With ``broken_every``, one row in that many has something to report, in turn: an unknown item, an
    unknown profile, a date that is no date, no name, an error value, an id written in lower case. The
    broken values repeat (typos recur), as in a real file.
    """
    import random

    rng = random.Random(seed)
    header = ["Organisaatio", "Profiili", "Käytössä", "Tavoitepäivä"]
    rows = [header]
    kinds = 0
    for k in range(n):
        deployed = ", ".join(rng.sample(["A", "B", "C"], rng.randint(0, 3)))
        row = [f"Organisaatio {k}", "P1", deployed, f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2027"]
        if broken_every and k % broken_every == 0:
            kind, kinds = kinds % 6, kinds + 1
            variant = rng.randrange(20)
            if kind == 0:
                row[2] = (deployed + ", " if deployed else "") + f"EI-OLE-{variant}"
            elif kind == 1:
                row[1] = f"P{variant + 2}"
            elif kind == 2:
                row[3] = f"ensi {variant}. viikolla"
            elif kind == 3:
                row[0] = ""
            elif kind == 4:
                row[2] = "#REF!"
            else:
                row[2] = "a, b"
        rows.append(row)
    return rows


def ods_rows_bytes(name: str, rows: list[list]) -> bytes:
    """An .ods of one sheet of ``rows``, written as LibreOffice would (one element per row)."""
    return ods_bytes(ods_content([(name, rows)]))


def xlsx_rows_bytes(name: str, rows: list[list]) -> bytes:
    """An .xlsx of one sheet of ``rows``, cells written inline."""
    return xlsx_bytes([XSheet(name, rows)])
