"""The workshop agenda (analysis.agenda): findings about one cause on one item,
strengths first, one to three focus areas, moving items up and down."""

from __future__ import annotations

from analysis.agenda import FOCUS_AREAS, default_agenda, group_findings, move


def _finding(kind, scope_type, key, metric="nps"):
    return {"kind": kind, "scope_type": scope_type, "scope_key": key, "metric": metric,
            "title": f"{kind} {scope_type} {key} {metric}"}


def _names(item):
    return [(item["scope_type"], item["scope_key"], item["metric"])] + [
        (m["scope_type"], m["scope_key"], m["metric"]) for m in item["together"]]


def test_one_cause_gives_one_item_touchpoint_measures_and_its_theme():
    findings = [_finding("weakness", "theme", "waiting"), _finding("weakness", "touchpoint", "store_visit"),
                _finding("weakness", "touchpoint", "store_visit", "csat"),
                _finding("weakness", "touchpoint", "delivery")]
    items = group_findings(findings, {("waiting", "store_visit"): 0.49, ("waiting", "checkout"): 0.27,
                                      ("waiting", "delivery"): 0.0})
    assert len(items) == 2
    store, delivery = items
    # the touchpoint leads, the other measure and the theme are on the same card
    assert _names(store) == [("touchpoint", "store_visit", "nps"), ("touchpoint", "store_visit", "csat"),
                             ("theme", "waiting", "nps")]
    assert _names(delivery) == [("touchpoint", "delivery", "nps")]


def test_a_theme_joins_only_the_touchpoint_where_it_is_mostly_raised():
    findings = [_finding("weakness", "touchpoint", "checkout"), _finding("weakness", "touchpoint", "store_visit"),
                _finding("weakness", "theme", "waiting"), _finding("weakness", "theme", "price")]
    # waiting is mostly raised at checkout (40 %); price nowhere enough (39 %)
    items = group_findings(findings, {("waiting", "checkout"): 0.4, ("waiting", "store_visit"): 0.35,
                                      ("price", "checkout"): 0.39, ("price", "web"): 0.3})
    assert [_names(item) for item in items] == [
        [("touchpoint", "checkout", "nps"), ("theme", "waiting", "nps")],
        [("touchpoint", "store_visit", "nps")],
        [("theme", "price", "nps")]]
    # mostly raised at a touchpoint that is not on the agenda: the theme stays an item of its own
    items = group_findings(findings, {("waiting", "web"): 0.6, ("waiting", "checkout"): 0.4})
    assert [_names(item) for item in items][2] == [("theme", "waiting", "nps")]


def test_a_strength_never_joins_a_weakness_but_an_emerging_issue_does():
    findings = [_finding("strength", "touchpoint", "delivery"), _finding("weakness", "touchpoint", "delivery", "csat"),
                _finding("emerging_issue", "theme", "damaged"), _finding("strength", "theme", "staff")]
    items = group_findings(findings, {("damaged", "delivery"): 0.9, ("staff", "delivery"): 0.8})
    assert len(items) == 2
    assert [(item["kind"], len(item["together"])) for item in items] == [("strength", 1), ("weakness", 1)]
    assert items[0]["together"][0]["scope_key"] == "staff"
    assert items[1]["together"][0]["kind"] == "emerging_issue"


def test_the_default_agenda_has_strengths_first_and_at_most_three_focus_areas():
    found = [_finding("weakness", "touchpoint", f"t{i}") for i in range(5)] + [
        _finding("strength", "theme", "staff"), _finding("strength", "theme", "price"),
        _finding("strength", "theme", "range")]
    pinned = [dict(_finding("strength", "theme", "delivery"), insight_id=3),
              dict(_finding("question", "question", None), insight_id=4)]
    chosen, rest = default_agenda(group_findings(found + pinned, {}))
    kinds = [item["kind"] for item in chosen]
    assert kinds == ["strength"] * 3 + ["weakness"] * FOCUS_AREAS + ["question"]
    assert chosen[0]["insight_id"] == 3  # the pinned strength comes first too
    assert [item["scope_key"] for item in rest] == ["range", "t3", "t4"]
    assert default_agenda([]) == ([], [])


def test_moving_items_up_and_down():
    assert move(["a", "b", "c"], 2, -1) == ["a", "c", "b"]
    assert move(["a", "b", "c"], 0, 1) == ["b", "a", "c"]
    assert move(["a", "b", "c"], 0, -1) == ["a", "b", "c"]
    assert move(["a", "b", "c"], 2, 1) == ["a", "b", "c"]
