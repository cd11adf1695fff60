"""``analyser export``: write the dependency graph for other tools."""

from __future__ import annotations

from typing import TextIO

from analyser.cli._shared import EXIT_FINDINGS, EXIT_OK, load, make_situation, print_findings
from analyser.findings import UsageError


def arguments(p) -> None:
    p.add_argument("--table", metavar="FILE", help="dependency table; default: the shipped one")
    p.add_argument("--tasks", metavar="FILE", help="task workbook; default: the shipped one")
    p.add_argument("--format", choices=("dot", "graphml", "mermaid", "json"), default=None,
                   help="file format (default: from the --out extension)")
    p.add_argument("--profile", metavar="P", help="only the items this profile allows")
    p.add_argument("--deployed", metavar="IDS", default="", help="items already in use (with --profile)")
    p.add_argument("--all", action="store_true", dest="include_all",
                   help="with --profile: keep every item and mark its status")
    p.add_argument("--out", required=True, metavar="FILE", help="output file")
    p.add_argument("--lang", choices=("fi", "en"), default="fi", help="language of the tool's own words")


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.export import export_graph
    from analyser.model import build_graph
    from analyser.text.labels import t

    catalogue = load(args, with_tasks=False)
    graph = build_graph(catalogue)
    situation = make_situation(args, catalogue) if args.profile else None
    print_findings([*catalogue.findings, *(situation.findings if situation else [])], err)
    if args.include_all and situation is None:
        raise UsageError("--all goes with --profile")
    path = export_graph(catalogue, graph, args.format, args.out, profile=situation.profile if situation else None,
                        situation=situation, include_all=args.include_all, lang=args.lang,
                        inputs=[catalogue.table_path])
    out.write(t("report_written", args.lang, path=path) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK
