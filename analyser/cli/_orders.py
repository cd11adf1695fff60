"""``analyser orders``: the allowed orders of the items still to deploy."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, dump_json, load, make_situation, name, order_arg,
                                  print_findings, write_csv)
from analyser.findings import AnalyserError, UsageError
from analyser.text.labels import t


def arguments(p) -> None:
    _parser.common(p)
    _parser.situation(p)
    lang = p.lang
    p.add_argument("--list", type=int, metavar="N", dest="list_n", help=t("cli.opt.list", lang))
    p.add_argument("--sample", type=int, metavar="N", dest="sample_n", help=t("cli.opt.sample", lang))
    p.add_argument("--seed", type=int, default=0, metavar=t("cli.mv.seed", lang), help=t("cli.opt.seed", lang))
    p.add_argument("--level", choices=("items", "groups"), default="items", help=t("cli.opt.level", lang))
    p.add_argument("--budget", type=int, default=None, metavar=t("cli.mv.states", lang), help=t("cli.opt.budget", lang))
    p.add_argument("--rank", metavar=t("cli.mv.ids", lang), help=t("cli.opt.rank", lang))
    p.add_argument("--unrank", type=int, metavar="K", help=t("cli.opt.unrank", lang))
    p.add_argument("--freedom", action="store_true", help=t("cli.opt.freedom", lang))


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.report.briefing import render_orders

    catalogue = load(args, with_tasks=False)
    situation = make_situation(args, catalogue, err)
    print_findings([*catalogue.findings, *situation.findings], err, args.lang)
    for option in ("list_n", "sample_n"):
        if getattr(args, option) is not None and getattr(args, option) < 0:
            raise UsageError("count_option", option=f"--{option[:-2]}")
    if args.budget is not None and args.budget < 0:
        raise UsageError("budget_option", option="--budget")
    answer = _answer(args, catalogue, situation, err)
    if args.format == "json":
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(["id", "name", "status", "wave", "recommended_position", "reason"],
                  _csv_rows(catalogue, answer), out)
    else:
        out.write(render_orders(answer, catalogue, args.lang) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _answer(args, catalogue, situation, err: TextIO) -> dict:
    from analyser import orders
    from analyser.planning.answers import orders_answer

    rank = None
    if args.rank is not None:
        rank = order_arg(args, catalogue, err, "--rank") if args.level == "items" else [
            r.strip() for r in args.rank.split(",") if r.strip()]
        _check_rank(situation, args.level, rank)
    try:
        return orders_answer(situation, list_n=args.list_n, sample_n=args.sample_n, seed=args.seed,
                             level=args.level, budget=args.budget or orders.DEFAULT_BUDGET, rank=rank,
                             unrank=args.unrank, with_freedom=args.freedom, lang=args.lang)
    except ValueError as exc:
        if isinstance(exc, AnalyserError) or rank is None:
            raise
        raise UsageError("rank_not_order") from None


def _check_rank(situation, level: str, rank: list[str]) -> None:
    """A usage error in the planner's words when ``rank`` is not a whole allowed order of what is still
    to deploy (the orders that ``orders.rank_order`` refuses, with its English ValueError)."""
    import networkx as nx

    from analyser.text.vocabulary import natural_key

    graph = situation.group_graph() if level == "groups" else situation.remaining_graph
    strangers = [node for node in rank if node not in graph]
    if strangers:
        raise UsageError("rank_not_remaining", n=len(strangers), items=strangers)
    placed: set[str] = set()
    for node in rank:
        if node in placed:
            raise UsageError("rank_repeated", id=node)
        missing = sorted(nx.ancestors(graph, node) - placed, key=natural_key)
        if missing:
            raise UsageError("rank_too_early", id=node, n=len(missing), missing=missing)
        placed.add(node)
    left = sorted((node for node in graph if node not in placed), key=natural_key)
    if left:
        raise UsageError("rank_incomplete", n=len(left), items=left)


def _csv_rows(catalogue, answer: dict) -> list[list]:
    position = {i: n for n, i in enumerate(answer["recommended"], start=1)}
    wave = {i: n for n, w in enumerate(answer["waves"], start=1) for i in w}
    rows = [[i, name(catalogue, i, answer), "remaining", wave[i], position[i], ""] for i in answer["items"]]
    rows += [[e["id"], name(catalogue, e["id"], answer), "excluded", "", "", e["reason"]] for e in answer["excluded"]]
    rows += [[i, name(catalogue, i, answer), "not-allowed", "", "", ""] for i in answer["not_allowed"]]
    return rows
