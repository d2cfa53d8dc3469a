"""Comment themes: the default theme list, keyword patterns, and tagging comments.

Every theme has Swedish and English patterns. The Swedish ones tag Swedish
comments, the English ones English comments, both tag a comment whose language
is not known (too short to tell), and a comment in another language is never
tagged (it is counted instead). A comment's language comes from the import or
from :mod:`ingest.language`, which :func:`retag` runs where it is missing.

Pattern syntax (one pattern a line):

- ``stem*`` -- a word starting with the stem: ``vänt*`` matches vänta, väntade,
  väntetid. A stem needs at least 3 letters; list short words whole instead.
- ``word`` -- that whole word only: ``kö`` matches "kö", not "köpte" or "kön".
- ``several words`` -- that phrase, with any spacing; the last word may end in
  ``*``: ``tomma hyll*`` matches "tomma hyllorna".
- ``re:<regex>`` -- a Python regular expression, e.g. ``re:kö(?:n|er|erna)?(?!\\w)``
  (its end is not tied to a word end unless it says so, as ``(?!\\w)`` does).
  A quantifier inside a repeated group (``(a+)+``, ``(\\w+\\s?)*``, ``(.*a){20}``)
  is refused: such a pattern can take hours on one comment.

Matching ignores case, knows å, ä and ö, and always starts at the beginning of
a word: ``leverans*`` does not match "hemleverans". Empty lines are ignored. A
bad regex, a bare ``*``, a stem under 3 letters or a pattern that matches the
empty string raises :class:`PatternError`. The default patterns also list
spellings without å, ä and ö (``vantade``) where no other word looks the same.

Words, stems and phrases become expressions that run in linear time; a ``re:``
pattern runs with the ``regex`` module's time bound, :data:`MATCH_SECONDS` per
comment (the module counts the processor time of the whole process, so when other
threads used most of it, the match runs once more with :data:`RETRY_FACTOR` times
the bound). A pattern that exceeds it raises :class:`PatternTimeout` (the preview
refuses it); :func:`retag` stops applying that theme and reports it instead.
Tagging scans each comment once for all themes of its language (:class:`Matcher`).

    python -m ingest.themes defaults [--database-url URL]   # insert the default themes if missing (and tag)
    python -m ingest.themes retag [--database-url URL]      # tag every comment again
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import compress
from dataclasses import dataclass, field, replace

import regex
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from ingest import language, tag_helper
from ingest.language import PATTERN_LANGUAGES
from queries import bulk, rollup
from queries.common import id_batches
from queries.schema import Response, ResponseTheme, Theme

CHUNK = 20_000
PARALLEL_FROM = 200_000  # comments; a retag of more tags every other chunk in a second process (its start costs about 1 s)
MIN_STEM = 3
MATCH_SECONDS = 0.1  # one re: pattern on one comment
KNOWN_TEXTS = 50_000  # distinct comments a Tagger remembers the themes of
RETRY_FACTOR = 10  # the bound of the one retry after a timeout on a busy machine
START = r"(?<!\w)"  # every pattern starts at the beginning of a word
REPEATS = {re._parser.MAX_REPEAT, re._parser.MIN_REPEAT, re._parser.POSSESSIVE_REPEAT}


def _theme(key: str, name_sv: str, name_en: str, sv: str, en: str) -> dict:
    """A default theme; patterns are written here separated by ";" and stored one a line."""
    def lines(text: str) -> str:
        return "\n".join(" ".join(item.split()) for item in text.split(";") if item.strip())
    return {"key": key, "name_sv": name_sv, "name_en": name_en,
            "patterns_sv": lines(sv), "patterns_en": lines(en)}


DEFAULT_THEMES: list[dict] = [
    _theme("staff", "Personal och bemötande", "Staff and friendliness",
        sv="""
            personal*; bemöt*; bemot*; trevli*; otrevli*; vänli*; ovänli*; hjälpsam*; tillmötesgå*;
            expedit*; butiksbiträd*; säljare*; kassör*; medarbetar*; anställd*; oförskämd*;
            nonchalan*; attityd*; välkom*; valkom*; hälsade; hälsar; sur; sura; surt; killen;
            tjejen""",
        en="""
            staff; personnel; employee*; assistant*; cashier*; friendl*; unfriendl*; rude*;
            polite*; impolite*; helpful*; unhelpful*; courteous*; cheerful*; welcom*; attitude*;
            grump*; greet*; said hello; the guy; the woman; the lady; re:kind(?!\\s+of\\b)(?!\\w)"""),
    _theme("waiting", "Väntetid och köer", "Waiting time and queues",
        sv="""
            vänt*; vantetid*; vantade; vantat; koer; koerna;
            re:\\w*kö(?:n|er|erna|a|ade|ar|at|ande)?(?!\\w);
            re:kö(?:bildning|system|lapp|nummer|tid)\\w*; rusning*; snabb service; gick snabbt;
            gick fort; mycket folk; kassa öppen; kassor öppna; fler kassor""",
        en="""
            wait*; queu*; in line; long line*; on hold; quick service; fast service; slow service;
            busy; took ages; till open; tills open; rush hour"""),
    _theme("price", "Pris och värde", "Price and value",
        sv="""
            pris*; överpris*; dyr*; billig*; kosta*; kostnad*; avgift*; ocker*; för pengarna;
            värt pengarna""",
        en="""
            pric*; overpric*; expensive*; cheap*; cost*; afford*; fee; fees; rip off; rip-off;
            value for money; good value; poor value; bad value"""),
    _theme("quality", "Produktkvalitet", "Product quality",
        sv="""
            kvalit*; trasig*; sönder; sonder; defekt*; gedig*; slitstark*; hållbar*; mögl*;
            fel på varan; fel på produkten""",
        en="""
            qualit*; broke; broken; faulty; defect*; damaged; durab*; flims*; solid; well made;
            poorly made; badly made; cheaply made; fell apart; stopped working; as described"""),
    _theme("availability", "Tillgänglighet och sortiment", "Availability and stock",
        sv="""
            sortiment*; lager; lagret; lagerstatus; slutsål*; slutsal*; restnoter*; utbud*;
            tillgänglig*; tomma hyllor; tom hylla; var slut; tog slut; är slut; fanns inte;
            finns inte""",
        en="""
            stock*; range; assortment*; selection; availab*; unavailab*; sold out; empty shel*;
            couldn't find; could not find; found everything"""),
    _theme("delivery", "Leverans", "Delivery",
        sv="""
            leverans*; leverer*; hemleverans*; paket*; bud; budet; budbil*; budfirm*; frakt*;
            försen*; aviser*; spårning*; transportör*; utkörning*; ombudet""",
        en="""
            deliver*; parcel*; package*; shipping; shipped; shipment*; courier*; postage;
            dispatch*; tracking; collection point; pick-up point"""),
    _theme("complaints", "Reklamationer och ärenden", "Complaints handling",
        sv="""
            reklamation*; reklamer*; ärende*; arende*; återkoppl*; aterkoppl*; ersättning*;
            ersattning*; återbetal*; aterbetal*; pengarna tillbaka; retur*; garanti*; klagomål*;
            klagade; re:(?<!inget att )klaga(?!\\w); skickades runt; bollades runt""",
        en="""
            complaint*; complained; re:(?<!nothing to )complain(?!\\w); refund*; replacement*;
            compensat*; warranty; guarantee*; returns; return it; return the; returned it;
            returned the; my case; case number; no reply; passed around"""),
    _theme("web", "Webb och app", "Web and app",
        sv="""
            webb*; hemsida*; sajt*; nätbutik*; e-handel*; inlogg*; logga in; bankid;
            re:app(?:en|ar|arna|ens)?(?!\\w)""",
        en="""
            website*; web; webpage*; site; online; login*; log in; sign in; password*; browser*;
            re:apps?(?!\\w)"""),
    _theme("campaign", "Kampanjer och erbjudanden", "Campaigns and offers",
        sv="""
            kampanj*; erbjud*; rabatt*; re:reklam(?!ation|er)\\w*; utskick*; rea; rean; reapris*;
            extrapris*; medlemspris*; kupong*; deal; dealen""",
        en="""
            campaign*; offer*; discount*; sale; good deal*; promo*; advert*; voucher*; coupon*;
            mailing*; newsletter*"""),
    _theme("cleanliness", "Renlighet och miljö", "Cleanliness and environment",
        sv="""
            re:ren(?:t|a|are|ast)?(?!\\w); städ*; ostäd*; välstäd*; smuts*; skitig*; stök*;
            stokig*; skräp*; nedskräp*; fräsch*; frasch*; lokalen; lokaler; lokalerna; toalett*;
            äckl*; ackl*; lukt*; dammig*; hygien*; miljö*; butiksmiljö*""",
        en="""
            clean*; unclean*; dirt*; filth*; mess; messy; tidy; untidy; rubbish; litter*; trash;
            toilet*; restroom*; bathroom*; disgusting; smell*; stink*; dust*; hygien*; premises"""),
    _theme("competence", "Kompetens och rådgivning", "Competence and advice",
        sv="""
            kompeten*; inkompeten*; råd; rådet; råden; rådde; rådgav; rådgiv*; radgiv*; tips*;
            kunnig*; okunnig*; kunskap*; produktkunskap*; insatt; insatta; expert*; förklara*;
            kunde produkterna; kunde inget; kunde svara; kunde inte svara; mina frågor""",
        en="""
            advice; advis*; knowledg*; competen*; incompeten*; expert*; clueless; explain*; tips;
            knew the product*; knew nothing; knows the product*; know the product*;
            answer my question*; answer any question*"""),
]


