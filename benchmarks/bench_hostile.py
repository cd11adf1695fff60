"""Benchmark of the hostile corpus (not a test): ``python benchmarks/bench_hostile.py [--repeats N] [-k TEXT]``.

Builds every case of ``tests/hostile_cases.py`` -- the broken, hostile and odd
inputs ``tests/load/test_hostile.py`` checks, and the readers' speed cases at
full size (``SPEED_CASES``: a 10 MB CSV line of 1.4 million fields, a
20,000-row .ods, 50,000 organisations with broken rows, 200,000 organisations
in CSV, .xlsx and .ods) -- and times the real CLI on it, in-process, the
fastest of a few runs (a case whose command is "read" times the library
reading its file, as ``hostile_cases.read_run`` does). Beside each case it
prints a baseline measured in the same run, and the ratio of the two: for a
report, the same report on the clean inputs (three small valid CSV files;
drawing the diagrams too where the case draws them); for a reading
(``validate`` or "read"), reading the shipped table and task workbook. The
baselines are measured before and after the cases and the fastest run
counts. A busy machine slows a case and its baseline alike, so the ratio is
what to compare between runs and machines.

The targets are the wall-clock bounds the test suite used to assert: 2 s for a
run, a looser bound for the whole report over long cells, and 2 s for reading
that report's inputs alone. They are shown as ratios of the same baseline, and
the last line says how many cases are within their target.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

REPEATS = 3


@dataclass
class Row:
    name: str
    command: str  # "report", "report + diagrams", "validate" or "read"
    seconds: float
    target: float
    code: int
    expected: int | None = None  # the exit code the test expects (None: not checked)
    said: str = ""  # the last line on standard error


def best_of(make_argv, repeats: int) -> tuple[float, int, str]:
    """The fastest of ``repeats`` in-process runs of the CLI, the last exit code and the last line on
    standard error; ``make_argv(i)`` gives run i its command line (a fresh output folder each time),
    built outside the timing."""
    from analyser.cli import main

    best, code, err = math.inf, -1, io.StringIO()
    for i in range(repeats):
        argv = [str(a) for a in make_argv(i)]
        err = io.StringIO()
        t = time.perf_counter()
        code = main(argv, stdout=io.StringIO(), stderr=err)
        best = min(best, time.perf_counter() - t)
    return best, code, (err.getvalue().splitlines() or [""])[-1]


def kind(command: str, diagrams: bool) -> str:
    return "report + diagrams" if command == "report" and diagrams else command


def baseline_of(command: str) -> str:
    """The baseline a kind of run is held against: reading alone ("read") against reading the shipped workbooks."""
    return "validate" if command == "read" else command


def best_read(case, inputs, repeats: int) -> tuple[float, int, str]:
    """The fastest of ``repeats`` in-process readings of the case's file, its exit code and last line."""
    from hostile_cases import read_run

    best, run = math.inf, None
    for _ in range(repeats):
        t = time.perf_counter()
        run = read_run(case, inputs)
        best = min(best, time.perf_counter() - t)
    return best, run.code, (run.lines or [""])[-1]


def baselines(tmp: Path, repeats: int) -> dict[str, float]:
    """The baseline of each kind of run: the same report on the clean inputs, and reading the shipped
    table and task workbook for ``validate``."""
    from hostile_cases import input_files, report_argv

    folder = tmp / "clean"
    folder.mkdir(exist_ok=True)
    inputs = input_files(folder)

    def fresh() -> Path:
        return Path(tempfile.mkdtemp(dir=tmp)) / "out"

    runs = {
        "report": best_of(lambda i: report_argv(inputs, fresh()), repeats),
        "report + diagrams": best_of(lambda i: report_argv(inputs, fresh(), diagrams=True), repeats),
        "validate": best_of(lambda i: ["validate"], repeats),
    }
    for name, (_, code, said) in runs.items():
        if code != 0:
            print(f"baseline {name}: exit {code}, not 0: {said[:200]}")
    return {name: seconds for name, (seconds, _, _) in runs.items()}


