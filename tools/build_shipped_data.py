"""Write the shipped reconstruction of Kanta's planning workbooks into ``data/``.

The real Kanta spreadsheets (the partial-implementation dependency table and the
task workbook) are not publicly reachable, so the project ships its own
reconstruction, built only from the facts collected in DOMAIN.md. Everything is
written from the plain Python literals below so that the content can be
reviewed as text; the xlsx files are derived artefacts.

Every item, profile, task and period row names its source (a URL from
DOMAIN.md or the seed page) and its basis: "dokumentoitu" (stated on the named
page) or "oletus" (assumed by this project; the "Huom" column says why).

The output is deterministic: the workbook metadata carries a fixed timestamp
and the zip members a fixed date, so re-running gives byte-identical files.

Usage::

    python tools/build_shipped_data.py            # writes data/*
    python tools/build_shipped_data.py --check    # exit 1 if data/* differ
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
CREATOR = "analyser: tools/build_shipped_data.py"

DOK = "dokumentoitu"
OLE = "oletus"

# --------------------------------------------------------------------------
# Sources (all from DOMAIN.md)
# --------------------------------------------------------------------------
U_SEED = "https://www.kanta.fi/ammattilaiset/kayton-laajennus"
U_CORE = "https://kanta.fi/en/professionals/instructions-for-deployment"
U_KUVA = "https://www.kanta.fi/ammattilaiset/kuva-aineistojen-arkisto"
U_TOD = "https://www.kanta.fi/fi/ammattilaiset/todistukset-ja-lausunnot"
U_VANHA_PT = "https://www.kanta.fi/en/ammattilaiset/vanhojen-potilastietojen-arkistoinnin-kayttoonotto"
U_OPV = "https://www.kanta.fi/fi/ammattilaiset/ostopalvelun-valtuutus"
U_PUOL = "https://www.kanta.fi/ammattilaiset/puolesta-asiointi"
U_SOS_VANHAT = "https://www.kanta.fi/sv/professionella/gamla-klientuppgifter-inom-socialvarden"
U_SOS_V1 = "https://www.kanta.fi/sv/professionella/klientdataarkivet-for-socialvarden"
U_SOS_V2 = "https://www.kanta.fi/ammattilaiset/sosiaalihuollon-2-vaiheen-toiminnallisuudet"
U_ROK = "https://www.kanta.fi/fi/ammattilaiset/sosiaalihuollon-rekisterinkayttooikeus"
U_LV = "https://kanta.fi/en/professionals/functionalities-of-the-client-data-repository-for-social-welfare-services"
U_LUOV = ("https://www.kanta.fi/en/system-developers/"
          "asiakastietojen-luovuttaminen-sosiaalihuollon-rekisterinpitajien-valilla")
U_SOS_KO = "https://www.kanta.fi/fi/ammattilaiset/sosiaalihuollon-asiakastiedon-arkiston-kayttoonotto"
U_EDELL = "https://www.kanta.fi/fi/ammattilaiset/kayttoonoton-edellytykset-sosiaalihuolto"
U_MUUTOS = "https://www.kanta.fi/ammattilaiset/muutostilanteet-sosiaali-ja-terveydenhuollolle"
U_JAKSO = "https://www.kanta.fi/ammattilaiset/kayttoonottovaihe"
U_SOS_DEPLOY = ("https://kanta.fi/en/professionals/"
                "deployment-of-the-client-data-repository-for-social-welfare-services")


def src(*urls: str) -> str:
    """Several sources in one cell, one per line."""
    return "\n".join(urls)


# --------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------
PTA_S = "Potilastiedon arkisto"
RES_S = "Resepti"
SOS_S = "Sosiaalihuollon asiakastiedon arkisto"
SOS_S_NEW = "Sosiaalihuollon asiakastietovaranto"  # name since May 2024 (synonym)

# --------------------------------------------------------------------------
# Profiles (illustrative; the official ones are not public here)
# --------------------------------------------------------------------------
PROFILE_NOTE = ("Kelan virallisia tietojärjestelmäprofiilien nimiä, tunnuksia ja "
                "profiilikohtaisia valmiuksia ei ole tässä julkisesti saatavilla.")

PROFILES = [
    dict(
        id="ARK",
        name="Arkistointipalvelu (vanhat asiakirjat)",
        description=(
            "Havainnollistava profiili: pelkkä arkistointiratkaisu sosiaalihuollon vanhoille "
            "asiakirjoille. Johdettu dokumentoiduista vaiheista: käyttö voi alkaa vanhojen "
            "asiakirjojen arkistoinnilla, ja vanhat asiakirjat jäävät tallentajan omaan käyttöön. "
            + PROFILE_NOTE),
        valid_from=None,
        valid_until=None,
        source=src(U_SEED, U_SOS_VANHAT, U_SOS_KO),
        basis=OLE,
    ),
    dict(
        id="SOS-V1",
        name="1. vaiheen asiakastietojärjestelmä",
        description=(
            "Havainnollistava profiili: asiakastietojärjestelmä, joka tukee 1. vaiheen "
            "toiminnallisuuksia (asiakirjojen arkistointi ja haku omaan käyttöön, vuodesta 2018) "
            "sekä vanhoja asiakirjoja. " + PROFILE_NOTE),
        valid_from=dt.date(2018, 1, 1),
        valid_until=None,
        source=src(U_SOS_V1, U_SOS_KO),
        basis=OLE,
    ),
    dict(
        id="SOS-V2",
        name="2. vaiheen asiakastietojärjestelmä",
        description=(
            "Havainnollistava profiili: asiakastietojärjestelmä, joka tukee 2. vaiheen "
            "toiminnallisuuksia (vuodesta 2020). Dokumentoitu: arkisto voidaan ottaa käyttöön "
            "vaiheittain eri profiileilla, esimerkiksi 2. vaiheen toiminnallisuutta tukevalla "
            "järjestelmällä. Rekisterinkäyttöoikeus on merkitty osittaiseksi, koska 2. vaiheen "
            "käyttöä voi laajentaa vain osittain. " + PROFILE_NOTE),
        valid_from=dt.date(2020, 1, 1),
        valid_until=None,
        source=src(U_SOS_KO, U_SOS_V2, U_SEED),
        basis=OLE,
    ),
    dict(
        id="SOS-LV",
        name="Liittymisvelvoitteen asiakastietojärjestelmä",
        description=(
            "Havainnollistava profiili: asiakastietojärjestelmä, joka tukee liittymisvelvoitteen "
            "toiminnallisuuksia (vuodesta 2023) 1. vaiheen toiminnallisuuksien lisäksi, mutta ei "
            "2. vaiheen toiminnallisuuksia. Dokumentoitu: arkisto voidaan ottaa käyttöön "
            "liittymisvelvoitteen toiminnallisuutta tukevalla järjestelmällä. " + PROFILE_NOTE),
        valid_from=dt.date(2023, 1, 1),
        valid_until=None,
        source=src(U_SOS_KO, U_LV),
        basis=OLE,
    ),
    dict(
        id="POT",
        name="Potilastietojärjestelmä",
        description=(
            "Havainnollistava profiili: potilastietojärjestelmä, joka käyttää Potilastiedon "
            "arkistoa ja Reseptiä sekä niiden laajennuksia. Johdettu dokumentoiduista "
            "ydinpalveluista ja Potilastiedon arkiston laajennuksista. " + PROFILE_NOTE),
        valid_from=None,
        valid_until=None,
        source=src(U_CORE, U_SEED),
        basis=OLE,
    ),
]
PROFILE_IDS = [p["id"] for p in PROFILES]

# --------------------------------------------------------------------------
# Items of the dependency table
#
# marks: profile id -> cell text ("X" allowed, "osittain" partly, absent = blank).
# A few cells use the synonyms "x" and "✓" on purpose, to exercise the reader.
# --------------------------------------------------------------------------
ALL_SOS = {"ARK": "X", "SOS-V1": "X", "SOS-V2": "X", "SOS-LV": "X"}
SOS_123 = {"SOS-V1": "X", "SOS-V2": "X", "SOS-LV": "X"}

ITEMS = [
    # ---- Patient Data Repository ------------------------------------------------
    dict(
        id="PTA", name="Potilastiedon arkisto käytössä", service=PTA_S, group="",
        requires="", recommends="", test="kyllä", period="kyllä", available=None,
        source=src(U_CORE, U_SEED), basis=DOK,
        note=("Perusta: ydinpalvelu, joka otetaan käyttöön suoraan (dokumentoitu). "
              "Käyttöönottokoe ja käyttöönottojakso: oletus (ensikäyttöönotto)."),
        marks={"POT": "X"},
    ),
    dict(
        id="PTA-KUVA", name="Kuva-aineistojen arkistointi", service=PTA_S, group="",
        requires="PTA", recommends="", test="kyllä", period="kyllä", available=None,
        source=src(U_KUVA, U_SEED), basis=DOK,
        note=("Dokumentoitu: Potilastiedon arkiston on oltava käytössä ensin; pyyntö, "
              "tutkimusmerkintä ja lausunto tallennetaan arkistoon ennen DICOM-tutkimusta. "
              "Käyttöönottokoe ja mukanaolo käyttöönottojakson sisällöissä: oletus."),
        marks={"POT": "X"},
    ),
    dict(
        id="PTA-TOD", name="Todistusten ja lausuntojen arkistointi ja välitys", service=PTA_S,
        group="", requires="PTA", recommends="", test="kyllä", period="kyllä", available=None,
        source=src(U_TOD, U_SEED), basis=DOK,
        note=("Dokumentoitu: tallennetaan Potilastiedon arkistoon; järjestelmätoimittaja "
              "testaa kunkin todistustyypin Kelan kanssa; käyttöönotossa vähintään yksi "
              "käyttöönottokoe todistustyyppiä kohden järjestelmää kohden. "
              "Mukanaolo käyttöönottojakson sisällöissä: oletus."),
        marks={"POT": "x"},
    ),
    dict(
        id="PTA-VANHA", name="Vanhojen potilastietojen arkistointi", service=PTA_S, group="",
        requires="PTA", recommends="", test="ei", period="ei", available=None,
        source=src(U_VANHA_PT, U_SEED), basis=DOK,
        note=("Dokumentoitu: voidaan aloittaa, kun palvelunantaja on liittynyt Potilastiedon "
              "arkistoon; tiedot jäävät tallentaneen rekisterinpitäjän omaan käyttöön. "
              "Käyttöönottokoe ei ja käyttöönottojakso ei: oletus (lähteet eivät kerro; "
              "tarkista toiminnallisuuden käyttöönotto-ohjeesta)."),
        marks={"POT": "X"},
    ),
    dict(
        id="PTA-OPV", name="Ostopalvelun valtuutus", service=PTA_S, group="",
        requires="PTA", recommends="", test="tarvittaessa", period="ei", available=None,
        source=src(U_OPV, U_SEED), basis=DOK,
        note=("Dokumentoitu: edellyttää järjestäjän ja tuottajan välistä sopimusta; "
              "valtuutusasiakirja tallennetaan Potilastiedon arkistoon ennen palvelun alkua. "
              "Käyttöönottokoe tarvittaessa ja käyttöönottojakso ei: oletus."),
        marks={"POT": "X"},
    ),
    dict(
        id="PTA-PUOL", name="Puolesta-asiointi", service=PTA_S, group="",
        requires="PTA", recommends="", test="kyllä", period="kyllä", available=None,
        source=src(U_PUOL, U_SEED), basis=DOK,
        note=("Dokumentoitu: alaikäisen puolesta asioinnissa järjestelmän on ensin osattava "
              "kirjata alaikäisen päätöksentekokyky. Käyttöönottokoe ja mukanaolo "
              "käyttöönottojakson sisällöissä: oletus."),
        marks={"POT": "X"},
    ),
    dict(
        id="RES", name="Resepti käytössä", service=RES_S, group="",
        requires="", recommends="", test="kyllä", period="ei", available=None,
        source=src(U_CORE), basis=DOK,
        note=("Perusta: ydinpalvelu, joka otetaan käyttöön suoraan (dokumentoitu). "
              "Käyttöönottokoe kyllä ja käyttöönottojakso ei: oletus (dokumentoitu "
              "jaksosääntö koskee Potilastiedon arkistoa ja sosiaalihuollon arkistoa)."),
        marks={"POT": "✓"},
    ),
    dict(
        id="RES-PUOL", name="Puolesta-asiointi Reseptissä", service=RES_S, group="",
        # Written by name on purpose: "Puolesta-asiointi" is the name of PTA-PUOL.
        requires="RES ja Puolesta-asiointi", recommends="", test="tarvittaessa", period="ei",
        available=None, source=src(U_PUOL, U_SEED), basis=OLE,
        note=("Oletus: Reseptin puolesta-asiointi edellyttää Reseptin käyttöä (RES) ja "
              "Potilastiedon arkiston puolesta-asiointia (PTA-PUOL, tässä nimellä). Dokumentoitu "
              "on vain, että puolesta-asiointi on käytettävissä myös Resepti-palvelussa. "
              "Käyttöönottokoe ja käyttöönottojakso: oletus."),
        marks={"POT": "✓"},
    ),
    # ---- Client Data Repository for Social Welfare Services -----------------------
    dict(
        id="SOS", name="Sosiaalihuollon asiakastiedon arkisto käytössä", service=SOS_S, group="",
        requires="", recommends="", test="kyllä", period="kyllä", available=None,
        source=src(U_CORE, U_SOS_KO, U_SOS_DEPLOY), basis=DOK,
        note=("Perusta: ydinpalvelu, joka otetaan käyttöön suoraan; palvelunantaja on liittynyt "
              "arkistoon (dokumentoitu). Käyttöönottokoe raportoidaan Kelalle kahden arkipäivän "
              "kuluessa (dokumentoitu)."),
        marks=dict(ALL_SOS),
    ),
    dict(
        id="SOS-VANHAT", name="Vanhojen asiakirjojen arkistointi", service=SOS_S,
        group="vanhat asiakirjat", requires="SOS", recommends="", test="ei", period="kyllä",
        available=None, source=src(U_SEED, U_SOS_VANHAT), basis=DOK,
        note=("Dokumentoitu: oma asiakirjaryhmä; ei arkistointimääräaikaa; jää tallentajan omaan "
              "käyttöön eikä näy oletuksena muille palvelunantajille eikä OmaKannassa. Uuden "
              "asiakirjaryhmän tallentamisen aloitus on käytön laajennus, jolloin "
              "käyttöönottojaksolle ilmoittaudutaan aina (dokumentoitu). "
              "Käyttöönottokoe ei: oletus (lähteet eivät kerro)."),
        marks=dict(ALL_SOS),
    ),
    dict(
        id="SOS-V1-ARK", name="1. vaiheen asiakirjojen arkistointi", service=SOS_S,
        group="1. vaihe", requires="SOS", recommends="", test="kyllä", period="kyllä",
        available=dt.date(2018, 1, 1), source=src(U_SOS_V1, U_SEED), basis=DOK,
        note=("Dokumentoitu: 1. vaihe on asiakasasiakirjojen arkistointi ja haku omaan käyttöön "
              "(vuodesta 2018); käyttöä voi laajentaa vanhoista asiakirjoista 1. vaiheen "
              "asiakirjoihin. Päivä 1.1.2018 on oletus (lähde kertoo vain vuoden). "
              "Käyttöönottokoe: oletus."),
        marks=dict(SOS_123),
    ),
    dict(
        id="SOS-V1-HAKU", name="Asiakirjojen haku omaan käyttöön", service=SOS_S,
        group="1. vaihe", requires="SOS-V1-ARK", recommends="", test="kyllä", period="kyllä",
        available=dt.date(2018, 1, 1), source=src(U_SOS_V1), basis=OLE,
        note=("Dokumentoitu: 1. vaiheeseen kuuluvat sekä arkistointi että haku omaan käyttöön. "
              "Oletus: vaiheen jako kahdeksi osatoteutukseksi ja se, että haku edellyttää "
              "arkistointia (haetaan arkistoituja asiakirjoja). Päivä 1.1.2018 ja "
              "käyttöönottokoe: oletus."),
        marks={"SOS-V1": "x", "SOS-V2": "X", "SOS-LV": "X"},
    ),
    dict(
        id="SOS-V2-RAK", name="Rakenteinen kirjaaminen (asiakaskertomusmerkintä)", service=SOS_S,
        group="2. vaihe", requires="SOS-V1-ARK", recommends="", test="kyllä", period="kyllä",
        available=dt.date(2020, 1, 1), source=src(U_SOS_V2, U_SEED), basis=OLE,
        note=("Dokumentoitu: 2. vaiheen toiminnallisuus (vuodesta 2020), rakenteinen kirjaaminen "
              "alkaa asiakaskertomusmerkinnästä; 2. vaiheen käyttöä voi laajentaa vain osittain. "
              "Oletus: edellyttää 1. vaiheen arkistointia. Päivä 1.1.2020 ja käyttöönottokoe: "
              "oletus."),
        marks={"SOS-V2": "X"},
    ),
    dict(
        id="SOS-V2-ALL", name="Sähköinen allekirjoitus", service=SOS_S,
        group="2. vaihe", requires="SOS-V1-ARK", recommends="", test="kyllä", period="kyllä",
        available=dt.date(2020, 1, 1), source=src(U_SOS_V2, U_SEED), basis=OLE,
        note=("Dokumentoitu: 2. vaiheen toiminnallisuus (vuodesta 2020). Oletus: edellyttää "
              "1. vaiheen arkistointia. Päivä 1.1.2020 ja käyttöönottokoe: oletus."),
        marks={"SOS-V2": "X"},
    ),
    dict(
        id="SOS-V2-YHT", name="Yhteinen asia", service=SOS_S,
        group="2. vaihe", requires="SOS-V1-ARK", recommends="SOS-V2-ALL", test="kyllä",
        period="kyllä", available=dt.date(2020, 1, 1), source=src(U_SOS_V2, U_SEED), basis=OLE,
        note=("Dokumentoitu: 2. vaiheen toiminnallisuus (vuodesta 2020); samat asiakirjat "
              "tallennetaan saman asian usealle asiakkaalle. Oletus: edellyttää 1. vaiheen "
              "arkistointia; sähköinen allekirjoitus suositellaan ensin (pehmeä järjestys, ei "
              "rajoita sallittuja järjestyksiä). Päivä 1.1.2020 ja käyttöönottokoe: oletus."),
        marks={"SOS-V2": "X"},
    ),
    dict(
        id="SOS-V2-ROK", name="Rekisterinkäyttöoikeus", service=SOS_S,
        group="2. vaihe", requires="SOS-V1-ARK", recommends="", test="kyllä", period="kyllä",
        available=dt.date(2020, 1, 1), source=src(U_ROK, U_SOS_V2), basis=OLE,
        note=("Dokumentoitu: järjestäjä antaa tuottajalle oikeuden tallentaa järjestäjän "
              "rekisteriin; edellyttää sopimusta ja toiminnallisuutta käytössä molemmilla "
              "osapuolilla, ja molempien on käytettävä arkistoa. Oletus: edellyttää 1. vaiheen "
              "arkistointia; profiilissa SOS-V2 merkitty osittain (havainnollistus 2. vaiheen "
              "osittaisesta laajennuksesta). Päivä 1.1.2020 ja käyttöönottokoe: oletus."),
        marks={"SOS-V2": "osittain"},
    ),
    dict(
        id="SOS-LV-INF", name="Kanta-informoinnin kirjaaminen", service=SOS_S_NEW,
        group="liittymisvelvoite", requires="SOS-V1-ARK", recommends="", test="kyllä",
        period="kyllä", available=dt.date(2023, 1, 1), source=src(U_LV), basis=OLE,
        note=("Dokumentoitu: liittymisvelvoitteen toiminnallisuus, käyttöönotettavissa vuodesta "
              "2023. Oletus: edellyttää 1. vaiheen arkistointia. Palvelu kirjoitettu "
              "vuoden 2024 nimellä (asiakastietovaranto = asiakastiedon arkisto). "
              "Päivä 1.1.2023 ja käyttöönottokoe: oletus."),
        marks={"SOS-LV": "X"},
    ),
    dict(
        id="SOS-LV-LUP", name="Luovutuslupa", service=SOS_S,
        group="liittymisvelvoite", requires="SOS-LV-INF", recommends="", test="kyllä",
        period="kyllä", available=dt.date(2023, 1, 1), source=src(U_LV, U_LUOV), basis=DOK,
        note=("Dokumentoitu: liittymisvelvoitteen toiminnallisuus (vuodesta 2023); luovutus "
              "edellyttää ensin informointia, sitten luovutuslupaa. "
              "Päivä 1.1.2023 ja käyttöönottokoe: oletus."),
        marks={"SOS-LV": "X"},
    ),
    dict(
        id="SOS-LV-KIE", name="Kiellot", service=SOS_S,
        group="liittymisvelvoite", requires="SOS-LV-INF", recommends="", test="kyllä",
        period="kyllä", available=dt.date(2023, 1, 1), source=src(U_LV), basis=OLE,
        note=("Dokumentoitu: liittymisvelvoitteen toiminnallisuus (vuodesta 2023). Oletus: "
              "kieltojen kirjaaminen edellyttää informoinnin kirjaamista. "
              "Päivä 1.1.2023 ja käyttöönottokoe: oletus."),
        marks={"SOS-LV": "X"},
    ),
    dict(
        id="SOS-LV-HAKU", name="Muiden palvelunantajien tallentamien tietojen haku",
        service=SOS_S_NEW, group="liittymisvelvoite", requires="SOS-LV-LUP, SOS-LV-KIE",
        recommends="", test="kyllä", period="kyllä",
        available="1.1.2023",  # text date on purpose (d.m.yyyy)
        source=src(U_LV, U_LUOV), basis=OLE,
        note=("Dokumentoitu: liittymisvelvoitteen toiminnallisuus (vuodesta 2023); luovutus "
              "edellyttää informointia, sitten luovutuslupaa, ja voimassa olevaa asiakassuhdetta. "
              "Oletus: edellyttää luovutuslupaa ja kieltoja. Havainnollistus: profiili SOS-V2 "
              "sallii tämän kohdan, mutta ei sen edellyttämiä luovutuslupaa ja kieltoja, joten "
              "kohta on siinä profiilissa saavuttamaton (poissuljettu). Päivä ja "
              "käyttöönottokoe: oletus."),
        marks={"SOS-V2": "X", "SOS-LV": "X"},
    ),
]

ITEM_COLUMNS = [
    # (header, key, width)
    ("Tunnus", "id", 14),
    ("Osatoteutus", "name", 34),
    ("Palvelu", "service", 26),
    ("Asiakirjaryhmä", "group", 16),
    ("Edellyttää", "requires", 22),
    ("Suositellaan ensin", "recommends", 14),
    ("Käyttöönottokoe", "test", 14),
    ("Käyttöönottojakso", "period", 14),
    ("Saatavilla alkaen", "available", 12),
    ("Lähde", "source", 48),
    ("Peruste", "basis", 13),
    ("Huom", "note", 70),
]
PROFILE_COLUMN_WIDTH = 10
TABLE_TITLE = ("Osatoteutusten riippuvuustaulukko – analyser-projektin rekonstruktio "
               "(ei Kelan virallinen taulukko)")

# --------------------------------------------------------------------------
# Tasks of an extension ("Käytön laajennus")
# --------------------------------------------------------------------------
TASKS = [
    dict(
        no=1, task="Laajennuksen suunnittelu järjestelmätoimittajan kanssa",
        description=("Sote-toimija suunnittelee ja valmistelee laajennuksen yhdessä "
                     "järjestelmätoimittajan kanssa ja huolehtii, että kaikki tarvittavat toimet "
                     "tulevat tehdyiksi. Ajoitus ja kesto: oletus."),
        responsible="sote-toimija", timing="viimeistään 12 viikkoa ennen käyttöönottoa",
        duration=10, after="", applies="kaikki", source=src(U_SEED), basis=DOK,
    ),
    dict(
        no=2, task="Saatavuuden, sertifioinnin ja yhteistestauksen tarkistaminen",
        description=("Tarkistetaan, että uusi osa on saatavilla sekä Kanta-palveluissa "
                     "(julkaisuaikataulu) että järjestelmässä, että järjestelmä on "
                     "Kanta-sertifioitu ja että uusi osa on yhteistestattu Kelan kanssa tässä "
                     "järjestelmässä. Sertifiointi = toiminnalliset vaatimukset, "
                     "yhteentoimivuus (Kelan yhteistestaus) ja tietoturva (hyväksytty "
                     "arviointilaitos). Ajoitus ja kesto: oletus."),
        responsible="järjestelmätoimittaja", timing="viimeistään 8 viikkoa ennen käyttöönottoa",
        duration=5, after=1, applies="kaikki", source=src(U_SEED, U_EDELL), basis=DOK,
    ),
    dict(
        no=3, task="Omavalvontasuunnitelman päivittäminen",
        description=("Päivitetään omavalvontasuunnitelma niiltä osin kuin muutos sitä edellyttää. "
                     "Ajoitus ja kesto: oletus."),
        responsible="sote-toimija", timing="viimeistään 4 viikkoa ennen käyttöönottoa",
        duration=5, after=1, applies="kaikki", source=src(U_SEED), basis=DOK,
    ),
    dict(
        no=4, task="Teknisten muutosten ilmoittaminen Kanta-palveluille",
        description=("Jos laajennus muuttaa palvelunantajan yhteys- tai teknisiä tietoja, "
                     "muutoksista ilmoitetaan hyvissä ajoin; tekniset muutokset "
                     "muutosilmoituslomakkeella vähintään kolme viikkoa ennen voimaantuloa. "
                     "Ajoitus: dokumentoitu. Kesto: oletus."),
        responsible="sote-toimija", timing="viimeistään 3 viikkoa ennen käyttöönottoa",
        duration=1, after=2, applies="kaikki", source=src(U_MUUTOS, U_SEED), basis=DOK,
    ),
    dict(
        no=5, task="Muutosten ilmoittaminen Kanta Ekstranetissä",
        description=("Sosiaalihuollon organisaatio ilmoittaa Kanta Ekstranetissä muutokset "
                     "tietojärjestelmäprofiilissa, tallennettavissa asiakirjaryhmissä ja "
                     "palvelutehtävissä. Ajoitus (samoin kuin teknisissä muutoksissa) ja kesto: "
                     "oletus; lähde sanoo 'hyvissä ajoin ennen käyttöönottoa'."),
        responsible="sote-toimija", timing="viimeistään 3 viikkoa ennen käyttöönottoa",
        duration=1, after="1, 2", applies=SOS_S, source=src(U_SEED), basis=DOK,
    ),
    dict(
        no=6, task="Ilmoittautuminen käyttöönottojaksolle",
        description=("Ilmoittaudutaan käyttöönottoajankohtaan sopivalle käyttöönottojaksolle: "
                     "Potilastiedon arkistossa, jos uusi osa on jakson sisällöissä; "
                     "sosiaalihuollon asiakastiedon arkistossa aina laajennettaessa. Jaksoja on "
                     "kolme vuodessa. Kesto: oletus."),
        responsible="sote-toimija", timing="ennen käyttöönottojakson alkua",
        duration=1, after=1, applies="käyttöönottojakso", source=src(U_SEED, U_JAKSO), basis=DOK,
    ),
    dict(
        no=7, task="Toimintamallikoulutukset",
        description=("Käyttöönottojaksoon kuuluu keskitettyä tukea ja toimintamallikoulutuksia: "
                     "laajennuksen edellyttämät toiminnalliset muutokset ja kirjaamisen ohjeistus. "
                     "Kanta-palvelut järjestää, sote-toimijan henkilöstö osallistuu. "
                     "Kesto: oletus."),
        responsible="Kela", timing="käyttöönottojakson aikana",
        duration=2, after=6, applies="käyttöönottojakso", source=src(U_SEED, U_JAKSO), basis=DOK,
    ),
    dict(
        no=8, task="Testihenkilötunnusten hankkiminen",
        description=("Käyttöönottokokeessa käytetään vain Kelan järjestelmätoimittajille "
                     "ilmoittamia, käyttöönottokokeisiin tarkoitettuja testihenkilötunnuksia "
                     "(yksilönumerot 900–999). Ajoitus ja kesto: oletus."),
        responsible="järjestelmätoimittaja",
        timing="viimeistään 10 arkipäivää ennen käyttöönottokoetta",
        duration=5, after=2, applies="käyttöönottokoe", source=src(U_SEED, U_SOS_DEPLOY), basis=DOK,
    ),
    dict(
        no=9, task="Käyttöönottokoe",
        description=("Käyttöönottokoe tehdään Kanta-palvelujen tuotantoympäristössä "
                     "testihenkilötunnuksilla, jotta tuotantokäyttö voi alkaa ongelmitta. "
                     "Kaikkiin laajennuksiin ei liity käyttöönottokoetta. Kesto: oletus."),
        responsible="sote-toimija", timing="käyttöönottokokeen päivänä",
        duration=1, after="3, 4, 8", applies="käyttöönottokoe",
        source=src(U_SEED, U_SOS_DEPLOY), basis=DOK,
    ),
    dict(
        no=10, task="Käyttöönottokokeen raportointi Kelalle",
        description=("Onnistuneesta käyttöönottokokeesta raportoidaan Kelalle mahdollisimman "
                     "pian; sosiaalihuollossa kahden arkipäivän kuluessa. Ajoitus: dokumentoitu "
                     "(sosiaalihuolto); sama ajoitus on tässä oletuksena kaikille palveluille."),
        responsible="sote-toimija", timing="2 arkipäivän kuluessa käyttöönottokokeesta",
        duration=1, after=9, applies="käyttöönottokoe", source=src(U_SEED, U_SOS_DEPLOY),
        basis=DOK,
    ),
    dict(
        no=11, task="Tuotantokäytön aloittaminen",
        description=("Uusien tietosisältöjen tallentaminen tai uuden toiminnallisuuden käyttö "
                     "alkaa; jos laajennukseen kuuluu käyttöönottokoe, vasta kun koe on tehty "
                     "onnistuneesti ja raportoitu."),
        responsible="sote-toimija", timing="käyttöönottopäivänä",
        duration=1, after="3, 4, 5, 10", applies="kaikki", source=src(U_SEED, U_SOS_DEPLOY),
        basis=DOK,
    ),
]

TASK_COLUMNS = [
    ("Nro", "no", 6),
    ("Tehtävä", "task", 36),
    ("Kuvaus", "description", 70),
    ("Vastuutaho", "responsible", 20),
    ("Ajoitus", "timing", 34),
    ("Kesto", "duration", 7),
    ("Edeltävät tehtävät", "after", 12),
    ("Koskee", "applies", 24),
    ("Lähde", "source", 48),
    ("Peruste", "basis", 13),
]

# --------------------------------------------------------------------------
# Deployment periods (assumed dates; three a year is documented)
# Starts on a Monday, ends on a Friday, clear of Easter, midsummer and
# Christmas; registration closes six weeks before the start (a Monday).
# --------------------------------------------------------------------------
PERIOD_DATES = [
    ("2026/1", dt.date(2026, 1, 12), dt.date(2026, 3, 27)),
    ("2026/2", dt.date(2026, 4, 20), dt.date(2026, 6, 12)),
    ("2026/3", dt.date(2026, 9, 21), dt.date(2026, 12, 11)),
    ("2027/1", dt.date(2027, 1, 11), dt.date(2027, 3, 19)),
    ("2027/2", dt.date(2027, 4, 12), dt.date(2027, 6, 11)),
    ("2027/3", dt.date(2027, 9, 20), dt.date(2027, 12, 10)),
    ("2028/1", dt.date(2028, 1, 10), dt.date(2028, 3, 31)),
    ("2028/2", dt.date(2028, 4, 24), dt.date(2028, 6, 9)),
    ("2028/3", dt.date(2028, 9, 18), dt.date(2028, 12, 8)),
]
REGISTRATION_LEAD = dt.timedelta(weeks=6)
PERIOD_SERVICE = f"{PTA_S}, {SOS_S}"
PERIOD_NOTE = ("Oletus: päivämäärät ovat projektin arvioita. Dokumentoitu on vain, että "
               "käyttöönottojaksoja on kolme vuodessa. Todelliset päivät ja "
               "ilmoittautumislinkki ovat kanta.fi:n käyttöönottojaksosivulla.")

PERIOD_COLUMNS = [
    ("Jakso", "name", 10),
    ("Alkaa", "start", 12),
    ("Päättyy", "end", 12),
    ("Ilmoittautuminen viimeistään", "deadline", 16),
    ("Palvelu", "service", 44),
    ("Lähde", "source", 44),
    ("Peruste", "basis", 12),
    ("Huom", "note", 70),
]


def periods() -> list[dict]:
    rows = []
    for name, start, end in PERIOD_DATES:
        assert start.weekday() == 0 and end.weekday() == 4 and start < end, name
        deadline = start - REGISTRATION_LEAD
        rows.append(dict(name=name, start=start, end=end, deadline=deadline,
                         service=PERIOD_SERVICE, source=src(U_JAKSO, U_SEED), basis=OLE,
                         note=PERIOD_NOTE))
    return rows


# --------------------------------------------------------------------------
# Example organisations (all fictional)
# --------------------------------------------------------------------------
ORG_HEADERS = ["Organisaatio", "Tietojärjestelmäprofiili", "Käytössä", "Sertifioitu",
               "Tavoitepäivä", "Suunniteltu järjestys"]

ORGANISATIONS = [
    # Mid-way phase-2 extension; certification limits what it can take next.
    ("Esimerkkilän hyvinvointialue", "SOS-V2",
     "SOS, SOS-VANHAT, SOS-V1-ARK, SOS-V1-HAKU",
     "SOS-V2-ALL, SOS-V2-YHT, SOS-V2-RAK", "1.3.2027",
     "SOS-V2-ALL, SOS-V2-YHT, SOS-V2-RAK"),
    # Planned order breaks a prerequisite: consent before informing.
    ("Testikylän sosiaalipalvelut Oy", "SOS-LV",
     "SOS, SOS-V1-ARK", "", "1.6.2027",
     "SOS-LV-LUP, SOS-LV-INF, SOS-LV-KIE"),
    # Archiving-only profile, starting with old documents.
    ("Kuvitelmalan hoivakoti Oy", "ARK",
     "SOS", "", "15.2.2027", "SOS-VANHAT"),
    # Patient data, certification limits.
    ("Harjoituslahden lääkärikeskus Oy", "POT",
     "PTA, RES", "PTA-KUVA, PTA-TOD, PTA-PUOL, RES-PUOL", "3.5.2027",
     "PTA-PUOL, RES-PUOL, PTA-KUVA"),
    # Profile and deployed items given by name instead of id.
    ("Demovaaran terveyspalvelut Oy", "Potilastietojärjestelmä",
     "Potilastiedon arkisto käytössä, Resepti käytössä, Kuva-aineistojen arkistointi",
     "", "1.9.2027", ""),
    # Phase-1 system, extending from old documents to phase 1.
    ("Kokeilukosken perhepalvelut Oy", "SOS-V1",
     "SOS, SOS-VANHAT", "", "12.4.2027", "SOS-V1-ARK, SOS-V1-HAKU"),
    # Joining-obligation profile, mid-way; certification limits.
    ("Esimerkkijärven hyvinvointialue", "SOS-LV",
     "SOS, SOS-VANHAT, SOS-V1-ARK, SOS-V1-HAKU, SOS-LV-INF",
     "SOS-LV-LUP, SOS-LV-KIE", "20.9.2027", "SOS-LV-KIE, SOS-LV-LUP"),
    # Unknown profile.
    ("Satulan kotihoito Oy", "SOS-V3",
     "SOS", "", "1.10.2027", ""),
    # Unknown item in "Käytössä".
    ("Testilän ikäihmisten palvelut Oy", "SOS-V2",
     "SOS, SOS-V1-ARK, SOS-V1-HAKU, SOS-V2-SIG", "", "15.11.2027",
     "SOS-V2-ALL, SOS-V2-ROK"),
    # Nothing beyond the base yet; no plan, only a target date.
    ("Mallivaaran sosiaalipalvelut Oy", "SOS-V2",
     "SOS", "", "10.1.2027", ""),
]

# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=13)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
DATE_FORMAT = "d.m.yyyy"


def _new_workbook(title: str) -> Workbook:
    wb = Workbook()
    props = wb.properties
    props.creator = CREATOR
    props.lastModifiedBy = CREATOR
    props.title = title
    props.description = ("Rekonstruktio DOMAIN.md:n julkisista tiedoista; ei Kelan virallinen "
                         "tiedosto. Luotu skriptillä tools/build_shipped_data.py.")
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    return wb


def _put(ws, row: int, col: int, value, width_key: str | None = None):
    cell = ws.cell(row=row, column=col)
    if value == "" or value is None:
        cell.value = None
    else:
        cell.value = value
    if isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = DATE_FORMAT
    cell.alignment = WRAP_TOP
    return cell


def _header_cell(ws, row: int, col: int, text: str):
    cell = ws.cell(row=row, column=col, value=text)
    cell.font = BOLD
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGN
    return cell


def _simple_sheet(ws, columns, rows, header_row: int = 1) -> None:
    for c, (header, _key, width) in enumerate(columns, start=1):
        _header_cell(ws, header_row, c, header)
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(rows, start=header_row + 1):
        for c, (_header, key, _width) in enumerate(columns, start=1):
            _put(ws, r, c, row[key])
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    ws.auto_filter.ref = (f"A{header_row}:{get_column_letter(len(columns))}"
                          f"{header_row + len(rows)}")


def build_table() -> Workbook:
    wb = _new_workbook("Osatoteutusten riippuvuustaulukko (rekonstruktio)")
    ws = wb.active
    ws.title = "Osatoteutukset"
    ws.cell(row=1, column=1, value=TABLE_TITLE).font = TITLE_FONT
    # Two-row header: fixed columns merged over rows 3-4, profile super-header on row 3.
    for c, (header, _key, width) in enumerate(ITEM_COLUMNS, start=1):
        _header_cell(ws, 3, c, header)
        _header_cell(ws, 4, c, None)
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
        ws.column_dimensions[get_column_letter(c)].width = width
    first_profile = len(ITEM_COLUMNS) + 1
    last_profile = first_profile + len(PROFILE_IDS) - 1
    _header_cell(ws, 3, first_profile, "Tietojärjestelmäprofiilit")
    for c in range(first_profile + 1, last_profile + 1):
        _header_cell(ws, 3, c, None)
    ws.merge_cells(start_row=3, start_column=first_profile, end_row=3, end_column=last_profile)
    for i, pid in enumerate(PROFILE_IDS):
        c = first_profile + i
        _header_cell(ws, 4, c, pid)
        ws.column_dimensions[get_column_letter(c)].width = PROFILE_COLUMN_WIDTH
    ws.row_dimensions[3].height = 20
    ws.row_dimensions[4].height = 20
    for r, item in enumerate(ITEMS, start=5):
        for c, (_header, key, _width) in enumerate(ITEM_COLUMNS, start=1):
            _put(ws, r, c, item[key])
        unknown = set(item["marks"]) - set(PROFILE_IDS)
        assert not unknown, (item["id"], unknown)
        for i, pid in enumerate(PROFILE_IDS):
            cell = _put(ws, r, first_profile + i, item["marks"].get(pid, ""))
            cell.alignment = Alignment(horizontal="center", vertical="top")
    ws.freeze_panes = "C5"

    wp = wb.create_sheet("Profiilit")
    columns = [
        ("Tunnus", "id", 10),
        ("Nimi", "name", 40),
        ("Kuvaus", "description", 90),
        ("Voimassa alkaen", "valid_from", 14),
        ("Voimassa asti", "valid_until", 14),
        ("Lähde", "source", 48),
        ("Peruste", "basis", 12),
    ]
    _simple_sheet(wp, columns, PROFILES)
    return wb


def build_tasks() -> Workbook:
    wb = _new_workbook("Käyttöönottotehtävät (rekonstruktio)")
    ws = wb.active
    ws.title = "Käytön laajennus"
    _simple_sheet(ws, TASK_COLUMNS, TASKS)
    wj = wb.create_sheet("Käyttöönottojaksot")
    _simple_sheet(wj, PERIOD_COLUMNS, periods())
    return wb


def _check_references() -> None:
    """Catch typos in the literals above before anything is written."""
    ids = [i["id"] for i in ITEMS]
    assert len(ids) == len(set(ids)), "duplicate item ids"
    names = {i["name"] for i in ITEMS}
    for item in ITEMS:
        for field in ("requires", "recommends"):
            text = item[field]
            for part in text.replace(" ja ", ",").split(","):
                part = part.strip()
                if part:
                    assert part in ids or part in names, (item["id"], field, part)
        assert item["basis"] in (DOK, OLE)
    task_nos = {t["no"] for t in TASKS}
    for task in TASKS:
        for part in str(task["after"]).split(","):
            if part.strip():
                assert int(part) in task_nos and int(part) < task["no"], task["no"]
        assert task["responsible"] in ("sote-toimija", "järjestelmätoimittaja", "Kela")


def xlsx_bytes(wb: Workbook) -> bytes:
    """The workbook as xlsx bytes with fixed metadata and zip dates."""
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive; keeps properties.modified
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def organisations_csv() -> bytes:
    lines = [";".join(ORG_HEADERS)]
    for row in ORGANISATIONS:
        assert len(row) == len(ORG_HEADERS)
        for value in row:
            assert ";" not in value and '"' not in value and "\n" not in value
        lines.append(";".join(row))
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def outputs() -> dict[str, bytes]:
    _check_references()
    return {
        "riippuvuustaulukko.xlsx": xlsx_bytes(build_table()),
        "kayttoonottotehtavat.xlsx": xlsx_bytes(build_tasks()),
        "esimerkkiorganisaatiot.csv": organisations_csv(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="output folder (default data/)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the files in --out differ")
    args = parser.parse_args(argv)
    differ = []
    for name, content in outputs().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_bytes() != content:
                differ.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
        print(f"wrote {path}")
    if differ:
        print("differ from the script: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
