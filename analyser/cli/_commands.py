"""The command table: each command's name, its one-line help, the function
that adds its arguments and the function that runs it.

The parser offers the commands in this order.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from analyser.cli import _check, _export, _next, _orders, _plan, _plot, _report, _validate


class Command(NamedTuple):
    help: str
    arguments: Callable  # (parser) -> None
    run: Callable  # (args, out, err) -> exit code


COMMANDS = {
    "validate": Command("read the workbooks and list every problem found", _validate.arguments, _validate.run),
    "orders": Command("allowed orders of the items still to deploy", _orders.arguments, _orders.run),
    "next": Command("what can be taken into use now, and what blocks the rest", _next.arguments, _next.run),
    "plan": Command("a staged plan over deployment periods with a dated task list", _plan.arguments, _plan.run),
    "check": Command("check a planned order", _check.arguments, _check.run),
    "plot": Command("draw a diagram into an .svg, .png or .pdf file", _plot.arguments, _plot.run),
    "export": Command("write the dependency graph for other tools", _export.arguments, _export.run),
    "report": Command("batch report over many organisations, written into a folder",
                      _report.arguments, _report.run),
}
