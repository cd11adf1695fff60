"""The argument parser class, in the planner's language, and the argument groups several commands share.

Each command adds its own arguments (``arguments(parser, lang)`` in its
module); the command table (:mod:`analyser.cli._commands`) puts them together.

argparse writes its own words (``usage:``, the section titles, ``-h``'s help,
its error messages) in English, through ``gettext`` and the process's locale,
never through ``--lang``. :class:`Parser` says them in the language it is
built for without touching argparse's module state (swapping its private
``argparse._`` would change every parser in the process, on every thread):

* ``usage:`` through a formatter that passes argparse its ``prefix``;
* the section titles as the titles of the parser's two default groups;
* ``-h``/``--help`` added by the parser itself with its help in the language;
* an error message read back in :meth:`Parser.error` against argparse's own
  English templates (:data:`_ARGPARSE`) and raised as an
  :class:`ArgumentsError`, which says it in either language. A message that
  no template matches (a newer Python's) is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import re

from analyser.findings import UsageError
from analyser.text.labels import LANGS, t

#: argparse's error messages (Python 3.9–3.13) as patterns, and the words that say them again.
_ARGPARSE: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(pattern), key) for pattern, key in (
    (r"the following arguments are required: (?P<args>.+)", "cli.ap.required"),
    (r"unrecognized arguments: (?P<args>.+)", "cli.ap.unrecognized"),
    (r"invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)", "cli.ap.invalid_choice"),
    (r"unknown parser (?P<value>.+?) \(choices: (?P<choices>.+)\)", "cli.ap.invalid_choice"),
    (r"invalid int value: (?P<value>.+)", "cli.ap.invalid_int"),
    (r"invalid (?P<type>\w+) value: (?P<value>.+)", "cli.ap.invalid_type"),
    (r"expected one argument", "cli.ap.expected_one"),
    (r"expected at most one argument", "cli.ap.expected_at_most_one"),
    (r"expected at least one argument", "cli.ap.expected_at_least_one"),
    (r"expected (?P<n>\d+) arguments?", "cli.ap.expected_n"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.ap.ambiguous"),
    (r"ignored explicit argument (?P<value>.+)", "cli.ap.explicit_value"),
    (r"not allowed with argument (?P<other>.+)", "cli.ap.not_allowed_with"),
    (r"one of the arguments (?P<args>.+) is required", "cli.ap.one_of"),
))
_ARGUMENT = re.compile(r"argument (?P<argument>\S+?): (?P<message>.+)", re.DOTALL)


def lang_of(argv) -> str:
    """The language ``--lang`` names in ``argv`` (the last one given), Finnish when none is named.

    Read before the parser is built, so that its help and messages are in
    that language; a value argparse would refuse leaves Finnish. Like
    argparse, it takes an unambiguous abbreviation (``--la en``).

    Examples
    --------
    >>> lang_of(["next", "--lang", "en"]), lang_of(["--lang=en", "--help"]), lang_of(["orders"]), lang_of(["--lang", "de"])
    ('en', 'en', 'fi', 'fi')
    """
    lang = "fi"
    argv = list(argv)
    for position, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) >= 4 and "--lang".startswith(name):
            if not equals:
                value = argv[position + 1] if position + 1 < len(argv) else ""
            if value in LANGS:
                lang = value
    return lang


class ArgumentsError(UsageError):
    """argparse's complaint about the arguments, said in either language (exit code 2).

    ``argument`` is the argument argparse names ("" when none), ``words`` the
    ``cli.ap.`` key of the message and ``params`` their values; ``message``
    keeps argparse's own English for a message no words match.

    Examples
    --------
    >>> err = ArgumentsError.read("the following arguments are required: --profile")
    >>> err.text("fi"), err.text("en")
    ('pakollinen argumentti puuttuu: --profile', 'the following argument is required: --profile')
    """

    def __init__(self, key: str, argument: str = "", message: str = "", *, suggestions=(), **params: object):
        self.argument = argument
        self.message = message
        self.words = key
        super().__init__("arguments", suggestions=suggestions, **params)

    @classmethod
    def read(cls, message: str) -> "ArgumentsError":
        """The error for argparse's English ``message``."""
        argument = ""
        found = _ARGUMENT.fullmatch(message)
        if found:
            argument, message = found["argument"], found["message"]
        for pattern, key in _ARGPARSE:
            match = pattern.fullmatch(message)
            if match:
                params = match.groupdict()
                if key == "cli.ap.invalid_choice":
                    return cls(key, argument, message, suggestions=_close(params["value"], params["choices"]), **params)
                if key in ("cli.ap.required", "cli.ap.unrecognized"):
                    params["n"] = len(params["args"].split(", " if key == "cli.ap.required" else " "))
                elif key == "cli.ap.expected_n":
                    params["n"] = int(params["n"])
                return cls(key, argument, message, **params)
        return cls("", argument, message)

    def text(self, lang: str = "fi") -> str:
        message = t(self.words, lang, **self.params) if self.words else self.message
        if self.argument:
            message = t("cli.ap.argument", lang, argument=self.argument, message=message)
        if self.suggestions:
            message += ". " + t("err.did_you_mean", lang, n=len(self.suggestions), items=self.suggestions)
        return message