class PatternError(ValueError):
    """A theme pattern that cannot be used, with where it is and why."""

    def __init__(self, key: str, language: str, pattern: str, reason: str):
        self.key, self.language, self.pattern, self.reason = key, language, pattern, reason
        super().__init__(f"theme {key!r} ({language}): pattern {pattern!r}: {reason}")


class PatternTimeout(PatternError):
    """A pattern that took longer than :data:`MATCH_SECONDS` on one comment."""

    def __init__(self, key: str, language: str, pattern: str, length: int):
        self.length = length
        super().__init__(key, language, pattern, f"took longer than {MATCH_SECONDS} s on a comment of "
                                                 f"{length:,} characters; write it more simply")


def _regex(pattern: str) -> str:
    """The regular expression of one pattern line; ValueError says why it is unusable."""
    if pattern.startswith("re:"):
        body = pattern[3:].strip()
        if not body:
            raise ValueError("empty regular expression")
        try:
            parsed = re._parser.parse(body)
        except re.error as error:
            raise ValueError(f"invalid regular expression: {error}") from None
        if _nested_repeat(parsed, inside=False):
            raise ValueError("a quantifier inside a repeated group (like (a+)+ or (.*a){20}) can take hours "
                             "on one comment; write it without the nesting")
        return body
    words = pattern.split()
    if "*" in "".join(words)[:-1]:
        raise ValueError("'*' is only allowed at the end of the last word")
    if not words[-1].endswith("*"):
        return r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    stem = words[-1][:-1]
    if not stem:
        raise ValueError("'*' needs a stem before it")
    if sum(char.isalpha() for char in stem) < MIN_STEM:
        raise ValueError(f"a stem needs at least {MIN_STEM} letters; list the whole words instead")
    return r"\s+".join(map(re.escape, [*words[:-1], stem])) + r"\w*"


