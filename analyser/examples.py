"""The shipped example organisations, analysed: a batch to try things on, and the setup of docstring examples."""

from __future__ import annotations

import datetime as dt

from analyser.report.batch import Batch, run_batch
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.model import build_graph
from analyser.planning.plan import Plan, make_plan, plan_periods
from analyser.records import Catalogue
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.planning.situation import Situation

__all__ = ["EXAMPLE_DAY", "example_batch", "example_plan"]

#: The day the examples are run on, so that what is late does not depend on when they run.
EXAMPLE_DAY = dt.date(2026, 11, 25)


def example_batch(today: dt.date = EXAMPLE_DAY) -> tuple[Catalogue, Batch]:
    """The shipped catalogue, and the shipped example organisations analysed on ``today``.

    Examples
    --------
    >>> c, batch = example_batch()
    >>> len(batch.results), batch.summary["analysed"], batch.summary["errors"]
    (10, 9, 2)
    """
    catalogue = load_catalogue()
    rows, findings = read_organisations(shipped_path(ORGANISATIONS), catalogue)
    return catalogue, run_batch(catalogue, build_graph(catalogue), rows, findings=findings, today=today)


def example_plan(today: dt.date = EXAMPLE_DAY) -> tuple[Catalogue, Plan]:
    """The shipped catalogue, and a plan: an organisation of profile SOS-LV with SOS, SOS-VANHAT and
    SOS-V1-ARK in use extends to SOS-LV-HAKU from 1.1.2027, on ``today``.

    Examples
    --------
    >>> c, plan = example_plan()
    >>> plan.profile, plan.target, list(plan.deployed)
    ('SOS-LV', 'SOS-LV-HAKU', ['SOS', 'SOS-V1-ARK', 'SOS-VANHAT'])
    """
    catalogue = load_catalogue()
    situation = Situation(catalogue, build_graph(catalogue), "SOS-LV", deployed=["SOS", "SOS-VANHAT", "SOS-V1-ARK"])
    start = dt.date(2027, 1, 1)
    periods = plan_periods(catalogue.periods, start=start, today=today)
    return catalogue, make_plan(situation, target="SOS-LV-HAKU", periods=periods, start=start, today=today)
