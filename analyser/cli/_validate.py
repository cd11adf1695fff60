"""``analyser validate``: read the workbooks and list every problem found."""

from __future__ import annotations

from typing import TextIO

from analyser.cli import _parser
from analyser.cli._shared import EXIT_FINDINGS, EXIT_OK, dump_json, load, print_findings, write_csv


def arguments(p) -> None:
    _parser.common(p)


def run(args, out: TextIO, err: TextIO) -> int:
    from analyser.planning.answers import validate_answer
    from analyser.report.briefing import render_validate

    catalogue = load(args)
    answer = validate_answer(catalogue, args.lang)  # the findings' messages in the planner's language
    print_findings(catalogue.findings, err, args.lang)
    if args.format == "json":
        dump_json({"valid": answer["valid"], "findings": answer["findings"]}, out)
    elif args.format == "csv":
        write_csv(["code", "severity", "file", "sheet", "cell", "message"],
                  [[f[k] for k in ("code", "severity", "file", "sheet", "cell", "message")]
                   for f in answer["findings"]], out)
    else:
        out.write(render_validate(answer, args.lang) + "\n")
    return EXIT_OK if answer["valid"] else EXIT_FINDINGS
