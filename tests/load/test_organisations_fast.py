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
