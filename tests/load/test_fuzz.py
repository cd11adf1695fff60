"""Fuzzing the readers: mutated workbooks and random CSVs never raise anything but our own errors.

Three kinds of mutation, each on every file type the tool reads:

* the file's bytes (flipped, cut, spliced, zeroed);
* the bytes of one XML part inside an .xlsx/.ods before it is zipped again,
  which reaches the XML parsers rather than only the zip CRC check;
* cell values: any text (control characters, NUL, combining marks, huge
  strings, error texts, formula-like text, personal-code-like tokens),
  numbers, booleans, formulas with and without a cached value.

The property: reading (``read_workbook``, ``load_catalogue``,
``read_organisations``) and validating either succeeds or raises an
:class:`~analyser.findings.AnalyserError`; nothing else escapes. And no valid
personal identity code survives into what was read.

Runs are derandomised so CI is stable; set ``ANALYSER_FUZZ_EXAMPLES`` to a
larger number (and ``ANALYSER_FUZZ_RANDOM=1``) to search further locally.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_files as H
from analyser.findings import AnalyserError

EXAMPLES = int(os.environ.get("ANALYSER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("ANALYSER_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)


@contextlib.contextmanager
def _tmp():
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        yield Path(folder)


def _read_everything(table: Path, tasks: Path | None = None, organisations: Path | None = None) -> None:
    """Read and check like the CLI does; only AnalyserError may come out."""
    from analyser.planning.answers import validate_answer
    from analyser.load.catalogue import load_catalogue
    from analyser.load.files import read_workbook
    from analyser.load.organisations import read_organisations
    from analyser.model import build_graph
    from analyser.text.privacy import find_personal_codes

    try:
        workbook = read_workbook(table)
        for sheet in workbook.sheets:
            for cells in sheet.rows.values():
                for value in cells.values():
                    if isinstance(value, str):
                        assert not find_personal_codes(value), "a personal identity code got through"
        catalogue = load_catalogue(table, tasks, with_tasks=tasks is not None)
        validate_answer(catalogue)
        build_graph(catalogue)
        if organisations is not None:
            # the column-by-column reading of clean rows agrees with reading every row on its own
            assert read_organisations(organisations, catalogue) == read_organisations(organisations, catalogue,
                                                                                      fast=False)
    except AnalyserError:
        pass


# --------------------------------------------------------------------------- byte mutations

_BASES = {
    ".xlsx": lambda: H.xlsx_bytes([H.table_sheet(cells={"F1": "Huom", "F2": H.Formula("1+1", 2)})]),
    ".xls": lambda: H.xls_bytes([("Osatoteutukset", H.BASE_TABLE)]),
    ".ods": lambda: H.ods_bytes(H.ods_content([("Osatoteutukset", H.BASE_TABLE)])),
    ".csv": lambda: H.csv_bytes(H.BASE_TABLE),
}
_BASE_BYTES: dict[str, bytes] = {}


def _base(suffix: str) -> bytes:
    if suffix not in _BASE_BYTES:
        _BASE_BYTES[suffix] = _BASES[suffix]()
    return _BASE_BYTES[suffix]


_mutation = st.tuples(
    st.sampled_from(["flip", "zero", "cut", "insert", "splice", "duplicate"]),
    st.floats(0, 1, allow_nan=False),
    st.integers(0, 255),
    st.integers(1, 64),
)


def _mutate(data: bytes, mutations) -> bytes:
    buf = bytearray(data)
    for kind, where, byte, length in mutations:
        if not buf:
            break
        at = min(int(where * len(buf)), len(buf) - 1)
        if kind == "flip":
            buf[at] ^= byte or 1
        elif kind == "zero":
            buf[at:at + length] = bytes(len(buf[at:at + length]))
        elif kind == "cut":
            del buf[at:]
        elif kind == "insert":
            buf[at:at] = bytes([byte]) * length
        elif kind == "splice":
            del buf[at:at + length]
        elif kind == "duplicate":
            buf[at:at] = buf[at:at + length]
    return bytes(buf)


@FUZZ
@given(suffix=st.sampled_from(sorted(_BASES)), mutations=st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_file_bytes(suffix, mutations):
    with _tmp() as folder:
        path = folder / f"taulukko{suffix}"
        path.write_bytes(_mutate(_base(suffix), mutations))
        _read_everything(path)


_XML_TARGETS = {
    ".xlsx": ("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"),
    ".ods": ("content.xml",),
}


@FUZZ
@given(suffix=st.sampled_from(sorted(_XML_TARGETS)), choice=st.integers(0, 3),
       mutations=st.lists(_mutation, min_size=1, max_size=3))
def test_mutated_xml_parts(suffix, choice, mutations):
    source = _base(suffix)
    targets = _XML_TARGETS[suffix]
    target = targets[choice % len(targets)]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == target:
                data = _mutate(data, mutations)
            new.writestr(info.filename, data)
    with _tmp() as folder:
        path = folder / f"taulukko{suffix}"
        path.write_bytes(out.getvalue())
        _read_everything(path)


# --------------------------------------------------------------------------- cell-value mutations

_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["#REF!", "#N/A", "Err:502", "=1+1", "+A1", "@x", "-", "X", "x", "kyllä", "osittain",
                     "(X)", "A, B ja C", "A;B", "\x00", "\t", "\r\n", " ", "A\u0308", "ä", "1.1.2027",
                     "31.2.2027", "viimeistään 3 viikkoa ennen käyttöönottoa", "Tietojärjestelmäprofiilit",
                     H.hetu("010190", "-", 123), H.hetu("010190", "-", 923), "010190-123A",
                     "Huom: " + H.hetu("150505", "B", 234)]),
    st.builds(lambda n: "x" * n, st.integers(30_000, 40_000)),
)
_value = st.one_of(
    _text,
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
_cell_changes = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6), _value), min_size=1, max_size=8)


def _changed(rows, changes) -> list[list]:
    out = [list(r) for r in rows]
    for r, c, value in changes:
        while len(out) <= r:
            out.append([""] * len(out[0]))
        for row in out:
            while len(row) <= c:
                row.append("")
        out[r][c] = value
    return out


def _plain(value):
    """What a CSV or .xls cell can hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return "nan"
    return value


