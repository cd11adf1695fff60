"""The tool's own words in Finnish and English (workbook text is always shown as written)."""

from __future__ import annotations

__all__ = ["LANGS", "t", "LABELS", "format_date", "format_number", "format_decimal", "group_label", "month_name"]

LANGS = ("fi", "en")

LABELS: dict[str, tuple[str, str]] = {
    # validate
    "valid": ("Lähtötiedot ovat kunnossa: {items} osatoteutusta, {profiles} profiilia, {tasks} tehtävää, {periods} käyttöönottojaksoa.",
              "The input is valid: {items} functionalities, {profiles} profiles, {tasks} tasks, {periods} deployment periods."),
    "invalid": ("Lähtötiedoissa on {errors} virhettä ja {warnings} varoitusta.",
                "The input has {errors} errors and {warnings} warnings."),
    "warnings_only": ("Lähtötiedot kelpaavat; {warnings} varoitusta.", "The input is valid; {warnings} warnings."),
    # document groups
    "group.old": ("Vanhat asiakirjat", "Old documents"),
    "group.phase-1": ("1. vaiheen asiakirjat", "Phase 1 documents"),
    "group.phase-2": ("2. vaiheen asiakirjat", "Phase 2 documents"),
    "group.joining-obligation": ("Liittymisvelvoite", "Joining obligation"),
    # common
    "profile": ("Profiili", "Profile"),
    "deployed": ("Käytössä", "Deployed"),
    "none": ("ei yhtään", "none"),
    "partly": ("osittain", "partly"),
    "level_groups": ("Taso: asiakirjaryhmät", "Level: document groups"),
    # orders
    "items_left": ("Vielä käyttöön otettavat ({n})", "Still to deploy ({n})"),
    "count": ("Sallittuja järjestyksiä", "Allowed orders"),
    "staged_plans": ("Vaiheistettuja suunnitelmia (erät)", "Staged plans (batches)"),
    "staged_unknown": ("liian monta laskettavaksi", "too many to count"),
    "min_rounds": ("Käyttöönottokierroksia vähintään", "Minimum deployment rounds"),
    "waves": ("Aallot (mitkä voi ottaa käyttöön samaan aikaan)", "Waves (what can go live together)"),
    "wave": ("Aalto {n}", "Wave {n}"),
    "recommended": ("Suositeltu järjestys", "Recommended order"),
    "listed": ("Ensimmäiset {n} järjestystä (tunnusten aakkosjärjestyksessä)", "First {n} orders (in lexicographic order of ids)"),
    "samples": ("Satunnaisotos (siemen {seed})", "Uniform samples (seed {seed})"),
    "rank": ("Järjestyksen {order} sijanumero luettelossa: {rank} (alkaen 0)", "Position of {order} in the list: {rank} (from 0)"),
    "unranked": ("Järjestys sijalla {rank}: {order}", "Order at position {rank}: {order}"),
    "freedom": ("Vapausaste: sija kaikissa sallituissa järjestyksissä", "Freedom: position over all allowed orders"),
    "positions": ("sijat {earliest}–{latest}", "positions {earliest}–{latest}"),
    "fixed": ("paikka kiinteä", "fixed"),
    "first_counts": ("Järjestyksiä, jotka alkavat kohteella", "Orders that start with the item"),
    "excluded": ("Profiili sallii, mutta ei saavutettavissa", "Allowed by the profile but out of reach"),
    "not_allowed": ("Profiili ei salli", "Not allowed by the profile"),
    "reason_only-ready": ("ainoa valmis", "the only one ready"),
    "reason_recommended-first": ("suositellaan ensin", "recommended first"),
    "reason_earliest-available": ("saatavilla aikaisimmin", "available earliest"),
    "reason_unlocks-most": ("avaa eniten muita", "unlocks the most"),
    "reason_key": ("tunnuksen mukaan", "by id"),
    # next
    "available": ("Voidaan ottaa käyttöön nyt", "Can be taken into use now"),
    "blocked": ("Odottaa edellytyksiä", "Waiting for prerequisites"),
    "needs_first": ("ensin: {items}", "first: {items}"),
    "allowed_by": ("sallitaan profiileissa: {profiles}", "allowed by profiles: {profiles}"),
    "allowed_by_none": ("mikään profiili ei salli", "no profile allows it"),
    # check
    "order_ok": ("Järjestys on sallittu.", "The order is allowed."),
    "order_bad": ("Järjestys ei ole sallittu ({n} rikkomusta):", "The order is not allowed ({n} violations):"),
    "violation_missing-prerequisite": ("kohta {position}: {id} edellyttää ensin: {missing}", "position {position}: {id} needs first: {missing}"),
    "violation_not-allowed": ("kohta {position}: profiili ei salli kohdetta {id}", "position {position}: the profile does not allow {id}"),
    "violation_already-deployed": ("kohta {position}: {id} on jo käytössä", "position {position}: {id} is already deployed"),
    "violation_duplicate": ("kohta {position}: {id} toistuu", "position {position}: {id} appears again"),
    # report
    "report_written": ("Kirjoitettu: {path}", "Written: {path}"),
    "too_many_rows_for_excel": (
        "Huom: {file} sisältää {rows} riviä; Excel avaa enintään {limit}. Raportin Tehtävät-välilehdellä "
        "on yksi rivi organisaatiota kohti.",
        "Note: {file} holds {rows} rows; Excel opens at most {limit}. The workbook's Tasks sheet has one "
        "row per organisation."),
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The label ``key`` in ``lang``, with ``values`` filled in.

    Examples
    --------
    >>> t("wave", "fi", n=2), t("wave", "en", n=2)
    ('Aalto 2', 'Wave 2')
    """
    fi, en = LABELS[key]
    text = en if lang == "en" else fi
    return text.format(**values) if values else text


def format_date(d, lang: str = "fi") -> str:
    """A date as planners read it: 5.3.2027 in Finnish, 2027-03-05 in English.

    ``d`` may be a date, ISO text or None (which gives "").

    Examples
    --------
    >>> format_date(dt.date(2027, 3, 5)), format_date(dt.date(2027, 3, 5), "en"), format_date("2027-11-30"), format_date(None)
    ('5.3.2027', '2027-03-05', '30.11.2027', '')
    """
    if d is None:
        return ""
    if isinstance(d, str):
        import datetime as _dt

        d = _dt.date.fromisoformat(d)
    return d.isoformat() if lang == "en" else f"{d.day}.{d.month}.{d.year}"




def format_number(n: int, lang: str = "fi") -> str:
    """A whole number with its thousands separated: a narrow no-break space in Finnish, a comma in English.

    Examples
    --------
    >>> format_number(1234567, "fi"), format_number(1234567, "en"), format_number(12, "fi")
    ('1\u202f234\u202f567', '1,234,567', '12')
    """
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", "\u202f")


def format_decimal(x: float, lang: str = "fi", digits: int = 1) -> str:
    """A decimal number with a decimal comma in Finnish and a point in English.

    Examples
    --------
    >>> format_decimal(2.25, "fi", 2), format_decimal(0.5, "en")
    ('2,25', '0.5')
    """
    text = f"{x:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def group_label(key: str, lang: str = "fi") -> str:
    """Readable name of a document group key; an unknown key is shown as it is.

    Examples
    --------
    >>> group_label("phase-2"), group_label("old", "en"), group_label("phase-3")
    ('2. vaiheen asiakirjat', 'Old documents', 'phase-3')
    """
    return t(f"group.{key}", lang) if f"group.{key}" in LABELS else key


_MONTHS = {
    "fi": ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def month_name(month: int, lang: str = "fi") -> str:
    """The short name of a month (1–12), as charts label their axes.

    Examples
    --------
    >>> month_name(3), month_name(12, "en")
    ('maalis', 'Dec')
    """
    return _MONTHS["en" if lang == "en" else "fi"][month - 1]

LABELS.update({
    # next: certification and what-if
    "waiting_certification": ("Odottaa järjestelmän sertifiointia (järjestelmätoimittajan osuus)",
                              "Waiting for the system's certification (the vendor's part)"),
    "what_if": ("Jos profiili vaihdettaisiin", "If the profile were changed"),
    "what_if_row": ("{profile}: otettavissa vielä {n}; uusia: {gains}; menetetään: {losses}",
                    "{profile}: still reachable {n}; gains: {gains}; losses: {losses}"),
    "what_if_deployed": ("  käytössä olevat, joita {profile} ei salli: {items}",
                         "  in use but not allowed by {profile}: {items}"),
    # plan
    "plan_title": ("Käytön laajennuksen suunnitelma", "Extension plan"),
    "plan_target": ("Tavoite", "Target"),
    "plan_path": ("Tavoitteeseen tarvitaan {n} osatoteutusta; sallittuja järjestyksiä {count}.",
                  "The target needs {n} functionalities; {count} allowed orders."),
    "plan_all": ("Suunnitelmassa {n} osatoteutusta; sallittuja järjestyksiä {count}.",
                 "The plan holds {n} functionalities; {count} allowed orders."),
    "plan_periods": ("Käyttöönottojaksoja {used}; alaraja {bound} ({reasons}).",
                     "Deployment periods {used}; lower bound {bound} ({reasons})."),
    "plan_optimal": ("Suunnitelma on optimaalinen.", "The plan is optimal."),
    "plan_not_proven": ("Optimaalisuutta ei ole todistettu (menetelmä: {method}).",
                        "Optimality not proven (method: {method})."),
    "bound_chain": ("pisin edellytysketju {n}", "longest prerequisite chain {n}"),
    "bound_capacity": ("⌈{items} osatoteutusta / {k} jaksossa⌉ = {n}", "⌈{items} items / {k} per period⌉ = {n}"),
    "bound_registration": ("ilmoittautumisen sallivat jaksot {n}", "periods open to registration {n}"),
    "bound_window": ("jaksoikkunat {n}", "period windows {n}"),
    "bound_deadlines": ("myöhäisimmät aloitukset {n}", "latest starts {n}"),
    "period_line": ("Jakso {name}", "Period {name}"),
    "period_dates": ("{start}–{end}", "{start}–{end}"),
    "period_deadline": ("ilmoittautuminen viimeistään {date}", "register by {date}"),
    "period_closed": ("ilmoittautuminen päättynyt", "registration closed"),
    "period_synthetic": ("(ei päivämääriä: tunnetut jaksot loppuivat)", "(no dates: the known periods ran out)"),
    "go_live": ("käyttöönotto {date}", "go-live {date}"),
    "needs_registration": ("vaatii ilmoittautumisen jaksolle", "needs period registration"),
    "needs_test": ("käyttöönottokoe", "deployment test"),
    "tasks_title": ("Tehtävät", "Tasks"),
    "task_due": ("{due}", "{due}"),
    "task_no_date": ("ei päivämäärää", "no date"),
    # progress bars of a report: distinct (profile, deployed, certified) analysed, and drawn
    "progress_situations": ("tilanteet", "situations"),
    "progress_diagrams": ("kaaviot", "diagrams"),
    "step_read": ("Luetaan organisaatioita", "Reading the organisations"),
    "step_analyse": ("Analysoidaan", "Analysing"),
    "step_draw": ("Piirretään kaavioita", "Drawing the diagrams"),
    "step_write": ("Kirjoitetaan raporttia", "Writing the report"),
    "task_late": ("MYÖHÄSSÄ", "LATE"),
    "task_moved": ("aikaistettu seuraavan tehtävän vuoksi", "moved earlier for a following task"),
    "task_capped": ("jakson ilmoittautumisen määräaika", "the period's registration deadline"),
    "task_unparsed": ("ajoitusta ei voitu tulkita: {text}", "timing could not be read: {text}"),
    "unplaced": ("Ei mahtunut suunnitelmaan", "Did not fit in the plan"),
    "notes": ("Oletukset", "Assumptions"),
    "note_go-live = first day of the period": ("käyttöönotto jakson ensimmäisenä päivänä", "go-live on the first day of the period"),
    "note_deployment test on the go-live day": ("käyttöönottokoe käyttöönottopäivänä", "deployment test on the go-live day"),
    "note_the known periods ran out; later rounds have no dates": (
        "tunnetut jaksot loppuivat; myöhemmillä kierroksilla ei ole päivämääriä",
        "the known periods ran out; later rounds have no dates"),
    "note_periods not open to every planned service were left out": (
        "jaksot, jotka eivät ole avoinna kaikille suunnitelman palveluille, jätettiin pois",
        "periods not open to every planned service were left out"),
    "resp_provider": ("sote-toimija", "provider"),
    "resp_vendor": ("järjestelmätoimittaja", "vendor"),
    "resp_kela": ("Kela", "Kela"),
    "resp_thl": ("THL", "THL"),
    "resp_other": ("muu", "other"),
})

LABELS.update({
    # plot (analyser/plot.py) and export (analyser/export.py)
    "plot_title_dependencies": ("Osatoteutusten riippuvuudet", "Dependencies between functionalities"),
    "plot_title_overlay": ("Käytön laajennuksen tilanne", "Extension status"),
    "plot_title_matrix": ("Tietojärjestelmäprofiilit ja osatoteutukset", "Information-system profiles and functionalities"),
    "plot_title_gantt": ("Käytön laajennuksen aikataulu", "Extension schedule"),
    "plot_all_items": ("kaikki osatoteutukset", "all functionalities"),
    "plot_profile": ("profiili {profile}", "profile {profile}"),
    "plot_deployed_list": ("käytössä: {items}", "in use: {items}"),
    "plot_empty": ("Profiilille ei ole näytettäviä osatoteutuksia.", "The profile has no functionalities to show."),
    "plot_column_deployed": ("Käytössä", "In use"),
    "plot_no_group": ("Ei asiakirjaryhmää", "No document group"),
    "plot_legend_groups": ("Asiakirjaryhmä:", "Document group:"),
    "plot_legend_edges": ("Nuolet:", "Arrows:"),
    "plot_legend_marks": ("Merkinnät:", "Marks:"),
    "plot_legend_status": ("Tila:", "Status:"),
    "plot_legend_parties": ("Vastuutaho:", "Responsible:"),
    "plot_edge_requires": ("edellytys → osatoteutus", "prerequisite → functionality"),
    "plot_edge_indirect": ("edellytys profiilin ulkopuolisten kautta", "prerequisite through items outside the profile"),
    "plot_edge_recommends": ("suositellaan ensin", "recommended first"),
    "plot_note_excluded": ("ei saavutettavissa: edellyttää {items}, joita profiili ei salli",
                           "out of reach: needs {items}, which the profile does not allow"),
    "plot_note_cycle": ("ei saavutettavissa: kehä {items}", "out of reach: cycle {items}"),
    "plot_note_partly": ("profiili sallii osittain", "the profile allows it partly"),
    "plot_note_not_allowed": ("profiili ei salli", "not allowed by the profile"),
    "plot_note_available": ("voidaan ottaa käyttöön nyt", "can be taken into use now"),
    "plot_note_certification": ("odottaa järjestelmän sertifiointia", "waiting for the system's certification"),
    "plot_note_waits": ("odottaa: {items}", "waits for: {items}"),
    "plot_status_deployed": ("Käytössä", "In use"),
    "plot_status_available": ("Voidaan ottaa käyttöön nyt", "Can be taken into use now"),
    "plot_status_certification": ("Odottaa sertifiointia", "Waiting for certification"),
    "plot_status_blocked": ("Odottaa edellytyksiä", "Waiting for prerequisites"),
    "plot_status_excluded": ("Profiili sallii, ei saavutettavissa", "Allowed, but out of reach"),
    "plot_status_not-allowed": ("Profiili ei salli", "Not allowed by the profile"),
    "plot_foot_dependencies": ("Nuoli kulkee edellytyksestä osatoteutukseen. Sarake on aalto: osatoteutus voidaan ottaa "
                               "käyttöön aikaisintaan sillä kierroksella, kun kaikki sitä vasemmalla olevat edellytykset "
                               "ovat käytössä. Vaakakaistat ovat palveluja.",
                               "Arrows run from a prerequisite to the functionality that needs it. A column is a wave: "
                               "a functionality can go live at the earliest in the round after all its prerequisites "
                               "to the left. Horizontal bands are services."),
    "plot_foot_overlay": ("Tila näkyy sekä tekstinä, reunaviivana, täyttövärinä että laatikon oikean reunan kuviona; "
                          "vasemman reunan väri on asiakirjaryhmä.",
                          "Each status shows as words, outline, fill colour and the pattern at the box's right edge; "
                          "the colour at the left edge is the document group."),
    "plot_foot_certified": ("Odottaa sertifiointia: edellytykset ovat käytössä, mutta järjestelmää ei ole "
                            "sertifioitu osatoteutukselle.",
                            "Waiting for certification: the prerequisites are in use but the system is not "
                            "certified for the functionality."),
    "plot_matrix_count_label": ("Sallittuja järjestyksiä", "Allowed orders"),
    "plot_orders_unknown": ("liian monta laskettavaksi", "too many to count"),
    "plot_matrix_allowed": ("Sallittu", "Allowed"),
    "plot_matrix_partly": ("Sallittu osittain", "Allowed partly"),
    "plot_matrix_excluded": ("Sallittu, mutta edellytys ei ole", "Allowed, but a prerequisite is not"),
    "plot_matrix_not-allowed": ("Ei sallittu", "Not allowed"),
    "plot_foot_matrix": ("Järjestysten määrä koskee organisaatiota, jolla ei ole vielä mitään käytössä.",
                         "The number of orders is for an organisation with nothing in use yet."),
    "plot_today": ("tänään {date}", "today {date}"),
    "plot_today_legend": ("tänään", "today"),
    "plot_late": ("myöhässä", "late"),
    "plot_late_legend": ("myöhässä oleva tehtävä", "late task"),
    "plot_no_date": ("ei päivämäärää", "no date"),
    "plot_go_live": ("käyttöönotto", "go-live"),
    "plot_preparation": ("valmistelu (ensimmäisestä tehtävästä käyttöönottoon)", "preparation (first task to go-live)"),
    "plot_period": ("käyttöönottojakso", "deployment period"),
    "plot_party_provider": ("sote-toimija", "care provider"),
    "plot_party_vendor": ("järjestelmätoimittaja", "system vendor"),
    "plot_party_kela": ("Kela", "Kela"),
    "plot_party_thl": ("THL", "THL"),
    "plot_party_other": ("muu", "other"),
    "plot_party_none": ("ei nimetty", "not named"),
    "plot_foot_gantt": ("Tehtävän merkki on sen määräpäivä; muoto ja väri kertovat vastuutahon.",
                        "A task's mark is its due date; shape and colour tell who is responsible."),
})

# The notebooks' tables and charts (analyser.notebook), under the prefix "nb.".
_NOTEBOOK: dict[str, tuple[str, str]] = {
    "id": ("Tunnus", "ID"),
    "name": ("Nimi", "Name"),
    "status": ("Tila", "Status"),
    "waits_for": ("Odottaa ensin", "Waits for"),
    "note": ("Huomautus", "Note"),
    "severity": ("Vakavuus", "Severity"),
    "code": ("Koodi", "Code"),
    "file": ("Tiedosto", "File"),
    "sheet": ("Välilehti", "Sheet"),
    "cell": ("Solu", "Cell"),
    "message": ("Kuvaus", "Message"),
    "fact": ("Tieto", "Item"),
    "value": ("Arvo", "Value"),
    "position": ("Suositeltu sija", "Recommended position"),
    "wave": ("Aalto", "Wave"),
    "earliest_pos": ("Aikaisin sija", "Earliest position"),
    "latest_pos": ("Myöhäisin sija", "Latest position"),
    "slack": ("Liikkumavara", "Slack"),
    "first": ("Järjestyksiä, jotka alkavat tästä", "Orders starting with it"),
    "reason": ("Miksi tässä kohdassa", "Why here"),
    "period": ("Käyttöönottojakso", "Deployment period"),
    "period_dates": ("Jakso", "Period dates"),
    "deadline": ("Ilmoittautuminen viimeistään", "Register by"),
    "go_live": ("Käyttöönotto", "Go-live"),
    "flags": ("Huomioitavaa", "To note"),
    "due": ("Määräpäivä", "Due"),
    "earliest": ("Aikaisintaan", "Earliest"),
    "item": ("Osatoteutus", "Functionality"),
    "task_no": ("Nro", "No"),
    "task": ("Tehtävä", "Task"),
    "responsible": ("Vastuutaho", "Responsible"),
    "timing": ("Ajoitus tehtävätaulukossa", "Timing in the task workbook"),
    "late": ("Myöhässä", "Late"),
    "profile": ("Profiili", "Profile"),
    "current": ("Nykyinen", "Current"),
    "items": ("Osatoteutuksia", "Functionalities"),
    "count": ("Sallittuja järjestyksiä", "Allowed orders"),
    "rounds": ("Kierroksia vähintään", "Minimum rounds"),
    "waves": ("Saavutettavat osatoteutukset aalloittain", "Reachable functionalities by wave"),
    "first_items": ("Ensin käyttöön otettavissa", "Available first"),
    "out_of_reach": ("Sallittu, mutta ei saavutettavissa", "Allowed but out of reach"),
    "available": ("Voidaan ottaa käyttöön nyt", "Available now"),
    "reachable": ("Vielä saavutettavissa", "Still reachable"),
    "gains": ("Uusia nykyiseen verrattuna", "Gained compared with the current"),
    "losses": ("Menetetään", "Lost"),
    "deployed_not_allowed": ("Käytössä, mutta profiili ei salli", "In use but not allowed"),
    "status_now": ("Tila nyt ({profile})", "Status now ({profile})"),
    "status_other": ("Tila profiililla {profile}", "Status under {profile}"),
    "organisation": ("Organisaatio", "Organisation"),
    "month": ("Kuukausi", "Month"),
    "organisations": ("Organisaatioita", "Organisations"),
    "blocks": ("Estää osatoteutuksia", "Blocks"),
    "situation": ("Tilanne", "Standing"),
    "yes": ("kyllä", "yes"),
    "no": ("ei", "no"),
    "late_mark": ("MYÖHÄSSÄ", "LATE"),
    "error": ("virhe", "error"),
    "warning": ("varoitus", "warning"),
    # facts
    "f_remaining": ("Vielä käyttöön otettavia (profiili sallii)", "Still to deploy (allowed by the profile)"),
    "f_count": ("Sallittuja järjestyksiä kaikille", "Allowed orders of them all"),
    "f_rounds": ("Käyttöönottokierroksia vähintään", "Minimum deployment rounds"),
    "f_target": ("Tavoite", "Target"),
    "f_path": ("Tavoitteeseen tarvitaan", "The target needs"),
    "f_path_count": ("Sallittuja järjestyksiä tavoitteeseen", "Allowed orders to the target"),
    "f_profile": ("Profiili", "Profile"),
    "f_deployed": ("Käytössä", "In use"),
    "f_items": ("Osatoteutuksia suunnitelmassa", "Functionalities in the plan"),
    "f_periods": ("Käyttöönottojaksoja", "Deployment periods"),
    "f_period_list": ("Jaksot suunnitelman alusta loppuun", "Periods from the start to the end of the plan"),
    "f_bound": ("Jaksoja vähintään (alaraja)", "Periods at least (lower bound)"),
    "f_optimal": ("Vähimmäismäärä jaksoja varmistettu", "Fewest periods proven"),
    "f_start": ("Suunnittelu alkaen", "Planning from"),
    "f_today": ("Päivä", "Date"),
    "f_late": ("Myöhässä olevia tehtäviä", "Late tasks"),
    "f_unplaced": ("Ei mahtunut suunnitelmaan", "Did not fit in the plan"),
    "f_waiting": ("Odottaa järjestelmän sertifiointia", "Waiting for the system's certification"),
    "f_notes": ("Oletukset", "Assumptions"),
    "f_table": ("Riippuvuustaulukko", "Dependency table"),
    "f_tasks": ("Tehtävätaulukko", "Task workbook"),
    "f_none": ("ei yhtään", "none"),
    # flags of an extension
    "flag_registration": ("ilmoittautuminen jaksolle", "period registration"),
    "flag_test": ("käyttöönottokoe", "deployment test"),
    "flag_certification": ("odottaa sertifiointia", "waits for certification"),
    "flag_partly": ("profiili sallii osittain", "the profile allows it partly"),
    "flag_synthetic": ("ei päivämääriä: tunnetut jaksot loppuivat", "no dates: the known periods ran out"),
    "flag_closed": ("ilmoittautuminen päättynyt", "registration closed"),
    # standings of a batch
    "st_available": ("Voi laajentaa nyt", "Can extend now"),
    "st_certification": ("Odottaa vain sertifiointia", "Waits only for certification"),
    "st_blocked": ("Odottaa edellytyksiä", "Waits for prerequisites"),
    "st_nothing": ("Ei laajennettavaa", "Nothing left to extend"),
    "st_bad_row": ("Ei analysoitu (virheellinen rivi)", "Not analysed (bad row)"),
    # charts
    "chart_standing": ("Missä organisaatiot ovat nyt", "Where the organisations stand"),
    "chart_attention": ("Huomioitavaa (sama organisaatio voi olla monessa)",
                        "Needs attention (an organisation may be in several)"),
    "att_late": ("Myöhässä olevia tehtäviä", "Late tasks"),
    "att_plan": ("Suunniteltu järjestys ei ole sallittu", "Planned order not allowed"),
    "att_certification": ("Jokin osatoteutus odottaa sertifiointia", "Something waits for certification"),
    "chart_standing_x": ("organisaatioita", "organisations"),
    "chart_blockers": ("Yleisimmät esteet", "Most common blockers"),
    "chart_blockers_x": ("organisaatioita, joilla osatoteutus odottaa tätä",
                         "organisations with a functionality waiting for this"),
    "chart_deadlines": ("Seuraavan laajennuksen määräpäivät kuukausittain",
                        "Due dates of the next extension per month"),
    "chart_deadlines_y": ("tehtäviä", "tasks"),
    "chart_none": ("Ei näytettävää.", "Nothing to show."),
    "chart_today": ("tänään", "today"),
    "empty": ("(ei rivejä)", "(no rows)"),
    "title_profile": ("Tilanne profiililla {profile}", "Standing under profile {profile}"),
}

LABELS.update({f"nb.{key}": words for key, words in _NOTEBOOK.items()})

from analyser.text.words_report import WORDS as _REPORT_WORDS  # noqa: E402  (data, kept in its own module)

LABELS.update(_REPORT_WORDS)
