"""The partial index of commented answers serves comments filtered by any score;
PostgreSQL is told what a random read costs where the data lies in memory or on
solid-state storage (``queries.db.RANDOM_PAGE_COST``), and a bulk write leaves its
pages marked visible for index-only scans (``queries.db.analyze``).

At 10M responses on PostgreSQL the comment pools of the largest unit's strengths page
took 1.1 s: the planner walked the whole organisation's answers by time rather than the
unit's commented ones, and a pool on CSAT read every commented row of the unit from the
table to test its score (bench/HISTORY.md, twenty-third run)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from analysis import measures
from queries import comments
from queries.comments import CommentQuery
from queries.db import RANDOM_PAGE_COST, make_engine, prepare
from queries.responses import Filters
from queries.schema import User
from queries.scope import scope_for
from tests.conftest import TODAY
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)
from tests.test_comments import _statements


def _plan(engine, statement: str, parameters) -> str:
    with engine.connect() as connection:
        return "\n".join(str(row[-1]) for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                                            parameters))


@pytest.fixture
def staff(sqlite_demo_url):
    from queries.db import engine_for

    engine = engine_for(sqlite_demo_url)
    with engine.connect() as connection:
        unit = connection.execute(select(User.unit_id).where(User.username == "staff")).scalar_one()
    scope = scope_for(engine, "staff", unit)
    return engine, scope, Filters(scope.unit_ids, TODAY - timedelta(days=365), TODAY)


def _table_columns_read(engine, statement: str, parameters) -> list[int]:
    """The columns SQLite's program for ``statement`` reads from a table rather than from
    an index (a ``Column`` instruction on a cursor opened on a table: its fourth operand
    is the table's number of columns, an index's is its key description)."""
    with engine.connect() as connection:
        program = connection.exec_driver_sql("EXPLAIN " + statement, parameters).all()
    tables = {row[2] for row in program if row[1] == "OpenRead" and not str(row[5]).startswith("k(")}
    return [row[3] for row in program if row[1] == "Column" and row[2] in tables]


@pytest.mark.parametrize("measure", list(measures.MEASURES))
def test_comments_of_one_tone_are_counted_from_the_index_alone_on_every_score(staff, measure):
    """The tone filter of the comments page on any measure: SQLite counts the unit's
    comments of that tone in ix_responses_commented without reading a row of the table
    (before migration 0020 only NPS could: a CSAT count at 1M, 11.7 ms → 1.2 ms)."""
    engine, scope, filters = staff
    query = CommentQuery(score_group="bottom", measure=measure)
    statement, parameters = _statements(engine, lambda: comments.count_comments(engine, scope, filters, query))[-1]
    assert "USING INDEX ix_responses_commented" in _plan(engine, statement, parameters)
    assert _table_columns_read(engine, statement, parameters) == []


@pytest.mark.parametrize("measure", list(measures.MEASURES))
def test_the_newest_comments_of_one_tone_are_read_in_the_indexs_order(staff, measure):
    """A strengths card's pool: the newest comments of one tone and theme. SQLite walks
    the partial index backwards and stops at the limit: NEWEST follows its columns, so
    no ordering is left to sort (with a column of the index missing from NEWEST, the id
    that breaks ties would need a sort of every row of the unit)."""
    engine, scope, filters = staff
    query = CommentQuery(score_group="top", measure=measure, theme_key="staff")
    statement, parameters = next((sql, values) for sql, values in _statements(
        engine, lambda: comments.list_comments(engine, scope, filters, query, limit=500))
        if "ORDER BY responses.responded_at DESC" in sql)  # not the read of their themes
    plan = _plan(engine, statement, parameters)
    assert "USING INDEX ix_responses_commented" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_postgresql_prices_a_random_read_for_data_in_memory_unless_the_server_says_otherwise(fresh_url):
    """Insikt's connections read random_page_cost 1.1 on a server that has no value of
    its own; a value given for the database (ALTER DATABASE) or in the URL's options
    stands."""
    url = make_url(fresh_url)

    def setting(address) -> str:
        engine = make_engine(address.render_as_string(hide_password=False))
        try:
            with engine.connect() as connection:
                connection.rollback()  # what the pool does with a returned connection
                return connection.exec_driver_sql("SHOW random_page_cost").scalar()
        finally:
            engine.dispose()

    assert setting(url) == RANDOM_PAGE_COST == "1.1"
    assert setting(url.update_query_dict({"options": "-c random_page_cost=2"})) == "2"
    with make_engine(fresh_url).connect() as connection:
        connection.exec_driver_sql(f'ALTER DATABASE "{url.database}" SET random_page_cost = 3')
        connection.commit()
    assert setting(url) == "3"


@pytest.mark.parametrize("fresh_url", ["postgres"], indirect=True)
def test_after_a_bulk_write_postgresql_reads_the_index_without_the_table(fresh_url):
    """``analyze`` after a bulk write vacuums on PostgreSQL: every page of responses is
    marked visible to all, so an index-only scan need not read the table's rows (with
    autovacuum off, as on some servers, they stayed unmarked)."""
    from ingest.demo import build_demo

    engine = prepare(fresh_url)
    build_demo(engine, responses=2_000, seed=7, today=TODAY)
    with engine.connect() as connection:
        visible, pages = connection.exec_driver_sql(
            "SELECT relallvisible, relpages FROM pg_class WHERE relname = 'responses'").one()
    assert pages > 0 and visible == pages
