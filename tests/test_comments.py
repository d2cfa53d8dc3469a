"""The comment list and its full-text search, on SQLite and PostgreSQL.

Exact cases use responses of our own, dated March 2001 (before the demo's two
years) and removed again after each test, so the shared demo database is left
as it was; realistic cases (paging, scope) read the demo's own comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import product

import pandas as pd
import pytest
from sqlalchemy import delete, event, func, insert, inspect, select, text, update

from queries import comments, rollup, search
from queries.comments import CommentQuery
from queries.responses import Filters
from queries.schema import Response, ResponseTheme, Theme, Touchpoint, Unit, User
from queries.scope import Scope, scope_for
from tests.conftest import TODAY

SOURCE = "test_comments"
FIRST, LAST = date(2001, 3, 1), date(2001, 3, 31)
IMPORTED = datetime(2001, 4, 1, tzinfo=timezone.utc)
LATER = datetime(2001, 4, 2, 12, tzinfo=timezone.utc)
LONG = ("Lång text om kvaliteten. " * 800)[:19_985] + " slutordet här."
# key, sort_order, active
THEMES = [("test_comments_staff", 900, True), ("test_comments_wait", 901, True),
          ("test_comments_off", 902, False)]


@dataclass(frozen=True)
class Row:
    key: str
    nps: int | None
    comment: str | None
    day: int = 1
    themes: tuple[str, ...] = ()
    language: str | None = "sv"
    csat: int | None = None
    imported: datetime = IMPORTED
    channel: str = "email"
    home: bool = True  # the staff user's unit, else another unit

    @property
    def at(self) -> datetime:
        return datetime(2001, 3, self.day, 10, tzinfo=timezone.utc)


ROWS = [
    Row("wait", 2, "Väntetiden var alldeles för lång idag", 1, ("test_comments_wait",), csat=1),
    Row("queue", 5, "Det var en lång kö vid kassan och ingen hjälpte till", 2,
        ("test_comments_wait", "test_comments_staff")),
    Row("saag", 8, "Jag såg inget fel", 3),
    Row("sag", 7, "Han sag nej till allt", 4, ("test_comments_off",)),
    Row("shout", 9, "VÄNTADE LÄNGE MEN ÅTERKOMMER GÄRNA", 5, csat=5),
    Row("english", 10, "Friendly staff and no queue", 6, ("test_comments_staff",), "en",
        imported=LATER, channel="web"),
    Row("script", None, "<script>alert(1)</script>", 7, csat=3),
    Row("bold", 6, "**bold** and _under_score_ 100% sure", 7),
    Row("long", 4, LONG, 8),
    Row("emoji", 10, "Toppen 👍🏽 tack! åäö ÅÄÖ", 9, language=None, imported=LATER),
    Row("rank_hi", None, "Personalen, personalen och personalen!", 10),
    Row("rank_lo", 9, "Butiken var stor och ljus med många varor i hyllorna men "
                      "personalen syntes inte till någonstans idag", 10),
    Row("blank", 3, "   ", 11),
    Row("none", 3, None, 11),
    Row("elsewhere", 2, "Väntetiden var alldeles för lång idag", 1, ("test_comments_wait",),
        home=False),
]
COMMENTED = [row for row in ROWS if row.comment and row.comment.strip()]


@dataclass
class Own:
    engine: object
    ids: dict[str, int]
    home: int
    other: int
    touchpoint: int  # of every own row except "english"
    leader: Scope
    staff: Scope
    filters: Filters

    def keys(self, frame: pd.DataFrame) -> list[str]:
        names = {value: key for key, value in self.ids.items()}
        return [names[int(value)] for value in frame["id"]]

    def found(self, scope: Scope | None = None, **query) -> set[str]:
        frame = comments.list_comments(self.engine, scope or self.leader, self.filters,
                                       CommentQuery(**query), limit=100)
        count = comments.count_comments(self.engine, scope or self.leader, self.filters,
                                        CommentQuery(**query))
        assert count == len(frame)
        return set(self.keys(frame))


def _cleanup(connection) -> None:
    own = select(Response.id).where(Response.source == SOURCE)
    connection.execute(delete(ResponseTheme).where(ResponseTheme.response_id.in_(own)))
    connection.execute(delete(Response).where(Response.source == SOURCE))
    connection.execute(delete(Theme).where(Theme.key.in_([key for key, _, _ in THEMES])))


@pytest.fixture
def own(demo_engine):
    engine = demo_engine
    with engine.begin() as connection:
        _cleanup(connection)
        home = connection.execute(select(User.unit_id).where(User.username == "staff")).scalar_one()
        other = connection.execute(select(Unit.id).where(Unit.kind == "unit", Unit.id != home)
                                   .order_by(Unit.id)).scalars().first()
        first_tp, second_tp = connection.execute(select(Touchpoint.id).order_by(Touchpoint.id)
                                                 .limit(2)).scalars().all()
        theme_ids = {key: connection.execute(insert(Theme).values(
            key=key, name_sv=key, name_en=key, patterns_sv="", patterns_en="", active=active,
            sort_order=order)).inserted_primary_key[0] for key, order, active in THEMES}
        ids = {}
        for row in ROWS:
            ids[row.key] = connection.execute(insert(Response).values(
                source=SOURCE, external_id=row.key, unit_id=home if row.home else other,
                touchpoint_id=second_tp if row.key == "english" else first_tp, channel=row.channel,
                responded_at=row.at, nps=row.nps, csat=row.csat, comment=row.comment,
                language=row.language, imported_at=row.imported)).inserted_primary_key[0]
            for theme in row.themes:
                connection.execute(insert(ResponseTheme).values(response_id=ids[row.key],
                                                                theme_id=theme_ids[theme]))
        rollup.refresh(connection, FIRST, LAST)  # as every write does: counts read the rollups
    leader = scope_for(engine, "leader", None)
    yield Own(engine, ids, home, other, first_tp, leader, scope_for(engine, "staff", home),
              Filters(leader.unit_ids, FIRST, LAST))
    with engine.begin() as connection:
        _cleanup(connection)
        rollup.refresh(connection, FIRST, LAST)


# --- queries/search.py ------------------------------------------------------------------

# comments.SCOPE_FIRST and comments.SMALL_SCOPE that force one way of searching.
STRATEGIES = {"match first": (0, -1), "scope first": (10**9, -1), "python": (0, 10**9)}


@pytest.fixture(params=list(STRATEGIES))
def matcher(request, monkeypatch):
    """Search through the full-text index from its matches or (SQLite) from the
    selection's own comments, or (PostgreSQL, a selection of at most
    comments.SMALL_SCOPE comments) by matching in Python: the same answers."""
    scope_first, small = STRATEGIES[request.param]
    monkeypatch.setattr(comments, "SCOPE_FIRST", scope_first)
    monkeypatch.setattr(comments, "SMALL_SCOPE", small)
    return request.param


def test_matches_reads_words_as_the_indexes_do():
    assert search.matches(search.parse("VÄNTETID"), "Väntetiden var lång")
    assert search.matches(search.parse('"lång k"'), "en Lång, kö!")
    assert not search.matches(search.parse('"kö lång"'), "lång kö")
    assert not search.matches(search.parse("lang"), "lång")
    assert search.matches(search.parse("under score"), "_under_score_")
    assert not search.matches(search.parse("x"), None)


def test_parse_reads_words_and_quoted_phrases():
    assert search.parse("VÄNTETID") == [("väntetid",)]
    assert search.parse('lång "Lång Kö" kö') == [("lång",), ("lång", "kö"), ("kö",)]
    assert search.parse('a "b c" "d e') == [("a",), ("b", "c"), ("d",), ("e",)]
    assert search.parse('"unbalanced') == [("unbalanced",)]
    assert search.parse('"kö"') == [("kö",)]
    assert search.parse("e-post foo_bar a*b (x:y) ^z") == [
        ("e",), ("post",), ("foo",), ("bar",), ("a",), ("b",), ("x",), ("y",), ("z",)]
    assert search.parse("kö KÖ kö") == [("kö",)]
    assert search.parse("a\u030a") == [("å",)]  # a decomposed å is still å


def test_parse_treats_operators_as_words_and_punctuation_as_nothing():
    assert search.parse("NEAR AND or NOT") == [("near",), ("and",), ("or",), ("not",)]
    for nothing in ("", "   ", '"', '""', "*", ")(", "- ^ : * ( )", '" "'):
        assert search.parse(nothing) == []


def test_parse_caps_terms_and_word_length():
    assert len(search.parse(" ".join(f"w{index}" for index in range(30)))) == search.MAX_TERMS
    assert search.parse("x" * 150) == [("x" * search.MAX_WORD,)]
    assert len(search.parse('"' + " ".join(["ord"] * 40) + '"')[0]) == search.MAX_TERMS


def test_fts5_query_quotes_every_word_and_matches_prefixes():
    assert search.fts5_query([("vänt",)]) == '"vänt"*'
    assert search.fts5_query([("lång", "kö"), ("near",)]) == '"lång kö"* AND "near"*'
    assert search.fts5_query([('a"b',)]) == '"a""b"*'


def test_tsquery_quotes_lexemes_and_joins_phrases():
    assert search.tsquery([("vänt",)]) == "'vänt':*"
    assert search.tsquery([("lång", "kö"), ("personal",)]) == "'lång' <-> 'kö':* & 'personal':*"
    assert search.tsquery([("it's",), ("a\\b",)]) == "'it''s':* & 'a\\\\b':*"


def test_like_patterns_escape_wildcards():
    assert search.like_patterns([("lång", "kö"), ("100%",), ("a_b",), ("c\\d",)]) == [
        "%lång kö%", "%100\\%%", "%a\\_b%", "%c\\\\d%"]


# --- finding comments ---------------------------------------------------------------------

def test_search_folds_case_but_keeps_swedish_letters(own, matcher):
    assert own.found(search="VÄNTETID") == {"wait", "elsewhere"}
    assert own.found(search="väntade") == own.found(search="ÅTERKOMMER") == {"shout"}
    assert own.found(search="såg") == own.found(search="SÅG") == {"saag"}
    assert own.found(search="sag") == {"sag"}
    assert own.found(search="lang") == set()
    assert own.found(search="ÅÄÖ") == {"emoji"}


def test_phrase_prefix_and_words_inside_long_comments(own, matcher):
    assert own.found(search='"lång kö"') == own.found(search='"LÅNG K"') == {"queue"}
    assert own.found(search='"kö lång"') == set()
    assert own.found(search="lång kö") == own.found(search='"lång kö') == {"queue"}
    assert own.found(search="vänt") == {"wait", "elsewhere", "shout"}
    assert own.found(search="slutordet") == {"long"}
    assert own.found(search="xyzzyq") == set()


@pytest.mark.parametrize("typed", ["", '"', "*", ")(", "%", "_", '""', "- ^ :", "\\"])
def test_search_without_words_filters_nothing(own, matcher, typed):
    assert own.found(search=typed) == {row.key for row in COMMENTED}


@pytest.mark.parametrize("typed", ["NEAR", "AND", '"unbalanced', "OR NOT", "NEAR(a b)", "väntetid*",
                                   "a'b", "x:y", "^start", "-minus", "col:value", "' OR 1=1 --"])
def test_operator_like_input_never_errors(own, matcher, typed):
    own.found(search=typed)


def test_operator_words_are_plain_words(own, matcher):
    assert own.found(search="AND") == {"english", "bold"}
    assert own.found(search="NEAR") == set()


def test_search_text_is_bound_and_postgres_uses_the_gin_index(own, monkeypatch):
    monkeypatch.setattr(comments, "SMALL_SCOPE", -1)  # through the index
    engine, executed = own.engine, []

    def capture(_connection, _cursor, statement, parameters, _context, _many):
        executed.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        comments.count_comments(engine, own.leader, own.filters, CommentQuery(search="Väntetiden"))
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    statement, parameters = executed[-1]
    assert "ntetiden" not in statement and "ntetiden" in str(parameters)
    if engine.dialect.name == "postgresql":  # the search expression is the indexed one
        statement = select(Response.id).where(comments._search("postgresql", search.parse("väntetiden")))
        compiled = statement.compile(dialect=engine.dialect)
        with engine.connect() as connection:
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).scalars().all()
        assert "ix_responses_comment_fts" in "\n".join(plan)


def _statements(engine, read) -> list[tuple[str, object]]:
    """The statements (with their parameters) that ``read()`` sends."""
    executed = []

    def capture(_connection, _cursor, statement, parameters, _context, _many):
        executed.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        read()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return executed


def test_a_small_selection_is_searched_without_the_whole_organisations_matches(demo_engine, monkeypatch):
    """A selection with few comments (daily_counts says how many) is walked first
    on SQLite (the match list only looked up) and matched in Python elsewhere; a
    large one is read from the full-text index's matches. Same answers."""
    monkeypatch.setattr(comments, "SMALL_SCOPE", 1_000)
    monkeypatch.setattr(comments, "SCOPE_FIRST", 1)
    home = demo_engine.connect().execute(select(User.unit_id).where(User.username == "staff")).scalar_one()
    staff, leader = scope_for(demo_engine, "staff", home), scope_for(demo_engine, "leader", None)
    period = Filters(leader.unit_ids, TODAY - timedelta(days=365), TODAY)
    query = CommentQuery(search="personal")
    with demo_engine.connect() as connection:
        matches = connection.execute(select(func.count()).select_from(Response).where(
            comments._search(demo_engine.dialect.name, search.parse("personal")))).scalar()
    assert comments._commented(demo_engine.connect(), sorted(staff.unit_ids), period) < matches < \
        comments._commented(demo_engine.connect(), sorted(leader.unit_ids), period)
    found, how = {}, {}
    for scope in (staff, leader):
        executed = _statements(demo_engine, lambda: found.setdefault(
            scope, comments.count_comments(demo_engine, scope, period, query)))
        counted = executed[-1][0]
        how[scope] = ("scope first" if "+responses.id IN" in counted else
                      "index" if any(word in counted for word in ("comments_fts", "to_tsquery")) else "python")
    small = "scope first" if demo_engine.dialect.name == "sqlite" else "python"
    assert how == {staff: small, leader: "index"}
    monkeypatch.setattr(comments, "SCOPE_FIRST", 10**9)
    monkeypatch.setattr(comments, "SMALL_SCOPE", 10**9)
    assert comments.count_comments(demo_engine, leader, period, query) == found[leader]
    monkeypatch.setattr(comments, "SCOPE_FIRST", 0)
    monkeypatch.setattr(comments, "SMALL_SCOPE", -1)
    assert comments.count_comments(demo_engine, staff, period, query) == found[staff] > 0


