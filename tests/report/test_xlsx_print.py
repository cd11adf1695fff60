"""raportti.xlsx prints: rows as high as their wrapped text, the header row clear of the data and repeated on
every page, A4 landscape one page wide, Yhteenveto on one page.

Read back from the XML (zipfile and defusedxml), through openpyxl, and printed to PDF by LibreOffice
headless where it is installed. Row heights are checked against Python's own greedy word wrap
(textwrap), an independent implementation of what :func:`text_lines` estimates.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree
from hypothesis import given
from hypothesis import strategies as st

from analyser.cli import main
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.report.xlsx_writer import LINE_HEIGHT, SheetData, column_widths, text_lines, xlsx_bytes
from analyser.text.labels import t

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
TODAY = "2026-11-25"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _report(out: Path, organisations: Path | None = None, lang: str = "fi") -> Path:
    argv = ["report", "--out", str(out), "--today", TODAY, "--diagrams", "none", "--calendars", "none",
            "--lang", lang]
    main(argv + (["--organisations", str(organisations)] if organisations else []), stdout=io.StringIO(),
         stderr=io.StringIO())
    return out / "raportti.xlsx"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    return _report(tmp_path_factory.mktemp("print"))


def _xml(archive: zipfile.ZipFile, name: str):
    return ElementTree.fromstring(archive.read(name))


def _wrapped_lines(text: str, width: float) -> int:
    """Lines of greedy word wrap by Python's textwrap at the writer's characters per line, a word longer than
    a line on lines of its own."""
    capacity = max(1, int(width))
    lines = [line for p in text.split("\n")
             for line in (textwrap.wrap(p, capacity, break_long_words=False, break_on_hyphens=False) or [""])]
    return sum(1 + (len(line) - 1) // capacity if len(line) > capacity else 1 for line in lines)


_WORD = st.text(st.characters(codec="utf-8", exclude_categories=("Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=12)


@given(st.lists(st.one_of(_WORD, st.text("x", min_size=1, max_size=200)), min_size=1, max_size=40),
       st.integers(3, 60), st.sets(st.integers(1, 39), max_size=3))
def test_text_lines_is_greedy_word_wrap(words, width, breaks):
    """The lines of Python's own greedy wrap; a word longer than a line is broken on lines of its own."""
    cuts = [0, *sorted(k for k in breaks if k < len(words)), len(words)]
    text = "\n".join(" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:]))
    assert text_lines(text, width) == min(27, _wrapped_lines(text, width))


def test_every_sheet_prints_landscape_on_a4_one_page_wide_with_its_header_repeated(workbook):
    with zipfile.ZipFile(workbook) as archive:
        book = _xml(archive, "xl/workbook.xml")
        sheets = [s.get("name") for s in book.find("m:sheets", NS)]
        titles = {int(d.get("localSheetId")): d.text for d in book.iter(f"{{{NS['m']}}}definedName")
                  if d.get("name") == "_xlnm.Print_Titles"}
        assert titles == {i: f"'{name}'!$1:$1" for i, name in enumerate(sheets)}
        for i, name in enumerate(sheets):
            sheet = _xml(archive, f"xl/worksheets/sheet{i + 1}.xml")
            assert sheet.find("m:sheetPr/m:pageSetUpPr", NS).get("fitToPage") == "1"
            setup = sheet.find("m:pageSetup", NS)
            one_page = name == t("sheet.summary", "fi")
            assert (setup.get("orientation"), setup.get("paperSize"), setup.get("fitToWidth"),
                    setup.get("fitToHeight")) == ("landscape", "9", "1", "1" if one_page else "0")
            margins = sheet.find("m:pageMargins", NS)
            assert all(0.2 <= float(margins.get(side)) <= 1 for side in ("left", "right", "top", "bottom"))
            pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
            assert (pane.get("ySplit"), pane.get("state")) == ("1", "frozen")
    book = openpyxl.load_workbook(workbook)
    assert [ws.title for ws in book.worksheets] == sheets
    for ws in book.worksheets:
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1 if ws.title == sheets[0] else 0)


def _rows_fit(ws, wrapped_columns) -> int:
    """Check each row is as high as its tallest wrapped text needs; return how many rows needed more than one line."""
    widths = {k: ws.column_dimensions[openpyxl.utils.get_column_letter(k + 1)].width for k in range(ws.max_column)}
    tall = 0
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        header = number == 1
        need = max([_wrapped_lines(str(v), widths[k] * (0.9 if header else 1)) for k, v in enumerate(row)
                    if isinstance(v, str) and (header or k in wrapped_columns)] or [1])
        height = ws.row_dimensions[number].height or LINE_HEIGHT
        assert height == min(27, need) * LINE_HEIGHT, (ws.title, number, row)
        tall += need > 1
    return tall


