"""``analyser diff``: what changed between two versions of the tables, and what it means for organisations."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, collector_paused, date_arg, dump_json, print_findings,
                                  write_csv)
from analyser.text.labels import t

#: The columns of ``--format csv`` (the JSON keys of a change).
CSV_KEYS = ("kind", "id", "field", "old", "new", "cell", "subject", "old_cell", "new_cell")


def arguments(p) -> None:
    lang = p.lang
    p.add_argument("old", metavar=t("diff.mv.old", lang), help=t("cli.opt.diff_old", lang))
    p.add_argument("new", metavar=t("diff.mv.new", lang), help=t("cli.opt.diff_new", lang))
    p.add_argument("--tasks-old", metavar=t("cli.mv.file", lang), help=t("cli.opt.tasks_old", lang))
    p.add_argument("--tasks-new", metavar=t("cli.mv.file", lang), help=t("cli.opt.tasks_new", lang))
    p.add_argument("--organisations", metavar=t("cli.mv.file", lang), help=t("cli.opt.diff_organisations", lang))
    p.add_argument("--today", metavar=t("cli.mv.date", lang), help=t("cli.opt.diff_today", lang))
    p.add_argument("--format", choices=("text", "json", "csv"), default="text", help=t("cli.opt.format", lang))
    p.add_argument("--out", metavar=t("cli.mv.folder", lang), help=t("cli.opt.diff_out", lang))
    p.add_argument("--csv", choices=("excel-fi", "rfc4180"), default="excel-fi", dest="csv_dialect",
                   help=t("cli.opt.csv", lang))
    _parser.language(p)


def run(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.load.catalogue import load_catalogue
    from analyser.planning.changes import diff_catalogues
    from analyser.planning.impact import impact, impact_summary
    from analyser.report.changes import render_changes, write_changes

    lang = args.lang
    today = date_arg(args.today, "--today") or dt.date.today()
    old = load_catalogue(args.old, args.tasks_old)
    new = load_catalogue(args.new, args.tasks_new or args.tasks_old)
    diff = diff_catalogues(old, new)
    findings = list(diff.findings)
    impacts = None
    if args.organisations is not None:
        from analyser.load.organisations import read_organisations

        with collector_paused():  # many organisations, no reference cycles
            rows, found = read_organisations(args.organisations, old)
            impacts = impact(old, new, rows, today=today, diff=diff)
        findings += found
    print_findings(findings, err, lang)
    written = []
    if args.out:
        inputs = [p for p in (old.table_path, old.tasks_path, new.table_path, new.tasks_path, args.organisations) if p]
        written = write_changes(diff, impacts, args.out, lang=lang, dialect=args.csv_dialect, inputs=inputs,
                                findings=findings)
    valid = not any(f.is_error for f in findings)
    if args.format == "json":
        answer = {"valid": valid, "changes": [ch.as_dict(lang) for ch in diff.changes], "renames": diff.renames,
                  "findings": [f.as_dict(lang) for f in findings]}
        if impacts is not None:
            answer["organisations"] = [i.as_dict() for i in impacts]
            answer["summary"] = impact_summary(impacts)
        if args.out:
            answer["written"] = [str(p) for p in written]
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(CSV_KEYS, [[d[k] for k in CSV_KEYS] for d in (ch.as_dict(lang) for ch in diff.changes)], out)
    else:
        out.write(render_changes(diff, impacts, lang))
        for path in written:
            out.write(t("report_written", lang, path=path) + "\n")
    return EXIT_OK if valid else EXIT_FINDINGS