def test_scope_first_reads_the_selection_from_its_partial_index(sqlite_demo_url, monkeypatch):
    """SQLite's scope-first plan walks ix_responses_commented and only looks ids up
    in the match list (match first, the planner chooses: at 1,000,000 responses it
    reads every matching response by its primary key)."""
    from queries.db import engine_for

    engine = engine_for(sqlite_demo_url)
    scope = scope_for(engine, "staff", engine.connect().execute(
        select(User.unit_id).where(User.username == "staff")).scalar_one())
    period = Filters(scope.unit_ids, TODAY - timedelta(days=365), TODAY)
    monkeypatch.setattr(comments, "SCOPE_FIRST", 10**9)
    statement, parameters = _statements(engine, lambda: comments.count_comments(
        engine, scope, period, CommentQuery(search="bra")))[-1]
    with engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    assert plan[0].startswith("SEARCH responses USING INDEX ix_responses_commented") and "LIST SUBQUERY" in plan[1]


def _old_search(dialect: str, terms):
    """The search condition before scope-first and split phrase checks: what every
    way of searching must still find."""
    if dialect == "sqlite":
        return Response.id.in_(select(comments._FTS.c.rowid).where(comments._fts_match(terms)))
    return comments._tsvector().op("@@")(comments._tsquery(terms))


