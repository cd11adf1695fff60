"""Drawing in the background (analyser.report.drawing) and the report's diagrams made with it.

The oracle is the drawing made here, in one process: the background
workers, however many, must give the same bytes for every task; a worker
that fails must cost nothing but time; any process forked later (the HTML
report's writer) must read the same figures; and nothing may be left behind.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import analyser.report.drawing as drawing_module
from analyser.load.catalogue import load_catalogue
from analyser.load.organisations import read_organisations
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.model import build_graph
from analyser.report.batch import run_batch
from analyser.report.diagrams import MATRIX_NAME, report_diagrams
from analyser.report.drawing import Drawing

TODAY = dt.date(2026, 11, 25)
CATALOGUE = load_catalogue()
GRAPH = build_graph(CATALOGUE)
ROOT = Path(__file__).resolve().parents[2]

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="background drawing needs fork")


def _square(offset: int, task: int) -> bytes:
    return str(task * task + offset).encode()


def _fails_away_from(pid: int, task: int) -> bytes:
    """Fails in every process but ``pid`` (a worker that breaks)."""
    if os.getpid() != pid:
        raise RuntimeError("broken worker")
    return _square(0, task)


def _slow(folder: str, task: int) -> bytes:
    """Says which process draws it, then takes its time."""
    import time

    Path(folder, f"pid-{os.getpid()}").touch()
    time.sleep(0.2)
    return b"slow"


def _always_fails(common, task) -> bytes:
    raise ValueError(f"cannot draw {task}")


def _report_files(drawing: Drawing) -> dict[str, bytes]:
    rows, found = read_organisations(shipped_path(ORGANISATIONS), CATALOGUE)
    batch = run_batch(CATALOGUE, GRAPH, rows, findings=found, today=TODAY)
    files, _ = report_diagrams(batch, CATALOGUE, GRAPH, Path("out"), mode="all", today=TODAY, drawing=drawing)
    out = {}
    for path, write in files.items():
        handle = io.BytesIO()
        write(handle)
        out[str(path)] = handle.getvalue()
    return out


@fork_only
def test_report_diagrams_drawn_in_the_background_equal_those_drawn_here():
    with Drawing(workers=1) as here:
        assert here.workers == 1 and here.folder is None
        serial = _report_files(here)
    with Drawing(workers=2) as background:
        assert background.workers == 2
        pooled = _report_files(background)
        drawn_there = sorted(os.listdir(background.folder))
    situations = len(pooled) - 1  # every shipped organisation's situation differs
    assert drawn_there == sorted(["job", *map(str, range(1 + situations))])  # every one drawn by a worker
    assert pooled == serial and len(serial) >= 10
    assert serial[f"out/{MATRIX_NAME}"].startswith(b"<?xml")


@fork_only
@pytest.mark.parametrize("workers", [1, 2, 3, 4])
def test_any_number_of_workers_gives_every_task_its_own_result(workers):
    with Drawing(workers=workers, warm=None) as drawing:
        drawn = drawing.draw(_square, 7, range(25))
        assert [drawn.get(k) for k in reversed(range(25))] == [_square(7, k) for k in reversed(range(25))]
        assert not drawn.here or workers == 1  # the background drew them all


@fork_only
def test_a_broken_worker_costs_only_time():
    with Drawing(workers=2, warm=None) as drawing:
        drawn = drawing.draw(_fails_away_from, os.getpid(), range(6))
        assert [drawn.get(k) for k in range(6)] == [_square(0, k) for k in range(6)]
        assert sorted(drawn.here) == list(range(6))  # drawn here instead


@fork_only
def test_an_error_in_drawing_is_raised_here():
    with Drawing(workers=2, warm=None) as drawing:
        drawn = drawing.draw(_always_fails, None, ["A", "B"])
        with pytest.raises(ValueError, match="cannot draw B"):
            drawn.get(1)


@fork_only
def test_a_process_forked_later_reads_the_same_figures():
    """The HTML report is written in a forked process, from the same drawings as the SVG files."""
    with Drawing(workers=2, warm=None) as drawing:
        drawn = drawing.draw(_square, 1, range(8))
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                os.write(write, b",".join(drawn.get(k) for k in range(8)))
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            seen = pipe.read()
        os.waitpid(pid, 0)
        assert seen == b",".join(drawn.get(k) for k in range(8))


@fork_only
def test_closing_stops_the_workers_and_removes_their_files():
    drawing = Drawing(workers=2, warm=None)
    host, folder = drawing._host, drawing.folder
    assert host.is_alive() and folder.is_dir()
    drawing.close()  # without a job: the waiting process is stopped
    assert not host.is_alive() and not folder.exists()
    drawing.close()  # twice is harmless
    with Drawing(workers=2, warm=None) as drawing:
        drawn = drawing.draw(_square, 0, range(3))
        assert drawn.get(2) == b"4"
        folder = drawing.folder
    assert not folder.exists()


def test_without_fork_or_a_second_core_everything_is_drawn_here(monkeypatch):
    import multiprocessing

    calls = []

    def progress(items):
        calls.append(len(items))
        return items

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    for drawing in (Drawing(warm=None), Drawing(workers=1, warm=None)):
        with drawing:
            assert drawing.workers == 1 and drawing.folder is None
            drawn = drawing.draw(_square, 0, range(4), progress=progress)
            assert drawn.here == {k: _square(0, k) for k in range(4)}
    assert calls == [4, 4]


@fork_only
def test_progress_counts_every_drawing_once_in_the_background():
    seen = []

    def progress(items):
        seen.append(len(items))
        return list(items)

    with Drawing(workers=2, warm=None) as drawing:
        drawn = drawing.draw(_square, 0, range(5), progress=progress)
        assert drawn.get(4) == b"16" and drawn.get(0) == b"0"
    assert seen == [5]


@fork_only
def test_report_diagrams_are_byte_identical_under_any_hash_seed(tmp_path):
    script = ("import hashlib, sys; from analyser.cli import main; "
              "code = main(['report', '--out', sys.argv[1], '--today', '2026-11-25']); "
              "from pathlib import Path; "
              "print(hashlib.sha256(b''.join(p.read_bytes() for p in sorted(Path(sys.argv[1]).rglob('*.svg'))))"
              ".hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, MPLBACKEND="Agg")
        run = subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=300)
        digests.add(run.stdout.strip().splitlines()[-1])
    assert len(digests) == 1
    assert len(list((tmp_path / "1").rglob("*.svg"))) >= 10


def test_the_report_asks_for_the_drawing_code_only_in_the_background():
    """matplotlib is loaded by the drawing processes, never by the report's own."""
    script = ("import sys; from analyser.cli import main; import tempfile; "
              "main(['report', '--out', tempfile.mkdtemp(), '--today', '2026-11-25', '--diagrams', 'none']); "
              "print('matplotlib' in sys.modules)")
    env = dict(os.environ, MPLBACKEND="Agg")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300)
    expected = "True" if drawing_module.usable_cores() < 2 or not hasattr(os, "fork") else "False"
    assert run.stdout.strip().splitlines()[-1] == expected


