"""The readers' words: finding messages by code (``finding.<code>``, or ``finding.<code>/<variant>`` where one
code has several) and the errors of reading (``err.``), Finnish and English.

The placeholders are the finding's params; place names are the workbook's own headers. A message says
what is wrong and, where it matters, what the reader did about it; the file, sheet and cell come before it
on the line, so a message does not repeat them.
"""

# Texts said both as an error (decode_text raises them) and as the finding of the file that holds them.
_BOM = ("tiedosto alkaa UTF-16- tai UTF-32-tavujärjestysmerkillä, mutta sen jälkeinen teksti on rikki "
        "(tavu {start}: {reason})",
        "the file has a UTF-16/32 byte-order mark but broken text after it ({reason} at byte {start})")
_TWICE = ("tiedoston UTF-8-teksti on koodattu kahdesti (esim. 'Ã¤' eikä 'ä'), eikä sitä voi korjata; "
          "tallenna tiedosto uudelleen UTF-8-muotoisena CSV:nä",
          "the file holds UTF-8 text that was encoded twice (like 'Ã¤' for 'ä') and cannot be repaired; "
          "export it again as UTF-8 CSV")
_NOT_TEXT = ("tiedosto ei ole UTF-8- eikä Windows-1252/Latin-1-tekstiä (tavu {byte} kohdassa {offset}); "
             "tallenna se UTF-8-muotoisena CSV:nä",
             "the file is neither UTF-8 nor Windows-1252/Latin-1 text (byte {byte} at offset {offset}); "
             "save it as UTF-8 CSV")
_DOS_MAC = ("tiedosto näyttää DOS- tai Mac-tekstiltä ('{sample}' Windows-1252-merkistönä luettuna) eikä ole "
            "UTF-8- eikä Windows-1252-tekstiä; tallenna se UTF-8-muotoisena CSV:nä",
            "the file looks like DOS or Mac text ('{sample}' read as Windows-1252), not UTF-8 or Windows-1252; "
            "save it as UTF-8 CSV")

_FILE_TYPES_FI = "käytä muotoa .xlsx, .xlsm, .xls, .ods tai .csv tai kansiota, jossa on .csv-tiedostoja"
_FILE_TYPES_EN = "use .xlsx, .xlsm, .xls, .ods, .csv or a folder of .csv files"
_NOT_NEEDED_FI = "enemmän kuin suunnittelun työkirja koskaan tarvitsee; sitä ei luettu"
_NOT_NEEDED_EN = "more than a planning workbook ever needs; it was not read"
_SPELLING_FI = "ero vain kirjainkoossa, välilyönneissä tai Unicode-muodossa"
_SPELLING_EN = "it differs only in case, spaces or Unicode form"


def _missing(fi: str, en: str) -> tuple[str, str]:
    """The message of a table whose header lacks required columns: what is missing, then what was found."""
    return (f"välilehdeltä puuttuu {fi}; löydetyt sarakkeet: {{found}}",
            f"the sheet has {en}; columns found: {{found}}")


