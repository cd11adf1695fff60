"""The words of the HTML report (Finnish, English).

The report's tables reuse the column headers of the CSV files and the
workbook (``col.``, ``sum.``, ``sheet.`` in :mod:`analyser.text.words_report`);
these are the words only the HTML page says.
"""

WORDS: dict[str, tuple] = {
    "html.title": ("Käytön laajennuksen raportti", "Extension report"),
    "html.made": ("Laadittu {date}", "Made on {date}"),
    "html.contents": ("Sisällys", "Contents"),
    "html.counts": ("Luvut", "Counts"),
    "html.inputs": ("Lähtötiedot", "Inputs"),
    "html.organisations_caption": (("Organisaatiot: {n} organisaatio", "Organisaatiot: {n} organisaatiota"),
                                   ("Organisations: {n} organisation", "Organisations: {n} organisations")),
    "html.filter": ("Suodata organisaatioita", "Filter organisations"),
    "html.shown": ("Näkyvissä {shown} / {total}", "Showing {shown} of {total}"),
    "html.sort_hint": ("Järjestä taulukko napsauttamalla sarakkeen otsikkoa.",
                       "Sort the table by clicking a column heading."),
    "html.one_by_one": ("Organisaatioittain", "Organisation by organisation"),
    "html.sections_left_out": ("Organisaatiokohtaiset osiot jätettiin pois, koska analysoituja organisaatioita on "
                               "{n} (yli {limit}). Ne saa mukaan valinnalla --diagrams all.",
                               "The sections of each organisation were left out: {n} organisations were analysed "
                               "(more than {limit}). Ask for them with --diagrams all."),
    "html.row": ("{file}, rivi {row}", "{file}, row {row}"),
    "html.diagram_alt": ("Tilannekaavio: {name}. Samat tiedot ovat luetteloina kaavion alla.",
                         "Status diagram: {name}. The same facts are listed below the diagram."),
    "html.no_diagram_none": ("Tilannekaaviota ei piirretty (--diagrams none).",
                             "No status diagram was drawn (--diagrams none)."),
    "html.no_diagram_bad_row": ("Organisaatiota ei analysoitu, joten sillä ei ole tilannekaaviota.",
                                "The organisation was not analysed, so it has no status diagram."),
    "html.no_diagram_refused": ("Tilannekaavio jätettiin pois: se sisälsi jotakin, mitä raporttiin ei upoteta.",
                                "The status diagram was left out: it held something the report does not embed."),
    "html.not_analysed": ("Organisaatiota ei analysoitu.", "The organisation was not analysed."),
    "html.can_do_now": ("Mitä voi ottaa käyttöön nyt", "What can be taken into use now"),
    "html.nothing_now": ("Ei mitään juuri nyt.", "Nothing just now."),
    "html.what_blocks": ("Mikä estää loput", "What blocks the rest"),
    "html.nothing_blocks": ("Mikään ei estä: kaikki profiilin sallima on käytössä tai otettavissa.",
                            "Nothing blocks: everything the profile allows is in use or can be taken into use."),
    "html.waits_for": ("odottaa: {items}", "waits for: {items}"),
    "html.out_of_reach": ("ei saavutettavissa", "out of reach"),
    "html.no_planned_order": ("Organisaatiolle ei ole annettu suunniteltua järjestystä.",
                              "No planned order was given for the organisation."),
    "html.next_go_live": ("Seuraava laajennus {item}: käyttöönotto {date}, jakso {period}.",
                          "Next extension {item}: go-live {date}, period {period}."),
    "html.next_no_day": ("Seuraava laajennus {item}: käyttöönottopäivää ei voitu määrätä.",
                         "Next extension {item}: no go-live day could be set."),
    "html.no_next": ("Seuraavaa laajennusta ei ole.", "There is no next extension."),
    "html.why": ("Peruste: {reason}.", "Why: {reason}."),
    "html.dated_tasks": ("Päivätyt tehtävät", "Dated tasks"),
    "html.tasks_caption": (("{n} tehtävä, myöhässä {late}", "{n} tehtävää, myöhässä {late}"),
                           ("{n} task, {late} late", "{n} tasks, {late} late")),
    "html.no_tasks": ("Ei päivättyjä tehtäviä.", "No dated tasks."),
    "html.matrix_alt": ("Profiilimatriisi: mitkä osatoteutukset kukin tietojärjestelmäprofiili sallii. "
                        "Samat tiedot ovat taulukkona kuvan alla.",
                        "Profile matrix: which functionalities each information-system profile allows. "
                        "The same facts are in the table below the picture."),
    "html.matrix": ("Profiilimatriisi", "Profile matrix"),
    "html.matrix_missing": ("Profiilimatriisia ei piirretty.", "The profile matrix was not drawn."),
    "html.profiles_caption": ("Profiilit organisaatiolle, jolla ei ole vielä mitään käytössä",
                              "Profiles, for an organisation with nothing in use yet"),
    "html.findings_caption": (("{n} havainto", "{n} havaintoa"), ("{n} finding", "{n} findings")),
    "html.no_findings": ("Ei havaintoja.", "No findings."),
    "html.to_table": ("Takaisin organisaatiotaulukkoon", "Back to the organisations table"),
    "html.extensions_caption": ("Laajennukset jaksoittain", "Extensions by period"),
    "html.col.period": ("Jakso", "Period"),
    "html.col.extension": ("Laajennus", "Extension"),
    "html.col.go_live": ("Käyttöönotto", "Go-live"),
    "html.col.needs": ("Vaatii", "Needs"),
    "html.col.items": ("Osatoteutukset", "Functionalities"),
    "html.opt_html": ("kirjoita suunnitelma myös HTML-sivuksi tähän tiedostoon (- = vakiotuloste sen sijaan, "
                      "että vastaus tulostettaisiin)",
                      "also write the plan as an HTML page into this file (- = standard output, instead of the "
                      "answer)"),
    "html.plan_of": ("Profiili {profile}, käytössä: {deployed}", "Profile {profile}, deployed: {deployed}"),
}