@fork_only
@pytest.mark.parametrize("failing", ["folder", "process"])
def test_no_folder_or_no_process_means_drawing_here_with_nothing_left_open(monkeypatch, tmp_path, failing):
    import multiprocessing
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError("refused")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    if failing == "folder":
        monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    else:
        monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse)
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    with Drawing(workers=2, warm=None) as drawing:
        assert drawing.workers == 1
        assert drawing.draw(_square, 0, range(3)).here == {0: b"0", 1: b"1", 2: b"4"}
    assert not list(tmp_path.iterdir())
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) == fds


@fork_only
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_closing_in_the_middle_stops_every_worker(tmp_path):
    import time

    with Drawing(workers=2, warm=None) as drawing:
        drawing.draw(_slow, str(tmp_path), range(50))
        while len(list(tmp_path.glob("pid-*"))) < 2:  # both workers at work
            time.sleep(0.01)
        folder = drawing.folder
    pids = [int(p.name.removeprefix("pid-")) for p in tmp_path.glob("pid-*")]
    assert len(pids) == 2 and os.getpid() not in pids and not folder.exists()
    for pid in pids:  # gone, or a zombie waiting for whoever adopted it
        state = Path(f"/proc/{pid}/stat")
        assert not state.exists() or state.read_text().split(") ")[1].startswith("Z"), state.read_text()


@fork_only
@pytest.mark.parametrize("when", ["waiting", "drawing"])
def test_a_killed_report_leaves_no_folder_behind(when, tmp_path):
    """Killed (no clean-up of its own), the report's first drawing process removes the folder itself."""
    import signal
    import time

    script = ("import sys, time; sys.path.insert(0, sys.argv[1]); from analyser.report.drawing import Drawing; "
              "import test_drawing as t; d = Drawing(workers=2, warm=None); "
              "sys.argv[2] == 'drawing' and d.draw(t._slow, sys.argv[3], range(20)); "
              "print(d.folder, flush=True); time.sleep(120)")
    child = subprocess.Popen([sys.executable, "-c", script, str(Path(__file__).parent), when, str(tmp_path)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    folder = Path(child.stdout.readline().strip())
    assert folder.is_dir()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    deadline = time.monotonic() + 60  # a hang guard, not a measure
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not folder.exists()
