"""``analyser export``: write the dependency graph for other tools."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import EXIT_FINDINGS, EXIT_OK, load, make_situation, print_findings
from analyser.findings import UsageError
from analyser.text.labels import t

FORMATS = ("dot", "graphml", "mermaid", "json")


def arguments(p) -> None:
    lang = p.lang
    p.add_argument("--table", metavar=t("cli.mv.file", lang), help=t("cli.opt.table_short", lang))
    p.add_argument("--tasks", metavar=t("cli.mv.file", lang), help=t("cli.opt.tasks_short", lang))
    p.add_argument("--format", choices=FORMATS, default=None,
                   help=t("cli.opt.export_format", lang))
    p.add_argument("--profile", metavar="P", help=t("cli.opt.export_profile", lang))
    p.add_argument("--deployed", metavar=t("cli.mv.ids", lang), default="", help=t("cli.opt.export_deployed", lang))
    p.add_argument("--all", action="store_true", dest="include_all", help=t("cli.opt.export_all", lang))
    p.add_argument("--out", required=True, metavar=t("cli.mv.file", lang), help=t("cli.opt.out", lang))
    _parser.language(p)


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.export import export_graph, export_text
    from analyser.model import build_graph
    from analyser.output import is_stdout, write_stdout

    if is_stdout(args.out) and not args.format:
        raise UsageError("stdout_needs_format", formats="|".join(FORMATS))
    catalogue = load(args, with_tasks=False)
    graph = build_graph(catalogue)
    situation = make_situation(args, catalogue, err) if args.profile else None
    print_findings([*catalogue.findings, *(situation.findings if situation else [])], err, args.lang)
    if args.include_all and situation is None:
        raise UsageError("all_needs_profile")
    profile = situation.profile if situation else None
    if is_stdout(args.out):
        write_stdout(export_text(catalogue, graph, args.format, profile=profile, situation=situation,
                                 include_all=args.include_all, lang=args.lang), out, args.format)
        return EXIT_FINDINGS if catalogue.errors else EXIT_OK
    path = export_graph(catalogue, graph, args.format, args.out, profile=profile, situation=situation,
                        include_all=args.include_all, lang=args.lang, inputs=[catalogue.table_path])
    out.write(t("report_written", args.lang, path=path) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK
