"""One organisation's situation, its answers' findings and errors (keys with their prefix: ``finding.``, ``err.``, or none), Finnish and English."""

WORDS: dict[str, tuple] = {
    # a reference taken otherwise than by its exact id (said on the command line)
    "resolved_profile": ("'{ref}' tulkittiin profiiliksi {id} ({how}).", "'{ref}' was taken as the profile {id} ({how})."),
    "resolved_item": ("{what}: '{ref}' tulkittiin osatoteutukseksi {id} ({how}).",
                      "{what}: '{ref}' was taken as the functionality {id} ({how})."),
    "how_spelling": ("sama tunnus toisin kirjoitettuna", "the same id written differently"),
    "how_prefix": ("ainoa tunnus, joka alkaa näin", "the only id that starts so"),
    "how_name_profile": ("profiilin nimi", "the profile's name"),
    "how_name_item": ("osatoteutuksen nimi", "the functionality's name"),
    # unknown or ambiguous references
    "err.unknown_profile": ("tuntematon profiili '{ref}'.", "unknown profile '{ref}'."),
    "err.unknown_profile_known": ("tuntematon profiili '{ref}'. Taulukon profiilit ovat {known}.",
                                  "unknown profile '{ref}'. The table's profiles are {known}."),
    "err.unknown_profile_none": ("tuntematon profiili '{ref}': taulukossa ei ole profiileja.",
                                 "unknown profile '{ref}': the table has no profiles."),
    "err.ambiguous_profile": ("'{ref}' sopii useampaan profiiliin.", "'{ref}' fits more than one profile."),
    "err.unknown_item": ("{what}: tuntematon osatoteutus '{ref}'.", "{what}: unknown functionality '{ref}'."),
    "err.unknown_item_known": ("{what}: tuntematon osatoteutus '{ref}'. Taulukon osatoteutukset ovat {known}.",
                               "{what}: unknown functionality '{ref}'. The table's functionalities are {known}."),
    "err.unknown_item_nearest": ("{what}: tuntematon osatoteutus '{ref}'. Taulukossa on {count} osatoteutusta; "
                                 "lähimpänä ovat {known}.",
                                 "{what}: unknown functionality '{ref}'. The table has {count} functionalities; "
                                 "the nearest are {known}."),
    "err.unknown_item_none": ("{what}: tuntematon osatoteutus '{ref}': taulukossa ei ole osatoteutuksia.",
                              "{what}: unknown functionality '{ref}': the table has no functionalities."),
    "err.unknown_items": ("{what}: tuntemattomat osatoteutukset {refs}.", "{what}: unknown functionalities {refs}."),
    "err.unknown_items_known": ("{what}: tuntemattomat osatoteutukset {refs}. Taulukon osatoteutukset ovat {known}.",
                                "{what}: unknown functionalities {refs}. The table's functionalities are {known}."),
    "err.unknown_items_nearest": ("{what}: tuntemattomat osatoteutukset {refs}. Lähimpänä ovat {known}.",
                                  "{what}: unknown functionalities {refs}. The nearest are {known}."),
    "err.ambiguous_item": ("{what}: '{ref}' sopii useampaan osatoteutukseen.",
                           "{what}: '{ref}' fits more than one functionality."),
    "err.not_a_list": ("{what} odottaa luetteloa tunnuksista eikä yhtä tekstiä: kirjoita {what}={example}.",
                       "{what} takes a list of ids, not one text: write {what}={example}."),
    # a target that cannot be planned
    "err.already_deployed": ("{id} on jo käytössä.", "{id} is already in use."),
    "err.target_not_allowed": (("profiili {profile} ei salli osatoteutusta {id}; sen sallii profiili {others}.",
                                "profiili {profile} ei salli osatoteutusta {id}; sen sallivat profiilit {others}."),
                               ("profile {profile} does not allow {id}; profile {others} does.",
                                "profile {profile} does not allow {id}; profiles {others} do.")),
    "err.target_not_allowed_any": ("profiili {profile} ei salli osatoteutusta {id}, eikä sitä salli mikään muukaan "
                                   "profiili.",
                                   "profile {profile} does not allow {id}, and no other profile does either."),
    "err.target_excluded": (("{id} ei ole saavutettavissa profiililla {profile}: se edellyttää osatoteutusta "
                             "{items}, jota profiili ei salli.",
                             "{id} ei ole saavutettavissa profiililla {profile}: se edellyttää osatoteutuksia "
                             "{items}, joita profiili ei salli."),
                            ("{id} cannot be reached under profile {profile}: it needs {items}, which the profile "
                             "does not allow.",
                             "{id} cannot be reached under profile {profile}: it needs {items}, which the profile "
                             "does not allow.")),
    "err.target_cycle": ("{id} ei ole saavutettavissa profiililla {profile}: se on riippuvuussilmukassa tai sen "
                         "takana ({items}).",
                         "{id} cannot be reached under profile {profile}: it is in or behind a dependency cycle "
                         "({items})."),
    "err.group_cycle": ("asiakirjaryhmät odottavat toisiaan: {path}", "the document groups wait for each other: {path}"),
    # arguments of the answers and the plan
    "err.unrank_range": ("--unrank: sijan on oltava väliltä 0–{last}, ei {value}.",
                         "--unrank takes a position from 0 to {last}, not {value}."),
    "err.empty_order": ("tarkistettava järjestys on tyhjä.", "the order to check is empty."),
    "err.unknown_level": ("tuntematon taso '{level}': taso on items tai groups.",
                          "unknown level '{level}': the level is items or groups."),
    "err.capacity": ("jaksoon mahtuvia laajennuksia on oltava vähintään 1, ei {value}.",
                     "the extensions per period must be 1 or more, not {value}."),
    "err.period_names_repeat": (("nimi {names} on annettu useammalle kuin yhdelle käyttöönottojaksolle",
                                 "nimet {names} on annettu kukin useammalle kuin yhdelle käyttöönottojaksolle"),
                                ("the name {names} is given to more than one deployment period",
                                 "the names {names} are each given to more than one deployment period")),
    "err.plan_budget": ("optimaalista suunnitelmaa ei voitu todistaa {budget} työyksikön rajassa (paras löydetty: "
                        "{placed}/{total} osatoteutusta {used} jaksossa; alaraja {lower} jaksoa).",
                        "no plan proven optimal within the budget of {budget} work units (best found: {placed} of "
                        "{total} functionalities in {used} periods; lower bound {lower} periods)."),
    # why a go-live day is what it is (analyser.planning.dating.REASONS)
    "golive.target": ("tavoitepäivä", "the target date"),
    "golive.business-day": ("tavoitepäivä {target} ei ole arkipäivä; seuraava arkipäivä",
                            "the target date {target} is not a business day; the next business day"),
    "golive.available-from": ("{id} on saatavilla vasta {available_from} alkaen; ensimmäinen arkipäivä siitä "
                              "alkaen jaksolla {period}",
                              "{id} is available only from {available_from}; the first business day from then, in "
                              "period {period}"),
    "golive.past": ("tavoitepäivä {target} on jo mennyt; aikaisin mahdollinen päivä jaksolla {period}",
                    "the target date {target} has passed; the earliest possible day, in period {period}"),
    "golive.registration-closed": ("jakson {closed} ilmoittautuminen päättyi {deadline}; seuraava avoin jakso on "
                                   "{period}",
                                   "registration for period {closed} closed on {deadline}; the next open period is "
                                   "{period}"),
    "golive.outside-periods": ("tavoitepäivä ei osu sille avoimelle jaksolle; seuraavan jakson {period} "
                               "ensimmäinen arkipäivä",
                               "the target date is in no period open to it; the first business day of the next "
                               "one, {period}"),
    "golive.no-target": ("ei tavoitepäivää; aikaisin mahdollinen päivä", "no target date; the earliest possible day"),
    "golive.no-period": ("mikään tunnettu käyttöönottojakso ei ota sitä vastaan, joten päivää ei ole",
                         "no known deployment period takes it, so there is no day"),
    # findings of an organisation's situation
    "finding.deployed-not-allowed": ("{id} on käytössä, vaikka profiili {profile} ei salli sitä",
                                     "{id} is in use although profile {profile} does not allow it"),
    "finding.deployed-prerequisite-missing": (
        ("{id} on käytössä, mutta sen edellytys {missing} ei ole käytössä",
         "{id} on käytössä, mutta sen edellytykset {missing} eivät ole käytössä"),
        ("{id} is in use but its prerequisite {missing} is not in use",
         "{id} is in use but its prerequisites {missing} are not in use")),
}
