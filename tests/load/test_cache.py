"""The parse cache (analyser/load/cache.py): what it gives back is exactly what reading the workbooks gives,
a changed file is read again, and a cache file that is damaged, edited or hostile is never believed.

The oracle is reading the same files with the cache off; "exactly" is checked field by field, types
included, down to the fields equality skips (a timing's text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
from pathlib import Path

import pytest

import workbook_factory as wf
from analyser.load import cache, catalogue as catalogue_module
from analyser.load.catalogue import default_table, default_tasks, load_catalogue
from analyser.records import Catalogue

SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsm", "xls": ".xls", "ods": ".ods"}


def same(a, b) -> bool:
    """Equal field by field, every field (``compare=False`` ones too), with equal types."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(path))
    monkeypatch.delenv("ANALYSER_CACHE", raising=False)
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalogue-*.json")) if folder.is_dir() else []


@pytest.fixture
def reads(monkeypatch):
    """How many times the workbooks were really read."""
    count = {"n": 0}
    real = catalogue_module._read

    def counting(*args):
        count["n"] += 1
        return real(*args)

    monkeypatch.setattr(catalogue_module, "_read", counting)
    return count


def load_three_ways(table, tasks, **options):
    """Read with the cache off, then through a cold and a warm cache; all three must be the same."""
    parsed = load_catalogue(table, tasks, cache=False, **options)
    cold = load_catalogue(table, tasks, **options)
    warm = load_catalogue(table, tasks, **options)
    assert same(parsed, cold) and same(parsed, warm) and parsed == warm
    return parsed, warm


def test_shipped_workbooks_round_trip_exactly(folder, reads):
    parsed, warm = load_three_ways(None, None)
    assert reads["n"] == 2 and len(entries(folder)) == 1  # the warm load read nothing
    assert parsed.tasks and any(t.timing is not None and t.timing.text for t in parsed.tasks)
    assert parsed.periods and all(isinstance(p.start, dt.date) for p in warm.periods)
    load_three_ways(None, None, with_tasks=False)
    assert len(entries(folder)) == 2  # without tasks is another read, another key


def factory_case(seed: int, tmp_path: Path) -> tuple[Path, Path]:
    """A generated table and task workbook; every other one carries defects, so findings with params."""
    spec = wf.random_spec(seed, n_items=4 + seed % 9, n_profiles=1 + seed % 4,
                          id_style="digits" if seed % 5 == 0 else "code")
    task_spec = wf.small_task_spec()
    if seed % 2:
        spec = wf.with_unknown_mark(wf.with_unknown_reference(spec, 1, "EI-OLE"), 0, None, "ehkä")
        spec = wf.with_bad_date(spec, 0, "ensi vuonna")
        task_spec = wf.with_bad_timing(task_spec, 1, "hyvissä ajoin")
    fmt = list(SUFFIX)[seed % len(SUFFIX)]
    layout = wf.random_layout(seed, fmt)
    table = wf.write_dependency_table(spec, tmp_path / f"t{seed}{SUFFIX[fmt]}", layout).path
    tasks = wf.write_task_workbook(task_spec, tmp_path / f"k{seed}{SUFFIX[fmt]}", fmt=fmt, language=layout.language,
                                   title_rows=seed % 2).path
    return Path(table), Path(tasks)


@pytest.mark.parametrize("seed", range(20))
def test_generated_workbooks_round_trip_exactly(tmp_path, folder, reads, seed):
    table, tasks = factory_case(seed, tmp_path)
    parsed, _ = load_three_ways(table, tasks)
    assert reads["n"] == 2 and len(entries(folder)) == 1
    if seed % 2:
        assert {"unknown-reference", "unknown-mark", "unparsable-timing"} <= {f.code for f in parsed.findings}
        assert all(f.params for f in parsed.findings if f.code == "unknown-reference")


