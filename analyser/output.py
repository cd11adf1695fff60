"""Writing outputs safely: atomically, never over an input, never as a formula.

Text that a spreadsheet would run as a formula (it begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, possibly after spaces) is prefixed
with an apostrophe. Files are written to a temporary file in the target
folder and renamed into place, so an interrupted run leaves the previous
file intact. ``-`` as an output path is standard output (:func:`write_stdout`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Sequence

from analyser.findings import OutputError, UsageError
from analyser.text.labels import os_reason

__all__ = [
    "neutralise",
    "write_atomic",
    "write_all_atomic",
    "InChild",
    "csv_text",
    "csv_line",
    "csv_cell",
    "CSV_DIALECTS",
    "guard_inputs",
    "UNSAFE_FIRST",
    "STDOUT",
    "BINARY_FORMATS",
    "is_stdout",
    "write_stdout",
]

#: The output path that stands for standard output.
STDOUT = "-"
#: Output formats that are bytes, not text.
BINARY_FORMATS = ("png", "pdf", "xlsx")


_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: A regular-expression class of the characters a text may not begin with to be safe as it is:
#: the triggers, and a space (spaces may come before a trigger).
UNSAFE_FIRST = "[" + re.escape("".join(_TRIGGERS) + " ") + "]"


def neutralise(value: object) -> object:
    """Make a text cell safe for spreadsheets; numbers and other values pass unchanged.

    Examples
    --------
    >>> neutralise("=SUM(A1)"), neutralise("  +1"), neutralise("-"), neutralise(-5), neutralise("ok")
    ("'=SUM(A1)", "'  +1", "'-", -5, 'ok')
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(_TRIGGERS):
        return "'" + value
    if isinstance(value, str) and value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def guard_inputs(path: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> None:
    """Raise OutputError when ``path`` is one of the input files (or inside an input folder).

    Examples
    --------
    >>> guard_inputs("out/a.csv", ["data/t.xlsx"])
    >>> try:
    ...     guard_inputs("data/t.xlsx", ["data/t.xlsx"])
    ... except OutputError as exc:
    ...     print(exc.text("fi")); print(exc.text("en"))
    lähtötiedoston data/t.xlsx päälle ei kirjoiteta
    refusing to write over the input file data/t.xlsx
    """
    target = Path(path).resolve()
    for raw in inputs:
        if raw is None or raw == "" or raw == STDOUT:  # "-" read standard input, not a file
            continue
        source = Path(raw).resolve()
        if target == source or _same_file(target, source):
            raise OutputError("over_input", path=str(raw))
        if source.is_dir() and source in target.parents:
            raise OutputError("into_input_folder", path=str(raw))


def _refused(action: str, exc: OSError, **where: object) -> OutputError:
    """The error of ``action`` ("output_folder", "write_into" or "write") refused by the system.

    Examples
    --------
    >>> import errno
    >>> _refused("write", PermissionError(errno.EACCES, "Permission denied"), path="out/a.csv").text("fi")
    'tiedostoa out/a.csv ei voi kirjoittaa: käyttöoikeus puuttuu'
    >>> _refused("write", OSError(errno.ENOSPC, "No space left on device"), path="out/a.csv").text("en")
    'cannot write out/a.csv: no space left on the device'
    """
    where = {name: str(value) for name, value in where.items()}
    return OutputError(action, reason=os_reason(exc), **where)


def _folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refused("output_folder", exc, folder=folder) from None
    if path.is_dir():
        raise OutputError("is_folder", path=str(path))
    return folder


def _stage(path: Path, data) -> str:
    """Write ``data`` to a temporary file beside ``path``; return its name.

    ``data`` is bytes or text, an iterable of byte or text chunks, or a
    callable that writes into the binary file handle it is given.
    """
    import tempfile

    folder = _folder(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _refused("write_into", exc, folder=folder) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, bytearray)):
                handle.write(data)
            elif isinstance(data, str):
                handle.write(data.encode("utf-8"))
            elif callable(data):
                data(handle)
            else:
                for chunk in data:
                    handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise _refused("write", exc, path=path) from None
        raise
    return tmp


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


class InChild:
    """Marks a writer (a callable taking a binary file handle) that may run in a forked process,
    on a second core, while the other files of the same call are written.

    Writers given the same ``together`` key (for example the many small files
    of one folder) share one process, which writes them one after another.
    """

    def __init__(self, write, together: str | None = None):
        self.write = write
        self.together = together


