"""The words of the workbooks: header and value synonyms in Finnish, Swedish and English.

Everything read from a workbook is compared after :func:`normalise`: Unicode
NFC, casefold, non-breaking spaces and repeated whitespace folded, and
surrounding punctuation (":", "*", "()", ".") ignored (FORMATS.md).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache
from typing import Mapping

from analyser.findings import BadDate

__all__ = [
    "normalise",
    "fold",
    "finnish_sort_key",
    "natural_key",
    "service_key",
    "ITEM_FIELDS",
    "PROFILE_FIELDS",
    "TASK_FIELDS",
    "PERIOD_FIELDS",
    "ORGANISATION_FIELDS",
    "SHEET_NAMES",
    "PROFILE_SUPER_HEADERS",
    "match_field",
    "parse_mark",
    "parse_yes_no",
    "parse_test",
    "parse_group",
    "GROUP_KEYS",
    "ALLOWED",
    "PARTLY",
    "NOT_ALLOWED",
    "split_list",
    "LIST_WORDS",
    "parse_date",
]

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")
_EDGE_PUNCT = ":*.;,()[]\"'´`‘’“”"


def fold(text: object) -> str:
    """NFC, casefold and fold whitespace; keep punctuation.

    Examples
    --------
    >>> fold("  Käyttöönotto\\u00a0 KOE ")
    'käyttöönotto koe'
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text))
    s = _SPACES.sub(" ", s).strip()
    return s.casefold()


def normalise(text: object) -> str:
    """Fold text and drop the punctuation around it: the key every comparison uses.

    Examples
    --------
    >>> normalise(" Tunnus: ")
    'tunnus'
    >>> normalise("*Edellyttää*")
    'edellyttää'
    >>> normalise("A\\u0308") == normalise("ä")
    True
    """
    s = fold(text)
    while s and (s[0] in _EDGE_PUNCT or s[-1] in _EDGE_PUNCT):
        s = s.strip(_EDGE_PUNCT).strip()
    return s


_FINNISH_LAST = {"å": "z\U0010fff0", "ä": "z\U0010fff1", "ö": "z\U0010fff2"}


def finnish_sort_key(text: object) -> str:
    """Sort key that puts å, ä, ö after z and folds other accents, as Finnish sorts.

    Examples
    --------
    >>> sorted(["Öljy", "Zeta", "Äiti", "Ala", "Åbo", "Émile"], key=finnish_sort_key)
    ['Ala', 'Émile', 'Zeta', 'Åbo', 'Äiti', 'Öljy']
    """
    out = []
    for ch in fold(text):
        if ch in _FINNISH_LAST:
            out.append(_FINNISH_LAST[ch])
        else:
            base = unicodedata.normalize("NFD", ch)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=1 << 16)
def _natural_key_of(raw: str) -> tuple:
    parts = []
    for i, piece in enumerate(_DIGITS.split(finnish_sort_key(raw))):
        if i % 2:  # a digit run; one too long for int() (4300 digits) sorts after every number
            parts.append((1, int(piece), "") if len(piece) <= 1000 else (1, float("inf"), piece))
        else:
            parts.append((0, 0, piece))
    return (tuple(parts), raw)


def natural_key(text: object) -> tuple:
    """Sort key for ids: digit runs compare as numbers, letters in Finnish order.

    The raw text is the last component, so the key is total and deterministic.

    Examples
    --------
    >>> sorted(["A10", "A2", "a1", "B"], key=natural_key)
    ['a1', 'A2', 'A10', 'B']
    """
    return _natural_key_of("" if text is None else str(text))


_SERVICE_SWAPS = (
    # a lookbehind, not "(\w+)tiedon": that backtracks quadratically over a long word
    (re.compile(r"(?<=\w)tiedon arkisto"), "tietovaranto"),
    (re.compile(r"(?<=\w)tietojen arkisto"), "tietovaranto"),
    (re.compile(r"arkisto"), "tietovaranto"),
    (re.compile(r"arkivet"), "lagret"),
    (re.compile(r"arkiv"), "lager"),
    (re.compile(r"archive"), "repository"),
)


def service_key(text: object) -> str:
    """Key under which old and new service names compare equal.

    Kanta renamed "arkisto" to "tietovaranto" (sv "arkiv" to "lager", en
    "archive" to "repository") in May 2024; files of either age name the same
    service (DOMAIN.md).

    Examples
    --------
    >>> service_key("Potilastiedon arkisto") == service_key("Potilastietovaranto")
    True
    >>> a = service_key("Sosiaalihuollon asiakastiedon arkisto")
    >>> a == service_key("Sosiaalihuollon asiakastietovaranto")
    True
    >>> service_key("Patient Data Archive") == service_key("Patient data repository")
    True
    """
    s = normalise(text)
    for pattern, repl in _SERVICE_SWAPS:
        s = pattern.sub(repl, s)
    return s


def _syn(*words: str) -> tuple[str, ...]:
    return tuple(normalise(w) for w in words)


ITEM_FIELDS: Mapping[str, tuple[str, ...]] = {
    "id": _syn("Tunnus", "Nro", "Numero", "Tunniste", "ID", "Kod", "Nr", "Code", "Id-tunnus"),
    "name": _syn(
        "Osatoteutus", "Toiminnallisuus", "Nimi", "Osatoteutuksen nimi",
        "Delimplementering", "Funktionalitet", "Namn",
        "Functionality", "Name", "Partial implementation",
    ),
    "service": _syn("Palvelu", "Kanta-palvelu", "Tjänst", "Kanta-tjänst", "Service", "Kanta service"),
    "group": _syn(
        "Asiakirjaryhmä", "Vaihe", "Dokumentgrupp", "Handlingsgrupp", "Skede", "Fas",
        "Document group", "Phase",
    ),
    "requires": _syn(
        "Edellyttää", "Riippuvuudet", "Riippuu", "Edellytykset", "Vaatii",
        "Förutsätter", "Beroenden", "Beror på", "Requires", "Depends on", "Dependencies",
        "Prerequisites",
    ),
    "recommends": _syn(
        "Suositellaan ensin", "Suositeltu ensin", "Rekommenderas först",
        "Recommended first", "Recommends",
    ),
    "test": _syn(
        "Käyttöönottokoe", "Ibruktagningstest", "Ibruktagningsprov", "Deployment test",
    ),
    "period": _syn(
        "Käyttöönottojakso", "Ilmoittautuminen käyttöönottojaksolle",
        "Ibruktagningsperiod", "Deployment period",
    ),
    "available_from": _syn(
        "Saatavilla alkaen", "Julkaisu", "Julkaisupäivä", "Tillgänglig från", "Publicering",
        "Available from", "Release",
    ),
    "source": _syn("Lähde", "Källa", "Source"),
    "basis": _syn("Peruste", "Grund", "Basis"),
    "note": _syn("Huom", "Huomautus", "Lisätiedot", "Anmärkning", "Note", "Notes", "Remarks"),
}

PROFILE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "id": _syn("Tunnus", "Nro", "Tunniste", "ID", "Kod", "Nr", "Code", "Profiili", "Profil", "Profile"),
    "name": _syn("Nimi", "Profiilin nimi", "Namn", "Name"),
    "description": _syn("Kuvaus", "Beskrivning", "Description"),
    "valid_from": _syn("Voimassa alkaen", "Giltig från", "Valid from"),
    "valid_until": _syn("Voimassa asti", "Voimassa saakka", "Giltig till", "Valid until"),
    "basis": _syn("Peruste", "Grund", "Basis"),
    "source": _syn("Lähde", "Källa", "Source"),
}

TASK_FIELDS: Mapping[str, tuple[str, ...]] = {
    "id": _syn("Nro", "Tunnus", "Numero", "Nr", "ID", "No"),
    "task": _syn("Tehtävä", "Uppgift", "Task"),
    "description": _syn("Kuvaus", "Beskrivning", "Description"),
    "responsible": _syn("Vastuutaho", "Vastuu", "Vastuussa", "Ansvarig", "Ansvar", "Responsible"),
    "timing": _syn("Ajoitus", "Ajankohta", "Aikataulu", "Tidpunkt", "Tidtabell", "Timing", "When"),
    "duration": _syn("Kesto", "Kesto päivää", "Längd", "Varaktighet", "Duration", "Duration days"),
    "after": _syn(
        "Edeltävät tehtävät", "Edeltävät", "Edeltäjät", "Föregående", "Föregående uppgifter",
        "Predecessors", "After",
    ),
    "applies_to": _syn("Koskee", "Gäller", "Applies to"),
    "source": _syn("Lähde", "Källa", "Source"),
    "basis": _syn("Peruste", "Grund", "Basis"),
}

PERIOD_FIELDS: Mapping[str, tuple[str, ...]] = {
    "name": _syn("Jakso", "Käyttöönottojakso", "Nimi", "Period", "Ibruktagningsperiod", "Namn",
                 "Deployment period", "Name"),
    "start": _syn("Alkaa", "Alkupäivä", "Alku", "Börjar", "Start", "Starts", "Start date"),
    "end": _syn("Päättyy", "Loppupäivä", "Loppu", "Slutar", "End", "Ends", "End date"),
    "deadline": _syn(
        "Ilmoittautuminen viimeistään", "Ilmoittautumisen määräaika", "Ilmoittautuminen",
        "Anmälan senast", "Anmälan", "Registration deadline", "Registration",
    ),
    "service": _syn("Palvelu", "Tjänst", "Service"),
    "basis": _syn("Peruste", "Grund", "Basis"),
    "note": _syn("Huom", "Lisätiedot", "Anmärkning", "Note"),
}

