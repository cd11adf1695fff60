"""What the commands share: the exit codes, reading the workbooks, making the
situation, date and order arguments, printing findings, writing JSON and CSV."""

from __future__ import annotations

import contextlib
import gc
import json
from typing import Sequence, TextIO

from analyser.findings import Finding, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def print_findings(findings: Sequence[Finding], err: TextIO, lang: str = "fi") -> None:
    for finding in findings:
        err.write(finding.line(lang) + "\n")


def dump_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def write_csv(header, rows, out: TextIO) -> None:
    from analyser.output import csv_text

    out.write(csv_text(header, rows, "rfc4180"))


def stdin_once(args) -> None:
    """Refuse more than one input read from standard input (``-``): the first would take it all."""
    named = [f"--{name}" for name in ("table", "tasks", "organisations") if getattr(args, name, None) == "-"]
    named += [name.upper() for name in ("old", "new") if getattr(args, name, None) == "-"]  # diff's two tables
    named += [f"--{name.replace('_', '-')}" for name in ("tasks_old", "tasks_new") if getattr(args, name, None) == "-"]
    if len(named) > 1:
        raise UsageError("stdin_twice", options=named)


def load(args, *, with_tasks: bool = True):
    from analyser.load.catalogue import load_catalogue

    return load_catalogue(args.table, args.tasks, with_tasks=with_tasks)


def resolved(args, err: TextIO, resolve, *refs, **options):
    """What ``resolve`` (a resolver of :mod:`analyser.planning.situation`) makes of what the user typed.

    The resolver accepts a unique prefix when it may keep notes; each
    reference taken otherwise than by its exact id (a name, another
    spelling, a prefix) is said on standard error, so nothing is guessed
    silently. An unknown one raises UnknownReference with the closest matches.
    """
    notes: list = []
    value = resolve(*refs, notes=notes, **options)
    for note in notes:
        err.write(f"analyser: {note.text(args.lang)}\n")
    return value


def make_situation(args, catalogue, err: TextIO):
    from analyser.model import build_graph
    from analyser.planning.situation import Situation, resolve_items, resolve_profile

    profile = resolved(args, err, resolve_profile, catalogue, args.profile)
    deployed = resolved(args, err, resolve_items, catalogue, args.deployed, "--deployed")
    certified = getattr(args, "certified", None)
    if certified is not None:
        certified = tuple(resolved(args, err, resolve_items, catalogue, certified, "--certified"))
    return Situation(catalogue, build_graph(catalogue), profile, deployed=tuple(deployed), certified=certified)


def date_arg(value: str | None, option: str):
    from analyser.findings import BadDate
    from analyser.text.vocabulary import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except BadDate:
        raise UsageError("date_option", option=option, value=value) from None


def order_arg(args, catalogue, err: TextIO, option: str = "--order") -> list[str]:
    """Ids of a planned order (``--order`` or ``--rank``), keeping repeats (they are violations, not usage errors)."""
    from analyser.planning.situation import resolve_items
    from analyser.text.vocabulary import split_list

    text = getattr(args, option[2:])
    if not split_list(text):
        raise UsageError("empty_option", option=option)
    return resolved(args, err, resolve_items, catalogue, text, option, unique=False)


def name(catalogue, item_id: str, answer: dict) -> str:
    labels = answer.get("labels") or {}
    if item_id in labels:
        return labels[item_id]
    item = catalogue.find_item(item_id)
    return item.name if item else item_id


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a batch is read and analysed.

    A batch builds several objects per organisation, and its files several
    more; the collector would walk them again and again as they pile up (a
    third of the time of a 100 000-row run). They hold no reference cycles,
    so nothing is lost. The diagrams are drawn with the collector running
    (each drawing is a web of cycles), the batch frozen out of its way.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
