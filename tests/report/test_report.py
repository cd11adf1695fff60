"""The batch report: expected findings, safety of what is written, determinism, read-back."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.report.batch import run_batch
from analyser.load.catalogue import load_catalogue
from analyser.cli import main
from analyser.load.organisations import read_organisations
from analyser.model import build_graph
from analyser.report.files import write_report
from analyser.report.rows import ORGANISATION_COLUMNS, TASK_COLUMNS, column_headers, organisation_rows, task_rows
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.planning.situation import Situation
from analyser.report.diagrams import diagram_file_name

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
CATALOGUE = load_catalogue()
GRAPH = build_graph(CATALOGUE)
NAMES = {i.id: i.name for i in CATALOGUE.items}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def batch_of(path):
    rows, findings = read_organisations(path, CATALOGUE)
    return run_batch(CATALOGUE, GRAPH, rows, findings=findings, today=TODAY)


def test_shipped_example_has_the_expected_findings():
    rows, findings = read_organisations(shipped_path(ORGANISATIONS), CATALOGUE)
    by_name = {r.name: r for r in rows}
    errors = sorted((f.code, f.cell) for f in findings if f.is_error)
    satula = by_name["Satulan kotihoito Oy"].place.row + 1
    testila = by_name["Testilän ikäihmisten palvelut Oy"].place.row + 1
    assert errors == [("unknown-profile", f"B{satula}"), ("unknown-item", f"C{testila}")] or \
        sorted(errors) == sorted([("unknown-profile", f"B{satula}"), ("unknown-item", f"C{testila}")])
    batch = run_batch(CATALOGUE, GRAPH, rows, findings=findings, today=TODAY)
    results = {r.row.name: r for r in batch.results}
    assert results["Satulan kotihoito Oy"].standing is None  # kept as a row, not analysed
    assert results["Testikylän sosiaalipalvelut Oy"].plan_allowed is False
    violation = results["Testikylän sosiaalipalvelut Oy"].violations[0]
    assert violation["id"] == "SOS-LV-LUP" and "SOS-LV-INF" in violation["missing"]
    assert len(batch.results) == len(rows)
    profiles = {r.row.profile for r in batch.results if r.standing}
    assert profiles == {p.id for p in CATALOGUE.profiles}  # every profile is covered


def test_csv_reads_back_with_pandas(tmp_path):
    batch = batch_of(shipped_path(ORGANISATIONS))
    write_report(batch, NAMES, tmp_path)
    frame = pd.read_csv(tmp_path / "organisaatiot.csv", sep=";", encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert list(frame.columns) == column_headers("org", ORGANISATION_COLUMNS)
    expected = [["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in row]
                for row in organisation_rows(batch)]
    assert frame.values.tolist() == expected
    tasks = pd.read_csv(tmp_path / "tehtavat.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(tasks.columns) == column_headers("task", TASK_COLUMNS)
    assert len(tasks) == len(task_rows(batch, NAMES)) > 0


def test_xlsx_sheets_and_formatting(tmp_path):
    batch = batch_of(shipped_path(ORGANISATIONS))
    write_report(batch, NAMES, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "raportti.xlsx")
    assert book.sheetnames == ["Yhteenveto", "Organisaatiot", "Tehtävät", "Profiilit", "Havainnot"]
    orgs = book["Organisaatiot"]
    assert orgs.freeze_panes == "A2" and orgs.auto_filter.ref.startswith("A1:")
    assert orgs.cell(1, 1).font.b
    header = [c.value for c in orgs[1]]
    target = header.index("Tavoitepäivä") + 1
    assert isinstance(orgs.cell(2, target).value, dt.datetime)  # dates stay dates
    count = header.index("Sallittuja järjestyksiä") + 1
    assert isinstance(orgs.cell(2, count).value, int)  # numbers stay numbers
    findings = book["Havainnot"]
    assert {row[1].value for row in findings.iter_rows(min_row=2)} == {"unknown-profile", "unknown-item", "go-live-moved"}


def test_english_headers(tmp_path):
    code, _, _ = run("report", "--out", str(tmp_path), "--lang", "en", "--csv", "rfc4180", "--today", "2026-11-25")
    assert code == 1
    text = (tmp_path / "organisaatiot.csv").read_text(encoding="utf-8")
    assert text.startswith("Organisation,Profile,Deployed")
    assert openpyxl.load_workbook(tmp_path / "raportti.xlsx").sheetnames[0] == "Summary"


TRIGGERS = ["=HYPERLINK(\"http://x\")", "+358", "-1+1", "@SUM(A1)", "\tTab", "\rReturn", "  =ylimääräinen"]


def test_formula_triggers_are_neutralised(tmp_path):
    lines = ["Organisaatio;Tietojärjestelmäprofiili;Käytössä"]
    lines += [f"\"{name}\";SOS-V1;SOS" for name in TRIGGERS]
    source = tmp_path / "orgs.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("report", "--organisations", str(source), "--out", str(out), "--today", "2026-11-25")
    assert code == 0, err
    frame = pd.read_csv(out / "organisaatiot.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    names = list(frame.iloc[:, 0])
    assert len(names) == len(TRIGGERS)
    triggers = ("=", "+", "-", "@", "\t", "\r")
    for name in names:
        assert name.startswith("'") or not name.lstrip(" ").startswith(triggers), repr(name)
    assert sum(name.startswith("'") for name in names) >= 5
    sheet = openpyxl.load_workbook(out / "raportti.xlsx")["Organisaatiot"]
    for row in sheet.iter_rows(min_row=2):
        value = str(row[0].value)
        assert value.startswith("'") or not value.lstrip(" ").startswith(triggers)
        assert row[0].data_type != "f"
    tasks = (out / "tehtavat.csv").read_text(encoding="utf-8-sig")
    for trigger in TRIGGERS:
        assert f";{trigger.strip()}" not in tasks and f"\n{trigger}" not in tasks


def test_failure_mid_write_leaves_the_previous_report(tmp_path, monkeypatch):
    out = tmp_path / "out"
    code, _, _ = run("report", "--out", str(out), "--today", "2026-11-25")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import analyser.output as output

    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    code, _, err = run("report", "--out", str(out), "--today", "2027-01-15", "--lang", "en")
    assert code == 2 and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("analyser: ")]
    assert errors == [err.splitlines()[-1]] and str(out) in errors[0]  # one line, last, naming the file
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # no temp files, nothing changed


def test_byte_identical_under_two_hash_seeds(tmp_path):
    outputs = []
    import shutil

    folder = tmp_path / "out"
    for seed in ("1", "987"):
        shutil.rmtree(folder, ignore_errors=True)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "analyser", "report", "--out", str(folder), "--today",
                                 "2026-11-25", "--format", "json"], cwd=ROOT, env=env, capture_output=True,
                                text=True)
        assert result.returncode == 1, result.stderr
        outputs.append({str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
                       | {"stdout": result.stdout.encode()})
    assert outputs[0] == outputs[1]


def test_organisations_as_a_workbook(tmp_path):
    import workbook_factory as wf

    table = wf.write_dependency_table(wf.small_spec(), tmp_path / "t.xlsx", fmt="xlsx")
    orgs = wf.write_organisations(wf.small_organisations(), tmp_path / "o.xlsx", fmt="xlsx", title_rows=1)
    code, out, err = run("report", "--table", str(table.path), "--organisations", str(orgs.path), "--out",
                         str(tmp_path / "out"), "--format", "json", "--today", "2025-01-01")
    assert code == 0, err
    frame = pd.read_csv(tmp_path / "out" / "organisaatiot.csv", sep=";", encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert list(frame["Organisaatio"]) == [o.organisation for o in wf.small_organisations()]
    assert list(frame["Profiili"]) == ["A", "B", "C"]


@pytest.mark.parametrize("separator", [",", ";"])
@pytest.mark.parametrize("bom", [True, False])
def test_organisations_csv_dialects(tmp_path, separator, bom):
    import workbook_factory as wf

    table = wf.write_dependency_table(wf.small_spec(), tmp_path / "t.xlsx", fmt="xlsx")
    orgs = wf.write_organisations(wf.small_organisations(), tmp_path / "o.csv", fmt="csv", sep=separator, bom=bom)
    rows, findings = read_organisations(orgs.path, load_catalogue(table.path, with_tasks=False))
    assert not [f for f in findings if f.is_error]
    assert [r.profile for r in rows] == ["A", "B", "C"]
    assert rows[1].certified == ("ARK-1", "ARK-2") and rows[0].certified is None
    assert rows[1].target_date == dt.date(2025, 9, 1)


@pytest.mark.parametrize("text", TRIGGERS + [" \t=x", "   @x"])
def test_every_trigger_is_neutralised_in_csv_and_xlsx(text):
    from analyser.output import csv_text
    from analyser.report.xlsx_writer import SheetData, xlsx_bytes

    for dialect, sep in (("excel-fi", ";"), ("rfc4180", ",")):
        frame = pd.read_csv(io.StringIO(csv_text(["a", "n"], [[text, 5]], dialect).lstrip("\ufeff")), sep=sep,
                            dtype=str, keep_default_na=False)
        assert frame.iloc[0, 0] == "'" + text
        assert frame.iloc[0, 1] == "5"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([SheetData("S", ["a", "n"], [[text, 5]])]))).active
    # XML turns a carriage return into a line feed; the apostrophe still comes first
    assert sheet["A2"].value == "'" + text.replace("\r", "\n")
    assert sheet["B2"].value == 5


def test_report_draws_one_diagram_per_organisation_and_the_matrix(tmp_path):
    code, out, _ = run("report", "--out", str(tmp_path), "--today", "2026-11-25")
    diagrams = sorted((tmp_path / "kaaviot").glob("*.svg"))
    rows, _ = read_organisations(shipped_path(ORGANISATIONS), CATALOGUE)
    analysed = [r for r in rows if r.profile is not None]
    assert len(diagrams) == len(analysed)
    for row in analysed:
        from xml.sax.saxutils import escape

        text = (tmp_path / "kaaviot" / diagram_file_name(row.place.row + 1, row.name)).read_text(encoding="utf-8")
        assert escape(row.name) in text and "ORGANISAATIO-9F3A7C" not in text
    assert (tmp_path / "profiilimatriisi.svg").read_text(encoding="utf-8").count("<svg") == 1


def test_report_without_diagrams(tmp_path):
    code, out, _ = run("report", "--out", str(tmp_path), "--today", "2026-11-25", "--diagrams", "none")
    assert not (tmp_path / "kaaviot").exists() and (tmp_path / "profiilimatriisi.svg").exists()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=' =+-@\t\r\n";,&<>\'aä1\x01\ufffe', max_size=10))
def test_cells_read_back_as_the_neutralised_text(text):
    """Plain cells take a short cut in both writers; every cell must still read back exactly."""
    import csv
    from xml.sax.saxutils import escape

    from analyser.output import csv_cell, neutralise
    from analyser.report.xlsx_writer import _ILLEGAL, _text

    for sep in (";", ",", "\t"):
        cell = csv_cell(text, sep, sep == ";")
        back = list(csv.reader(io.StringIO(cell + "\r\n", newline=""), delimiter=sep))
        assert back == ([[neutralise(text)]] if cell else [[]])
    expected = escape(_ILLEGAL.sub("", neutralise(text).replace("\r\n", "\n").replace("\r", "\n")))
    assert _text(text) == expected


def _many_organisations(path: Path, n: int, seed: int) -> None:
    """``n`` organisations that share situations in many ways, as a real batch does."""
    import random

    rng = random.Random(seed)
    items = {i.id: i for i in CATALOGUE.items}
    lines = ["Organisaatio;Tietojärjestelmäprofiili;Käytössä;Sertifioitu;Tavoitepäivä;Suunniteltu järjestys"]
    for k in range(n):
        profile = rng.choice([p.id for p in CATALOGUE.profiles])
        allowed = sorted(i for i in items if items[i].allowed_by(profile))
        deployed: list[str] = []
        for item in allowed:
            if all(r in deployed for r in items[item].requires) and rng.random() < 0.4:
                deployed.append(item)
        rest = [i for i in allowed if i not in deployed]
        certified = ", ".join(rng.sample(rest, k=min(len(rest), 2))) if rest and rng.random() < 0.3 else ""
        target = rng.choice(["", f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2027", "1.3.2027"])
        planned = ", ".join(rng.sample(rest, k=min(len(rest), 3))) if rest and rng.random() < 0.5 else ""
        name = rng.choice([f"Organisaatio {k} Oy", f"Kunta; {k}", f'"Lainaus" {k}', f"=kaava {k}"])
        lines.append(";".join(['"' + name.replace('"', '""') + '"', profile, ", ".join(deployed), certified,
                               target, planned]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("dialect", ["excel-fi", "rfc4180"])
def test_shared_rendering_matches_each_row_built_on_its_own(tmp_path, dialect):
    """The writers render what organisations share once; the files must still equal the rows
    built one by one (organisation_rows, task_rows)."""
    from analyser.text.labels import t
    from analyser.output import neutralise

    source = tmp_path / "orgs.csv"
    _many_organisations(source, 600, seed=len(dialect))
    batch = batch_of(source)
    write_report(batch, NAMES, tmp_path / "out", dialect=dialect)
    sep = ";" if dialect == "excel-fi" else ","

    def text(v):
        return "" if v is None else v.isoformat() if isinstance(v, dt.date) else str(neutralise(v))

    frame = pd.read_csv(tmp_path / "out" / "organisaatiot.csv", sep=sep, encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert frame.values.tolist() == [[text(v) for v in row] for row in organisation_rows(batch)]
    tasks = pd.read_csv(tmp_path / "out" / "tehtavat.csv", sep=sep, encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    assert tasks.values.tolist() == [[text(v) for v in row] for row in task_rows(batch, NAMES)]
    assert len({id(r.standing) for r in batch.results}) < len(batch.results) / 2  # the sharing was exercised

    book = openpyxl.load_workbook(tmp_path / "out" / "raportti.xlsx", read_only=True)

    def cell(v):
        if v is None or v == "":
            return None
        return dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else neutralise(v)

    sheet = [list(r) for r in book["Organisaatiot"].iter_rows(min_row=2, values_only=True)]
    assert sheet == [[cell(v) for v in row] for row in organisation_rows(batch)]
    dues = {}
    for row in task_rows(batch, NAMES):
        dues.setdefault(row[0], {})[row[3]] = row[8]
    header = next(book["Tehtävät"].iter_rows(max_row=1, values_only=True))
    for row in book["Tehtävät"].iter_rows(min_row=2, values_only=True):
        found = {header[c].split()[0]: v for c, v in enumerate(row) if c >= 6 and v is not None}
        expected = dues.pop(row[0].lstrip("'") if row[0].startswith("'=") else row[0])
        assert found == {k: cell(v) if v else t("task_no_date", "fi") for k, v in expected.items()}
    assert not dues


def test_each_diagram_is_its_organisation_drawn_alone(tmp_path):
    """Organisations in the same situation share one drawing with their names put in: each file is the
    status diagram drawn for that organisation alone (``plot overlay``'s page)."""
    from analyser.plot import organisation_overlay

    run("report", "--out", str(tmp_path), "--today", "2026-11-25", "--diagrams", "all")
    rows = [r for r in read_organisations(shipped_path(ORGANISATIONS), CATALOGUE)[0] if r.profile]
    written = {p.name: p.read_bytes() for p in (tmp_path / "kaaviot").glob("*.svg")}
    graph = build_graph(CATALOGUE)
    compared = 0
    for row in rows:
        name = diagram_file_name(row.place.row + 1, row.name)
        if name not in written:  # a row the report could not analyse
            continue
        situation = Situation(CATALOGUE, graph, row.profile, deployed=row.deployed, certified=row.certified)
        alone = organisation_overlay.page(CATALOGUE, graph, situation, organisation=row.name,
                                          certified=row.certified, date=dt.date(2026, 11, 25)).svg()
        assert written[name] == alone, row.name
        compared += 1
    assert compared == len(written) >= 8


def test_a_name_too_long_for_the_shared_title_gets_a_drawing_of_its_own():
    """The shared drawing's title holds a placeholder on one line; a name that would wrap the title (or be cut,
    or is spaced oddly) still gives the organisation's page drawn alone."""
    from analyser.plot import organisation_overlay
    from analyser.report.diagrams import report_diagrams

    rows, found = read_organisations(shipped_path(ORGANISATIONS), CATALOGUE)
    long_name = "Pitkänimisen " * 12 + "hyvinvointialue"
    odd_names = [long_name, "Välit  ja\ttabulaattori ", "Sana" + "x" * 70, "Rivin\nvaihto"]
    rows = [r._replace(name=odd_names[k]) if k < len(odd_names) else r for k, r in enumerate(rows)]
    batch = run_batch(CATALOGUE, GRAPH, rows, findings=found, today=TODAY)
    files, _ = report_diagrams(batch, CATALOGUE, GRAPH, Path("out"), mode="all", today=TODAY)
    for result in (r for r in batch.results if r.standing is not None):
        handle = io.BytesIO()
        files[Path("out/kaaviot") / diagram_file_name(result.row.place.row + 1, result.row.name)](handle)
        situation = Situation(CATALOGUE, GRAPH, result.standing.profile, deployed=result.standing.deployed,
                              certified=result.standing.certified)
        alone = organisation_overlay.page(CATALOGUE, GRAPH, situation, organisation=result.row.name,
                                          certified=result.standing.certified, date=TODAY).svg()
        assert handle.getvalue() == alone, result.row.name
    assert long_name in {r.row.name for r in batch.results}


def test_a_name_with_control_characters_keeps_each_diagram_well_formed():
    from defusedxml import ElementTree

    from analyser.report.diagrams import report_diagrams

    rows, found = read_organisations(shipped_path(ORGANISATIONS), CATALOGUE)
    rows = [r._replace(name=f"Org\x01\x0b <{k}> & co") for k, r in enumerate(rows)]
    batch = run_batch(CATALOGUE, GRAPH, rows, findings=found, today=TODAY)
    files, _ = report_diagrams(batch, CATALOGUE, GRAPH, Path("out"), mode="all", today=TODAY)
    for path, write in files.items():
        handle = io.BytesIO()
        write(handle)
        ElementTree.fromstring(handle.getvalue())  # raises on a character XML forbids
    assert len(files) > 5


def test_a_batch_shares_work_without_changing_any_result(tmp_path):
    """Each organisation analysed alone (a batch of one shares nothing) gives the same result."""
    source = tmp_path / "orgs.csv"
    _many_organisations(source, 300, seed=11)
    rows, findings = read_organisations(source, CATALOGUE)
    batch = run_batch(CATALOGUE, GRAPH, rows, findings=findings, today=TODAY)
    assert len(batch.results) == len(rows)
    for row, shared in zip(rows, batch.results):
        alone = run_batch(CATALOGUE, GRAPH, [row], today=TODAY).results[0]
        assert shared == alone, row.name


def test_a_terminal_sees_the_steps_of_a_report_and_a_pipe_sees_none(tmp_path, monkeypatch):
    import analyser.cli._report as cli

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(cli._Steps, "DELAY", 0)
    err = Terminal()
    code = main(["report", "--out", str(tmp_path / "a"), "--today", "2026-11-25", "--lang", "en"],
                stdout=io.StringIO(), stderr=err)
    shown = err.getvalue()
    assert code == 1
    for step in ("Reading the organisations", "Analysing", "Drawing the diagrams", "Writing the report"):
        assert step in shown
    assert shown.index("Reading") < shown.index("Analysing") < shown.index("Drawing") < shown.index("Writing")
    piped = io.StringIO()
    main(["report", "--out", str(tmp_path / "b"), "--today", "2026-11-25", "--lang", "en"],
         stdout=io.StringIO(), stderr=piped)
    assert "Analysing" not in piped.getvalue() and "\r" not in piped.getvalue()


def test_exit_code_says_a_checked_plan_is_not_allowed(tmp_path):
    """FORMATS.md's exit code 1: error findings, or a checked plan that is not allowed."""
    header = "Organisaatio;Tietojärjestelmäprofiili;Käytössä;Suunniteltu järjestys"
    good = tmp_path / "good.csv"
    good.write_text(f"{header}\nA Oy;SOS-LV;SOS;SOS-V1-ARK, SOS-LV-INF\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{header}\nA Oy;SOS-LV;SOS;SOS-V1-ARK, SOS-LV-INF\nB Oy;SOS-LV;SOS;SOS-LV-INF, SOS-V1-ARK\n",
                   encoding="utf-8")
    code, _, err = run("report", "--organisations", str(good), "--out", str(tmp_path / "a"), "--today", "2026-11-25")
    assert code == 0, err
    code, out, err = run("report", "--organisations", str(bad), "--out", str(tmp_path / "b"), "--today", "2026-11-25",
                         "--lang", "en")
    assert code == 1 and not err
    assert "Plans not allowed: 1 / 2" in out


def test_a_task_list_too_long_for_excel_is_pointed_out(tmp_path, monkeypatch):
    import analyser.report.files as report

    batch = batch_of(shipped_path(ORGANISATIONS))
    rows = len(task_rows(batch, NAMES)) + 1
    monkeypatch.setattr(report, "EXCEL_ROWS", rows - 1)
    code, out, _ = run("report", "--out", str(tmp_path / "a"), "--today", "2026-11-25", "--lang", "en")
    assert f"tehtavat.csv holds {rows} rows" in out
    code, out, _ = run("report", "--out", str(tmp_path / "b"), "--today", "2026-11-25", "--csv", "rfc4180")
    assert "tehtavat.csv" not in out.split("Kirjoitettu")[0]  # pipelines have no row limit
    monkeypatch.setattr(report, "EXCEL_ROWS", rows)
    code, out, _ = run("report", "--out", str(tmp_path / "c"), "--today", "2026-11-25", "--lang", "en")
    assert "holds" not in out