def _unquoted(text: str) -> str:
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _close(value: str, choices: str) -> list[str]:
    """The choices close to a mistyped value, best first (argparse lists them quoted or bare)."""
    options = re.findall(r"'([^']*)'", choices) or [c.strip() for c in choices.split(",")]
    return difflib.get_close_matches(_unquoted(value), options, n=3, cutoff=0.6)


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with ``usage:`` in the parser's language."""

    def __init__(self, prog: str, *, usage: str = "usage: ", **kwargs):
        super().__init__(prog, **kwargs)
        self._usage_prefix = usage

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks ``lang``: its help, and its errors raised as :class:`ArgumentsError`.

    Examples
    --------
    >>> p = Parser(prog="analyser demo", lang="fi")
    >>> _ = p.add_argument("--n", type=int, help="luku")
    >>> p.format_help().splitlines()[0]
    'käyttö: analyser demo [-h] [--n N]'
    >>> try:
    ...     p.parse_args(["--n", "x"])
    ... except ArgumentsError as exc:
    ...     print(exc.text("fi"))
    ...     print(exc.text("en"))
    --n: 'x' ei ole kokonaisluku
    argument --n: 'x' is not a whole number
    """

    def __init__(self, *args, lang: str = "fi", **kwargs):
        self.lang = lang
        kwargs.setdefault("formatter_class", functools.partial(_Formatter, usage=t("cli.usage", lang)))
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = t("cli.positionals", lang)
        self._optionals.title = t("cli.options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help", lang))

    def error(self, message: str):  # argparse would print usage and exit; we raise instead
        raise ArgumentsError.read(message)


def common(parser: Parser, *, formats=("text", "json", "csv")) -> None:
    lang = parser.lang
    parser.add_argument("--table", metavar=t("cli.mv.file", lang), help=t("cli.opt.table", lang))
    parser.add_argument("--tasks", metavar=t("cli.mv.file", lang), help=t("cli.opt.tasks", lang))
    parser.add_argument("--format", choices=formats, default="text", help=t("cli.opt.format", lang))
    language(parser)


def language(parser: Parser) -> None:
    """``--lang``; its default is the language the parser was built for (which ``--lang`` named)."""
    parser.add_argument("--lang", choices=LANGS, default=parser.lang, help=t("cli.opt.lang", parser.lang))


def situation(parser: Parser) -> None:
    lang = parser.lang
    parser.add_argument("--profile", required=True, metavar="P", help=t("cli.opt.profile", lang))
    parser.add_argument("--deployed", metavar=t("cli.mv.ids", lang), default="", help=t("cli.opt.deployed", lang))


def certified(parser: Parser) -> None:
    parser.add_argument("--certified", metavar=t("cli.mv.ids", parser.lang), default=None,
                        help=t("cli.opt.certified", parser.lang))


def plan_options(parser: Parser) -> None:
    lang = parser.lang
    parser.add_argument("--target", metavar=t("cli.mv.item", lang), help=t("cli.opt.target", lang))
    parser.add_argument("--start", metavar=t("cli.mv.date", lang), help=t("cli.opt.start", lang))
    parser.add_argument("--today", metavar=t("cli.mv.date", lang), help=t("cli.opt.today", lang))
    parser.add_argument("--per-period", type=int, metavar="K", dest="per_period", help=t("cli.opt.per_period", lang))
    parser.add_argument("--same-period", action="store_true", help=t("cli.opt.same_period", lang))
    parser.add_argument("--period-dates", metavar=t("cli.mv.dates", lang), help=t("cli.opt.period_dates", lang))
