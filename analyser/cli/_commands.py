"""The command table: each command's name, the words of its one-line help,
the function that adds its arguments and the function that runs it.

The parser offers the commands in this order.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from analyser.cli import _check, _diff, _export, _next, _orders, _plan, _plot, _report, _validate


class Command(NamedTuple):
    help: str  # the words key (text/words_cli.py) of its one-line help
    arguments: Callable  # (parser) -> None; the parser knows its language
    run: Callable  # (args, out, err) -> exit code


COMMANDS = {
    "validate": Command("cli.cmd.validate", _validate.arguments, _validate.run),
    "orders": Command("cli.cmd.orders", _orders.arguments, _orders.run),
    "next": Command("cli.cmd.next", _next.arguments, _next.run),
    "plan": Command("cli.cmd.plan", _plan.arguments, _plan.run),
    "check": Command("cli.cmd.check", _check.arguments, _check.run),
    "plot": Command("cli.cmd.plot", _plot.arguments, _plot.run),
    "export": Command("cli.cmd.export", _export.arguments, _export.run),
    "report": Command("cli.cmd.report", _report.arguments, _report.run),
    "diff": Command("cli.cmd.diff", _diff.arguments, _diff.run),
}
