"""analyser: plan how to extend the use of Kanta services.

Reads Kanta's dependency table and task workbook, builds the dependency
graph, and answers a planner's questions: what can be taken into use next,
what blocks the rest, in which orders one may proceed, and by when each task
is due.

The names a notebook needs are here, each imported the first time it is
used, so that ``import analyser`` (and the command line) starts fast. The
data flows one way through the subpackages: ``text`` and ``findings`` →
``load`` → ``model`` → ``orders``, ``planning`` → ``export``, ``plot``,
``report`` → ``notebook``, ``cli``.

Examples
--------
>>> import analyser
>>> catalogue = analyser.load_catalogue()
>>> situation = analyser.Situation(catalogue, analyser.build_graph(catalogue), "SOS-LV", deployed=["SOS"])
>>> analyser.orders.count_orders(situation.remaining_graph) > 0
True
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_LAZY = {
    "load_catalogue": "analyser.load.catalogue",
    "read_organisations": "analyser.load.organisations",
    "build_graph": "analyser.model",
    "Situation": "analyser.planning.situation",
    "make_plan": "analyser.planning.plan",
    "plan_periods": "analyser.planning.plan",
    "diff_catalogues": "analyser.planning.changes",
    "impact": "analyser.planning.impact",
    "run_batch": "analyser.report.batch",
    "Finding": "analyser.findings",
    "AnalyserError": "analyser.findings",
    "InputError": "analyser.findings",
    "OutputError": "analyser.findings",
    "UsageError": "analyser.findings",
    "CycleError": "analyser.findings",
    "BudgetExceededError": "analyser.findings",
}
_SUBPACKAGES = ("orders", "notebook", "plot", "export", "report", "planning", "load", "text")

__all__ = ["__version__", *_LAZY, *_SUBPACKAGES]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f"analyser.{name}")
    else:
        raise AttributeError(f"module 'analyser' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
