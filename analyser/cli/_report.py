"""``analyser report``: a batch report over many organisations, written into a folder.

On a terminal it shows the step a long run is at and progress bars; piped,
nothing but the findings and the summary.
"""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path
from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import EXIT_FINDINGS, EXIT_OK, collector_paused, date_arg, dump_json, load, print_findings
from analyser.text.labels import t


def arguments(p) -> None:
    _parser.common(p, formats=("text", "json"))
    lang = p.lang
    p.add_argument("--organisations", metavar=t("cli.mv.file", lang), help=t("cli.opt.organisations", lang))
    p.add_argument("--today", metavar=t("cli.mv.date", lang), help=t("cli.opt.report_today", lang))
    p.add_argument("--diagrams", choices=("auto", "all", "none"), default="auto", help=t("cli.opt.diagrams", lang))
    p.add_argument("--calendars", choices=("auto", "all", "none"), default="auto", help=t("cal.opt_calendars", lang))
    p.add_argument("--out", default="out", metavar=t("cli.mv.folder", lang), help=t("cli.opt.out_folder", lang))
    p.add_argument("--csv", choices=("excel-fi", "rfc4180"), default="excel-fi", dest="csv_dialect",
                   help=t("cli.opt.csv", lang))


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
            self.bar.set_description_str(t(key, self.lang), refresh=False)
            self.bar.update(1)

    def clear(self) -> None:
        """Take the line away before other text is written to the terminal (it comes back at the next step)."""
        if self.bar is not None:
            self.bar.clear()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args, out: TextIO, err: TextIO) -> int:
    try:
        return _report(args, out, err)
    finally:
        gc.unfreeze()


def _report(args, out: TextIO, err: TextIO) -> int:
    import datetime as dt

    from analyser.findings import UsageError
    from analyser.load.shipped import ORGANISATIONS, shipped_path
    from analyser.output import is_stdout

    if is_stdout(args.out):
        raise UsageError("stdout_folder", command="report")
    catalogue = load(args)
    organisations = args.organisations or shipped_path(ORGANISATIONS)
    today = date_arg(args.today, "--today") or dt.date.today()
    step = _Steps(err, args.lang)
    try:
        return _report_steps(args, out, err, catalogue, organisations, today, step)
    finally:
        step.close()


def _report_steps(args, out: TextIO, err: TextIO, catalogue, organisations, today, step: _Steps) -> int:
    from analyser.report.calendar import report_calendars
    from analyser.report.diagrams import report_diagrams
    from analyser.report.files import report_sources, write_report
    from analyser.report.html import HTML_NAME, report_html_writer

    batch, graph = _analyse(args, err, catalogue, organisations, today, step)
    names = {i.id: i.name for i in catalogue.items}
    inputs = [catalogue.table_path, catalogue.tasks_path, str(organisations)]
    step("step_draw")
    diagrams, note = report_diagrams(batch, catalogue, graph, Path(args.out), mode=args.diagrams, lang=args.lang,
                                     today=today, progress=_progress(err, t("progress_diagrams", args.lang)))
    calendars, calendar_note = report_calendars(batch, catalogue, Path(args.out), mode=args.calendars,
                                                lang=args.lang, today=today)
    sources = report_sources(catalogue, organisations, today, args.lang, diagrams=note, calendars=calendar_note)
    step("step_write")
    page = report_html_writer(batch, catalogue, diagrams, Path(args.out), lang=args.lang, sources=sources,
                              mode=args.diagrams, today=today)
    with collector_paused():
        written = write_report(batch, names, args.out, lang=args.lang, dialect=args.csv_dialect, inputs=inputs,
                               sources=sources, extra_files={**diagrams, **calendars, Path(args.out) / HTML_NAME: page})
    step.close()
    if args.format == "json":
        dump_json({"summary": batch.summary, "written": [str(p) for p in written]}, out)
    else:
        _print_summary(args, out, batch, [note, calendar_note], written)
    # the contract's exit code 1: error findings, or a checked plan that is not allowed
    failed = any(f.is_error for f in batch.findings) or batch.summary["plans_not_allowed"] > 0
    return EXIT_FINDINGS if failed else EXIT_OK


def _analyse(args, err: TextIO, catalogue, organisations, today, step: _Steps):
    """Read the organisations and analyse them: the batch (frozen out of the collector's way) and the graph."""
    from analyser.load.organisations import read_organisations
    from analyser.model import build_graph
    from analyser.report.batch import run_batch

    step("step_read")
    with collector_paused():
        rows, found = read_organisations(organisations, catalogue)
    findings = [*catalogue.findings, *found]
    step.clear()
    print_findings(findings, err, args.lang)
    graph = build_graph(catalogue)
    step("step_analyse")
    with collector_paused():
        batch = run_batch(catalogue, graph, rows, findings=findings, today=today,
                          progress=_progress(err, t("progress_situations", args.lang)))
    gc.freeze()
    return batch, graph


def _print_summary(args, out: TextIO, batch, notes, written) -> None:
    from analyser.report.files import excel_notes, render_summary

    out.write(render_summary(batch, args.lang))
    for line in [*notes, *excel_notes(batch, args.lang, args.csv_dialect)]:
        if line:
            out.write(line + "\n")
    shown = [p for p in written if p.parent == Path(args.out)]
    for path in shown:
        out.write(t("report_written", args.lang, path=path) + "\n")
    folders = Counter(p.parent for p in written if p.parent != Path(args.out))
    for folder, n in folders.items():
        out.write(t("report_written", args.lang, path=f"{folder}/ ({n})") + "\n")
