"""The command line speaks the planner's language (FORMATS.md §4 "Language"): Finnish by default,
English with ``--lang en``, in its help, argparse's messages, its own error lines and the findings."""

from __future__ import annotations

import io
import json
import re

import pytest

from analyser.cli import build_parser, main
from analyser.cli._commands import COMMANDS
from analyser.cli._parser import ArgumentsError, lang_of

# Words of the tool's own sentences that only one language uses: one of the other language's is a leak.
ENGLISH = set("""the and or of to with which that this from into show help message exit file files folder
arguments argument options positional usage default required unrecognized invalid choice expected items
item order orders profile date today takes needs not is are did you mean permission denied error""".split())
FINNISH = set("""ja tai ei ole sekä joka jotka tiedosto tiedostoa tiedostoon kansio näytä tämä ohje ohjelman
lopeta oletus käyttö valitsimet argumentit argumentti pakollinen puuttuu tuntematon tuntemattomia arvo arvon
vaihtoehdot osatoteutukset osatoteutusta järjestys järjestystä profiili päivämäärää odottaa tarvitsee
tarkoititko virhe käyttöoikeus""".split())
OTHER = {"fi": ENGLISH, "en": FINNISH}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _values(parser) -> set[str]:
    """Every value an option of ``parser`` or of its commands takes (``json``, ``items``, the command names):
    the same in both languages, so not words of either."""
    values = set()
    for action in parser._actions:
        if isinstance(action.choices, dict):  # the commands, each with its own parser
            for name, command in action.choices.items():
                values |= {name} | _values(command)
        elif action.choices:
            values.update(str(c) for c in action.choices)
    return values


VALUES = _values(build_parser("fi"))


def leaks(text: str, lang: str) -> list[str]:
    """Words of the other language in ``text``, option names, values and file names taken out."""
    text = re.sub(r"--[\w-]+|\S+\.(xlsx|csv)\b|\{[^}]*\}", " ", text)
    words = re.findall(r"[^\W\d_]+", text.lower())
    return sorted({w for w in words if w in OTHER[lang] and w not in VALUES})


def test_the_check_finds_a_leak():
    assert leaks("näytä tämä ohje ja lopeta; show this help", "fi") == ["help", "show", "this"]
    assert leaks("--profile P [--level {items,groups}] ja orders", "en") == ["ja"]


@pytest.mark.parametrize("command", ["", *COMMANDS])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_help_is_in_the_language_asked(command, lang):
    argv = [command, "--help"] if command else ["--help"]
    if lang == "en":
        argv += ["--lang", "en"]
    code, out, err = run(*argv)
    assert code == 0 and err == ""
    assert out.startswith({"fi": "käyttö: analyser", "en": "usage: analyser"}[lang])
    assert leaks(out, lang) == [], out
    assert ("näytä tämä ohje ja lopeta" in out) == (lang == "fi")


@pytest.mark.parametrize("argv", [["--lang=en", "orders", "--help"], ["orders", "--la", "en", "--help"],
                                  ["--lang", "en", "orders", "--help"], ["orders", "--help", "--lang", "en"]])
def test_every_way_of_naming_english(argv):
    code, out, _ = run(*argv)
    assert code == 0 and out.startswith("usage: analyser orders") and "--profile P" in out


def test_the_language_is_read_before_the_parser_is_built():
    assert lang_of(["next", "--lang", "fi", "--lang", "en"]) == "en"
    assert lang_of(["next", "--lang"]) == lang_of(["next", "--", "--lang", "en"]) == "fi"
    args = build_parser("en").parse_args(["--lang", "en", "next", "--profile", "X"])
    assert args.lang == "en"  # --lang before the command counts as well


