"""Theme discovery off the page's rerun path.

Discovery reads up to 100,000 comments and takes seconds, so no page waits for
it. Each app process keeps a registry of jobs keyed by (database, scope,
filters, measure, data version) and one background thread that runs them, one at
a time, each in a worker process of its own (``ingest.worker``: a separate, niced
process, so its Python work never holds the pages' interpreter lock, and a
failure costs the worker only):

* a page asks for a key; an unknown key is submitted (once, whoever asks first),
  a known one is shared, so two people asking for the same thing start one job;
* the worker reports its progress, which the page polls with
  ``st.fragment(run_every=…)`` (only the progress bar reruns);
* a finished result stays in the registry (the newest :data:`KEEP`) and is
  served again until the data version changes: the cache is keyed by it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import streamlit as st

from ingest import worker
from queries import discovery

KEEP = 32
LIMITS = worker.Limits(memory_mb=2048, seconds=300)


@dataclass
class Job:
    future: Future
    progress: float | None = None  # None until the worker starts it


class Jobs:
    """The registry of one app process (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: OrderedDict[tuple, Job] = OrderedDict()
        self._runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="insikt-discovery")

    def get(self, key: tuple) -> Job | None:
        with self._lock:
            return self._jobs.get(key)

    def start(self, key: tuple, *args) -> Job:
        """The job of ``key``: the one there is (unless it failed), else a new one
        running :func:`queries.discovery.run` with ``args``."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not (job.future.done() and job.future.exception() is not None):
                self._jobs.move_to_end(key)
                return job
            job = Job(Future())

            def report(fraction: float, _stage: str) -> None:
                job.progress = fraction

            def work():
                job.progress = 0.0
                return worker.run(discovery.run, *args, limits=LIMITS, progress=report)

            job.future = self._runner.submit(work)
            self._jobs[key] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)
            return job


@st.cache_resource(show_spinner=False)
def jobs() -> Jobs:
    """The registry of this app process."""
    return Jobs()
