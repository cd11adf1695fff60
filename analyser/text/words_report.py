"""The batch report's words: column headers, sheet names, the summary, and the findings of the
organisations file (Finnish, English).

A finding names a column by the file's own header (``{column}``, as written) and a value as
written (``{value}``); ``problem.`` keys are the short forms the organisation's row shows.
"""

WORDS: dict[str, tuple] = {
    # columns of the org table
    "col.org.organisation": ("Organisaatio", "Organisation"),
    "col.org.profile": ("Profiili", "Profile"),
    "col.org.deployed": ("Käytössä", "Deployed"),
    "col.org.available": ("Voidaan ottaa käyttöön nyt", "Available now"),
    "col.org.blocked": ("Odottaa edellytyksiä", "Waiting for prerequisites"),
    "col.org.not_allowed": ("Profiili ei salli", "Not allowed by the profile"),
    "col.org.waiting_certification": ("Odottaa sertifiointia", "Waiting for certification"),
    "col.org.count": ("Sallittuja järjestyksiä", "Allowed orders"),
    "col.org.min_rounds": ("Kierroksia vähintään", "Minimum rounds"),
    "col.org.recommended": ("Suositeltu järjestys", "Recommended order"),
    "col.org.planned": ("Suunniteltu järjestys", "Planned order"),
    "col.org.plan_allowed": ("Suunnitelma sallittu", "Plan allowed"),
    "col.org.violations": ("Suunnitelman ongelmat", "Plan violations"),
    "col.org.next": ("Seuraava laajennus", "Next extension"),
    "col.org.target": ("Tavoitepäivä", "Target date"),
    "col.org.go_live": ("Käyttöönottopäivä", "Go-live"),
    "col.org.go_live_reason": ("Käyttöönottopäivän peruste", "Why this go-live"),
    "col.org.period": ("Käyttöönottojakso", "Deployment period"),
    "col.org.next_open_period": ("Seuraava avoin jakso", "Next open period"),
    "col.org.tasks": ("Tehtäviä", "Tasks"),
    "col.org.late": ("Myöhässä", "Late"),
    "col.org.first_due": ("Ensimmäinen määräpäivä", "First due date"),
    "col.org.problems": ("Havainnot", "Findings"),
    # columns of the task table
    "col.task.organisation": ("Organisaatio", "Organisation"),
    "col.task.item": ("Osatoteutus", "Functionality"),
    "col.task.item_name": ("Osatoteutuksen nimi", "Functionality name"),
    "col.task.task": ("Nro", "No."),
    "col.task.title": ("Tehtävä", "Task"),
    "col.task.responsible": ("Vastuutaho", "Responsible"),
    "col.task.timing": ("Ajoitus", "Timing"),
    "col.task.earliest": ("Aikaisintaan", "Earliest"),
    "col.task.due": ("Määräpäivä", "Due"),
    "col.task.late": ("Myöhässä", "Late"),
    "col.task.note": ("Huomautus", "Note"),
    # columns of the profile table
    "col.profile.profile": ("Profiili", "Profile"),
    "col.profile.name": ("Nimi", "Name"),
    "col.profile.items": ("Osatoteutuksia", "Functionalities"),
    "col.profile.count": ("Sallittuja järjestyksiä", "Allowed orders"),
    "col.profile.min_rounds": ("Kierroksia vähintään", "Minimum rounds"),
    "col.profile.waves": ("Aallot", "Waves"),
    "col.profile.available": ("Ensin käyttöön otettavissa", "Available first"),
    "col.profile.recommended": ("Suositeltu järjestys", "Recommended order"),
    "col.profile.excluded": ("Ei saavutettavissa", "Out of reach"),
    # columns of the finding table
    "col.finding.severity": ("Vakavuus", "Severity"),
    "col.finding.code": ("Koodi", "Code"),
    "col.finding.file": ("Tiedosto", "File"),
    "col.finding.sheet": ("Välilehti", "Sheet"),
    "col.finding.cell": ("Solu", "Cell"),
    "col.finding.message": ("Kuvaus", "Message"),
    # sheets of raportti.xlsx
    "sheet.summary": ("Yhteenveto", "Summary"),
    "sheet.organisations": ("Organisaatiot", "Organisations"),
    "sheet.tasks": ("Tehtävät", "Tasks"),
    "sheet.plan": ("Suunnitelma", "Plan"),
    "sheet.profiles": ("Profiilit", "Profiles"),
    "sheet.findings": ("Havainnot", "Findings"),
    "col.summary.item": ("Tieto", "Fact"),
    "col.summary.value": ("Arvo", "Value"),
    # the task sheet: one row per organisation
    "col.tasksheet.organisation": ("Organisaatio", "Organisation"),
    "col.tasksheet.next": ("Seuraava laajennus", "Next extension"),
    "col.tasksheet.name": ("Nimi", "Name"),
    "col.tasksheet.target": ("Tavoitepäivä", "Target date"),
    "col.tasksheet.go_live": ("Käyttöönottopäivä", "Go-live"),
    "col.tasksheet.period": ("Käyttöönottojakso", "Deployment period"),
    "severity.error": ("virhe", "error"),
    "severity.warning": ("varoitus", "warning"),
    # a yes/no cell
    "cell.yes": ("kyllä", "yes"),
    "cell.no": ("ei", "no"),
    # the inputs named on the summary sheet
    "src.table": ("Riippuvuustaulukko", "Dependency table"),
    "src.tasks": ("Tehtävätaulukko", "Task workbook"),
    "src.organisations": ("Organisaatiot", "Organisations"),
    "src.day": ("Päivä", "Date"),
    "src.diagrams": ("Kaaviot", "Diagrams"),
    # the summary sheet
    "sum.organisations": ("Organisaatioita", "Organisations"),
    "sum.analysed": ("Analysoitu", "Analysed"),
    "sum.not_analysed": ("Ei analysoitu (virheellinen rivi)", "Not analysed (bad row)"),
    "sum.can_extend_now": ("Voi laajentaa nyt", "Can extend now"),
    "sum.nothing_left": ("Kaikki jo käytössä", "Nothing left to extend"),
    "sum.plans_checked": ("Suunnitelmia tarkistettu", "Plans checked"),
    "sum.plans_not_allowed": ("Ei-sallittuja suunnitelmia", "Plans not allowed"),
    "sum.late_tasks": ("Myöhässä olevia tehtäviä", "Late tasks"),
    "sum.targets_moved": ("Tavoitepäivä ei toteudu", "Target date not possible"),
    "sum.errors": ("Virheitä", "Errors"),
    "sum.warnings": ("Varoituksia", "Warnings"),
    "sum.blocker": ("{k}. yleisin este", "Most common blocker {k}"),
    "sum.blocker_value": (("{id} ({n} organisaatiolla)", "{id} ({n} organisaatiolla)"),
                          ("{id} ({n} organisation)", "{id} ({n} organisations)")),
    # the end-of-run screen
    "run.organisations": ("Organisaatioita: {organisations} (analysoitu {analysed})",
                          "Organisations: {organisations} (analysed {analysed})"),
    "run.can_extend_now": ("Voi laajentaa nyt: {can_extend_now}", "Can extend now: {can_extend_now}"),
    "run.plans_not_allowed": ("Ei-sallittuja suunnitelmia: {plans_not_allowed} / {plans_checked}",
                              "Plans not allowed: {plans_not_allowed} / {plans_checked}"),
    "run.late_tasks": (("Myöhässä olevia tehtäviä: {late_tasks} ({n} organisaatiolla)",
                        "Myöhässä olevia tehtäviä: {late_tasks} ({n} organisaatiolla)"),
                       ("Late tasks: {late_tasks} (in {n} organisation)",
                        "Late tasks: {late_tasks} (in {n} organisations)")),
    "run.no_late_tasks": ("Myöhässä olevia tehtäviä: 0", "Late tasks: 0"),
    "run.blocker": (("Yleisin este: {id} ({n} organisaatiolla)", "Yleisin este: {id} ({n} organisaatiolla)"),
                    ("Most common blocker: {id} ({n} organisation)", "Most common blocker: {id} ({n} organisations)")),
    "run.diagrams_skipped": ("{n} organisaatiota: organisaatiokohtaiset kaaviot jätettiin piirtämättä (yli {limit}); "
                             "--diagrams all piirtää ne",
                             "{n} organisations: per-organisation diagrams were skipped (more than {limit}); "
                             "--diagrams all draws them"),
    "run.targets_moved": (("Tavoitepäivä ei toteudu: {n} organisaatiolla (ks. sarake Käyttöönottopäivän peruste)",
                           "Tavoitepäivä ei toteudu: {n} organisaatiolla (ks. sarake Käyttöönottopäivän peruste)"),
                          ("Target date not possible: {n} organisation (see the column Why this go-live)",
                           "Target date not possible: {n} organisations (see the column Why this go-live)")),
    "run.findings": ("Virheitä {errors}, varoituksia {warnings} (ks. raportti.xlsx, välilehti Havainnot)",
                     "Errors {errors}, warnings {warnings} (see raportti.xlsx, sheet Findings)"),
    # findings of the organisations file
    "finding.empty-table/organisations": ("tiedostossa ei ole yhtään organisaatiota", "the file holds no organisations"),
    "finding.hidden-sheet/organisations": ("organisaatioiden välilehti on piilotettu; se luettiin silti",
                                           "the organisations sheet is hidden; it was read all the same"),
    "finding.hidden-row/organisations": ("{organisation}: rivi on piilotettu; se luettiin silti",
                                         "{organisation}: the row is hidden; it was read all the same"),
    "finding.missing-value/organisations": ("rivillä ei ole organisaation nimeä (sarake '{column}'); rivi ohitettiin",
                                            "the row has no organisation name (column '{column}'); it was skipped"),
    "finding.unknown-profile/organisations": (
        "{organisation}: sarakkeen '{column}' arvo '{value}' ei ole riippuvuustaulukon profiili "
        "(profiilit: {known}); organisaatiota ei analysoitu",
        "{organisation}: '{value}' in the column '{column}' is not a profile of the dependency table "
        "(its profiles: {known}); the organisation was not analysed"),
    "finding.unknown-profile/organisations-close": (
        ("{organisation}: sarakkeen '{column}' arvo '{value}' ei ole riippuvuustaulukon profiili (profiilit: "
         "{known}), joten organisaatiota ei analysoitu. Tarkoititko {suggestions}?",
         "{organisation}: sarakkeen '{column}' arvo '{value}' ei ole riippuvuustaulukon profiili (profiilit: "
         "{known}), joten organisaatiota ei analysoitu. Tarkoititko jotakin näistä: {suggestions}?"),
        ("{organisation}: '{value}' in the column '{column}' is not a profile of the dependency table (its "
         "profiles: {known}), so the organisation was not analysed. Did you mean {suggestions}?",
         "{organisation}: '{value}' in the column '{column}' is not a profile of the dependency table (its "
         "profiles: {known}), so the organisation was not analysed. Did you mean one of these: {suggestions}?")),
    "finding.unknown-profile/organisations-empty": (
        "{organisation}: sarakkeessa '{column}' ei ole profiilia (profiilit: {known}); organisaatiota ei analysoitu",
        "{organisation}: the column '{column}' names no profile (the profiles: {known}); the organisation was "
        "not analysed"),
    "finding.unknown-item": (
        ("{organisation}: sarakkeen '{column}' arvo '{value}' ei ole minkään osatoteutuksen tunnus eikä nimi, joten "
         "se jätettiin pois. Tarkoititko {suggestions}?",
         "{organisation}: sarakkeen '{column}' arvo '{value}' ei ole minkään osatoteutuksen tunnus eikä nimi, joten "
         "se jätettiin pois. Tarkoititko jotakin näistä: {suggestions}?"),
        ("{organisation}: '{value}' in the column '{column}' is no functionality's id or name, so it was left out. "
         "Did you mean {suggestions}?",
         "{organisation}: '{value}' in the column '{column}' is no functionality's id or name, so it was left out. "
         "Did you mean one of these: {suggestions}?")),
    "finding.unknown-item/nearest": (
        "{organisation}: sarakkeen '{column}' arvo '{value}' ei ole minkään osatoteutuksen tunnus eikä nimi, joten "
        "se jätettiin pois (lähimmät tunnukset: {nearest})",
        "{organisation}: '{value}' in the column '{column}' is no functionality's id or name, so it was left out "
        "(the nearest ids: {nearest})"),
    "finding.id-spelling/organisations": (
        "{organisation}: sarakkeen '{column}' arvo '{written}' luettiin tunnukseksi '{id}' (ero vain kirjainkoossa, "
        "välilyönneissä tai Unicode-muodossa)",
        "{organisation}: '{written}' in the column '{column}' was read as the id '{id}' (it differs only in case, "
        "spaces or Unicode form)"),
    "finding.bad-date/organisations": (
        "{organisation}: sarakkeen '{column}' arvo '{value}' ei ole päivämäärä (käytä muotoa p.k.vvvv tai Excelin "
        "päivämäärää); sitä ei käytetty",
        "{organisation}: '{value}' in the column '{column}' is not a date (use d.m.yyyy or an Excel date); it was "
        "not used"),
    # a finding of an organisation's situation, named by the organisation (variant: the situation finding's code)
    "finding.organisation-warning/deployed-not-allowed": (
        "{organisation}: {id} on käytössä, vaikka profiili {profile} ei salli sitä",
        "{organisation}: {id} is in use although profile {profile} does not allow it"),
    "finding.organisation-warning/deployed-prerequisite-missing": (
        ("{organisation}: {id} on käytössä, mutta sen edellytys {missing} ei ole käytössä",
         "{organisation}: {id} on käytössä, mutta sen edellytykset {missing} eivät ole käytössä"),
        ("{organisation}: {id} is in use but its prerequisite {missing} is not in use",
         "{organisation}: {id} is in use but its prerequisites {missing} are not in use")),
    # the next extension cannot go live on the target date (variant: analyser.planning.dating.REASONS); dates ISO
    "finding.go-live-moved/registration-closed": (
        "{organisation}: jakson {closed} ilmoittautuminen päättyi {deadline}, joten {id} ei voi mennä käyttöön "
        "tavoitepäivänä {target}; seuraava avoin jakso on {period}, käyttöönotto {go_live}",
        "{organisation}: registration for period {closed} closed on {deadline}, so {id} cannot go live on the "
        "target date {target}; the next open period is {period}, go-live {go_live}"),
    "finding.go-live-moved/outside-periods": (
        "{organisation}: osatoteutuksen {id} tavoitepäivä {target} ei osu sille avoimelle jaksolle; käyttöönotto "
        "seuraavan jakson {period} ensimmäisenä arkipäivänä {go_live}",
        "{organisation}: the target date {target} of {id} is in no period open to it; go-live on the first "
        "business day of the next one, {period}: {go_live}"),
    "finding.go-live-moved/past": (
        "{organisation}: osatoteutuksen {id} tavoitepäivä {target} oli jo mennyt {today}; aikaisin mahdollinen "
        "käyttöönotto on {go_live} jaksolla {period}",
        "{organisation}: the target date {target} of {id} had passed on {today}; the earliest go-live is "
        "{go_live} in period {period}"),
    "finding.go-live-moved/available-from": (
        "{organisation}: {id} on saatavilla vasta {available_from} alkaen, tavoitepäivän {target} jälkeen; "
        "käyttöönotto {go_live} jaksolla {period}",
        "{organisation}: {id} is available only from {available_from}, after the target date {target}; go-live "
        "{go_live} in period {period}"),
    "finding.go-live-moved/no-period": (
        "{organisation}: mikään tunnettu käyttöönottojakso ei ota osatoteutusta {id} vastaan, joten sille ei ole "
        "käyttöönottopäivää",
        "{organisation}: no known deployment period can take {id}, so it has no go-live day"),
    # the same, short, in the organisation's own row (its column Havainnot)
    "problem.unknown-profile/organisations": ("tuntematon profiili '{value}'", "unknown profile '{value}'"),
    "problem.unknown-profile/organisations-close": ("tuntematon profiili '{value}'", "unknown profile '{value}'"),
    "problem.unknown-profile/organisations-empty": ("profiili puuttuu", "no profile"),
    "problem.unknown-item": ("tuntematon osatoteutus '{value}' (sarake '{column}')",
                             "unknown functionality '{value}' (column '{column}')"),
    "problem.unknown-item/nearest": ("tuntematon osatoteutus '{value}' (sarake '{column}')",
                                     "unknown functionality '{value}' (column '{column}')"),
    "problem.bad-date/organisations": ("'{value}' ei ole päivämäärä (sarake '{column}')",
                                       "'{value}' is not a date (column '{column}')"),
}
