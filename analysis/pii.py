"""Customers' personal details in free text: find them, count them, mask them.

Four kinds (:data:`KINDS`):

- ``personal_number``: a Swedish personnummer or samordningsnummer (the day plus
  60), 10 or 12 digits, with or without ``-``, ``+`` or a space before the last
  four; the date must exist and the last digit must be the Luhn check digit of
  the ten digits (Skatteverket, SKV 704 "Personnummer" and SKV 707
  "Samordningsnummer");
- ``phone``: Swedish numbers (``070-123 45 67``, ``0701234567``, ``08-123 456 78``,
  ``031 12 34 56``) and international ones with ``+`` or ``00`` and 8–15 digits
  (E.164: ``+46 70 123 45 67``, ``+44 20 7946 0958``, ``+46 (0)8 …``);
- ``email``: an e-mail address;
- ``card``: a payment card number, 13–19 digits starting 2–6 (the banking and
  travel issuers), spaces or dashes allowed, with a valid Luhn check digit.

Dates (``2025-03-04``, ``03-04-2025``), times, prices, order numbers and
article numbers (EAN codes start with 7–9 in the Nordics) are not matched; see
``tests/test_pii.py`` for the published test numbers and tricky negatives.

Pure Python and fast: compiled patterns, each anchored so that a long run of
characters is scanned once, and a cheap check that skips text with no digit
and no ``@`` (most comments). This module lives in ``analysis/`` (pure, no
database, no Streamlit) because every layer needs it: ``ingest`` counts what an
import brings and what retention deletes, ``components`` masks what people see.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

KINDS = ("personal_number", "phone", "email", "card")
# When two findings overlap, the more certain one wins (a check digit beats a shape).
_PRIORITY = {"email": 0, "personal_number": 1, "card": 2, "phone": 3}
LABELS = {"personal_number": "[personal identity number]", "phone": "[phone number]",
          "email": "[e-mail address]", "card": "[card number]"}

_NOT_AFTER = r"(?<![\w+\-./@])"  # a number starts a token: not inside a date, word or longer number
_ANY = re.compile(r"[\d@]")
_PERSONAL_NUMBER = re.compile(_NOT_AFTER + r"(\d{6}|\d{8})([-+ ]?)(\d{4})(?![\w@]|[-/.]\d)")
_MOBILE = re.compile(_NOT_AFTER + r"07\d(?: ?- ?| )?(?:\d[ -]?){6}\d(?![\w@])")
_LANDLINE = re.compile(_NOT_AFTER + r"0[1-9]\d{0,3}(?: ?- ?| |/)(?:\d ?){4,7}\d(?![\w@]|[-/.]\d)")
_INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)(?=[1-9])(?:[ .\-]?(?:\(\d{1,4}\)|\d)){7,16}(?![\w@])")
_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}(?!\w)")
_CARD = re.compile(_NOT_AFTER + r"[2-6]\d{3}(?:[ \-]?\d){9,15}(?![\w@])")
_DIGIT_GROUP = re.compile(r"\d+")


@dataclass(frozen=True)
class Finding:
    """One personal detail: its kind and where it is in the text (``text[start:end]``)."""

    kind: str
    start: int
    end: int


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check: doubling every second digit from the right, the
    sum must end in 0 (ISO/IEC 7812-1; the personnummer uses it on its ten digits)."""
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return total % 10 == 0


def _real_day(years: Iterable[int], month: int, day: int) -> bool:
    for year in years:
        try:
            date(year, month, day)
        except ValueError:
            continue
        return True
    return False


def valid_personal_number(birth: str, separator: str, serial: str) -> bool:
    """Whether YYMMDD or YYYYMMDD, the separator and the last four digits form a
    personnummer (or, with the day plus 60, a samordningsnummer)."""
    if len(birth) == 8:
        century = int(birth[:2])
        if century not in (18, 19, 20) or separator == "+":
            return False
        years = [int(birth[:4])]
    else:
        short = int(birth[:2])
        # "+" marks someone aged 100 or more: one century further back.
        years = [1800 + short, 1900 + short] if separator == "+" else [1900 + short, 2000 + short]
    month, day = int(birth[-4:-2]), int(birth[-2:])
    if day > 60:
        day -= 60
    return _real_day(years, month, day) and luhn_valid(birth[-6:] + serial)


def _date_like(text: str) -> bool:
    """Groups shaped like a date or a time span (03-04-2025, 0800-1700), not a number."""
    groups = _DIGIT_GROUP.findall(text)
    if [len(group) for group in groups] in ([2, 2, 4], [2, 2, 2]):
        first, second = int(groups[0]), int(groups[1])
        return 1 <= first <= 31 and 1 <= second <= 31
    if [len(group) for group in groups] == [4, 4]:
        return all(int(group[:2]) < 24 and int(group[2:]) < 60 for group in groups)
    return False


