"""Representative comments for a card (analysis.typical): the most typical of the
group's theme and tone, not the newest; chips counted within the group."""

from __future__ import annotations

import pandas as pd

from analysis.typical import theme_counts, typical_comments


def _pool(rows):
    return pd.DataFrame(rows, columns=["id", "comment", "themes", "responded_at"])


POOL = _pool([
    (1, "Best shop in town", [], "2026-11-20"),                       # newest, no theme
    (2, "Delivery was fast and well packed", ["delivery"], "2026-11-01"),
    (3, "Quick delivery", ["delivery"], "2026-10-01"),
    (4, "Delivery on time, friendly driver and a great price too", ["delivery", "staff", "price"], "2026-11-19"),
    (5, "Nice staff", ["staff"], "2026-11-18"),
    (6, "Delivered the next morning, exactly as promised", ["delivery"], "2026-09-01"),
])


def test_the_typical_comments_mention_the_groups_main_theme_not_the_newest():
    picked = typical_comments(POOL, 3)
    assert list(picked["id"]) == [2, 3, 6]  # delivery only, closest to the median length first
    assert 1 not in set(typical_comments(POOL, 4)["id"])
    # a comment wandering over rare themes is less typical than one on the main theme alone
    assert list(typical_comments(POOL, 5)["id"])[3] == 4


def test_a_named_theme_leads_over_untagged_comments_and_a_repeated_text_is_shown_once():
    pool = _pool([
        (1, "Kommer gärna tillbaka", [], "2026-06-19"),
        (2, "Kommer gärna tillbaka", [], "2026-04-20"),
        (3, "Bra", [], "2026-04-01"),
        (4, "Snabb hantering av min reklamation", ["complaints"], "2026-03-01"),
        (5, "Reklamationen löstes direkt", ["complaints"], "2026-02-01"),
    ])
    picked = list(typical_comments(pool, 3)["id"])
    assert picked[:2] == [5, 4] or picked[:2] == [4, 5]
    assert picked[2] in (1, 2, 3) and len(typical_comments(pool, 5)) == 4  # "Kommer gärna tillbaka" once


def test_chips_count_within_the_pool():
    assert theme_counts(POOL) == {"other": 1, "delivery": 4, "staff": 2, "price": 1}
    assert typical_comments(POOL.iloc[:0]).empty


def test_ties_go_to_the_newest_then_the_pools_order_and_texts_differing_in_case_or_spaces_count_once():
    pool = _pool([
        (1, "Toppen", ["delivery"], None),                    # no date: after the dated ones
        (2, "Snabbt", ["delivery"], "2026-03-01"),
        (3, "SNABBT", ["delivery"], "2026-05-01"),            # the same text in capitals, newer
        (4, "Bra!!!", ["delivery"], "2026-04-01"),
        (5, "Bra!!!", ["delivery"], "2026-04-01"),            # a full tie with 4
        (6, float("nan"), ["delivery"], "2026-01-01"),        # no text: counted as empty
        (7, " snabbt ", ["delivery"], "2026-06-01"),          # the same again, with spaces
    ]).set_index(pd.Index([10, 20, 30, 40, 50, 60, 70]))
    picked = typical_comments(pool, 7)
    assert list(picked["id"]) == [3, 4, 1, 6]  # all six letters long but 6 and 7; then the newest
    assert list(picked.index) == [30, 40, 10, 60] and list(picked.columns) == list(pool.columns)
