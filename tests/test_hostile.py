"""The bad-input corpus: broken, hostile and odd files, each run through the real CLI.

Every case builds its file at test time (``hostile_files``), runs
``analyser report`` in-process on it (the other two inputs are small valid
CSV files) and checks the same things:

* the documented exit code (2 unreadable input or unwritable output, 1 error
  findings, 0 clean);
* standard error holds only finding lines or one ``analyser:`` line, never a
  traceback; an unreadable input gives exactly one line naming the file;
* the expected finding codes at their cells;
* no partial output: nothing in the output folder after exit 2, exactly the
  four report files otherwise, and no temporary file anywhere;
* nothing secret (a personal identity code, /etc/passwd) in any output;
* under 2 s and 500 MB (tracemalloc peak); the attacks under 50 MB.
"""

from __future__ import annotations

import io
import os
import re
import time
import tracemalloc
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import hostile_files as H
from analyser.cli import main
from analyser.load.grid import LIMITS

REPORT_FILES = ["organisaatiot.csv", "profiilit.csv", "raportti.xlsx", "tehtavat.csv"]
SECOND = 2.0
MB = 1024 * 1024
PERSON = H.hetu("010190", "-", 123)  # a valid code outside the test range
PERSON_2023 = H.hetu("150505", "B", 234)  # a 2023 century sign (2000s)
PERSON_Y = H.hetu("311299", "Y", 45)  # a 2023 century sign (1900s)
TEST_PERSON = H.hetu("010190", "-", 923)  # a test code: not personal data


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak: int

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def run_cli(argv: list[str]) -> Run:
    out, err = io.StringIO(), io.StringIO()
    started = tracemalloc.is_tracing()
    if started:
        tracemalloc.reset_peak()
    else:
        tracemalloc.start()
    t0 = time.perf_counter()
    try:
        code = main([str(a) for a in argv], stdout=out, stderr=err)
    finally:
        seconds = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
        if not started:
            tracemalloc.stop()
    return Run(code, out.getvalue(), err.getvalue(), seconds, peak)


# --------------------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], Path]  # writes the input into the folder, returns its path
    role: str = "table"  # table, tasks or organisations
    exit: int = 2
    codes: tuple = ()  # ("code", "cell") pairs; cell "" for any
    attack: bool = False
    secrets: tuple = ()  # text that must appear in no output
    absent: tuple = ()  # finding codes that must not appear
    setup: Callable | None = None  # setup(monkeypatch) before the run
    check: Callable | None = None  # check(run, out_dir) after it
    seconds: float = SECOND  # for the whole report; reading is always held to SECOND
    command: str = "report"  # or "validate": reads the table and the tasks, writes nothing
    diagrams: bool = False  # draw a status diagram per organisation too (named after the organisation)


