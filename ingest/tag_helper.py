"""A second processor core for a large retag.

Tagging spends its time in regular expressions, which hold the interpreter
lock, so a thread would not help. :class:`Helper` starts a fresh interpreter
(``python -m ingest.tag_helper``; not a fork, for the reasons given in
``ingest.worker``) that tags every other chunk of comments while the calling
process tags the next one. Chunks go to it as pickles over its standard input,
the themes it found come back over its standard output, and at the end it
says which themes it stopped for a slow pattern. Its ``re:`` patterns keep
their time bound: the ``regex`` module counts the processor time of the helper
itself.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class HelperFailed(RuntimeError):
    """The helper process stopped before it answered."""


class Helper:
    """A tagging process for the themes ``compiled`` (see :mod:`ingest.themes`)."""

    def __init__(self, compiled: dict):
        self.process = subprocess.Popen([sys.executable, "-m", "ingest.tag_helper"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._send(compiled)

    def _send(self, message) -> None:
        try:
            pickle.dump(message, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()
        except BrokenPipeError:
            raise HelperFailed(f"the tagging helper stopped (exit code {self.process.poll()})") from None

    def _receive(self):
        try:
            return pickle.load(self.process.stdout)
        except EOFError:
            raise HelperFailed(f"the tagging helper stopped (exit code {self.process.wait()})") from None

    def send(self, rows: list) -> None:
        """Start tagging ``rows`` ((id, comment, language code) each)."""
        self._send([tuple(row) for row in rows])

    def receive(self) -> tuple[list[tuple[int, str]], int, int]:
        """What :func:`ingest.themes.tag_rows` gives for the rows sent last."""
        return self._receive()

    def close(self) -> list:
        """The helper's slow patterns (:class:`ingest.themes.SlowPattern`); it stops."""
        self._send(None)
        slow = self._receive()
        self.process.stdin.close()
        self.process.wait(timeout=30)
        return slow

    def kill(self) -> None:
        """Stop the helper at once (after an error on the caller's side)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def tagged_chunks(chunks: Iterator[tuple[list, int]], tag, helper: Helper | None) -> Iterable[tuple]:
    """``(tag(rows), covered)`` for each ``(rows, covered)`` of ``chunks``; with a
    ``helper``, every other chunk is tagged there while ``tag`` runs on the next."""
    for rows, covered in chunks:
        if helper is None:
            yield tag(rows), covered
            continue
        helper.send(rows)
        following = next(chunks, None)
        if following is not None:
            yield tag(following[0]), following[1]
        yield helper.receive(), covered


def _serve(source, target) -> None:
    from ingest.themes import Tagger, tag_rows

    tagger = Tagger(pickle.load(source))
    while (rows := pickle.load(source)) is not None:
        pickle.dump(tag_rows(tagger, rows), target, protocol=pickle.HIGHEST_PROTOCOL)
        target.flush()
    pickle.dump(tagger.timed_out(), target, protocol=pickle.HIGHEST_PROTOCOL)
    target.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