def measure(case, repeats: int) -> list[Row]:
    """The case's run, and for a case with a looser target, the reading of its inputs alone."""
    import pytest

    from hostile_cases import SECOND, case_argv, prepare, validate_argv

    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp, pytest.MonkeyPatch.context() as patch:
        tmp = Path(tmp)
        folder = tmp / "in"
        folder.mkdir()
        inputs, _ = prepare(case, folder)
        if case.setup:
            case.setup(patch)
        if case.command == "read":
            seconds, code, said = best_read(case, inputs, repeats)
        else:
            seconds, code, said = best_of(lambda i: case_argv(case, inputs, tmp / f"out{i}"), repeats)
        rows = [Row(case.id, kind(case.command, case.diagrams), seconds, case.seconds, code, case.exit, said)]
        if case.seconds > SECOND and case.command != "read":
            seconds, code, said = best_of(lambda i: validate_argv(inputs), repeats)
            rows.append(Row(f"{case.id} (reading)", "validate", seconds, SECOND, code, said=said))
    return rows


def fmt_seconds(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def print_table(rows: list[Row], base: dict[str, float]) -> None:
    head = ("case", "command", "exit", "time", "baseline", "ratio", "target", "target ratio", "within")
    lines = []
    for r in rows:
        exit_text = str(r.code) if r.expected in (None, r.code) else f"{r.code} (expected {r.expected})"
        b = base[baseline_of(r.command)]
        lines.append((r.name, r.command, exit_text, fmt_seconds(r.seconds), fmt_seconds(b),
                      f"{r.seconds / b:.2f}x", fmt_seconds(r.target),
                      f"{r.target / b:.1f}x", "yes" if r.seconds < r.target else "NO"))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print("  ".join(c.rjust(w) if i >= 2 else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=REPEATS, help="runs per case; the fastest counts")
    ap.add_argument("-k", default="", help="only the cases whose id holds this text")
    args = ap.parse_args(argv)

    import importlib

    from hostile_cases import CASES, SPEED_CASES

    for name in ("openpyxl", "xlrd", "analyser.plot"):  # imported once, so no case pays for them
        importlib.import_module(name)
    cases = [c for c in CASES + SPEED_CASES if args.k in c.id]
    print(f"hostile corpus benchmark  (python {sys.version.split()[0]}, cores {os.cpu_count()}, "
          f"{len(cases)} cases, fastest of {args.repeats} runs each)\n")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        before = baselines(Path(tmp), args.repeats)
        rows = [row for case in cases for row in measure(case, args.repeats)]
        after = baselines(Path(tmp), args.repeats)
    base = {name: min(before[name], after[name]) for name in before}
    print("Baselines (before the cases, after them; the faster counts):")
    for name, what in (("report", "report on the clean inputs, three small valid CSV files"),
                       ("report + diagrams", "the same, drawing the diagrams"),
                       ("validate", "reading the shipped table and task workbook")):
        print(f"  {name:18s} {fmt_seconds(before[name]):>9s} {fmt_seconds(after[name]):>9s}  {what}")
    print()
    print_table(rows, base)

    within = {case.id for case in cases}
    for r in rows:
        if r.seconds >= r.target:
            within.discard(r.name.removesuffix(" (reading)"))
    slowest = max(rows, key=lambda r: r.seconds / base[baseline_of(r.command)])
    wrong = [r for r in rows if r.expected is not None and r.code != r.expected]
    print(f"\nslowest against its baseline: {slowest.name}, {slowest.seconds / base[baseline_of(slowest.command)]:.1f}x "
          f"({fmt_seconds(slowest.seconds)})")
    for r in wrong:
        print(f"{r.name}: exit {r.code}, the test expects {r.expected}: {r.said[:200]}")
    print(f"{len(within)} of {len(cases)} cases within their target")
    return 0 if len(within) == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