ORGANISATION_FIELDS: Mapping[str, tuple[str, ...]] = {
    "organisation": _syn("Organisaatio", "Palvelunantaja", "Sote-toimija", "Organisation",
                         "Tjänsteproducent", "Organization", "Provider"),
    "profile": _syn("Tietojärjestelmäprofiili", "Profiili", "Profil", "Informationssystemprofil",
                    "Profile", "Information system profile"),
    "deployed": _syn("Käytössä", "I bruk", "Deployed", "In use"),
    "certified": _syn("Sertifioitu", "Yhteistestattu", "Certifierad", "Certified"),
    "target_date": _syn("Tavoitepäivä", "Måldatum", "Target date", "Target"),
    "planned": _syn("Suunniteltu järjestys", "Planerad ordning", "Planned order", "Planned"),
}

SHEET_NAMES: Mapping[str, tuple[str, ...]] = {
    "items": _syn("Osatoteutukset", "Toiminnallisuudet", "Delimplementeringar", "Funktionaliteter",
                  "Functionalities", "Partial implementations", "Riippuvuustaulukko"),
    "profiles": _syn("Profiilit", "Tietojärjestelmäprofiilit", "Profiler", "Profiles"),
    "matrix": _syn("Riippuvuudet", "Riippuvuusmatriisi", "Beroenden", "Dependencies",
                   "Dependency matrix"),
    "tasks": _syn("Käytön laajennus", "Käyttöönottotehtävät", "Tehtävät",
                  "Utvidgning av användningen", "Uppgifter", "Extension of use", "Tasks"),
    "periods": _syn("Käyttöönottojaksot", "Jaksot", "Ibruktagningsperioder", "Perioder",
                    "Deployment periods", "Periods"),
    "organisations": _syn("Organisaatiot", "Organisationer", "Organisations", "Organizations"),
}

PROFILE_SUPER_HEADERS = _syn(
    "Tietojärjestelmäprofiilit", "Tietojärjestelmäprofiili", "Profiilit", "Profiler",
    "Informationssystemprofiler", "Profiles", "Information system profiles",
)

# No opening bracket inside: a cell of many "(" must not make every one of them scan to the end.
_BRACKETED = re.compile(r"\s*[\(\[][^()\[\]]*[\)\]]\s*")


def match_field(header: object, fields: Mapping[str, tuple[str, ...]]) -> str | None:
    """The field a header cell names, or None.

    A bracketed remark in the header ("Edellyttää (tunnukset)") is ignored.

    Examples
    --------
    >>> match_field("Edellyttää (tunnukset)", ITEM_FIELDS)
    'requires'
    >>> match_field("Beroenden", ITEM_FIELDS), match_field("Tuntematon", ITEM_FIELDS)
    ('requires', None)
    """
    text = normalise(header)
    if not text:
        return None
    candidates = [text]
    stripped = normalise(_BRACKETED.sub(" ", fold(header)))
    if stripped and stripped != text:
        candidates.append(stripped)
    for candidate in candidates:
        for name, synonyms in fields.items():
            if candidate in synonyms:
                return name
    return None


ALLOWED = "allowed"
PARTLY = "partly"
NOT_ALLOWED = "no"

_MARK_ALLOWED = {"x", "✓", "✔", "•", "k", "kyllä", "ja", "yes", "y", "1", "true", "sallittu", "tillåten", "allowed"}
_MARK_PARTLY = {"osittain", "osittainen", "delvis", "partly", "partial", "(x)"}
_MARK_NO = {"", "ei", "nej", "no", "n", "-", "–", "—", "0", "false"}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold(value)


def parse_mark(value: object) -> str | None:
    """A profile mark: ALLOWED, PARTLY, NOT_ALLOWED, or None when unknown.

    Examples
    --------
    >>> [parse_mark(v) for v in ["X", "✓", "(X)", "osittain", None, "ei", 1, "maybe"]]
    ['allowed', 'allowed', 'partly', 'partly', 'no', 'no', 'allowed', None]
    """
    text = _cell_text(value)
    if text in _MARK_PARTLY:
        return PARTLY
    if text in _MARK_ALLOWED:
        return ALLOWED
    if text in _MARK_NO:
        return NOT_ALLOWED
    return None  # marks keep their punctuation (FORMATS.md §1): "X?" and "*X*" are no marks


