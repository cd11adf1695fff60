"""The organisations reader reads clean rows column by column; it must agree with reading each row on its own."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import workbook_factory as wf
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations

CATALOGUE = load_catalogue(with_tasks=False)
IDS = [i.id for i in CATALOGUE.items]
NAMES = [i.name for i in CATALOGUE.items]
PROFILES = [p.id for p in CATALOGUE.profiles] + [p.name for p in CATALOGUE.profiles]


def _part(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.70:
        return rng.choice(IDS)
    if roll < 0.80:
        return rng.choice(NAMES)
    if roll < 0.88:
        return rng.choice(IDS).lower()  # read as the id, with a spelling warning
    if roll < 0.94:
        return "EI-TÄLLAISTA"
    return "#REF!"


def _random_rows(rng: random.Random, n: int) -> list[wf.OrgRow]:
    rows = []
    for k in range(n):
        name = "" if rng.random() < 0.03 else rng.choice([f"Organisaatio {k}", "Sama nimi Oy", f" Väli {k} "])
        profile = rng.choice(PROFILES + ["TUNTEMATON", "", "#N/A"]) if rng.random() < 0.2 else rng.choice(PROFILES)
        deployed = [_part(rng) for _ in range(rng.randint(0, 4))]
        certified = None if rng.random() < 0.6 else [_part(rng) for _ in range(rng.randint(0, 3))]
        target = rng.choice([None, dt.date(2027, rng.randint(1, 12), rng.randint(1, 28)),
                             f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2027", "ensi keväänä", "31.2.2027"])
        planned = [_part(rng) for _ in range(rng.randint(0, 4))]
        if planned and rng.random() < 0.3:
            planned.append(planned[0])  # a repeat in a planned order
        rows.append(wf.OrgRow(name, profile, deployed, certified, target, planned))
    return rows


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_fast_and_row_by_row_reading_agree(tmp_path, seed, fmt):
    rng = random.Random(seed)
    rows = _random_rows(rng, 150)
    path = tmp_path / f"organisaatiot.{fmt}"
    wf.write_organisations(rows, path, fmt=fmt, sep=rng.choice([",", ";"]), seed=seed)
    fast_rows, fast_findings = read_organisations(path, CATALOGUE)
    slow_rows, slow_findings = read_organisations(path, CATALOGUE, fast=False)
    assert fast_rows == slow_rows
    assert fast_findings == slow_findings
    # the sample is varied enough to take both paths
    assert any(r.problems for r in slow_rows) and any(not r.problems for r in slow_rows)
    assert {f.code for f in slow_findings} >= {"unknown-item", "unknown-profile", "bad-date", "id-spelling"}


def test_findings_name_the_files_own_headers_and_the_values_as_written(tmp_path):
    """Each finding of a row names the column by the header as the file writes it (here Swedish),
    the value as written and the organisation; the row keeps the findings that leave it short."""
    path = tmp_path / "org.csv"
    path.write_text("Tjänsteproducent;Profil;I bruk;Certifierad;Måldatum;Planerad ordning\n"
                    "A Oy;SOS-V3;SOS;;;\n"
                    "B Oy;;SOS;;;\n"
                    "C Oy;SOS-V1;SOS, sos-vanhat, EI-TÄLLAISTA;;ensi keväänä;SOS-V1-ARK, XYZ\n"
                    ";SOS-V1;SOS;;;\n", encoding="utf-8")
    rows, findings = read_organisations(path, CATALOGUE)
    said = ("organisation", "column", "value", "written", "id")  # what every message names
    got = {(f.cell, f.code): {k: v for k, v in f.params if k in said} for f in findings}
    assert got == {
        ("B2", "unknown-profile"): {"organisation": "A Oy", "column": "Profil", "value": "SOS-V3"},
        ("B3", "unknown-profile"): {"organisation": "B Oy", "column": "Profil", "value": ""},
        ("C4", "id-spelling"): {"organisation": "C Oy", "column": "I bruk", "written": "sos-vanhat", "id": "SOS-VANHAT"},
        ("C4", "unknown-item"): {"organisation": "C Oy", "column": "I bruk", "value": "EI-TÄLLAISTA"},
        ("E4", "bad-date"): {"organisation": "C Oy", "column": "Måldatum", "value": "ensi keväänä"},
        ("F4", "unknown-item"): {"organisation": "C Oy", "column": "Planerad ordning", "value": "XYZ"},
        ("A5", "missing-value"): {"column": "Tjänsteproducent"},
    }
    by_cell = {(f.cell, f.code): dict(f.params) for f in findings}
    # what it may have meant, else what exists
    assert by_cell["B2", "unknown-profile"]["suggestions"] == ("SOS-V1", "SOS-V2")
    assert by_cell["B3", "unknown-profile"]["known"] == tuple(p.id for p in CATALOGUE.profiles)
    assert len(by_cell["C4", "unknown-item"]["nearest"]) == 3
    assert [sorted(f.code for f in r.problems) for r in rows] == [
        ["unknown-profile"], ["unknown-profile"], ["bad-date", "unknown-item", "unknown-item"]]
    item = next(f for f in findings if f.cell == "C4" and f.code == "unknown-item")
    assert item.text("en").startswith(
        "C Oy: 'EI-TÄLLAISTA' in the column 'I bruk' is no functionality's id or name, so it was left out")
    assert item.text("fi").startswith(
        "C Oy: sarakkeen 'I bruk' arvo 'EI-TÄLLAISTA' ei ole minkään osatoteutuksen tunnus eikä nimi")
    for f in findings:
        assert f.text("fi") != f.text("en")
        assert not {"deployed", "target_date", "planned", "profile", "organisation"} & set(
            str(v) for v in dict(f.params).values())