def _bytes(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path
    return build


def _xlsx(sheets: Callable[[], list], name: str = "taulukko.xlsx", parts: Callable[[], dict] | None = None):
    return _bytes(name, lambda: H.xlsx_bytes(sheets(), parts() if parts else None))


def _table_xlsx(name: str = "taulukko.xlsx", **kw):
    return _xlsx(lambda: [H.table_sheet(**kw)], name)


def _csv(rows, name: str = "Osatoteutukset.csv", **kw):
    return _bytes(name, lambda: H.csv_bytes(rows() if callable(rows) else rows, **kw))


def _with(rows, row: int, col: int, value) -> list:
    out = [list(r) for r in rows]
    while len(out[row]) <= col:
        for r in out:
            r.append("")
    out[row][col] = value
    return out


def _folder(name: str, files: dict[str, bytes]):
    def build(folder: Path) -> Path:
        target = folder / name
        target.mkdir()
        for file, data in files.items():
            (target / file).write_bytes(data)
        return target
    return build


def _truncated(data: Callable[[], bytes], name: str):
    def half() -> bytes:
        whole = data()
        return whole[: len(whole) // 2]
    return _bytes(name, half)


def _base_xlsx() -> bytes:
    return H.xlsx_bytes([H.table_sheet()])


def _base_xls() -> bytes:
    return H.xls_bytes([("Osatoteutukset", H.BASE_TABLE)])


def _base_ods() -> bytes:
    return H.ods_bytes(H.ods_content([("Osatoteutukset", H.BASE_TABLE)]))


def _limit(name: str, value: int):
    def setup(monkeypatch):
        monkeypatch.setattr(LIMITS, name, value)
    return setup


def _xml_part(part: str, text: str) -> Callable[[], dict]:
    return lambda: {part: text.encode()}


LAUGHS_ROOT = "<r>&lol9;</r>"
# Texts of 33 000 characters shaped to find quadratic regular expressions and int() limits.
LONG = 33_000
LONG_TEXTS = {
    "word": "x" * LONG,
    "digits": "1" * LONG,
    "zeros-then-5": "0" * (LONG - 1) + "5",
    "phase-number": "9" * LONG + ". vaihe",
    "list": "a," * (LONG // 2),
    "brackets": "X(" * (LONG // 2),
    "service-word": "tiedon" * (LONG // 6),
    "timing-words": "viikkoa ennen " * (LONG // 14),
}
NOTE = "Huom"


def _no_formula_in_outputs(run: Run, out_dir: Path) -> None:
    for name in ("organisaatiot.csv", "tehtavat.csv", "profiilit.csv"):
        text = (out_dir / name).read_text(encoding="utf-8-sig")
        for field_text in re.split(r"[;\r\n]", text):
            assert not field_text.strip('"').startswith(("=", "+", "@")), field_text
    with zipfile.ZipFile(out_dir / "raportti.xlsx") as archive:
        for member in archive.namelist():
            assert b"<f>" not in archive.read(member)


def _value_read(text: str):
    def check(run: Run, out_dir: Path) -> None:
        assert text in (out_dir / "organisaatiot.csv").read_text(encoding="utf-8-sig") + run.out
    return check


CASES = [
    # -- not a workbook ----------------------------------------------------------------------
    Case("empty-csv", _bytes("Osatoteutukset.csv", b""), codes=(("empty-file", ""),)),
    Case("zero-byte-xlsx", _bytes("taulukko.xlsx", b""), codes=(("empty-file", ""),)),
    Case("whitespace-only-csv", _bytes("Osatoteutukset.csv", b" \r\n\t\r\n"), codes=(("empty-file", ""),)),
    Case("text-renamed-xlsx", _bytes("taulukko.xlsx", "Tunnus;Nimi\nA;Alfa\n".encode()),
         codes=(("not-a-workbook", ""),)),
    Case("html-renamed-xls", _bytes("taulukko.xls", b"<!DOCTYPE html><html><body>Kirjaudu</body></html>"),
         codes=(("not-a-workbook", ""),)),
    Case("binary-junk-xlsx", _bytes("taulukko.xlsx", bytes(range(256)) * 8), codes=(("not-a-workbook", ""),)),
    Case("zip-not-workbook", _bytes("taulukko.xlsx", lambda: H.zip_bytes({"readme.txt": b"hei"})),
         codes=(("not-a-workbook", ""),)),
    Case("encrypted-ooxml", _bytes("taulukko.xlsx", H.encrypted_ooxml_bytes), codes=(("encrypted-file", ""),)),
    Case("encrypted-xls", _bytes("taulukko.xls", H.encrypted_xls_bytes), codes=(("encrypted-file", ""),)),
    Case("xls-formatted-blanks", _bytes("taulukko.xls", lambda: H.xls_blanks_bytes(100, 30)),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("xls_stored_cells", 2000)),
    Case("encrypted-zip-member", _bytes("taulukko.xlsx", lambda: H.raw_zip([
        H.RawMember("xl/workbook.xml", b"\0" * 40, 0, 0, 40, 28, flags=1)])), codes=(("encrypted-file", ""),)),
    Case("truncated-xlsx", _truncated(_base_xlsx, "taulukko.xlsx"), codes=(("corrupt-file", ""),)),
    Case("truncated-xls", _truncated(_base_xls, "taulukko.xls"), codes=(("corrupt-file", ""),)),
    Case("truncated-ods", _truncated(_base_ods, "taulukko.ods"), codes=(("corrupt-file", ""),)),
    Case("xlsb", _bytes("taulukko.xlsb", lambda: H.zip_bytes({"xl/workbook.bin": b"\0" * 10})),
         codes=(("unsupported-file-type", ""),)),
    Case("missing-sheet-part", _xlsx(lambda: [H.table_sheet()],
                                     parts=lambda: {"xl/_rels/workbook.xml.rels": H.xlsx_parts([
                                         H.table_sheet()])["xl/_rels/workbook.xml.rels"].replace(
                                         b"sheet1.xml", b"sheet9.xml")}),
         codes=(("corrupt-file", ""),)),
    Case("malformed-sheet-xml", _xlsx(lambda: [H.table_sheet()],
                                      parts=lambda: {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}),
         codes=(("corrupt-file", ""),)),
    Case("unsupported-suffix", _bytes("taulukko.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
         codes=(("unsupported-file-type", ""),)),
    Case("missing-file", lambda folder: folder / "ei-ole.xlsx", codes=(("file-not-found", ""),)),
    Case("empty-folder", _folder("taulukot", {"lueminut.md": b"# ei csv"}), codes=(("empty-folder", ""),)),
    Case("ods-without-content", _bytes("taulukko.ods", lambda: H.zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "styles.xml": b"<x/>"})),
         codes=(("not-a-workbook", ""),)),
    Case("csv-undecodable", _bytes("Osatoteutukset.csv", H.csv_bytes(H.BASE_TABLE).replace(b"Alfa", b"Al\x81fa")),
         codes=(("csv-encoding", ""),)),
    Case("csv-dos-cp850", _csv(_with(H.BASE_TABLE, 1, 1, "Säätö"), encoding="cp850"),
         codes=(("csv-encoding", ""),)),
    Case("tasks-zero-byte-xlsx", _bytes("tehtavat.xlsx", b""), role="tasks", codes=(("empty-file", ""),)),
    Case("organisations-text-renamed", _bytes("organisaatiot.xlsx", b"Organisaatio;Profiili\n"),
         role="organisations", codes=(("not-a-workbook", ""),)),

    # -- attacks -----------------------------------------------------------------------------
    Case("billion-laughs-sheet", _xlsx(lambda: [H.table_sheet()],
                                       parts=lambda: {"xl/worksheets/sheet1.xml": H.laughs_sheet()}),
         codes=(("unsafe-xml", ""),), attack=True),
    Case("billion-laughs-workbook-xml", _xlsx(lambda: [H.table_sheet()], parts=_xml_part(
        "xl/workbook.xml", H.BILLION_LAUGHS + LAUGHS_ROOT)), codes=(("unsafe-xml", ""),), attack=True),
    Case("billion-laughs-styles", _xlsx(lambda: [H.table_sheet()], parts=_xml_part(
        "xl/styles.xml", H.BILLION_LAUGHS + LAUGHS_ROOT)), codes=(("unsafe-xml", ""),), attack=True),
    Case("xxe-shared-strings", _xlsx(lambda: [H.table_sheet()], parts=_xml_part(
        "xl/sharedStrings.xml", H.XXE + '<sst xmlns="' + H._NS + '"><si><t>&xxe;</t></si></sst>')),
         codes=(("unsafe-xml", ""),), attack=True, secrets=("root:x:0",)),
    Case("billion-laughs-ods", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", H.BASE_TABLE)], prolog=H.BILLION_LAUGHS))), codes=(("unsafe-xml", ""),), attack=True),
    Case("zip-bomb-2gib", _bytes("taulukko.xlsx", H.honest_zip_bomb), codes=(("zip-bomb", ""),), attack=True),
    Case("zip-bomb-lying-sizes", _bytes("taulukko.xlsx", H.lying_zip_bomb), codes=(("corrupt-file", ""),),
         attack=True),
    Case("zip-bzip2-member", _bytes("taulukko.xlsx", H.bzip2_member_zip), codes=(("unsafe-zip", ""),),
         attack=True),
    Case("zip-6000-members", _bytes("taulukko.xlsx", H.many_members_zip), codes=(("zip-bomb", ""),), attack=True),
    Case("merge-a1-xfd1048576", _xlsx(lambda: [H.table_sheet(), H.XSheet("Kansilehti", [["Otsikko"]],
                                                                         merges=("A1:XFD1048576",))]),
         exit=0, codes=(("merged-range-too-large", "A1"),), attack=True),
    Case("merge-whole-sheet-over-far-data", _xlsx(lambda: [H.table_sheet(), H.XSheet(
        "Kansilehti", [["Otsikko"]] + [[None, r] for r in range(2, 60)], cells={"XFD1048576": "loppu"},
        merges=("A1:XFD1048576",))]), exit=0, codes=(("merged-range-too-large", "A1"),), attack=True),
    Case("ods-span-whole-sheet", _bytes("taulukko.ods", H.ods_span_bomb), exit=0,
         codes=(("merged-range-too-large", "A1"),), attack=True),
    Case("dimension-million-rows", _table_xlsx(dimension="A1:XFD1048576"), exit=0, attack=True),
    Case("cell-at-xfd1048576", _xlsx(lambda: [H.table_sheet(), H.XSheet("Muistio", cells={"XFD1048576": "x"})]),
         exit=0, attack=True),
    Case("xls-cell-at-iv65536", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", H.BASE_TABLE)], far_cell=(65535, 255))), exit=0, attack=True),
    Case("ods-million-repeated-rows", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", H.BASE_TABLE)],
        row_xml='<table:table-row table:number-rows-repeated="1048570">'
                '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'))),
         exit=0, attack=True),
    Case("ods-repeated-content-over-limit", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", H.BASE_TABLE)],
        row_xml='<table:table-row table:number-rows-repeated="1048570">'
                '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
                "<text:p>x</text:p></table:table-cell></table:table-row>"))),
         codes=(("file-too-large", ""),), attack=True),
    Case("xlsx-cells-over-limit", _table_xlsx(cells={f"H{r}": r for r in range(1, 1200)}),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("cells", 1000)),
    Case("xlsx-shared-strings-over-limit", _xlsx(lambda: [H.table_sheet()], parts=_xml_part(
        "xl/sharedStrings.xml", f'<sst xmlns="{H._NS}">' + "<si><t>x</t></si>" * 1200 + "</sst>")),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("cells", 1000)),
    Case("xlsx-styles-bomb", _xlsx(lambda: [H.table_sheet()], parts=lambda: {"xl/styles.xml": (
        f'<styleSheet xmlns="{H._NS}"><cellXfs>' + "".join(
            f'<xf numFmtId="{i % 150}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for i in range(1200))
        + "</cellXfs></styleSheet>").encode()}),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("part_elements", 1000)),
    Case("csv-cells-over-limit", _csv([["Tunnus", "Nimi"]] + [[f"X{i}", "n"] for i in range(600)]),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("csv_cells", 1000)),
    Case("xls-cells-over-limit", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", [["Tunnus", "Nimi"]] + [[f"X{i}", "n"] for i in range(600)])])),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("cells", 1000)),
    Case("ods-cells-over-limit", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", [["Tunnus", "Nimi"]] + [[f"X{i}", "n"] for i in range(600)])]))),
         codes=(("file-too-large", ""),), attack=True, setup=_limit("cells", 1000)),

    Case("ods-space-bomb", _bytes("taulukko.ods", H.ods_space_bomb), exit=0, codes=(("long-cell", ""),),
         attack=True),
    *[Case(f"long-cells-everywhere-{name}", lambda folder, text=text: H.write_everywhere(folder, text), exit=1,
           codes=(("long-cell", ""),), attack=True, command="validate")
      for name, text in LONG_TEXTS.items()],
    # The whole report (matplotlib imported, the profile matrix and a diagram drawn) takes about 1.8 s on
    # its own; under tracemalloc, which this harness runs, it takes about twice that: a looser bound.
    Case("long-cells-everywhere-report", lambda folder: H.write_everywhere(folder, LONG_TEXTS["list"]), exit=1,
         codes=(("long-cell", ""),), attack=True, seconds=15.0),

    # -- content -----------------------------------------------------------------------------
    Case("formula-cached-value", _table_xlsx(cells={"B3": H.Formula('CONCAT("Be","eta")', "Beeta"),
                                                    "B2": H.Formula("1/0", "Alfa")}), exit=0,
         absent=("formula-without-value",)),
    Case("formula-without-value-xlsx", _table_xlsx(cells={"C3": H.Formula('"Potilas"&"tiedon arkisto"')}),
         exit=1, codes=(("formula-without-value", "C3"),)),
    Case("formula-without-value-ods", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", _with(H.BASE_TABLE, 2, 2, H.Formula("[.C2]")))]))),
         exit=1, codes=(("formula-without-value", "C3"),)),
    Case("error-values-xlsx", _table_xlsx(cells={"D3": H.Error("#REF!"), "E4": H.Error("#N/A")}),
         exit=1, codes=(("cell-error", "D3"), ("cell-error", "E4"))),
    Case("error-values-xls", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", _with(_with(H.BASE_TABLE, 2, 3, None), 3, 4, None))],
        errors={(2, 3): 0x17, (3, 4): 0x2A})),
         exit=1, codes=(("cell-error", "D3"), ("cell-error", "E4"))),
    Case("error-values-csv", _csv(_with(_with(H.BASE_TABLE, 2, 3, "#REF!"), 3, 4, "#N/A")),
         exit=1, codes=(("cell-error", "D3"), ("cell-error", "E4"))),
    Case("hidden-item-sheet", _xlsx(lambda: [H.table_sheet(hidden=True)]), exit=0,
         codes=(("hidden-sheet", ""),)),
    Case("hidden-rows-xlsx", _table_xlsx(hidden_rows=(3,)), exit=0, codes=(("hidden-row", "A3"),)),
    Case("hidden-rows-xls", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", H.BASE_TABLE)], hidden_rows=(2,))), exit=0, codes=(("hidden-row", "A3"),)),
    Case("hidden-rows-ods", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", H.BASE_TABLE)], hidden_rows=(3,)))), exit=0, codes=(("hidden-row", "A3"),)),
    Case("hidden-task-sheet", _xlsx(lambda: [H.XSheet("Käytön laajennus", H.BASE_TASKS, hidden=True)],
                                    "tehtavat.xlsx"), role="tasks", exit=0, codes=(("hidden-sheet", ""),)),
    Case("duplicate-headers", _csv([r + [r[1] if i else "Nimi"] for i, r in enumerate(H.BASE_TABLE)]),
         exit=0, codes=(("duplicate-column", "F1"),)),
    Case("duplicate-id-case", _csv(H.BASE_TABLE + [["c", "Gamma 2", "Potilastiedon arkisto", "", "X"]]),
         exit=1, codes=(("duplicate-id", "A5"),)),
    Case("duplicate-id-nfd", _csv(_with(_with(H.BASE_TABLE, 3, 0, "Ä"), 2, 0, unicodedata.normalize("NFD", "Ä"))
                                  ), exit=1, codes=(("duplicate-id", "A4"),)),
    Case("reference-case-space-nfd", _csv(_with(_with(H.BASE_TABLE, 2, 3, " a "), 3, 0, "Ä") + [
        ["D", "Delta", "Potilastiedon arkisto", unicodedata.normalize("NFD", "ä"), "X"]]),
         exit=0, codes=(("id-spelling", "D3"), ("id-spelling", "D5"))),
    Case("organisations-sheet-without-header", _csv([["0"], ["Org 1"]], name="organisaatiot.csv"),
         role="organisations", exit=1, codes=(("missing-column", ""),)),
    Case("organisation-id-spelling", _csv([["Organisaatio", "Profiili", "Käytössä"], ["Org 1", "p1", " a "]],
                                          name="organisaatiot.csv"),
         role="organisations", exit=0, codes=(("id-spelling", "C2"),)),
    Case("very-long-cell-csv", _csv(_with(H.BASE_TABLE, 1, 5, "x" * 100_000)), exit=0,
         codes=(("long-cell", "F2"),)),
    Case("very-long-cell-xlsx", _table_xlsx(cells={"F2": "y" * 40_000}), exit=0, codes=(("long-cell", "F2"),)),
    Case("nul-bytes-csv", _bytes("Osatoteutukset.csv", H.csv_bytes(H.BASE_TABLE).replace(b"Alfa", b"Al\0fa")),
         exit=0, codes=(("nul-bytes", ""),)),
    Case("nul-escape-xlsx", _table_xlsx(cells={"B2": "Al_x0000_fa"}), exit=0, codes=(("nul-bytes", "B2"),)),
    Case("csv-cp1252-finnish", _csv(H.BASE_TASKS + [[3, "Ilmoitus käyttöönottojaksolle €", "kaikki"]],
                                    name="tehtavat.csv", encoding="cp1252"),
         role="tasks", exit=0, codes=(("csv-encoding", ""),)),
    Case("csv-latin1-finnish", _csv([["Organisaatio", "Tietojärjestelmäprofiili", "Käytössä"],
                                     ["Hyvinvointialue Åäö", "P1", "A"]], name="organisaatiot.csv",
                                    encoding="latin-1"),
         role="organisations", exit=0, codes=(("csv-encoding", ""),), check=_value_read("Hyvinvointialue Åäö"),
         diagrams=True),
    Case("csv-utf16-no-bom", _csv([["Organisaatio", "Tietojärjestelmäprofiili", "Käytössä"],
                                   ["Sote Öljymäki", "P1", "A"]], name="organisaatiot.csv", encoding="utf-16-le"),
         role="organisations", exit=0, check=_value_read("Sote Öljymäki")),
    Case("csv-double-encoded-utf8", _bytes("organisaatiot.csv", lambda: H.csv_bytes(
        [["Organisaatio", "Tietojärjestelmäprofiili", "Käytössä"], ["Ääneseutu", "P1", "A"]])
        .decode("cp1252").encode("utf-8")),
         role="organisations", exit=0, codes=(("csv-encoding", ""),), check=_value_read("Ääneseutu")),
    Case("line-breaks-in-names", _csv([["Organisaatio", "Profiili", "Käytössä"],
                                       ["Rivi 1\nRivi 2\r\nRivi 3", "P\n9", "A\nB\u2028Q"]],
                                      name="organisaatiot.csv"),
         role="organisations", exit=1, codes=(("unknown-profile", "B2"), ("unknown-item", "C2")), diagrams=True),
    Case("formula-injection-text", _csv([["Organisaatio", "Profiili", "Käytössä"],
                                         ["=HYPERLINK(\"http://x.invalid\";\"klik\")", "P1", "A"],
                                         ["@SUM(1+1)*cmd|' /C calc'!A0", "P1", "A"]], name="organisaatiot.csv"),
         role="organisations", exit=0, check=_no_formula_in_outputs, diagrams=True),

    # -- privacy -----------------------------------------------------------------------------
    Case("personal-code-in-table-xlsx", _table_xlsx(cells={"F1": NOTE, "F3": f"testattu: {PERSON}"}), exit=1,
         codes=(("personal-data", "F3"),), secrets=(PERSON,)),
    Case("personal-code-as-organisation", _csv([["Organisaatio", "Profiili", "Käytössä"],
                                                [f"Yksityinen {PERSON}", "P1", "A"]], name="organisaatiot.csv"),
         role="organisations", exit=1, codes=(("personal-data", "A2"),), secrets=(PERSON,),
         check=_value_read("Yksityinen 010190-****"), diagrams=True),
    Case("personal-code-2023-signs", _csv([["Nro", "Tehtävä", "Kuvaus", "Koskee"],
                                           [1, "Koe", f"potilaat {PERSON_2023} ja {PERSON_Y.lower()}", "kaikki"]],
                                          name="tehtavat.csv"),
         role="tasks", exit=1, codes=(("personal-data", "C2"),), secrets=(PERSON_2023, PERSON_Y, PERSON_Y.lower())),
    Case("personal-code-in-sheet-name", _xlsx(lambda: [H.table_sheet(), H.XSheet(PERSON, [["x"]])]), exit=1,
         codes=(("personal-data", ""),), secrets=(PERSON,)),
    Case("personal-code-ods", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", _with(H.BASE_TABLE, 2, 5, PERSON))]))), exit=1,
         codes=(("personal-data", "F3"),), secrets=(PERSON,)),
    Case("personal-code-xls", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", _with(H.BASE_TABLE, 2, 5, PERSON))])), exit=1,
         codes=(("personal-data", "F3"),), secrets=(PERSON,)),
    Case("many-personal-codes", _csv(H.BASE_TABLE + [[f"Z{i}", H.hetu("020202", "A", 100 + i), "", "", ""]
                                                     for i in range(150)]),
         exit=1, codes=(("personal-data", "B5"), ("personal-data", "")),
         secrets=(H.hetu("020202", "A", 100), H.hetu("020202", "A", 249))),
    Case("test-range-code-kept", _table_xlsx(cells={"F1": NOTE, "F3": f"testihenkilö {TEST_PERSON}"}), exit=0,
         absent=("personal-data",)),
    Case("bad-check-character-kept", _table_xlsx(cells={"F1": NOTE, "F3": PERSON[:-1] + "A"}), exit=0,
         absent=("personal-data",)),
]


@pytest.fixture(autouse=True, scope="module")
def _imports_done():
    """Import the readers and matplotlib once, so a case's time and memory are its own."""
    import openpyxl  # noqa: F401
    import xlrd  # noqa: F401

    import analyser.plot  # noqa: F401
    yield


def _input_files(folder: Path) -> dict[str, Path]:
    return {
        "table": H.write_csv(folder / "Osatoteutukset.csv", H.BASE_TABLE),
        "tasks": H.write_csv(folder / "tehtavat.csv", H.BASE_TASKS),
        "organisations": H.write_csv(folder / "organisaatiot.csv", H.BASE_ORGS),
    }


def _argv(inputs: dict[str, Path], out: Path, *, diagrams: bool = False) -> list:
    return ["report", "--table", inputs["table"], "--tasks", inputs["tasks"],
            "--organisations", inputs["organisations"], "--out", out, "--today", "2027-01-04",
            "--diagrams", "all" if diagrams else "none"]


def _all_output_text(run: Run, out_dir: Path) -> str:
    """Everything the run wrote: its streams, every output file's name and content (zips opened)."""
    texts = [run.out, run.err]
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*")):
            texts.append(str(path.relative_to(out_dir)))
            if path.is_dir():
                continue
            data = path.read_bytes()
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    texts += [archive.read(m).decode("utf-8", "replace") for m in archive.namelist()]
            else:
                texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts)


def _check_stderr(case: Case, run: Run, target: Path) -> None:
    assert "Traceback" not in run.err + run.out
    assert all(line.strip() for line in run.lines), run.err
    for line in run.lines:
        assert re.search(r": (error|warning): .* \[[a-z0-9-]+\]$", line) or line.startswith("analyser: "), line
    if case.exit == 2:
        assert len(run.lines) == 1, run.err
        assert target.name in run.lines[0], run.lines[0]
    for code, cell in case.codes:
        hits = [line for line in run.lines if line.endswith(f"[{code}]") and (not cell or f"!{cell}: " in line)]
        assert hits, f"no {code} at {cell or 'any cell'} in:\n{run.err}"
    for code in case.absent:
        assert f"[{code}]" not in run.err, run.err
    if case.exit == 0:
        assert ": error: " not in run.err, run.err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus(case: Case, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    inputs = _input_files(folder)
    target = case.build(folder)
    inputs[case.role] = target
    out_dir = tmp_path / "out"
    if case.setup:
        case.setup(monkeypatch)

    if case.command == "validate":
        run = run_cli(["validate", "--table", inputs["table"], "--tasks", inputs["tasks"]])
    else:
        run = run_cli(_argv(inputs, out_dir, diagrams=case.diagrams))

    assert run.code == case.exit, f"exit {run.code}, expected {case.exit}:\n{run.err}"
    _check_stderr(case, run, target)
    if case.exit == 2 or case.command != "report":
        assert not out_dir.exists() or not any(out_dir.iterdir()), "partial output left behind"
    else:
        assert set(REPORT_FILES) <= set(os.listdir(out_dir)), sorted(os.listdir(out_dir))
    assert not list(tmp_path.rglob("*.tmp")), "temporary file left behind"
    if case.secrets:
        text = _all_output_text(run, out_dir)
        for secret in case.secrets:
            assert secret not in text
    if case.check:
        case.check(run, out_dir)
    assert run.seconds < case.seconds, f"{run.seconds:.2f} s"
    assert run.peak < (50 if case.attack else 500) * MB, f"{run.peak / MB:.0f} MB"
    if case.seconds > SECOND:  # the reading alone still keeps the 2 s bound
        reading = run_cli(["validate", "--table", inputs["table"], "--tasks", inputs["tasks"]])
        assert reading.seconds < SECOND and "Traceback" not in reading.err, f"{reading.seconds:.2f} s"


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


# --------------------------------------------------------------------------- outputs


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    return _input_files(folder)


def _previous_report(out_dir: Path) -> dict[str, bytes]:
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = {name: f"edellinen {name}".encode() for name in REPORT_FILES}
    for name, data in previous.items():
        (out_dir / name).write_bytes(data)
    return previous


def _one_line_exit_2(run: Run) -> None:
    assert run.code == 2, run.err
    assert len(run.lines) == 1 and "Traceback" not in run.err, run.err


def test_output_over_an_input_is_refused(inputs, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    organisations = out_dir / "organisaatiot.csv"
    organisations.write_bytes(inputs["organisations"].read_bytes())
    inputs["organisations"] = organisations
    before = organisations.read_bytes()
    run = run_cli(_argv(inputs, out_dir))
    _one_line_exit_2(run)
    assert "organisaatiot.csv" in run.err and "input" in run.err
    assert organisations.read_bytes() == before
    assert sorted(os.listdir(out_dir)) == ["organisaatiot.csv"]


def test_output_into_an_input_folder_is_refused(tmp_path):
    folder = tmp_path / "taulukko"
    folder.mkdir()
    H.write_csv(folder / "Osatoteutukset.csv", H.BASE_TABLE)
    inputs = _input_files(tmp_path)
    inputs["table"] = folder
    run = run_cli(_argv(inputs, folder / "raportti"))
    _one_line_exit_2(run)
    assert not (folder / "raportti").exists()


def test_unwritable_output_folder_gives_one_line(inputs, tmp_path):
    blocker = tmp_path / "tiedosto.txt"
    blocker.write_text("a file where a folder should be")
    run = run_cli(_argv(inputs, blocker / "raportti"))  # no one, not even root, can create this folder
    _one_line_exit_2(run)
    assert "raportti" in run.err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_output_folder_gives_one_line(inputs, tmp_path):
    out_dir = tmp_path / "lukittu"
    out_dir.mkdir()
    out_dir.chmod(0o500)
    try:
        run = run_cli(_argv(inputs, out_dir))
    finally:
        out_dir.chmod(0o700)
    _one_line_exit_2(run)
    assert not list(out_dir.iterdir())


def test_interrupted_write_keeps_the_previous_report(inputs, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    previous = _previous_report(out_dir)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    run = run_cli(_argv(inputs, out_dir))
    _one_line_exit_2(run)
    assert "No space left" in run.err
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == previous
    assert not list(tmp_path.rglob("*.tmp"))


def test_keyboard_interrupt_mid_write_leaves_no_temporary_file(inputs, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    previous = _previous_report(out_dir)

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    run = run_cli(_argv(inputs, out_dir))
    assert run.code == 130 and run.lines == ["analyser: interrupted"]
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == previous
    assert not list(tmp_path.rglob("*.tmp"))


def test_failed_rename_keeps_the_previous_report_whole(inputs, tmp_path, monkeypatch):
    """A failure after every file was written, at the renames, still leaves every previous file:
    those already renamed are put back."""
    out_dir = tmp_path / "out"
    previous = _previous_report(out_dir)
    real_replace = os.replace
    calls = {"n": 0}

    def fail_third(src, dst):
        if str(src).endswith(".tmp"):  # a new file going into place (putting an old one back is allowed)
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_third)
    run = run_cli(_argv(inputs, out_dir))
    _one_line_exit_2(run)
    assert calls["n"] == 3  # two files had been renamed into place when the third failed
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".tmp", ".previous"))]
    assert {name: (out_dir / name).read_bytes() for name in REPORT_FILES} == {name: previous[name]
                                                                               for name in REPORT_FILES}


def test_write_all_atomic_is_all_or_nothing_while_writing(tmp_path, monkeypatch):
    from analyser.findings import OutputError
    from analyser.output import write_all_atomic

    previous = _previous_report(tmp_path)
    real_fsync = os.fsync
    fsyncs = {"n": 0}

    def fail_third(fd):
        fsyncs["n"] += 1
        if fsyncs["n"] == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_third)
    with pytest.raises(OutputError, match="No space left"):
        write_all_atomic({tmp_path / name: b"uusi" for name in REPORT_FILES})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == previous
    monkeypatch.setattr(os, "fsync", real_fsync)
    write_all_atomic({tmp_path / name: b"uusi" for name in REPORT_FILES})
    assert all(p.read_bytes() == b"uusi" for p in tmp_path.iterdir())


# --------------------------------------------------------------------------- library-level checks


def test_formula_cached_value_is_used_not_the_formula(tmp_path):
    from analyser.load.files import read_workbook

    path = H.write_xlsx(tmp_path / "t.xlsx", [H.table_sheet(cells={"B3": H.Formula('CONCAT("X","Y")', "Beeta")})])
    sheet = read_workbook(path).sheets[0]
    assert sheet.get(2, 1) == "Beeta"


def test_lying_zip_never_inflates_past_its_declared_size(tmp_path):
    """zipfile stops a member at its declared size, so 200 MiB of zeros never reach memory."""
    path = tmp_path / "valehtelija.xlsx"
    path.write_bytes(H.lying_zip_bomb(200))
    tracemalloc.start()
    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as member:
            total = 0
            with pytest.raises(zipfile.BadZipFile, match="CRC"):
                while chunk := member.read(1 << 16):
                    total += len(chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total < 10_000 and peak < 5 * MB


def test_masked_code_reaches_json_and_csv_outputs_only_masked(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    inputs = _input_files(folder)
    inputs["table"] = H.write_csv(folder / "Osatoteutukset.csv", _with(H.BASE_TABLE, 2, 1, f"Beeta {PERSON}"))
    for fmt in ("json", "csv", "text"):
        out, err = io.StringIO(), io.StringIO()
        code = main(["next", "--table", str(inputs["table"]), "--tasks", str(inputs["tasks"]), "--profile", "P1",
                     "--deployed", "A", "--format", fmt], stdout=out, stderr=err)
        assert code == 1
        assert PERSON not in out.getvalue() + err.getvalue()
        assert "010190-****" in out.getvalue() + err.getvalue()


def test_personal_code_in_a_file_name_is_masked(tmp_path):
    import io as _io

    from analyser.cli import main as _main

    folder = tmp_path / "010190-123M"
    folder.mkdir()
    source = folder / "organisaatiot.csv"
    source.write_text("Organisaatio;Tietojärjestelmäprofiili;Käytössä\nOrg;SOS-V1;EI-OLE\n", encoding="utf-8")
    out, err = _io.StringIO(), _io.StringIO()
    code = _main(["report", "--organisations", str(source), "--out", str(tmp_path / "out"), "--today",
                  "2026-11-25"], stdout=out, stderr=err)
    assert code == 1 and "010190-123M" not in err.getvalue() and "010190-****" in err.getvalue()
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".svg"):
            assert "010190-123M" not in path.read_text(encoding="utf-8-sig")
    import zipfile as _zipfile

    with _zipfile.ZipFile(tmp_path / "out" / "raportti.xlsx") as archive:
        assert all(b"010190-123M" not in archive.read(n) for n in archive.namelist())
