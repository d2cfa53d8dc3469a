"""What a user typed in the comment search, turned into safe full-text queries.

Pure functions, no database: :func:`parse` reads words and "quoted phrases";
the other functions write the query for SQLite FTS5, PostgreSQL ``to_tsquery``
(with and without word order) and a ``LIKE`` fallback, and :func:`matches` answers the same question for one
comment in Python (for a small scope, cheaper than the index's whole match). Words hold letters and digits only, so operator
characters and words (``*``, ``"``, ``NEAR``, ``AND``…) never reach a query
engine as operators. Each term matches as a prefix on its last word (``vänt``
finds "väntetid"), and all terms must match.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TERMS = 12  # terms per search, and words per phrase
MAX_WORD = 100  # characters per word

# Letters and digits; "_" separates words as it does in FTS5 unicode61 and PostgreSQL.
_WORD = re.compile(r"[^\W_]+")


def parse(text: str) -> list[tuple[str, ...]]:
    """Words and "quoted phrases" as terms, each a tuple of lower-case words.

    An unbalanced ``"`` separates words like any other punctuation; repeated
    terms count once.
    """
    parts = unicodedata.normalize("NFC", text or "").split('"')
    if len(parts) % 2 == 0:  # an odd number of quotes: the last one opens nothing
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    terms: list[tuple[str, ...]] = []
    for index, part in enumerate(parts):
        words = [word[:MAX_WORD] for word in _WORD.findall(part.lower())]
        if index % 2 and words:
            terms.append(tuple(words[:MAX_TERMS]))
        else:
            terms.extend((word,) for word in words)
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def fts5_query(terms: list[tuple[str, ...]]) -> str:
    """SQLite FTS5 MATCH text: ``"lång kö"* AND "personal"*``."""
    return " AND ".join('"' + " ".join(term).replace('"', '""') + '"*' for term in terms)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(terms: list[tuple[str, ...]]) -> str:
    """PostgreSQL ``to_tsquery`` text: ``'lång' <-> 'kö':* & 'personal':*``."""
    return " & ".join(" <-> ".join(_lexeme(word) for word in term) + ":*" for term in terms)


def tsquery_words(terms: list[tuple[str, ...]]) -> str:
    """PostgreSQL ``to_tsquery`` text needing every word of ``terms`` in any order,
    a term's last word as a prefix (``'lång' & 'kö':* & 'personal':*``): what a GIN
    index answers without word positions, true wherever :func:`tsquery` is."""
    return " & ".join(" & ".join([*map(_lexeme, term[:-1]), _lexeme(term[-1]) + ":*"]) for term in terms)


def like_patterns(terms: list[tuple[str, ...]]) -> list[str]:
    """One ``LIKE`` pattern per term (``%lång kö%``), escaped for ``ESCAPE '\\'``."""
    escaped = (" ".join(term).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
               for term in terms)
    return [f"%{text}%" for text in escaped]


def matches(terms: list[tuple[str, ...]], text: str | None) -> bool:
    """Whether ``text`` holds every term as the full-text indexes read it: words of
    letters and digits, case folded; a term's words in a row, its last word as a
    prefix (``"lång kö"*`` finds "Lång köbildning")."""
    if not text:
        return False
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return all(_holds(term, words) for term in terms)


def _holds(term: tuple[str, ...], words: list[str]) -> bool:
    *whole, last = term
    size = len(term)
    for start in range(len(words) - size + 1):
        if words[start + size - 1].startswith(last) and all(
                words[start + index] == word for index, word in enumerate(whole)):
            return True
    return False
