"""Text measured without a font renderer: line widths and word wrapping.

Widths are the advance widths of DejaVu Sans (the font :mod:`analyser.plot`
draws with); the layout multiplies them by a safety factor, so a box made
from them always holds its text.
"""

from __future__ import annotations

import unicodedata

# Advance widths (em) of DejaVu Sans and DejaVu Sans Bold, measured with FreeType.
# Characters not listed count as a full em, which over-estimates: boxes only grow.
_WIDTH_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~åäöÅÄÖéÉèüÜšžŠŽõÕøØæÆ–—‘’“”…✓·×→'
_WIDTHS_REGULAR = (
    "0.318,0.401,0.46,0.838,0.637,0.951,0.78,0.275,0.391,0.391,0.5,0.838,0.318,0.361,0.318,0.337,0.63"
    "7,0.637,0.637,0.637,0.637,0.637,0.637,0.637,0.637,0.637,0.337,0.337,0.838,0.838,0.838,0.531,1.0,"
    "0.685,0.687,0.699,0.771,0.632,0.576,0.775,0.752,0.295,0.295,0.656,0.558,0.863,0.749,0.788,0.604,"
    "0.788,0.695,0.635,0.611,0.732,0.685,0.989,0.686,0.611,0.686,0.391,0.337,0.391,0.838,0.5,0.5,0.61"
    "3,0.635,0.55,0.635,0.616,0.353,0.635,0.634,0.278,0.278,0.58,0.278,0.975,0.634,0.612,0.635,0.635,"
    "0.412,0.521,0.393,0.634,0.592,0.818,0.592,0.592,0.525,0.637,0.337,0.637,0.838,0.613,0.613,0.612,"
    "0.685,0.685,0.788,0.616,0.632,0.616,0.634,0.732,0.521,0.525,0.635,0.686,0.612,0.788,0.612,0.788,"
    "0.982,0.975,0.5,1.0,0.318,0.318,0.519,0.519,1.0,0.838,0.318,0.838,0.838"
)
_WIDTHS_BOLD = (
    "0.349,0.457,0.521,0.838,0.696,1.002,0.873,0.307,0.458,0.458,0.523,0.838,0.38,0.416,0.38,0.366,0."
    "696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.4,0.4,0.838,0.838,0.838,0.581,1.0,0."
    "774,0.763,0.734,0.831,0.684,0.684,0.821,0.837,0.373,0.373,0.775,0.638,0.996,0.837,0.851,0.733,0."
    "851,0.771,0.721,0.683,0.813,0.774,1.104,0.771,0.725,0.726,0.458,0.366,0.458,0.838,0.5,0.5,0.675,"
    "0.716,0.593,0.716,0.679,0.436,0.716,0.712,0.343,0.343,0.666,0.343,1.042,0.712,0.688,0.716,0.716,"
    "0.494,0.596,0.479,0.712,0.652,0.924,0.646,0.652,0.583,0.712,0.366,0.712,0.838,0.675,0.675,0.688,"
    "0.774,0.774,0.851,0.679,0.684,0.679,0.712,0.813,0.596,0.583,0.721,0.726,0.688,0.851,0.688,0.851,"
    "1.048,1.085,0.5,1.0,0.38,0.38,0.658,0.658,1.0,0.838,0.38,0.838,0.838"
)

_W_REGULAR = dict(zip(_WIDTH_CHARS, map(float, _WIDTHS_REGULAR.split(","))))
_W_BOLD = dict(zip(_WIDTH_CHARS, map(float, _WIDTHS_BOLD.split(","))))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of one line of ``text`` at ``size`` points.

    Examples
    --------
    >>> round(text_width("SOS", 10), 1), text_width("SOS", 10, bold=True) > text_width("SOS", 10)
    (20.6, True)
    """
    table = _W_BOLD if bold else _W_REGULAR
    return size * sum(table.get(ch, 1.0) for ch in unicodedata.normalize("NFC", text))


#: Longest label text a picture shows; longer workbook text is cut with "…".
MAX_LABEL = 400


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (a longer word keeps a line of its own).

    Explicit line breaks are kept. Words are never split, but a word or a
    text too long for any picture is cut with "…" (:data:`MAX_LABEL` characters).

    Examples
    --------
    >>> wrap_text("Rakenteinen kirjaaminen (asiakaskertomusmerkintä)", 120, 9)
    ['Rakenteinen kirjaaminen', '(asiakaskertomusmerkintä)']
    >>> wrap_text("x" * 900, 120, 9)[0][-1]
    '…'
    """
    text = str(text)
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [w if len(w) <= 60 else w[:59] + "…" for w in paragraph.split()]
        if not words:
            continue
        current = words[0]
        for word in words[1:]:
            candidate = f"{current} {word}"
            if text_width(candidate, size, bold) <= width:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines
