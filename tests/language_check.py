"""The language check shared by the tests: which words of the other language a text holds.

Workbook text (ids, names, services, task titles, organisation names, the organisations file's
headers), paths, file names, finding codes, option names and their choices are taken out first:
they are shown as written, the same in every language.
"""

from __future__ import annotations

import re
from pathlib import Path

from analyser.load.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
ORGANISATIONS = ROOT / "data" / "esimerkkiorganisaatiot.csv"

# Words that only one of the two languages uses; a line with one of the other language's is a leak.
ENGLISH = set("""the and is are was not of to with which that this these those from into than then there
has have had been be can cannot could should would will must may no yes or but only also when where while
what who whose none all any each every first still already nothing something file folder sheet cell column
row item items profile profiles order orders allowed missing required requires unknown invalid expected
found read written write open opened deployed available blocked waiting task tasks period periods date
dates late before after day days week weeks month months error errors warning warnings show help usage
options positional arguments argument command commands default give given names named means did you mean""".split())
FINNISH = set("""ja tai ei ole oli eikä sekä joka jonka jotka että mutta vain myös kun jos kaikki mikään
mitään jo vielä tiedosto tiedostoa kansio välilehti solu sarake rivi osatoteutus osatoteutusta profiili
profiilia järjestys järjestystä sallittu sallittuja puuttuu tuntematon virheellinen virhe virheitä varoitus
varoituksia käytössä tehtävä tehtävät tehtävää jakso jakson käyttöönottojakso päivä päivää myöhässä ohje
näytä komento komennot oletus tarkoititko kirjoitettu luettu ennen jälkeen viikkoa kuukautta""".split())
OTHER = {"fi": ENGLISH, "en": FINNISH}

# Words both languages use as they are (ids, codes and shared terms), never taken as a leak.
SHARED = {"kanta", "kela", "thl", "csv", "xlsx", "json", "svg", "png", "pdf", "dot", "graphml", "mermaid",
          "excel-fi", "rfc4180", "fi", "en", "id", "ok",
          # command names, the same in every language
          "validate", "orders", "next", "check", "plan", "plot", "export", "report"}


def _workbook_texts() -> list[str]:
    """Every text the workbooks and the organisations file give, longest first (taken out of outputs)."""
    catalogue = load_catalogue()
    texts = set()
    for item in catalogue.items:
        texts.update({item.id, item.name, item.service, item.group_text, item.note, item.source})
    for profile in catalogue.profiles:
        texts.update({profile.id, profile.name, profile.description})
    for task in catalogue.tasks:
        texts.update({task.id, task.task, task.description, task.responsible, task.timing_text, task.source})
    for period in catalogue.periods:
        texts.update({period.name, period.service, period.note})
    for line in ORGANISATIONS.read_text(encoding="utf-8-sig").splitlines():
        texts.update(cell.strip() for cell in re.split(r"[;,]", line))
    return sorted((t for t in texts if t and len(t) > 1), key=len, reverse=True)


WORKBOOK_TEXTS = _workbook_texts()


def _choice_values() -> set[str]:
    """The values of every option with choices (``--level {items,groups}``): the same in every language."""
    from analyser.cli import build_parser

    values, parsers = set(), [build_parser()]
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            if isinstance(action.choices, dict):  # the commands
                parsers.extend(action.choices.values())
            if action.choices:
                values.update(str(c).lower() for c in action.choices)
    return values


SHARED |= _choice_values()


def leaks(text: str, lang: str) -> list[str]:
    """The words of the other language in ``text``, after workbook text, paths and codes are taken out."""
    for piece in WORKBOOK_TEXTS:
        text = text.replace(piece, " ")
    text = re.sub(r"(?:/[\w.-]+)+/?", " ", text)  # paths
    text = re.sub(r"[\w.-]+\.(xlsx|xls|ods|csv|svg|png|pdf|dot|mmd|json|graphml)\b", " ", text)  # file names
    text = re.sub(r"\[[a-z0-9-]+\]", " ", text)  # finding codes
    text = re.sub(r"--[a-z-]+", " ", text)  # option names
    text = re.sub(r"\{[^{}\s]*\}", " ", text)  # an option's choices, {items,groups}
    words = re.findall(r"[^\W\d_]+", text.lower())
    return sorted({w for w in words if w in OTHER[lang] and w not in SHARED})