def _nested_repeat(items, inside: bool) -> bool:
    """Whether a parsed expression repeats (more than once) something that itself
    repeats: the shape whose backtracking grows exponentially with the text."""
    for op, value in items:
        if op in REPEATS:
            repeats = value[1] > 1
            if repeats and inside or _nested_repeat(value[2], inside or repeats):
                return True
        elif op is re._parser.BRANCH:
            if any(_nested_repeat(branch, inside) for branch in value[1]):
                return True
        elif op is re._parser.SUBPATTERN:
            if _nested_repeat(value[3], inside):
                return True
        elif op in (re._parser.ASSERT, re._parser.ASSERT_NOT):
            if _nested_repeat(value[1], inside):
                return True
        elif op is re._parser.ATOMIC_GROUP:
            if _nested_repeat(value, inside):
                return True
        elif op is re._parser.GROUPREF_EXISTS:
            if any(branch is not None and _nested_repeat(branch, inside) for branch in value[1:]):
                return True
    return False


def bounded(run: Callable[[float], object]):
    """``run(timeout)`` with :data:`MATCH_SECONDS`. The ``regex`` module's bound is the
    processor time of the whole process: when it runs out while this thread got less
    than 80 % of it (other threads were busy, the pattern was not slow), ``run`` goes
    once more with :data:`RETRY_FACTOR` times the bound. A match that used its time
    raises TimeoutError at once, so a catastrophic pattern still costs about a second
    at most."""
    used = time.thread_time()
    try:
        return run(MATCH_SECONDS)
    except TimeoutError:
        if time.thread_time() - used >= 0.8 * MATCH_SECONDS:
            raise
    return run(MATCH_SECONDS * RETRY_FACTOR)


