"""Colours shared by the diagrams and the graph exports: the Okabe–Ito palette and a colour per document group.

Examples
--------
>>> group_colours(["old", "phase-1"])
{'old': '#E69F00', 'phase-1': '#56B4E9'}
"""

from __future__ import annotations

from typing import Iterable

from analyser.text.vocabulary import natural_key

__all__ = ["OKABE_ITO", "GROUP_COLOURS", "tint", "group_order", "group_colours"]


#: The Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}


#: Colour of each document group; items without a group are grey, unknown groups take the spare colours.
GROUP_COLOURS = {
    "old": OKABE_ITO["orange"],
    "phase-1": OKABE_ITO["sky"],
    "phase-2": OKABE_ITO["green"],
    "joining-obligation": OKABE_ITO["purple"],
    "": "#8C8C8C",
}


_SPARE_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"], "#444444")


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (amount 0 keeps the colour, 1 gives white).

    Examples
    --------
    >>> tint("#000000", 0.5), tint("#E69F00", 0.0)
    ('#808080', '#E69F00')
    """
    colour = colour.lstrip("#")
    rgb = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in rgb)


def group_order(key: str) -> tuple:
    """Sort key of group keys: the known groups in their fixed order, then the others by name.

    Examples
    --------
    >>> sorted(["x10", "phase-2", "", "x9", "old", "phase-1"], key=group_order)
    ['old', 'phase-1', 'phase-2', '', 'x9', 'x10']
    """
    known = list(GROUP_COLOURS)
    return (known.index(key), ()) if key in known else (len(known), natural_key(key))


def group_colours(keys: Iterable[str]) -> dict[str, str]:
    """Colour of each group key: the fixed ones, then the spare colours in key order.

    Examples
    --------
    >>> group_colours(["phase-1", "phase-9", ""])
    {'': '#8C8C8C', 'phase-1': '#56B4E9', 'phase-9': '#0072B2'}
    """
    colours = {}
    spare = 0
    for key in sorted(set(keys), key=natural_key):
        if key in GROUP_COLOURS:
            colours[key] = GROUP_COLOURS[key]
        else:
            colours[key] = _SPARE_COLOURS[spare % len(_SPARE_COLOURS)]
            spare += 1
    return colours

