"""Timing phrases of the task workbook: parse, read and describe them.

Kanta's task workbook gives each task a free-text timing ("Ajoitus"), for
example "viimeistään 3 viikkoa ennen käyttöönottoa". :func:`parse_timing`
turns such a phrase (Finnish, Swedish or English) into a :class:`Timing`;
:func:`describe_timing` renders a timing as a short label in Finnish,
Swedish or English. The dates a timing gives once the anchors are dated
(:func:`~analyser.planning.due_dates.window`,
:func:`~analyser.planning.due_dates.due_date`) are computed in
:mod:`analyser.planning.due_dates`.

Representation
--------------
A :class:`Timing` is ``(anchor, offset, unit, relation)`` plus the original
``text``:

``anchor``
    The event the timing is counted from, one of :data:`ANCHORS`:
    ``"go-live"`` (käyttöönotto, start of production use),
    ``"deployment-test"`` (käyttöönottokoe), ``"period-start"`` and
    ``"period-end"`` (start and end of the deployment period,
    käyttöönottojakso).
``offset``, ``unit``
    A signed amount (negative = before the anchor) in one of :data:`UNITS`:
    ``"days"``, ``"business-days"``, ``"weeks"``, ``"months"``. Phrases
    without an amount have ``offset == 0`` and ``unit == "days"``. The
    *reference date* ``R`` is the anchor date moved by the offset: calendar
    days and weeks exactly, months by calendar months (the day clamped to
    the end of a shorter month), business days with
    :func:`analyser.planning.business_days.add_business_days` (0 business days rolls
    a weekend or holiday forward to the next business day).
``relation``
    How the task relates to ``R``, one of :data:`RELATIONS`:

    ======== ===================================== ============= ===========
    relation example                               earliest      latest/due
    ======== ===================================== ============= ===========
    by       viimeistään 3 viikkoa ennen; within   --            R
    on       käyttöönottopäivänä; 3 viikkoa ennen  R             R
    before   ennen käyttöönottoa (no amount)       --            anchor - 1
    after    käyttöönottokokeen jälkeen;           R             --
             aikaisintaan 2 viikkoa ennen
    during   käyttöönottojakson aikana             period-start  period-end
    ======== ===================================== ============= ===========

    "before X" without an amount means the work must be finished before the
    anchor day, so the due date is the calendar day before it (with
    ``roll=True`` the last business day before it). "after X" without an
    amount means the work may start on the anchor day itself, once the
    event has happened; it has no deadline. "during" always has anchor
    ``"period-start"``; its due date is the ``"period-end"`` date.

FORMATS.md writes the amount-less "ennen käyttöönottojakson alkua" as
(period start, 0, before); here that is ``relation == "before"`` with
``offset == 0``.

Reading rules: "viimeistään", "vähintään", "senast", "minst", "at least",
"no later than", "by", "mennessä" make a deadline (``"by"``); "kuluessa",
"inom", "within" count forward from the anchor and are deadlines too;
"aikaisintaan", "tidigast", "at the earliest", "not before" make an earliest
date (``"after"``); an amount with "ennen"/"före"/"before" or
"jälkeen"/"efter"/"after" and no such word is an exact date (``"on"``).
"Arkipäivä" (and "työpäivä", "arbetsdag", "business day") is a business day
of :mod:`analyser.planning.business_days`: Monday to Friday, holidays excepted. A
phrase that cannot be read exactly gives ``None`` from :func:`parse_timing`:
every word must be understood, so "hyvissä ajoin ennen käyttöönottoa" (well
before go-live) is not read as "before go-live", and "3 viikkoa" (no anchor)
or "3-4 viikkoa ennen käyttöönottoa" (two amounts) are not read at all.

Examples
--------
>>> t = parse_timing("viimeistään 3 viikkoa ennen käyttöönottoa")
>>> t.anchor, t.offset, t.unit, t.relation
('go-live', -3, 'weeks', 'by')
>>> describe_timing(t, "en")
'no later than 3 weeks before go-live'
>>> parse_timing("pian") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from analyser.findings import Finding

__all__ = [
    "ANCHORS",
    "UNITS",
    "RELATIONS",
    "Timing",
    "parse_timing",
    "read_timing",
    "normalise_phrase",
    "describe_timing",
]

ANCHORS = ("go-live", "deployment-test", "period-start", "period-end")
UNITS = ("days", "business-days", "weeks", "months")
RELATIONS = ("by", "on", "before", "after", "during")

_KIND = {"by": "deadline", "before": "deadline", "during": "deadline", "on": "exact", "after": "earliest"}


@dataclass(frozen=True)
class Timing:
    """A parsed timing: *relation* to the anchor date moved by *offset* *unit*.

    Parameters
    ----------
    anchor : str
        One of :data:`ANCHORS`.
    offset : int, default 0
        Signed amount; negative is before the anchor.
    unit : str, default "days"
        One of :data:`UNITS`. With ``offset == 0`` the calendar units are all
        the same and are stored as ``"days"``; ``"business-days"`` is kept,
        since 0 business days rolls a non-business day forward.
    relation : str, default "on"
        One of :data:`RELATIONS` (see the module notes). ``"before"`` and
        ``"during"`` take no amount; ``"during"`` needs anchor
        ``"period-start"``.
    text : str, default ""
        The phrase as written. Not part of equality: two phrases with the
        same meaning give equal timings.

    Raises
    ------
    ValueError
        For an unknown anchor, unit or relation, or a combination the
        module notes rule out.

    Examples
    --------
    >>> Timing("go-live", -3, "weeks", "by").kind
    'deadline'
    >>> Timing("go-live", 0, "weeks") == Timing("go-live")
    True
    >>> Timing("go-live", -1, "days", "before")
    Traceback (most recent call last):
        ...
    ValueError: relation 'before' takes no amount
    """

    anchor: str
    offset: int = 0
    unit: str = "days"
    relation: str = "on"
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.anchor not in ANCHORS:
            raise ValueError(f"unknown anchor {self.anchor!r}; expected one of {ANCHORS}")
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}; expected one of {UNITS}")
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}; expected one of {RELATIONS}")
        if isinstance(self.offset, bool) or not isinstance(self.offset, int):
            raise ValueError(f"offset must be an int, not {self.offset!r}")
        if self.offset == 0 and self.unit != "business-days":
            object.__setattr__(self, "unit", "days")
        if self.relation in ("before", "during") and (self.offset or self.unit != "days"):
            raise ValueError(f"relation {self.relation!r} takes no amount")
        if self.relation == "during" and self.anchor != "period-start":
            raise ValueError("relation 'during' needs anchor 'period-start'")

    @property
    def parts(self) -> tuple[str, int, str, str]:
        """``(anchor, offset, unit, relation)``, the meaning without the text.

        Examples
        --------
        >>> parse_timing("käyttöönottopäivänä").parts
        ('go-live', 0, 'days', 'on')
        """
        return (self.anchor, self.offset, self.unit, self.relation)

    @property
    def kind(self) -> str:
        """``"deadline"`` (by, before, during), ``"exact"`` (on) or ``"earliest"`` (after)."""
        return _KIND[self.relation]

    def as_dict(self) -> dict[str, object]:
        """The timing as a JSON-ready object.

        Examples
        --------
        >>> Timing("deployment-test", 2, "business-days", "by").as_dict()["unit"]
        'business-days'
        """
        return {
            "anchor": self.anchor,
            "offset": self.offset,
            "unit": self.unit,
            "relation": self.relation,
            "text": self.text,
        }


# ---------------------------------------------------------------------------
# Normalising and the lexicon
# ---------------------------------------------------------------------------

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200b\t\r\n"), " ")
_SURROUNDING = " .,;:!?*()[]{}\"'\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2013\u2014/"


def normalise_phrase(text: str) -> str:
    """Return *text* in the form phrases are matched in.

    Unicode NFC, casefolded, non-breaking and repeated spaces folded to one
    space, surrounding punctuation removed.

    Examples
    --------
    >>> normalise_phrase("  Viimeistään\u00a03  VIIKKOA ennen käyttöönottoa. ")
    'viimeistään 3 viikkoa ennen käyttöönottoa'
    """
    text = unicodedata.normalize("NFC", text).casefold().translate(_SPACES)
    return " ".join(text.split()).strip(_SURROUNDING)


_WORD = re.compile(r"\d+|[^\W\d_]+")
_MAX_DIGITS = 4  # amounts above 9999 are not timings

# Features a word (or fixed word sequence) contributes:
#   ("num", n) ("unit", unit, bare_ok) ("qual", "by"|"earliest")
#   ("dir", "before"|"after"|"within"|"during"|"on") ("point", "start"|"end")
#   ("anchor", kind, names_day) with kind in GOLIVE TEST PERIOD PROD
#   ("fill",)
_LEXICON: dict[tuple[str, ...], tuple[tuple, ...]] = {}


def _add(words: str, *features: tuple) -> None:
    for phrase in words.split(","):
        _LEXICON[tuple(phrase.split())] = features


def _numbers(words: str, start: int = 1) -> None:
    for n, group in enumerate(words.split(";"), start):
        _add(group, ("num", n))


_numbers(
    "yksi,yhden,yhtä;kaksi,kahden,kahta;kolme,kolmen,kolmea;neljä,neljän,neljää;"
    "viisi,viiden,viittä;kuusi,kuuden,kuutta;seitsemän,seitsemää;kahdeksan,kahdeksaa;"
    "yhdeksän,yhdeksää;kymmenen,kymmentä;yksitoista,yhdentoista,yhtätoista;"
    "kaksitoista,kahdentoista,kahtatoista"
)
_numbers("en,ett;två;tre;fyra;fem;sex;sju;åtta;nio;tio;elva;tolv")
_numbers("one,a,an;two;three;four;five;six;seven;eight;nine;ten;eleven;twelve")

# Units. Finnish forms may stand without a number ("viikkoa ennen" = a week
# before); Swedish and English ones need a number.
_add("päivä,päivää,päivän,päivässä,vuorokausi,vuorokautta,vuorokauden", ("unit", "days", True))
_add("pv,vrk", ("unit", "days", False))
_add("arkipäivä,arkipäivää,arkipäivän,arkipäivässä,työpäivä,työpäivää,työpäivän,työpäivässä",
     ("unit", "business-days", True))
_add("arkipv", ("unit", "business-days", False))
_add("viikko,viikkoa,viikon,viikossa", ("unit", "weeks", True))
_add("vk,vko", ("unit", "weeks", False))
_add("kuukausi,kuukautta,kuukauden,kuukaudessa", ("unit", "months", True))
_add("kk", ("unit", "months", False))
_add("dag,dagar,dygn,day,days,calendar day,calendar days", ("unit", "days", False))
_add(
    "arbetsdag,arbetsdagar,vardag,vardagar,bankdag,bankdagar,business day,business days,"
    "working day,working days,work day,work days,workday,workdays,banking day,banking days",
    ("unit", "business-days", False),
)
_add("vecka,veckor,week,weeks", ("unit", "weeks", False))
_add("månad,månader,month,months", ("unit", "months", False))

# Qualifiers
_add(
    "viimeistään,vähintään,mennessä,senast,minst,by,latest,at the latest,at latest,"
    "at least,no later than,not later than",
    ("qual", "by"),
)
_add(
    "aikaisintaan,tidigast,earliest,at the earliest,at earliest,no earlier than,"
    "not earlier than,not before,ei ennen,inte före,inte innan",
    ("qual", "earliest"),
)

# Directions
_add("ennen,ennen kuin,före,innan,before,prior to", ("dir", "before"))
_add("jälkeen,efter,after,following", ("dir", "after"))
_add("kuluessa,sisällä,inom,within", ("dir", "within"))
_add("aikana,under,during,in", ("dir", "during"))
_add("päivänä,on,at,when,on the day of,vid,på,när,dagen för,på dagen för", ("dir", "on"))

# Start and end of a period (or of production use)
_add(
    "alku,alkua,alun,alusta,alkuun,alkaminen,alkamista,alkamisen,alkamisesta,alkamiseen,alkaa,"
    "alkamispäivä,alkamispäivää,alkamispäivän,alkamispäivään,aloitus,aloitusta,aloituksen,"
    "aloituksesta,aloitukseen,aloittaminen,aloittamista,aloittamisen,aloittamiseen,"
    "början,start,starten,börjar,startar,inleds,starts,begins,begin,beginning",
    ("point", "start"),
)
_add("alkaessa,alussa,alkamispäivänä,aloitettaessa", ("point", "start"), ("dir", "on"))
_add(
    "loppu,loppua,lopun,lopusta,loppuun,päättyminen,päättymistä,päättymisen,päättymisestä,"
    "päättymiseen,päättyy,päättymispäivä,päättymispäivää,päättymispäivän,päättymispäivään,"
    "slut,slutet,slutar,avslutas,end,ends,ending",
    ("point", "end"),
)
_add("lopussa,päättyessä,päättymispäivänä", ("point", "end"), ("dir", "on"))

# English anchors (several words)
_add("go live,golive,deployment,production start", ("anchor", "GOLIVE", False))
_add("go live day,go live date,golive day,golive date", ("anchor", "GOLIVE", True))
_add("deployment test,deployment tests,deployment testing", ("anchor", "TEST", False))
_add("deployment test day,deployment test date", ("anchor", "TEST", True))
_add("deployment period", ("anchor", "PERIOD", False))

_add("the,of,from,to,från", ("fill",))

_MAX_WORDS = max(map(len, _LEXICON))

# Inflected Finnish and Swedish anchor words
_ANCHOR_WORDS: list[tuple[re.Pattern[str], tuple[tuple, ...]]] = [
    (re.compile(p), feats)
    for p, feats in [
        (r"käyttöönot(?:to|toa|toon|tona|on|osta|ossa|olla|olle)", (("anchor", "GOLIVE", False),)),
        (r"käyttöönottopäivänä", (("anchor", "GOLIVE", True), ("dir", "on"))),
        (r"käyttöönottopäiv(?:ä|ää|än|ään|ästä)", (("anchor", "GOLIVE", True),)),
        (r"käyttöönottoko(?:e|etta|keen|keesta|keeseen|keessa|keella|keelle)",
         (("anchor", "TEST", False),)),
        (r"käyttöönottokoepäivänä", (("anchor", "TEST", True), ("dir", "on"))),
        (r"käyttöönottokoepäiv(?:ä|ää|än|ään|ästä)", (("anchor", "TEST", True),)),
        (r"käyttöönottojakso(?:lla|ssa)", (("anchor", "PERIOD", False), ("dir", "during"))),
        (r"käyttöönottojakso(?:|a|n|on|sta|lle|lta)", (("anchor", "PERIOD", False),)),
        (r"tuotantokäy(?:ttö|ttöä|tön|ttöön)", (("anchor", "PROD", False),)),
        (r"ibruktag(?:ning|ningen|ningens|ande|andet|andets)", (("anchor", "GOLIVE", False),)),
        (r"(?:produktions|drift)start(?:en)?", (("anchor", "GOLIVE", False),)),
        (r"ibruktagningsdag(?:en)?", (("anchor", "GOLIVE", True),)),
        (r"ibruktagningstest(?:et|ets|en)?", (("anchor", "TEST", False),)),
        (r"ibruktagningstestdag(?:en)?", (("anchor", "TEST", True),)),
        (r"ibruktagningsperiod(?:en|ens|er|erna)?", (("anchor", "PERIOD", False),)),
    ]
]


def _word_features(word: str) -> tuple[tuple, ...] | None:
    if word.isdecimal():
        digits = word.lstrip("0") or "0"
        if len(digits) > _MAX_DIGITS:
            return None
        return (("num", int(digits)),)
    for pattern, feats in _ANCHOR_WORDS:
        if pattern.fullmatch(word):
            return feats
    return None


def _lexemes(norm: str) -> list[tuple[tuple, ...]] | None:
    """Split a normalised phrase into feature tuples; None on an unknown word."""
    words = _WORD.findall(norm)
    out: list[tuple[tuple, ...]] = []
    i = 0
    while i < len(words):
        for length in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            feats = _LEXICON.get(tuple(words[i : i + length]))
            if feats is None and length == 1:
                feats = _word_features(words[i])
            if feats is not None:
                out.append(feats)
                i += length
                break
        else:
            return None
    return out


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

_BY_QUAL = {"by": "by", "earliest": "after", None: "on"}


def _interpret(lexemes: list[tuple[tuple, ...]]) -> tuple[str, int, str, str] | None:
    amount: tuple[int, str] | None = None
    quals: list[str] = []
    dirs: list[str] = []
    points: list[str] = []
    anchors: list[tuple[str, bool]] = []
    pending: int | None = None
    for feats in lexemes:
        head = feats[0]
        if pending is not None and head[0] != "unit":
            return None  # a number not followed by a unit
        if head[0] == "num":
            pending = head[1]
            continue
        if head[0] == "unit":
            if amount is not None:
                return None
            if pending is None and not head[2]:
                return None  # "weeks before go-live": how many?
            amount = (1 if pending is None else pending, head[1])
            pending = None
            continue
        for f in feats:
            if f[0] == "qual":
                quals.append(f[1])
            elif f[0] == "dir":
                dirs.append(f[1])
            elif f[0] == "point":
                points.append(f[1])
            elif f[0] == "anchor":
                anchors.append((f[1], f[2]))
    if pending is not None or len(anchors) != 1 or len(quals) > 1 or len(points) > 1:
        return None
    if len(set(dirs)) != len(dirs):
        return None
    qual = quals[0] if quals else None
    point = points[0] if points else None
    kind, names_day = anchors[0]
    within = "within" in dirs
    rest = [d for d in dirs if d != "within"]
    if len(rest) > 1:
        return None
    direction = rest[0] if rest else None
    if within and direction not in (None, "after"):
        return None

    # Which anchor
    if kind in ("GOLIVE", "TEST"):
        if point is not None:
            return None
        anchor = "go-live" if kind == "GOLIVE" else "deployment-test"
    elif kind == "PROD":
        if point == "end":
            return None
        anchor, names_day = "go-live", point == "start"
    else:  # PERIOD
        if point is not None:
            anchor, names_day = f"period-{point}", True
        elif direction == "after":
            anchor = "period-end"
        elif direction in ("before", "during") or (within and amount is None):
            anchor = "period-start"
        elif direction is None and not within and qual == "by":
            anchor = "period-start"  # "käyttöönottojaksoon mennessä"
        else:
            return None

    # Which relation
    if amount is not None:
        n, unit = amount
        if direction == "before" and not within:
            return anchor, -n, unit, _BY_QUAL[qual]
        if direction == "after" or within:
            if within:
                if qual == "earliest":
                    return None
                return anchor, n, unit, "by"
            return anchor, n, unit, _BY_QUAL[qual]
        return None
    if within:
        if direction is not None or kind != "PERIOD" or point is not None or qual:
            return None
        direction = "during"
    if direction == "before":
        return None if qual == "earliest" else (anchor, 0, "days", "before")
    if direction == "after":
        return None if qual == "by" else (anchor, 0, "days", "after")
    if direction == "during":
        if kind != "PERIOD" or point is not None or qual:
            return None
        return "period-start", 0, "days", "during"
    if direction == "on" or qual is not None or names_day:
        return anchor, 0, "days", _BY_QUAL[qual]
    return None


@lru_cache(maxsize=4096)
def _parse(text: str) -> Timing | None:
    lexemes = _lexemes(normalise_phrase(text))
    if not lexemes:
        return None
    found = _interpret(lexemes)
    if found is None:
        return None
    anchor, offset, unit, relation = found
    return Timing(anchor, offset, unit, relation, text)


def parse_timing(text: object) -> Timing | None:
    """Read a timing phrase; return None when it cannot be read exactly.

    Finnish, Swedish and English are understood, with Finnish inflections,
    amounts in digits or words (one to twelve), and the anchors go-live
    (käyttöönotto, käyttöönottopäivä, tuotantokäytön aloitus; ibruktagning,
    ibruktagningsdagen; go-live), deployment test (käyttöönottokoe;
    ibruktagningstest; deployment test) and deployment period
    (käyttöönottojakso; ibruktagningsperiod; deployment period) with its
    start or end. Every word must be understood and the phrase must name
    exactly one anchor; otherwise the result is None, never a guess.

    Parameters
    ----------
    text : str
        The phrase as written in the workbook. Anything that is not a
        string (an empty cell, a number) gives None.

    Returns
    -------
    Timing or None
        The timing, with ``text`` set to *text* unchanged.

    Examples
    --------
    >>> parse_timing("2 arkipäivän kuluessa käyttöönottokokeesta").parts
    ('deployment-test', 2, 'business-days', 'by')
    >>> parse_timing("ennen käyttöönottojakson alkua").parts
    ('period-start', 0, 'days', 'before')
    >>> parse_timing("inom två arbetsdagar efter ibruktagningstestet").parts
    ('deployment-test', 2, 'business-days', 'by')
    >>> parse_timing("on the go-live day").parts
    ('go-live', 0, 'days', 'on')
    >>> print(parse_timing("3 viikkoa"), parse_timing("hyvissä ajoin ennen käyttöönottoa"))
    None None
    """
    if not isinstance(text, str):
        return None
    return _parse(text)


def read_timing(
    value: object, *, file: str = "", sheet: str = "", cell: str = ""
) -> tuple[Timing | None, list[Finding]]:
    """Read a timing cell of the task workbook, reporting what cannot be read.

    Parameters
    ----------
    value : object
        The cell value. Blank (None or only spaces and punctuation) means
        the task has no timing: no timing and no finding.
    file, sheet, cell : str
        Where the value is, for the finding.

    Returns
    -------
    (Timing or None, list of Finding)
        A value that is not blank and does not parse gives None and one
        ``"unparsable-timing"`` warning at its cell; the text stays with the
        caller and never becomes a date.

    Examples
    --------
    >>> read_timing("käyttöönottopäivänä")[0].parts
    ('go-live', 0, 'days', 'on')
    >>> read_timing(None)
    (None, [])
    >>> t, found = read_timing("hyvissä ajoin", file="t.xlsx", sheet="Käytön laajennus", cell="E4")
    >>> print(t, found[0].line("en"))
    None t.xlsx: Käytön laajennus!E4: warning: the timing 'hyvissä ajoin' could not be read; it is kept as text and gets no due date [unparsable-timing]
    >>> found[0].text("fi")
    "ajoitusta 'hyvissä ajoin' ei voitu tulkita; se säilytetään tekstinä eikä sille lasketa määräpäivää"
    """
    if value is None or (isinstance(value, str) and not normalise_phrase(value)):
        return None, []
    parsed = parse_timing(value)
    if parsed is not None:
        return parsed, []
    shown = value if isinstance(value, str) else str(value)
    return None, [Finding.of("unparsable-timing", file, sheet, cell, timing=shown.strip())]


# ---------------------------------------------------------------------------
# Describing
# ---------------------------------------------------------------------------

# Finnish anchor forms: partitive, genitive, elative, "on that day"
_FI_ANCHOR = {
    "go-live": ("käyttöönottoa", "käyttöönoton", "käyttöönotosta", "käyttöönottopäivänä"),
    "deployment-test": ("käyttöönottokoetta", "käyttöönottokokeen", "käyttöönottokokeesta",
                        "käyttöönottokokeen päivänä"),
    "period-start": ("käyttöönottojakson alkua", "käyttöönottojakson alun",
                     "käyttöönottojakson alusta", "käyttöönottojakson alkaessa"),
    "period-end": ("käyttöönottojakson päättymistä", "käyttöönottojakson päättymisen",
                   "käyttöönottojakson päättymisestä", "käyttöönottojakson päättyessä"),
}
# Finnish units: nominative (after 1), partitive (after other numbers), genitive
_FI_UNIT = {
    "days": ("päivä", "päivää", "päivän"),
    "business-days": ("arkipäivä", "arkipäivää", "arkipäivän"),
    "weeks": ("viikko", "viikkoa", "viikon"),
    "months": ("kuukausi", "kuukautta", "kuukauden"),
}
# Swedish and English anchors: plain, "on that day"
_SV_ANCHOR = {
    "go-live": ("ibruktagningen", "på ibruktagningsdagen"),
    "deployment-test": ("ibruktagningstestet", "på dagen för ibruktagningstestet"),
    "period-start": ("ibruktagningsperiodens början", "vid ibruktagningsperiodens början"),
    "period-end": ("ibruktagningsperiodens slut", "vid ibruktagningsperiodens slut"),
}
_EN_ANCHOR = {
    "go-live": ("go-live", "on the go-live day"),
    "deployment-test": ("the deployment test", "on the day of the deployment test"),
    "period-start": ("the start of the deployment period", "at the start of the deployment period"),
    "period-end": ("the end of the deployment period", "at the end of the deployment period"),
}
_SV_UNIT = {"days": ("dag", "dagar"), "business-days": ("arbetsdag", "arbetsdagar"),
            "weeks": ("vecka", "veckor"), "months": ("månad", "månader")}
_EN_UNIT = {"days": ("day", "days"), "business-days": ("business day", "business days"),
            "weeks": ("week", "weeks"), "months": ("month", "months")}
# Words per language: by-qualifier, earliest-qualifier, before, after, within, during
_WORDS = {
    "sv": ("senast", "tidigast", "före", "efter", "inom", "under ibruktagningsperioden"),
    "en": ("no later than", "at the earliest", "before", "after", "within", "during the deployment period"),
}


def _describe_fi(t: Timing) -> str:
    part, gen, ela, on = _FI_ANCHOR[t.anchor]
    n = abs(t.offset)
    nom_u, part_u, gen_u = _FI_UNIT[t.unit]
    amount = f"{n} {nom_u if n == 1 else part_u}"
    has_amount = t.offset != 0 or t.unit == "business-days"
    shifted = f"{amount} ennen {part}" if t.offset < 0 else f"{amount} {gen} jälkeen"
    if t.relation == "during":
        return "käyttöönottojakson aikana"
    if t.relation == "before":
        return f"ennen {part}"
    if t.relation == "by":
        if t.offset < 0:
            return f"viimeistään {shifted}"
        return f"{n} {gen_u} kuluessa {ela}" if has_amount else f"viimeistään {on}"
    if t.relation == "after":
        return f"aikaisintaan {shifted}" if has_amount else f"{gen} jälkeen"
    return shifted if has_amount else on


def _describe_other(t: Timing, lang: str) -> str:
    plain, on = (_SV_ANCHOR if lang == "sv" else _EN_ANCHOR)[t.anchor]
    latest, earliest, before, after, within, during = _WORDS[lang]
    n = abs(t.offset)
    unit = (_SV_UNIT if lang == "sv" else _EN_UNIT)[t.unit][n != 1]
    has_amount = t.offset != 0 or t.unit == "business-days"
    shifted = f"{n} {unit} {before if t.offset < 0 else after} {plain}"
    if t.relation == "during":
        return during
    if t.relation == "before":
        return f"{before} {plain}"
    if t.relation == "by":
        if t.offset < 0:
            return f"{latest} {shifted}"
        if has_amount:
            return f"{within} {n} {unit} {'efter' if lang == 'sv' else 'of'} {plain}"
        return f"senast vid {plain}" if lang == "sv" else f"by {plain}"
    if t.relation == "after":
        return f"{earliest} {shifted}" if has_amount else f"{after} {plain}"
    return shifted if has_amount else on


def describe_timing(timing: Timing, lang: str = "fi") -> str:
    """Render a timing as a short label in Finnish, Swedish or English.

    The label reads back to the same timing with :func:`parse_timing`.

    Parameters
    ----------
    timing : Timing
    lang : {"fi", "sv", "en"}, default "fi"

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For another language.

    Examples
    --------
    >>> t = parse_timing("within 2 business days of the deployment test")
    >>> describe_timing(t)
    '2 arkipäivän kuluessa käyttöönottokokeesta'
    >>> describe_timing(t, "sv")
    'inom 2 arbetsdagar efter ibruktagningstestet'
    >>> describe_timing(parse_timing("ennen käyttöönottojakson alkua"), "en")
    'before the start of the deployment period'
    >>> describe_timing(Timing("go-live", -1, "weeks", "by"))
    'viimeistään 1 viikko ennen käyttöönottoa'
    """
    if lang == "fi":
        return _describe_fi(timing)
    if lang in ("sv", "en"):
        return _describe_other(timing, lang)
    raise ValueError(f"unknown language {lang!r}; expected 'fi', 'sv' or 'en'")
