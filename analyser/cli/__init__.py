"""The command line: a thin layer over the library (FORMATS.md §4–5).

``main(argv, stdout=..., stderr=...)`` takes its streams as parameters so
tests run it in-process. Expected problems print one line each on standard
error and set the exit code: 0 done and the input is valid; 1 done, but the
input has error findings or a checked plan is not allowed; 2 the input
could not be read or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from typing import Sequence, TextIO

from analyser import __version__
from analyser.findings import AnalyserError, BudgetExceededError, CycleError, Finding, InputError, UsageError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we raise instead
        raise UsageError(f"{self.prog}: {message}")


def _common(parser: argparse.ArgumentParser, *, formats=("text", "json", "csv")) -> None:
    parser.add_argument("--table", metavar="FILE",
                        help="dependency table (.xlsx .xlsm .xls .ods, .csv or a folder of .csv); "
                             "default: the shipped data/riippuvuustaulukko.xlsx")
    parser.add_argument("--tasks", metavar="FILE",
                        help="task workbook; default: the shipped data/kayttoonottotehtavat.xlsx")
    parser.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
    parser.add_argument("--lang", choices=("fi", "en"), default="fi", help="language of the tool's own words")


def _situation_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", required=True, metavar="P", help="information-system profile (id or name)")
    parser.add_argument("--deployed", metavar="IDS", default="",
                        help="items already in use, ids or names separated by commas")


def _plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", metavar="ITEM", help="plan only the path to this item")
    parser.add_argument("--start", metavar="DATE", help="plan from this date (default: today)")
    parser.add_argument("--today", metavar="DATE", help="today's date, for late tasks and closed registrations")
    parser.add_argument("--per-period", type=int, metavar="K", dest="per_period",
                        help="at most K extensions per period (default: unlimited)")
    parser.add_argument("--same-period", action="store_true",
                        help="let an item go live in the same period as its prerequisites")
    parser.add_argument("--period-dates", metavar="DATES",
                        help="start dates of the deployment periods, instead of the task workbook's sheet")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``analyser``.

    Examples
    --------
    >>> args = build_parser().parse_args(["next", "--profile", "SOS-V1", "--deployed", "SOS", "--lang", "en"])
    >>> args.command, args.profile, args.deployed, args.lang, args.format
    ('next', 'SOS-V1', 'SOS', 'en', 'text')
    """
    parser = _Parser(prog="analyser", description="Plan how to extend the use of Kanta services.")
    parser.add_argument("--version", action="version", version=f"analyser {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("validate", help="read the workbooks and list every problem found")
    _common(p)

    p = sub.add_parser("orders", help="allowed orders of the items still to deploy")
    _common(p)
    _situation_args(p)
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

    p = sub.add_parser("next", help="what can be taken into use now, and what blocks the rest")
    _common(p)
    _situation_args(p)
    p.add_argument("--certified", metavar="IDS", default=None,
                   help="items the organisation's system is certified for (default: no limit)")

    p = sub.add_parser("plan", help="a staged plan over deployment periods with a dated task list")
    _common(p)
    _situation_args(p)
    p.add_argument("--certified", metavar="IDS", default=None,
                   help="items the organisation's system is certified for (default: no limit)")
    _plan_options(p)

    p = sub.add_parser("check", help="check a planned order")
    _common(p)
    _situation_args(p)
    p.add_argument("--order", required=True, metavar="IDS", help="planned order, ids or names separated by commas")

    p = sub.add_parser("plot", help="draw a diagram into an .svg, .png or .pdf file")
    _common(p, formats=("text", "json"))
    p.add_argument("kind", choices=("dependencies", "organisation", "matrix", "plan"),
                   help="dependencies of a profile; an organisation's state on them; the profile matrix; "
                        "a plan on a calendar")
    p.add_argument("--out", required=True, metavar="FILE", help="output file: .svg, .png or .pdf")
    p.add_argument("--profile", metavar="P", help="information-system profile (id or name)")
    p.add_argument("--deployed", metavar="IDS", default="", help="items already in use")
    p.add_argument("--certified", metavar="IDS", default=None, help="items the system is certified for")
    p.add_argument("--organisation", metavar="NAME", help="organisation name for the title")
    p.add_argument("--all", action="store_true", dest="show_all", help="also show items the profile does not allow")
    _plan_options(p)

    p = sub.add_parser("export", help="write the dependency graph for other tools")
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

    p = sub.add_parser("report", help="batch report over many organisations, written into a folder")
    _common(p, formats=("text", "json"))
    p.add_argument("--organisations", metavar="FILE",
                   help="organisations file (.csv or workbook); default: the shipped data/esimerkkiorganisaatiot.csv")
    p.add_argument("--today", metavar="DATE", help="today's date, for late tasks (default: today)")
    p.add_argument("--diagrams", choices=("auto", "all", "none"), default="auto",
                   help="a status diagram per organisation: auto (up to 200 organisations), all or none; "
                        "the profile matrix is always drawn")
    p.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    p.add_argument("--csv", choices=("excel-fi", "rfc4180"), default="excel-fi", dest="csv_dialect",
                   help="CSV dialect of the written files (default: excel-fi)")
    return parser


def _print_findings(findings: Sequence[Finding], err: TextIO) -> None:
    for finding in findings:
        err.write(finding.line() + "\n")


def _dump_json(obj: object, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _load(args, *, with_tasks: bool = True):
    from analyser.load.catalogue import load_catalogue

    return load_catalogue(args.table, args.tasks, with_tasks=with_tasks)


def _situation(args, catalogue):
    from analyser.model import build_graph
    from analyser.planning.situation import Situation, resolve_items, resolve_profile

    profile = resolve_profile(catalogue, args.profile)
    deployed = resolve_items(catalogue, args.deployed, "--deployed")
    certified = getattr(args, "certified", None)
    if certified is not None:
        certified = tuple(resolve_items(catalogue, certified, "--certified"))
    return Situation(catalogue, build_graph(catalogue), profile, deployed=tuple(deployed), certified=certified)


def _date_arg(value: str | None, option: str):
    from analyser.findings import BadDate
    from analyser.text.vocabulary import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except BadDate:
        raise UsageError(f"{option} takes a date (2027-01-31 or 31.1.2027), not {value!r}") from None


def _write_csv(header, rows, out: TextIO) -> None:
    from analyser.output import csv_text

    out.write(csv_text(header, rows, "rfc4180"))


def _cmd_validate(args, out: TextIO, err: TextIO) -> int:
    from analyser.planning.answers import validate_answer
    from analyser.report.briefing import render_validate

    catalogue = _load(args)
    answer = validate_answer(catalogue)
    _print_findings(catalogue.findings, err)
    if args.format == "json":
        _dump_json({"valid": answer["valid"], "findings": answer["findings"]}, out)
    elif args.format == "csv":
        _write_csv(["code", "severity", "file", "sheet", "cell", "message"],
                   [[f[k] for k in ("code", "severity", "file", "sheet", "cell", "message")]
                    for f in answer["findings"]], out)
    else:
        out.write(render_validate(answer, args.lang) + "\n")
    return EXIT_OK if answer["valid"] else EXIT_FINDINGS


def _cmd_orders(args, out: TextIO, err: TextIO) -> int:
    from analyser import orders
    from analyser.planning.answers import orders_answer
    from analyser.report.briefing import render_orders

    catalogue = _load(args, with_tasks=False)
    situation = _situation(args, catalogue)
    _print_findings([*catalogue.findings, *situation.findings], err)
    for option in ("list_n", "sample_n"):
        if getattr(args, option) is not None and getattr(args, option) < 0:
            raise UsageError(f"--{option[:-2]} takes a number of orders, 0 or more")
    rank = None
    if args.rank is not None:
        rank = _resolve_order(catalogue, args.rank) if args.level == "items" else [
            r.strip() for r in args.rank.split(",") if r.strip()]
    try:
        answer = orders_answer(situation, list_n=args.list_n, sample_n=args.sample_n, seed=args.seed,
                               level=args.level, budget=args.budget or orders.DEFAULT_BUDGET, rank=rank,
                               unrank=args.unrank, with_freedom=args.freedom)
    except ValueError as exc:
        if isinstance(exc, AnalyserError):
            raise
        raise UsageError(f"--rank: {exc}; give a whole allowed order of the items still to deploy") from None
    if args.format == "json":
        _dump_json(answer, out)
    elif args.format == "csv":
        position = {i: n for n, i in enumerate(answer["recommended"], start=1)}
        wave = {i: n for n, w in enumerate(answer["waves"], start=1) for i in w}
        rows = [[i, _name(catalogue, i, answer), "remaining", wave[i], position[i], ""] for i in answer["items"]]
        rows += [[e["id"], _name(catalogue, e["id"], answer), "excluded", "", "", e["reason"]] for e in answer["excluded"]]
        rows += [[i, _name(catalogue, i, answer), "not-allowed", "", "", ""] for i in answer["not_allowed"]]
        _write_csv(["id", "name", "status", "wave", "recommended_position", "reason"], rows, out)
    else:
        out.write(render_orders(answer, catalogue, args.lang) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _name(catalogue, item_id: str, answer: dict) -> str:
    labels = answer.get("labels") or {}
    if item_id in labels:
        return labels[item_id]
    item = catalogue.find_item(item_id)
    return item.name if item else item_id


def _cmd_next(args, out: TextIO, err: TextIO) -> int:
    from analyser.planning.answers import next_answer
    from analyser.report.briefing import render_next, render_next_extras

    catalogue = _load(args, with_tasks=False)
    situation = _situation(args, catalogue)
    _print_findings([*catalogue.findings, *situation.findings], err)
    answer = next_answer(situation)
    if args.format == "json":
        _dump_json(answer, out)
    elif args.format == "csv":
        rows = [[i, _name(catalogue, i, answer), "available", "", ""] for i in answer["available"]]
        rows += [[b["id"], _name(catalogue, b["id"], answer), "blocked", ", ".join(b["missing"]), ""]
                 for b in answer["blocked"]]
        rows += [[e["id"], _name(catalogue, e["id"], answer), "excluded", e["reason"], ""] for e in answer["excluded"]]
        rows += [[n["id"], _name(catalogue, n["id"], answer), "not-allowed", ", ".join(n["missing"]),
                  ", ".join(n["allowed_by"])] for n in answer["not_allowed"]]
        rows += [[i, _name(catalogue, i, answer), "waiting-certification", "", ""]
                 for i in answer["waiting_certification"]]
        _write_csv(["id", "name", "status", "missing", "allowed_by"], rows, out)
    else:
        out.write(render_next(answer, catalogue, args.lang) + "\n")
        extras = render_next_extras(answer, catalogue, args.lang)
        if extras:
            out.write(extras + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _cmd_check(args, out: TextIO, err: TextIO) -> int:
    from analyser.planning.answers import check_answer
    from analyser.report.briefing import render_check
    from analyser.planning.situation import resolve_items

    catalogue = _load(args, with_tasks=False)
    situation = _situation(args, catalogue)
    _print_findings([*catalogue.findings, *situation.findings], err)
    order = _resolve_order(catalogue, args.order)
    answer = check_answer(situation, order)
    if args.format == "json":
        _dump_json(answer, out)
    elif args.format == "csv":
        _write_csv(["position", "id", "reason", "missing"],
                   [[v["position"], v["id"], v["reason"], ", ".join(v["missing"])] for v in answer["violations"]], out)
    else:
        out.write(render_check(answer, args.lang) + "\n")
    if catalogue.errors or not answer["allowed"]:
        return EXIT_FINDINGS
    return EXIT_OK


def _resolve_order(catalogue, text: str) -> list[str]:
    """Ids of a planned order, keeping repeats (they are violations, not usage errors)."""
    from analyser.text.vocabulary import split_list

    ids, unknown = [], []
    for part in split_list(text):
        item = catalogue.find_item(part)
        if item is None:
            unknown.append(part)
        else:
            ids.append(item.id)
    if unknown:
        raise UsageError(f"unknown item{'s' if len(unknown) > 1 else ''} in --order: "
                         f"{', '.join(repr(u) for u in unknown)}")
    return ids


def _build_plan(args, catalogue, situation):
    import datetime as dt

    from analyser.planning.plan import make_plan, plan_periods

    today = _date_arg(args.today, "--today") or dt.date.today()
    start = _date_arg(args.start, "--start") or today
    dates = None
    if args.period_dates:
        from analyser.text.vocabulary import split_list

        dates = [_date_arg(d, "--period-dates") for d in split_list(args.period_dates)]
    if args.per_period is not None and args.per_period < 1:
        raise UsageError("--per-period takes a number of extensions, 1 or more")
    target = None
    if args.target:
        from analyser.planning.situation import resolve_items

        target = resolve_items(catalogue, args.target, "--target")[0]
    periods = plan_periods(catalogue.periods, dates=dates, start=start, today=today)
    return make_plan(situation, target=target, periods=periods, capacity=args.per_period,
                     same_period=args.same_period, start=start, today=today)


def _cmd_plan(args, out: TextIO, err: TextIO) -> int:
    from analyser.report.briefing import render_plan

    catalogue = _load(args)
    situation = _situation(args, catalogue)
    _print_findings([*catalogue.findings, *situation.findings], err)
    plan = _build_plan(args, catalogue, situation)
    answer = plan.as_dict()
    if args.format == "json":
        _dump_json(answer, out)
    elif args.format == "csv":
        go_live = {e["id"]: e for e in answer["extensions"]}
        rows = [[task["id"], _name(catalogue, task["id"], answer), task["period"] or "",
                 go_live[task["id"]]["go_live"] or "", task["task"], task["title"], task["responsible"],
                 task["timing"], task["earliest"] or "", task["due"] or "", "x" if task["late"] else ""]
                for task in answer["tasks"]]
        _write_csv(["id", "name", "period", "go_live", "task", "title", "responsible", "timing", "earliest",
                    "due", "late"], rows, out)
    else:
        out.write(render_plan(answer, catalogue, args.lang) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _cmd_plot(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.text.labels import t
    from analyser.model import build_graph
    from analyser.plot import write_plot

    catalogue = _load(args, with_tasks=args.kind == "plan")
    graph = build_graph(catalogue)
    situation = None
    if args.kind in ("organisation", "plan") and not args.profile:
        raise UsageError(f"plot {args.kind} needs --profile")
    if args.profile:
        situation = _situation(args, catalogue)
        _print_findings([*catalogue.findings, *situation.findings], err)
    else:
        _print_findings(catalogue.findings, err)
    plan = _build_plan(args, catalogue, situation) if args.kind == "plan" else None
    day = _date_arg(args.today, "--today") or dt.date.today()
    kind = {"organisation": "overlay", "plan": "gantt"}.get(args.kind, args.kind)
    certified = situation.certified if situation is not None else None
    path = write_plot(kind, catalogue, graph, args.out, profile=situation.profile if situation else None,
                      situation=situation, organisation=args.organisation, certified=certified, plan=plan,
                      lang=args.lang, date=day, show_not_allowed=args.show_all,
                      inputs=[catalogue.table_path, catalogue.tasks_path])
    if args.format == "json":
        _dump_json({"written": str(path)}, out)
    else:
        out.write(t("report_written", args.lang, path=path) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _cmd_export(args, out: TextIO, err: TextIO) -> int:
    from analyser.export import export_graph
    from analyser.text.labels import t
    from analyser.model import build_graph

    catalogue = _load(args, with_tasks=False)
    graph = build_graph(catalogue)
    situation = _situation(args, catalogue) if args.profile else None
    _print_findings([*catalogue.findings, *(situation.findings if situation else [])], err)
    if args.include_all and situation is None:
        raise UsageError("--all goes with --profile")
    path = export_graph(catalogue, graph, args.format, args.out, profile=situation.profile if situation else None,
                        situation=situation, include_all=args.include_all, lang=args.lang,
                        inputs=[catalogue.table_path])
    out.write(t("report_written", args.lang, path=path) + "\n")
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _progress(err: TextIO, label: str):
    """A progress bar on a terminal for long runs; nothing otherwise."""
    if not (hasattr(err, "isatty") and err.isatty()):
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    tqdm.monitor_interval = 0  # no monitor thread: the report forks writers, and forking threads is unsafe
    return lambda items: tqdm(items, desc=label, unit="", file=err, mininterval=0.5, leave=False)


class _Steps:
    """On a terminal, a status line naming the step a long report is at (shown once a run has
    taken half a second); nothing otherwise."""

    KEYS = ("step_read", "step_analyse", "step_draw", "step_write")
    DELAY = 0.5  # seconds before the line appears: a quick run shows none

    def __init__(self, err: TextIO, lang: str):
        self.lang = lang
        self.bar = None
        if hasattr(err, "isatty") and err.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: the report forks writers, and forking threads is unsafe
            self.bar = tqdm(total=len(self.KEYS), file=err, leave=False, delay=self.DELAY, mininterval=0,
                            bar_format="{desc} ({n_fmt}/{total_fmt}, {elapsed})")

    def __call__(self, key: str) -> None:
        if self.bar is not None:
            from analyser.text.labels import t

            self.bar.set_description_str(t(key, self.lang), refresh=False)
            self.bar.update(1)

    def clear(self) -> None:
        """Take the line away before other text is written to the terminal (it comes back at the next step)."""
        if self.bar is not None:
            self.bar.clear()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextlib.contextmanager
def _collector_paused():
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


def _cmd_report(args, out: TextIO, err: TextIO) -> int:
    try:
        return _report(args, out, err)
    finally:
        gc.unfreeze()


def _report(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.load.shipped import ORGANISATIONS, shipped_path

    catalogue = _load(args)
    organisations = args.organisations or shipped_path(ORGANISATIONS)
    today = _date_arg(args.today, "--today") or dt.date.today()
    step = _Steps(err, args.lang)
    try:
        return _report_steps(args, out, err, catalogue, organisations, today, step)
    finally:
        step.close()


def _report_steps(args, out: TextIO, err: TextIO, catalogue, organisations, today, step: _Steps) -> int:
    from analyser.report.batch import run_batch
    from analyser.text.labels import t
    from analyser.load.organisations import read_organisations
    from analyser.model import build_graph
    from analyser.report.files import excel_notes, render_summary, write_report

    step("step_read")
    with _collector_paused():
        rows, found = read_organisations(organisations, catalogue)
    findings = [*catalogue.findings, *found]
    step.clear()
    _print_findings(findings, err)
    graph = build_graph(catalogue)
    step("step_analyse")
    with _collector_paused():
        batch = run_batch(catalogue, graph, rows, findings=findings, today=today,
                          progress=_progress(err, t("progress_situations", args.lang)))
    gc.freeze()
    names = {i.id: i.name for i in catalogue.items}
    inputs = [catalogue.table_path, catalogue.tasks_path, str(organisations)]
    from pathlib import Path

    from analyser.report.diagrams import report_diagrams

    step("step_draw")
    diagrams, note = report_diagrams(batch, catalogue, graph, Path(args.out), mode=args.diagrams, lang=args.lang,
                                     today=today, progress=_progress(err, t("progress_diagrams", args.lang)))
    sources = {("Riippuvuustaulukko" if args.lang != "en" else "Dependency table"): catalogue.table_path,
               ("Tehtävätaulukko" if args.lang != "en" else "Task workbook"): catalogue.tasks_path,
               ("Organisaatiot" if args.lang != "en" else "Organisations"): str(organisations),
               ("Päivä" if args.lang != "en" else "Date"): today.isoformat()}
    if note:
        sources["Kaaviot" if args.lang != "en" else "Diagrams"] = note
    step("step_write")
    with _collector_paused():
        written = write_report(batch, names, args.out, lang=args.lang, dialect=args.csv_dialect, inputs=inputs,
                               sources=sources, extra_files=diagrams)
    step.close()
    if args.format == "json":
        _dump_json({"summary": batch.summary, "written": [str(p) for p in written]}, out)
    else:
        out.write(render_summary(batch, args.lang))
        for line in [note, *excel_notes(batch, args.lang, args.csv_dialect)]:
            if line:
                out.write(line + "\n")
        shown = [p for p in written if p.parent == Path(args.out)]
        for path in shown:
            out.write(t("report_written", args.lang, path=path) + "\n")
        if len(written) > len(shown):
            folder = next(p.parent for p in written if p.parent != Path(args.out))
            out.write(t("report_written", args.lang, path=f"{folder}/ ({len(written) - len(shown)})") + "\n")
    # the contract's exit code 1: error findings, or a checked plan that is not allowed
    failed = any(f.is_error for f in batch.findings) or batch.summary["plans_not_allowed"] > 0
    return EXIT_FINDINGS if failed else EXIT_OK


_COMMANDS = {
    "validate": _cmd_validate,
    "orders": _cmd_orders,
    "next": _cmd_next,
    "check": _cmd_check,
    "plan": _cmd_plan,
    "plot": _cmd_plot,
    "export": _cmd_export,
    "report": _cmd_report,
}


def _one_line(exc: BaseException) -> str:
    """An exception's text as one line, personal identity codes masked."""
    from analyser.text.privacy import redact

    return redact(" ".join(str(exc).split()))[0]


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> main(["check", "--profile", "SOS-V1", "--order", "SOS,SOS-V1-ARK", "--format", "json"], stdout=out)
    0
    >>> '"allowed": true' in out.getvalue()
    True
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                args = build_parser().parse_args(argv)
            except SystemExit as exc:  # --help and --version
                return int(exc.code or 0)
        return _COMMANDS[args.command](args, out, err)
    except InputError as exc:
        _print_findings(exc.findings, err)
        return EXIT_INPUT
    except CycleError as exc:
        err.write(f"analyser: {exc}\n")
        return EXIT_FINDINGS
    except BudgetExceededError as exc:
        err.write(f"analyser: {exc}; try --budget or a smaller question\n")
        return EXIT_INPUT
    except AnalyserError as exc:
        err.write(f"analyser: {_one_line(exc)}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.write("analyser: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for users; ANALYSER_DEBUG=1 shows it
        if os.environ.get("ANALYSER_DEBUG"):
            raise
        err.write(f"analyser: internal error: {type(exc).__name__}: {_one_line(exc)} "
                  "(set ANALYSER_DEBUG=1 for details)\n")
        return EXIT_INPUT