TYPED = ["bra", "vänt", '"lång kö"', '"väntetiden var"', "personal trevlig", '"inte bra" personal',
         "smoothly", "xyzzyq"]
# Per database, the ways of searching besides the planner's own choice.
PATHS = {"sqlite": ("match first", "scope first"), "postgresql": ("match first", "python")}


def test_search_finds_what_the_old_search_found_in_every_scope(demo_engine, monkeypatch):
    """For a set of searches and scopes (leader, a region's manager, staff of two
    units), the count and the first 60 comments in three sorts are those of the
    former single full-text condition on every path, and lie in the scope."""
    engine, dialect = demo_engine, demo_engine.dialect.name
    with engine.connect() as connection:
        region, *units = connection.execute(select(Unit.id).order_by(Unit.kind != "region", Unit.id)).scalars()
    scopes = [scope_for(engine, "leader", None), scope_for(engine, "manager", region),
              scope_for(engine, "staff", units[0]), scope_for(engine, "staff", units[-1])]
    compared = 0
    for typed, scope, sort in product(TYPED, scopes, ("newest", "lowest", "relevance")):
        terms, query = search.parse(typed), CommentQuery(search=typed, sort=sort)
        filters = Filters(scope.unit_ids, TODAY - timedelta(days=364), TODAY)
        lower, upper = comments._day_bounds(filters.start, filters.end)
        where = [Response.unit_id.in_(sorted(scope.unit_ids)), Response.responded_at >= lower,
                 Response.responded_at < upper, Response.comment.is_not(None), func.trim(Response.comment) != "",
                 _old_search(dialect, terms)]
        statement, relevance = select(Response.id).where(*where), None
        if sort == "relevance":
            statement, relevance = comments._ranked(dialect, statement, terms)
        with engine.connect() as connection:
            old = connection.execute(statement.order_by(*comments._order(query, relevance)).limit(60)).scalars().all()
            old_count = connection.execute(select(func.count()).where(*where)).scalar()
        for path in PATHS[dialect]:
            scope_first, small = STRATEGIES[path]
            monkeypatch.setattr(comments, "SCOPE_FIRST", scope_first)
            monkeypatch.setattr(comments, "SMALL_SCOPE", small)
            page = comments.list_comments(engine, scope, filters, query, limit=60)
            assert page["id"].tolist() == old, (typed, sort, path)
            assert set(page["unit_id"]) <= scope.unit_ids
            assert comments.count_comments(engine, scope, filters, query) == old_count, (typed, path)
        compared += old_count
    assert compared > 1_000


