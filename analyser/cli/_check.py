"""``analyser check``: check a planned order."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.text.labels import t
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, dump_json, load, make_situation, order_arg,
                                  print_findings, write_csv)


def arguments(p) -> None:
    _parser.common(p)
    _parser.situation(p)
    p.add_argument("--order", required=True, metavar=t("cli.mv.ids", p.lang), help=t("cli.opt.order", p.lang))


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.planning.answers import check_answer
    from analyser.report.briefing import render_check

    catalogue = load(args, with_tasks=False)
    situation = make_situation(args, catalogue, err)
    print_findings([*catalogue.findings, *situation.findings], err, args.lang)
    answer = check_answer(situation, order_arg(args, catalogue, err))
    if args.format == "json":
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(["position", "id", "reason", "missing"],
                  [[v["position"], v["id"], v["reason"], ", ".join(v["missing"])] for v in answer["violations"]], out)
    else:
        out.write(render_check(answer, args.lang) + "\n")
    if catalogue.errors or not answer["allowed"]:
        return EXIT_FINDINGS
    return EXIT_OK
