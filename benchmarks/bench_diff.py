"""Benchmark of ``analyser diff`` with impact (not a test): ``python benchmarks/bench_diff.py [ROWS] [ITEMS]``.

Generates two versions of a dependency table of ITEMS (default 200) items as
.xlsx workbooks — eight services, each a forest of requirements, five
profiles, availability dates — where the new version renames, removes and
adds items, moves requirements, flips marks and moves dates; and ROWS
(default 10,000) fictional organisations on the old version, each with a
profile, a deployed set closed under prerequisites, some with certification
limits, target dates and planned orders. Then times, in the same run, in
fresh processes, the fastest of three runs each:

* ``analyser diff OLD NEW --organisations F --out D`` (the changes and what they mean for every organisation);
* ``analyser report --table OLD --organisations F --out D`` and the same on NEW: two separate reports.

Prints the times, the ratio of the diff to the two reports together, and
whether the target (the diff with impact costs less than the two reports)
is met.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROFILES = ("P1", "P2", "P3", "P4", "P5")
SERVICES = 8
REPEATS = 3
TODAY = "2026-11-25"


def make_table(items: int, seed: int = 2026) -> dict:
    """The old version as plain data: id -> {name, service, requires, marks, available}."""
    rng = random.Random(seed)
    table: dict[str, dict] = {}
    per = items // SERVICES
    for s in range(1, SERVICES + 1):
        allowed_by = {p for p in PROFILES if rng.random() < 0.5} or {rng.choice(PROFILES)}
        for k in range(per + (1 if s <= items % SERVICES else 0)):
            item = f"S{s}-{k:03d}"
            earlier = [i for i in table if i.startswith(f"S{s}-")]
            table[item] = {
                "name": f"Osatoteutus {s}.{k}", "service": f"Palvelu {s}",
                "requires": [rng.choice(earlier)] if earlier and rng.random() < 0.85 else [],
                "marks": {p: ("X" if rng.random() < 0.9 else "osittain") if p in allowed_by and rng.random() < 0.85
                          else "" for p in PROFILES},
                "available": dt.date(rng.randint(2024, 2027), rng.randint(1, 12), 1) if rng.random() < 0.3 else None,
            }
    return table


def new_version(old: dict, seed: int = 7) -> dict:
    """The old table with about one item in ten edited: renames, removals, additions, moved requirements,
    flipped marks and moved dates (the requirements stay a forest)."""
    rng = random.Random(seed)
    table = {k: {**v, "requires": list(v["requires"]), "marks": dict(v["marks"])} for k, v in old.items()}
    ids = list(table)
    required = {r for v in table.values() for r in v["requires"]}
    for item in rng.sample([i for i in ids if i not in required], 3):  # removed leaves
        del table[item]
    ids = list(table)
    for item in rng.sample(ids, 5):  # renamed: a new id, the same name
        new = item + "-U"
        table = {(new if k == item else k): v for k, v in table.items()}
        for v in table.values():
            v["requires"] = [new if r == item else r for r in v["requires"]]
    ids = list(table)
    for k in range(5):  # added
        parent = rng.choice(ids)
        table[f"UUSI-{k}"] = {**table[parent], "name": f"Uusi osatoteutus {k}", "requires": [parent],
                              "marks": dict(table[parent]["marks"]), "available": None}
    for item in rng.sample(ids, 10):  # a requirement moved to another earlier item of the service
        earlier = [i for i in ids[:ids.index(item)] if i.split("-")[0] == item.split("-")[0]]
        if earlier:
            table[item]["requires"] = [rng.choice(earlier)]
    for item in rng.sample(ids, 10):  # a flipped mark
        p = rng.choice(PROFILES)
        table[item]["marks"][p] = "" if table[item]["marks"][p] else "X"
    for item in rng.sample(ids, 10):  # a moved date
        table[item]["available"] = dt.date(2027, rng.randint(1, 12), 1)
    return table


def write_table(table: dict, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Osatoteutukset"
    sheet.append(["Tunnus", "Osatoteutus", "Palvelu", "Edellyttää", "Saatavilla alkaen", *PROFILES])
    for item, v in table.items():
        sheet.append([item, v["name"], v["service"], ", ".join(v["requires"]), v["available"],
                      *(v["marks"][p] or None for p in PROFILES)])
    profiles = book.create_sheet("Profiilit")
    profiles.append(["Tunnus", "Nimi"])
    for p in PROFILES:
        profiles.append([p, f"Profiili {p}"])
    book.save(path)


def write_organisations(table: dict, path: Path, rows: int, seed: int = 2026) -> None:
    from bench_report import organisation_lines

    allowed = {p: [i for i, v in table.items() if v["marks"][p]] for p in PROFILES}
    lines = organisation_lines(rows, allowed, {i: v["requires"] for i, v in table.items()}, seed)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


_RUN = """
import io, sys, time
sys.path.insert(0, sys.argv[1])
from analyser.cli import main
t = time.perf_counter()
code = main(sys.argv[2:], stdout=io.StringIO(), stderr=io.StringIO())
print(time.perf_counter() - t, code)
"""


def measure(*argv: str) -> tuple[float, int]:
    """The fastest of :data:`REPEATS` runs of ``analyser ARGV`` in fresh processes (seconds, exit code)."""
    runs = []
    for _ in range(REPEATS):
        result = subprocess.run([sys.executable, "-c", _RUN, str(ROOT), *argv], capture_output=True, text=True,
                                check=True)
        seconds, code = result.stdout.split()
        runs.append((float(seconds), int(code)))
    return min(runs)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        old = make_table(items)
        new = new_version(old)
        write_table(old, tmp / "vanha.xlsx")
        write_table(new, tmp / "uusi.xlsx")
        write_organisations(old, tmp / "organisaatiot.csv", rows)
        print(f"generated two tables of {len(old)} and {len(new)} items and {rows} organisations "
              f"in {time.perf_counter() - t:.1f} s")
        from analyser.cli import main as cli

        out = io.StringIO()
        cli(["diff", str(tmp / "vanha.xlsx"), str(tmp / "uusi.xlsx"), "--format", "json"], stdout=out,
            stderr=io.StringIO())
        import json

        print(f"changes between the versions: {len(json.loads(out.getvalue())['changes'])}")
        diff_time, diff_code = measure("diff", str(tmp / "vanha.xlsx"), str(tmp / "uusi.xlsx"), "--organisations",
                                       str(tmp / "organisaatiot.csv"), "--out", str(tmp / "diff"), "--today", TODAY,
                                       "--format", "json")
        reports = []
        for name in ("vanha", "uusi"):
            reports.append(measure("report", "--table", str(tmp / f"{name}.xlsx"), "--organisations",
                                   str(tmp / "organisaatiot.csv"), "--out", str(tmp / f"report-{name}"),
                                   "--today", TODAY, "--format", "json"))
        both = reports[0][0] + reports[1][0]
        print(f"{'':40}{'time s':>9}{'exit':>6}")
        print(f"{'analyser diff with --organisations':40}{diff_time:9.2f}{diff_code:6d}")
        print(f"{'analyser report on the old table':40}{reports[0][0]:9.2f}{reports[0][1]:6d}")
        print(f"{'analyser report on the new table':40}{reports[1][0]:9.2f}{reports[1][1]:6d}")
        print(f"{'the two reports together':40}{both:9.2f}")
        print(f"ratio diff / two reports: {diff_time / both:.2f}")
        print(f"target (the diff with impact costs less than the two reports): "
              f"{'met' if diff_time < both else 'NOT met'}")


if __name__ == "__main__":
    main()
