"""Running the parsing of an untrusted file in a child process with limits.

A hostile file (a zip bomb, a 200 MB field, a sheet that expands without end)
must cost one worker, never the process that serves everyone (the Streamlit
server) or the command line. :func:`run` calls a function in a fresh child
process whose address space is limited (``RLIMIT_AS``) to what it starts with
plus :attr:`Limits.memory_mb`, and kills it after :attr:`Limits.seconds`. The
function gets a ``progress(fraction, stage)`` callable whose calls reach the
caller; its result, or the :class:`~ingest.files.ImportProblem` it raised, comes
back as the result, or the exception, of :func:`run`. A limit that is hit
raises an ``ImportProblem`` naming that limit.

The worker is a fresh interpreter (``python -m ingest.worker``), not a fork:
it shares nothing with the server's threads, and nothing of the page that asked
(Streamlit runs pages as ``__main__``, which multiprocessing would run again).
Starting it costs about a second; the job and its messages travel over a
socket pair as pickles.

    INSIKT_FILE_MEMORY_MB   memory one file may use while it is read (default 1536)
    INSIKT_FILE_SECONDS     time one file may take to be checked (default 600)
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ingest.files import ImportProblem

MEMORY_MB = 1536
SECONDS = 600
ROOT = Path(__file__).resolve().parent.parent

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
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen([sys.executable, "-m", "ingest.worker", str(theirs.fileno())],
                               pass_fds=[theirs.fileno()], cwd=ROOT, env=environment, stdin=subprocess.DEVNULL)
    theirs.close()
    receiver = Connection(ours.detach())
    deadline = time.monotonic() + limits.seconds
    try:
        receiver.send((function, args, limits))
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _problem("file_time_limit", limits)
            if not receiver.poll(min(remaining, 0.5)):
                continue
            try:
                message = receiver.recv()
            except EOFError:  # the worker died without a word
                raise _problem("file_worker_failed", limits, exit_code=_exit_code(process)) from None
            if message[0] == "progress":
                if progress:
                    progress(message[1], message[2])
            elif message[0] == "done":
                return message[1]
            elif message[0] == "problem":
                raise ImportProblem(message[1], message[2], message[3])
            elif message[0] == "error":
                raise message[1]
            else:
                raise _problem("file_memory_limit", limits)
    finally:
        receiver.close()
        if process.poll() is None:
            process.kill()
        process.wait()


def _exit_code(process: subprocess.Popen) -> int | None:
    try:
        return process.wait(5)
    except subprocess.TimeoutExpired:
        return None


def _serve(descriptor: int) -> None:
    """The worker's side: receive one job, run it under its limits, answer."""
    connection = Connection(descriptor)
    function, args, limits = connection.recv()
    _child(connection, limits, function, args)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
