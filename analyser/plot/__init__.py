"""Figures: the dependency diagram, an organisation's status, the profile matrix and a plan's Gantt chart.

This is the only package that imports matplotlib; the CLI imports it lazily.
Figures are made with :class:`matplotlib.figure.Figure` directly (never
pyplot), so nothing depends on a GUI backend or global state.

Every figure is drawn as one "page" in points (1/72 inch): title and
subtitle, the drawing, a legend and footnotes. The page decides the figure
size, so text keeps its size and the boxes of :mod:`analyser.plot.layout`
always fit their text. Given an ``ax``, the same page is drawn into it,
scaled to fit.

The tool's own words come from :mod:`analyser.text.labels` (``lang="fi"`` or
``"en"``); workbook text (item names, service names, profile names) is shown
as written. Colours are the Okabe–Ito palette, which colour-blind readers
tell apart, and every status is also told by outline style and fill pattern,
so the figures read in grey-scale print.

Saving (:func:`save_figure`) is deterministic: SVG keeps text as text and
has a fixed hash salt and no date, so the same input gives byte-identical
SVG; PNG is 200 dpi; PDF carries no creation date. SVG hatch patterns are
written on small tiles (a few hundred bytes each, not matplotlib's 150 KB).

The figures are drawn in private modules: ``_style`` (settings, inks),
``_canvas`` (the page), ``_diagram`` (dependency diagram and overlay), ``_diff`` (what a new
version of the table changes),
``_matrix``, ``_gantt`` and ``_files`` (saving).

Examples
--------
>>> fig = dependency_diagram(c, build_graph(c), "SOS-LV", date=dt.date(2027, 1, 4))
>>> bool(fig.get_figwidth() > fig.get_figheight())
True
"""

from analyser.plot._diagram import dependency_diagram, diagram_layout, organisation_overlay
from analyser.plot._diff import diff_diagram
from analyser.plot._files import FORMATS, PLOT_KINDS, figure_bytes, save_figure, warm_up, write_plot
from analyser.plot._gantt import plan_gantt
from analyser.plot._matrix import profile_matrix
from analyser.plot._style import RC

__all__ = [
    "RC",
    "FORMATS",
    "dependency_diagram",
    "organisation_overlay",
    "diff_diagram",
    "profile_matrix",
    "plan_gantt",
    "diagram_layout",
    "save_figure",
    "figure_bytes",
    "write_plot",
    "PLOT_KINDS",
    "warm_up",
]
