"""``analyser plot``: draw a diagram into an .svg, .png or .pdf file."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._plan import build_plan
from analyser.cli._shared import EXIT_FINDINGS, EXIT_OK, date_arg, dump_json, load, make_situation, print_findings
from analyser.findings import UsageError
from analyser.text.labels import t


def arguments(p) -> None:
    _parser.common(p, formats=("text", "json"))
    lang = p.lang
    p.add_argument("kind", choices=("dependencies", "organisation", "matrix", "plan"), metavar=t("cli.mv.kind", lang),
                   help=t("cli.opt.kind", lang))
    p.add_argument("--out", required=True, metavar=t("cli.mv.file", lang), help=t("cli.opt.plot_out", lang))
    p.add_argument("--profile", metavar="P", help=t("cli.opt.profile", lang))
    p.add_argument("--deployed", metavar=t("cli.mv.ids", lang), default="", help=t("cli.opt.deployed_short", lang))
    p.add_argument("--certified", metavar=t("cli.mv.ids", lang), default=None,
                   help=t("cli.opt.certified_short", lang))
    p.add_argument("--organisation", metavar=t("cli.mv.name", lang), help=t("cli.opt.organisation", lang))
    p.add_argument("--all", action="store_true", dest="show_all", help=t("cli.opt.plot_all", lang))
    _parser.plan_options(p)


def run(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.model import build_graph
    from analyser.plot import write_plot

    catalogue = load(args, with_tasks=args.kind == "plan")
    graph = build_graph(catalogue)
    situation = None
    if args.kind in ("organisation", "plan") and not args.profile:
        raise UsageError("kind_needs_profile", kind=args.kind)
    if args.profile:
        situation = make_situation(args, catalogue, err)
        print_findings([*catalogue.findings, *situation.findings], err, args.lang)
    else:
        print_findings(catalogue.findings, err, args.lang)
    plan = build_plan(args, catalogue, situation, err) if args.kind == "plan" else None
    day = date_arg(args.today, "--today") or dt.date.today()
    kind = {"organisation": "overlay", "plan": "gantt"}.get(args.kind, args.kind)
    certified = situation.certified if situation is not None else None
    path = write_plot(kind, catalogue, graph, args.out, profile=situation.profile if situation else None,
                      situation=situation, organisation=args.organisation, certified=certified, plan=plan,
                      lang=args.lang, date=day, show_not_allowed=args.show_all,
                      inputs=[catalogue.table_path, catalogue.tasks_path])
    if args.format == "json":
        dump_json({"written": str(path)}, out)
    else:
        out.write(t("report_written", args.lang, path=path) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK
