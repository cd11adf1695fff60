"""The argument parser class and the argument groups several commands share.

Each command adds its own arguments (``arguments`` in its module); the
command table (:mod:`analyser.cli._commands`) puts them together.
"""

from __future__ import annotations

import argparse

from analyser.findings import UsageError


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we raise instead
        raise UsageError(f"{self.prog}: {message}")


def common(parser: argparse.ArgumentParser, *, formats=("text", "json", "csv")) -> None:
    parser.add_argument("--table", metavar="FILE",
                        help="dependency table (.xlsx .xlsm .xls .ods, .csv or a folder of .csv); "
                             "default: the shipped data/riippuvuustaulukko.xlsx")
    parser.add_argument("--tasks", metavar="FILE",
                        help="task workbook; default: the shipped data/kayttoonottotehtavat.xlsx")
    parser.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
    parser.add_argument("--lang", choices=("fi", "en"), default="fi", help="language of the tool's own words")


def situation(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", required=True, metavar="P", help="information-system profile (id or name)")
    parser.add_argument("--deployed", metavar="IDS", default="",
                        help="items already in use, ids or names separated by commas")


def certified(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--certified", metavar="IDS", default=None,
                        help="items the organisation's system is certified for (default: no limit)")


def plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", metavar="ITEM", help="plan only the path to this item")
    parser.add_argument("--start", metavar="DATE", help="plan from this date (default: today)")
    parser.add_argument("--today", metavar="DATE", help="today's date, for late tasks and closed registrations")
    parser.add_argument("--per-period", type=int, metavar="K", dest="per_period",
                        help="at most K extensions per period (default: unlimited)")
    parser.add_argument("--same-period", action="store_true",
                        help="let an item go live in the same period as its prerequisites")
    parser.add_argument("--period-dates", metavar="DATES",
                        help="start dates of the deployment periods, instead of the task workbook's sheet")
