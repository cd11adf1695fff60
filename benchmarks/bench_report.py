"""Benchmark of the batch report (not a test): ``python benchmarks/bench_report.py [ROWS]``.

Generates ROWS (default 100,000) fictional organisations over the shipped
table — each with a profile, a deployed set closed under prerequisites, some
with certification limits, target dates and planned orders — and times, in
the same run:

* the baseline: reading and writing the same CSV with pandas;
* the whole report: reading the organisations, the analysis, and writing
  organisaatiot.csv, tehtavat.csv, profiilit.csv and raportti.xlsx;
* for scale, reading and writing the report's own two big CSV files with
  pandas (the output is some 30 times the size of the input).

The report's own second processes (task list, workbook, HTML page) are
reported separately: their peak memory is not the report process's.
Last, a report with ``--diagrams all`` over the first 1,000 organisations
shows what drawing every organisation costs.

Each is run in a fresh process so peak memory (max RSS) is its own; the
baseline, the report and pandas on the report's CSV files are run three
times each and the fastest run counts. Prints
rows per second, peak memory and the ratio to the baseline, and whether the
targets (the whole report within 1x of pandas reading the input and writing
the report's own CSV files, as restated in issue 16; under 30 s) are met.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: organisations of the ``--diagrams all`` run (a drawing per distinct situation is the slow part)
DIAGRAM_ROWS = 1000


def organisation_lines(rows: int, allowed: dict, requires: dict, seed: int = 2026) -> list[str]:
    """An organisations file's lines: each row a profile (a key of ``allowed``: the items it allows), a
    deployed set closed under ``requires``, and for some a certification limit, a target date and a plan."""
    rng = random.Random(seed)
    profiles = list(allowed)
    lines = ["Organisaatio;Tietojärjestelmäprofiili;Käytössä;Sertifioitu;Tavoitepäivä;Suunniteltu järjestys"]
    for n in range(rows):
        profile = rng.choice(profiles)
        deployed: list[str] = []
        for item in sorted(allowed[profile]):
            if all(r in deployed for r in requires[item]) and rng.random() < 0.4:
                deployed.append(item)
        deployed = [i for i in deployed if all(r in deployed for r in requires[i])]
        rest = [i for i in allowed[profile] if i not in deployed]
        certified = ", ".join(rng.sample(rest, k=min(len(rest), 3))) if rest and rng.random() < 0.3 else ""
        target = f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2027"
        planned = ", ".join(rng.sample(rest, k=min(len(rest), 3))) if rest and rng.random() < 0.5 else ""
        lines.append(f"Organisaatio {n:06d} Oy;{profile};{', '.join(deployed)};{certified};{target};{planned}")
    return lines


def generate(path: Path, rows: int, seed: int = 2026) -> None:
    from analyser.load.catalogue import load_catalogue

    catalogue = load_catalogue(with_tasks=False)
    items = {i.id: i for i in catalogue.items}
    allowed = {p.id: [i for i in items if items[i].allowed_by(p.id)] for p in catalogue.profiles}
    lines = organisation_lines(rows, allowed, {i: items[i].requires for i in items}, seed)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


_BASELINE = """
import sys, time, resource
import pandas as pd
t = time.perf_counter()
frame = pd.read_csv(sys.argv[1], sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
frame.to_csv(sys.argv[2], sep=";", index=False, encoding="utf-8-sig")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_OUTPUT_BASELINE = """
import sys, time, resource
import pandas as pd
reading = writing = 0.0
for name in sys.argv[2:]:
    t = time.perf_counter()
    frame = pd.read_csv(sys.argv[1] + "/" + name, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    reading += time.perf_counter() - t
    t = time.perf_counter()
    frame.to_csv(sys.argv[1] + "/copy-" + name, sep=";", index=False, encoding="utf-8-sig")
    writing += time.perf_counter() - t
print(reading + writing, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, writing)
"""

_REPORT = """
import io, sys, time, resource
sys.path.insert(0, sys.argv[3])
from analyser.cli import main
t = time.perf_counter()
code = main(["report", "--organisations", sys.argv[1], "--out", sys.argv[2], "--today", "2026-11-25",
             "--format", "json", *sys.argv[4:]], stdout=io.StringIO(), stderr=io.StringIO())
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


REPEATS = 3


def measure(script: str, *args: str, repeats: int = 1) -> list[str]:
    """Run ``script`` in a fresh process ``repeats`` times; the fields of the fastest run."""
    runs = []
    for _ in range(repeats):
        result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
        runs.append(result.stdout.split())
    return min(runs, key=lambda fields: float(fields[0]))


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "organisaatiot_in.csv"
        t = time.perf_counter()
        generate(source, rows)
        print(f"generated {rows} organisations in {time.perf_counter() - t:.1f} s "
              f"({source.stat().st_size / 1e6:.1f} MB)")
        base_time, base_rss = measure(_BASELINE, str(source), str(tmp / "copy.csv"), repeats=REPEATS)
        report_time, report_rss, code, child_rss = measure(_REPORT, str(source), str(tmp / "out"), str(ROOT),
                                                           repeats=REPEATS)
        base_time, report_time = float(base_time), float(report_time)
        sizes = {p.name: p.stat().st_size for p in sorted((tmp / "out").iterdir()) if p.is_file()}
        out_time, out_rss, out_write = measure(_OUTPUT_BASELINE, str(tmp / "out"), "organisaatiot.csv",
                                               "tehtavat.csv", repeats=REPEATS)
        out_time, out_write = float(out_time), float(out_write)
        ratio = report_time / base_time
        print(f"{'':24}{'time s':>9}{'rows/s':>12}{'peak MB':>10}")
        print(f"{'pandas read+write':24}{base_time:9.2f}{rows / base_time:12,.0f}{int(base_rss) / 1024:10.0f}")
        print(f"{'analyser report':24}{report_time:9.2f}{rows / report_time:12,.0f}{int(report_rss) / 1024:10.0f}")
        print(f"{'pandas on the output CSVs':24}{out_time:9.2f}{rows / out_time:12,.0f}{int(out_rss) / 1024:10.0f}")
        print(f"(the report writes its task list, workbook and HTML page in second processes: "
              f"their peak {int(child_rss) / 1024:.0f} MB)")
        print(f"ratio report / baseline: {ratio:.1f}x  (exit code {code})")
        print(f"ratio report / reading and writing the report's own CSV files with pandas: "
              f"{report_time / out_time:.1f}x")
        total = sum(sizes.values())
        print("files: " + json.dumps({k: f"{v / 1e6:.1f} MB" for k, v in sizes.items()})
              + f"; {total / source.stat().st_size:.0f} times the input")
        print(f"pandas merely writing the report's two big CSV files (already in memory): {out_write:.2f} s, "
              f"{out_write / base_time:.0f}x the baseline")
        own = report_time / out_time
        print(f"target within 1x of pandas reading the input and writing the report's own CSV files "
              f"(issue 16): {'met' if own <= 1 else 'NOT met'} ({own:.2f}x)")
        print(f"target under 30 s: {'met' if report_time < 30 else 'NOT met'}")

        # --diagrams all: one drawing per distinct situation, one file per organisation
        few = min(rows, DIAGRAM_ROWS)
        subset = tmp / "few.csv"
        subset.write_text("".join(source.read_text(encoding="utf-8-sig").splitlines(keepends=True)[:few + 1]),
                          encoding="utf-8")
        from analyser.load.catalogue import load_catalogue
        from analyser.load.organisations import read_organisations

        read, _ = read_organisations(subset, load_catalogue(with_tasks=False))
        situations = len({(r.profile, r.deployed, r.certified) for r in read if r.profile})
        took, peak, code, child_peak = measure(_REPORT, str(subset), str(tmp / "drawn"), str(ROOT), "--diagrams", "all")
        drawn = list((tmp / "drawn" / "kaaviot").iterdir())
        print(f"--diagrams all over {few} organisations ({situations} distinct situations): {float(took):.1f} s, "
              f"{len(drawn)} files, {sum(f.stat().st_size for f in drawn) / 1e6:.0f} MB, peak "
              f"{int(peak) / 1024:.0f} MB (second processes {int(child_peak) / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
