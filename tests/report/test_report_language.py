"""The report speaks the planner's language: every word of the tool's own in one language, the same
file names in both, findings that name the file's own columns, and counts with their right forms."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from analyser.cli import main
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.report.rows import ORGANISATION_COLUMNS, TASK_COLUMNS
from language_check import WORKBOOK_TEXTS, leaks

TODAY = "2026-11-25"
HEADER = "Organisaatio;Tietojärjestelmäprofiili;Käytössä;Sertifioitu;Tavoitepäivä;Suunniteltu järjestys"
# every kind of row the reader and the batch have words for
ROWS = [
    "Alfa Oy;SOS-V3;SOS;;1.3.2027;",                                       # unknown profile
    "Beta Oy;;SOS;;1.3.2027;",                                             # no profile
    "Gamma Oy;SOS-V1;SOS, sos-vanhat, EI-TÄLLAISTA;;ensi keväänä;",         # respelled, unknown item, bad date
    "Delta Oy;ARK;SOS, SOS-V1-ARK;;1.3.2027;",                             # deployed, not allowed
    "Epsilon Oy;SOS-V1;SOS, SOS-V1-HAKU;;1.3.2027;",                       # deployed without its prerequisite
    "Zeta Oy;SOS-LV;SOS;;1.6.2027;SOS-LV-LUP, SOS-LV-INF",                 # a plan that is not allowed
    "Eta Oy;SOS-LV;SOS;SOS-V1-ARK;1.6.2027;SOS-V1-ARK, SOS-VANHAT, XYZ",   # an allowed plan, an unknown item
    ";SOS-V1;SOS;;;",                                                      # no name
]


def _organisations(folder: Path) -> Path:
    path = folder / "organisaatiot-syote.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def _report(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["report", "--today", TODAY, *argv], stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    return code, out.getvalue()


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def _tool_words(folder: Path, stdout: str) -> str:
    """The report's own words: headers, sheet names, yes and no, notes, problems, findings, summaries."""
    texts = [stdout]
    orgs = _csv(folder / "organisaatiot.csv")
    texts += orgs[0]
    for column in ("plan_allowed", "violations", "problems"):
        k = ORGANISATION_COLUMNS.index(column)
        texts += [row[k] for row in orgs[1:]]
    tasks = _csv(folder / "tehtavat.csv")
    texts += tasks[0]
    for column in ("late", "note"):
        k = TASK_COLUMNS.index(column)
        texts += [row[k] for row in tasks[1:]]
    texts += _csv(folder / "profiilit.csv")[0]
    book = openpyxl.load_workbook(folder / "raportti.xlsx", read_only=True)
    texts += book.sheetnames
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        texts += [str(v) for v in rows[0] if v is not None]
        if sheet is book.worksheets[0]:  # the summary: its labels, and values that are words
            texts += [str(v) for row in rows[1:] for v in row if isinstance(v, str) and "/" not in v]
        if sheet is book.worksheets[2]:  # the task sheet: "no date" cells
            texts += [v for row in rows[1:] for v in row[5:] if isinstance(v, str)]
        if sheet is book.worksheets[-1]:  # findings: severity and message, not the code (English by contract)
            texts += [f"{row[0]} {row[5]}" for row in rows[1:]]
    return "\n".join(texts)


