"""A command imports only what it uses (issue 16, "a main job that starts fast").

Each command runs in a fresh interpreter through ``main``; what it left in
``sys.modules`` is compared with what it must not need: numpy when nothing
is counted, pandas outside the notebook, matplotlib outside drawing, tqdm
outside a report on a terminal, and openpyxl at all to read a workbook (any
openpyxl import loads its writer, chart modules and numpy). The workbooks are
read with the parse cache off, so that the readers really run, and again
with it warm. Behaviour, not timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("numpy", "pandas", "matplotlib", "openpyxl", "tqdm", "PIL", "scipy")

PROBE = """
import io, json, sys
from analyser.cli import main
code = main(json.loads(sys.argv[1]), stdout=io.StringIO(), stderr=io.StringIO())
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def imported(argv: list[str], *, cache: str, tmp_path) -> tuple[int, set[str]]:
    env = {**os.environ, "MPLBACKEND": "Agg", "ANALYSER_CACHE": cache, "ANALYSER_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True, text=True, env=env,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout.splitlines()[-1])
    return answer["code"], set(answer["modules"])


LIGHT = [
    ["next", "--profile", "SOS-LV"],
    ["next", "--profile", "SOS-LV", "--deployed", "SOS", "--format", "json"],
    ["validate"],
    ["validate", "--format", "csv"],
    ["check", "--profile", "SOS-V1", "--order", "SOS,SOS-V1-ARK"],
    ["orders", "--profile", "SOS-LV", "--list", "3", "--sample", "2"],
    ["plan", "--profile", "SOS-LV", "--today", "2026-11-25"],
    ["export", "--out", "-", "--format", "dot"],
]


@pytest.mark.parametrize("cache", ["0", "1"])
@pytest.mark.parametrize("argv", LIGHT, ids=[" ".join(a[:2]) + ("" if len(a) < 3 else " …") for a in LIGHT])
def test_commands_that_draw_nothing_import_nothing_heavy(argv, cache, tmp_path):
    if cache == "1":
        imported(argv, cache=cache, tmp_path=tmp_path)  # the first run fills the cache
    code, modules = imported(argv, cache=cache, tmp_path=tmp_path)
    assert code == 0
    assert "networkx" in modules and "analyser" in modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_help_and_version_import_not_even_networkx(tmp_path):
    for argv in (["--version"], ["next", "--help"], ["--lang", "en", "--help"]):
        code, modules = imported(argv, cache="1", tmp_path=tmp_path)
        assert code == 0 and not modules & {"networkx", *HEAVY}, (argv, sorted(modules & {"networkx", *HEAVY}))


def test_drawing_a_png_does_import_matplotlib(tmp_path):
    """The probe sees a heavy import where there is one (so the tests above can fail)."""
    code, modules = imported(["plot", "matrix", "--out", str(tmp_path / "m.png")], cache="0", tmp_path=tmp_path)
    assert code == 0 and "matplotlib" in modules and (tmp_path / "m.png").is_file()


@pytest.mark.parametrize("argv", [["plot", "organisation", "--profile", "SOS-LV", "--deployed", "SOS"],
                                  ["report", "--diagrams", "all", "--today", "2026-11-25"]],
                         ids=["plot organisation svg", "report"])
def test_svg_drawings_and_the_report_need_no_matplotlib(argv, tmp_path):
    """SVG is drawn straight from the page (analyser.plot._svg_canvas): the report, with every diagram
    and its HTML page, loads neither matplotlib nor numpy nor pandas."""
    out = tmp_path / ("kuva.svg" if argv[0] == "plot" else "raportti")
    code, modules = imported([*argv, "--out", str(out)], cache="0", tmp_path=tmp_path)
    assert code in (0, 1)
    assert not modules & {"matplotlib", "numpy", "pandas", "PIL"}, sorted(modules & set(HEAVY))
    drawn = [out] if argv[0] == "plot" else list((out / "kaaviot").glob("*.svg"))
    assert drawn and all(path.read_bytes().startswith(b"<?xml") for path in drawn)


def test_reading_dates_from_xlsx_needs_no_openpyxl():
    """The shipped task workbook's periods are date cells: the .xlsx reader reads them by openpyxl's rules
    (analyser.load.numfmt) without importing openpyxl."""
    probe = ("import sys\nfrom analyser.load import numfmt\nfrom analyser.load.catalogue import load_catalogue\n"
             "c = load_catalogue(cache=False)\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[1:])))\n")
    run = subprocess.run([sys.executable, "-c", probe, *HEAVY], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
