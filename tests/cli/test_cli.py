"""The command-line contract (FORMATS.md §4–5), run in-process through ``main``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analyser.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write_table(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Osatoteutukset.csv").write_text(text, encoding="utf-8")
    return folder


def test_validate_shipped_data_is_valid():
    code, out, err = run("validate", "--format", "json")
    answer = json.loads(out)
    assert code == 0 and answer["valid"] is True and answer["findings"] == []
    assert set(answer) == {"valid", "findings"}


def test_orders_json_has_contract_keys_and_exact_count():
    code, out, _ = run("orders", "--profile", "SOS-LV", "--deployed", "SOS,SOS-VANHAT,SOS-V1-ARK",
                       "--format", "json", "--list", "4", "--sample", "3", "--seed", "7")
    answer = json.loads(out)
    assert code == 0
    for key in ("profile", "items", "count", "waves", "recommended", "orders", "samples", "excluded", "not_allowed"):
        assert key in answer
    assert isinstance(answer["count"], int)
    assert answer["orders"] == sorted(answer["orders"]) and len(answer["orders"]) == 4
    assert len(answer["samples"]) == 3


def test_orders_by_profile_name_and_item_names():
    code, out, _ = run("orders", "--profile", "Arkistointipalvelu (vanhat asiakirjat)", "--format", "json",
                       "--deployed", "Sosiaalihuollon asiakastiedon arkisto käytössä")
    answer = json.loads(out)
    assert code == 0 and answer["profile"] == "ARK" and answer["items"] == ["SOS-VANHAT"]


def test_excluded_items_carry_a_reason():
    code, out, _ = run("orders", "--profile", "SOS-V2", "--format", "json")
    answer = json.loads(out)
    excluded = {e["id"]: e["reason"] for e in answer["excluded"]}
    assert "SOS-LV-HAKU" in excluded and "SOS-LV-LUP" in excluded["SOS-LV-HAKU"]
    assert "SOS-LV-HAKU" not in answer["items"] and "SOS-LV-LUP" in answer["not_allowed"]


def test_check_not_allowed_gives_exit_1_and_violations():
    code, out, _ = run("check", "--profile", "SOS-LV", "--order", "SOS,SOS-LV-LUP", "--format", "json")
    answer = json.loads(out)
    assert code == 1 and answer["allowed"] is False
    assert answer["violations"][0]["position"] == 2
    assert answer["violations"][0]["missing"][0] == "SOS-LV-INF"


def test_next_json():
    code, out, _ = run("next", "--profile", "SOS-LV", "--deployed", "SOS", "--format", "json")
    answer = json.loads(out)
    assert code == 0
    assert set(answer["available"]) == {"SOS-V1-ARK", "SOS-VANHAT"}
    assert all(set(b) >= {"id", "missing"} for b in answer["blocked"])
    assert all("allowed_by" in n for n in answer["not_allowed"])


@pytest.mark.parametrize("argv", [
    ["orders", "--profile", "NO-SUCH"],
    ["orders", "--profile", "SOS-LV", "--deployed", "NO-SUCH"],
    ["check", "--profile", "SOS-LV", "--order", "SOS,NOPE"],
    ["orders"],
    ["frobnicate"],
    ["orders", "--profile", "SOS-LV", "--list", "-1"],
])
def test_wrong_arguments_exit_2_with_one_line(argv):
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unreadable_table_exit_2(tmp_path):
    bad = tmp_path / "t.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    code, out, err = run("validate", "--table", str(bad))
    assert code == 2 and str(bad) in err and len(err.strip().splitlines()) == 1
    code, _, err = run("validate", "--table", str(tmp_path / "missing.xlsx"))
    assert code == 2 and "missing.xlsx" in err


def test_cyclic_table_gives_exit_1_and_cells(tmp_path):
    folder = write_table(tmp_path / "t", "Tunnus;Nimi;Edellyttää;P\nA;Alpha;C;X\nB;Beta;A;X\nC;Gamma;B;X\nD;Delta;;X\n")
    code, out, err = run("validate", "--table", str(folder), "--format", "json")
    answer = json.loads(out)
    cycle = [f for f in answer["findings"] if f["code"] == "dependency-cycle"]
    assert code == 1 and answer["valid"] is False
    assert sorted(f["cell"] for f in cycle) == ["C2", "C3", "C4"]
    assert all(f["sheet"] == "Osatoteutukset" for f in cycle)
    code, out, err = run("orders", "--table", str(folder), "--profile", "P", "--format", "json")
    answer = json.loads(out)
    assert code == 1 and answer["items"] == ["D"]
    assert {e["id"] for e in answer["excluded"]} == {"A", "B", "C"}


def test_dangling_reference_gives_exit_1_at_the_cell(tmp_path):
    folder = write_table(tmp_path / "t", "Tunnus;Nimi;Edellyttää;P\nA;Alpha;;X\nB;Beta;A, Zeta;X\n")
    code, out, _ = run("validate", "--table", str(folder), "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert [(f["code"], f["cell"]) for f in findings] == [("unknown-reference", "C3")]


def test_csv_format_is_parseable():
    import csv

    code, out, _ = run("next", "--profile", "SOS-V1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["status"] for r in rows} >= {"available", "blocked", "not-allowed"}


def test_english_labels():
    _, out_fi, _ = run("next", "--profile", "SOS-V1")
    _, out_en, _ = run("next", "--profile", "SOS-V1", "--lang", "en")
    assert "Voidaan ottaa käyttöön nyt" in out_fi and "Can be taken into use now" in out_en


def test_groups_level():
    code, out, _ = run("orders", "--profile", "SOS-V2", "--level", "groups", "--format", "json")
    answer = json.loads(out)
    assert code == 0
    assert answer["items"] == ["phase-1", "phase-2", "old"] or set(answer["items"]) == {"old", "phase-1", "phase-2"}
    position = {g: k for k, g in enumerate(answer["recommended"])}
    assert position["phase-1"] < position["phase-2"]


def test_report_writes_the_batch_files(tmp_path):
    code, out, err = run("report", "--out", str(tmp_path / "out"), "--today", "2026-11-25")
    assert code == 1  # the shipped example names an unknown profile and an unknown item on purpose
    assert "unknown-profile" in err and "unknown-item" in err and "Traceback" not in err
    for name in ("organisaatiot.csv", "tehtavat.csv", "profiilit.csv", "raportti.xlsx"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    assert (tmp_path / "out" / "organisaatiot.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_report_refuses_to_overwrite_its_input(tmp_path):
    source = Path(__file__).resolve().parents[2] / "data" / "esimerkkiorganisaatiot.csv"
    folder = tmp_path / "out"
    folder.mkdir()
    organisations = folder / "organisaatiot.csv"
    organisations.write_bytes(source.read_bytes())
    before = organisations.read_bytes()
    code, out, err = run("report", "--organisations", str(organisations), "--out", str(folder), "--lang", "en")
    assert code == 2 and "refusing to write over the input" in err
    assert organisations.read_bytes() == before
    assert not (folder / "tehtavat.csv").exists()


def test_console_script_runs_from_any_folder(tmp_path):
    """The installed command finds the shipped workbooks wherever it runs."""
    script = Path(sys.executable).with_name("analyser")
    if not script.exists():
        pytest.skip("the console script is not installed in this environment")
    result = subprocess.run([str(script), "validate", "--format", "json"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_python_dash_m():
    result = subprocess.run([sys.executable, "-m", "analyser", "--version"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0 and "analyser" in result.stdout


def test_plan_json_for_the_readme_question():
    code, out, err = run("plan", "--profile", "SOS-LV", "--deployed", "SOS,SOS-VANHAT,SOS-V1-ARK",
                         "--target", "SOS-LV-HAKU", "--start", "2027-01-01", "--today", "2026-11-25",
                         "--format", "json")
    plan = json.loads(out)
    assert code == 0, err
    assert plan["periods_used"] == plan["lower_bound"] == 3 and plan["optimal"] is True
    assert [e["id"] for e in plan["extensions"]][-1] == "SOS-LV-HAKU"
    assert all(t["due"] for t in plan["tasks"])
    assert {t["id"] for t in plan["tasks"]} == set(plan["items"])


def test_plan_with_period_dates_and_capacity():
    code, out, _ = run("plan", "--profile", "POT", "--period-dates", "2027-02-01, 2027-06-01, 2027-10-01",
                       "--per-period", "3", "--today", "2027-01-01", "--start", "2027-01-01", "--format", "json")
    plan = json.loads(out)
    assert code == 0
    load = {}
    for e in plan["extensions"]:
        load[e["period"]] = load.get(e["period"], 0) + 1
    assert max(load.values()) <= 3 and plan["periods_used"] >= 3
    assert plan["periods"][0]["start"] == "2027-02-01"


@pytest.mark.parametrize("argv", [
    ["plan", "--profile", "SOS-LV", "--target", "NOPE"],
    ["plan", "--profile", "SOS-LV", "--target", "SOS-V2-ALL"],
    ["plan", "--profile", "SOS-LV", "--per-period", "0"],
    ["plan", "--profile", "SOS-LV", "--start", "ensi vuonna"],
])
def test_plan_argument_errors(argv):
    code, out, err = run(*argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_plan_csv_and_english():
    import csv

    code, out, _ = run("plan", "--profile", "SOS-V1", "--today", "2026-11-25", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and all(r["due"] or r["timing"] for r in rows)
    code, out, _ = run("plan", "--profile", "SOS-V1", "--today", "2026-11-25", "--lang", "en")
    assert "Extension plan" in out and "Period" in out


def test_next_with_certification_and_what_if():
    code, out, _ = run("next", "--profile", "SOS-LV", "--deployed", "SOS", "--certified", "SOS-VANHAT",
                       "--format", "json")
    answer = json.loads(out)
    assert answer["available"] == ["SOS-VANHAT"] and answer["waiting_certification"] == ["SOS-V1-ARK"]
    what_if = {w["profile"]: w for w in answer["what_if"]}
    assert "SOS-V2-ALL" in what_if["SOS-V2"]["gains"] and "SOS-LV-INF" in what_if["SOS-V2"]["losses"]
    assert set(what_if) == {"ARK", "SOS-V1", "SOS-V2", "POT"}


@pytest.mark.parametrize("kind,extra", [
    ("dependencies", ["--profile", "SOS-LV"]),
    ("matrix", []),
    ("organisation", ["--profile", "SOS-V2", "--deployed", "SOS,SOS-V1-ARK", "--organisation", "Esimerkkilä"]),
    ("plan", ["--profile", "SOS-LV", "--deployed", "SOS", "--start", "2027-01-01"]),
])
def test_plot_commands_write_svg(tmp_path, kind, extra):
    path = tmp_path / f"{kind}.svg"
    code, out, err = run("plot", kind, "--out", str(path), "--today", "2026-11-25", *extra)
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<text" in text or "<svg" in text


@pytest.mark.parametrize("fmt", ["dot", "graphml", "mermaid", "json"])
def test_export_commands(tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    code, _, err = run("export", "--format", fmt, "--profile", "SOS-LV", "--out", str(path))
    assert code == 0, err
    assert "SOS-LV-HAKU" in path.read_text(encoding="utf-8")


def test_plot_refuses_to_overwrite_the_table(tmp_path):
    import shutil

    table = tmp_path / "t.xlsx"
    shutil.copy(Path(__file__).resolve().parents[2] / "data" / "riippuvuustaulukko.xlsx", table)
    before = table.read_bytes()
    code, _, err = run("export", "--table", str(table), "--format", "json", "--out", str(table))
    assert code == 2 and table.read_bytes() == before


def test_orders_rank_unrank_and_freedom_agree_with_the_list():
    code, out, _ = run("orders", "--profile", "SOS-LV", "--deployed", "SOS,SOS-V1-ARK", "--list", "100",
                       "--format", "json")
    listed = json.loads(out)["orders"]
    assert code == 0 and len(listed) == json.loads(out)["count"]
    for k in (0, 7, len(listed) - 1):
        code, out, _ = run("orders", "--profile", "SOS-LV", "--deployed", "SOS,SOS-V1-ARK", "--unrank", str(k),
                           "--rank", ",".join(listed[k]), "--freedom", "--format", "json")
        answer = json.loads(out)
        assert answer["unranked"]["order"] == listed[k] and answer["rank"]["rank"] == k
    freedom = answer["freedom"]
    for item, pos in freedom["positions"].items():
        places = [order.index(item) + 1 for order in listed]
        assert (pos["earliest"], pos["latest"]) == (min(places), max(places))
    for item, n in freedom["first"].items():
        assert n == sum(1 for order in listed if order[0] == item)
    a, b = "SOS-V1-HAKU", "SOS-VANHAT"
    share = sum(1 for o in listed if o.index(a) < o.index(b))
    from fractions import Fraction

    assert Fraction(freedom["precedes"][a][b]["fraction"]) == Fraction(share, len(listed))
