"""The language of each comment, for language-aware theme patterns.

A comment's language comes from the import (a language column or a whole-file
value); where it has none, :func:`detect` decides with lingua
(``lingua-language-detector``): its models ship inside the wheel (nothing is
downloaded at run time), it is markedly more accurate than langid on short
texts such as review comments, and it can be restricted to a few languages and
told to answer "not sure" (a minimum relative distance between the best and the
second-best language) instead of guessing.

The detector knows the languages Insikt has theme patterns for (:data:`PATTERN_LANGUAGES`)
and a few that customers of a Swedish organisation also write in, so that those
are recognised as *other* languages rather than forced into Swedish or English.
Results: ``"sv"``, ``"en"``, another ISO 639-1 code (``"de"``, ``"da"``…), or
:data:`UNKNOWN` when the text is too short or too mixed to tell (a text of fewer
than :data:`MIN_OTHER_WORDS` words is never called another language).

    python -m ingest.language [--database-url URL]   # detect where missing
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from queries.common import id_batches
from queries.schema import Response

PATTERN_LANGUAGES = ("sv", "en")
UNKNOWN = "unknown"
# Besides Swedish and English: languages a Swedish organisation's customers also
# write in, recognised so that they are counted as other languages, never tagged.
# Each language more costs time on every comment (about 60 µs per language on a
# sentence), so the list is short: the neighbours Swedish is most confused with,
# and the languages most often written besides Swedish and English.
OTHERS = (Language.DANISH, Language.BOKMAL, Language.FINNISH, Language.GERMAN)
MIN_DISTANCE = 0.1  # lingua's minimum relative distance: below it, UNKNOWN
# Fewer words than this are too few to call a comment another language ("ok" looks
# Finnish to any detector): such a comment is UNKNOWN unless it reads as sv or en.
MIN_OTHER_WORDS = 4
CHUNK = 20_000
BATCH = 200  # texts per call to lingua
KNOWN_TEXTS = 100_000  # distinct comments whose language fill_missing remembers


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The restricted detector (built once per process; models load on first use)."""
    return (LanguageDetectorBuilder.from_languages(Language.SWEDISH, Language.ENGLISH, *OTHERS)
            .with_minimum_relative_distance(MIN_DISTANCE).build())


def _code(language: Language | None, text: str) -> str:
    if language is None:
        return UNKNOWN
    code = language.iso_code_639_1.name.lower()
    if code not in PATTERN_LANGUAGES and len(text.split()) < MIN_OTHER_WORDS:
        return UNKNOWN
    return code


def detect(texts: list[str], known: dict[str, str] | None = None) -> list[str]:
    """The language code of each text (see the module docstring), detected in
    parallel on every core, :data:`BATCH` texts at a time: lingua holds the
    interpreter lock while it works, so the other sessions of the server get it
    back between batches (a few tenths of a second at most). A text that occurs
    more than once is detected once (lingua answers the same for the same text);
    ``known`` (text -> code) keeps the answers for the next call."""
    texts = list(texts)
    found = {} if known is None else known
    distinct = [text for text in dict.fromkeys(texts) if text not in found]
    for first in range(0, len(distinct), BATCH):
        batch = distinct[first:first + BATCH]
        found.update((text, _code(language, text)) for language, text in
                     zip(detector().detect_languages_in_parallel_of(batch), batch))
        time.sleep(0)  # let other threads run
    return [found[text] for text in texts]


def complete(comments: Iterable[str | None], languages: Iterable[str | None],
             known: dict[str, str]) -> list[str | None]:
    """``languages`` with the missing language of each comment detected (:func:`detect`;
    ``known`` keeps the answers for the next call, up to :data:`KNOWN_TEXTS` texts):
    an import stores the language with the row, so that :func:`fill_missing` finds
    nothing left to update."""
    comments, languages = list(comments), list(languages)
    missing = [index for index, (comment, code) in enumerate(zip(comments, languages))
               if comment is not None and code is None]
    if len(known) > KNOWN_TEXTS:
        known.clear()
    for index, code in zip(missing, detect([comments[index] for index in missing], known)):
        languages[index] = code
    return languages


def pattern_language(code: str | None) -> str | None:
    """Which patterns apply to a comment in ``code``: "sv", "en", "both" (not
    known: too short to tell, or never detected) or None (another language:
    never tagged)."""
    if code in PATTERN_LANGUAGES:
        return code
    if code is None or code == UNKNOWN:
        return "both"
    return None


def _missing(connection: Connection, response_ids: list[int] | None) -> Iterator[list]:
    """(id, comment) of commented responses without a language, a chunk at a time."""
    conditions = [Response.comment.is_not(None), Response.language.is_(None)]
    if response_ids is not None:
        for chosen, _batch in id_batches(Response.id, response_ids):
            rows = connection.execute(select(Response.id, Response.comment).where(*conditions, chosen)).all()
            if rows:
                yield rows
        return
    last = 0
    while rows := connection.execute(select(Response.id, Response.comment).where(
            *conditions, Response.id > last).order_by(Response.id).limit(CHUNK)).all():
        yield rows
        last = rows[-1].id


def fill_missing(connection: Connection, response_ids: Iterable[int] | None = None) -> int:
    """Detect and store the language of every commented response that has none
    (or of those among ``response_ids``), in the caller's transaction; returns
    how many were detected."""
    ids = None if response_ids is None else sorted(set(response_ids))
    # Plain driver SQL and tuples: SQLAlchemy's per-row parameter dictionaries cost more than the update.
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = f"UPDATE responses SET language = {mark} WHERE id = {mark}"
    done, known = 0, {}
    for rows in _missing(connection, ids):
        if len(known) > KNOWN_TEXTS:
            known.clear()
        codes = detect([row.comment for row in rows], known)
        connection.exec_driver_sql(statement, [(code, row.id) for row, code in zip(rows, codes)])
        done += len(rows)
    return done


def counts(connection: Connection) -> dict[str, int]:
    """Commented responses per language code (None: not known yet)."""
    rows = connection.execute(select(Response.language, func.count()).where(Response.comment.is_not(None))
                              .group_by(Response.language)).all()
    return {language: int(count) for language, count in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Detect the language of comments that have none.")
    parser.add_argument("--database-url", default=None, help="target database (default: configured)")
    args = parser.parse_args(argv)
    from queries.db import DatabaseUnavailable, prepare

    try:
        engine = prepare(args.database_url)
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 2
    with engine.begin() as connection:
        detected = fill_missing(connection)
        found = counts(connection)
    print(f"Detected the language of {detected:,} comments.")
    for language, count in sorted(found.items(), key=lambda item: -item[1]):
        print(f"  {language or '(none)':<10} {count:>9,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
