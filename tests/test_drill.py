"""Drill-through links and state: one function builds the comments link from a set
of filters, for sharing, and the same drill sets the page's widgets in the app."""

from __future__ import annotations

from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlparse

from components.drill import Drill, link, plain_params, widget_values

def test_link_carries_every_filter_as_its_key_in_any_language():
    url = link(Drill(unit_id=7, touchpoint_key="checkout", theme_key="waiting", score_group="bottom",
                     measure="csat", start=date(2026, 3, 2), end=date(2026, 3, 8)))
    parsed = urlparse(url)
    assert parsed.path == "/comments"
    assert parse_qs(parsed.query) == {
        "unit": ["7"], "touchpoint": ["checkout"], "theme": ["waiting"], "score": ["bottom"],
        "measure": ["csat"], "from": ["2026-03-02"], "to": ["2026-03-08"],
    }


def test_link_with_a_search_and_since():
    since = datetime(2026, 11, 20, 8, 30, tzinfo=timezone.utc)
    query = parse_qs(urlparse(link(Drill(search="lång kö", since=since))).query)
    assert query == {"q": ["lång kö"], "since": ["2026-11-20T08:30:00+00:00"], "sort": ["relevance"]}


def test_a_drill_resets_the_comment_filters_and_keeps_unset_sidebar_filters():
    values = widget_values(Drill(theme_key="waiting"))
    assert values == {"theme": "waiting", "score": "all", "language": "all", "q": "",
                      "sort": "newest", "view": "list"}
    assert "unit" not in values and "period" not in values
    assert widget_values(Drill(search="kö"))["sort"] == "relevance"
    assert plain_params(Drill()) == {}