def _matches_empty(expression: str) -> bool:
    compiled = regex.compile(rf"{START}(?:{expression})", regex.IGNORECASE)
    try:
        return any(bounded(lambda timeout: any(match.end() == match.start()
                                               for match in compiled.finditer(sample, timeout=timeout)))
                   for sample in ("", " ", "a b", "å, 1"))
    except TimeoutError:
        return False


def _either(parts: list[str]) -> str:
    return "|".join(f"(?:{part})" for part in parts)


@dataclass(frozen=True)
class LanguagePatterns:
    """One theme's patterns of one language: its words, stems and phrases as
    (text in lower case with single spaces, whether the last word is a stem)
    pairs, run by ``re`` as a prefix tree on the comment in lower case (linear
    time), and its ``re:`` patterns as (pattern, expression) pairs (run by
    ``regex`` with a time bound)."""

    words: tuple[tuple[str, bool], ...] = ()
    expressions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ThemePatterns:
    """A theme's compiled patterns per language (``"sv"``, ``"en"``)."""

    key: str
    languages: dict[str, LanguagePatterns]

    def search(self, text: str, folded: str | None = None, language: str | None = "both") -> bool:
        """Whether the theme occurs in ``text``, read as ``language`` ("sv", "en",
        "both"; None: another language, never); ``folded`` is ``text.casefold()``
        when the caller has it. :class:`PatternTimeout` when a ``re:`` pattern
        takes longer than :data:`MATCH_SECONDS`."""
        if not text or language is None:
            return False
        return bool(Matcher({self.key: self}, language)(text, folded))


def compile_patterns(patterns_sv: str, patterns_en: str, key: str) -> ThemePatterns:
    """A theme's patterns in both languages, checked (see :class:`ThemePatterns`).

    Raises :class:`PatternError` for the first unusable pattern. No patterns at
    all never match.
    """
    found = {}
    for language, text in (("sv", patterns_sv or ""), ("en", patterns_en or "")):
        words, expressions = [], []
        for pattern in filter(None, (line.strip() for line in text.splitlines())):
            is_regex = pattern.startswith("re:")
            try:
                expression = _regex(pattern if is_regex else pattern.casefold())
            except ValueError as error:
                raise PatternError(key, language, pattern, str(error)) from None
            if is_regex:
                if _matches_empty(expression):
                    raise PatternError(key, language, pattern, "matches the empty string")
                expressions.append((pattern, expression))
            else:
                phrase = " ".join(pattern.casefold().split())
                words.append((phrase.rstrip("*"), phrase.endswith("*")))
        found[language] = LanguagePatterns(tuple(words), tuple(expressions))
    return ThemePatterns(key, found)


