"""The tool speaks one language at a time (FORMATS.md §4 "Language").

Every words key has both languages with the same placeholders; and a run of
every command and error path under ``--lang fi`` shows no English sentence of
the tool's own, and under ``--lang en`` no Finnish one. Workbook text (ids,
names, services, task titles, organisation names, file names) is taken out
before the check: it is shown as written.
"""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from language_check import ROOT, leaks

from analyser.cli import main
from analyser.text.labels import LABELS


def _run(argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    main(argv, stdout=out, stderr=err)
    return out.getvalue() + "\n" + err.getvalue()


def _commands(tmp: Path) -> list[list[str]]:
    situation = ["--profile", "SOS-LV", "--deployed", "SOS,SOS-VANHAT,SOS-V1-ARK"]
    return [
        ["validate"], ["orders", "--profile", "SOS-V2"], ["orders", "--profile", "SOS-LV", "--level", "groups"],
        ["next", "--profile", "SOS-V2", "--deployed", "SOS,SOS-V1-ARK"], ["next", *situation],
        ["check", *situation, "--order", "SOS-LV-KIE,SOS-LV-INF"],
        ["plan", *situation, "--target", "SOS-LV-HAKU", "--start", "2027-01-01", "--today", "2026-11-25"],
        ["report", "--out", str(tmp / "report")],
        # error paths
        ["next", "--profile", "SOS-X"], ["next", "--profile", "SOS-L"], ["next", "--profile", "SOS-LV", "--deployed", "SOS-VANHA"],
        ["orders"], ["plan", *situation, "--start", "huomenna"], ["validate", "--table", str(tmp / "nope.xlsx")],
        ["check", *situation, "--order", "SOS-V1-ARKK"], ["nonsense"], ["orders", "--profile", "SOS-LV", "--list", "x"],
        ["export", "--out", str(tmp / "graph.txt")],
        # help
        ["--help"], *[[command, "--help"] for command in
                      ("validate", "orders", "next", "check", "plan", "plot", "export", "report")],
    ]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_no_sentence_of_the_other_language(lang, tmp_path):
    found = {}
    for argv in _commands(tmp_path):
        words = leaks(_run([*argv, "--lang", lang] if argv[0] != "--help" else [*argv, "--lang", lang]), lang)
        if words:
            found[" ".join(argv)] = words
    assert not found, f"words of the other language under --lang {lang}: {found}"


def test_the_language_check_finds_a_leak():
    assert leaks("Tiedosto puuttuu: the file is missing", "fi") == ["file", "is", "missing", "the"]
    assert leaks("the file is missing; tarkoititko SOS-LV?", "en") == ["tarkoititko"]
    assert leaks("Sosiaalihuollon asiakastiedon arkisto käytössä", "en") == []  # workbook text, as written


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _forms(text) -> list[str]:
    return list(text) if isinstance(text, tuple) else [text]


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    fi, en = LABELS[key]
    forms = _forms(fi) + _forms(en)
    assert all(isinstance(f, str) and f.strip() for f in forms), key
    if isinstance(fi, tuple) or isinstance(en, tuple):  # (one, other), chosen by the value n, which a form may leave out
        assert isinstance(fi, tuple) and isinstance(en, tuple) and len(fi) == len(en) == 2, key
        forms_without_n = {frozenset(_placeholders(f) - {"n"}) for f in forms}
        assert len(forms_without_n) == 1, f"{key}: placeholders differ: {forms}"
    else:
        assert _placeholders(fi) == _placeholders(en), f"{key}: placeholders differ: {forms}"


def _calls(names: set[str]):
    """(file, line, call) of every call in the package to a function or class named in ``names``."""
    import ast

    for path in sorted((ROOT / "analyser").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in names:
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def _constant(node) -> str | None:
    import ast

    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_every_error_the_package_raises_has_words():
    import analyser.findings as findings

    errors = {name for name, obj in vars(findings).items()
              if isinstance(obj, type) and issubclass(obj, findings.AnalyserError)}
    missing = [f"{where}: err.{_constant(call.args[0])}" for where, call in _calls(errors - {"InputError", "CycleError",
                                                                                           "BudgetExceededError"})
               if call.args and _constant(call.args[0]) and f"err.{_constant(call.args[0])}" not in LABELS]
    assert not missing, "errors without words: " + ", ".join(missing)


def test_every_finding_the_package_makes_has_words():
    missing = []
    for where, call in _calls({"of", "refuse"}):
        args = [_constant(a) for a in call.args]
        is_of = getattr(call.func, "attr", None) == "of"
        code = args[0] if is_of else (args[1] if len(args) > 1 else "corrupt-file")
        given = [k.value for k in call.keywords if k.arg == "variant"] + ([] if is_of else call.args[2:3])
        variant = _constant(given[0]) if given else ""
        if code and variant is not None and variant != "more":  # a variant in a variable is not checked here
            key = f"finding.{code}/{variant}" if variant else f"finding.{code}"
            if key not in LABELS:
                missing.append(f"{where}: {key}")
    assert not missing, "findings without words: " + ", ".join(missing)
