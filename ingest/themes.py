"""Comment themes: the default theme list, keyword patterns, and tagging comments.

Pattern syntax (one pattern a line; the Swedish and the English patterns both
apply to every comment, since the language of an import can be wrong):

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

    python -m ingest.themes defaults [--database-url URL]   # insert the default themes if missing (and tag)
    python -m ingest.themes retag [--database-url URL]      # tag every comment again
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import regex
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from queries.schema import Response, ResponseTheme, Theme

CHUNK = 20_000
MIN_STEM = 3
MATCH_SECONDS = 0.1  # one re: pattern on one comment
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
            returned the; claim; claims; my case; case number; no reply; passed around"""),
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
            campaign*; offer*; discount*; sale; deal; deals; promo*; advert*; voucher*; coupon*;
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


def _either(parts: list[str], module, flags: int = 0):
    return module.compile(START + "(?:" + "|".join(f"(?:{part})" for part in parts) + ")", flags) if parts else None


@dataclass(frozen=True)
class ThemePatterns:
    """A theme's compiled patterns: its words, stems and phrases as one expression
    on the comment in lower case (linear time, run by ``re``), and its ``re:``
    patterns as one case-insensitive expression run with a time bound."""

    key: str
    words: re.Pattern | None
    expressions: regex.Pattern | None
    lines: tuple[tuple[str, str, str], ...] = ()  # (language, pattern, expression) of the re: patterns

    def search(self, text: str, folded: str | None = None) -> bool:
        """Whether the theme occurs in ``text`` (``folded``: ``text.casefold()``,
        when the caller has it); :class:`PatternTimeout` when a ``re:`` pattern
        takes longer than :data:`MATCH_SECONDS`."""
        if self.words is not None and self.words.search(text.casefold() if folded is None else folded):
            return True
        if self.expressions is None:
            return False
        try:
            return bounded(lambda timeout: self.expressions.search(text, timeout=timeout)) is not None
        except TimeoutError:
            raise self._timeout(text) from None

    def _timeout(self, text: str) -> PatternTimeout:
        """The timeout, naming the first ``re:`` pattern that is slow on ``text`` on its own."""
        for language, pattern, expression in self.lines:
            compiled = regex.compile(START + f"(?:{expression})", regex.IGNORECASE)
            try:
                bounded(lambda timeout: compiled.search(text, timeout=timeout))
            except TimeoutError:
                return PatternTimeout(self.key, language, pattern, len(text))
        language, pattern, _expression = self.lines[0]
        return PatternTimeout(self.key, language, pattern, len(text))


def compile_patterns(patterns_sv: str, patterns_en: str, key: str) -> ThemePatterns:
    """A theme's patterns in both languages, compiled (see :class:`ThemePatterns`).

    Raises :class:`PatternError` for the first unusable pattern. No patterns at
    all never match.
    """
    words, expressions = [], []
    for language, text in (("sv", patterns_sv or ""), ("en", patterns_en or "")):
        for pattern in filter(None, (line.strip() for line in text.splitlines())):
            is_regex = pattern.startswith("re:")
            try:
                expression = _regex(pattern if is_regex else pattern.casefold())
            except ValueError as error:
                raise PatternError(key, language, pattern, str(error)) from None
            if is_regex:
                if _matches_empty(expression):
                    raise PatternError(key, language, pattern, "matches the empty string")
                expressions.append((language, pattern, expression))
            else:
                words.append(expression)
    return ThemePatterns(key, _either(words, re), _either([line[2] for line in expressions], regex, regex.IGNORECASE),
                         tuple(expressions))


def tag(text: str, compiled: dict[str, ThemePatterns]) -> set[str]:
    """The keys of the themes whose patterns occur in ``text`` (PatternTimeout
    when one takes too long)."""
    if not text:
        return set()
    folded = text.casefold()
    return {key for key, patterns in compiled.items() if patterns.search(text, folded)}


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


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for first in range(0, len(ids), size):
        yield ids[first:first + size]


