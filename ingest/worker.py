"""Running the parsing of an untrusted file in a child process with limits.

A hostile file (a zip bomb, a 200 MB field, a sheet that expands without end)
must cost one worker, never the process that serves everyone (the Streamlit
server) or the command line. :func:`run` calls a function in a child process
whose address space is limited (``RLIMIT_AS``) to what it starts with plus
:attr:`Limits.memory_mb`, and kills it after :attr:`Limits.seconds`. The
function gets a ``progress(fraction, stage)`` callable whose calls reach the
caller; its result, or the :class:`~ingest.files.ImportProblem` it raised, comes
back as the result, or the exception, of :func:`run`. A limit that is hit
raises an ``ImportProblem`` naming that limit.

The children come from a fresh interpreter (``python -m ingest.worker``, the
*zygote*), not from a fork of the caller: they share nothing with the server's
threads, and nothing of the page that asked (Streamlit runs pages as
``__main__``, which multiprocessing would run again). One zygote per calling
process starts with the first job, imports what jobs need (pandas, SQLAlchemy,
the importer: :data:`PRELOAD`) once, starts no thread of its own (OpenBLAS stops
and restarts its pool around a fork), and forks one child per job:
a job starts in milliseconds instead of the second a new interpreter took. Each
child takes the caller's environment of the moment, limits itself, runs its one
job and exits; the zygote reports the exit code of a child that died without a
word, and ends when its caller does. Jobs and their messages travel over a socket
pair as pickles.

    INSIKT_FILE_MEMORY_MB   memory one file may use while it is read (default 1536)
    INSIKT_FILE_SECONDS     time one file may take to be checked (default 600)
"""

from __future__ import annotations

import importlib
import os
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ingest.files import ImportProblem

MEMORY_MB = 1536
SECONDS = 600
ROOT = Path(__file__).resolve().parent.parent
# Imported once by the zygote, shared by every job's child: the importer, what its checks
# import on first use and the workbook reader (a check's child imported SciPy, Alembic,
# openpyxl and 1,000 other modules again: a second per file). tests/test_import_worker.py
# checks that a job imports nothing more.
PRELOAD = ("ingest.load", "queries.db", "queries.segments", "queries.settings", "openpyxl")

MESSAGES = {
    "file_memory_limit": "Reading the file needed more than {memory_mb:,} MB of memory, the limit for "
                         "one file (INSIKT_FILE_MEMORY_MB); nothing was imported. Split the file, or "
                         "check that it is the export you meant.",
    "file_time_limit": "Reading the file took longer than {seconds:,g} seconds, the limit for one file "
                       "(INSIKT_FILE_SECONDS); nothing was imported. Split the file into smaller ones.",
    "file_worker_failed": "The process reading the file stopped unexpectedly (exit code {exit_code}), "
                          "most likely because the file needed more than the {memory_mb:,} MB of memory "
                          "one file may use; nothing was imported.",
}


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost: megabytes of memory beyond what the
    worker starts with, and seconds of time."""

    memory_mb: int = MEMORY_MB
    seconds: float = SECONDS

    @classmethod
    def configured(cls) -> "Limits":
        """The limits from ``INSIKT_FILE_MEMORY_MB`` and ``INSIKT_FILE_SECONDS``."""
        return cls(int(os.environ.get("INSIKT_FILE_MEMORY_MB", MEMORY_MB)),
                   float(os.environ.get("INSIKT_FILE_SECONDS", SECONDS)))


def _problem(code: str, limits: Limits, **params) -> ImportProblem:
    params = {"memory_mb": limits.memory_mb, "seconds": limits.seconds, **params}
    return ImportProblem(code, MESSAGES[code].format(**params), params)


def _address_space() -> int:
    """The bytes of address space this process uses now."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(connection, limits: Limits, function: Callable, args: tuple) -> None:
    """In the worker: limit memory and CPU time, run, send the outcome."""
    budget = _address_space() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    cpu = int(limits.seconds) + 5  # a backstop: the parent kills the worker on its own clock first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        result = function(*args, progress=lambda fraction, stage: connection.send(("progress", fraction, stage)))
        connection.send(("done", result))
    except ImportProblem as problem:
        connection.send(("problem", problem.code, problem.message, problem.params))
    except MemoryError:
        connection.send(("memory",))
    except Exception as error:  # noqa: BLE001 - raised again in the caller, as it was
        try:
            connection.send(("error", error))
        except Exception:  # noqa: BLE001 - an exception that cannot travel
            connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        connection.close()


