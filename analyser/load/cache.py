"""The parse cache: a catalogue read once is kept as JSON, keyed by everything that decides it.

The key is a SHA-256 of the bytes of both workbooks, their paths as given
(findings name them), the options of the read, the reader's limits, the
source code of the reader (``analyser/load``, ``analyser/text``, the records
and findings) and the tool's and Python's versions. A changed file, a new
version or an edited reader gives a new key, so the old entry is never read.

The file is data only: one line of JSON with the schema, the key and the
SHA-256 of the rest, then the catalogue as JSON in which every record is an
object naming its type (one of :data:`_TYPES`, nothing else is ever built)
and its fields. It is never trusted over the workbooks: a file that is
missing, damaged, edited, of another schema or key, owned by another user,
or that does not decode to a catalogue is ignored and the workbooks are read
again. An entry is written only when it decodes back to exactly what it
encodes, and a cache that cannot be written is skipped without a word.

Where: ``$ANALYSER_CACHE_DIR``, else ``$XDG_CACHE_HOME/analyser``, else
``~/.cache/analyser``. ``ANALYSER_CACHE=0`` turns it off. The :data:`KEEP`
most recently used entries are kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import importlib
import json
import math
import os
import stat
import sys
from pathlib import Path
from typing import NamedTuple

__all__ = ["SCHEMA", "KEEP", "CacheKey", "cache_folder", "catalogue_key", "load_cached", "store", "encode",
           "decode"]

#: The layout of a cache file; a file of another schema is ignored.
SCHEMA = 1
#: Entries kept; when a write makes more, the least recently used go.
KEEP = 64
#: Values that turn the cache off in ``ANALYSER_CACHE``.
OFF = ("0", "no", "off", "false")

#: The only types a cache file may name: the records of a catalogue, by name, and their modules.
_TYPES = {
    **dict.fromkeys(("Catalogue", "Item", "Profile", "Dependency", "Applicability", "Task", "Period", "Place"),
                    "analyser.records"),
    "Finding": "analyser.findings",
    "Timing": "analyser.load.timing",
}
_PREFIX = "catalogue-"


class CacheKey(NamedTuple):
    """The key of one read: its digest, and each file's ``(path, (size, modified, inode))`` when hashed."""

    digest: str
    files: tuple[tuple[Path, tuple[int, int, int]], ...]


def cache_folder(environ=None) -> Path | None:
    """The cache's folder, or None when ``ANALYSER_CACHE`` turns it off.

    Examples
    --------
    >>> cache_folder({"ANALYSER_CACHE_DIR": "/tmp/c"}), cache_folder({"ANALYSER_CACHE": "0"})
    (PosixPath('/tmp/c'), None)
    >>> cache_folder({"XDG_CACHE_HOME": "/var/cache/me"})
    PosixPath('/var/cache/me/analyser')
    """
    environ = os.environ if environ is None else environ
    if environ.get("ANALYSER_CACHE", "").strip().lower() in OFF:
        return None
    if environ.get("ANALYSER_CACHE_DIR"):
        return Path(environ["ANALYSER_CACHE_DIR"])
    xdg = environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG rule: a relative value is ignored
        return Path(xdg) / "analyser"
    try:
        return Path.home() / ".cache" / "analyser"
    except RuntimeError:  # no home folder
        return None


