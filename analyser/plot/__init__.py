"""Figures: the dependency diagram, an organisation's status, the profile matrix and a plan's Gantt chart.

This is the only package that imports matplotlib, and only to draw PNG, PDF
or a figure for a notebook: SVG is drawn straight from the page with no
matplotlib (:mod:`analyser.plot._svg_canvas`), so the report and
``plot --format svg`` start fast. Figures are made with
:class:`matplotlib.figure.Figure` directly (never pyplot), so nothing
depends on a GUI backend or global state. Every figure function has a
``.page(...)`` twin taking the same arguments, which returns the page
(:func:`page_bytes` writes it in any format).

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

Saving is deterministic: SVG keeps text as text, with no date and numbered
ids, so the same input gives byte-identical SVG; PNG is 200 dpi; PDF
carries no creation date. SVG hatch patterns are written on small tiles (a
few hundred bytes each, not matplotlib's 150 KB).

The figures are drawn in private modules: ``_style`` (settings, inks),
``_canvas`` (the page and its legends), ``_svg_canvas`` and ``_mpl_canvas``
(the page drawn into SVG or with matplotlib), ``_diagram`` (dependency
diagram and overlay), ``_diff`` (what a new version of the table changes),
``_matrix``, ``_gantt`` and ``_files`` (saving).

Examples
--------
>>> from analyser.plot import dependency_diagram, page_bytes
>>> fig = dependency_diagram(c, build_graph(c), "SOS-LV", date=dt.date(2027, 1, 4))
>>> bool(fig.get_figwidth() > fig.get_figheight())
True
>>> page_bytes(dependency_diagram.page(c, build_graph(c), "SOS-LV", date=dt.date(2027, 1, 4)))[:5]
b'<?xml'
"""

import importlib

_NAMES = {
    "RC": "analyser.plot._style",
    "FORMATS": "analyser.plot._files",
    "PLOT_KINDS": "analyser.plot._files",
    "dependency_diagram": "analyser.plot._diagram",
    "organisation_overlay": "analyser.plot._diagram",
    "diagram_layout": "analyser.plot._diagram",
    "diff_diagram": "analyser.plot._diff",
    "profile_matrix": "analyser.plot._matrix",
    "plan_gantt": "analyser.plot._gantt",
    "save_figure": "analyser.plot._files",
    "figure_bytes": "analyser.plot._files",
    "page_bytes": "analyser.plot._files",
    "write_page": "analyser.plot._files",
    "write_plot": "analyser.plot._files",
    "title_fits": "analyser.plot._canvas",
    "svg_text": "analyser.plot._svg_canvas",
}

__all__ = list(_NAMES)


def __getattr__(name: str):
    """Each figure's module is loaded when it is first asked for (the report needs two of them)."""
    if name not in _NAMES:
        raise AttributeError(f"module 'analyser.plot' has no attribute {name!r}")
    value = getattr(importlib.import_module(_NAMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_NAMES])
