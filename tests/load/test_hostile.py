"""The bad-input corpus: broken, hostile and odd files, each run through the real CLI.

Every case of ``hostile_cases`` builds its file at test time (``hostile_files``),
runs ``analyser report`` in-process on it (the other two inputs are small valid
CSV files) and checks the same things:

* the documented exit code (2 unreadable input or unwritable output, 1 error
  findings, 0 clean);
* standard error holds only finding lines or one ``analyser:`` line, never a
  traceback; an unreadable input gives exactly one line naming the file;
* the expected finding codes at their cells;
* no partial output: nothing in the output folder after exit 2, exactly the
  four report files otherwise, and no temporary file anywhere;
* nothing secret (a personal identity code, /etc/passwd) in any output;
* under 500 MB of Python allocations (tracemalloc peak), the attacks under 50 MB.

No test here compares wall-clock time: every run is only guarded against a hang
(``HANG_SECONDS``). How fast each case runs is measured by
``benchmarks/bench_hostile.py``, beside a baseline from the same run.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import signal
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import hostile_files as H
from analyser.cli import main
from analyser.text.labels import t
from hostile_cases import CASES, PERSON, REPORT_FILES, Case, Run, case_argv, input_files, prepare, read_run, \
    report_argv, with_cell

MB = 1024 * 1024
HANG_SECONDS = 60  # a hang guard, not a speed limit


@contextlib.contextmanager
def hang_guard(what: str, seconds: float = HANG_SECONDS):
    """Fail the test, rather than wait for ever, when the block still runs after ``seconds``.

    A SIGALRM timer interrupts the main thread; where there is none (Windows, another
    thread) the block runs unguarded.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def hung(signum, frame):
        pytest.fail(f"{what} still running after {seconds:g} s: a hang", pytrace=False)

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Peak:
    """The peak of the Python allocations this process makes inside a ``with`` block, in bytes.

    tracemalloc counts this process's own allocations only, from the block's start: the
    machine's load, other processes and whatever was allocated before do not count.
    """

    bytes = 0

    def __enter__(self) -> Peak:
        self._started = not tracemalloc.is_tracing()
        if self._started:
            tracemalloc.start()
        tracemalloc.reset_peak()
        self._before = tracemalloc.get_traced_memory()[0]
        return self

    def __exit__(self, *exc) -> None:
        self.bytes = tracemalloc.get_traced_memory()[1] - self._before
        if self._started:
            tracemalloc.stop()


def run_cli(argv: list) -> Run:
    out, err = io.StringIO(), io.StringIO()
    argv = [str(a) for a in argv]
    with Peak() as peak, hang_guard(f"analyser {argv[0]}"):
        code = main(argv, stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue(), peak.bytes)


@pytest.fixture(autouse=True, scope="module")
def _imports_done():
    """Import the readers and matplotlib once, so a case's memory is its own."""
    for name in ("openpyxl", "xlrd", "analyser.plot"):
        importlib.import_module(name)
    yield


def _all_output_text(run: Run, out_dir: Path) -> str:
    """Everything the run wrote: its streams, every output file's name and content (zips opened)."""
    texts = [run.out, run.err]
    if out_dir.exists():
        for path in sorted(out_dir.rglob("*")):
            texts.append(str(path.relative_to(out_dir)))
            if path.is_dir():
                continue
            data = path.read_bytes()
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    texts += [archive.read(m).decode("utf-8", "replace") for m in archive.namelist()]
            else:
                texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts)


# Words of English sentences: none may stand in a Finnish finding line outside quoted workbook text and the
# parenthesised detail a library gives (an XML parser's or a zip reader's own words).
_ENGLISH = re.compile(r"\b(the|is|was|were|not|cannot|could|no|and|which|has|holds)\b", re.IGNORECASE)


def _tool_words(message: str) -> str:
    """A finding message without what the tool quotes: workbook text in quotes, details in parentheses."""
    message = re.sub(r"'[^']*'", "", message)
    while re.search(r"\([^()]*\)", message):
        message = re.sub(r"\([^()]*\)", "", message)
    return message