def _without_input_text(text: str, source: Path) -> str:
    """Take out the organisations file's own text (names, headers, values as written) and its folder's
    path (a folder of the report is named without a file suffix, which the check would not see as a path)."""
    text = text.replace(str(source.parent), " ")
    pieces = {cell.strip() for line in source.read_text(encoding="utf-8").splitlines() for cell in line.split(";")}
    pieces |= {part.strip() for piece in list(pieces) for part in piece.split(",")}
    for piece in sorted((p for p in pieces if len(p) > 1), key=len, reverse=True):
        text = text.replace(piece, " ")
    return text


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_report_says_everything_in_its_language(tmp_path, lang):
    source = _organisations(tmp_path)
    code, out = _report(["--organisations", str(source), "--out", str(tmp_path / "out"), "--lang", lang])
    assert code == 1
    words = _tool_words(tmp_path / "out", out)
    # the check sees the findings and the row's problems, not just headers
    if lang == "en":
        assert "is no functionality's id or name" in words and "unknown functionality 'XYZ'" in words
        assert "Did you mean" in words and "the nearest ids" in words
        assert "Delta Oy: SOS-V1-ARK is in use although profile ARK does not allow it" in words
    else:
        assert "ei ole minkään osatoteutuksen tunnus" in words and "tuntematon osatoteutus 'XYZ'" in words
        assert "Tarkoititko" in words and "lähimmät tunnukset" in words
        assert "Delta Oy: SOS-V1-ARK on käytössä, vaikka profiili ARK ei salli sitä" in words
    assert leaks(_without_input_text(words, source), lang) == []


def test_the_language_check_would_see_a_leak(tmp_path):
    source = _organisations(tmp_path)
    assert leaks(_without_input_text("Alfa Oy: 'SOS-V3' is not a profile", source), "fi") == ["is", "not", "profile"]
    assert leaks(_without_input_text("Käytössä: tuntematon osatoteutus", source), "en") == ["osatoteutus", "tuntematon"]
    assert leaks("Satulan kotihoito Oy", "en") == [] and "Satulan kotihoito Oy" in WORKBOOK_TEXTS


def test_both_languages_write_the_same_file_names(tmp_path):
    folder = tmp_path / "out"
    _report(["--out", str(folder), "--lang", "fi"])
    finnish = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    _report(["--out", str(folder), "--lang", "en"])
    both = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    _report(["--out", str(tmp_path / "en"), "--lang", "en"])
    english = sorted(str(p.relative_to(tmp_path / "en")) for p in (tmp_path / "en").rglob("*"))
    assert finnish == both == english
    assert "raportti.xlsx" in finnish and "profiilimatriisi.svg" in finnish and "kaaviot" in finnish


def test_the_shipped_examples_bad_rows_name_the_files_own_columns(tmp_path):
    catalogue = load_catalogue(with_tasks=False)
    _, findings = read_organisations(shipped_path(ORGANISATIONS), catalogue)
    item = next(f for f in findings if f.code == "unknown-item")
    profile = next(f for f in findings if f.code == "unknown-profile")
    assert dict(item.params)["column"] == "Käytössä" and dict(item.params)["value"] == "SOS-V2-SIG"
    assert dict(profile.params)["column"] == "Tietojärjestelmäprofiili"
    for lang in ("fi", "en"):
        assert "'Käytössä'" in item.text(lang) and "deployed" not in item.text(lang)
        assert "'SOS-V2-SIG'" in item.text(lang) and "'SOS-V3'" in profile.text(lang)
    _report(["--out", str(tmp_path), "--diagrams", "none"])
    messages = [row[5] for row in openpyxl.load_workbook(tmp_path / "raportti.xlsx")["Havainnot"].iter_rows(
        min_row=2, values_only=True)]
    assert any("'Käytössä'" in m and "'SOS-V2-SIG'" in m for m in messages)
    assert not any("deployed" in m for m in messages)


def test_counts_of_one_take_the_singular(tmp_path):
    source = tmp_path / "yksi.csv"
    source.write_text(f"{HEADER}\nA Oy;SOS-LV;SOS;;1.12.2026;\n", encoding="utf-8")
    _, out = _report(["--organisations", str(source), "--out", str(tmp_path / "en"), "--lang", "en",
                      "--diagrams", "none"])
    assert "(1 organisation)" in out and "1 organisations" not in out
    assert "(in 1 organisation)" in out
    book = openpyxl.load_workbook(tmp_path / "en" / "raportti.xlsx", read_only=True)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Most common blocker 1"].endswith("(1 organisation)")
    _, out = _report(["--organisations", str(source), "--out", str(tmp_path / "fi"), "--diagrams", "none"])
    assert "(1 organisaatiolla)" in out
