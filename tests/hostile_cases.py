"""The hostile corpus: broken, hostile and odd inputs, how each is built and what its run must show.

Shared by ``tests/load/test_hostile.py``, which runs every case through the real CLI
and checks its exit code, findings, outputs and memory, and by
``benchmarks/bench_hostile.py``, which times every case beside a baseline
measured in the same run. A case's ``seconds`` is a speed target for the
benchmark only: no test compares wall-clock time.

Each case builds its input at run time (``hostile_files``) into a folder that
already holds three small valid CSV files (``input_files``); ``prepare`` does
both, and ``case_argv`` gives the command line the case runs (``read_run``
runs a case whose command is "read").

``speed_cases(scale)`` are the readers' speed cases at a given size: the
corpus holds them small, so every test runs them; the benchmark runs them
whole (``SPEED_CASES``): one 10 MB CSV line of 1.4 million fields, an .ods
of 20,000 rows (reading it was quadratic), an organisations file of 50,000
rows with broken rows, and organisations files of 200,000 rows in every
format that can hold them.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import hostile_files as H
from analyser.load.grid import LIMITS

REPORT_FILES = ["organisaatiot.csv", "profiilit.csv", "raportti.xlsx", "tehtavat.csv"]
SECOND = 2.0  # the benchmark's target for a run, and for reading alone
PERSON = H.hetu("010190", "-", 123)  # a valid code outside the test range
PERSON_2023 = H.hetu("150505", "B", 234)  # a 2023 century sign (2000s)
PERSON_Y = H.hetu("311299", "Y", 45)  # a 2023 century sign (1900s)
TEST_PERSON = H.hetu("010190", "-", 923)  # a test code: not personal data


@dataclass
class Run:
    """What one run of the CLI gave: exit code, standard output and error, peak traced memory (bytes)."""

    code: int
    out: str
    err: str
    peak: int = 0

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


@dataclass(frozen=True)
class Case:
    """One input of the corpus and what its run must show."""

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
    seconds: float = SECOND  # the benchmark's target for the whole run; reading alone is held to SECOND
    command: str = "report"  # "validate": reads the table and the tasks; "read": reads the role's file alone
    # (in-process, as the library does: the speed cases of readers), writing nothing
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


def with_cell(rows, row: int, col: int, value) -> list:
    """A copy of ``rows`` with ``value`` at (row, col), 0-based; rows are widened as needed."""
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


def _no_blank_names(run: Run, out_dir: Path) -> None:
    """No message names a column, a value or a sheet that shows nothing (blank or invisible text)."""
    def visible(text: str) -> bool:
        return any(ch.isprintable() and not ch.isspace() for ch in text)

    for quoted in re.findall(r"'([^']*)'", run.err):
        assert visible(quoted), repr(quoted)
    for listed in re.findall(r"(?:löydetyt sarakkeet|columns found): (.*) \[", run.err):
        assert all(visible(name) for name in listed.split(", ")), listed[:200]


def _rows_read(n: int):
    def check(run: Run, out_dir: Path) -> None:
        rows = (out_dir / "organisaatiot.csv").read_text(encoding="utf-8-sig").splitlines()
        assert len(rows) == n + 1, len(rows)
    return check


def _lock_files(folder: Path) -> Path:
    target = folder / "taulukko"
    target.mkdir()
    H.write_csv(target / "Osatoteutukset.csv", H.BASE_TABLE)
    (target / ".~lock.Osatoteutukset.csv#").write_text(",Planner,kone,30.11.2026 10:00,file:///x;", encoding="utf-8")
    (target / "~$Osatoteutukset.csv").write_bytes(b"\x08Planner" + bytes(range(256)))
    return target


def _link_in_folder(kind: str):
    def build(folder: Path) -> Path:
        import os

        target = folder / "taulukko"
        target.mkdir()
        H.write_csv(target / "Osatoteutukset.csv", H.BASE_TABLE)
        link = target / "Profiilit.csv"
        if kind == "broken":
            os.symlink(target / "poistettu.csv", link)
        elif kind == "loop":
            os.symlink(target / "Riippuvuudet.csv", link)
            os.symlink(link, target / "Riippuvuudet.csv")
        else:
            os.mkfifo(link)  # reading a pipe would wait for ever
        return target
    return build


def _openpyxl_uncalculated() -> bytes:
    """A table saved by openpyxl with a formula it never calculated: ``<v/>``, no value."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Osatoteutukset"
    for row in H.BASE_TABLE:
        sheet.append(row)
    sheet["C3"] = '="Potilastiedon "&"arkisto"'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


