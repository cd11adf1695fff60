"""``-`` is standard input and standard output (FORMATS.md §4): ``--table -``, ``--tasks -``,
``--organisations -``, ``export --out -`` and ``plot --out - --format svg|png|pdf``.

The oracle is the same command on the same file named by its path: reading from a pipe gives the same
answer, and writing to standard output the same bytes as the file. In a fresh process and in-process
(``main(argv, stdout=...)``: a text format goes to ``stdout``, a binary one to ``stdout.buffer``).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbook_factory as wf
from analyser.cli import main
from analyser.load.catalogue import default_table, default_tasks
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.text.labels import t


def cli(*argv, stdin: bytes = b"", cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-m", "analyser", *map(str, argv)], input=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=300)


def one_line(run: subprocess.CompletedProcess, key: str, **params) -> None:
    err = run.stderr.decode()
    assert run.returncode == 2 and run.stdout == b"", err
    assert err.splitlines() == ["analyser: " + t(key, "en", **params)]


# --------------------------------------------------------------------------- standard input


def test_table_from_standard_input_answers_as_the_file(tmp_path):
    argv = ("next", "--profile", "SOS-LV", "--deployed", "SOS", "--format", "json")
    piped = cli(*argv, "--table", "-", stdin=default_table().read_bytes(), cwd=tmp_path)
    named = cli(*argv, "--table", default_table(), cwd=tmp_path)
    assert piped.returncode == named.returncode == 0 and piped.stderr == named.stderr == b""
    assert json.loads(piped.stdout) == json.loads(named.stdout)


@pytest.mark.parametrize("fmt", ["xls", "ods", "xlsx"])
def test_every_workbook_type_is_told_from_its_bytes(tmp_path, fmt):
    table = wf.write_dependency_table(wf.small_spec(), tmp_path / f"t.{fmt}", fmt=fmt).path
    argv = ("orders", "--profile", "A", "--format", "json", "--list", "5")
    piped = cli(*argv, "--table", "-", "--tasks", default_tasks(), stdin=Path(table).read_bytes(), cwd=tmp_path)
    named = cli(*argv, "--table", table, "--tasks", default_tasks(), cwd=tmp_path)
    assert piped.returncode == named.returncode and json.loads(piped.stdout) == json.loads(named.stdout)


def test_findings_of_standard_input_name_the_file_dash(tmp_path):
    """A CSV on standard input: its findings name the file ``-`` and its one sheet not at all."""
    piped = cli("validate", "--table", "-", "--format", "json", "--lang", "en",
                stdin="Tunnus;Nimi;Edellyttää\nA;Alpha;\nA;Again;EI-OLE\n".encode(), cwd=tmp_path)
    findings = json.loads(piped.stdout)["findings"]
    assert piped.returncode == 1 and {f["code"] for f in findings} >= {"duplicate-id"}
    assert {(f["file"], f["sheet"]) for f in findings} == {("-", "")}
    assert all(line.startswith("-: ") for line in piped.stderr.decode().splitlines())
    assert not any(str(tmp_path.parent) in line or "stdin" in line for line in piped.stderr.decode().splitlines())


def test_organisations_from_standard_input(tmp_path):
    common = ("report", "--today", "2026-11-25", "--diagrams", "none", "--lang", "en")
    piped = cli(*common, "--organisations", "-", "--out", tmp_path / "piped",
                stdin=shipped_path(ORGANISATIONS).read_bytes(), cwd=tmp_path)
    named = cli(*common, "--organisations", shipped_path(ORGANISATIONS), "--out", tmp_path / "named", cwd=tmp_path)
    assert piped.returncode == named.returncode == 1
    for name in ("organisaatiot.csv", "tehtavat.csv", "profiilit.csv"):
        assert (tmp_path / "piped" / name).read_bytes() == (tmp_path / "named" / name).read_bytes()
    named_file = f"{shipped_path(ORGANISATIONS)}: {shipped_path(ORGANISATIONS).stem}!"
    assert piped.stderr.decode() == named.stderr.decode().replace(named_file, "-: ")


def test_empty_standard_input_is_one_clear_line(tmp_path):
    run = cli("validate", "--table", "-", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2 and run.stderr.decode().splitlines() == ["-: error: the file is empty [empty-file]"]


def test_standard_input_is_read_once(tmp_path):
    run = cli("validate", "--table", "-", "--tasks", "-", "--lang", "en", stdin=default_table().read_bytes(),
              cwd=tmp_path)
    one_line(run, "err.stdin_twice", options=["--table", "--tasks"])
    run = cli("report", "--table", "-", "--organisations", "-", "--out", tmp_path / "r", "--lang", "en",
              stdin=b"x", cwd=tmp_path)
    one_line(run, "err.stdin_twice", options=["--table", "--organisations"])
    assert not (tmp_path / "r").exists()
    table = default_table()
    run = cli("diff", "-", "-", "--lang", "en", stdin=table.read_bytes(), cwd=tmp_path)
    one_line(run, "err.stdin_twice", options=["OLD", "NEW"])
    run = cli("diff", table, "-", "--tasks-old", "-", "--lang", "en", stdin=table.read_bytes(), cwd=tmp_path)
    one_line(run, "err.stdin_twice", options=["NEW", "--tasks-old"])
    run = cli("diff", "-", table, "--lang", "en", stdin=table.read_bytes(), cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode()


def test_a_terminal_on_standard_input_is_refused(monkeypatch):
    class Terminal(io.BytesIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(Terminal()))
    err = io.StringIO()
    assert main(["validate", "--table", "-", "--lang", "en"], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue() == f"analyser: {t('err.stdin_terminal', 'en')}\n"


def test_standard_input_in_process(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(default_table().read_bytes())))
    out = io.StringIO()
    assert main(["check", "--table", "-", "--profile", "SOS-V1", "--order", "SOS,SOS-V1-ARK", "--format", "json"],
                stdout=out) == 0
    assert json.loads(out.getvalue())["allowed"] is True


# --------------------------------------------------------------------------- standard output


@pytest.mark.parametrize("fmt", ["dot", "graphml", "mermaid", "json"])
def test_export_to_standard_output_is_the_file(tmp_path, fmt):
    piped = cli("export", "--profile", "ARK", "--format", fmt, "--out", "-", cwd=tmp_path)
    named = cli("export", "--profile", "ARK", "--format", fmt, "--out", tmp_path / f"g.{fmt}", cwd=tmp_path)
    assert piped.returncode == named.returncode == 0 and piped.stderr == b""
    assert piped.stdout == (tmp_path / f"g.{fmt}").read_bytes()
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_plot_to_standard_output_is_the_file(tmp_path, fmt):
    argv = ("plot", "dependencies", "--profile", "ARK", "--today", "2027-01-04")
    piped = cli(*argv, "--out", "-", "--format", fmt, cwd=tmp_path)
    named = cli(*argv, "--out", tmp_path / f"d.{fmt}", cwd=tmp_path)
    assert piped.returncode == named.returncode == 0 and piped.stderr == b"", piped.stderr
    assert piped.stdout == (tmp_path / f"d.{fmt}").read_bytes()
    assert piped.stdout.startswith({"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[fmt])
    assert [p.name for p in tmp_path.iterdir()] == [f"d.{fmt}"]  # nothing else left behind


def test_standard_output_needs_the_format(tmp_path):
    one_line(cli("plot", "matrix", "--out", "-", "--lang", "en", cwd=tmp_path), "err.stdout_needs_format",
             formats="svg|png|pdf")
    one_line(cli("plot", "matrix", "--out", "-", "--format", "json", "--lang", "en", cwd=tmp_path),
             "err.stdout_needs_format", formats="svg|png|pdf")
    one_line(cli("export", "--out", "-", "--lang", "en", cwd=tmp_path), "err.stdout_needs_format",
             formats="dot|graphml|mermaid|json")
    assert list(tmp_path.iterdir()) == []


def test_an_image_format_must_match_the_file(tmp_path):
    one_line(cli("plot", "matrix", "--out", "m.svg", "--format", "png", "--lang", "en", cwd=tmp_path),
             "err.format_mismatch", fmt="png", path="m.svg")
    run = cli("plot", "matrix", "--out", "m.png", "--format", "png", cwd=tmp_path)
    assert run.returncode == 0 and (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")


def test_a_folder_cannot_go_to_standard_output(tmp_path):
    one_line(cli("report", "--out", "-", "--lang", "en", cwd=tmp_path), "err.stdout_folder", command="report")
    assert list(tmp_path.iterdir()) == []


def test_binary_output_in_process():
    """In-process, a binary format goes to ``stdout.buffer``; a text-only stream refuses it, a text format
    goes to it as text."""
    argv = ["plot", "matrix", "--today", "2027-01-04", "--out", "-", "--lang", "en", "--format"]
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert main([*argv, "png"], stdout=stdout) == 0
    assert stdout.buffer.getvalue().startswith(b"\x89PNG")
    err = io.StringIO()
    assert main([*argv, "pdf"], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue() == f"analyser: {t('err.stdout_binary', 'en', fmt='pdf')}\n"
    out = io.StringIO()
    assert main([*argv, "svg"], stdout=out) == 0 and out.getvalue().startswith("<?xml")
