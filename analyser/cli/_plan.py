"""``analyser plan``: a staged plan over deployment periods with a dated task list."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import (EXIT_FINDINGS, EXIT_OK, date_arg, dump_json, load, make_situation, name,
                                  print_findings, resolved, write_csv)
from analyser.findings import UsageError
from analyser.text.labels import t


def arguments(p) -> None:
    _parser.common(p, formats=("text", "json", "csv", "ics"))
    _parser.situation(p)
    _parser.certified(p)
    _parser.plan_options(p)
    p.add_argument("--out", metavar=t("cli.mv.file", p.lang), help=t("cal.opt_out", p.lang))
    p.add_argument("--html", metavar=t("cli.mv.file", p.lang), help=t("html.opt_html", p.lang))


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.report.briefing import render_plan

    catalogue = load(args)
    situation = make_situation(args, catalogue, err)
    print_findings([*catalogue.findings, *situation.findings], err, args.lang)
    plan = build_plan(args, catalogue, situation, err)
    if args.html:
        from analyser.report.html import write_plan_html

        if write_plan_html(args.html, plan, situation, catalogue, args.lang, out):
            return EXIT_FINDINGS if catalogue.errors else EXIT_OK
    if args.format == "ics":
        _write_calendar(args, catalogue, plan, out)
        return EXIT_FINDINGS if catalogue.errors else EXIT_OK
    answer = plan.as_dict()
    if args.format == "json":
        dump_json(answer, out)
    elif args.format == "csv":
        write_csv(["id", "name", "period", "go_live", "task", "title", "responsible", "timing", "earliest",
                   "due", "late"], _csv_rows(catalogue, answer), out)
    else:
        out.write(render_plan(answer, catalogue, args.lang) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _write_calendar(args, catalogue, plan, out: TextIO) -> None:
    """The plan's calendar (RFC 5545) on standard output, or into ``--out`` (never over an input)."""
    from analyser.output import write_atomic
    from analyser.report.calendar import plan_calendar

    data = plan_calendar(plan, catalogue, args.lang)
    if args.out and args.out != "-":
        write_atomic(args.out, data, inputs=[catalogue.table_path, catalogue.tasks_path])
    elif hasattr(out, "buffer"):  # bytes as they are: the calendar's line ends are CRLF
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def _csv_rows(catalogue, answer: dict) -> list[list]:
    go_live = {e["id"]: e for e in answer["extensions"]}
    return [[", ".join(task["items"]), ", ".join(name(catalogue, i, answer) for i in task["items"]), task["period"] or "",
             go_live[task["items"][0]]["go_live"] or "", task["task"], task["title"], task["responsible"],
             task["timing"], task["earliest"] or "", task["due"] or "", "x" if task["late"] else ""]
            for task in answer["tasks"]]


def build_plan(args, catalogue, situation, err: TextIO):
    """The plan the options of ``plan`` (and ``plot plan``) ask for."""
    import datetime as dt

    from analyser.planning.plan import make_plan, plan_periods

    today = date_arg(args.today, "--today") or dt.date.today()
    start = date_arg(args.start, "--start") or today
    dates = None
    if args.period_dates:
        from analyser.text.vocabulary import split_list

        dates = [date_arg(d, "--period-dates") for d in split_list(args.period_dates)]
    if args.per_period is not None and args.per_period < 1:
        raise UsageError("per_period", option="--per-period")
    target = None
    if args.target:
        from analyser.planning.situation import resolve_item

        target = resolved(args, err, resolve_item, catalogue, args.target, "--target")
    periods = plan_periods(catalogue.periods, dates=dates, start=start, today=today)
    return make_plan(situation, target=target, periods=periods, capacity=args.per_period,
                     same_period=args.same_period, start=start, today=today)