# argparse's own messages, each with a word the message must carry in either language
ARGPARSE = [
    (["orders"], "pakollinen argumentti puuttuu: --profile", "the following argument is required: --profile"),
    ([], "pakollinen argumentti puuttuu: KOMENTO", "the following argument is required: COMMAND"),
    (["frobnicate"], "tuntematon arvo 'frobnicate'", "invalid choice: 'frobnicate'"),
    (["ordrs"], "Tarkoititko orders?", "Did you mean orders?"),
    (["orders", "--profile", "SOS-LV", "--list", "x"], "--list: 'x' ei ole kokonaisluku",
     "argument --list: 'x' is not a whole number"),
    (["orders", "--profile", "SOS-LV", "--format", "jsn"], "Tarkoititko json?", "Did you mean json?"),
    (["orders", "--profile", "SOS-LV", "--bogus"], "tuntematon argumentti: --bogus", "unrecognized argument: --bogus"),
    (["orders", "--profile", "SOS-LV", "--bogus", "1"], "tuntemattomia argumentteja: --bogus 1",
     "unrecognized arguments: --bogus 1"),
    (["orders", "--profile"], "--profile: tarvitsee arvon", "argument --profile: expected one argument"),
    (["orders", "--profile", "SOS-LV", "--freedom=1"], "--freedom: ei ota arvoa", "ignored explicit argument '1'"),
    (["plot", "--out", "x.svg"], "pakollinen argumentti puuttuu: KAAVIO", "the following argument is required: KIND"),
    (["plot", "matrx", "--out", "x.svg"], "KAAVIO: tuntematon arvo 'matrx'", "argument KIND: invalid choice: 'matrx'"),
]


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("argv,fi,en", ARGPARSE)
def test_argparse_speaks_the_language_asked(argv, fi, en, lang):
    code, out, err = run(*argv, "--lang", lang) if argv else run("--lang", lang)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("analyser: ") and {"fi": fi, "en": en}[lang] in err, err
    assert leaks(err, lang) == [], err


def test_a_message_argparse_words_differently_is_shown_as_written():
    err = ArgumentsError.read("argument --x: something new")
    assert err.text("fi") == "--x: something new" and err.text("en") == "argument --x: something new"


# the command line's own checks of the arguments
OWN = [
    (["plan", "--profile", "SOS-LV", "--start", "huomenna"], "--start odottaa päivämäärää",
     "--start takes a date (2027-01-31 or 31.1.2027), not 'huomenna'"),
    (["plan", "--profile", "SOS-LV", "--per-period", "0"], "--per-period odottaa laajennusten määrää",
     "--per-period takes a number of extensions, 1 or more"),
    (["orders", "--profile", "SOS-LV", "--sample", "-1"], "--sample odottaa järjestysten määrää",
     "--sample takes a number of orders, 0 or more"),
    (["orders", "--profile", "SOS-LV", "--budget", "-1"], "--budget odottaa", "--budget takes a number"),
    (["check", "--profile", "SOS-LV", "--order", ","], "--order: järjestys on tyhjä", "--order: the order is empty"),
    (["plot", "organisation", "--out", "x.svg"], "plot organisation tarvitsee valitsimen --profile",
     "plot organisation needs --profile"),
    (["export", "--all", "--out", "x.json"], "--all käy vain yhdessä valitsimen --profile kanssa",
     "--all goes with --profile"),
    (["orders", "--profile", "SOS-LV", "--rank", "SOS,SOS-V1-ARK"],
     "--rank: järjestyksestä puuttuu 6 vielä käyttöön otettavaa: SOS-LV-HAKU",
     "--rank: the order leaves out 6 items still to deploy: SOS-LV-HAKU"),
    (["orders", "--profile", "SOS-LV", "--rank", "SOS-V1-ARK,SOS"],
     "--rank: SOS-V1-ARK on järjestyksessä ennen edellytystään SOS", "--rank: SOS-V1-ARK comes before SOS"),
    (["orders", "--profile", "SOS-LV", "--deployed", "SOS", "--rank", "SOS"],
     "--rank: SOS ei ole vielä käyttöön otettavien joukossa", "--rank: SOS is not among the items still to deploy"),
    (["orders", "--profile", "SOS-LV", "--rank", "SOS,SOS"], "--rank: SOS on järjestyksessä kahdesti",
     "--rank: SOS appears twice in the order"),
]


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("argv,fi,en", OWN)
def test_own_usage_errors_speak_the_language_asked(argv, fi, en, lang, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*argv, "--lang", lang)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert {"fi": fi, "en": en}[lang] in err, err
    assert leaks(err, lang) == [], err


