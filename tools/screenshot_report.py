"""Make docs/raportti.png: the shipped example's HTML report (in Finnish) as headless Chromium shows it.

    python tools/screenshot_report.py [--out docs/raportti.png] [--width 1280] [--height 1200]

Runs ``analyser report`` on the shipped workbooks and example organisations (on the examples' day,
:data:`analyser.examples.EXAMPLE_DAY`, so that what is late does not depend on when it is run) into a
temporary folder, opens its raportti.html offline in headless Chromium (driven by tests/chromium.py) and
saves the top of the page as PNG. Exits 2, saying why, when Chromium is missing or the page asked for
anything from the network or logged an error.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "raportti.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1200)
    args = parser.parse_args(argv)

    from chromium import Browser, find_chromium

    from analyser.cli import main as analyser
    from analyser.examples import EXAMPLE_DAY
    from analyser.output import write_atomic

    if find_chromium() is None:
        print("chromium is not installed (Debian package 'chromium')", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        err = io.StringIO()
        os.chdir(ROOT)  # the inputs named as a planner would, relative to the project (the summary shows them)
        analyser(["report", "--table", "data/riippuvuustaulukko.xlsx", "--tasks", "data/kayttoonottotehtavat.xlsx",
                  "--organisations", "data/esimerkkiorganisaatiot.csv", "--today", EXAMPLE_DAY.isoformat(),
                  "--out", folder, "--lang", "fi"], stdout=io.StringIO(), stderr=err)
        page = Path(folder) / "raportti.html"
        if not page.is_file():
            print(err.getvalue(), file=sys.stderr)
            return 2
        with Browser(width=args.width, height=args.height) as browser:
            tab = browser.open(page)
            if tab.requests or tab.errors:
                print(f"the report asked for {tab.requests} and logged {tab.errors}", file=sys.stderr)
                return 2
            png = tab.screenshot()
    write_atomic(args.out, png)
    print(f"{args.out}: {len(png)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
