"""What the commands share: the exit codes, reading the workbooks, making the
situation, date and order arguments, printing findings, writing JSON and CSV."""

from __future__ import annotations

import json
from typing import Sequence, TextIO

from analyser.findings import Finding, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def print_findings(findings: Sequence[Finding], err: TextIO) -> None:
    for finding in findings:
        err.write(finding.line() + "\n")


def dump_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def write_csv(header, rows, out: TextIO) -> None:
    from analyser.output import csv_text

    out.write(csv_text(header, rows, "rfc4180"))


def load(args, *, with_tasks: bool = True):
    from analyser.load.catalogue import load_catalogue

    return load_catalogue(args.table, args.tasks, with_tasks=with_tasks)


def make_situation(args, catalogue):
    from analyser.model import build_graph
    from analyser.planning.situation import Situation, resolve_items, resolve_profile

    profile = resolve_profile(catalogue, args.profile)
    deployed = resolve_items(catalogue, args.deployed, "--deployed")
    certified = getattr(args, "certified", None)
    if certified is not None:
        certified = tuple(resolve_items(catalogue, certified, "--certified"))
    return Situation(catalogue, build_graph(catalogue), profile, deployed=tuple(deployed), certified=certified)


def date_arg(value: str | None, option: str):
    from analyser.findings import BadDate
    from analyser.text.vocabulary import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except BadDate:
        raise UsageError(f"{option} takes a date (2027-01-31 or 31.1.2027), not {value!r}") from None


def order_arg(catalogue, text: str) -> list[str]:
    """Ids of a planned order, keeping repeats (they are violations, not usage errors)."""
    from analyser.planning.situation import resolve_items
    from analyser.text.vocabulary import split_list

    resolve_items(catalogue, text, "--order")  # unknown items: the usage error
    return [catalogue.find_item(part).id for part in split_list(text)]


def name(catalogue, item_id: str, answer: dict) -> str:
    labels = answer.get("labels") or {}
    if item_id in labels:
        return labels[item_id]
    item = catalogue.find_item(item_id)
    return item.name if item else item_id