@functools.cache
def _code_digest() -> str:
    """SHA-256 of the reader's source code: what turns workbook bytes into a catalogue."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("load/*.py"), *root.glob("text/*.py"), root / "records.py", root / "findings.py"]):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode() + b"\0?")
    return digest.hexdigest()


def _limits() -> dict:
    from analyser.load.grid import LIMITS

    return {name: getattr(LIMITS, name) for name in dir(LIMITS)
            if not name.startswith("_") and isinstance(getattr(LIMITS, name), int)}


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def catalogue_key(table: Path, tasks: Path | None, **options: object) -> CacheKey | None:
    """The key of reading ``table`` and ``tasks`` (None: no task workbook) with ``options``.

    None when an input is not a regular file within the reader's size limit
    (standard input, a folder of CSV files, a file that is not there): such a
    read is not cached.

    Examples
    --------
    >>> from analyser.load.catalogue import default_table, default_tasks
    >>> key = catalogue_key(default_table(), default_tasks(), task_sheet=None)
    >>> len(key.digest), key == catalogue_key(default_table(), default_tasks(), task_sheet=None)
    (64, True)
    >>> key.digest == catalogue_key(default_table(), None, task_sheet=None).digest
    False
    >>> catalogue_key(Path("-"), None) is None
    True
    """
    from analyser import __version__
    from analyser.load.grid import LIMITS

    paths = [table] if tasks is None else [table, tasks]
    head = [SCHEMA, __version__, sys.version, _code_digest(), _limits(), sorted(options.items()),
            [str(p) for p in paths], tasks is not None]
    digest = hashlib.sha256(json.dumps(head, default=str).encode())
    files = []
    for path in paths:
        if str(path) == "-":
            return None
        try:
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_size > LIMITS.file_bytes:
                    return None
                data = handle.read()
        except OSError:
            return None
        digest.update(len(data).to_bytes(8, "big") + data)
        files.append((path, _stamp(info)))
    return CacheKey(digest.hexdigest(), tuple(files))


def _file(folder: Path, key: CacheKey) -> Path:
    return folder / f"{_PREFIX}{key.digest[:40]}.json"


def load_cached(key: CacheKey, folder: Path | None = None):
    """The catalogue kept under ``key`` in ``folder`` (:func:`cache_folder` by default), or None when there
    is none that can be trusted.

    Examples
    --------
    >>> load_cached(CacheKey("0" * 64, ())) is None
    True
    """
    from analyser.load.grid import LIMITS
    from analyser.records import Catalogue

    folder = cache_folder() if folder is None else folder
    if folder is None:
        return None
    path = _file(folder, key)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > LIMITS.uncompressed_bytes or info.st_uid != os.getuid():  # another's file: not ours
                return None
            raw = handle.read()
        line, _, body = raw.partition(b"\n")
        if json.loads(line) != {"schema": SCHEMA, "key": key.digest, "sha256": hashlib.sha256(body).hexdigest()}:
            return None
        catalogue = decode(json.loads(body))
        if type(catalogue) is not Catalogue:
            return None
        os.utime(path)  # recently used: kept longest
        return catalogue
    except Exception:  # a missing, damaged or hostile file: read the workbooks instead
        return None


def store(key: CacheKey, catalogue, folder: Path | None = None) -> bool:
    """Keep ``catalogue`` under ``key`` in ``folder`` (:func:`cache_folder` by default); False when it was
    not kept (the cache is off or cannot be written, an input changed while it was read, or the catalogue
    does not round-trip exactly).

    Examples
    --------
    >>> import tempfile
    >>> from analyser.load.catalogue import default_table, default_tasks
    >>> folder, key = Path(tempfile.mkdtemp()), catalogue_key(default_table(), default_tasks(), task_sheet=None)
    >>> store(key, c, folder), load_cached(key, folder) == c
    (True, True)
    """
    folder = cache_folder() if folder is None else folder
    if folder is None:
        return False
    tmp = None
    try:
        if any(_stamp(os.stat(path)) != stamp for path, stamp in key.files):
            return False
        data = encode(catalogue)
        if encode(decode(data)) != data:
            return False
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        line = json.dumps({"schema": SCHEMA, "key": key.digest, "sha256": hashlib.sha256(body).hexdigest()})
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = _file(folder, key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(tmp, "wb") as handle:
            handle.write(line.encode() + b"\n" + body)
        os.replace(tmp, path)
        tmp = None
        _prune(folder)
        return True
    except Exception:  # a cache is a convenience: never the reason a command fails
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path) -> None:
    """Remove the least recently used entries beyond :data:`KEEP`."""
    entries = []
    for entry in os.scandir(folder):
        if entry.name.startswith(_PREFIX) and entry.name.endswith(".json"):
            entries.append((entry.stat().st_mtime_ns, entry.name))
    for _, name in sorted(entries, reverse=True)[KEEP:]:
        try:
            os.unlink(folder / name)
        except OSError:
            pass


# ---------------------------------------------------------------------------
# Records as JSON and back
# ---------------------------------------------------------------------------


def encode(value: object) -> object:
    """``value`` as JSON data: tuples as arrays, records and other values as objects tagged by ``"$"``.

    Only the types of a catalogue are taken; anything else is a TypeError
    (and such a catalogue is not cached). A field equal to its default is
    left out.

    Examples
    --------
    >>> from analyser.records import Place
    >>> encode((Place("t.xlsx", "Osatoteutukset", 4), dt.date(2026, 1, 5), [1]))
    [{'$': 'Place', 'file': 't.xlsx', 'sheet': 'Osatoteutukset', 'row': 4}, {'$': 'date', 'v': '2026-01-05'}, {'$': 'list', 'v': [1]}]
    """
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$": "float", "v": repr(value)}
    if kind is tuple:
        return [encode(v) for v in value]
    if kind is list:
        return {"$": "list", "v": [encode(v) for v in value]}
    if kind in (dt.date, dt.datetime, dt.time):
        return {"$": kind.__name__, "v": value.isoformat()}
    if kind is dt.timedelta:
        return {"$": "timedelta", "v": [value.days, value.seconds, value.microseconds]}
    if _TYPES.get(kind.__name__) == kind.__module__ and dataclasses.is_dataclass(kind):
        out: dict[str, object] = {"$": kind.__name__}
        for field in dataclasses.fields(kind):
            item = getattr(value, field.name)
            if type(item) is type(field.default) and item == field.default:
                continue
            out[field.name] = encode(item)
        return out
    raise TypeError(f"the cache does not keep {kind.__module__}.{kind.__qualname__}")


def _record_type(name: str) -> type:
    return getattr(importlib.import_module(_TYPES[name]), name)


_VALUES = {
    "float": float,
    "list": lambda v: [decode(x) for x in v],
    "date": dt.date.fromisoformat,
    "datetime": dt.datetime.fromisoformat,
    "time": dt.time.fromisoformat,
    "timedelta": lambda v: dt.timedelta(days=v[0], seconds=v[1], microseconds=v[2]),
}


def decode(data: object) -> object:
    """The value :func:`encode` made ``data`` from; KeyError, TypeError or ValueError for anything else.

    Examples
    --------
    >>> decode(encode((c.items[0], dt.timedelta(days=2)))) == (c.items[0], dt.timedelta(days=2))
    True
    >>> decode({"$": "os.system", "command": "ls"})
    Traceback (most recent call last):
    ...
    KeyError: 'os.system'
    """
    if type(data) is list:
        return tuple(decode(v) for v in data)
    if type(data) is dict:
        tag = data["$"]
        if tag in _VALUES:
            return _VALUES[tag](data["v"])
        cls = _record_type(tag)
        return cls(**{name: decode(v) for name, v in data.items() if name != "$"})
    if data is None or type(data) in (str, int, bool, float):
        return data
    raise TypeError(f"not cache data: {type(data).__name__}")
