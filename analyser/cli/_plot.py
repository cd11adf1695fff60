"""``analyser plot``: draw a diagram into an .svg, .png or .pdf file, or onto standard output (``--out -``)."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._plan import build_plan
from analyser.cli._shared import EXIT_FINDINGS, EXIT_OK, date_arg, dump_json, load, make_situation, print_findings
from analyser.findings import UsageError
from analyser.output import is_stdout, write_stdout
from analyser.text.labels import t

#: The image formats ``--format`` may name: needed with ``--out -``, otherwise they must match the file's name.
IMAGES = ("svg", "png", "pdf")


def arguments(p) -> None:
    _parser.common(p, formats=("text", "json", *IMAGES))
    lang = p.lang
    p.add_argument("kind", choices=("dependencies", "organisation", "matrix", "plan", "diff"),
                   metavar=t("cli.mv.kind", lang), help=t("cli.opt.kind", lang))
    p.add_argument("versions", nargs="*", default=[], metavar=t("cli.mv.versions", lang),
                   help=t("cli.opt.versions", lang))
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

    _image_format(args)
    if args.kind == "diff":
        return _diff(args, out, err)
    if args.versions:
        raise UsageError("plot_versions_unused", args=" ".join(args.versions))
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
    _write(args, out, lambda path: write_plot(
        kind, catalogue, graph, path, profile=situation.profile if situation else None, situation=situation,
        organisation=args.organisation, certified=certified, plan=plan, lang=args.lang, date=day,
        show_not_allowed=args.show_all, inputs=[catalogue.table_path, catalogue.tasks_path]))
    return EXIT_FINDINGS if catalogue.errors else EXIT_OK


def _diff(args, out: TextIO, err: TextIO) -> int:
    """``plot diff OLD NEW``: what the new version of the table changes, as one diagram."""
    import datetime as dt

    from analyser.load.catalogue import load_catalogue
    from analyser.planning.changes import diff_catalogues
    from analyser.plot import diff_diagram, write_page

    if len(args.versions) != 2:
        raise UsageError("plot_diff_versions", n=len(args.versions))
    old, new = (load_catalogue(path, None, with_tasks=False) for path in args.versions)
    diff = diff_catalogues(old, new)
    print_findings(diff.findings, err, args.lang)
    day = date_arg(args.today, "--today") or dt.date.today()
    page = diff_diagram.page(diff, args.profile, lang=args.lang, date=day)
    _write(args, out, lambda path: write_page(page, path, inputs=args.versions))
    return EXIT_FINDINGS if diff.errors else EXIT_OK


def _image_format(args) -> str | None:
    """The image format ``--format`` names (None: from the file's name); refuses ``--out -`` without one,
    and one that the file's name contradicts."""
    from pathlib import Path

    fmt = args.format if args.format in IMAGES else None
    if is_stdout(args.out) and fmt is None:
        raise UsageError("stdout_needs_format", formats="|".join(IMAGES))
    if fmt and not is_stdout(args.out) and Path(args.out).suffix.lower() != f".{fmt}":
        raise UsageError("format_mismatch", fmt=fmt, path=args.out)
    return fmt


def _write(args, out: TextIO, draw) -> None:
    """Write the figure through ``draw(path)`` into ``--out`` and say where; with ``--out -`` the image
    itself is the output (drawn into a private file first, since drawing writes files)."""
    fmt = _image_format(args)
    if is_stdout(args.out):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory(prefix="analyser-plot-") as folder:
            write_stdout(draw(Path(folder) / f"plot.{fmt}").read_bytes(), out, fmt)
        return
    path = draw(args.out)
    if args.format == "json":
        dump_json({"written": str(path)}, out)
    else:
        out.write(t("report_written", args.lang, path=path) + "\n")