def _tree(words: list[tuple[str, bool]]) -> str:
    """One expression for many words, stems and phrases, as a prefix tree (each
    character is tried once per position, however many patterns share it): a
    space stands for any spacing, a whole word must end there, a stem may go on."""
    root: dict = {}
    for text, stem in words:
        node = root
        for char in text:
            node = node.setdefault(char, {})
        node[""] = stem or node.get("", False)

    def expression(node: dict) -> str:
        if node.get("") is True:  # a stem ends here: whatever follows matches
            return ""
        parts = [(r"\s+" if char == " " else re.escape(char)) + expression(child)
                 for char, child in sorted(node.items()) if char]
        if "" in node:
            parts.append(r"(?!\w)")
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return expression(root)


def _required(expression: str) -> str | None:
    """A run of literal characters that every match of ``expression`` contains, in
    lower case (the longest at its top level), or None when there is none."""
    best, run = "", ""
    for op, value in re._parser.parse(expression):
        if op is re._parser.LITERAL:
            run += chr(value)
            continue
        best, run = max(best, run, key=len), ""
    best = max(best, run, key=len).casefold()
    return best or None


def _languages(language: str) -> tuple[str, ...]:
    return PATTERN_LANGUAGES if language == "both" else (language,)


class Matcher:
    """Every theme's patterns of one pattern language ("sv", "en" or "both") as
    one scan of a comment: at each word start where any theme matches, the same
    expression tries every theme there in a capturing lookahead (exact: a theme
    matching anywhere matches at such a start). Words run with ``re`` as a prefix
    tree on the folded text; ``re:`` patterns with ``regex`` and
    :data:`MATCH_SECONDS` per call, and only on comments that contain a run of
    literal characters one of them requires (when each requires one)."""

    def __init__(self, compiled: dict[str, ThemePatterns], language: str):
        words, expressions = {}, {}
        for key, patterns in compiled.items():
            codes = [code for code in _languages(language) if code in patterns.languages]
            if found := [line for code in codes for line in patterns.languages[code].words]:
                words[key] = _tree(found)
            if found := [(code, line) for code in codes for line in patterns.languages[code].expressions]:
                expressions[key] = found
        self.lines = expressions
        group = {key: f"t{number}" for number, key in enumerate(compiled)}

        def scan(sources: dict[str, str], anywhere: str) -> str:
            """At a word start where some theme matches (``anywhere``), every theme
            in a lookahead of its own that captures when it matches there."""
            return (START + f"(?={anywhere})"
                    + "".join(f"(?=(?P<{group[key]}>{source}))?" for key, source in sources.items()))

        self.words = re.compile(scan(words, _tree(
            [line for patterns in compiled.values() for code in _languages(language)
             if code in patterns.languages for line in patterns.languages[code].words]))) if words else None
        sources = {key: _either([expression for _code, (_pattern, expression) in lines])
                   for key, lines in expressions.items()}
        self.expressions = (regex.compile(scan(sources, _either(list(sources.values()))), regex.IGNORECASE)
                            if sources else None)
        required = [_required(expression) for lines in expressions.values() for _c, (_p, expression) in lines]
        self.prefilter = (re.compile("|".join(map(re.escape, sorted(set(required)))))
                          if required and all(required) else None)
        # Each scan's theme keys and the numbers of their capturing groups (a user's
        # re: pattern may hold groups of its own), to read a match without a dict.
        self.word_groups = _groups(self.words, list(words), group)
        self.expression_groups = _groups(self.expressions, list(sources), group)

    def __call__(self, text: str, folded: str | None = None) -> set[str]:
        """The keys of the themes in ``text`` (PatternTimeout when a ``re:`` pattern is too slow)."""
        found: set[str] = set()
        if not text:
            return found
        folded = text.casefold() if folded is None else folded
        if self.words is not None:
            keys, numbers = self.word_groups
            for match in self.words.finditer(folded):
                found.update(compress(keys, match.group(0, *numbers)[1:]))
        if self.expressions is None or (self.prefilter is not None and not self.prefilter.search(folded)):
            return found
        try:
            matches = bounded(lambda timeout: list(self.expressions.finditer(text, timeout=timeout)))
        except TimeoutError:
            raise self._timeout(text) from None
        keys, numbers = self.expression_groups
        for match in matches:
            found.update(compress(keys, match.group(0, *numbers)[1:]))
        return found

    def _timeout(self, text: str) -> PatternTimeout:
        """The timeout, naming the first ``re:`` pattern that is slow on ``text`` on
        its own (a single pattern is named without running it again)."""
        lines = [(key, language, pattern, expression)
                 for key, found in self.lines.items() for language, (pattern, expression) in found]
        for key, language, pattern, expression in lines if len(lines) > 1 else ():
            compiled = regex.compile(START + f"(?:{expression})", regex.IGNORECASE)
            try:
                bounded(lambda timeout: compiled.search(text, timeout=timeout))  # noqa: B023 - called at once
            except TimeoutError:
                return PatternTimeout(key, language, pattern, len(text))
        key, language, pattern, _expression = lines[0]
        return PatternTimeout(key, language, pattern, len(text))


