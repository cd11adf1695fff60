"""What the batch report works out once and shares between organisations equals the same worked out for each
on its own: the go-live findings, the findings' messages, the workbook's findings sheet and name cells, the
page's findings table, the parts of the organisation rows; and the workbook's compressing beside its making
writes what writing in line writes.

The oracles are the plain paths (a finding made by ``go_live_finding``, ``Finding.text``, the workbook
writer's generic rows, each row escaped on its own); nothing here measures time.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.model import build_graph
from analyser.report._html_page import esc, table
from analyser.report.batch import go_live_finding, run_batch
from analyser.report.rows import (FINDING_COLUMNS, RowParts, column_headers, finding_rows, organisation_rows,
                                  row_parts)
from analyser.report.html import report_html
from analyser.report.xlsx_writer import SharedStrings, SheetData, _sheet_chunks, _write_beside, cell_xml
from analyser.text.labels import LABELS, t
from analyser.text.privacy import find_personal_codes

TODAY = dt.date(2026, 11, 25)
CATALOGUE = load_catalogue()
GRAPH = build_graph(CATALOGUE)
GO_LIVE_KEYS = [key for key in LABELS if key.startswith("finding.go-live-moved/")]


def _organisations(path: Path, n: int, seed: int) -> None:
    """``n`` organisations whose target dates often fall where their next extension cannot go live."""
    rng = random.Random(seed)
    items = {i.id: i for i in CATALOGUE.items}
    lines = ["Organisaatio;Tietojärjestelmäprofiili;Käytössä;Tavoitepäivä"]
    for k in range(n):
        profile = rng.choice([p.id for p in CATALOGUE.profiles])
        deployed: list[str] = []
        for item in sorted(i for i in items if items[i].allowed_by(profile)):
            if all(r in deployed for r in items[item].requires) and rng.random() < 0.4:
                deployed.append(item)
        target = rng.choice(["1.12.2026", "10.1.2027", "1.9.2027", f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2027"])
        lines.append(f"Organisaatio {k} Oy;{profile};{', '.join(deployed)};{target}")
    lines.append("Rikki Oy;EI-PROFIILI;;1.1.2027")  # a bad row: its finding names no go-live
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A batch with many go-live findings; the organisations' names as hostile as names get (a personal
    identity code, format fields, a NUL, markup)."""
    path = tmp_path_factory.mktemp("orgs") / "orgs.csv"
    _organisations(path, 400, seed=3)
    rows, found = read_organisations(path, CATALOGUE)
    names = ["Hoiva 010190-123M Oy", "{organisation} {0} Oy", "Nul\x00 Oy", "<b>&amp;</b> Oy", "Tavallinen Oy"]
    rows = [row._replace(name=f"{names[k % len(names)]} {k}") for k, row in enumerate(rows)]
    return run_batch(CATALOGUE, GRAPH, rows, findings=found, today=TODAY)


def test_go_live_findings_equal_those_made_one_by_one(batch):
    shared = [f for f in batch.findings if f.code == "go-live-moved"]
    alone = [go_live_finding(r.row, r.dating) for r in batch.results if r.dating is not None and r.dating.moved]
    assert len(alone) > 100 and len({id(r.dating) for r in batch.results}) < len(alone)  # sharing was exercised
    assert [vars(f) for f in shared] == [vars(f) for f in alone]
    assert not any(find_personal_codes(f.text("fi")) for f in shared)  # names masked as a finding masks them
    assert batch.summary["warnings"] == sum(1 for f in batch.findings if f.severity == "warning")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_finding_messages_worded_once_equal_each_worded_on_its_own(batch, lang):
    rows = finding_rows(batch, lang)
    assert [row[5] for row in rows] == [f.text(lang) for f in batch.findings]
    assert [row[:5] for row in rows] == [[t(f"severity.{f.severity}", lang), f.code, f.file, f.sheet, f.cell]
                                         for f in batch.findings]


@pytest.mark.parametrize("template", ["{organisation} ja {organisation}: {id}", "{organisation!r}: {id}",
                                      "{organisation:>40}|{id}", "{id} ilman nimeä", "\x00{organisation}\x00"])
def test_any_wording_of_a_message_comes_out_as_worded_on_its_own(batch, monkeypatch, template):
    """Words that name the organisation twice, converted, padded, not at all, or beside the stand-in."""
    for key in GO_LIVE_KEYS:
        monkeypatch.setitem(LABELS, key, (template, template))
    assert [row[5] for row in finding_rows(batch, "fi")] == [f.text("fi") for f in batch.findings]


def test_findings_sheet_equals_the_writers_plain_rows(batch):
    from analyser.report.files import _finding_sheet

    rows = finding_rows(batch, "en")
    shared_strings, plain_strings = SharedStrings(), SharedStrings()
    shared = _finding_sheet(rows, "en", shared_strings)
    plain = SheetData(shared.name, shared.header, rows, widths=shared.widths, wrap=shared.wrap)
    assert "".join(_sheet_chunks(shared, shared_strings)) == "".join(_sheet_chunks(plain, plain_strings))
    assert (shared_strings.uses, shared_strings._texts) == (plain_strings.uses, plain_strings._texts)


@given(st.lists(st.sampled_from(["", "a", "=1+1", "<&>", "Nimi Oy", "x" * 40, "rivi\nrivi", "a"]), max_size=12),
       st.booleans())
def test_name_cells_made_at_once_equal_each_made_on_its_own(texts, wrap):
    at_once, one_by_one = SharedStrings(), SharedStrings()
    at_once.index("a")
    one_by_one.index("a")
    assert at_once.cells(texts, wrap=wrap) == [cell_xml(text, wrap, one_by_one) for text in texts]
    assert (at_once.uses, at_once._texts) == (one_by_one.uses, one_by_one._texts)


def test_compressing_beside_writes_what_writing_in_line_writes():
    chunks = [bytes([k % 256]) * (k * 997 % 70_000) for k in range(60)]
    buffer = io.BytesIO()
    _write_beside(buffer.write, iter(chunks))
    assert buffer.getvalue() == b"".join(chunks)


def test_a_failure_on_either_side_of_the_writing_thread_is_raised():
    def refuses(chunk):
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        _write_beside(refuses, iter([b"x"] * 50))

    def breaks():
        yield b"x"
        raise ValueError("bad sheet")

    written = []
    with pytest.raises(ValueError, match="bad sheet"):
        _write_beside(written.append, breaks())
    assert written == [b"x"]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_page_findings_table_equals_each_row_escaped_on_its_own(batch, lang):
    found = finding_rows(batch, lang)
    rows = [('<tr class="bad"><td>' if f.is_error else "<tr><td>") + "</td><td>".join(map(esc, row)) + "</td></tr>"
            for f, row in zip(batch.findings, found)]
    expected = "".join(table(t("html.findings_caption", lang, n=len(found)),
                             column_headers("finding", FINDING_COLUMNS, lang), rows))
    page = "".join(report_html(batch, CATALOGUE, lang=lang, mode="none"))
    assert expected in page and any(f.is_error for f in batch.findings)


def test_row_parts_are_worked_out_once_and_equal_rows_built_one_by_one(batch):
    parts = row_parts(batch)
    assert row_parts(batch) is parts and parts.values("en") is parts.values("en")
    for fresh in (parts, RowParts(batch.results)):
        columns = fresh.rendered("en", lambda values, start: values)
        rows = [[r.row.name, *(v for column in columns for v in column[k])] for k, r in enumerate(batch.results)]
        assert rows == organisation_rows(batch, "en")
    assert all(len(r) < len(batch.results) / 2 for r in parts.representatives[:3])  # shared, not one per row
