"""The parser built from the command table, and ``main``: run a command and
turn every expected problem into one line on standard error, in the planner's
language, and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Sequence, TextIO

from analyser import __version__
from analyser.cli import _parser
from analyser.cli._commands import COMMANDS
from analyser.cli._parser import Parser, lang_of
from analyser.cli._shared import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_findings, stdin_once
from analyser.findings import AnalyserError, BudgetExceededError, CycleError, InputError
from analyser.text.labels import os_reason, t

__all__ = ["main", "build_parser"]


def build_parser(lang: str = "fi") -> argparse.ArgumentParser:
    """The argument parser of ``analyser``, its help and messages in ``lang``.

    ``--lang`` defaults to ``lang``, so that the words of the parser and of
    the run agree; :func:`main` builds it in the language ``--lang`` names.

    Examples
    --------
    >>> args = build_parser().parse_args(["next", "--profile", "SOS-V1", "--deployed", "SOS", "--lang", "en"])
    >>> args.command, args.profile, args.deployed, args.lang, args.format
    ('next', 'SOS-V1', 'SOS', 'en', 'text')
    >>> build_parser("en").format_help().splitlines()[0]
    'usage: analyser [-h] [--version] [--lang {fi,en}] COMMAND ...'
    """
    parser = Parser(prog="analyser", description=t("cli.description", lang), lang=lang)
    parser.add_argument("--version", action="version", version=f"analyser {__version__}",
                        help=t("cli.version", lang))
    _parser.language(parser)
    sub = parser.add_subparsers(dest="command", metavar=t("cli.mv.command", lang), parser_class=Parser)
    sub.required = True
    for name, command in COMMANDS.items():
        command.arguments(sub.add_parser(name, help=t(command.help, lang), lang=lang))
    return parser


def _one_line(text: str) -> str:
    """A message as one line, personal identity codes masked."""
    from analyser.text.privacy import redact

    return redact(" ".join(text.split()))[0]


def _os_error(exc: OSError, lang: str) -> str:
    """An operating-system error that no part of the tool put into words: the file and the reason."""
    reason = os_reason(exc)
    if exc.filename is not None:
        return t("err.os_file", lang, file=os.fsdecode(exc.filename), reason=reason)
    return t("err.os", lang, reason=reason)


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
    >>> err = io.StringIO()
    >>> main(["orders", "--lang", "en"], stderr=err), err.getvalue()
    (2, 'analyser: the following argument is required: --profile\\n')
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_of(argv)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                args = build_parser(lang).parse_args(argv)
            except SystemExit as exc:  # --help and --version
                return int(exc.code or 0)
        lang = args.lang
        stdin_once(args)
        return COMMANDS[args.command].run(args, out, err)
    except InputError as exc:
        print_findings(exc.findings, err, lang)
        return EXIT_INPUT
    except CycleError as exc:
        err.write(f"analyser: {_one_line(exc.text(lang))}\n")
        return EXIT_FINDINGS
    except BudgetExceededError as exc:
        err.write(f"analyser: {t('err.try_budget', lang, message=_one_line(exc.text(lang)))}\n")
        return EXIT_INPUT
    except AnalyserError as exc:
        err.write(f"analyser: {_one_line(exc.text(lang))}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err.write(f"analyser: {t('err.interrupted', lang)}\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # raised by no part of the tool, so put into words here
        if os.environ.get("ANALYSER_DEBUG"):
            raise
        err.write(f"analyser: {_one_line(_os_error(exc, lang))}\n")
        return EXIT_INPUT
    except Exception as exc:  # never a traceback for users; ANALYSER_DEBUG=1 shows it
        if os.environ.get("ANALYSER_DEBUG"):
            raise
        error = f"{type(exc).__name__}: {exc}"
        err.write(f"analyser: {_one_line(t('err.internal', lang, error=error))}\n")
        return EXIT_INPUT
