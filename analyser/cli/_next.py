"""``analyser next``: what can be taken into use now, and what blocks the rest."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, date_arg, dump_json, load, make_situation, name,
                                  print_findings, write_csv)
from analyser.text.labels import t


def arguments(p) -> None:
    _parser.common(p)
    _parser.situation(p)
    _parser.certified(p)
    p.add_argument("--today", metavar=t("cli.mv.date", p.lang), help=t("cli.opt.today_next", p.lang))


def run(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.planning.answers import next_answer
    from analyser.report.briefing import render_next, render_next_extras

    catalogue = load(args, with_tasks=False)
    situation = make_situation(args, catalogue, err)
    print_findings([*catalogue.findings, *situation.findings], err, args.lang)
    today = date_arg(args.today, "--today") or dt.date.today()
    answer = next_answer(situation, lang=args.lang, today=today)
    if args.format == "json":
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(["id", "name", "status", "missing", "allowed_by"], _csv_rows(catalogue, answer), out)
    else:
        out.write(render_next(answer, catalogue, args.lang) + "\n")
        extras = render_next_extras(answer, catalogue, args.lang)
        if extras:
            out.write(extras + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _csv_rows(catalogue, answer: dict) -> list[list]:
    rows = [[i, name(catalogue, i, answer), "available", "", ""] for i in answer["available"]]
    rows += [[b["id"], name(catalogue, b["id"], answer), "blocked", ", ".join(b["missing"]), ""]
             for b in answer["blocked"]]
    rows += [[e["id"], name(catalogue, e["id"], answer), "excluded", e["reason"], ""] for e in answer["excluded"]]
    rows += [[n["id"], name(catalogue, n["id"], answer), "not-allowed", ", ".join(n["missing"]),
              ", ".join(n["allowed_by"])] for n in answer["not_allowed"]]
    rows += [[i, name(catalogue, i, answer), "waiting-certification", "", ""]
             for i in answer["waiting_certification"]]
    rows += [[n["id"], name(catalogue, n["id"], answer), "not-yet-available", n["available_from"], ""]
             for n in answer["not_yet_available"]]
    return rows
