"""The weekly digest: sent once per person and week, in their language, about
their own unit only, with the numbers the pages' query functions give for the
same unit and week."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import update

from analysis.compare import compare
from analysis.verdict import Rule
from analysis.formatting import day, number
from queries import actions, follow_ups
from queries.comments import CommentQuery, count_comments, list_comments
from queries.compare import comparator_counts, group_counts
from queries.responses import Filters
from queries.rollup import refresh
from queries.schema import User
from queries.scope import descendants, scope_for, unit_tree
from queries.settings import thresholds
from queries.units import touchpoints
from notify.run import run
from tests.notify_support import (  # noqa: F401 - fixtures
    NOW, add_response, add_user, ids, mailhost, notify_engine, quiet, unit,
)

pytestmark = pytest.mark.timeout(300)
MONDAY, SUNDAY = date(2026, 11, 16), date(2026, 11, 22)
PRAISE = "Fantastisk personal i butiken, de tog sig tid med mig"
NEWEST = "Bästa besöket hittills – <tack> till hela gänget & chefen"


def _praise_week(engine) -> None:
    """Sixty delighted customers at Uppsala Centrum's store visits in week 47:
    a strength no chance can explain; the newest says something of its own."""
    uppsala = unit(engine, "Uppsala Centrum")
    with engine.begin() as connection:
        for index in range(60):
            at = datetime.combine(MONDAY + timedelta(days=index % 7), time(9 + index % 8), tzinfo=timezone.utc)
            add_response(connection, uppsala, at, 10, PRAISE)
        add_response(connection, uppsala, datetime(2026, 11, 22, 18, tzinfo=timezone.utc), 10, NEWEST)
        refresh(connection, MONDAY, SUNDAY)


def _plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_the_digest_shows_the_pages_numbers_for_the_unit_and_week(notify_engine, mailhost):
    engine, inbox = notify_engine, mailhost.inbox
    quiet(engine)
    _praise_week(engine)
    manager_id, = ids(engine, "manager")
    run(engine, mailhost.settings(), NOW, say=lambda _line: None)
    [mail] = inbox.to("manager@demo.insikt.example", "digest")
    assert mail["Subject"] == "Veckan i Uppsala Centrum: vecka 47"
    assert mail["X-Insikt-About"] == "week:2026-W47"
    text = _plain(mail)

    # What the strengths page computes for Uppsala Centrum and this week, against the rest of the organisation.
    scope = scope_for(engine, "manager", unit(engine, "Uppsala Centrum"))
    filters = Filters(scope.narrow(descendants(unit_tree(engine), unit(engine, "Uppsala Centrum"))).unit_ids,
                      MONDAY, SUNDAY)
    result = compare(group_counts(engine, scope, filters),
                     comparator_counts(engine, scope, filters, "organisation"),
                     rule=Rule(small_sample=thresholds(engine).small_sample))
    strengths = result[result["verdict"] == "strength"]
    strengths = strengths.reindex(strengths["diff"].abs().sort_values(ascending=False).index)
    # All sixty answered at the store visit: it is the unit's whole week, so the overall row
    # carries the strength (one cause, one card) and the touchpoint is judged with it.
    assert ("overall", "all") in set(zip(strengths["dimension"], strengths["key"]))
    store = result[(result["dimension"] == "touchpoint") & (result["key"] == "store_visit")]
    assert set(store["verdict"]) <= {"as_overall", "too_few"}
    for row in strengths.head(3).itertuples():
        figure = (lambda v: number(v, 0, "sv")) if row.measure == "nps" else (lambda v: number(v * 100, 0, "sv") + " %")
        assert f"{figure(row.value)} mot {figure(row.comp_value)} för resten av organisationen (n = {number(row.n, 0, 'sv')})" in text
    assert "Totalt: NPS" in text

    # The quote: the newest praise from the first strength's group, as the page's cards pick it.
    first = next(strengths.itertuples())
    narrowed = filters
    if first.dimension == "touchpoint":
        points = touchpoints(engine)
        narrowed = Filters(filters.unit_ids, MONDAY, SUNDAY, int(points.loc[points["key"] == first.key, "id"].iloc[0]))
    quote = list_comments(engine, scope, narrowed, CommentQuery(score_group="top"), limit=1)["comment"].iloc[0]
    assert quote == NEWEST and f"»{NEWEST}«" in text
    assert "&lt;tack&gt; till hela gänget &amp; chefen" in mail.get_body(("html",)).get_content()

    comments = count_comments(engine, scope, filters, CommentQuery())
    assert comments >= 61 and f"{number(comments, 0, 'sv')} kommentarer kom in under veckan." in text

    mine = follow_ups.cases(engine, scope, statuses=follow_ups.OPEN_STATUSES, owner_id=manager_id, now=NOW)
    if len(mine):
        overdue = int((mine["due_at"] < NOW).sum())
        assert f"Du äger {len(mine)} öppna ärenden, varav {overdue} försenade." in text
    else:
        assert "Du äger inga öppna ärenden." in text
    owned = actions.actions_in_scope(engine, scope, statuses=actions.OPEN_STATUSES, owner_id=manager_id,
                                     today=NOW.date())
    due = [a for a in owned.itertuples() if a.due_date is not None and a.due_date <= date(2026, 11, 30)]
    if due:
        assert f"{len(due)} av dina åtgärder ska vara klara senast {day(date(2026, 11, 30), 'sv')}." in text
        assert all(a.title in text for a in due[:10])
    else:
        assert "Inga av dina åtgärder ska vara klara den närmaste veckan." in text

    # Each page is one click away, with the unit and the week as the sidebar filters read them.
    period = "unit=Uppsala+Centrum&from=2026-11-16&to=2026-11-22&lang=sv"
    assert f"https://insikt.test/strengths?{period}" in text
    assert f"https://insikt.test/comments?{period}" in text
    assert "https://insikt.test/follow_up?lang=sv" in text and "https://insikt.test/actions?lang=sv" in text
    assert "https://insikt.test/notifications?lang=sv" in text


def test_one_digest_per_person_and_week_in_their_language_and_scope(notify_engine, mailhost):
    engine, inbox = notify_engine, mailhost.inbox
    quiet(engine)
    _praise_week(engine)
    with engine.begin() as connection:
        connection.execute(update(User).where(User.username == "staff").values(language="en"))
    add_user(engine, "gavle.staff", "staff", "Gävle")
    settings = mailhost.settings()
    run(engine, settings, NOW, say=lambda _line: None)

    [staff] = inbox.to("staff@demo.insikt.example", "digest")
    assert staff["Subject"] == "The week in Uppsala Centrum: week 47"
    assert "Overall: NPS" in _plain(staff)  # the store visits are the unit's whole week: one card
    assert "against" in _plain(staff) and "the rest of the organisation" in _plain(staff)
    [other] = inbox.to("gavle.staff@insikt.test", "digest")
    assert other["Subject"] == "Veckan i Gävle: vecka 47"
    assert "Uppsala" not in _plain(other) and PRAISE not in _plain(other)
    [leader] = inbox.to("leader@demo.insikt.example", "digest")
    assert leader["Subject"] == "Veckan i alla enheter: vecka 47"
    assert inbox.to("admin@demo.insikt.example", "digest") == []  # admins get it only when they ask

    # Later the same week: nothing again. The next Monday: the next week's digest.
    count = len(inbox.messages)
    run(engine, settings, NOW + timedelta(days=3), say=lambda _line: None)
    assert len(inbox.to("staff@demo.insikt.example", "digest")) == 1
    run(engine, settings, NOW + timedelta(days=7), say=lambda _line: None)
    assert [m["X-Insikt-About"] for m in inbox.to("staff@demo.insikt.example", "digest")] == [
        "week:2026-W47", "week:2026-W48"]
    assert len(inbox.messages) > count