COMMENT = "KOMMENTTI: tarkista Kelalta"  # a comment's text: never a cell's content, so in no output
THREE_ROW_HEADER = [["Tunnus", "Nimi", "Palvelu", "Edellyttää", "Tietojärjestelmäprofiilit"],
                    ["", "", "", "", "Sosiaalihuolto"],
                    ["", "", "", "", "P1"]] + [list(r) for r in H.BASE_TABLE[1:]]
LEGEND = [[], ["Merkinnät:"], ["X = sallittu"], ["(X) = osittain sallittu"], ["tyhjä = ei sallittu"]]


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
    Case("csv-dos-cp850", _csv(with_cell(H.BASE_TABLE, 1, 1, "Säätö"), encoding="cp850"),
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
         codes=(("file-too-large", ""),), attack=True, setup=_limit("cells", 1000)),
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
    # The whole report (matplotlib imported, the profile matrix and a diagram drawn) took about 1.8 s on its
    # own, and about twice that under the tracemalloc the test runs: a looser target.
    Case("long-cells-everywhere-report", lambda folder: H.write_everywhere(folder, LONG_TEXTS["list"]), exit=1,
         codes=(("long-cell", ""),), attack=True, seconds=15.0),

    # -- content -----------------------------------------------------------------------------
    Case("formula-cached-value", _table_xlsx(cells={"B3": H.Formula('CONCAT("Be","eta")', "Beeta"),
                                                    "B2": H.Formula("1/0", "Alfa")}), exit=0,
         absent=("formula-without-value",)),
    Case("formula-without-value-xlsx", _table_xlsx(cells={"C3": H.Formula('"Potilas"&"tiedon arkisto"')}),
         exit=1, codes=(("formula-without-value", "C3"),)),
    Case("formula-without-value-ods", _bytes("taulukko.ods", lambda: H.ods_bytes(H.ods_content(
        [("Osatoteutukset", with_cell(H.BASE_TABLE, 2, 2, H.Formula("[.C2]")))]))),
         exit=1, codes=(("formula-without-value", "C3"),)),
    Case("error-values-xlsx", _table_xlsx(cells={"D3": H.Error("#REF!"), "E4": H.Error("#N/A")}),
         exit=1, codes=(("cell-error", "D3"), ("cell-error", "E4"))),
    Case("error-values-xls", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", with_cell(with_cell(H.BASE_TABLE, 2, 3, None), 3, 4, None))],
        errors={(2, 3): 0x17, (3, 4): 0x2A})),
         exit=1, codes=(("cell-error", "D3"), ("cell-error", "E4"))),
    Case("error-values-csv", _csv(with_cell(with_cell(H.BASE_TABLE, 2, 3, "#REF!"), 3, 4, "#N/A")),
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
    Case("duplicate-id-nfd", _csv(with_cell(with_cell(H.BASE_TABLE, 3, 0, "Ä"), 2, 0,
                                            unicodedata.normalize("NFD", "Ä"))),
         exit=1, codes=(("duplicate-id", "A4"),)),
    Case("reference-case-space-nfd", _csv(with_cell(with_cell(H.BASE_TABLE, 2, 3, " a "), 3, 0, "Ä") + [
        ["D", "Delta", "Potilastiedon arkisto", unicodedata.normalize("NFD", "ä"), "X"]]),
         exit=0, codes=(("id-spelling", "D3"), ("id-spelling", "D5"))),
    Case("organisations-sheet-without-header", _csv([["0"], ["Org 1"]], name="organisaatiot.csv"),
         role="organisations", exit=1, codes=(("missing-column", ""),)),
    Case("organisation-id-spelling", _csv([["Organisaatio", "Profiili", "Käytössä"], ["Org 1", "p1", " a "]],
                                          name="organisaatiot.csv"),
         role="organisations", exit=0, codes=(("id-spelling", "C2"),)),
    Case("very-long-cell-csv", _csv(with_cell(H.BASE_TABLE, 1, 5, "x" * 100_000)), exit=0,
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
        [("Osatoteutukset", with_cell(H.BASE_TABLE, 2, 5, PERSON))]))), exit=1,
         codes=(("personal-data", "F3"),), secrets=(PERSON,)),
    Case("personal-code-xls", _bytes("taulukko.xls", lambda: H.xls_bytes(
        [("Osatoteutukset", with_cell(H.BASE_TABLE, 2, 5, PERSON))])), exit=1,
         codes=(("personal-data", "F3"),), secrets=(PERSON,)),
    Case("many-personal-codes", _csv(H.BASE_TABLE + [[f"Z{i}", H.hetu("020202", "A", 100 + i), "", "", ""]
                                                     for i in range(150)]),
         exit=1, codes=(("personal-data", "B5"), ("personal-data", "")),
         secrets=(H.hetu("020202", "A", 100), H.hetu("020202", "A", 249))),
    Case("test-range-code-kept", _table_xlsx(cells={"F1": NOTE, "F3": f"testihenkilö {TEST_PERSON}"}), exit=0,
         absent=("personal-data",)),
    Case("bad-check-character-kept", _table_xlsx(cells={"F1": NOTE, "F3": PERSON[:-1] + "A"}), exit=0,
         absent=("personal-data",)),

    # -- readers that generalise (issue 14) -------------------------------------------------------
    Case("ods-cell-comments", _bytes("taulukko.ods", lambda: H.ods_rows_bytes("Osatoteutukset", with_cell(with_cell(
        H.BASE_TABLE, 1, 1, H.Commented("Alfa", COMMENT)), 3, 5, H.Commented(None, COMMENT)))),
         exit=0, secrets=(COMMENT, "Kommentoija")),
    Case("xlsx-cell-notes", _xlsx(lambda: [H.table_sheet(rows=with_cell(with_cell(
        H.BASE_TABLE, 1, 1, H.Commented("Alfa", COMMENT)), 3, 5, H.Commented(None, COMMENT)))]),
         exit=0, secrets=(COMMENT, "Kommentoija")),
    Case("unknown-marks", _folder("taulukko", {
        "Osatoteutukset.csv": H.csv_bytes(with_cell(with_cell(with_cell(H.BASE_TABLE, 1, 4, "joo"), 2, 4, "X?"),
                                                    3, 4, "?")),
        "Profiilit.csv": H.csv_bytes([["Tunnus", "Nimi"], ["P1", "Profiili 1"]])}),
         exit=0, codes=(("unknown-mark", "E2"), ("unknown-mark", "E3"), ("unknown-mark", "E4"))),
    Case("duplicate-sheet-xlsx", _xlsx(lambda: [H.table_sheet(), H.table_sheet(" OSATOTEUTUKSET:", rows=[
        ["Tunnus", "Nimi"], ["Z", "Zeta"]])]), exit=1, codes=(("duplicate-sheet", ""),)),
    Case("duplicate-sheet-csv-folder", _folder("taulukko", {
        "Osatoteutukset.csv": H.csv_bytes(H.BASE_TABLE),
        "osatoteutukset.txt": H.csv_bytes([["Tunnus", "Nimi"], ["Z", "Zeta"]])}),
         exit=1, codes=(("duplicate-sheet", ""),)),
    Case("csv-folder-lock-files", _lock_files, exit=0),
    Case("csv-folder-broken-link", _link_in_folder("broken"), codes=(("unreadable-file", ""),)),
    Case("csv-folder-link-loop", _link_in_folder("loop"), codes=(("unreadable-file", ""),)),
    Case("csv-folder-pipe", _link_in_folder("pipe"), codes=(("unreadable-file", ""),)),
    Case("three-row-header-csv", _csv(THREE_ROW_HEADER), exit=0),
    Case("three-row-header-xlsx", _xlsx(lambda: [H.table_sheet(rows=THREE_ROW_HEADER, merges=(
        "A1:A3", "B1:B3", "C1:C3", "D1:D3"))]), exit=0),
    Case("legend-below-table", _csv(H.BASE_TABLE + LEGEND), exit=0, codes=(("ignored-block", "A6"),)),
    Case("legend-below-organisations", _csv(H.BASE_ORGS + LEGEND, name="organisaatiot.csv"),
         role="organisations", exit=0, codes=(("ignored-block", "A4"),), check=_rows_read(1)),
    Case("formula-uncalculated-openpyxl", _bytes("taulukko.xlsx", _openpyxl_uncalculated), exit=1,
         codes=(("formula-without-value", "C3"),)),
    Case("ods-repeated-rows-expanded", _bytes("organisaatiot.ods", lambda: H.ods_bytes(H.ods_content(
        [("Organisaatiot", H.BASE_ORGS[:1])],
        row_xml='<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="string">'
                "<text:p>Org</text:p></table:table-cell><table:table-cell office:value-type=\"string\">"
                "<text:p>P1</text:p></table:table-cell></table:table-row>"))),
         role="organisations", exit=0, check=_rows_read(6000)),
    Case("organisations-over-their-limit", _csv(lambda: H.organisation_rows(400), name="organisaatiot.csv"),
         role="organisations", codes=(("file-too-large", ""),), setup=_limit("organisation_cells", 1000)),
]


