"""Theme packs: every pack's patterns are usable; the English service pack reads
a pet-insurance-like export without taking ordinary business words for
complaints; loading a pack on SQLite and PostgreSQL adds and replaces themes,
retags, and is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ingest import theme_packs, themes
from queries import admin
from queries.db import engine_for
from queries.schema import AuditEvent, Response, ResponseTheme, Theme
from tests import theme_corpora
from tests.fresh_databases import fresh_url  # noqa: F401  (a pytest fixture)
from tests.people import person

# Which service-pack theme each planted topic of the English corpus must get.
EXPECTED = {"claims": "claims", "price": "price", "cancellation": "cancellation", "waiting": "waiting",
            "staff": "staff"}


def _compiled(pack: str) -> dict:
    return {theme["key"]: themes.compile_patterns(theme["patterns_sv"], theme["patterns_en"], theme["key"])
            for theme in theme_packs.get(pack).themes}


@pytest.mark.parametrize("pack", list(theme_packs.PACKS))
def test_every_pack_compiles_with_unique_keys(pack):
    keys = [theme["key"] for theme in theme_packs.get(pack).themes]
    assert len(keys) == len(set(keys)) and set(_compiled(pack)) == set(keys)
    for theme in theme_packs.get(pack).themes:
        assert theme["name_sv"] and theme["name_en"]
        assert all(theme[f"patterns_{code}"].strip() for code in theme_packs.get(pack).languages)


def test_the_service_pack_tags_each_planted_topic_and_no_business_word_as_a_complaint():
    compiled = _compiled("service_en")
    corpus = theme_corpora.pet_insurance(600)
    for text, code, topic, _tone in corpus:
        found = themes.tag(text, compiled, code)
        if topic in EXPECTED:
            assert EXPECTED[topic] in found, (text, found)
        assert "complaints" not in found, text  # nobody in the corpus files a formal complaint
    assert themes.tag("Easy to deal with and the claim was paid", compiled, "en") == {"claims"}
    assert "staff" not in themes.tag("A very personal service", compiled, "en")


def test_the_retail_defaults_no_longer_call_a_claim_a_complaint():
    compiled = _compiled("retail")
    assert "complaints" not in themes.tag("My claim was paid within three days", compiled, "en")
    assert "campaign" not in themes.tag("Easy to deal with", compiled, "en")
    assert "campaign" in themes.tag("Such a good deal on the sofa", compiled, "en")


def test_loading_a_pack_adds_replaces_retags_and_is_audited(fresh_url):
    engine = engine_for(fresh_url)
    theme_corpora.write(engine, theme_corpora.pet_insurance(200) + theme_corpora.swedish_retail(50))
    boss, _scope = person(engine, "admin")
    with engine.connect() as connection:
        staff_sv = connection.execute(select(Theme.patterns_sv).where(Theme.key == "staff")).scalar()
    outside = ["quality", "availability", "delivery", "campaign", "cleanliness", "competence"]
    assert admin.theme_pack_changes(engine, "service_en") == {
        "added": ["claims", "billing", "cancellation", "communication", "cover"],
        "replaced": ["staff", "waiting", "price", "web", "complaints"], "outside": outside}
    done = admin.load_theme_pack(engine, boss, "service_en", others_off=True)
    assert done["added"][0] == "claims" and done["deactivated"] == outside
    with engine.connect() as connection:
        rows = {row.key: row for row in connection.execute(select(Theme))}
        tagged = dict(connection.execute(
            select(Theme.key, Response.comment).join(ResponseTheme, ResponseTheme.theme_id == Theme.id)
            .join(Response, Response.id == ResponseTheme.response_id).where(Theme.key == "claims")).all())
        event = connection.execute(select(AuditEvent).where(AuditEvent.action == "theme_pack_loaded")).one()
    assert rows["staff"].patterns_sv == staff_sv  # the Swedish patterns stay
    assert (rows["price"].name_en, rows["price"].name_sv) == ("Premiums and price", "Premie och pris")
    assert not any(rows[key].active for key in outside) and rows["staff"].active
    assert rows["staff"].patterns_en == next(t["patterns_en"] for t in theme_packs.SERVICE_EN if t["key"] == "staff")
    assert rows["claims"].active and rows["claims"].sort_order > rows["competence"].sort_order
    assert tagged  # the comments were tagged again with the new themes
    assert (event.target_type, event.target_id, event.detail) == ("theme_pack", "service_en", done)
    assert admin.theme_pack_changes(engine, "service_en") == {
        "added": [], "replaced": [t["key"] for t in theme_packs.SERVICE_EN], "outside": []}


def test_only_admins_load_packs_and_an_unknown_pack_is_refused(fresh_url):
    engine = engine_for(fresh_url)
    theme_corpora.write(engine, theme_corpora.swedish_retail(20))
    leader, _scope = person(engine, "leader")
    boss, _scope = person(engine, "admin")
    with pytest.raises((admin.AdminError, PermissionError)):
        admin.load_theme_pack(engine, leader, "service_en")
    with pytest.raises(admin.AdminError) as raised:
        admin.load_theme_pack(engine, boss, "nonsense")
    assert raised.value.code == "unknown_pack"
    with engine.connect() as connection:
        assert not connection.execute(select(Theme).where(Theme.key == "claims")).first()


def test_an_admin_picks_a_pack_on_the_first_run_checklist(tmp_path, open_page):
    url = f"sqlite:///{tmp_path / 'first.db'}"
    from queries.db import prepare

    theme_corpora.write(prepare(url), [])  # people and the default themes, no responses yet
    test = open_page(url, "admin", "pages/admin.py")
    assert not test.exception, test.exception
    assert "**Välj teman som passar era kunders ord**" in [block.value for block in test.markdown]
    test.selectbox(key="first_run_pack_pick").set_value("service_en").run()
    assert any("`claims`" in block.value for block in test.markdown)
    assert test.checkbox(key="first_run_pack_others_off").value  # a first run starts with the pack alone
    test = test.button(key="first_run_pack_load").click().run()
    assert not test.exception, test.exception
    with engine_for(url).connect() as connection:
        active = dict(connection.execute(select(Theme.key, Theme.active)).all())
    assert active["cancellation"] and active["staff"] and not active["delivery"]


def test_on_a_pet_insurance_export_claims_are_praised_and_the_premium_increase_criticised(fresh_url):
    from analysis.themes import theme_overview
    from queries import themes as theme_reads
    from queries.responses import Filters
    from queries.scope import scope_for
    from datetime import date

    engine = engine_for(fresh_url)
    theme_corpora.write(engine, theme_corpora.pet_insurance(600))
    admin.load_theme_pack(engine, person(engine, "admin")[0], "service_en", others_off=True)
    scope = scope_for(engine, "leader", None)
    filters = Filters(scope.unit_ids, date(2025, 1, 1), date(2026, 11, 30))
    table = theme_overview(theme_reads.theme_counts(engine, scope, filters),
                           theme_reads.comment_totals(engine, scope, filters), "nps").set_index("key")
    claims, price = table.loc["claims"], table.loc["price"]
    assert claims["praised"] > 3 * claims["criticised"] > 0
    assert (claims["side"], claims["direction"]) == ("praise", "lifts")
    assert (price["side"], price["direction"]) == ("complaint", "drags")
    assert table.loc["cancellation", "side"] == "complaint"
    # "Waiting and speed" is both: long holds criticised, claims paid quickly praised.
    assert table.loc["waiting", "praised"] > 0 and table.loc["waiting", "criticised"] > 0
    assert table.loc["complaints", "comments"] == 0  # no claim counted as a complaint
    assert not ((table["side"] == "praise") & (table["direction"] == "drags")).any()
