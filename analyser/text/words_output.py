"""Writing files and drawing: the errors of outputs, exports and diagrams (keys with their prefix), Finnish and English.

A file or folder that the system refuses has one message per reason
(``err.write/denied``, ``err.write/full``, …): the operating system's own
text is shown (as ``{reason}``) only for a reason not named here.
"""

WORDS: dict[str, tuple] = {
    "err.over_input": ("lähtötiedoston {path} päälle ei kirjoiteta", "refusing to write over the input file {path}"),
    "err.into_input_folder": ("lähtötietojen kansioon {path} ei kirjoiteta",
                              "refusing to write into the input folder {path}"),
    "err.is_folder": ("tiedostoa {path} ei voi kirjoittaa: se on kansio", "cannot write {path}: it is a folder"),
    "err.write_failed": ("tiedoston {path} kirjoittaminen epäonnistui", "cannot write {path}: writing it failed"),
    # figures and exports
    "err.figure_format": ("kuvaa ei voi tallentaa muodossa '{fmt}'; käytä jotakin näistä: {formats}",
                          "cannot write a figure as '{fmt}'; use one of: {formats}"),
    "err.figure_no_extension": ("kuvatiedoston nimestä puuttuu pääte; käytä jotakin näistä: {formats}",
                                "cannot write a figure as a file without an extension; use one of: {formats}"),
    "err.unknown_plot": ("tuntematon kuva '{kind}'; käytä jotakin näistä: {kinds}",
                         "unknown plot '{kind}'; use one of: {kinds}"),
    "err.plot_needs_situation": ("organisaation tilannekuvaan tarvitaan profiili ja käytössä olevat osatoteutukset",
                                 "the overlay needs a situation (profile and deployed items)"),
    "err.plot_needs_plan": ("aikajanaan tarvitaan suunnitelma", "the Gantt chart needs a plan"),
    "err.overlay_not_allowed": ("not_allowed on '{value}', mutta sen pitää olla jokin näistä: {choices}",
                                "not_allowed is '{value}', but must be one of: {choices}"),
    "err.export_format": ("tuntematon vientimuoto '{fmt}'; käytä jotakin näistä: {formats}",
                          "unknown export format '{fmt}'; use one of: {formats}"),
    "err.export_extension": ("tiedostonimestä '{name}' ei selviä vientimuoto; käytä jotakin päätteistä {extensions} "
                             "tai anna muoto",
                             "cannot tell the export format from '{name}'; use one of the extensions {extensions} "
                             "or name the format"),
    "err.csv_dialect": ("tuntematon CSV-muoto '{dialect}'; käytä jotakin näistä: {dialects}",
                        "unknown CSV dialect '{dialect}'; use one of: {dialects}"),
    # the notebooks' tables
    "err.unknown_columns": ((
        "tuntematon sarake {columns}; valittavissa ovat: {choices}",
        "tuntemattomat sarakkeet {columns}; valittavissa ovat: {choices}"), (
        "unknown column {columns}; choose from: {choices}",
        "unknown columns {columns}; choose from: {choices}")),
}

#: What could not be done, and why the system refused: ``err.<action>`` with the ``{reason}``
#: (words of ``err.os.<ERRNO>`` where the tool has them, else the system's own text).
_ACTIONS = {
    "output_folder": ("tuloskansiota {folder} ei voi luoda", "cannot create the output folder {folder}"),
    "write_into": ("kansioon {folder} ei voi kirjoittaa", "cannot write into {folder}"),
    "write": ("tiedostoa {path} ei voi kirjoittaa", "cannot write {path}"),
}
WORDS.update({f"err.{action}": (fi + ": {reason}", en + ": {reason}") for action, (fi, en) in _ACTIONS.items()})