def test_a_changed_file_is_read_again(tmp_path, folder, reads):
    table, tasks = factory_case(0, tmp_path)
    first = load_catalogue(table, tasks)
    other, _ = factory_case(3, tmp_path / "other")
    stamp = os.stat(table)
    table.write_bytes(other.read_bytes())
    os.utime(table, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same time: only the content tells
    second = load_catalogue(table, tasks)
    assert reads["n"] == 2 and second != first
    assert same(second, load_catalogue(table, tasks, cache=False))


def tamperings(text: bytes) -> dict[str, bytes]:
    line, _, body = text.partition(b"\n")
    header = json.loads(line)
    edited = body.replace(b'"SOS-VANHAT"', b'"SOS-UUDET"', 1)
    evil = json.dumps({"$": "Catalogue", "items": [{"$": "posix.system", "command": "echo hi"}]}).encode()

    def with_header(body: bytes, **changes) -> bytes:
        import hashlib

        fields = {**header, "sha256": hashlib.sha256(body).hexdigest(), **changes}
        return json.dumps(fields).encode() + b"\n" + body

    return {
        "edited body": line + b"\n" + edited,
        "truncated": text[: len(text) // 2],
        "empty": b"",
        "not json": b"\x00\xff" * 40,
        "other schema": with_header(body, schema=cache.SCHEMA + 1),
        "other key": with_header(body, key="0" * 64),
        "unknown type": with_header(evil),
        "not a catalogue": with_header(b'[1, 2, 3]'),
        "deep nesting": with_header(b"[" * 100_000 + b"]" * 100_000),
        "wrong field": with_header(body.replace(b'"id":', b'"identity":', 1)),
    }


@pytest.mark.parametrize("kind", sorted(tamperings(b'{}\n{}')))
def test_a_damaged_or_edited_cache_file_is_ignored(folder, reads, kind):
    truth = load_catalogue(cache=False)
    load_catalogue()
    [entry] = entries(folder)
    entry.write_bytes(tamperings(entry.read_bytes())[kind])
    again = load_catalogue()
    assert same(again, truth) and reads["n"] == 3
    assert same(load_catalogue(), truth) and reads["n"] == 3  # the entry was written anew, and is used


def test_a_cache_file_that_is_a_folder_is_ignored(folder, reads):
    load_catalogue()
    [entry] = entries(folder)
    entry.unlink()
    entry.mkdir()
    assert same(load_catalogue(), load_catalogue(cache=False))


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path, monkeypatch, reads):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ANALYSER_CACHE_DIR", str(blocker / "cache"))
    assert same(load_catalogue(), load_catalogue(cache=False)) and reads["n"] == 2
    assert blocker.read_text() == "not a folder"


def test_the_cache_can_be_turned_off(folder, monkeypatch, reads):
    monkeypatch.setenv("ANALYSER_CACHE", "0")
    load_catalogue()
    load_catalogue()
    assert reads["n"] == 2 and not folder.exists()


def test_where_the_cache_lives(tmp_path):
    home = Path.home()
    assert cache.cache_folder({}) == home / ".cache" / "analyser"
    assert cache.cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "analyser"
    assert cache.cache_folder({"XDG_CACHE_HOME": "relative/path"}) == home / ".cache" / "analyser"
    assert cache.cache_folder({"XDG_CACHE_HOME": str(tmp_path), "ANALYSER_CACHE_DIR": "/x"}) == Path("/x")
    assert all(cache.cache_folder({"ANALYSER_CACHE": off, "ANALYSER_CACHE_DIR": "/x"}) is None
               for off in ("0", "off", "no", "false", " OFF "))


def test_inputs_that_are_not_plain_files_are_not_cached(tmp_path, folder):
    csv_folder = tmp_path / "csv"
    wf.write_dependency_table(wf.small_spec(), csv_folder, fmt="csv")
    assert cache.catalogue_key(csv_folder, None) is None
    assert cache.catalogue_key(Path("-"), default_tasks()) is None
    assert cache.catalogue_key(tmp_path / "not-there.xlsx", None) is None
    load_catalogue(csv_folder, with_tasks=False)
    assert entries(folder) == []


def test_the_key_follows_what_decides_the_catalogue(tmp_path, monkeypatch):
    from analyser.load.grid import LIMITS

    key = cache.catalogue_key(default_table(), default_tasks(), task_sheet=None).digest
    assert cache.catalogue_key(default_table(), default_tasks(), task_sheet="Tehtävät").digest != key
    copy = tmp_path / "riippuvuustaulukko.xlsx"
    copy.write_bytes(default_table().read_bytes())
    assert cache.catalogue_key(copy, default_tasks(), task_sheet=None).digest != key  # findings name the path
    monkeypatch.setattr(LIMITS, "cells", 10)
    assert cache.catalogue_key(default_table(), default_tasks(), task_sheet=None).digest != key


def test_a_file_changed_while_it_was_read_is_not_kept(tmp_path, folder):
    table, tasks = factory_case(2, tmp_path)
    key = cache.catalogue_key(table, tasks, task_sheet=None)
    parsed = load_catalogue(table, tasks, cache=False)
    os.utime(table, ns=(0, 0))
    assert not cache.store(key, parsed) and entries(folder) == []


def test_only_catalogue_types_are_encoded():
    with pytest.raises(TypeError):
        cache.encode(Path("x"))
    with pytest.raises(TypeError):
        cache.encode({"a": 1})
    value = (1, 2.5, float("inf"), -0.0, "ä", None, True, [1, (2,)], dt.date(2026, 1, 2),
             dt.datetime(2026, 1, 2, 3, 4, 5, 6), dt.time(7, 8), dt.timedelta(days=-1, seconds=5), 10**40)
    assert same(cache.decode(json.loads(json.dumps(cache.encode(value)))), value)


def test_least_recently_used_entries_go(tmp_path, folder, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    shipped = load_catalogue(cache=False)
    keys = [cache.CacheKey(f"{n:064x}", ()) for n in range(4)]
    for n, key in enumerate(keys):
        assert cache.store(key, shipped)
        os.utime(entries(folder)[-1] if n == 0 else cache._file(folder, key), ns=(n, n))
    assert {p.name for p in entries(folder)} == {cache._file(folder, k).name for k in keys[2:]}
    assert isinstance(cache.load_cached(keys[3]), Catalogue)