def _card_end(match: re.Match) -> int | None:
    """Where the card number in a candidate ends: the longest run of its digit
    groups (13–19 digits) that passes the Luhn check, or None."""
    text = match.group()
    ends = [found.end() for found in _DIGIT_GROUP.finditer(text)]
    if len(ends) == 1:  # no separators: only the whole run can be the number
        ends = [len(text)]
    for end in reversed(ends):
        digits = re.sub(r"\D", "", text[:end])
        if 13 <= len(digits) <= 19 and luhn_valid(digits):
            return match.start() + end
    return None


def _candidates(text: str) -> Iterable[Finding]:
    for match in _EMAIL.finditer(text):
        yield Finding("email", match.start(), match.end())
    for match in _PERSONAL_NUMBER.finditer(text):
        if valid_personal_number(*match.groups()):
            yield Finding("personal_number", match.start(), match.end())
    for match in _CARD.finditer(text):
        end = _card_end(match)
        if end is not None:
            yield Finding("card", match.start(), end)
    for pattern in (_MOBILE, _LANDLINE):
        for match in pattern.finditer(text):
            digits = sum(character.isdigit() for character in match.group())
            if 8 <= digits <= 10 and not _date_like(match.group()):
                yield Finding("phone", match.start(), match.end())
    for match in _INTERNATIONAL.finditer(text):
        number = match.group()
        digits = re.sub(r"\D", "", number.replace("(0)", ""))
        digits = digits[2:] if number.startswith("00") else digits
        if 8 <= len(digits) <= 15:
            yield Finding("phone", match.start(), match.end())


def find(text: str | None) -> list[Finding]:
    """Every personal detail in ``text``, in order, none overlapping another (of
    two that overlap, the more certain kind is kept)."""
    if not isinstance(text, str) or not _ANY.search(text):
        return []
    kept: list[Finding] = []
    for finding in sorted(_candidates(text), key=lambda f: (_PRIORITY[f.kind], f.start)):
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def kinds(text: str | None) -> frozenset[str]:
    """The kinds of personal detail ``text`` holds."""
    return frozenset(finding.kind for finding in find(text))


def mask(text: str | None, labels: Mapping[str, str] = LABELS) -> str | None:
    """``text`` with each personal detail replaced by the label of its kind
    ("[phone number]"); kinds without a label stay as written; None stays None."""
    if not isinstance(text, str):
        return text
    found = [finding for finding in find(text) if finding.kind in labels]
    if not found:
        return text
    parts, position = [], 0
    for finding in found:
        parts += [text[position:finding.start], labels[finding.kind]]
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def count(texts: Iterable[str | None], into: Mapping[str, int] | None = None) -> dict[str, int]:
    """How many of ``texts`` hold each kind (a text with two phone numbers counts
    once), and ``any``: how many hold at least one; added to ``into`` when given.
    A text that occurs more than once is read once."""
    counts = dict.fromkeys((*KINDS, "any"), 0) | dict(into or {})
    for text, times in Counter(text for text in texts if isinstance(text, str)).items():
        found = kinds(text)
        for kind in found:
            counts[kind] += times
        counts["any"] += times * bool(found)
    return counts


NAMES = {"personal_number": "a personal identity number", "phone": "a phone number",
         "email": "an e-mail address", "card": "a card number"}


def report_line(counts: Mapping[str, int]) -> str:
    """The counts of :func:`count` as the import report's line (English, like the command line)."""
    found = [f"{counts[kind]:,} with {NAMES[kind]}" for kind in KINDS if counts.get(kind)]
    return (f"Personal details in {counts.get('any', 0):,} comments (masked on pages and in downloads): "
            + ", ".join(found or ["none"]))


# --- imported attributes that name a person or their contact details ---------------------------

# Words of a column name that say it holds a person's identity or contact details.
_PERSONAL_WORDS = frozenset({
    "fornamn", "efternamn", "kundnamn", "epost", "email", "mail", "mejl", "telefon",
    "telefonnummer", "telnr", "tel", "phone", "mobil", "mobile", "mobilnummer", "mobilnr",
    "personnummer", "personnr", "pnr", "ssn", "samordningsnummer", "adress", "address",
    "gatuadress", "postnummer", "postnr", "zip", "postcode", "kundnummer", "kundnr", "ip",
})
# "name"/"namn" alone, or after one of these ("product name", "butik namn" are no person).
_NAME_WORDS = frozenset({"name", "namn"})
_NAME_OWNERS = frozenset({"first", "last", "full", "given", "family", "sur", "customer", "contact",
                          "kund", "kundens", "kontakt", "kontaktperson", "for", "efter"})


def _words(key: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", key.casefold())
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return plain.split()


def personal_key(key: str) -> bool:
    """Whether an imported attribute's name says it holds personal details
    ("E-post", "Kundens namn", "customer_id", "Telefon")."""
    words = _words(key)
    if any(word in _PERSONAL_WORDS for word in words) or len(words) == 1 and words[0] in _NAME_WORDS:
        return True
    pairs = set(zip(words, words[1:]))
    return any(pair in pairs for pair in (("e", "mail"), ("e", "post"), ("customer", "id"),
                                          ("customer", "number"), ("phone", "number"))) \
        or any(first in _NAME_OWNERS and second in _NAME_WORDS for first, second in pairs)