def _check_stderr(case: Case, run: Run, target: Path) -> None:
    assert "Traceback" not in run.err + run.out
    assert all(line.strip() for line in run.lines), run.err
    for line in run.lines:
        found = re.search(r": (virhe|varoitus|huomio): (.*) \[[a-z0-9-]+\]$", line)  # Finnish by default
        assert found or line.startswith("analyser: "), line
        if found:
            assert not _ENGLISH.search(_tool_words(found.group(2))), line
    if case.exit == 2:
        assert len(run.lines) == 1, run.err
        assert target.name in run.lines[0], run.lines[0]
    for code, cell in case.codes:
        hits = [line for line in run.lines if line.endswith(f"[{code}]") and (not cell or f"!{cell}: " in line)]
        assert hits, f"no {code} at {cell or 'any cell'} in:\n{run.err}"
    for code in case.absent:
        assert f"[{code}]" not in run.err, run.err
    if case.exit == 0:
        assert ": virhe: " not in run.err, run.err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus(case: Case, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    inputs, target = prepare(case, folder)
    out_dir = tmp_path / "out"
    if case.setup:
        case.setup(monkeypatch)

    if case.command == "read":
        with Peak() as peak, hang_guard(f"reading {case.id}"):
            run = read_run(case, inputs)
        run.peak = peak.bytes
    else:
        run = run_cli(case_argv(case, inputs, out_dir))

    assert run.code == case.exit, f"exit {run.code}, expected {case.exit}:\n{run.err}"
    _check_stderr(case, run, target)
    if case.exit == 2 or case.command != "report":
        assert not out_dir.exists() or not any(out_dir.iterdir()), "partial output left behind"
    else:
        assert set(REPORT_FILES) <= set(os.listdir(out_dir)), sorted(os.listdir(out_dir))
    assert not list(tmp_path.rglob("*.tmp")), "temporary file left behind"
    if case.secrets:
        text = _all_output_text(run, out_dir)
        for secret in case.secrets:
            assert secret not in text
    if case.check:
        case.check(run, out_dir)
    assert run.peak < (50 if case.attack else 500) * MB, f"{run.peak / MB:.0f} MB"


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no SIGALRM timer here")
def test_hang_guard_stops_a_hang():
    with pytest.raises(pytest.fail.Exception, match="a hang"):
        with hang_guard("a sleep", seconds=0.2):
            time.sleep(30)


# --------------------------------------------------------------------------- outputs


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    return input_files(folder)


def _previous_report(out_dir: Path) -> dict[str, bytes]:
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = {name: f"edellinen {name}".encode() for name in REPORT_FILES}
    for name, data in previous.items():
        (out_dir / name).write_bytes(data)
    return previous


def _one_line_exit_2(run: Run) -> None:
    assert run.code == 2, run.err
    assert len(run.lines) == 1 and "Traceback" not in run.err, run.err


def test_output_over_an_input_is_refused(inputs, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    organisations = out_dir / "organisaatiot.csv"
    organisations.write_bytes(inputs["organisations"].read_bytes())
    inputs["organisations"] = organisations
    before = organisations.read_bytes()
    run = run_cli(report_argv(inputs, out_dir))
    _one_line_exit_2(run)
    assert run.lines == ["analyser: " + t("err.over_input", "fi", path=str(organisations))]
    assert organisations.read_bytes() == before
    assert sorted(os.listdir(out_dir)) == ["organisaatiot.csv"]


def test_output_into_an_input_folder_is_refused(tmp_path):
    folder = tmp_path / "taulukko"
    folder.mkdir()
    H.write_csv(folder / "Osatoteutukset.csv", H.BASE_TABLE)
    inputs = input_files(tmp_path)
    inputs["table"] = folder
    run = run_cli(report_argv(inputs, folder / "raportti"))
    _one_line_exit_2(run)
    assert not (folder / "raportti").exists()


def test_unwritable_output_folder_gives_one_line(inputs, tmp_path):
    blocker = tmp_path / "tiedosto.txt"
    blocker.write_text("a file where a folder should be")
    run = run_cli(report_argv(inputs, blocker / "raportti"))  # no one, not even root, can create this folder
    _one_line_exit_2(run)
    assert "raportti" in run.err


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_output_folder_gives_one_line(inputs, tmp_path):
    out_dir = tmp_path / "lukittu"
    out_dir.mkdir()
    out_dir.chmod(0o500)
    try:
        run = run_cli(report_argv(inputs, out_dir))
    finally:
        out_dir.chmod(0o700)
    _one_line_exit_2(run)
    assert not list(out_dir.iterdir())


def test_interrupted_write_keeps_the_previous_report(inputs, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    previous = _previous_report(out_dir)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    run = run_cli(report_argv(inputs, out_dir))
    _one_line_exit_2(run)
    assert "No space left" not in run.err  # the reason in the tool's own words, not the system's
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == previous
    assert not list(tmp_path.rglob("*.tmp"))


def test_keyboard_interrupt_mid_write_leaves_no_temporary_file(inputs, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    previous = _previous_report(out_dir)

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    run = run_cli(report_argv(inputs, out_dir))
    assert run.code == 130 and run.lines == ["analyser: " + t("err.interrupted", "fi")]
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == previous
    assert not list(tmp_path.rglob("*.tmp"))


def test_failed_rename_keeps_the_previous_report_whole(inputs, tmp_path, monkeypatch):
    """A failure after every file was written, at the renames, still leaves every previous file:
    those already renamed are put back."""
    out_dir = tmp_path / "out"
    previous = _previous_report(out_dir)
    real_replace = os.replace
    calls = {"n": 0}

    def fail_third(src, dst):
        if str(src).endswith(".tmp"):  # a new file going into place (putting an old one back is allowed)
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_third)
    run = run_cli(report_argv(inputs, out_dir))
    _one_line_exit_2(run)
    assert calls["n"] == 3  # two files had been renamed into place when the third failed
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".tmp", ".previous"))]
    assert {name: (out_dir / name).read_bytes() for name in REPORT_FILES} == {name: previous[name]
                                                                               for name in REPORT_FILES}


