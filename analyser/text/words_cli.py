"""The command line's own words: help texts and argparse's messages (keys ``cli.``), Finnish and English.

Command names, option names and the values an option takes (``--format json``) are the same in both
languages; what they mean is said in the planner's language.
"""

WORDS: dict[str, tuple] = {
    # the parser's frame (argparse's own words)
    "cli.description": ("Suunnittele Kanta-palvelujen käytön laajentamista.",
                        "Plan how to extend the use of Kanta services."),
    "cli.usage": ("käyttö: ", "usage: "),
    "cli.positionals": ("argumentit", "positional arguments"),
    "cli.options": ("valitsimet", "options"),
    "cli.help": ("näytä tämä ohje ja lopeta", "show this help message and exit"),
    "cli.version": ("näytä ohjelman versio ja lopeta", "show the program's version and exit"),
    # metavars: what an option's value is
    "cli.mv.command": ("KOMENTO", "COMMAND"),
    "cli.mv.file": ("TIEDOSTO", "FILE"),
    "cli.mv.folder": ("KANSIO", "DIR"),
    "cli.mv.ids": ("TUNNUKSET", "IDS"),
    "cli.mv.item": ("KOHDE", "ITEM"),
    "cli.mv.date": ("PVM", "DATE"),
    "cli.mv.dates": ("PÄIVÄT", "DATES"),
    "cli.mv.name": ("NIMI", "NAME"),
    "cli.mv.states": ("TILAT", "STATES"),
    "cli.mv.seed": ("SIEMEN", "SEED"),
    "cli.mv.kind": ("KAAVIO", "KIND"),
    # the commands
    "cli.cmd.validate": ("lue taulukot ja luettele kaikki löydetyt ongelmat",
                         "read the workbooks and list every problem found"),
    "cli.cmd.orders": ("vielä käyttöön otettavien osatoteutusten sallitut järjestykset",
                       "allowed orders of the items still to deploy"),
    "cli.cmd.next": ("mitä voi ottaa käyttöön nyt ja mikä estää loput",
                     "what can be taken into use now, and what blocks the rest"),
    "cli.cmd.plan": ("vaiheistettu suunnitelma käyttöönottojaksoittain ja päivätty tehtävälista",
                     "a staged plan over deployment periods with a dated task list"),
    "cli.cmd.check": ("tarkista suunniteltu järjestys", "check a planned order"),
    "cli.cmd.plot": ("piirrä kaavio .svg-, .png- tai .pdf-tiedostoon", "draw a diagram into an .svg, .png or .pdf file"),
    "cli.cmd.export": ("kirjoita riippuvuusverkko muiden työkalujen luettavaksi",
                       "write the dependency graph for other tools"),
    "cli.cmd.report": ("koosteraportti monesta organisaatiosta kansioon",
                       "batch report over many organisations, written into a folder"),
    # the options several commands share
    "cli.opt.table": ("riippuvuustaulukko (.xlsx, .xlsm, .xls, .ods, .csv tai .csv-tiedostojen kansio); "
                      "oletus: mukana tuleva data/riippuvuustaulukko.xlsx",
                      "dependency table (.xlsx .xlsm .xls .ods, .csv or a folder of .csv); "
                      "default: the shipped data/riippuvuustaulukko.xlsx"),
    "cli.opt.tasks": ("käyttöönottotehtävien taulukko; oletus: mukana tuleva data/kayttoonottotehtavat.xlsx",
                      "task workbook; default: the shipped data/kayttoonottotehtavat.xlsx"),
    "cli.opt.format": ("tulosteen muoto (oletus: text)", "output format (default: text)"),
    "cli.opt.lang": ("työkalun oman tekstin kieli: fi (suomi, oletus) tai en (englanti)",
                     "language of the tool's own words: fi (Finnish, the default) or en (English)"),
    "cli.opt.profile": ("tietojärjestelmäprofiili (tunnus tai nimi)", "information-system profile (id or name)"),
    "cli.opt.deployed": ("jo käytössä olevat osatoteutukset, tunnukset tai nimet pilkuin erotettuina",
                         "items already in use, ids or names separated by commas"),
    "cli.opt.certified": ("osatoteutukset, joihin organisaation järjestelmä on sertifioitu (oletus: ei rajoitusta)",
                          "items the organisation's system is certified for (default: no limit)"),
    "cli.opt.target": ("suunnittele vain polku tähän osatoteutukseen", "plan only the path to this item"),
    "cli.opt.start": ("suunnittele tästä päivästä alkaen (oletus: tänään)", "plan from this date (default: today)"),
    "cli.opt.today_next": ("tämän päivän päivämäärä: osatoteutus, joka on saatavilla vasta myöhemmin, luetellaan "
                           "erikseen (oletus: tänään)",
                           "today's date: an item available only later is listed apart (default: today)"),
    "cli.opt.today": ("tämän päivän päivämäärä myöhästyneiden tehtävien ja päättyneiden ilmoittautumisten tunnistamiseen",
                      "today's date, for late tasks and closed registrations"),
    "cli.opt.per_period": ("enintään K laajennusta jaksoa kohden (oletus: ei rajaa)",
                           "at most K extensions per period (default: unlimited)"),
    "cli.opt.same_period": ("salli osatoteutuksen ja sen edellytysten käyttöönotto samassa jaksossa",
                            "let an item go live in the same period as its prerequisites"),
    "cli.opt.period_dates": ("käyttöönottojaksojen alkupäivät tehtävätaulukon jaksovälilehden sijaan",
                             "start dates of the deployment periods, instead of the task workbook's sheet"),
    # check
    "cli.opt.order": ("suunniteltu järjestys, tunnukset tai nimet pilkuin erotettuina",
                      "planned order, ids or names separated by commas"),
    # orders
    "cli.opt.list": ("luettele ensimmäiset N järjestystä", "list the first N orders"),
    "cli.opt.sample": ("arvo N järjestystä niin, että jokainen sallittu järjestys on yhtä todennäköinen", "draw N orders uniformly at random"),
    "cli.opt.seed": ("--sample-arvonnan siemenluku (oletus 0)", "seed for --sample (default 0)"),
    "cli.opt.level": ("järjestä osatoteutukset (items) tai kokonaiset asiakirjaryhmät (groups)",
                      "order items, or whole document groups"),
    "cli.opt.budget": ("laskennan tilojen enimmäismäärä; sen ylittyessä laskenta lopetetaan",
                       "most counting states to use before giving up"),
    "cli.opt.rank": ("tämän järjestyksen sija (alkaen 0) lueteltujen järjestysten joukossa",
                     "position (from 0) of this order among the listed orders"),
    "cli.opt.unrank": ("järjestys sijalla K (alkaen 0)", "the order at position K (from 0)"),
    "cli.opt.freedom": ("kunkin osatoteutuksen aikaisin ja myöhäisin sija sekä todennäköisyys, "
                        "jolla yksi tulee ennen toista",
                        "earliest and latest position of each item, and how likely one comes before another"),
    # plot
    "cli.opt.kind": ("profiilin riippuvuudet (dependencies), organisaation tilanne niillä (organisation), "
                     "profiilimatriisi (matrix), suunnitelma kalenterilla (plan) tai taulukon kahden version erot (diff OLD NEW)",
                     "a profile's dependencies (dependencies), an organisation's state on them (organisation), "
                     "the profile matrix (matrix), a plan on a calendar (plan) or the differences of two versions of the "
                     "table (diff OLD NEW)"),
    "cli.opt.plot_out": ("tulostiedosto: .svg, .png tai .pdf", "output file: .svg, .png or .pdf"),
    "cli.opt.deployed_short": ("jo käytössä olevat osatoteutukset", "items already in use"),
    "cli.opt.certified_short": ("osatoteutukset, joihin järjestelmä on sertifioitu",
                                "items the system is certified for"),
    "cli.opt.organisation": ("organisaation nimi otsikkoon", "organisation name for the title"),
    "cli.opt.plot_all": ("näytä myös osatoteutukset, joita profiili ei salli",
                         "also show items the profile does not allow"),
    # export
    "cli.opt.table_short": ("riippuvuustaulukko; oletus: mukana tuleva", "dependency table; default: the shipped one"),
    "cli.opt.tasks_short": ("käyttöönottotehtävien taulukko; oletus: mukana tuleva",
                            "task workbook; default: the shipped one"),
    "cli.opt.export_format": ("tiedostomuoto (oletus: --out-tiedoston päätteen mukaan)",
                              "file format (default: from the --out extension)"),
    "cli.opt.export_profile": ("vain osatoteutukset, jotka tämä profiili sallii",
                               "only the items this profile allows"),
    "cli.opt.export_deployed": ("jo käytössä olevat osatoteutukset (--profile-valitsimen kanssa)",
                                "items already in use (with --profile)"),
    "cli.opt.export_all": ("--profile-valitsimen kanssa: pidä kaikki osatoteutukset ja merkitse niiden tila",
                           "with --profile: keep every item and mark its status"),
    "cli.opt.out": ("tulostiedosto", "output file"),
    # report
    "cli.opt.organisations": ("organisaatiotiedosto (.csv tai taulukko); "
                              "oletus: mukana tuleva data/esimerkkiorganisaatiot.csv",
                              "organisations file (.csv or workbook); "
                              "default: the shipped data/esimerkkiorganisaatiot.csv"),
    "cli.opt.report_today": ("tämän päivän päivämäärä myöhästyneiden tehtävien tunnistamiseen (oletus: tänään)",
                             "today's date, for late tasks (default: today)"),
    "cli.opt.diagrams": ("tilannekaavio kullekin organisaatiolle: auto (enintään 200 organisaatiolle), "
                         "all (kaikille) tai none (ei yhtään); profiilimatriisi piirretään aina",
                         "a status diagram per organisation: auto (up to 200 organisations), all or none; "
                         "the profile matrix is always drawn"),
    "cli.opt.out_folder": ("tuloskansio (oletus: out)", "output folder (default: out)"),
    "cli.opt.csv": ("kirjoitettavien CSV-tiedostojen muoto (oletus: excel-fi)",
                    "CSV dialect of the written files (default: excel-fi)"),
    # argparse's messages, said again in the planner's language (cli/_parser.py)
    "cli.ap.argument": ("{argument}: {message}", "argument {argument}: {message}"),
    "cli.ap.required": (("pakollinen argumentti puuttuu: {args}", "pakollisia argumentteja puuttuu: {args}"),
                        ("the following argument is required: {args}", "the following arguments are required: {args}")),
    "cli.ap.unrecognized": (("tuntematon argumentti: {args}", "tuntemattomia argumentteja: {args}"),
                            ("unrecognized argument: {args}", "unrecognized arguments: {args}")),
    "cli.ap.invalid_choice": ("tuntematon arvo {value}; vaihtoehdot ovat {choices}",
                              "invalid choice: {value} (choose from {choices})"),
    "cli.ap.invalid_int": ("{value} ei ole kokonaisluku", "{value} is not a whole number"),
    "cli.ap.invalid_type": ("{value} ei kelpaa arvoksi (odotettiin: {type})", "invalid {type} value: {value}"),
    "cli.ap.expected_one": ("tarvitsee arvon", "expected one argument"),
    "cli.ap.expected_at_most_one": ("saa enintään yhden arvon", "expected at most one argument"),
    "cli.ap.expected_at_least_one": ("tarvitsee vähintään yhden arvon", "expected at least one argument"),
    "cli.ap.expected_n": (("tarvitsee {n} arvon", "tarvitsee {n} arvoa"),
                          ("expected {n} argument", "expected {n} arguments")),
    "cli.ap.ambiguous": ("valitsin {option} on monitulkintainen; se voi tarkoittaa näitä: {matches}",
                         "ambiguous option: {option} could match {matches}"),
    "cli.ap.explicit_value": ("ei ota arvoa, mutta sai arvon {value}", "ignored explicit argument {value}"),
    "cli.ap.not_allowed_with": ("ei käy yhdessä argumentin {other} kanssa", "not allowed with argument {other}"),
    "cli.ap.one_of": ("jokin argumenteista {args} tarvitaan", "one of the arguments {args} is required"),
}