def test_like_fallback_of_other_databases(own):
    def like(typed):
        condition = comments._search("mysql", search.parse(typed))
        with own.engine.connect() as connection:
            found = set(connection.execute(
                select(Response.id).where(condition, Response.source == SOURCE)).scalars())
        return {key for key, value in own.ids.items() if value in found}

    assert like("väntetid") == {"wait", "elsewhere"}
    assert like('"lång kö"') == {"queue"}
    assert like("100 bold") == {"bold"}


# --- filters --------------------------------------------------------------------------------

def test_score_groups(own):
    assert own.found(score_group="top") == {r.key for r in COMMENTED if r.nps is not None and r.nps >= 9}
    assert own.found(score_group="middle") == {"saag", "sag"}
    assert own.found(score_group="bottom") == {r.key for r in COMMENTED if r.nps is not None and r.nps <= 6}
    # The sides of another measure: satisfaction 4–5, 3 and 1–2.
    assert own.found(score_group="top", measure="csat") == {"shout"}
    assert own.found(score_group="middle", measure="csat") == {"script"}
    assert own.found(score_group="bottom", measure="csat") == {r.key for r in COMMENTED if r.csat == 1}
    with pytest.raises(ValueError):
        CommentQuery(score_group="critic")
    with pytest.raises(ValueError, match="unknown measure"):
        CommentQuery(measure="stars")