def test_write_all_atomic_is_all_or_nothing_while_writing(tmp_path, monkeypatch):
    from analyser.findings import OutputError
    from analyser.output import write_all_atomic

    previous = _previous_report(tmp_path)
    real_fsync = os.fsync
    fsyncs = {"n": 0}

    def fail_third(fd):
        fsyncs["n"] += 1
        if fsyncs["n"] == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_third)
    with pytest.raises(OutputError) as refused:
        write_all_atomic({tmp_path / name: b"uusi" for name in REPORT_FILES})
    assert refused.value.params["reason"].key == "err.os.ENOSPC"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == previous
    monkeypatch.setattr(os, "fsync", real_fsync)
    write_all_atomic({tmp_path / name: b"uusi" for name in REPORT_FILES})
    assert all(p.read_bytes() == b"uusi" for p in tmp_path.iterdir())


# --------------------------------------------------------------------------- library-level checks


def test_formula_cached_value_is_used_not_the_formula(tmp_path):
    from analyser.load.files import read_workbook

    path = H.write_xlsx(tmp_path / "t.xlsx", [H.table_sheet(cells={"B3": H.Formula('CONCAT("X","Y")', "Beeta")})])
    sheet = read_workbook(path).sheets[0]
    assert sheet.get(2, 1) == "Beeta"


def test_lying_zip_never_inflates_past_its_declared_size(tmp_path):
    """zipfile stops a member at its declared size, so 200 MiB of zeros never reach memory."""
    path = tmp_path / "valehtelija.xlsx"
    path.write_bytes(H.lying_zip_bomb(200))
    with Peak() as peak, zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as member:
        total = 0
        with pytest.raises(zipfile.BadZipFile, match="CRC"):
            while chunk := member.read(1 << 16):
                total += len(chunk)
    assert total < 10_000 and peak.bytes < 5 * MB


def test_masked_code_reaches_json_and_csv_outputs_only_masked(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    inputs = input_files(folder)
    inputs["table"] = H.write_csv(folder / "Osatoteutukset.csv", with_cell(H.BASE_TABLE, 2, 1, f"Beeta {PERSON}"))
    for fmt in ("json", "csv", "text"):
        out, err = io.StringIO(), io.StringIO()
        code = main(["next", "--table", str(inputs["table"]), "--tasks", str(inputs["tasks"]), "--profile", "P1",
                     "--deployed", "A", "--format", fmt], stdout=out, stderr=err)
        assert code == 1
        assert PERSON not in out.getvalue() + err.getvalue()
        assert "010190-****" in out.getvalue() + err.getvalue()


def test_personal_code_in_a_file_name_is_masked(tmp_path):
    import io as _io

    from analyser.cli import main as _main

    folder = tmp_path / "010190-123M"
    folder.mkdir()
    source = folder / "organisaatiot.csv"
    source.write_text("Organisaatio;Tietojärjestelmäprofiili;Käytössä\nOrg;SOS-V1;EI-OLE\n", encoding="utf-8")
    out, err = _io.StringIO(), _io.StringIO()
    code = _main(["report", "--organisations", str(source), "--out", str(tmp_path / "out"), "--today",
                  "2026-11-25"], stdout=out, stderr=err)
    assert code == 1 and "010190-123M" not in err.getvalue() and "010190-****" in err.getvalue()
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".svg"):
            assert "010190-123M" not in path.read_text(encoding="utf-8-sig")
    import zipfile as _zipfile

    with _zipfile.ZipFile(tmp_path / "out" / "raportti.xlsx") as archive:
        assert all(b"010190-123M" not in archive.read(n) for n in archive.namelist())