def speed_cases(scale: float = 1.0) -> list[Case]:
    """The readers' speed cases, their sizes times ``scale`` (1: the sizes a planner's files reach)."""
    def n(full: int) -> int:
        return max(int(full * scale), 10)

    tag = "" if scale == 1 else "-small"
    fields, items, organisations, big = n(1_400_000), n(20_000), n(50_000), n(200_000)

    def many(fmt: str) -> bytes:
        rows = [["Organisaatio", "Profiili", "Käytössä"]] + [[f"Organisaatio {k}", "P1", "A"] for k in range(big)]
        if fmt == "csv":
            return H.csv_bytes(rows)
        return H.xlsx_rows_bytes("Organisaatiot", rows) if fmt == "xlsx" else H.ods_rows_bytes("Organisaatiot", rows)

    return [
        Case(f"csv-one-huge-line{tag}", _bytes("Osatoteutukset.csv", lambda: H.huge_line_csv(fields)), exit=1,
             codes=(("long-cell", "A1"),) if fields > LIMITS.columns else (("missing-column", ""),),
             command="validate", check=_no_blank_names),
        Case(f"ods-{items}-rows{tag}", _bytes("organisaatiot.ods", lambda: H.ods_rows_bytes(
            "Organisaatiot", H.organisation_rows(items))), role="organisations", exit=0, command="read"),
        Case(f"organisations-{organisations}-broken-rows{tag}", _csv(lambda: H.organisation_rows(
            organisations, broken_every=50), name="organisaatiot.csv"), role="organisations", exit=1,
             codes=(("unknown-item", ""), ("unknown-profile", ""), ("bad-date", ""), ("missing-value", ""),
                    ("cell-error", ""), ("id-spelling", "")), command="read"),
        *[Case(f"organisations-{big}-rows-{fmt}{tag}", _bytes(f"organisaatiot.{fmt}", lambda fmt=fmt: many(fmt)),
               role="organisations", exit=0, command="read", seconds=4 * SECOND)
          for fmt in ("csv", "xlsx", "ods")],
    ]


