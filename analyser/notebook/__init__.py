"""Helpers for the planners' notebooks: answers as tables, small charts, the plan as a workbook.

The notebooks in ``notebooks/`` only call the library. This module turns its
answers into what a notebook shows:

* :class:`pandas.DataFrame` tables with Finnish (``lang="fi"``) or English
  column names; dates are shown as planners read them (5.3.2027 in Finnish);
* the sentences a notebook prints itself, in the same language
  (:func:`say`);
* simple bar charts of a batch run (drawn by :mod:`analyser.plot.charts`),
  and :func:`show`, which displays any figure as a picture whatever plotting
  backend the kernel runs with;
* the staged plan written to an .xlsx workbook with real dates
  (:func:`write_plan_xlsx`).

The plotting library and IPython are imported only inside the functions that
draw or display, so importing this module stays light.

Examples
--------
>>> s = make_situation(c, build_graph(c), "SOS-LV", ["SOS", "1. vaiheen asiakirjojen arkistointi"])
>>> s.deployed
('SOS', 'SOS-V1-ARK')
>>> status_table(s).loc["SOS-LV-INF", "Tila"]
'Voidaan ottaa käyttöön nyt'
"""

from analyser.notebook._inputs import item_id, item_names, make_situation, parse_day, profile_title
from analyser.report.files import report_sources
from analyser.notebook._display import links, say, show
from analyser.notebook._situation import findings_table, order_facts, order_table, status_table
from analyser.notebook._plan import plan_facts, plan_sheets, plan_table, task_table, write_plan_xlsx
from analyser.notebook._profiles import profile_comparison, profile_table, status_changes
from analyser.notebook._batch import (attention_counts, batch_summary_table, batch_task_table, blocker_counts,
                                      deadlines_by_month, organisation_table, standing_counts)
from analyser.notebook._charts import blocker_chart, deadline_chart, standing_chart
from analyser.notebook._diff import change_table, effect_table, impact_facts, impact_table

__all__ = [
    "parse_day",
    "make_situation",
    "item_id",
    "profile_title",
    "report_sources",
    "item_names",
    "say",
    "show",
    "links",
    "findings_table",
    "status_table",
    "order_facts",
    "order_table",
    "plan_facts",
    "plan_table",
    "task_table",
    "plan_sheets",
    "write_plan_xlsx",
    "profile_table",
    "profile_comparison",
    "status_changes",
    "batch_summary_table",
    "organisation_table",
    "batch_task_table",
    "standing_counts",
    "attention_counts",
    "blocker_counts",
    "deadlines_by_month",
    "standing_chart",
    "blocker_chart",
    "deadline_chart",
    "change_table",
    "effect_table",
    "impact_table",
    "impact_facts",
]