@pytest.mark.parametrize("lang,reason", [("fi", "käyttöoikeus puuttuu"), ("en", "permission denied")])
def test_an_os_error_is_one_line_naming_the_file(lang, reason, monkeypatch):
    import analyser.load.catalogue

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/taulukko.xlsx")

    monkeypatch.setattr(analyser.load.catalogue, "load_catalogue", refused)
    code, out, err = run("validate", "--lang", lang)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [err.strip()] and "/srv/taulukko.xlsx" in err and reason in err, err


@pytest.mark.parametrize("lang,words", [("fi", "sisäinen virhe"), ("en", "internal error")])
def test_an_internal_error_is_one_line(lang, words, monkeypatch):
    import analyser.load.catalogue

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(analyser.load.catalogue, "load_catalogue", broken)
    monkeypatch.delenv("ANALYSER_DEBUG", raising=False)
    code, _, err = run("validate", "--lang", lang)
    assert code == 2 and len(err.strip().splitlines()) == 1 and words in err and "ANALYSER_DEBUG=1" in err


def test_findings_speak_the_language_asked_on_stderr_and_in_json(tmp_path):
    from analyser.load.catalogue import load_catalogue

    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "Osatoteutukset.csv").write_text("Tunnus;Nimi;Edellyttää;P\nA;Alpha;;X\nA;Beta;;X\nB;Beta2;A, Zeta;X\n",
                                               encoding="utf-8")
    findings = load_catalogue(folder, with_tasks=False).findings
    assert {f.code for f in findings} >= {"duplicate-id", "unknown-reference"}
    for lang in ("fi", "en"):
        code, out, err = run("validate", "--table", str(folder), "--format", "json", "--lang", lang)
        answer = json.loads(out)
        assert code == 1 and answer["valid"] is False
        assert [f["message"] for f in answer["findings"]] == [f.text(lang) for f in findings]
        assert all(isinstance(f["params"], dict) for f in answer["findings"])
        assert err.splitlines() == [f.line(lang) for f in findings]


def test_an_unreadable_table_is_one_finding_in_the_language_asked():
    for lang, severity in (("fi", ": virhe: "), ("en", ": error: ")):
        code, out, err = run("validate", "--table", "/nope", "--lang", lang)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert err.startswith("/nope") and severity in err and "[file-not-found]" in err


def test_version_is_the_same_in_both_languages():
    assert run("--version") == run("--version", "--lang", "en")
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("analyser ")


@pytest.mark.parametrize("lang,note", [("fi", "'SOS-L' tulkittiin profiiliksi SOS-LV"),
                                       ("en", "'SOS-L' was taken as the profile SOS-LV")])
def test_a_reference_taken_otherwise_than_by_its_id_is_said(lang, note):
    code, out, err = run("next", "--profile", "SOS-L", "--deployed", "SOS", "--format", "json", "--lang", lang)
    assert code == 0 and json.loads(out)["profile"] == "SOS-LV"
    assert err.startswith("analyser: ") and note in err and len(err.strip().splitlines()) == 1
    code, _, err = run("next", "--profile", "SOS-LV", "--deployed", "SOS", "--lang", lang)
    assert code == 0 and err == ""  # an exact id needs no note


@pytest.mark.parametrize("lang,words", [("fi", "Tarkoititko SOS-VANHAT?"), ("en", "Did you mean SOS-VANHAT?")])
def test_an_unknown_item_gets_a_suggestion(lang, words):
    code, out, err = run("next", "--profile", "SOS-LV", "--deployed", "SOS-VANHAX", "--lang", lang)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("analyser: --deployed: ") and words in err