def test_themes_filter_and_column(own):
    assert own.found(theme_key="test_comments_wait") == {"wait", "queue", "elsewhere"}
    assert own.found(theme_key="test_comments_staff") == {"queue", "english"}
    assert own.found(theme_key="test_comments_off") == set()  # inactive themes do not count
    assert own.found(theme_key="no_such_theme") == set()  # a theme removed since the link was made
    tagged = {"wait", "queue", "english", "elsewhere"}
    assert own.found(theme_key="other") == {row.key for row in COMMENTED} - tagged
    frame = comments.list_comments(own.engine, own.leader, own.filters, CommentQuery(), limit=100)
    themes = dict(zip(own.keys(frame), frame["themes"]))
    assert themes["queue"] == ["test_comments_staff", "test_comments_wait"]  # by sort_order
    assert themes["sag"] == [] and themes["wait"] == ["test_comments_wait"]
    options = comments.theme_options(own.engine)
    ours = options[options["key"].str.startswith("test_comments")]
    assert ours["key"].tolist() == ["test_comments_staff", "test_comments_wait"]
    assert list(options.columns) == ["id", "key", "name_sv", "name_en"]


def test_language_touchpoint_channel_and_import_filters(own):
    assert own.found(language="en") == {"english"}
    assert "emoji" not in own.found(language="sv")
    assert set(comments.languages(own.engine, own.staff)) >= {"sv", "en"}
    touchpoint = Filters(own.filters.unit_ids, FIRST, LAST, touchpoint_id=own.touchpoint)
    frame = comments.list_comments(own.engine, own.leader, touchpoint, CommentQuery(), limit=100)
    assert set(own.keys(frame)) == {row.key for row in COMMENTED} - {"english"}
    web = Filters(own.filters.unit_ids, FIRST, LAST, channel="web")
    assert set(own.keys(comments.list_comments(own.engine, own.leader, web, CommentQuery()))) == {"english"}
    stockholm = timezone(timedelta(hours=2))
    assert own.found(imported_after=datetime(2001, 4, 2, 1, tzinfo=stockholm)) == {"english", "emoji"}
    assert own.found(imported_after=datetime(2001, 4, 2)) == {"english", "emoji"}  # naive = UTC
    days = Filters(own.filters.unit_ids, date(2001, 3, 2), date(2001, 3, 3))
    assert set(own.keys(comments.list_comments(own.engine, own.leader, days, CommentQuery()))) == {"queue", "saag"}