@FUZZ
@given(fmt=st.sampled_from(["xlsx", "ods", "xls", "csv"]), changes=_cell_changes,
       formulas=st.lists(st.tuples(st.integers(1, 4), st.integers(0, 5), st.booleans()), max_size=2))
def test_mutated_cell_values(fmt, changes, formulas):
    rows = _changed(H.BASE_TABLE, changes)
    for r, c, cached in formulas:
        rows = _changed(rows, [(r, c, H.Formula("A1&B1", "Alfa" if cached else None))])
    with _tmp() as folder:
        if fmt == "xlsx":
            clean = [[v if not (isinstance(v, float) and (v != v or v in (float("inf"), float("-inf")))) else "inf"
                      for v in row] for row in rows]
            clean = [[_xml_safe(v) for v in row] for row in clean]
            path = H.write_xlsx(folder / "t.xlsx", [H.table_sheet(rows=clean)])
        elif fmt == "ods":
            clean = [[_xml_safe(_plain(v)) for v in row] for row in rows]
            path = folder / "t.ods"
            path.write_bytes(H.ods_bytes(H.ods_content([("Osatoteutukset", clean)])))
        elif fmt == "xls":
            clean = [[_xls_safe(v) for v in row] for row in rows]
            path = folder / "t.xls"
            path.write_bytes(H.xls_bytes([("Osatoteutukset", clean)]))
        else:
            clean = [[_plain(v.text if isinstance(v, H.Formula) else v) for v in row] for row in rows]
            path = H.write_csv(folder / "Osatoteutukset.csv", clean)
        tasks = H.write_csv(folder / "tehtavat.csv", H.BASE_TASKS)
        organisations = H.write_csv(folder / "organisaatiot.csv", H.BASE_ORGS)
        _read_everything(path, tasks, organisations)


def _xml_safe(value):
    """XML 1.0 cannot carry most control characters: a writer would escape them, we drop them."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\t\n\r" or (ord(ch) >= 32 and not 0xFFFE <= ord(ch) <= 0xFFFF
                                                              and not 0xD800 <= ord(ch) <= 0xDFFF))
    return value


def _xls_safe(value):
    value = _plain(value)
    if isinstance(value, H.Formula):
        return value.cached or ""
    if isinstance(value, str):
        return value[:32_000]
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "inf"
    return value


# --------------------------------------------------------------------------- random CSVs

_csv_text = st.lists(
    st.lists(st.one_of(_text, st.sampled_from(["Tunnus", "Nimi", "Edellyttää", "Nro", "Tehtävä", "Koskee",
                                               "Organisaatio", "Profiili", "Käytössä", "P1", "A", "B"])),
             min_size=0, max_size=6),
    min_size=0, max_size=8,
)


@FUZZ
@given(rows=_csv_text, sep=st.sampled_from([";", ",", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le"]),
       role=st.sampled_from(["table", "tasks", "organisations"]), raw=st.booleans())
def test_random_csv(rows, sep, encoding, role, raw):
    with _tmp() as folder:
        if raw:  # the rows joined as they are, quotes and all
            text = "\n".join(sep.join(r) for r in rows)
        else:
            text = H.csv_bytes(rows, sep=sep).decode("utf-8")
        data = text.encode(encoding, errors="replace")
        base_table = H.write_csv(folder / "Osatoteutukset.csv", H.BASE_TABLE)
        path = folder / {"table": "random.csv", "tasks": "tehtavat.csv", "organisations": "organisaatiot.csv"}[role]
        path.write_bytes(data)
        if role == "table":
            _read_everything(path)
        elif role == "tasks":
            _read_everything(base_table, path)
        else:
            _read_everything(base_table, None, path)
