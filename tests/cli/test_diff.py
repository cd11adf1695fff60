"""``analyser diff``: the command-line contract (FORMATS.md §4–5), its files and their safety."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from workbook_factory import (small_organisations, small_spec, with_duplicate_id, with_unknown_mark,
                              write_dependency_table, write_organisations)
from workbook_factory._edits import Edit, apply_edits

from analyser.cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2025-02-03"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, Path]:
    """Two versions of the small table (an item renamed, one removed, one added, a requirement, a mark and a
    date changed), a broken third, and the organisations."""
    folder = tmp_path_factory.mktemp("versions")
    old = small_spec()
    new, _ = apply_edits(old, [Edit("rename", "ARK-2", "ARK-2B"), Edit("remove", "LIITE"),
                               Edit("add", "UUSI", "Uusi osatoteutus", ("ARK-1",)), Edit("require", "KAT-1", "VAN-1"),
                               Edit("flip", "LUO-1", "B"), Edit("date", "ARK-1", value=None)])
    paths = {"old": folder / "vanha.xlsx", "new": folder / "uusi.xlsx", "broken": folder / "rikki.xlsx",
             "warned": folder / "varoitus.xlsx", "orgs": folder / "organisaatiot.csv"}
    write_dependency_table(old, paths["old"])
    write_dependency_table(new, paths["new"], matrix="only")
    write_dependency_table(with_duplicate_id(old), paths["broken"])
    write_dependency_table(with_unknown_mark(old), paths["warned"])
    write_organisations(small_organisations(), paths["orgs"])
    return paths


def test_a_table_against_itself_reports_nothing(versions):
    for fmt in ("text", "json", "csv"):
        code, out, err = run("diff", str(versions["old"]), str(versions["old"]), "--format", fmt)
        assert (code, err) == (0, "")
        if fmt == "json":
            answer = json.loads(out)
            assert answer["changes"] == [] and answer["valid"] is True and answer["findings"] == []
        elif fmt == "csv":
            assert out.splitlines() == ["kind,id,field,old,new,cell,subject,old_cell,new_cell"]
        else:
            assert out == "Versioiden välillä ei ole muutoksia.\n"


def test_json_follows_the_contract(versions):
    code, out, err = run("diff", str(versions["old"]), str(versions["new"]), "--organisations", str(versions["orgs"]),
                         "--today", TODAY, "--format", "json")
    answer = json.loads(out)
    assert code == 0 and err == ""
    assert set(answer) == {"valid", "changes", "renames", "findings", "organisations", "summary"}
    assert answer["renames"] == {"ARK-2": "ARK-2B"}
    for change in answer["changes"]:
        assert {"kind", "id", "field", "old", "new", "cell"} <= set(change)
        assert change["kind"] in ("added", "removed", "changed")
        assert change["cell"] == (change["new_cell"] or change["old_cell"])
    found = {(c["kind"], c["id"], c["field"]) for c in answer["changes"]}
    assert found == {("changed", "ARK-2B", "id"), ("removed", "LIITE", ""), ("added", "UUSI", ""),
                     ("changed", "KAT-1", "requires"), ("changed", "LUO-1", "mark:B"),
                     ("changed", "ARK-1", "available_from")}
    keys = {"organisation", "newly_available", "no_longer_available", "newly_blocked", "newly_not_allowed",
            "plan_was_allowed", "plan_is_allowed", "count_old", "count_new"}
    assert [o["organisation"] for o in answer["organisations"]] == [o.organisation for o in small_organisations()]
    for organisation in answer["organisations"]:
        assert keys <= set(organisation) and all(isinstance(organisation[k], list) for k in keys if "newly" in k)
    first = answer["organisations"][0]  # A, ARK-1 deployed, plans ARK-2, LUO-1, KAT-1: KAT-1 now waits for VAN-1
    assert first["plan_was_allowed"] is True and first["plan_is_allowed"] is False
    assert answer["summary"]["affected"] == sum(o["affected"] for o in answer["organisations"])


def test_text_names_both_cells_and_ends_with_a_summary(versions):
    code, out, _ = run("diff", str(versions["old"]), str(versions["new"]), "--organisations", str(versions["orgs"]),
                       "--today", TODAY, "--lang", "en")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "6 changes:"
    assert "  Item id changed: ARK-2 → ARK-2B (old Osatoteutukset!A3, new Osatoteutukset!A3)" in lines
    kat = next(line for line in lines if line.startswith("  Item KAT-1: requires"))
    assert "(old Osatoteutukset!" in kat and ", new Riippuvuudet!" in kat  # the new version has a matrix only
    summary = lines[lines.index("", lines.index("What the changes mean for the organisations:")) + 1:]
    assert summary == ["Organisations the changes affect: 3 of 3", "1 planned order is no longer allowed",
                       "Most common new blocker: ARK-1 (1 organisation)"]
    at = lines.index("  Sosiaalipalvelu Oy (profile B):")  # UUSI, added, waits for ARK-1, not yet in use there
    assert lines[at + 1:at + 3] == ["    must now wait: UUSI", "    waits for: ARK-1"]


def test_csv_is_the_changes(versions):
    _, out, _ = run("diff", str(versions["old"]), str(versions["new"]), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    _, out, _ = run("diff", str(versions["old"]), str(versions["new"]), "--format", "json")
    assert rows == [{k: str(v) for k, v in c.items() if k != "message"} for c in json.loads(out)["changes"]]


def test_findings_of_either_version_are_said_as_validate_says_them(versions):
    _, _, validate_err = run("validate", "--table", str(versions["broken"]))
    for pair in ((versions["broken"], versions["old"]), (versions["old"], versions["broken"])):
        code, out, err = run("diff", *map(str, pair), "--format", "json")
        answer = json.loads(out)
        assert code == 1 and answer["valid"] is False
        assert set(validate_err.splitlines()) <= set(err.splitlines())
        assert {"code", "severity", "file", "sheet", "cell", "message"} <= set(answer["findings"][0])
    code, _, err = run("diff", str(versions["warned"]), str(versions["old"]))
    assert code == 0 and "[unknown-mark]" in err  # warnings are said, and leave the exit code alone


@pytest.mark.parametrize("make", [lambda d: d / "puuttuu.xlsx",
                                  lambda d: (d / "roska.xlsx").write_bytes(b"PK\x03\x04 ei zip") and d / "roska.xlsx"])
def test_a_table_that_cannot_be_read_is_exit_2_with_one_line(versions, tmp_path, make):
    bad = make(tmp_path)
    for pair in ((bad, versions["old"]), (versions["old"], bad)):
        code, out, err = run("diff", *map(str, pair))
        assert code == 2 and out == "" and len(err.splitlines()) == 1 and bad.name in err


def test_files_are_written_in_the_language_and_never_over_an_input(versions, tmp_path):
    out_dir = tmp_path / "out"
    code, out, _ = run("diff", str(versions["old"]), str(versions["new"]), "--organisations", str(versions["orgs"]),
                       "--today", TODAY, "--out", str(out_dir), "--lang", "en", "--csv", "rfc4180")
    assert code == 0 and sorted(p.name for p in out_dir.iterdir()) == [
        "muutokset.csv", "muutokset.xlsx", "muutosvaikutukset.csv"]
    assert out.splitlines()[-1] == f"Written: {out_dir / 'muutokset.xlsx'}"
    changes = list(csv.reader(io.StringIO((out_dir / "muutokset.csv").read_text(encoding="utf-8"))))
    assert changes[0] == ["Change", "Subject", "Id", "Field", "Old value", "New value", "Old cell", "New cell"]
    assert len(changes) == 7
    impact = list(csv.reader(io.StringIO((out_dir / "muutosvaikutukset.csv").read_text(encoding="utf-8"))))
    assert [row[0] for row in impact[1:]] == [o.organisation for o in small_organisations()]
    book = openpyxl.load_workbook(out_dir / "muutokset.xlsx")
    assert book.sheetnames == ["Changes", "Impact", "Findings"]
    assert book["Changes"].max_row == 7 and book["Impact"].max_row == 4
    # an input where a file would go: refused, the input untouched, nothing written
    clash = tmp_path / "clash"
    clash.mkdir()
    (clash / "muutokset.csv").write_bytes(versions["orgs"].read_bytes())
    before = (clash / "muutokset.csv").read_bytes()
    code, _, err = run("diff", str(versions["old"]), str(versions["new"]), "--organisations",
                       str(clash / "muutokset.csv"), "--out", str(clash))
    assert code == 2 and len(err.strip().splitlines()) >= 1
    assert (clash / "muutokset.csv").read_bytes() == before and sorted(p.name for p in clash.iterdir()) == ["muutokset.csv"]


def test_an_interrupted_write_leaves_the_previous_files(versions, tmp_path, monkeypatch):
    """The three files are put in place together: a rename that fails leaves every previous file as it was."""
    out_dir = tmp_path / "out"
    run("diff", str(versions["old"]), str(versions["old"]), "--out", str(out_dir))
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 3 and Path(dst).parent == out_dir:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, _, err = run("diff", str(versions["old"]), str(versions["new"]), "--out", str(out_dir))
    monkeypatch.undo()
    assert code == 2 and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before


def test_outputs_are_byte_identical_under_any_hash_seed(versions, tmp_path):
    digests = set()
    for seed in ("0", "4242"):
        out_dir = tmp_path / f"out{seed}"
        argv = [sys.executable, "-m", "analyser", "diff", str(versions["old"]), str(versions["new"]),
                "--organisations", str(versions["orgs"]), "--today", TODAY]
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([*argv, "--format", "json", "--out", str(out_dir)], env=env, cwd=ROOT,
                              capture_output=True, check=True)
        text = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, check=True).stdout
        files = b"".join(p.name.encode() + p.read_bytes() for p in sorted(out_dir.iterdir()))
        digests.add(hashlib.sha256(done.stdout.replace(str(out_dir).encode(), b"OUT") + text + files).hexdigest())
    assert len(digests) == 1