CASES += speed_cases(0.01)
SPEED_CASES = speed_cases(1.0)


def input_files(folder: Path) -> dict[str, Path]:
    """Write the three small valid inputs into ``folder``; their paths by role."""
    return {
        "table": H.write_csv(folder / "Osatoteutukset.csv", H.BASE_TABLE),
        "tasks": H.write_csv(folder / "tehtavat.csv", H.BASE_TASKS),
        "organisations": H.write_csv(folder / "organisaatiot.csv", H.BASE_ORGS),
    }


def prepare(case: Case, folder: Path) -> tuple[dict[str, Path], Path]:
    """Write the valid inputs and then the case's own into ``folder``: (inputs by role, the case's input)."""
    inputs = input_files(folder)
    target = case.build(folder)
    inputs[case.role] = target
    return inputs, target


def report_argv(inputs: dict[str, Path], out: Path, *, diagrams: bool = False) -> list:
    return ["report", "--table", inputs["table"], "--tasks", inputs["tasks"],
            "--organisations", inputs["organisations"], "--out", out, "--today", "2027-01-04",
            "--diagrams", "all" if diagrams else "none"]


def validate_argv(inputs: dict[str, Path]) -> list:
    return ["validate", "--table", inputs["table"], "--tasks", inputs["tasks"]]


def case_argv(case: Case, inputs: dict[str, Path], out: Path) -> list[str]:
    """The command line ``case`` runs, every argument a string."""
    argv = validate_argv(inputs) if case.command == "validate" else report_argv(inputs, out, diagrams=case.diagrams)
    return [str(a) for a in argv]


def read_run(case: Case, inputs: dict[str, Path]) -> Run:
    """Read the case's file as the library does, in-process: the exit code the CLI would give (2 unreadable,
    1 error findings, 0 clean) and the finding lines it would print."""
    from analyser.findings import InputError
    from analyser.load.catalogue import load_catalogue
    from analyser.load.organisations import read_organisations

    try:
        catalogue = load_catalogue(inputs["table"], inputs["tasks"])
        findings = list(catalogue.findings)
        if case.role == "organisations":
            findings += read_organisations(inputs["organisations"], catalogue)[1]
    except InputError as exc:
        return Run(2, "", "".join(f.line() + "\n" for f in exc.findings))
    return Run(1 if any(f.is_error for f in findings) else 0, "", "".join(f.line() + "\n" for f in findings))
