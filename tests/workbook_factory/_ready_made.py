"""Ready-made specs and layouts: a small table with known answers, seeded random tables and
unambiguous random layouts, a small task workbook and three organisations."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ._layout import Layout, _check_choice
from ._specs import ItemRow, OrgRow, PeriodRow, ProfileRow, TableSpec, TaskRow, TaskSpec
from ._vocabulary import FORMATS, LANGUAGES, Basis, Group, Mark, YesNo

_ARCHIVE = "Sosiaalihuollon asiakastiedon arkisto"
_REPOSITORY = "Sosiaalihuollon asiakastietovaranto"


def small_spec() -> TableSpec:
    """A six-item, three-profile table with known answers.

    Requirements (``a -> b`` means a requires b)::

        ARK-2 -> ARK-1      LUO-1 -> ARK-1      VAN-1 -> ARK-1
        KAT-1 -> ARK-2, LUO-1                   LIITE -> ARK-1 (recommends VAN-1)

    Profiles:

    * ``A`` "Laaja asiakastietojärjestelmä": allows everything.
    * ``B`` "Suppea asiakastietojärjestelmä": allows ARK-1, ARK-2, LUO-1,
      LIITE; KAT-1 **partly** ("osittain"); not VAN-1.
    * ``C`` "Arkistointipalvelu": allows ARK-1, ARK-2, KAT-1 but **not**
      LUO-1, so KAT-1 is *excluded* for C (a prerequisite is not allowed);
      VAN-1 and LIITE not allowed.

    ``service`` uses both "arkisto" and "tietovaranto" spellings of the same
    service.  No name contains a separator, so names may be written as
    references.
    """
    A, P, N = Mark.ALLOWED, Mark.PARTLY, Mark.NOT
    items = [
        ItemRow("ARK-1", "Asiakirjojen arkistointi", _ARCHIVE, Group.PHASE1, [], [],
                YesNo.YES, YesNo.YES, dt.date(2020, 1, 15), "https://www.kanta.fi/arkisto",
                Basis.DOCUMENTED, "", {"A": A, "B": A, "C": A}),
        ItemRow("ARK-2", "Asiakirjojen haku arkistosta", _REPOSITORY, Group.PHASE1,
                ["ARK-1"], [], YesNo.YES, YesNo.NO, dt.date(2020, 6, 1),
                "https://www.kanta.fi/haku", Basis.DOCUMENTED, "", {"A": A, "B": A, "C": A}),
        ItemRow("LUO-1", "Luovutusilmoitukset", _ARCHIVE, Group.PHASE1, ["ARK-1"], [],
                YesNo.NO, YesNo.NO, dt.date(2021, 3, 1), "", Basis.ASSUMED,
                "Tarkistetaan", {"A": A, "B": A, "C": N}),
        ItemRow("VAN-1", "Vanhojen asiakirjojen tallennus", _ARCHIVE, Group.OLD, ["ARK-1"],
                [], YesNo.IF_NEEDED, YesNo.YES, dt.date(2022, 9, 30), "", Basis.DOCUMENTED,
                "", {"A": A}),
        ItemRow("KAT-1", "Kansalaisen katseluyhteys", _REPOSITORY, Group.PHASE2,
                ["ARK-2", "LUO-1"], [], YesNo.IF_NEEDED, YesNo.YES, dt.date(2023, 12, 1),
                "https://www.kanta.fi/omakanta", Basis.DOCUMENTED, "",
                {"A": A, "B": P, "C": A}),
        ItemRow("LIITE", "Liittymisvelvoitteen täyttäminen", _ARCHIVE, Group.JOINING,
                ["ARK-1"], ["VAN-1"], YesNo.NO, YesNo.NO, "2024-01-01", "", Basis.ASSUMED,
                "Lakisääteinen", {"A": A, "B": A}),
    ]
    profiles = [
        ProfileRow("A", "Laaja asiakastietojärjestelmä", "Kaikki osatoteutukset",
                   dt.date(2020, 1, 1), None),
        ProfileRow("B", "Suppea asiakastietojärjestelmä", "Perustoiminnot",
                   dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
        ProfileRow("C", "Arkistointipalvelu", "Vain arkistointi", dt.date(2021, 1, 1), None),
    ]
    return TableSpec(items, profiles)


_VERBS = ("Tallennus", "Haku", "Katselu", "Luovutus", "Arkistointi", "Päivitys",
          "Mitätöinti", "Välitys", "Kirjaus", "Ylläpito")
_OBJECTS = ("asiakirjojen", "päätösten", "suunnitelmien", "ilmoitusten", "lausuntojen",
            "kertomusten", "sopimusten", "hakemusten", "selvitysten", "pöytäkirjojen")


def random_spec(seed: int, n_items: int = 8, n_profiles: int = 3, *,
                edge_probability: float = 0.3, max_requires: int = 3,
                id_style: str = "code", allowed_probability: float = 0.65,
                partly_probability: float = 0.1) -> TableSpec:
    """A random valid table: acyclic requirements by id, random marks.

    Parameters
    ----------
    seed : int
    n_items, n_profiles : int
    edge_probability : float
        Chance that an item requires each earlier item of a hidden
        topological order (capped at ``max_requires``).
    id_style : {"code", "digits"}
        Ids like ``"OT-07"`` or ``"7"``.
    allowed_probability, partly_probability : float
        Mark probabilities (the rest is not allowed).

    Returns
    -------
    TableSpec
        Rows are in random order (not topological); every ``requires`` /
        ``recommends`` entry is an existing id; names are unique and contain
        no separator, so any ``requires_as`` works.
    """
    _check_choice("id_style", id_style, ("code", "digits"))
    rng = random.Random(f"spec:{seed}")
    ids = [f"OT-{i + 1:02d}" if id_style == "code" else str(i + 1) for i in range(n_items)]
    rng.shuffle(ids)  # ids[k] is the k-th in the hidden topological order
    names: list[str] = []
    while len(names) < n_items:
        name = f"{rng.choice(_OBJECTS).capitalize()} {rng.choice(_VERBS).lower()}"
        if name in names:
            name = f"{name} {len(names) + 1}"
        names.append(name)
    profiles = [ProfileRow(f"P{j + 1}", f"Profiili {chr(ord('A') + j % 26)}{j // 26 or ''}",
                           rng.choice(("", "Laaja", "Suppea")),
                           rng.choice((None, dt.date(2020, 1, 1), dt.date(2022, 6, 1))),
                           rng.choice((None, dt.date(2030, 12, 31))))
                for j in range(n_profiles)]
    items = []
    for k, item_id in enumerate(ids):
        earlier = ids[:k]
        req = [e for e in earlier if rng.random() < edge_probability][:max_requires]
        rest = [e for e in earlier if e not in req]
        rec = [e for e in rest if rng.random() < 0.1][:1]
        marks = {}
        for p in profiles:
            x = rng.random()
            marks[p.id] = (Mark.ALLOWED if x < allowed_probability else
                           Mark.PARTLY if x < allowed_probability + partly_probability
                           else Mark.NOT)
        items.append(ItemRow(
            id=item_id, name=names[k], service=rng.choice((_ARCHIVE, _REPOSITORY, "")),
            group=rng.choice(("",) + tuple(Group)), requires=req, recommends=rec,
            test=rng.choice(("",) + tuple(YesNo)), period=rng.choice(("", YesNo.YES, YesNo.NO)),
            available_from=rng.choice((None, dt.date(2019 + rng.randrange(8),
                                                     1 + rng.randrange(12),
                                                     1 + rng.randrange(28)))),
            source=rng.choice(("", "https://www.kanta.fi/")),
            basis=rng.choice(("", Basis.DOCUMENTED, Basis.ASSUMED)),
            note=rng.choice(("", "", "Huomioi siirtymäaika")), marks=marks))
    rng.shuffle(items)
    return TableSpec(items, profiles)


def random_layout(seed: int, fmt: str | None = None, **fixed: Any) -> Layout:
    """A random *unambiguous* layout: a correct reader must read it exactly.

    Avoids the combinations FORMATS.md leaves undecidable: profile labels as
    names without a profile sheet, and an unknown extra column beside flat
    profile columns without a profile sheet.  Never sets
    ``matrix_disagree``.  ``fixed`` overrides any drawn option.
    """
    rng = random.Random(f"layout:{seed}")
    opts: dict[str, Any] = dict(
        fmt=fmt or rng.choice(FORMATS),
        language=rng.choice(LANGUAGES),
        headers=rng.choice(("first", "random")),
        decorate_headers=rng.random() < 0.3,
        values=rng.choice(("first", "random")),
        seed=rng.randrange(1 << 30),
        title_rows=rng.choice((0, 0, 1, 2, 3)),
        blank_after_title=rng.random() < 0.5,
        merge_title=rng.random() < 0.3,
        profile_header=rng.choice(("flat", "two-row", "two-row-unmerged")),
        profile_labels=rng.choice(("ids", "ids", "names")),
        requires_as=rng.choice(("ids", "names", "mixed")),
        separator=rng.choice((",", ";", "\n", "and", "natural")),
        matrix=rng.choice((None, None, "only", "both")),
        matrix_labels=rng.choice(("ids", "names")),
        include_profile_sheet=rng.random() < 0.7,
        column_seed=rng.choice((None, rng.randrange(1000))),
        blank_rows_after=tuple(sorted(rng.sample(range(6), rng.randrange(3)))),
        trailing_blank_rows=rng.choice((0, 0, 1, 3)),
        extra_column=rng.choice((None, "Kommentti")),
        hidden_sheet_first=rng.random() < 0.3,
        changelog_sheet=rng.random() < 0.2,
        sheet_order=tuple(rng.sample(("items", "profiles", "matrix", "changelog"), 4)),
        date_style=rng.choice(("date", "dmy", "iso")),
        numbers_as_numbers=rng.random() < 0.3,
        csv_sep=rng.choice((",", ";")),
        csv_bom=True,
    )
    # drawn last, so the options above stay what they were for every seed
    if rng.random() < 0.4 and opts["profile_header"] != "flat":
        opts["profile_header"] = opts["profile_header"].replace("two-row", "grouped")
    opts["field_header_row"] = rng.choice(("top", "bottom"))
    opts["legend"] = rng.random() < 0.3
    # (tests/workbook_readback.py reads an .ods comment's paragraphs as the cell's text: .ods comments are
    # tested on their own, in tests/load/test_generalise.py)
    opts["comments"] = rng.random() < 0.3 and opts["fmt"] != "ods"
    opts.update(fixed)
    if opts["profile_labels"] == "names":
        opts["include_profile_sheet"] = True
    if (opts["extra_column"] and opts["profile_header"] == "flat"
            and not opts["include_profile_sheet"]):
        opts["include_profile_sheet"] = True
    return Layout(**opts)


def layouts(fmt: str | None = None, **fixed: Any):
    """A hypothesis strategy of :func:`random_layout` results."""
    from hypothesis import strategies as st

    return st.builds(lambda s: random_layout(s, fmt, **fixed), st.integers(0, 2**31 - 1))


def small_task_spec() -> TaskSpec:
    """Five extension tasks using each timing phrase of FORMATS.md, two periods."""
    tasks = [
        TaskRow("1", "Tilaa käyttöönottokoe", "Tilaus Kelalta", "sote-toimija",
                "viimeistään 3 viikkoa ennen käyttöönottoa", 1, [], "käyttöönottokoe",
                "Kanta-ohje"),
        TaskRow("2", "Ilmoittaudu käyttöönottojaksolle", "", "palvelunantaja",
                "ennen käyttöönottojakson alkua", 1, [], "käyttöönottojakso", ""),
        TaskRow("3", "Suorita käyttöönottokoe", "", "järjestelmätoimittaja",
                "viimeistään 1 viikko ennen käyttöönottoa", 2, ["1"], "käyttöönottokoe", ""),
        TaskRow("4", "Ilmoita koetulokset", "", "Kela",
                "2 arkipäivän kuluessa käyttöönottokokeesta", 1, ["3"], "käyttöönottokoe", ""),
        TaskRow("5", "Tuotantokäyttö alkaa", "", "organisaatio", "käyttöönottopäivänä", 1,
                ["2", "4"], "kaikki", ""),
    ]
    periods = [
        PeriodRow("2025/1", dt.date(2025, 3, 3), dt.date(2025, 3, 28), dt.date(2025, 1, 31)),
        PeriodRow("2025/2", dt.date(2025, 9, 1), dt.date(2025, 9, 26), dt.date(2025, 6, 30)),
    ]
    first = [TaskRow("E1", "Liittymissopimus", "", "THL", "viimeistään 8 viikkoa ennen "
                     "käyttöönottoa", 5, [], "kaikki", "")]
    return TaskSpec(tasks, periods, {"Ensimmäinen käyttöönotto": first})


def small_organisations() -> list[OrgRow]:
    """Three organisations matching :func:`small_spec` profiles."""
    return [
        OrgRow("Pohjolan hyvinvointialue", "A", ["ARK-1"], None, dt.date(2025, 5, 1),
               ["ARK-2", "LUO-1", "KAT-1"]),
        OrgRow("Sosiaalipalvelu Oy", "Suppea asiakastietojärjestelmä", [], ["ARK-1", "ARK-2"],
               "1.9.2025", []),
        OrgRow("Arkistopalvelut Ab", "C", ["ARK-1", "ARK-2"], [], None, []),
    ]
