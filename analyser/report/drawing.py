"""Drawing in the background: figures made by processes forked before they are needed.

Drawing takes matplotlib, slow to import, and then a fraction of a second
per figure. :class:`Drawing` forks one process at once, which imports the
drawing code while this one reads and analyses its input. Given the figures
to draw (:meth:`Drawing.draw`), it forks more workers, already warm, up to
the usable cores, and they take the figures one at a time. Each figure is
written to a file of its own in a private temporary folder (under a
temporary name, then renamed), so a worker never waits for anyone, and this
process, and any process forked from it later (a file written in a second
process), can read a figure as soon as it is there (:meth:`Drawn.get`).

Where fork is not available, or one core is all there is, the figures are
drawn here, at once. A figure a worker failed to draw is drawn by whoever
asks for it, so its error, if any, is raised there. Either way the bytes
are the same: each figure is drawn from its task alone, and is kept by task,
not by who drew it.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import shutil
import signal
import tempfile
import weakref
from pathlib import Path
from typing import Callable, Iterable, Sequence

__all__ = ["Drawing", "Drawn", "usable_cores"]

#: Most worker processes: the drawings are independent, so more cores help a big batch.
MAX_WORKERS = 4

_POLL = 0.005  # seconds between looks for a figure not drawn yet


def usable_cores() -> int:
    """The cores this process may run on.

    Examples
    --------
    >>> usable_cores() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm_up() -> None:
    from analyser.plot import warm_up

    warm_up(remember_texts=True)


class Drawing:
    """Processes that draw figures in the background, started now and warming up at once.

    ``workers`` is the most processes to draw in (default: the usable cores,
    at most :data:`MAX_WORKERS`); with fewer than two, or without fork,
    :meth:`draw` draws in this process instead. ``warm`` is run in the first
    process while it waits (default: :func:`analyser.plot.warm_up`, which
    loads matplotlib and the fonts, and has text extents measured once).
    One :meth:`draw` per drawing.
    Close it (or use it in a ``with`` block) when the figures have been
    read: that stops processes still running and removes their files.

    Examples
    --------
    >>> with Drawing(workers=2, warm=None) as drawing:
    ...     drawn = drawing.draw(pow, 2, [3, 10])
    ...     drawn.get(1), drawn.get(0)
    (1024, 8)
    """

    def __init__(self, workers: int | None = None, warm: Callable[[], None] | None = _warm_up):
        import multiprocessing

        self.workers = min(workers or usable_cores(), MAX_WORKERS)
        self._host = None
        self._stop = None
        self.folder: Path | None = None
        if self.workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self.workers = 1
            return
        context = multiprocessing.get_context("fork")
        opened: list = []
        try:
            self.folder = Path(tempfile.mkdtemp(prefix="analyser-drawings-"))
            job_in, self._job = context.Pipe(duplex=False)
            opened += [job_in.close, self._job.close]
            self._ended, ending = os.pipe()  # readable (at its end) once every worker has exited
            opened += [lambda: os.close(self._ended), lambda: os.close(ending)]
            host = context.Process(target=_host, args=((job_in, self._job), ending, self.folder, self.workers, warm,
                                                       os.getpid()), daemon=True)
            host.start()
        except (OSError, AssertionError):  # no temporary folder, no process to be had (or a daemon): draw here
            for close in opened:
                close()
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)
            self.workers = 1
            return
        job_in.close()
        os.close(ending)
        self._host = host
        self._stop = weakref.finalize(self, _stop, host, self._job, self._ended, self.folder, os.getpid())

    def draw(self, function: Callable, common, tasks: Sequence, *,
             progress: Callable[[Iterable], Iterable] | None = None) -> "Drawn":
        """Start drawing ``function(common, task)`` (bytes) for each task.

        In the background, the function and its arguments must pickle (a
        module-level function and plain data). ``progress`` wraps an
        iterable of the figures as they are drawn (a progress bar): here, or,
        in the background, the first time this process waits for them.
        """
        tasks = list(tasks)
        if self._host is not None:
            try:  # through a file: the first process may still be warming up, and a pipe holds little
                (self.folder / "job").write_bytes(pickle.dumps((function, common, tasks), pickle.HIGHEST_PROTOCOL))
                self._job.send_bytes(b"go")
                self._job.close()
                return Drawn(function, common, tasks, self, progress)
            except Exception:  # the first process is gone, or the job does not pickle: draw here
                self.close()
        drawn = Drawn(function, common, tasks, None, None)
        for index in progress(range(len(tasks))) if progress else range(len(tasks)):
            drawn.here[index] = function(common, tasks[index])
        return drawn

    def running(self) -> bool:
        """Whether a worker may still be drawing."""
        if self._host is None:
            return False
        return not select.select([self._ended], [], [], 0)[0]

    def close(self) -> None:
        """Stop the processes if they still run, and remove their files (also done if it is never closed)."""
        self._host = None
        if self._stop is not None:
            self._stop()

    def __enter__(self) -> "Drawing":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Drawn:
    """The figures of one :meth:`Drawing.draw`, by task number (:meth:`get`); the process that started
    the drawing, and any process forked from it, may read them."""

    def __init__(self, function: Callable, common, tasks: list, drawing: Drawing | None, progress):
        self._function = function
        self._common = common
        self.tasks = tasks
        self._drawing = drawing
        self._progress = progress
        self._owner = os.getpid()
        self.here: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self.tasks)

    def get(self, index: int) -> bytes:
        """The bytes of task ``index``'s figure, waiting for it if need be."""
        if index in self.here:
            return self.here[index]
        if self._progress is not None and os.getpid() == self._owner:
            progress, self._progress = self._progress, None
            for _ in progress(_Waiting(self)):
                pass
        return self._wait(index)

    def _wait(self, index: int) -> bytes:
        drawing = self._drawing
        path = drawing.folder / str(index) if drawing is not None and drawing.folder is not None else None
        while path is not None:
            try:
                return path.read_bytes()
            except FileNotFoundError:
                if not drawing.running():
                    if path.exists():
                        continue
                    break
                select.select([drawing._ended], [], [], _POLL)
        data = self._function(self._common, self.tasks[index])  # not drawn in the background: draw it here
        self.here[index] = data
        return data