def _groups(scan, keys: list[str], group: dict[str, str]) -> tuple[list[str], list[int]]:
    """``keys`` and the numbers of their named groups in ``scan`` (a theme's group
    captures a non-empty text when it matches, else None)."""
    return (keys, [scan.groupindex[group[key]] for key in keys]) if scan is not None else ([], [])


def tag(text: str, compiled: dict[str, ThemePatterns], language: str | None = "both") -> set[str]:
    """The keys of the themes whose patterns of ``language`` ("sv", "en", "both";
    None: another language, no theme) occur in ``text`` (PatternTimeout when one
    takes too long)."""
    if not text or language is None:
        return set()
    return Matcher(compiled, language)(text)


def ensure_default_themes(connection: Connection) -> int:
    """Insert :data:`DEFAULT_THEMES` (active, in list order) when there are no
    themes yet; returns how many were inserted."""
    if connection.execute(select(func.count()).select_from(Theme)).scalar():
        return 0
    rows = [{**theme, "active": True, "sort_order": order} for order, theme in enumerate(DEFAULT_THEMES)]
    connection.execute(insert(Theme), rows)
    return len(rows)


def ensure_default_themes_tagged(connection: Connection) -> int:
    """:func:`ensure_default_themes`; when it inserted them, also tag every comment
    already in the database (none could be tagged without themes). Returns how
    many themes were inserted."""
    inserted = ensure_default_themes(connection)
    if inserted:
        retag(connection)
    return inserted


def active_patterns(connection: Connection) -> tuple[dict[str, ThemePatterns], dict[str, int]]:
    """Compiled patterns and ids of the active themes, by key (PatternError if one is bad)."""
    rows = connection.execute(
        select(Theme.id, Theme.key, Theme.patterns_sv, Theme.patterns_en)
        .where(Theme.active.is_(True)).order_by(Theme.sort_order, Theme.id)
    ).all()
    compiled = {row.key: compile_patterns(row.patterns_sv, row.patterns_en, row.key) for row in rows}
    return compiled, {row.key: row.id for row in rows}


def _comments(connection: Connection, response_ids: list[int] | None) -> Iterator[tuple[list, int]]:
    """(id, comment, language) of the commented responses a chunk at a time in id
    order, each with how many responses it covers (for the progress)."""
    columns = (Response.id, Response.comment, Response.language)
    commented = Response.comment.is_not(None)
    if response_ids is not None:
        for chosen, batch in id_batches(Response.id, response_ids):
            yield connection.execute(select(*columns).where(
                commented, chosen).order_by(Response.id)).all(), len(batch)
        return
    last = 0
    while rows := connection.execute(
        select(*columns).where(commented, Response.id > last).order_by(Response.id).limit(CHUNK)
    ).all():
        yield rows, len(rows)
        last = rows[-1].id