_YES = {"kyllä", "k", "x", "ja", "yes", "y", "1", "true", "✓", "✔"}
_NO = {"ei", "e", "nej", "no", "n", "0", "false", "", "-", "–"}
_IF_NEEDED = {"tarvittaessa", "tarv", "vid behov", "if needed", "as needed", "when needed", "optional"}


def parse_yes_no(value: object) -> bool | None:
    """True, False (blank counts as no), or None when the value is not a yes/no.

    Examples
    --------
    >>> [parse_yes_no(v) for v in ["Kyllä", "nej", "", 1, "ehkä"]]
    [True, False, False, True, None]
    """
    text = normalise(_cell_text(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def parse_test(value: object) -> str | None:
    """Deployment-test value: "yes", "no", "if-needed", or None when unknown.

    Examples
    --------
    >>> [parse_test(v) for v in ["kyllä", "", "Tarvittaessa", "vid behov", "?"]]
    ['yes', 'no', 'if-needed', 'if-needed', None]
    """
    text = normalise(_cell_text(value))
    if text in _IF_NEEDED:
        return "if-needed"
    answer = parse_yes_no(value)
    if answer is None:
        return None
    return "yes" if answer else "no"


GROUP_KEYS = ("old", "phase-1", "phase-2", "joining-obligation")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PHASE_WORDS = r"(?:vaihe|vaiheen|vaiheet|skede|skedet|skedets|fas|fasen|phase|stage)"
_PHASE_BEFORE = re.compile(rf"^(\d+|i{{1,3}}|iv)\.?\s*{_PHASE_WORDS}\b")
_PHASE_AFTER = re.compile(rf"^{_PHASE_WORDS}\s*(\d+|i{{1,3}}|iv)\b")


def parse_group(value: object) -> str | None:
    """Document group key from any fi/sv/en spelling; "" for blank, None when unknown.

    Examples
    --------
    >>> [parse_group(v) for v in ["vanhat asiakirjat", "1. vaihe", "II vaihe", "fas 2",
    ...                            "Liittymisvelvoite", "", "3. vaihe", "muu"]]
    ['old', 'phase-1', 'phase-2', 'phase-2', 'joining-obligation', '', 'phase-3', None]
    """
    text = normalise(_cell_text(value))
    if not text:
        return ""
    if text.startswith(("vanha", "gaml", "old")):
        return "old"
    if "liittymisvelvoit" in text or "anslutningsskyldighet" in text or "joining obligation" in text:
        return "joining-obligation"
    for pattern in (_PHASE_BEFORE, _PHASE_AFTER):
        match = pattern.match(text)
        if match:
            token = match.group(1)
            if token.isdigit() and len(token) > 6:
                return None  # no phase has a number that long (and int() refuses 4300 digits)
            number = int(token) if token.isdigit() else _ROMAN[token]
            return f"phase-{number}"
    return None


LIST_WORDS = ("ja", "och", "and", "sekä", "&")
_LIST_SPLIT = re.compile(r"[,;\n\r]+")


def split_list(value: object) -> list[str]:
    """Split a list cell on ``,`` ``;`` and newlines; words like "ja" are left to the caller.

    Integers stored as floats lose their ".0".

    Examples
    --------
    >>> split_list("A, B;C\\nD")
    ['A', 'B', 'C', 'D']
    >>> split_list(3.0), split_list(None)
    (['3'], [])
    """
    if value is None:
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    parts = [p.strip() for p in _LIST_SPLIT.split(str(value))]
    return [p for p in parts if p and normalise(p) not in ("", "-", "–", "—")]


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_FI_DATE = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})$")
_EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(value: object) -> _dt.date | None:
    """A date from an Excel date, an Excel serial number, ISO text or d.m.yyyy text.

    Blank gives None; anything else raises :class:`BadDate`.

    Examples
    --------
    >>> parse_date("15.1.2027"), parse_date("2027-01-15"), parse_date(46402)
    (datetime.date(2027, 1, 15), datetime.date(2027, 1, 15), datetime.date(2027, 1, 15))
    >>> parse_date(None) is None
    True
    >>> parse_date("ensi keväänä")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    BadDate: not a date: 'ensi keväänä'
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        raise BadDate(value)
    if isinstance(value, (int, float)):
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + _dt.timedelta(days=int(value))
        raise BadDate(value)
    text = fold(value)
    if not text:
        return None
    try:
        match = _ISO_DATE.match(text)
        if match:
            return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _FI_DATE.match(text)
        if match:
            year = int(match.group(3))
            if year < 100:
                year += 2000
            return _dt.date(year, int(match.group(2)), int(match.group(1)))
    except ValueError:
        pass
    raise BadDate(value)