class _Waiting:
    """Waits for each figure in turn: a sized iterable, so a progress bar knows its length."""

    def __init__(self, drawn: Drawn):
        self.drawn = drawn

    def __len__(self) -> int:
        return len(self.drawn.tasks)

    def __iter__(self):
        for index in range(len(self.drawn.tasks)):
            self.drawn._wait(index)
            yield index


def _stop(host, job, ended: int, folder: Path, owner: int) -> None:
    """Stop the first process (which stops the others), wait until every worker is gone, and remove their
    folder: in the process that started them only."""
    if os.getpid() != owner:
        return
    try:
        job.close()
        if host.is_alive():
            host.terminate()
        host.join()
        select.select([ended], [], [], 10)
        os.close(ended)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _host(job: tuple, ending: int, folder: Path, workers: int, warm, owner: int) -> None:
    """The first background process: warm up, wait for the job, fork the other workers, draw; if the
    process that started it is gone (killed), remove the folder it can no longer remove."""
    children: list[int] = []

    def stop(*_):
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        os._exit(1)

    status = 1
    job_in, job_out = job
    job_out.close()  # the job comes from the main process only: its end closes when it exits
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process, which stops this one
        signal.signal(signal.SIGTERM, stop)
        if warm is not None:
            warm()
        # a drawing is a web of reference cycles, made and dropped whole: collect once per drawing (_work)
        # instead of every few hundred new objects, with what is loaded by now frozen out of the way
        gc.freeze()
        gc.disable()
        try:
            job_in.recv_bytes()
        except EOFError:  # closed without a job (or killed): the folder is of no more use
            shutil.rmtree(folder, ignore_errors=True)
            os._exit(0)
        job_in.close()
        job = pickle.loads((folder / "job").read_bytes())
        import multiprocessing

        counter = multiprocessing.get_context("fork").Value("Q", 0)
        for _ in range(1, min(workers, len(job[2]))):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # a stop waits until the child is known
            pid = os.fork()
            if pid == 0:
                children.clear()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
                _work(job, folder, counter)
                os._exit(0)
            children.append(pid)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        _work(job, folder, counter)
        status = 0
        for pid in children:
            os.waitpid(pid, 0)
    except BaseException:  # whoever asks draws what is missing; nothing may escape a forked child
        pass
    if os.getppid() != owner:
        shutil.rmtree(folder, ignore_errors=True)
    os._exit(status)


def _work(job: tuple, folder: Path, counter) -> None:
    """Draw tasks, taken one at a time, each into a file of its own (complete once renamed)."""
    function, common, tasks = job
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(tasks):
            return
        part = folder / f"{index}.part"
        part.write_bytes(function(common, tasks[index]))
        os.replace(part, folder / str(index))
        gc.collect()