# --- order and paging -------------------------------------------------------------------------

# Newest first; answers given at the same moment by the columns of ix_responses_commented
# (scores, highest first and none last, ...: queries.comments.NEWEST), then newest id. The
# rows given at one moment here differ only in NPS, CSAT and id.
def _newest(row, id_):
    return -row.at.timestamp(), row.nps is None, -(row.nps or 0), row.csat is None, -(row.csat or 0), -id_


SORT_KEYS = {
    "newest": _newest,
    "oldest": lambda row, id_: (row.at.timestamp(), -id_),
    "lowest": lambda row, id_: (row.nps is None, row.nps or 0, -id_),
    "highest": lambda row, id_: (row.nps is None, -(row.nps or 0), -id_),
    "relevance": _newest,  # no search: newest
}


@pytest.mark.parametrize("sort", comments.SORTS)
def test_every_sort_orders_and_breaks_ties_by_id(own, sort):
    frame = comments.list_comments(own.engine, own.leader, own.filters, CommentQuery(sort=sort), limit=100)
    expected = sorted(COMMENTED, key=lambda row: SORT_KEYS[sort](row, own.ids[row.key]))
    assert own.keys(frame) == [row.key for row in expected]


def test_relevance_ranks_better_matches_first(own):
    frame = comments.list_comments(own.engine, own.leader, own.filters,
                                   CommentQuery(search="personalen", sort="relevance"))
    assert own.keys(frame) == ["rank_hi", "rank_lo"]
    same = comments.list_comments(own.engine, own.leader, own.filters,
                                  CommentQuery(search="väntetiden", sort="relevance"))
    assert own.keys(same) == ["elsewhere", "wait"]  # equal text: newest id first
    with pytest.raises(ValueError):
        CommentQuery(sort="random")


@pytest.mark.parametrize("sort", comments.SORTS)
def test_pages_are_stable_and_disjoint_on_the_demo(demo_engine, sort):
    scope = scope_for(demo_engine, "leader", None)
    filters = Filters(scope.unit_ids, TODAY - timedelta(days=364), TODAY)
    query = CommentQuery(sort=sort, search="personal" if sort == "relevance" else "")
    first = comments.list_comments(demo_engine, scope, filters, query, limit=25)
    second = comments.list_comments(demo_engine, scope, filters, query, limit=25, offset=25)
    both = comments.list_comments(demo_engine, scope, filters, query, limit=50)
    assert len(first) == len(second) == 25
    assert not set(first["id"]) & set(second["id"])
    assert first["id"].tolist() + second["id"].tolist() == both["id"].tolist()


# --- scope ----------------------------------------------------------------------------------