def _comments(connection: Connection, response_ids: list[int] | None) -> Iterator[tuple[list, int]]:
    """(id, comment) of the commented responses a chunk at a time in id order,
    each with how many responses it covers (for the progress)."""
    commented = Response.comment.is_not(None)
    if response_ids is not None:
        for chunk in _chunks(response_ids, 5_000):
            yield connection.execute(select(Response.id, Response.comment).where(
                commented, Response.id.in_(chunk)).order_by(Response.id)).all(), len(chunk)
        return
    last = 0
    while rows := connection.execute(
        select(Response.id, Response.comment).where(commented, Response.id > last)
        .order_by(Response.id).limit(CHUNK)
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
    """What :func:`retag` did: comments with at least one theme, and the themes it
    stopped applying because a pattern was too slow."""

    tagged: int = 0
    timed_out: list[SlowPattern] = field(default_factory=list)


class _Tagger:
    """Tags comments with the themes of ``compiled``; a theme whose pattern times
    out is dropped for the rest of the run (a hostile pattern costs at most
    :data:`MATCH_SECONDS` once), counting the comments it did not get to."""

    def __init__(self, compiled: dict[str, ThemePatterns]):
        self.compiled = dict(compiled)
        self.slow: dict[str, tuple[PatternTimeout, int]] = {}

    def __call__(self, text: str | None) -> set[str]:
        for key in self.slow:
            error, skipped = self.slow[key]
            self.slow[key] = (error, skipped + 1)
        if not text:
            return set()
        folded, found = text.casefold(), set()
        for key, patterns in list(self.compiled.items()):
            try:
                if patterns.search(text, folded):
                    found.add(key)
            except PatternTimeout as error:
                del self.compiled[key]
                self.slow[key] = (error, 1)
        return found

    def timed_out(self) -> list[SlowPattern]:
        return [SlowPattern(key, error.language, error.pattern, error.reason, MATCH_SECONDS, skipped)
                for key, (error, skipped) in self.slow.items()]


def retag(connection: Connection, response_ids: Iterable[int] | None = None,
          progress: Callable[[float], None] | None = None) -> Tagging:
    """Rebuild ``response_themes`` for every commented response (or only
    ``response_ids``) with the active themes, inside the caller's transaction.

    Says how many comments got at least one theme and which themes were stopped
    for a slow pattern; ``progress`` is called with the fraction done after each chunk.
    """
    compiled, theme_ids = active_patterns(connection)
    tagger = _Tagger(compiled)
    links = ResponseTheme.__table__
    if response_ids is None:
        ids = None
        connection.execute(links.delete())
        total = connection.execute(select(func.count(Response.comment))).scalar() or 0
    else:
        ids = sorted(set(response_ids))
        for chunk in _chunks(ids, 5_000):
            connection.execute(links.delete().where(links.c.response_id.in_(chunk)))
        total = len(ids)
    tagged = done = 0
    for rows, covered in _comments(connection, ids):
        found = [(row.id, tagger(row.comment)) for row in rows]
        values = [{"response_id": response_id, "theme_id": theme_ids[key]}
                  for response_id, keys in found for key in sorted(keys)]
        if values:
            connection.execute(insert(ResponseTheme), values)
        tagged += sum(1 for _id, keys in found if keys)
        done += covered
        if progress:
            progress(min(1.0, done / total) if total else 1.0)
    return Tagging(tagged, tagger.timed_out())


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
    for slow in tagging.timed_out:
        print(f"Theme {slow.theme!r} was stopped: its pattern {slow.pattern!r} took longer than {slow.seconds} s "
              f"on one comment, so {slow.skipped:,} comments were not tagged with it. Fix the pattern.",
              file=sys.stderr)
    return 1 if tagging.timed_out else 0


if __name__ == "__main__":
    sys.exit(main())