@dataclass(frozen=True)
class SlowPattern:
    """A theme that :func:`retag` stopped applying: its pattern took longer than
    ``seconds`` on one comment, and ``skipped`` comments were not tagged with it."""

    theme: str
    language: str
    pattern: str
    reason: str
    seconds: float
    skipped: int


@dataclass
class Tagging:
    """What :func:`retag` did: comments with at least one theme, comments in a
    language without patterns (never tagged), comments whose language was
    detected, and the themes it stopped applying because a pattern was too slow."""

    tagged: int = 0
    other_language: int = 0
    detected: int = 0
    timed_out: list[SlowPattern] = field(default_factory=list)


class Tagger:
    """Tags comments with the themes of ``compiled`` in their language (one
    :class:`Matcher` per pattern language); a theme whose pattern times out is
    dropped for the rest of the run (a hostile pattern costs at most
    :data:`MATCH_SECONDS` a few times), counting the comments it did not get to."""

    def __init__(self, compiled: dict[str, ThemePatterns]):
        self.compiled = dict(compiled)
        self.slow: dict[str, tuple[PatternTimeout, int]] = {}
        self.matchers: dict[str, Matcher] = {}
        self.known: dict[tuple[str, str], frozenset[str]] = {}  # (text, language) -> themes, while none is dropped

    def __call__(self, text: str | None, language: str | None = "both") -> set[str]:
        for key in self.slow:
            error, skipped = self.slow[key]
            self.slow[key] = (error, skipped + 1)
        if not text or language is None:
            return set()
        if (known := self.known.get((text, language))) is not None:
            return set(known)  # a repeated comment: the same patterns find the same themes
        while True:
            matcher = self.matchers.get(language) or self.matchers.setdefault(
                language, Matcher(self.compiled, language))
            try:
                found = matcher(text)
            except PatternTimeout as error:
                del self.compiled[error.key]
                self.matchers.clear()
                self.known.clear()
                self.slow[error.key] = (error, 1)
                continue
            if len(self.known) >= KNOWN_TEXTS:
                self.known.clear()
            self.known[(text, language)] = frozenset(found)
            return found

    def timed_out(self) -> list[SlowPattern]:
        return [SlowPattern(key, error.language, error.pattern, error.reason, MATCH_SECONDS, skipped)
                for key, (error, skipped) in self.slow.items()]


def tag_rows(tagger: Tagger, rows: Iterable) -> tuple[list[tuple[int, str]], int, int]:
    """The (response id, theme key) pairs of ``rows`` ((id, comment, language code)
    each), how many of them got a theme and how many are in another language."""
    pairs, tagged, other, which = [], 0, 0, {}
    for response_id, comment, code in rows:
        applies = which[code] if code in which else which.setdefault(code, language.pattern_language(code))
        if applies is None:
            other += 1
        keys = tagger(comment, applies)
        if keys:
            tagged += 1
            pairs += [(response_id, key) for key in keys]
    return pairs, tagged, other


def _merged(*parts: list[SlowPattern]) -> list[SlowPattern]:
    """One :class:`SlowPattern` per theme from the taggers' lists, their skipped comments added up."""
    merged: dict[str, SlowPattern] = {}
    for slow in (slow for part in parts for slow in part):
        earlier = merged.get(slow.theme)
        merged[slow.theme] = slow if earlier is None else replace(earlier, skipped=earlier.skipped + slow.skipped)
    return list(merged.values())


