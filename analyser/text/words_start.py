"""The words of standard input and output, the parse cache and the command-line start (Finnish, English)."""

WORDS: dict[str, tuple] = {
    "err.stdin_terminal": ("vakiosyötteessä ei ole tiedostoa: - tarkoittaa vakiosyötettä, joten ohjaa tiedosto "
                           "siihen (esimerkiksi < riippuvuustaulukko.xlsx)",
                           "there is no file on standard input: - means standard input, so pipe a file into it "
                           "(for example < riippuvuustaulukko.xlsx)"),
    "err.stdin_twice": ("{options}: vakiosyötteestä (-) voi lukea vain yhden tiedoston",
                        "{options}: only one file can be read from standard input (-)"),
    "err.stdout_needs_format": ("--out - kirjoittaa vakiotulosteeseen, joten muoto on annettava: --format "
                                "{formats}",
                                "--out - writes to standard output, so the format must be given: --format {formats}"),
    "err.stdout_binary": ("muotoa {fmt} ei voi kirjoittaa tekstivirtaan", "cannot write {fmt} to a text-only stream"),
    "err.stdout_folder": ("{command} kirjoittaa kansion täynnä tiedostoja, joten --out - (vakiotuloste) ei käy",
                          "{command} writes a folder of files, so --out - (standard output) cannot be used"),
    "err.format_mismatch": ("--format {fmt} ei sovi tiedostoon {path}; anna tiedostolle pääte .{fmt}",
                            "--format {fmt} does not match the file {path}; name the file with .{fmt}"),
}
