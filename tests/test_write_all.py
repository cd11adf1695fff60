"""write_all_atomic with writers in second processes (analyser.output.InChild): those with the same
``together`` key share one process, a failure names its own file, and nothing is left behind."""

from __future__ import annotations

import os

import pytest

from analyser.findings import OutputError
from analyser.output import InChild, write_all_atomic

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="second processes need fork")


def _pid(handle) -> None:
    handle.write(str(os.getpid()).encode())


def _fails(handle) -> None:
    raise RuntimeError("broken writer")


@fork_only
def test_writers_together_share_one_process_and_others_have_their_own(tmp_path):
    files = {tmp_path / "a" / f"{k}.txt": InChild(_pid, together="a") for k in range(5)}
    files.update({tmp_path / "b" / f"{k}.txt": InChild(_pid, together="b") for k in range(3)})
    files.update({tmp_path / f"alone-{k}.txt": InChild(_pid) for k in range(2)})
    files[tmp_path / "here.txt"] = _pid
    written = write_all_atomic(files)
    assert written == list(files)
    pids = {path: int(path.read_text()) for path in files}
    group_a = {pids[p] for p in files if p.parent.name == "a"}
    group_b = {pids[p] for p in files if p.parent.name == "b"}
    alone = {pids[tmp_path / f"alone-{k}.txt"] for k in range(2)}
    assert len(group_a) == len(group_b) == 1 and len(alone) == 2
    assert pids[tmp_path / "here.txt"] == os.getpid()
    assert len(group_a | group_b | alone | {os.getpid()}) == 5
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []  # no temporary file left


@fork_only
@pytest.mark.parametrize("failing", [0, 2, 4])
def test_a_failing_writer_is_named_and_nothing_is_written(tmp_path, failing):
    (tmp_path / "a").mkdir()
    old = tmp_path / "a" / "1.txt"
    old.write_bytes(b"vanha")
    files = {tmp_path / "a" / f"{k}.txt": InChild(_fails if k == failing else _pid, together="a") for k in range(5)}
    with pytest.raises(OutputError) as raised:
        write_all_atomic(files)
    assert str(tmp_path / "a" / f"{failing}.txt") in str(raised.value)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["1.txt"] and old.read_bytes() == b"vanha"
