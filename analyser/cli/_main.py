"""The parser built from the command table, and ``main``: run a command and
turn every expected problem into one line on standard error and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Sequence, TextIO

from analyser import __version__
from analyser.cli._commands import COMMANDS
from analyser.cli._parser import Parser
from analyser.cli._shared import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_findings
from analyser.findings import AnalyserError, BudgetExceededError, CycleError, InputError

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``analyser``.

    Examples
    --------
    >>> args = build_parser().parse_args(["next", "--profile", "SOS-V1", "--deployed", "SOS", "--lang", "en"])
    >>> args.command, args.profile, args.deployed, args.lang, args.format
    ('next', 'SOS-V1', 'SOS', 'en', 'text')
    """
    parser = Parser(prog="analyser", description="Plan how to extend the use of Kanta services.")
    parser.add_argument("--version", action="version", version=f"analyser {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for name, command in COMMANDS.items():
        command.arguments(sub.add_parser(name, help=command.help))
    return parser


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
        return COMMANDS[args.command].run(args, out, err)
    except InputError as exc:
        print_findings(exc.findings, err)
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
