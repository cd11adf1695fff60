"""Benchmark of the command line's start (not a test): ``python benchmarks/bench_cli.py [RUNS]``.

Times, in the same run and in fresh processes, on the shipped example:

* the baseline, ``python -c "import networkx, numpy"``;
* ``analyser next --profile SOS-LV``;
* the README's ``analyser report`` (into a temporary folder);

each RUNS times (default 7), round robin so that a busy moment of the
machine falls on all of them alike; the fastest run counts. The parse cache
is reported cold (an empty cache folder each run) and warm (filled by an
earlier run) separately.

Python compiles the package's sources to bytecode once and keeps it, as an
installed package does; here it is kept in a private folder
(``PYTHONPYCACHEPREFIX``), so nothing is written into the checkout. One more
line shows ``next`` compiling its sources on every run, as it does where
``PYTHONDONTWRITEBYTECODE`` is set. Prints the times and the ratios against
the targets of issue 16: ``report <= 3x next`` and ``next <= 1x`` the import
line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7


def _analyser() -> list[str]:
    script = Path(sys.executable).with_name("analyser")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "analyser"]


def _timed(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    run = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({run.returncode}): {run.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    try:
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base.update(MPLBACKEND="Agg", PYTHONPYCACHEPREFIX=str(work / "pycache"))
        warm = {**base, "ANALYSER_CACHE_DIR": str(work / "cache")}
        analyser = _analyser()
        cases = {
            "import networkx, numpy": ([sys.executable, "-c", "import networkx, numpy"], None),
            "next, cache cold": ([*analyser, "next", "--profile", "SOS-LV"], "cold"),
            "next, cache warm": ([*analyser, "next", "--profile", "SOS-LV"], warm),
            "report, cache cold": ([*analyser, "report", "--out", str(work / "out")], "cold"),
            "report, cache warm": ([*analyser, "report", "--out", str(work / "out")], warm),
            "next, sources compiled each run": ([*analyser, "next", "--profile", "SOS-LV"],
                                                {**warm, "PYTHONDONTWRITEBYTECODE": "1",
                                                 "PYTHONPYCACHEPREFIX": str(work / "never")}),
        }
        for argv, env in cases.values():  # compile to bytecode, fill the warm cache
            _timed(argv, warm if env in (None, "cold") else env)
        best = dict.fromkeys(cases, float("inf"))
        for n in range(RUNS):
            for name, (argv, env) in cases.items():
                if env == "cold":
                    env = {**base, "ANALYSER_CACHE_DIR": str(work / f"cold-{name[:4]}-{n}")}
                best[name] = min(best[name], _timed(argv, env or base))
        print(f"Best of {RUNS} runs, fresh processes, the shipped example ({' '.join(analyser)}):")
        for name, seconds in best.items():
            print(f"  {name:34s} {seconds:6.3f} s")
        baseline = best["import networkx, numpy"]
        print("Targets (issue 16):")
        for cache in ("warm", "cold"):
            report, nxt = best[f"report, cache {cache}"], best[f"next, cache {cache}"]
            print(f"  cache {cache}: report / next = {report / nxt:4.2f}x (target <= 3x: "
                  f"{'met' if report <= 3 * nxt else 'NOT met'}); next / import line = {nxt / baseline:4.2f}x "
                  f"(target <= 1x: {'met' if nxt <= baseline else 'NOT met'})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