def test_staff_never_sees_another_units_comments(own):
    assert own.found(own.staff, search="väntetiden") == {"wait"}
    assert "elsewhere" not in own.found(own.staff)
    engine = own.engine
    filters = Filters(own.leader.unit_ids, TODAY - timedelta(days=364), TODAY)
    exported = comments.export_comments(engine, own.staff, filters, CommentQuery())
    assert set(exported["unit_id"]) == {own.home}
    lower = datetime.combine(filters.start, datetime.min.time(), tzinfo=timezone.utc)
    upper = datetime.combine(TODAY + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    with engine.connect() as connection:
        raw = connection.execute(select(func.count()).where(
            Response.unit_id == own.home, Response.comment.is_not(None), Response.comment != "",
            Response.responded_at >= lower, Response.responded_at < upper)).scalar()
    assert len(exported) == comments.count_comments(engine, own.staff, filters, CommentQuery()) == raw > 0
    others = Filters(own.leader.unit_ids - {own.home}, FIRST, LAST)
    assert comments.list_comments(engine, own.staff, others, CommentQuery()).empty
    assert comments.count_comments(engine, own.staff, others, CommentQuery(search="väntetiden")) == 0


def test_empty_scope_reads_nothing(own):
    nothing = Scope(frozenset())
    frame = comments.list_comments(own.engine, nothing, own.filters, CommentQuery())
    assert frame.empty and list(frame.columns) == comments.COLUMNS
    assert comments.count_comments(own.engine, nothing, own.filters, CommentQuery()) == 0
    assert comments.export_comments(own.engine, nothing, own.filters, CommentQuery()).empty
    assert comments.languages(own.engine, nothing) == []


# --- content --------------------------------------------------------------------------------

def test_columns_and_text_round_trip_unchanged(own):
    frame = comments.list_comments(own.engine, own.leader, own.filters, CommentQuery(), limit=100)
    assert list(frame.columns) == comments.COLUMNS
    by_key = {key: row for key, row in zip(own.keys(frame), frame.itertuples(index=False))}
    for row in COMMENTED:
        assert by_key[row.key].comment == row.comment
        assert by_key[row.key].responded_at == pd.Timestamp(row.at)
    assert len(by_key["long"].comment) == 20_000
    assert str(frame["responded_at"].dt.tz) == "UTC"
    assert str(frame["nps"].dtype) == str(frame["csat"].dtype) == "Int64"
    assert pd.isna(by_key["script"].nps) and by_key["wait"].csat == 1
    assert by_key["wait"].unit_id == own.home and by_key["elsewhere"].unit_id == own.other
    assert by_key["english"].channel == "web" and pd.isna(by_key["emoji"].language)


def test_a_comment_without_a_language_beside_others_is_carded_without_one(own):
    """pandas 3 reads the language column with gaps as text whose missing value is NaN;
    a card showed it as "nan" among its context."""
    from components import comment_cards

    frame = comments.list_comments(own.engine, own.leader, own.filters, CommentQuery(), limit=100)
    by_key = {key: row for key, row in zip(own.keys(frame), frame.itertuples())}
    assert by_key["emoji"].language is None and by_key["english"].language == "en"
    assert " · nan" not in comment_cards.card_html(by_key["emoji"], {}, None, "sv")
    assert " · en<" in comment_cards.card_html(by_key["english"], {}, None, "sv")
    ids = [own.ids["emoji"], own.ids["english"]]
    assert comments.comments_by_ids(own.engine, own.leader, ids)["language"].tolist() == [None, "en"]


def test_index_follows_updates_and_deletes(own):
    engine, wait = own.engine, own.ids["wait"]
    with engine.begin() as connection:
        connection.execute(update(Response).where(Response.id == wait)
                           .values(comment="Leveransen kom en dag för sent"))
    assert own.found(search="leveransen") == {"wait"}
    assert own.found(search="väntetiden") == {"elsewhere"}
    with engine.begin() as connection:
        connection.execute(delete(Response).where(Response.id == own.ids["elsewhere"]))
    assert own.found(search="väntetiden") == set()
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:  # raises when the index and the table disagree
            connection.execute(text("INSERT INTO comments_fts(comments_fts, rank) VALUES ('integrity-check', 1)"))


def test_search_index_migration_indexes_existing_comments_and_goes_away(tmp_path):
    from alembic import command
    from alembic.config import Config

    from queries.db import MIGRATIONS, make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'migrate.db'}", create=True)

    def migrate(step, revision):
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)

    def fts_objects():
        with engine.connect() as connection:
            return connection.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE '%fts%'")).scalar()

    migrate(command.upgrade, "0002")
    with engine.begin() as connection:
        unit = connection.execute(insert(Unit).values(name="Enhet", kind="unit")).inserted_primary_key[0]
        tp = connection.execute(insert(Touchpoint).values(key="k", name_sv="k", name_en="k")).inserted_primary_key[0]
        connection.execute(insert(Response).values(
            source=SOURCE, external_id="1", unit_id=unit, touchpoint_id=tp, channel="web",
            responded_at=datetime(2001, 3, 1, tzinfo=timezone.utc), comment="Redan här före indexet",
            imported_at=IMPORTED))
    upgrade(engine)
    filters = Filters(frozenset({unit}), FIRST, LAST)
    assert comments.count_comments(engine, Scope(frozenset({unit})), filters, CommentQuery(search="indexet")) == 1
    assert fts_objects() > 0
    migrate(command.downgrade, "0002")
    assert fts_objects() == 0 and "comments_fts" not in inspect(engine).get_table_names()
    engine.dispose()