class _Zygote:
    """The calling process's zygote: started on first use (again if it has died),
    asked for one child per job."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None

    def _start(self) -> None:
        if self._control is not None:
            self._control.close()
        ours, theirs = socket.socketpair()
        ours.settimeout(120)  # the first answer waits for the imports; a zygote that hangs is replaced
        environment = {**os.environ,
                       "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self._process = subprocess.Popen([sys.executable, "-m", "ingest.worker", str(theirs.fileno())],
                                         pass_fds=[theirs.fileno()], cwd=ROOT, env=environment,
                                         stdin=subprocess.DEVNULL)
        theirs.close()
        self._control = ours

    def fork(self, job: socket.socket) -> int:
        """A new child serving ``job`` (its end of the job's socket pair); its pid."""
        with self._lock:
            for attempt in (1, 2):
                if self._process is None or self._process.poll() is not None:
                    self._start()
                try:
                    socket.send_fds(self._control, [b"j"], [job.fileno()])
                    answer = _read_exactly(self._control, 4)
                    return struct.unpack("!i", answer)[0]
                except OSError:
                    if attempt == 2:
                        raise
                    self._process.kill()  # it stopped answering: start another
                    self._process.wait()


def _read_exactly(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise ConnectionResetError("the zygote has gone")
        data += chunk
    return data


_ZYGOTE = _Zygote()


def run(function: Callable, *args, limits: Limits | None = None,
        progress: Callable[[float, str], None] | None = None):
    """``function(*args, progress=…)`` in a worker process under ``limits``
    (default: :meth:`Limits.configured`). Its ``ImportProblem`` is raised here;
    a limit that is hit raises one with the code ``file_memory_limit``,
    ``file_time_limit`` or ``file_worker_failed``."""
    if function.__module__ == "__main__":
        raise TypeError(f"{function.__qualname__} is defined in __main__, which the worker cannot import; "
                        "call it through its module")
    limits = limits or Limits.configured()
    ours, theirs = socket.socketpair()
    pid = _ZYGOTE.fork(theirs)
    theirs.close()
    receiver = Connection(ours.detach())
    deadline = time.monotonic() + limits.seconds
    ended = False
    try:
        receiver.send((function, args, limits, dict(os.environ)))
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _problem("file_time_limit", limits)
            if not receiver.poll(min(remaining, 0.5)):
                continue
            try:
                message = receiver.recv()
            except (EOFError, OSError):  # the worker and the zygote died without a word
                ended = True
                raise _problem("file_worker_failed", limits, exit_code=None) from None
            if message[0] == "progress":
                if progress:
                    progress(message[1], message[2])
                continue
            ended = True
            if message[0] == "done":
                return message[1]
            if message[0] == "problem":
                raise ImportProblem(message[1], message[2], message[3])
            if message[0] == "error":
                raise message[1]
            if message[0] == "exit":  # from the zygote: the worker died without a word
                raise _problem("file_worker_failed", limits, exit_code=message[1])
            raise _problem("file_memory_limit", limits)
    finally:
        receiver.close()
        if not ended:  # timed out, or the caller stopped waiting
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _serve(descriptor: int) -> None:
    """A job's child: receive the job, take the caller's environment, run it under its limits, answer."""
    connection = Connection(descriptor)
    function, args, limits, environment = connection.recv()
    os.environ.clear()
    os.environ.update(environment)
    _child(connection, limits, function, args)


def _reap(children: dict[int, socket.socket]) -> None:
    """Collect the children that have ended; tell the caller of each one's exit code
    (read only when the child died without a word)."""
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return
        job = children.pop(pid, None)
        if job is not None:
            try:
                Connection(job.detach()).send(("exit", os.waitstatus_to_exitcode(status)))
            except OSError:  # the caller has its answer and has closed its end
                pass


def _zygote(descriptor: int) -> None:
    """The zygote's loop: import what jobs need, then fork a child for each job's
    socket the caller sends, answering with the child's pid; end with the caller."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C to the server's terminal is the server's
    for module in PRELOAD:
        importlib.import_module(module)
    control = socket.socket(fileno=descriptor)
    children: dict[int, socket.socket] = {}
    while True:
        ready, _, _ = select.select([control], [], [], 0.2)
        _reap(children)
        if not ready:
            continue
        message, descriptors, _flags, _address = socket.recv_fds(control, 1, 1)
        if not message:  # the caller has ended
            return
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            control.close()
            for job in children.values():
                job.close()
            code = 1
            try:
                _serve(descriptors[0])
                code = 0
            finally:
                os._exit(code)
        children[pid] = socket.socket(fileno=descriptors[0])
        control.sendall(struct.pack("!i", pid))


if __name__ == "__main__":
    _zygote(int(sys.argv[1]))
