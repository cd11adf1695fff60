"""Error lines by key (``err.<key>``), Finnish and English: what the tool says when work cannot go on."""

WORDS: dict[str, tuple] = {
    "err.error": ("virhe", "error"),
    "err.did_you_mean": (("Tarkoititko {items}?", "Tarkoititko jotakin näistä: {items}?"),
                     ("Did you mean {items}?", "Did you mean one of these: {items}?")),
    "err.unknown_command": ("tuntematon komento '{name}'", "unknown command '{name}'"),
    "err.cycle": ("riippuvuussilmukka: {path}", "dependency cycle: {path}"),
    "err.budget": ("liian laaja laskettavaksi: osalla, jonka leveys on {width}, voi olla jopa {bound} alajoukkoa, "
               "enemmän kuin sallitut {budget}",
               "out of reach: a part of width {width} may have up to {bound} downsets, more than the budget of "
               "{budget}"),
    "err.bad_date": ("'{value}' ei ole päivämäärä (esim. 1.3.2027 tai 2027-03-01)",
                 "'{value}' is not a date (for example 2027-03-01 or 1.3.2027)"),
    # the command line (cli/): its own checks of the arguments
    "err.date_option": ("{option} odottaa päivämäärää (31.1.2027 tai 2027-01-31), ei '{value}'",
                        "{option} takes a date (2027-01-31 or 31.1.2027), not '{value}'"),
    "err.count_option": ("{option} odottaa järjestysten määrää, 0 tai enemmän",
                         "{option} takes a number of orders, 0 or more"),
    "err.per_period": ("{option} odottaa laajennusten määrää, vähintään 1",
                       "{option} takes a number of extensions, 1 or more"),
    "err.budget_option": ("{option} odottaa laskennan tilojen määrää, 0 tai enemmän",
                          "{option} takes a number of counting states, 0 or more"),
    "err.empty_option": ("{option}: järjestys on tyhjä", "{option}: the order is empty"),
    "err.kind_needs_profile": ("plot {kind} tarvitsee valitsimen --profile", "plot {kind} needs --profile"),
    "err.all_needs_profile": ("--all käy vain yhdessä valitsimen --profile kanssa", "--all goes with --profile"),
    "err.rank_not_remaining": ((
        "--rank: {items} ei ole vielä käyttöön otettavien joukossa",
        "--rank: {items} eivät ole vielä käyttöön otettavien joukossa"), (
        "--rank: {items} is not among the items still to deploy",
        "--rank: {items} are not among the items still to deploy")),
    "err.rank_repeated": ("--rank: {id} on järjestyksessä kahdesti", "--rank: {id} appears twice in the order"),
    "err.rank_too_early": ((
        "--rank: {id} on järjestyksessä ennen edellytystään {missing}",
        "--rank: {id} on järjestyksessä ennen edellytyksiään {missing}"), (
        "--rank: {id} comes before {missing}, which it requires",
        "--rank: {id} comes before {missing}, which it requires")),
    "err.rank_incomplete": ((
        "--rank: järjestyksestä puuttuu {n} vielä käyttöön otettava: {items}",
        "--rank: järjestyksestä puuttuu {n} vielä käyttöön otettavaa: {items}"), (
        "--rank: the order leaves out {n} item still to deploy: {items}",
        "--rank: the order leaves out {n} items still to deploy: {items}")),
    "err.rank_not_order": ("--rank: anna kokonainen sallittu järjestys vielä käyttöön otettavista",
                           "--rank: give a whole allowed order of the items still to deploy"),
    # the command line: what stops a run
    "err.try_budget": ("{message}; kokeile valitsinta --budget tai rajatumpaa kysymystä",
                       "{message}; try --budget or a smaller question"),
    "err.interrupted": ("keskeytetty", "interrupted"),
    "err.internal": ("sisäinen virhe: {error} (yksityiskohdat näkyvät, kun ANALYSER_DEBUG=1)",
                     "internal error: {error} (set ANALYSER_DEBUG=1 for details)"),
    # an operating-system error that no part of the tool turned into words: the file and the reason
    "err.os_file": ("tiedostoa tai kansiota {file} ei voi käyttää: {reason}", "cannot use {file}: {reason}"),
    "err.os": ("käyttöjärjestelmän virhe: {reason}", "system error: {reason}"),
    "err.os.ENOENT": ("sitä ei ole", "there is no such file or folder"),
    "err.os.EACCES": ("käyttöoikeus puuttuu", "permission denied"),
    "err.os.EPERM": ("toiminto ei ole sallittu", "operation not permitted"),
    "err.os.EISDIR": ("se on kansio eikä tiedosto", "it is a folder, not a file"),
    "err.os.ENOTDIR": ("jokin polun osa ei ole kansio", "a part of the path is not a folder"),
    "err.os.EEXIST": ("se on jo olemassa", "it already exists"),
    "err.os.ENOSPC": ("levy on täynnä", "no space left on the device"),
    "err.os.EDQUOT": ("levytilan kiintiö on täynnä", "the disk quota is full"),
    "err.os.EROFS": ("tiedostojärjestelmään ei voi kirjoittaa", "the file system is read-only"),
    "err.os.ENAMETOOLONG": ("nimi on liian pitkä", "the name is too long"),
    "err.os.EMFILE": ("avoimia tiedostoja on liikaa", "too many open files"),
    "err.os.EBUSY": ("se on toisen ohjelman käytössä", "it is in use by another program"),
}