WORDS: dict[str, tuple] = {
    "severity.info": ("huomio", "note"),
    # the caps' notes
    "finding.more": (("{n} muu samanlainen havainto solussa", "{n} muuta samanlaista havaintoa solussa"),
             ("{n} more finding like this in the cell", "{n} more findings like this in the cell")),

    # -- files that cannot be read at all ------------------------------------------------------
    "finding.file-not-found": ("tiedostoa tai kansiota ei ole", "no such file or folder"),
    "finding.unreadable-file": ("tiedostoa ei voi avata: {reason}", "the file cannot be opened: {reason}"),
    "finding.unreadable-file/not-a-file": ("tämä ei ole tavallinen tiedosto", "not a regular file"),
    "finding.unreadable-file/denied": ("tiedostoa ei voi lukea: käyttöoikeus puuttuu",
                                       "the file cannot be read: permission denied"),
    "finding.unreadable-file/broken-link": ("tiedosto on linkki, jonka kohdetta ei ole",
                                            "the file is a link whose target does not exist"),
    "finding.unreadable-file/link-loop": ("tiedosto on linkki, joka kiertää kehää eikä johda mihinkään tiedostoon",
                                          "the file is a link that loops and leads to no file"),
    "finding.empty-file": ("tiedosto on tyhjä", "the file is empty"),
    "finding.empty-folder": ("kansiossa ei ole yhtään .csv-tiedostoa", "the folder holds no .csv files"),
    "finding.not-a-workbook/text-file": ("tiedoston pääte on {suffix}, mutta se on tekstitiedosto eikä työkirja",
                                         "the file is named {suffix} but is a text file, not a workbook"),
    "finding.not-a-workbook/html": ("tiedoston pääte on {suffix}, mutta se on HTML-sivu eikä työkirja",
                                    "the file is named {suffix} but is an HTML page, not a workbook"),
    "finding.not-a-workbook/other": ("tiedoston pääte on {suffix}, mutta se ei ole taulukkotiedosto",
                                     "the file is named {suffix} but is not a spreadsheet"),
    "finding.not-a-workbook/zip": ("tiedosto on zip-paketti mutta ei työkirja (.xlsx tai .ods)",
                                   "the file is a zip archive but not a workbook (.xlsx or .ods)"),
    "finding.not-a-workbook/ods": ("tiedosto ei ole OpenDocument-laskentataulukko (content.xml puuttuu)",
                                   "the file is not an OpenDocument spreadsheet (content.xml is missing)"),
    "finding.unsupported-file-type": (f"tiedostotyyppiä {{suffix}} ei tueta; {_FILE_TYPES_FI}",
                                      f"unsupported file type {{suffix}}; {_FILE_TYPES_EN}"),
    "finding.unsupported-file-type/no-suffix": (f"tiedostonimessä ei ole päätettä, joka kertoisi tyypin; "
                                                f"{_FILE_TYPES_FI}",
                                                f"the file name has no suffix that tells its type; {_FILE_TYPES_EN}"),
    "finding.unsupported-file-type/xlsb": ("tiedosto on binäärimuotoinen .xlsb-työkirja; tallenna se .xlsx-muodossa",
                                           "the file is an .xlsb binary workbook; save it as .xlsx"),
    "finding.corrupt-file/damaged": ("tiedosto on vioittunut, eikä sitä voitu lukea ({detail})",
                                     "the file is damaged and could not be read ({detail})"),
    "finding.corrupt-file/too-deep": ("tiedoston rakenne on liian monta tasoa sisäkkäin, eikä sitä voitu lukea",
                                      "the file is nested too deeply to be read"),
    "finding.corrupt-file/zip": ("tiedosto on vioittunut tai katkennut zip-tiedosto eikä luettava työkirja",
                                 "the file is a damaged or truncated zip file, not a readable workbook"),
    "finding.corrupt-file/xml": ("tiedoston XML on virheellistä ({detail}, rivi {line})",
                                 "the file has malformed XML ({detail}, line {line})"),
    "finding.corrupt-file/missing-part": ("työkirjasta puuttuu välilehden '{sheet}' osa {part}",
                                          "the workbook is missing the part {part} of the sheet '{sheet}'"),
    "finding.corrupt-file/not-excel": ("tiedosto ei ole luettava Excel-työkirja",
                                       "the file is not a readable Excel workbook"),
    "finding.corrupt-file/excel-part": ("tiedostosta puuttuu Excel-työkirjan osa ({detail})",
                                        "the file is missing a part of an Excel workbook ({detail})"),
    "finding.corrupt-file/not-xls": ("tiedosto ei ole luettava .xls-työkirja ({detail})",
                                     "the file is not a readable .xls workbook ({detail})"),
    "finding.corrupt-file/csv": ("tiedosto ei ole kelvollista CSV:tä ({detail})", "the file is not valid CSV ({detail})"),
    "finding.encrypted-file": ("tiedosto on suojattu salasanalla; tallenna siitä suojaamaton kopio",
                               "the file is password-protected (encrypted); save an unprotected copy"),
    "finding.encrypted-file/member": ("tiedoston osa {member} on salattu; tallenna tiedostosta suojaamaton kopio",
                                      "the member {member} is encrypted; save an unprotected copy"),
    "finding.file-too-large/bytes": ("tiedoston koko on {size} tavua, enemmän kuin enimmäiskoko {limit} tavua",
                                     "the file is {size} bytes, more than the limit of {limit}"),
    "finding.file-too-large/memory": ("tiedosto on liian suuri luettavaksi", "the file is too large to read"),
    "finding.file-too-large/cells": (f"tiedostossa on yli {{limit}} solua, {_NOT_NEEDED_FI}",
                                     f"the file holds more than {{limit}} cells, {_NOT_NEEDED_EN}"),
    "finding.file-too-large/rows": (f"tiedostossa on yli {{limit}} riviä, {_NOT_NEEDED_FI}",
                                    f"the file holds more than {{limit}} rows, {_NOT_NEEDED_EN}"),
    "finding.file-too-large/shared-strings": (f"tiedostossa on yli {{limit}} jaettua merkkijonoa, {_NOT_NEEDED_FI}",
                                              f"the file holds more than {{limit}} shared strings, {_NOT_NEEDED_EN}"),
    "finding.file-too-large/xml-elements": (f"tiedoston osassa {{part}} on yli {{limit}} XML-elementtiä, "
                                            f"{_NOT_NEEDED_FI}",
                                            f"the part {{part}} holds more than {{limit}} XML elements, "
                                            f"{_NOT_NEEDED_EN}"),
    "finding.file-too-large/stored-cells": ("tiedostoon on tallennettu yli {limit} solua (muotoillut tyhjät solut "
                                            "mukaan lukien)",
                                            "the file stores more than {limit} cells (blank formatted cells "
                                            "included)"),
    "finding.file-too-large/merges": ("työkirjassa on yhdistettyjä soluja {area}, enemmän kuin enimmäismäärä {limit}",
                                      "the workbook merges {area} cells, more than the limit of {limit}"),
    "finding.file-too-large/content": ("tiedoston content.xml on liian suuri", "the file's content.xml is too large"),
    "finding.file-too-large/organisations-cells": (
        "tiedostossa on yli {limit} solua, enemmän kuin organisaatiotiedostossa saa olla (200 000 organisaatiota, "
        "kullakin enintään kymmenen saraketta); sitä ei luettu",
        "the file holds more than {limit} cells, the limit of an organisations file (200,000 organisations of up to "
        "ten columns); it was not read"),
    "finding.file-too-large/organisations-rows": (
        "tiedostossa on yli {limit} riviä ja solua, enemmän kuin organisaatiotiedostossa saa olla; sitä ei luettu",
        "the file holds more than {limit} rows and cells, the limit of an organisations file; it was not read"),
    "finding.file-too-large/organisations-shared-strings": (
        "tiedostossa on yli {limit} jaettua merkkijonoa, enemmän kuin organisaatiotiedostossa saa olla; sitä ei "
        "luettu",
        "the file holds more than {limit} shared strings, the limit of an organisations file; it was not read"),
    "finding.zip-bomb/directory": ("tiedoston sisällysluettelossa on {entries} tiedostoa ({size} tavua), enemmän "
                                   "kuin työkirja koskaan tarvitsee",
                                   "the file lists {entries} files in a {size}-byte table of contents, more than "
                                   "a workbook ever needs"),
    "finding.zip-bomb/members": ("tiedostossa on {n} osaa, enemmän kuin työkirja koskaan tarvitsee",
                                 "the file holds {n} files, more than a workbook ever needs"),
    "finding.zip-bomb/ratio": ("tiedoston osa {member} purkautuisi {ratio}-kertaiseksi, {size} tavuun (zip-pommi?)",
                               "the member {member} would expand {ratio}-fold to {size} bytes (zip bomb?)"),
    "finding.zip-bomb/total": ("tiedosto purkautuisi {size} tavuun, enemmän kuin enimmäismäärä {limit}",
                               "the file would expand to {size} bytes, more than the limit of {limit}"),
    "finding.unsafe-zip": ("tiedoston osa {member} on pakattu menetelmällä {method}, jota mikään taulukko-ohjelma "
                           "ei käytä; sitä ei luettu",
                           "the member {member} uses compression method {method}, which no spreadsheet program "
                           "writes; it was not read"),
    "finding.unsafe-xml": ("tiedostossa on vaarallista XML:ää ({detail}), eikä sitä luettu",
                           "the file contains unsafe XML ({detail}) and was not read"),
    "finding.unsafe-xml/dtd": ("tiedostossa on vaarallista XML:ää (DTD tai entiteetin määrittely: {detail}), eikä "
                               "sitä luettu",
                               "the file contains unsafe XML (a DTD or entity declaration: {detail}) and was not "
                               "read"),
    "finding.csv-encoding/bom": _BOM,
    "finding.csv-encoding/double-encoded": _TWICE,
    "finding.csv-encoding/undecodable": _NOT_TEXT,
    "finding.csv-encoding/dos-mac": _DOS_MAC,
    "finding.csv-encoding/cp1252": ("tiedosto ei ole UTF-8-muotoinen; se luettiin Windows-1252-merkistönä (Latin-1)",
                                    "the file is not UTF-8; it was read as Windows-1252 (Latin-1)"),
    "finding.csv-encoding/repaired": ("tiedoston UTF-8-teksti oli koodattu kahdesti ('Ã¤' eikä 'ä'); se korjattiin",
                                      "the file's UTF-8 text had been encoded twice ('Ã¤' for 'ä'); it was "
                                      "repaired"),
    "finding.duplicate-sheet": ("välilehden nimi '{duplicate}' on sama kuin aiemman välilehden '{first}' "
                                "(kirjainkoosta, välilyönneistä ja välimerkeistä riippumatta); vain ensimmäinen "
                                "luettiin",
                                "the sheet name '{duplicate}' is the same as that of the earlier sheet '{first}' "
                                "(ignoring case, spaces and punctuation); only the first was read"),
    "finding.duplicate-sheet/csv": ("tiedostoista {first} ja {name} tulee sama välilehden nimi '{duplicate}' "
                                    "(kirjainkoosta, välilyönneistä ja välimerkeistä riippumatta); vain {first} "
                                    "luettiin",
                                    "the files {first} and {name} give the same sheet name '{duplicate}' (ignoring "
                                    "case, spaces and punctuation); only {first} was read"),
    "finding.missing-sheet": ("työkirjassa ei ole välilehteä '{sheet}'; välilehdet: {sheets}",
                              "the workbook has no sheet named '{sheet}'; its sheets: {sheets}"),
    "err.csv_bom": _BOM,
    "err.csv_double_encoded": _TWICE,
    "err.csv_undecodable": _NOT_TEXT,
    "err.csv_dos_mac": _DOS_MAC,

    # -- cells and sheets --------------------------------------------------------------------
    "finding.personal-data": (
        ("solussa on henkilötunnus ({codes}); suunnittelutiedostoissa ei saa olla henkilötietoja. Tunnus "
         "peitettiin, eikä sitä kopioida mihinkään tulosteeseen",
         "solussa on henkilötunnuksia ({codes}); suunnittelutiedostoissa ei saa olla henkilötietoja. Tunnukset "
         "peitettiin, eikä niitä kopioida mihinkään tulosteeseen"),
        ("the cell holds a Finnish personal identity code ({codes}); planning files must not hold personal data. "
         "It was masked and is not copied into any output",
         "the cell holds Finnish personal identity codes ({codes}); planning files must not hold personal data. "
         "They were masked and are not copied into any output")),
    "finding.personal-data/sheet-name": (
        ("välilehden nimessä on henkilötunnus ({codes}); se peitettiin",
         "välilehden nimessä on henkilötunnuksia ({codes}); ne peitettiin"),
        ("the sheet name holds a personal identity code ({codes}); it was masked",
         "the sheet name holds personal identity codes ({codes}); they were masked")),
    "finding.personal-data/more-in-sheet": (
        ("välilehdellä on henkilötunnus vielä {n} muussa solussa",
         "välilehdellä on henkilötunnuksia vielä {n} muussa solussa"),
        ("{n} more cell in the sheet holds a personal identity code",
         "{n} more cells in the sheet hold personal identity codes")),
    "finding.cell-error": ("solussa on taulukko-ohjelman virhearvo {error}; se luettiin tyhjänä",
                           "the cell holds the spreadsheet error {error}; it was read as blank"),
    "finding.formula-without-value": ("solussa on kaava ilman tallennettua tulosta; kaavoja ei lasketa, joten solu "
                                      "luettiin tyhjänä (avaa ja tallenna tiedosto taulukko-ohjelmassa tai liitä "
                                      "kaavojen tilalle arvot)",
                                      "the cell holds a formula but no saved result; formulas are never calculated "
                                      "here, so it was read as blank (open and save the file in a spreadsheet "
                                      "program, or paste the values)"),
    "finding.formula-without-value/more-in-sheet": (
        ("välilehdellä on kaava ilman tallennettua tulosta vielä {n} muussa solussa; nekin luettiin tyhjinä",
         "välilehdellä on kaava ilman tallennettua tulosta vielä {n} muussa solussa; nekin luettiin tyhjinä"),
        ("{n} more cell in the sheet holds a formula but no saved result; it was read as blank too",
         "{n} more cells in the sheet hold a formula but no saved result; they were read as blank too")),
    "finding.long-cell": ("solussa on {chars} merkkiä; vain ensimmäiset {limit} luettiin",
                          "the cell holds {chars} characters; only the first {limit} were read"),
    "finding.long-cell/row": ("rivi ulottuu sarakkeeseen {n}, mutta laskentataulukossa on enintään {limit} saraketta; "
                              "niiden jälkeisiä soluja ei luettu",
                              "the row reaches column {n}, but a spreadsheet has at most {limit} columns; the cells "
                              "past them were not read"),
    "finding.long-cell/more-in-sheet": (
        ("välilehdellä on liian pitkä teksti vielä {n} muussa solussa",
         "välilehdellä on liian pitkä teksti vielä {n} muussa solussa"),
        ("{n} more cell in the sheet holds text that was cut", "{n} more cells in the sheet hold text that was cut")),
    "finding.nul-bytes": ("solussa oli NUL-merkkejä; ne poistettiin", "the cell held NUL bytes; they were removed"),
    "finding.nul-bytes/file": ("tiedostossa oli NUL-merkkejä; ne poistettiin",
                               "the file held NUL bytes; they were removed"),
    "finding.nul-bytes/more-in-sheet": (
        ("välilehdellä oli NUL-merkkejä vielä {n} muussa solussa",
         "välilehdellä oli NUL-merkkejä vielä {n} muussa solussa"),
        ("{n} more cell in the sheet held NUL bytes", "{n} more cells in the sheet held NUL bytes")),
    "finding.merged-range-too-large": (
        ("yhdistetty alue {range} kopioisi arvonsa {n} soluun; vain sen ensimmäinen solu luettiin",
         "yhdistetty alue {range} kopioisi arvonsa {n} soluun; vain sen ensimmäinen solu luettiin"),
        ("the merged range {range} would copy its value over {n} cell; only its first cell was read",
         "the merged range {range} would copy its value over {n} cells; only its first cell was read")),
    "finding.merged-range-too-large/sheet": ("välilehdellä on yhdistettyjä soluja {area} (suurin alue {range}), "
                                             "enemmän kuin mikään taulukko tarvitsee; yhdistämiset ohitettiin ja "
                                             "jokainen solu luettiin sellaisenaan",
                                             "the sheet merges {area} cells (largest {range}), more than any table "
                                             "needs; its merges were ignored and each cell read as it is"),
    "finding.merged-range-too-large/more-in-sheet": (
        ("välilehdellä on vielä {n} liian suuri yhdistetty alue",
         "välilehdellä on vielä {n} liian suurta yhdistettyä aluetta"),
        ("{n} more merged range in the sheet is too large", "{n} more merged ranges in the sheet are too large")),
    "finding.hidden-sheet/items": ("osatoteutusten välilehti on piilotettu; se luettiin silti",
                                   "the item sheet is hidden; it was read"),
    "finding.hidden-sheet/profiles": ("profiilien välilehti on piilotettu; se luettiin silti",
                                      "the profile sheet is hidden; it was read"),
    "finding.hidden-sheet/matrix": ("riippuvuusmatriisin välilehti on piilotettu; se luettiin silti",
                                    "the dependency matrix sheet is hidden; it was read"),
    "finding.hidden-sheet/tasks": ("tehtävien välilehti on piilotettu; se luettiin silti",
                                   "the task sheet is hidden; it was read"),
    "finding.hidden-sheet/periods": ("käyttöönottojaksojen välilehti on piilotettu; se luettiin silti",
                                     "the deployment period sheet is hidden; it was read"),
    "finding.hidden-row/item": ("osatoteutuksen '{id}' rivi on piilotettu; se luettiin silti",
                                "the row of the item '{id}' is hidden; it was read"),
    "finding.hidden-row/task": ("tehtävän '{id}' rivi on piilotettu; se luettiin silti",
                                "the row of the task '{id}' is hidden; it was read"),

    # -- tables ------------------------------------------------------------------------------
    "finding.ignored-block": (
        ("taulukko päättyy yllä olevaan tyhjään riviin: tästä alkava selite- tai huomautusosa ('{text}', {n} rivi) "
         "ei ole taulukon rivejä, eikä sitä luettu",
         "taulukko päättyy yllä olevaan tyhjään riviin: tästä alkava selite- tai huomautusosa ('{text}', {n} riviä) "
         "ei ole taulukon rivejä, eikä sitä luettu"),
        ("the table ends at the blank row above: the legend or notes block starting here ('{text}', {n} row) is "
         "not read as rows of the table",
         "the table ends at the blank row above: the legend or notes block starting here ('{text}', {n} rows) is "
         "not read as rows of the table")),
    "finding.empty-table/items": ("välilehdellä on otsikkorivi mutta ei yhtään osatoteutusta",
                                  "the sheet has a header but no items"),
    "finding.empty-table/no-data": ("työkirjassa ei ole tietoja", "the workbook holds no data"),
    "finding.empty-table/no-tasks": ("työkirjassa ei ole tehtäviä", "the workbook holds no tasks"),
    "finding.missing-column/items-id": _missing("osatoteutusten tunnussarake (esim. Tunnus)",
                                                "no id column for the items (such as Tunnus or ID)"),
    "finding.missing-column/items-name": _missing("osatoteutusten nimisarake (esim. Osatoteutus tai Nimi)",
                                                  "no name column for the items (such as Osatoteutus or Name)"),
    "finding.missing-column/items-id-name": (
        "välilehdeltä puuttuvat osatoteutusten tunnus- ja nimisarake (esim. Tunnus ja Osatoteutus); "
        "löydetyt sarakkeet: {found}",
        "the sheet has neither an id column nor a name column for the items (such as Tunnus and Osatoteutus); "
        "columns found: {found}"),
    "finding.missing-column/items": (
        "välilehdellä on tunnus ja nimi mutta ei muita osatoteutusten taulukon sarakkeita (esim. Edellyttää, "
        "Palvelu tai Asiakirjaryhmä), joten sitä ei tunnistettu osatoteutusten taulukoksi; löydetyt sarakkeet: "
        "{found}",
        "the sheet has an id and a name but no other column of the item table (such as Edellyttää, Palvelu or "
        "Asiakirjaryhmä), so it was not taken for the item table; columns found: {found}"),
    "finding.missing-column/profiles-id": _missing("profiilien tunnussarake (esim. Tunnus tai Profiili)",
                                                   "no id column for the profiles (such as Tunnus or Profile)"),
    "finding.missing-column/tasks-id": _missing("tehtävien numerosarake (esim. Nro)",
                                                "no number column for the tasks (such as Nro or No)"),
    "finding.missing-column/tasks-task": _missing("tehtäväsarake (esim. Tehtävä)",
                                                  "no task column (such as Tehtävä or Task)"),
    "finding.missing-column/tasks-id-task": (
        "välilehdeltä puuttuvat tehtävien numero- ja tehtäväsarake (esim. Nro ja Tehtävä); löydetyt sarakkeet: {found}",
        "the sheet has neither a number column nor a task column (such as Nro and Tehtävä); columns found: {found}"),
    "finding.missing-column/periods-name": _missing("käyttöönottojaksojen nimisarake (esim. Jakso)",
                                                    "no name column for the deployment periods (such as Jakso or "
                                                    "Period)"),
    "finding.missing-column/periods-start": _missing("käyttöönottojaksojen alkupäiväsarake (esim. Alkaa)",
                                                     "no start date column for the deployment periods (such as "
                                                     "Alkaa or Start)"),
    "finding.missing-column/periods-name-start": (
        "välilehdeltä puuttuvat käyttöönottojaksojen nimi- ja alkupäiväsarake (esim. Jakso ja Alkaa); löydetyt "
        "sarakkeet: {found}",
        "the sheet has neither a name column nor a start date column for the deployment periods (such as Jakso "
        "and Alkaa); columns found: {found}"),
    "finding.missing-column/organisations-organisation": _missing(
        "organisaatiosarake (esim. Organisaatio)", "no organisation column (such as Organisaatio or Organisation)"),
    "finding.missing-column/organisations-profile": _missing(
        "profiilisarake (esim. Tietojärjestelmäprofiili)",
        "no profile column (such as Tietojärjestelmäprofiili or Profile)"),
    "finding.missing-column/organisations-organisation-profile": (
        "välilehdeltä puuttuvat organisaatio- ja profiilisarake (esim. Organisaatio ja Tietojärjestelmäprofiili); "
        "löydetyt sarakkeet: {found}",
        "the sheet has neither an organisation column nor a profile column (such as Organisaatio and "
        "Tietojärjestelmäprofiili); columns found: {found}"),
    "finding.missing-column/profile-name": ("profiilien otsikon alla olevalta sarakkeelta puuttuu profiilin nimi",
                                            "a profile column under the profile header has no profile name"),
    "finding.missing-column/requires": ("taulukossa ei ole edellytyssaraketta (esim. Edellyttää) eikä "
                                        "riippuvuusmatriisia; mikään osatoteutus ei edellytä toista",
                                        "the table has no requires column (such as Edellyttää) and no dependency "
                                        "matrix; no item requires another"),
    "finding.missing-column/matrix": ("riippuvuusmatriisissa ei ole otsikkoriviä, jossa olisi osatoteutusten "
                                      "tunnuksia tai nimiä",
                                      "the dependency matrix has no header row of item ids or names"),
    "finding.duplicate-column": ("sarake '{column}' on toinen sarake samalle tiedolle kuin '{first_column}' "
                                 "({first}); vain ensimmäinen luetaan",
                                 "the column '{column}' is a second column for the same field as "
                                 "'{first_column}' ({first}); only the first is read"),
    "finding.duplicate-column/profile": ("toinen sarake profiilille '{profile}'; vain ensimmäinen ({first}) luetaan",
                                         "a second column for the profile '{profile}'; only the first ({first}) "
                                         "is read"),
    "finding.unknown-profile/column": ("profiilisarake '{column}' ei ole minkään profiilivälilehden profiilin "
                                       "tunnus eikä nimi",
                                       "the profile column '{column}' names no profile of the profile sheet"),
    "finding.unknown-column": ("sarake '{column}' ei ole tunnettu tieto eikä profiili; se ohitettiin",
                               "the column '{column}' is no known field or profile; it was ignored"),
    "finding.missing-id/item": ("osatoteutukselta '{name}' puuttuu tunnus; rivi ohitettiin",
                                "the item '{name}' has no id; the row was skipped"),
    "finding.missing-id/profile": ("profiililta '{name}' puuttuu tunnus; rivi ohitettiin",
                                   "the profile '{name}' has no id; the row was skipped"),
    "finding.missing-id/task": ("tehtävältä '{task}' puuttuu numero; rivi ohitettiin",
                                "the task '{task}' has no number; the row was skipped"),
    "finding.missing-value/item-name": ("osatoteutukselta '{id}' puuttuu nimi; nimenä käytetään tunnusta",
                                        "the item '{id}' has no name; its id is used as the name"),
    "finding.missing-value/period-start": ("käyttöönottojaksolta '{period}' puuttuu alkupäivä; jakso ohitettiin",
                                           "the deployment period '{period}' has no start date; it was skipped"),
    "finding.duplicate-id": ("tunnus '{id}' on annettu uudelleen (ensin solussa {first})",
                     "the id '{id}' is given again (first in {first})"),
    "finding.duplicate-id/skipped": ("tunnus '{id}' on jo annettu solussa {first}; tämä rivi ohitettiin",
                                     "the id '{id}' was already given in {first}; this row was skipped"),
    "finding.duplicate-profile": ("profiilin tunnus '{id}' on jo annettu solussa {first}; tämä rivi ohitettiin",
                                  "the profile id '{id}' was already given in {first}; this row was skipped"),
    "finding.id-spelling": (f"'{{written}}' luettiin tunnukseksi '{{id}}' ({_SPELLING_FI})",
                            f"'{{written}}' was read as the id '{{id}}' ({_SPELLING_EN})"),
    "finding.id-spelling/task": (f"'{{written}}' luettiin tehtäväksi '{{id}}' ({_SPELLING_FI})",
                                 f"'{{written}}' was read as the task '{{id}}' ({_SPELLING_EN})"),
    "finding.unknown-value/test": ("'{value}' ei ole mikään arvoista kyllä, ei ja tarvittaessa",
                                   "'{value}' is not yes, no or if needed (tarvittaessa)"),
    "finding.unknown-value/yes-no": ("'{value}' ei ole kyllä eikä ei", "'{value}' is neither yes nor no"),
    "finding.unknown-mark/profile": ("profiilin '{profile}' merkintä '{mark}' ei ole tunnettu (X, osittain tai "
                                     "tyhjä); se luettiin: ei sallittu",
                                     "the mark '{mark}' for the profile '{profile}' is not known (X, osittain or "
                                     "blank); it was read as not allowed"),
    "finding.unknown-mark/matrix": ("'{mark}' ei ole riippuvuusmatriisin merkintä (X tai tyhjä); solu ohitettiin",
                                    "'{mark}' is not a dependency mark (X or blank); the cell was ignored"),
    "finding.unknown-group": ("'{value}' ei ole asiakirjaryhmä (vanhat asiakirjat, 1. vaihe, 2. vaihe tai "
                              "liittymisvelvoite)",
                              "'{value}' is not a document group (old documents, phase 1, phase 2 or joining "
                              "obligation)"),
    "finding.bad-date": ("'{value}' ei ole päivämäärä (käytä muotoa p.k.vvvv tai Excelin päivämäärää)",
                         "'{value}' is not a date (use d.m.yyyy or an Excel date)"),
    "finding.bad-date/period-end": ("käyttöönottojakso '{period}' päättyy ennen kuin se alkaa",
                                    "the deployment period '{period}' ends before it starts"),
    "finding.bad-date/deadline": ("käyttöönottojakson '{period}' ilmoittautumisen määräaika on vasta jakson alun "
                                  "jälkeen",
                                  "the registration deadline of the deployment period '{period}' is after the "
                                  "period starts"),
    "finding.bad-date/profile-validity": ("profiilin '{profile}' voimassaolo päättyy ennen kuin se alkaa",
                                          "the profile '{profile}' is valid until before it is valid from"),
    "finding.bad-number/duration": ("kesto '{value}' ei ole päivien lukumäärä",
                                    "the duration '{value}' is not a number of days"),
    "finding.profile-without-column": ("profiililla '{profile}' ei ole saraketta osatoteutusten välilehdellä; se ei "
                                       "salli yhtään osatoteutusta",
                                       "the profile '{profile}' has no column in the item sheet; it allows no "
                                       "items"),

    # -- references and the graph ------------------------------------------------------------
    "finding.unknown-reference": ("osatoteutus '{item}' viittaa sarakkeessa '{column}' kohteeseen '{ref}', joka ei "
                                  "ole minkään osatoteutuksen tunnus eikä nimi",
                                  "the item '{item}' refers in the column '{column}' to '{ref}', which is no "
                                  "item's id or name"),
    "finding.unknown-reference/matrix-column": ("riippuvuusmatriisin sarake '{label}' ei ole minkään osatoteutuksen "
                                                "tunnus eikä nimi",
                                                "the matrix column '{label}' is no item's id or name"),
    "finding.unknown-reference/matrix-row": ("riippuvuusmatriisin rivi '{label}' ei ole minkään osatoteutuksen "
                                             "tunnus eikä nimi",
                                             "the matrix row '{label}' is no item's id or name"),
    "finding.unknown-reference/task": ("tehtävä '{task}' tulee tehtävän '{ref}' jälkeen, mutta sellaista "
                                       "tehtävänumeroa ei ole",
                                       "the task '{task}' comes after '{ref}', which is no task number"),
    "finding.ambiguous-reference": ("osatoteutus '{item}' viittaa sarakkeessa '{column}' nimeen '{ref}', joka sopii "
                                    "useaan osatoteutukseen: {ids}",
                                    "the item '{item}' refers in the column '{column}' to '{ref}', which names "
                                    "several items: {ids}"),
    "finding.self-dependency": ("osatoteutus '{item}' edellyttää itseään", "the item '{item}' requires itself"),
    "finding.self-dependency/task": ("tehtävä '{task}' on merkitty tulemaan itsensä jälkeen",
                                     "the task '{task}' comes after itself"),
    "finding.dependency-cycle": ("riippuvuussilmukka {path} (mukana {members}; määritelty soluissa {cells})",
                                 "dependency cycle {path} (members: {members}; declared at {cells})"),
    "finding.group-cycle": ("asiakirjaryhmät {groups} edellyttävät toisiaan ({reasons}); kokonaisille ryhmille ei "
                            "ole järjestystä",
                            "the document groups {groups} require each other ({reasons}); no order of whole "
                            "groups exists"),
    "finding.matrix-mismatch": ("'{item}' edellyttää tässä osatoteutusta '{prerequisite}', mutta riippuvuusmatriisi "
                                "({matrix_cell}) ei",
                                "'{item}' requires '{prerequisite}' here but not in the dependency matrix "
                                "({matrix_cell})"),
    "finding.matrix-mismatch/no-cell": ("'{item}' edellyttää tässä osatoteutusta '{prerequisite}', mutta "
                                        "riippuvuusmatriisi ei",
                                        "'{item}' requires '{prerequisite}' here but not in the dependency matrix"),
    "finding.matrix-mismatch/matrix": ("riippuvuusmatriisin mukaan '{item}' edellyttää osatoteutusta "
                                       "'{prerequisite}', mutta sarakkeen '{column}' solu {cell} ei",
                                       "the dependency matrix says '{item}' requires '{prerequisite}', but the "
                                       "cell {cell} of the column '{column}' does not"),
    "finding.recommendation-conflict": ("'{prerequisite}' suositellaan ennen osatoteutusta '{item}', mutta se "
                                        "edellyttää osatoteutusta '{item}'; suositus ohitetaan",
                                        "'{prerequisite}' is recommended before '{item}', but it requires "
                                        "'{item}'; the recommendation is ignored"),

    # -- tasks -------------------------------------------------------------------------------
    "finding.unparsable-timing": ("ajoitusta '{timing}' ei voitu tulkita; se säilytetään tekstinä eikä sille "
                                  "lasketa määräpäivää",
                                  "the timing '{timing}' could not be read; it is kept as text and gets no due "
                                  "date"),
    "finding.unparsable-timing/task": ("tehtävän '{task}' ajoitusta '{timing}' ei voitu tulkita; se säilytetään "
                                       "tekstinä eikä sille lasketa päivämäärää",
                                       "the timing '{timing}' of the task '{task}' could not be read; it is kept "
                                       "as text and gets no date"),
    "finding.unknown-applies-to": ("tehtävä '{task}' koskee kohdetta '{part}', joka ei ole palvelu, asiakirjaryhmä, "
                                   "osatoteutus eikä ehto",
                                   "the task '{task}' applies to '{part}', which is no service, group, item or "
                                   "condition"),
    "finding.task-cycle": ("tehtävät {tasks} odottavat toisiaan kehässä",
                           "the tasks {tasks} wait for each other in a cycle"),
}
