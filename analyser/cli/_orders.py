"""``analyser orders``: the allowed orders of the items still to deploy."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, dump_json, load, make_situation, name, order_arg,
                                  print_findings, write_csv)
from analyser.findings import AnalyserError, UsageError


def arguments(p) -> None:
    _parser.common(p)
    _parser.situation(p)
    p.add_argument("--list", type=int, metavar="N", dest="list_n", help="list the first N orders")
    p.add_argument("--sample", type=int, metavar="N", dest="sample_n", help="draw N orders uniformly at random")
    p.add_argument("--seed", type=int, default=0, help="seed for --sample (default 0)")
    p.add_argument("--level", choices=("items", "groups"), default="items",
                   help="order items, or whole document groups")
    p.add_argument("--budget", type=int, default=None, metavar="STATES",
                   help="most counting states to use before giving up")
    p.add_argument("--rank", metavar="IDS", help="position (from 0) of this order among the listed orders")
    p.add_argument("--unrank", type=int, metavar="K", help="the order at position K (from 0)")
    p.add_argument("--freedom", action="store_true",
                   help="earliest and latest position of each item, and how likely one comes before another")


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.report.briefing import render_orders

    catalogue = load(args, with_tasks=False)
    situation = make_situation(args, catalogue)
    print_findings([*catalogue.findings, *situation.findings], err)
    for option in ("list_n", "sample_n"):
        if getattr(args, option) is not None and getattr(args, option) < 0:
            raise UsageError(f"--{option[:-2]} takes a number of orders, 0 or more")
    answer = _answer(args, catalogue, situation)
    if args.format == "json":
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(["id", "name", "status", "wave", "recommended_position", "reason"],
                  _csv_rows(catalogue, answer), out)
    else:
        out.write(render_orders(answer, catalogue, args.lang) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _answer(args, catalogue, situation) -> dict:
    from analyser import orders
    from analyser.planning.answers import orders_answer

    rank = None
    if args.rank is not None:
        rank = order_arg(catalogue, args.rank) if args.level == "items" else [
            r.strip() for r in args.rank.split(",") if r.strip()]
    try:
        return orders_answer(situation, list_n=args.list_n, sample_n=args.sample_n, seed=args.seed,
                             level=args.level, budget=args.budget or orders.DEFAULT_BUDGET, rank=rank,
                             unrank=args.unrank, with_freedom=args.freedom)
    except ValueError as exc:
        if isinstance(exc, AnalyserError):
            raise
        raise UsageError(f"--rank: {exc}; give a whole allowed order of the items still to deploy") from None


def _csv_rows(catalogue, answer: dict) -> list[list]:
    position = {i: n for n, i in enumerate(answer["recommended"], start=1)}
    wave = {i: n for n, w in enumerate(answer["waves"], start=1) for i in w}
    rows = [[i, name(catalogue, i, answer), "remaining", wave[i], position[i], ""] for i in answer["items"]]
    rows += [[e["id"], name(catalogue, e["id"], answer), "excluded", "", "", e["reason"]] for e in answer["excluded"]]
    rows += [[i, name(catalogue, i, answer), "not-allowed", "", "", ""] for i in answer["not_allowed"]]
    return rows
