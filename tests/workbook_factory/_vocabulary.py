"""The vocabulary, transcribed from FORMATS.md (the first synonym is the default).

Field names and header synonyms per table kind and language, sheet names per
role, the enums of canonical values (:class:`Group`, :class:`YesNo`,
:class:`Mark`, :class:`Basis`) with their words in fi / sv / en, and the fixed
texts the writers put around a table (help, title, change log).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("fi", "sv", "en")
FORMATS = ("xlsx", "xlsm", "xls", "ods", "csv")

ITEM_FIELDS = ("id", "name", "service", "group", "requires", "recommends", "test",
               "period", "available_from", "source", "basis", "note")

ITEM_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"fi": ("Tunnus", "Nro", "ID"), "sv": ("Kod", "Nr"), "en": ("Code", "ID")},
    "name": {"fi": ("Osatoteutus", "Toiminnallisuus", "Nimi"),
             "sv": ("Delimplementering", "Funktionalitet", "Namn"),
             "en": ("Functionality", "Name")},
    "service": {"fi": ("Palvelu", "Kanta-palvelu"), "sv": ("Tjänst",), "en": ("Service",)},
    "group": {"fi": ("Asiakirjaryhmä", "Vaihe"), "sv": ("Dokumentgrupp", "Skede"),
              "en": ("Document group", "Phase")},
    "requires": {"fi": ("Edellyttää", "Riippuvuudet", "Riippuu"),
                 "sv": ("Förutsätter", "Beroenden"), "en": ("Requires", "Depends on")},
    "recommends": {"fi": ("Suositellaan ensin",), "sv": ("Rekommenderas först",),
                   "en": ("Recommended first",)},
    "test": {"fi": ("Käyttöönottokoe",), "sv": ("Ibruktagningstest",),
             "en": ("Deployment test",)},
    "period": {"fi": ("Käyttöönottojakso",), "sv": ("Ibruktagningsperiod",),
               "en": ("Deployment period",)},
    "available_from": {"fi": ("Saatavilla alkaen", "Julkaisu"), "sv": ("Tillgänglig från",),
                       "en": ("Available from",)},
    "source": {"fi": ("Lähde",), "sv": ("Källa",), "en": ("Source",)},
    "basis": {"fi": ("Peruste",), "sv": ("Grund",), "en": ("Basis",)},
    "note": {"fi": ("Huom", "Lisätiedot"), "sv": ("Anmärkning",), "en": ("Note",)},
}

PROFILE_FIELDS = ("id", "name", "description", "valid_from", "valid_until")
PROFILE_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"fi": ("Tunnus",), "sv": ("Kod",), "en": ("ID",)},
    "name": {"fi": ("Nimi",), "sv": ("Namn",), "en": ("Name",)},
    "description": {"fi": ("Kuvaus",), "sv": ("Beskrivning",), "en": ("Description",)},
    "valid_from": {"fi": ("Voimassa alkaen",), "sv": ("Giltig från",), "en": ("Valid from",)},
    "valid_until": {"fi": ("Voimassa asti",), "sv": ("Giltig till",), "en": ("Valid until",)},
}

TASK_FIELDS = ("id", "task", "description", "responsible", "timing", "duration", "after",
               "applies_to", "source")
TASK_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"fi": ("Nro", "Tunnus"), "sv": ("Nr",), "en": ("ID",)},
    "task": {"fi": ("Tehtävä",), "sv": ("Uppgift",), "en": ("Task",)},
    "description": {"fi": ("Kuvaus",), "sv": ("Beskrivning",), "en": ("Description",)},
    "responsible": {"fi": ("Vastuutaho", "Vastuu"), "sv": ("Ansvarig",), "en": ("Responsible",)},
    "timing": {"fi": ("Ajoitus", "Ajankohta"), "sv": ("Tidpunkt",), "en": ("Timing",)},
    "duration": {"fi": ("Kesto",), "sv": ("Längd",), "en": ("Duration",)},
    "after": {"fi": ("Edeltävät tehtävät",), "sv": ("Föregående",), "en": ("Predecessors",)},
    "applies_to": {"fi": ("Koskee",), "sv": ("Gäller",), "en": ("Applies to",)},
    "source": {"fi": ("Lähde",), "sv": ("Källa",), "en": ("Source",)},
}

PERIOD_FIELDS = ("name", "start", "end", "registration_deadline")
PERIOD_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "name": {"fi": ("Jakso",), "sv": ("Period",), "en": ("Period",)},
    "start": {"fi": ("Alkaa",), "sv": ("Börjar",), "en": ("Start",)},
    "end": {"fi": ("Päättyy",), "sv": ("Slutar",), "en": ("End",)},
    "registration_deadline": {"fi": ("Ilmoittautuminen viimeistään",),
                              "sv": ("Anmälan senast",), "en": ("Registration deadline",)},
}

ORG_FIELDS = ("organisation", "profile", "deployed", "certified", "target_date", "planned")
ORG_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisation": {"fi": ("Organisaatio", "Palvelunantaja"), "sv": ("Organisation",),
                     "en": ("Organisation",)},
    "profile": {"fi": ("Tietojärjestelmäprofiili", "Profiili"), "sv": ("Profil",),
                "en": ("Profile",)},
    "deployed": {"fi": ("Käytössä",), "sv": ("I bruk",), "en": ("Deployed",)},
    "certified": {"fi": ("Sertifioitu", "Yhteistestattu"), "sv": ("Certifierad",),
                  "en": ("Certified",)},
    "target_date": {"fi": ("Tavoitepäivä",), "sv": ("Måldatum",), "en": ("Target date",)},
    "planned": {"fi": ("Suunniteltu järjestys",), "sv": ("Planerad ordning",),
                "en": ("Planned order",)},
}

#: Sheet names per role and language.  ``items``, ``profiles``, ``matrix``,
#: ``tasks`` and ``periods`` come from FORMATS.md; ``help``, ``changelog`` and
#: ``organisations`` are the factory's own choice (FORMATS.md names none).
SHEET_NAMES: dict[str, dict[str, str]] = {
    "items": {"fi": "Osatoteutukset", "sv": "Delimplementeringar", "en": "Functionalities"},
    "profiles": {"fi": "Profiilit", "sv": "Profiler", "en": "Profiles"},
    "matrix": {"fi": "Riippuvuudet", "sv": "Beroenden", "en": "Dependencies"},
    "help": {"fi": "Ohje", "sv": "Anvisningar", "en": "Instructions"},
    "changelog": {"fi": "Muutoshistoria", "sv": "Ändringshistorik", "en": "Change log"},
    "tasks": {"fi": "Käytön laajennus", "sv": "Utvidgning av användningen",
              "en": "Extension of use"},
    "periods": {"fi": "Käyttöönottojaksot", "sv": "Ibruktagningsperioder",
                "en": "Deployment periods"},
    "organisations": {"fi": "Organisaatiot", "sv": "Organisationer", "en": "Organisations"},
}

PROFILE_SUPER_HEADERS: dict[str, tuple[str, ...]] = {
    "fi": ("Tietojärjestelmäprofiilit", "Profiilit"), "sv": ("Profiler",), "en": ("Profiles",),
}


class Group(enum.Enum):
    """Canonical document groups; rendered through :data:`GROUP_WORDS`."""

    OLD = "old"
    PHASE1 = "phase1"
    PHASE2 = "phase2"
    JOINING = "joining"


class YesNo(enum.Enum):
    """Canonical yes / no / if-needed; rendered through :data:`YES_NO_WORDS`."""

    YES = "yes"
    NO = "no"
    IF_NEEDED = "if_needed"


class Mark(enum.Enum):
    """Canonical profile marks; rendered through :data:`MARK_WORDS`."""

    ALLOWED = "allowed"
    PARTLY = "partly"
    NOT = "not"


class Basis(enum.Enum):
    """Canonical basis values; rendered through :data:`BASIS_WORDS`."""

    DOCUMENTED = "documented"
    ASSUMED = "assumed"


def _same(*words: str) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(words) for lang in LANGUAGES}


GROUP_WORDS: dict[Group, dict[str, tuple[str, ...]]] = {
    Group.OLD: {"fi": ("vanhat asiakirjat", "vanhat"), "sv": ("gamla handlingar",),
                "en": ("old documents",)},
    Group.PHASE1: {"fi": ("1. vaihe", "1. vaiheen asiakirjat", "I vaihe"),
                   "sv": ("skede 1", "fas 1"), "en": ("phase 1",)},
    Group.PHASE2: {"fi": ("2. vaihe", "2. vaiheen asiakirjat", "II vaihe"),
                   "sv": ("skede 2", "fas 2"), "en": ("phase 2",)},
    Group.JOINING: {"fi": ("liittymisvelvoite",), "sv": ("anslutningsskyldighet",),
                    "en": ("joining obligation",)},
}

YES_NO_WORDS: dict[YesNo, dict[str, tuple[str, ...]]] = {
    YesNo.YES: {"fi": ("kyllä", "k", "x", "1"), "sv": ("ja", "x", "1"),
                "en": ("yes", "y", "x", "1")},
    YesNo.NO: {"fi": ("ei", "e", "0", ""), "sv": ("nej", "0", ""), "en": ("no", "n", "0", "")},
    YesNo.IF_NEEDED: _same("tarvittaessa"),
}

MARK_WORDS: dict[Mark, dict[str, tuple[str, ...]]] = {
    Mark.ALLOWED: {"fi": ("X", "x", "✓", "✔", "•", "K", "kyllä", "1"),
                   "sv": ("X", "x", "✓", "✔", "•", "ja", "1"),
                   "en": ("X", "x", "✓", "✔", "•", "yes", "y", "1")},
    Mark.PARTLY: {"fi": ("osittain", "(X)"), "sv": ("delvis", "(X)"), "en": ("partly", "(X)")},
    Mark.NOT: {"fi": ("", "ei", "-", "0"), "sv": ("", "nej", "-", "0"),
               "en": ("", "no", "n", "-", "0")},
}

BASIS_WORDS: dict[Basis, dict[str, tuple[str, ...]]] = {
    Basis.DOCUMENTED: _same("dokumentoitu"),
    Basis.ASSUMED: _same("oletus"),
}

AND_WORDS = {"fi": "ja", "sv": "och", "en": "and"}

_WORDS_BY_ENUM: dict[type, Mapping[Any, Mapping[str, tuple[str, ...]]]] = {
    Group: GROUP_WORDS, YesNo: YES_NO_WORDS, Mark: MARK_WORDS, Basis: BASIS_WORDS,
}

_HELP_TEXT = {
    "fi": ("Ohje", "Tämä työkirja kuvaa osatoteutusten riippuvuudet.",
           "Merkintä X tarkoittaa, että profiili sallii osatoteutuksen."),
    "sv": ("Anvisningar", "Denna arbetsbok beskriver beroenden mellan delimplementeringar.",
           "Markeringen X betyder att profilen tillåter delimplementeringen."),
    "en": ("Instructions", "This workbook describes dependencies between functionalities.",
           "A mark X means the profile allows the functionality."),
}
_TITLE_TEXT = {
    "fi": ("Kanta-palvelujen riippuvuustaulukko", "Versio 1.0, päivitetty 1.2.2024",
           "Huom: taulukko on työversio"),
    "sv": ("Beroendetabell för Kanta-tjänsterna", "Version 1.0, uppdaterad 1.2.2024",
           "Obs: tabellen är ett utkast"),
    "en": ("Kanta services dependency table", "Version 1.0, updated 1.2.2024",
           "Note: the table is a draft"),
}
_CHANGELOG = {
    "fi": (("Versio", "Päivämäärä", "Muutos"), ("1.0", "1.2.2024", "Ensimmäinen versio")),
    "sv": (("Version", "Datum", "Ändring"), ("1.0", "1.2.2024", "Första versionen")),
    "en": (("Version", "Date", "Change"), ("1.0", "1.2.2024", "First version")),
}
_EXTRA_COLUMN_VALUES = ("tarkistettava", "", "katso liite 2", "")
# The middle row of a three-row ("grouped") header: names of groups of profiles.
_PROFILE_GROUPS = {
    "fi": ("Sosiaalihuolto", "Terveydenhuolto", "Muut"),
    "sv": ("Socialvård", "Hälso- och sjukvård", "Övriga"),
    "en": ("Social welfare", "Health care", "Other"),
}
# A legend block below the item table (its first row opens with a legend word of FORMATS.md).
_LEGEND_TEXT = {
    "fi": ("Merkinnät:", "X = sallittu", "(X) = osittain sallittu", "tyhjä = ei sallittu"),
    "sv": ("Förklaring", "X = tillåten", "(X) = delvis tillåten", "tom = inte tillåten"),
    "en": ("Legend", "X = allowed", "(X) = partly allowed", "blank = not allowed"),
}
# The text of a cell comment (an .xlsx note, an .ods annotation): never a cell's content.
_COMMENT_TEXT = "Kommentti: tarkista tämä rivi (ei solun arvo)"

_FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)


def _norm(text: str) -> str:
    """Text as a normalising reader compares it: NFC, no-break spaces and runs of blanks as one space, casefolded."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()
