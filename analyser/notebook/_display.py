"""Display in the notebook: figures as pictures, tables, text, and links to written files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pandas as pd

from analyser.notebook._common import _l
from analyser.text.labels import format_decimal

__all__ = ["say", "show", "links"]


def say(key: str, lang: str = "fi", **values: object) -> str:
    """A sentence of the notebooks in ``lang``: the words ``nb.<key>`` of :mod:`analyser.text.words_notebook`.

    A count goes in as ``n``, which also picks the singular or the plural.

    Examples
    --------
    >>> say("tables_ok", "en")
    'No findings: the tables are in order.'
    >>> say("organisations_read", "fi", n=1), say("organisations_read", "fi", n=10)
    ('Luettiin 1 organisaatio.', 'Luettiin 10 organisaatiota.')
    """
    return _l(key, lang, **values)


def show(obj: object, *, empty: str | None = None, lang: str = "fi") -> None:
    """Display a figure, a table or text in the notebook.

    A figure (see :mod:`analyser.plot.charts`) is shown as a PNG picture at
    its natural size, so it appears whatever backend the kernel uses (also
    ``MPLBACKEND=Agg``). An empty table is replaced by the note ``empty``
    (default "(ei rivejä)").
    Anything else goes to :func:`IPython.display.display`, which outside
    IPython only prints what it is given (as in the examples).

    Examples
    --------
    >>> show(pd.DataFrame({"Tunnus": ["SOS"]}))
      Tunnus
    0    SOS
    >>> from analyser.notebook import findings_table
    >>> show(findings_table([]), empty="Ei havaintoja.")
    <IPython.core.display.Markdown object>
    >>> from analyser.plot.charts import figure
    >>> show(figure(1, 1))
    <IPython.core.display.Image object>
    """
    from IPython.display import Image, Markdown, display

    from analyser.plot.charts import is_figure, png_bytes

    if is_figure(obj):
        display(Image(data=png_bytes(obj), format="png", retina=True))
    elif isinstance(obj, pd.DataFrame) and obj.empty:
        display(Markdown(f"*{empty or _l('empty', lang)}*"))
    elif isinstance(obj, str):
        display(Markdown(obj))
    else:
        display(obj)


def links(paths: Iterable[str | os.PathLike], *, base: str | os.PathLike | None = None, lang: str = "fi"):
    """Markdown links to written files, relative to ``base`` (default: the notebook's folder).

    Files outside ``base`` are listed by their full path (a link would not open).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "oma suunnitelma.xlsx").write_bytes(b"x" * 2048)
    >>> print(links([folder / "oma suunnitelma.xlsx"], base=folder).data)
    * [oma suunnitelma.xlsx](oma%20suunnitelma.xlsx) (2,0 kB)
    >>> links([], lang="en").data
    '*(no rows)*'
    """
    from IPython.display import Markdown

    base_path = Path(base or os.getcwd()).resolve()
    lines = []
    for path in paths:
        path = Path(path).resolve()
        size = path.stat().st_size if path.exists() else 0
        size_text = f"{format_decimal(max(size / 1024, 0.1), lang)} kB"
        try:
            rel = path.relative_to(base_path).as_posix()
        except ValueError:
            lines.append(f"* `{path}` ({size_text})")
        else:
            lines.append(f"* [{path.name}]({rel.replace(' ', '%20')}) ({size_text})")
    return Markdown("\n".join(lines) or f"*{_l('empty', lang)}*")