def test_rows_are_as_high_as_their_wrapped_text_and_the_header_as_its_own(workbook):
    book = openpyxl.load_workbook(workbook)
    tall = 0
    for ws in book.worksheets:
        wrapped = {k for row in ws.iter_rows(min_row=2) for k, cell in enumerate(row)
                   if cell.alignment.wrap_text and isinstance(cell.value, str)}
        tall += _rows_fit(ws, wrapped)
    assert tall > 10  # the example has long lists: the rule is exercised
    tasks = book[t("sheet.tasks", "fi")]
    assert tasks.row_dimensions[1].height >= 4 * LINE_HEIGHT  # its long task headers
    assert tasks.freeze_panes == "B2"


def test_a_header_word_is_never_broken_within_the_widening_limit():
    sheet = SheetData("S", ["Käyttöönottopäivä", "Lyhyt", "Omavalvontasuunnitelman päivittäminen"], widths=[8, 8, 8])
    widths = column_widths(sheet)
    assert [text_lines(word, w, bold=True) for word, w in zip(["Käyttöönottopäivä", "Lyhyt"], widths)] == [1, 1]
    assert widths[2] == 24  # the limit
    data = xlsx_bytes([sheet])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.column_dimensions["A"].width == widths[0]


# -- printed by LibreOffice ------------------------------------------------------------------------

def _pdf(workbook: Path, tmp: Path) -> bytes:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: the workbook's printing is not checked")
    out = tmp / "pdf"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), str(workbook)], capture_output=True, timeout=600, check=True)
    return (out / (workbook.stem + ".pdf")).read_bytes()


def _page_texts(pdf: bytes, tmp: Path) -> list[str] | None:
    """The text of each page (pdftotext); None where it is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    path = tmp / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, timeout=300,
                          check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def _page_count(pdf: bytes) -> int:
    """Pages of a PDF, from its page tree (the stdlib's reading: the /Count of the root of the tree)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf, re.S)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+).*?/Type\s*/Pages\b", pdf, re.S)]
    return max(counts, default=len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)))


def _pages_by_sheet(texts: list[str], sheets: list[str]) -> dict[str, list[str]]:
    """Each sheet's pages, by the footer the workbook prints (the sheet's name, the page number)."""
    pages: dict[str, list[str]] = {name: [] for name in sheets}
    for text in texts:
        footer = re.fullmatch(r"\s*(\S.*?)\s+\d+\s*/\s*\d+\s*", [line for line in text.splitlines() if line.strip()][-1])
        pages[footer[1]].append(text)
    return pages


def test_the_example_prints_each_sheet_one_page_wide_and_the_summary_on_one_page(workbook, tmp_path):
    pdf = _pdf(workbook, tmp_path)
    sheets = openpyxl.load_workbook(workbook).sheetnames
    assert _page_count(pdf) == len(sheets)  # the example is small: one page a sheet, none cut at a column
    texts = _page_texts(pdf, tmp_path)
    if texts is None:
        return
    assert len(texts) == len(sheets)
    pages = _pages_by_sheet(texts, sheets)
    assert all(len(p) == 1 for p in pages.values()), {k: len(v) for k, v in pages.items()}
    summary = pages[sheets[0]][0]
    for label in ("organisations", "analysed", "late_tasks", "errors"):
        assert t(f"sum.{label}", "fi") in summary
    assert t("src.day", "fi") in summary and "25.11.2026" in summary


def test_a_long_report_repeats_the_header_on_every_page(tmp_path):
    source = shipped_path(ORGANISATIONS).read_text(encoding="utf-8-sig").splitlines()
    rows = [line for line in source[1:] if line.strip()]
    many = tmp_path / "monta.csv"
    lines = [source[0]] + [f"{n:03d} {line}" for n in range(8) for line in rows]
    many.write_text("\n".join(lines) + "\n", encoding="utf-8")
    workbook = _report(tmp_path / "out", many, lang="en")
    pdf = _pdf(workbook, tmp_path)
    texts = _page_texts(pdf, tmp_path)
    if texts is None:
        assert _page_count(pdf) > 5
        return
    sheets = openpyxl.load_workbook(workbook).sheetnames
    pages = _pages_by_sheet(texts, sheets)
    organisations = pages[t("sheet.organisations", "en")]
    assert len(organisations) > 1 and len(pages[sheets[0]]) == 1
    header = t("col.org.organisation", "en")
    for text in organisations:
        first = next(line for line in text.splitlines() if line.strip())
        assert first.split()[0] == header
    printed = " ".join(organisations)
    assert all(f"{n:03d} " in printed for n in range(8))  # every organisation is printed