def retag(connection: Connection, new_ids: Iterable[int] | None = None,
          progress: Callable[[float], None] | None = None) -> Tagging:
    """Rebuild ``response_themes`` for every commented response with the active
    themes, and the theme rollups, inside the caller's transaction (an error part-way
    leaves the old tags once the caller rolls back); or only tag ``new_ids``,
    responses written in that transaction and not tagged yet (an import's, which
    adds them to the rollups itself: ``queries.rollup.add_themes``).

    First detects the language of comments that have none
    (:func:`ingest.language.fill_missing`); Swedish patterns then tag Swedish
    comments, English ones English comments, both a comment whose language is
    not known, and a comment in another language gets no theme. Says how many
    comments got at least one theme, how many are in another language and which
    themes were stopped for a slow pattern; ``progress`` is called with the
    fraction done after each chunk.
    """
    compiled, theme_ids = active_patterns(connection)
    ids = None if new_ids is None else sorted(set(new_ids))
    detected = language.fill_missing(connection, ids)
    tagger = Tagger(compiled)
    links = ResponseTheme.__table__
    if ids is None:
        connection.execute(links.delete())
        total = comments = connection.execute(select(func.count(Response.comment))).scalar() or 0
    else:
        total = len(ids)  # the progress counts responses here (``_comments``)
        comments = sum(connection.execute(select(func.count(Response.comment)).where(chosen)).scalar() or 0
                       for chosen, _batch in id_batches(Response.id, ids))
    tagged = other = done = 0
    helper = tag_helper.Helper(compiled) if comments >= PARALLEL_FROM and compiled else None
    try:
        for (pairs, chunk_tagged, chunk_other), covered in tag_helper.tagged_chunks(
                _comments(connection, ids), lambda rows: tag_rows(tagger, rows), helper):
            tagged, other = tagged + chunk_tagged, other + chunk_other
            if pairs:  # plain tuples (COPY on PostgreSQL): per-row parameters would cost more than the tagging
                bulk.insert_rows(connection, links, ("response_id", "theme_id"),
                                 [(response_id, theme_ids[key]) for response_id, key in pairs])
            done += covered
            if progress:
                progress(min(1.0, done / total) if total else 1.0)
        slow = _merged(tagger.timed_out(), helper.close() if helper else [])
    finally:
        if helper:
            helper.kill()
    if ids is None:
        rollup.refresh_themes(connection)
    return Tagging(tagged, other, detected, slow)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Comment themes of Insikt.")
    parser.add_argument("command", choices=("retag", "defaults"), help=(
        "retag: tag every comment again; defaults: insert the default themes if there are none"))
    parser.add_argument("--database-url", default=None, help="target database (default: configured)")
    args = parser.parse_args(argv)
    from queries.db import DatabaseUnavailable, analyze, prepare
    from queries.settings import bump_data_version

    try:
        engine = prepare(args.database_url, create=args.command == "defaults")
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 2
    if args.command == "defaults":
        with engine.begin() as connection:
            inserted = ensure_default_themes_tagged(connection)
            if inserted:
                bump_data_version(connection)
        print(f"Inserted {inserted} default themes and tagged every comment with them." if inserted
              else "Themes exist already; nothing inserted.")
        return 0
    try:
        with engine.begin() as connection:
            tagging = retag(connection)
            bump_data_version(connection)
            comments = connection.execute(select(func.count(Response.comment))).scalar()
            per_theme = connection.execute(
                select(Theme.key, Theme.name_en, func.count(ResponseTheme.response_id))
                .outerjoin(ResponseTheme, ResponseTheme.theme_id == Theme.id)
                .where(Theme.active.is_(True)).group_by(Theme.id, Theme.key, Theme.name_en)
                .order_by(Theme.sort_order, Theme.id)).all()
    except PatternError as error:
        print(f"Nothing tagged: {error}", file=sys.stderr)
        return 1
    analyze(engine)
    print(f"Tagged {tagging.tagged:,} of {comments:,} comments with at least one theme.")
    for key, name, count in per_theme:
        print(f"  {key:<14} {name:<30} {count:>9,}")
    print(f"  {'other':<14} {'(no theme)':<30} {comments - tagging.tagged:>9,}")
    if tagging.other_language:
        print(f"Other languages: {tagging.other_language:,} comments not tagged (no patterns for their language).")
    for slow in tagging.timed_out:
        print(f"Theme {slow.theme!r} was stopped: its pattern {slow.pattern!r} took longer than {slow.seconds} s "
              f"on one comment, so {slow.skipped:,} comments were not tagged with it. Fix the pattern.",
              file=sys.stderr)
    return 1 if tagging.timed_out else 0


if __name__ == "__main__":
    sys.exit(main())