def _stage_in_child(files: list[tuple[Path, InChild]]):
    """Start writing ``files`` (path, writer) to temporary files beside their paths, one after another, in
    one forked process.

    Returns (temporary names, process), or None where fork is not available.
    The process's exit code is 0, or 1 + the number of the file it failed on.
    """
    import multiprocessing
    import tempfile

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    temporary: list[str] = []
    try:
        for path, _ in files:
            folder = _folder(path)
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            except OSError as exc:
                raise _refused("write_into", exc, folder=folder) from None
            os.close(fd)
            temporary.append(tmp)
    except BaseException:
        for tmp in temporary:
            _discard(tmp)
        raise
    jobs = [(tmp, data.write) for tmp, (_, data) in zip(temporary, files)]
    process = multiprocessing.get_context("fork").Process(target=_child_write, args=(jobs,), daemon=True)
    process.start()
    return temporary, process


def _child_write(jobs: list[tuple[str, object]]) -> None:
    for number, (tmp, write) in enumerate(jobs):
        try:
            with open(tmp, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        except BaseException:  # the parent reports the failure; nothing may escape a forked child
            os._exit(1 + min(number, 250))
    os._exit(0)


def write_all_atomic(files: dict, *, inputs: Iterable = ()) -> list[Path]:
    """Write several files so that a failure leaves all of the previous ones in place.

    Every target is checked against the inputs first; then every file is
    written to a temporary file beside its target (writers wrapped in
    :class:`InChild` in second processes at the same time, those with the
    same ``together`` key in one); only when all are written are they
    renamed into place, and should a rename fail, the files already renamed
    are put back.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> later = InChild(lambda handle: handle.write(b"3"), together="c")
    >>> [p.name for p in write_all_atomic({d / "a.txt": "1", d / "b.txt": b"2", d / "c.txt": later})]
    ['a.txt', 'b.txt', 'c.txt']
    >>> (d / "c.txt").read_text()
    '3'
    """
    targets = [(Path(p), d) for p, d in files.items()]
    for path, _ in targets:
        guard_inputs(path, inputs)
    staged: dict[Path, str] = {}
    children: list[tuple[list[Path], object]] = []
    groups: dict[object, list[tuple[Path, InChild]]] = {}
    for k, (path, data) in enumerate(targets):
        if isinstance(data, InChild):
            groups.setdefault(data.together if data.together is not None else ("alone", k), []).append((path, data))
    try:
        for group in groups.values():
            started = _stage_in_child(group)
            if started is not None:
                staged.update(zip([path for path, _ in group], started[0]))
                children.append(([path for path, _ in group], started[1]))
        for path, data in targets:
            if path not in staged:
                staged[path] = _stage(path, data.write if isinstance(data, InChild) else data)
        for paths, process in children:
            process.join()
            if process.exitcode != 0:
                failed = paths[min(max(process.exitcode - 1, 0), len(paths) - 1)]
                raise OutputError("write_failed", path=str(failed))
        _put_in_place([(staged[path], path) for path, _ in targets])
    finally:
        for _, process in children:
            if process.is_alive():
                process.terminate()
                process.join()
        for tmp in staged.values():
            if os.path.exists(tmp):
                _discard(tmp)
    return [path for path, _ in targets]


def _put_in_place(moves: list[tuple[str, Path]]) -> None:
    """Rename each staged file over its target; if one rename fails, put back the files
    already replaced (kept as hard links meanwhile), so the set stays all old or all new."""
    kept: list[tuple[Path, str | None]] = []  # (target, link to its previous content or None)
    try:
        for tmp, path in moves:
            previous = None
            if path.exists():
                previous = f"{tmp}.previous"
                try:
                    os.link(path, previous)
                except OSError:  # no hard links here: the old file cannot be kept
                    previous = None
            kept.append((path, previous))
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _refused("write", exc, path=path) from None
    except BaseException:
        for path, previous in reversed(kept[:-1]):
            try:
                if previous is not None:
                    os.replace(previous, path)
                else:
                    os.unlink(path)
            except OSError:
                pass
        raise
    finally:
        for _, previous in kept:
            if previous is not None and os.path.exists(previous):
                _discard(previous)


def write_atomic(path: str | os.PathLike, data: bytes | str, *, inputs: Iterable = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = write_atomic(p, "hei")
    >>> p.read_text()
    'hei'
    """
    return write_all_atomic({Path(path): data}, inputs=inputs)[0]


def is_stdout(path: str | os.PathLike | None) -> bool:
    """Whether an output path is ``-``, standard output.

    Examples
    --------
    >>> is_stdout("-"), is_stdout("out/-"), is_stdout(None)
    (True, False, False)
    """
    return path is not None and os.fspath(path) == STDOUT


def write_stdout(data: bytes | str, out, fmt: str) -> None:
    """Write one output in format ``fmt`` to a command's standard output ``out``.

    A text format goes to ``out`` as text (bytes read as UTF-8); a format of
    :data:`BINARY_FORMATS` goes to the byte stream under it, ``out.buffer``,
    and a text-only ``out`` (an ``io.StringIO``) refuses it.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> write_stdout(b"<svg/>", out, "svg"); out.getvalue()
    '<svg/>'
    >>> out = io.TextIOWrapper(io.BytesIO())
    >>> write_stdout(b"\\x89PNG", out, "png"); out.buffer.getvalue()
    b'\\x89PNG'
    >>> write_stdout(b"\\x89PNG", io.StringIO(), "png")
    Traceback (most recent call last):
    ...
    analyser.findings.OutputError: muotoa png ei voi kirjoittaa tekstivirtaan
    """
    if fmt not in BINARY_FORMATS:
        out.write(data.decode("utf-8") if isinstance(data, bytes) else data)
        out.flush()
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        raise OutputError("stdout_binary", fmt=fmt)
    out.flush()
    buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    buffer.flush()


CSV_DIALECTS = ("excel-fi", "rfc4180")


# Text that needs neither quotes nor neutralising, by separator: most cells, passed through as they are.
_PLAIN_CELL = {sep: re.compile(f'(?!{UNSAFE_FIRST})[^"{sep}\r\n]+').fullmatch for sep in (";", ",", "\t")}


def csv_cell(value: object, delimiter: str = ",", decimal_comma: bool = False) -> str:
    """One CSV field: neutralised, numbers with a decimal comma if asked, quoted when needed.

    Examples
    --------
    >>> csv_cell('say "hi"; ok', ";"), csv_cell(2.5, ";", True), csv_cell("=1"), csv_cell(None)
    ('"say ""hi""; ok"', '2,5', "'=1", '')
    >>> csv_cell("a|b", "|"), csv_cell("a;b", "|")
    ('"a|b"', 'a;b')
    """
    if value.__class__ is str and (not value or delimiter in _PLAIN_CELL and _PLAIN_CELL[delimiter](value)):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float):
        text = repr(value).replace(".", ",") if decimal_comma else repr(value)
    elif isinstance(value, int):
        text = str(value)
    else:
        text = str(neutralise(str(value)))
    if delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(values: Sequence[object], dialect: str = "rfc4180") -> str:
    """One CSV record with its line ending (CRLF), in either dialect.

    Examples
    --------
    >>> csv_line(["a", "=1", 2.5])
    "a,'=1,2.5\\r\\n"
    >>> csv_line(["a;b", 2.5], "excel-fi")
    '"a;b";2,5\\r\\n'
    >>> csv_line([""])  # a lone empty field is quoted, so the record is not a blank line
    '""\\r\\n'
    """
    fi = dialect == "excel-fi"
    delimiter = ";" if fi else ","
    if len(values) == 1 and (values[0] is None or values[0] == ""):
        return '""\r\n'
    return delimiter.join(csv_cell(v, delimiter, fi) for v in values) + "\r\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], dialect: str = "rfc4180") -> str:
    """CSV text for people's spreadsheets (``excel-fi``) or for pipelines (``rfc4180``).

    ``excel-fi`` uses ``;``, a byte-order mark and decimal commas, which is what
    Finnish Excel opens correctly. Text cells are neutralised in both.

    Examples
    --------
    >>> csv_text(["a", "b"], [["=x", 1.5]], "excel-fi")
    "\\ufeffa;b\\r\\n'=x;1,5\\r\\n"
    >>> csv_text(["a", "b"], [["x", 1.5]])
    'a,b\\r\\nx,1.5\\r\\n'
    """
    if dialect not in CSV_DIALECTS:
        raise UsageError("csv_dialect", dialect=dialect, dialects=CSV_DIALECTS)
    text = csv_line(header, dialect) + "".join(csv_line(row, dialect) for row in rows)
    return ("\ufeff" + text) if dialect == "excel-fi" else text
