"""The tool's own words in Finnish and English (workbook text is always shown as written)."""

from __future__ import annotations

__all__ = ["LANGS", "t", "LABELS"]

LANGS = ("fi", "en")

LABELS: dict[str, tuple[str, str]] = {
    # validate
    "valid": ("Lähtötiedot ovat kunnossa: {items} osatoteutusta, {profiles} profiilia, {tasks} tehtävää, {periods} käyttöönottojaksoa.",
              "The input is valid: {items} functionalities, {profiles} profiles, {tasks} tasks, {periods} deployment periods."),
    "invalid": ("Lähtötiedoissa on {errors} virhettä ja {warnings} varoitusta.",
                "The input has {errors} errors and {warnings} warnings."),
    "warnings_only": ("Lähtötiedot kelpaavat; {warnings} varoitusta.", "The input is valid; {warnings} warnings."),
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
    "report_title": ("Profiilikohtainen yhteenveto", "Summary per profile"),
    "report_written": ("Kirjoitettu: {path}", "Written: {path}"),
    "col_profile": ("Profiili", "Profile"),
    "col_name": ("Nimi", "Name"),
    "col_items": ("Kohteita", "Items"),
    "col_count": ("Sallittuja järjestyksiä", "Allowed orders"),
    "col_rounds": ("Kierroksia vähintään", "Minimum rounds"),
    "col_waves": ("Aallot", "Waves"),
    "col_first": ("Ensin käyttöön otettavissa", "Available first"),
    "col_excluded": ("Ei saavutettavissa", "Out of reach"),
    "col_recommended": ("Suositeltu järjestys", "Recommended order"),
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
