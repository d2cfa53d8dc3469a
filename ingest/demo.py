"""The demo organisation: a Swedish service chain with 24 months of feedback.

    python -m ingest.demo --responses 100000 --seed 42 --language sv \
        --database-url sqlite:///data/insikt.db [--replace]

Three regions with twenty units of varied size, six touchpoints of the customer
journey, three survey channels, and (by default) 100,000 responses over the 24
months ending today. Each response is drawn from a small model of experience:
per touchpoint, every theme (staff, waiting, price, …) has a chance of a good
and a bad *event*; bad events pull the 0–10 score down, good ones push it up,
and a comment (about a third of responses, more often after an event or from a
detractor) is written from phrases about the very events that happened, so the
numbers and the words tell the same story. Generation is deterministic for a seed.

Planted patterns (what the product must reveal):

* **Strength and weakness in one unit.** ``Uppsala Centrum`` (:data:`MANAGER_UNIT`,
  the demo manager's and staff member's unit) gets far more praise for staff
  friendliness than other units, and far more complaints about waiting time and
  queues at store visits, checkout and customer service; its queues are long (a
  complaint about them costs more), customers its staff delight let the wait go, and
  its own level is the organisation's, so that both show on the strengths page.
* **An emerging problem.** Late deliveries in ``Region Syd`` (:data:`DELIVERY_REGION`):
  single events over two years, then a rising trend over the last three months
  on the delivery touchpoint (from 5 % to about 45 % of deliveries).
* **A campaign month.** Eight months before the current month a campaign whose
  discounts did not work at the till drives a wave of extra contacts into
  customer service; those customers complain about the *campaign* and mostly
  praise the customer-service staff, whose own events stay at their usual rates.
* **A small unit.** ``Storuman`` (:data:`SMALL_UNIT`) gets about seven responses
  a week (at 100,000 responses), so some weeks fall below the minimum group size
  and its band is wide.
* **Insights and actions.** Each of ``Uppsala Centrum``, ``Gävle``, ``Västerås``,
  ``Malmö``, ``Lund``, ``Örebro``, ``Umeå`` and ``Stockholm City`` has recorded
  insights; their actions are done in time, overdue, planned, in progress or
  cancelled. ``Gävle`` (:data:`IMPROVED_UNIT`) completed "open an extra till at
  lunchtime" 150 days ago and its waiting complaints then really fell;
  ``Västerås`` (:data:`UNCHANGED_UNIT`) completed product training 120 days ago
  and nothing changed. ``Stockholm City`` has an insight with no action. The other
  recorded weaknesses are planted too (:data:`WEAK_SPOTS`), so that every insight
  agrees with the figures written beside it, whatever the seed.
* **Segments.** Every response carries two imported attributes, ``customer_type``
  (new or returning; returning customers recommend a little more readily) and
  ``order_value`` (three bands), both registered in ``segments`` as compared
  (reason ``"mapping"``: the generator's own mapping says they are segments).
* **Follow-ups.** The default rules put the last 30 days' detractors with a
  comment (and comments on complaints) in the follow-up queue: the newest ones
  new and unassigned, older ones assigned, contacted or resolved with a root
  cause (some after their target), a few overdue; in :data:`MANAGER_UNIT` the newest
  case is unassigned and the demo manager and staff each keep one open case whose
  customer consented to be called.

Demo users (password ``demo``, for trying Insikt out only): ``leader``,
``manager`` and ``staff`` of :data:`MANAGER_UNIT`, and ``admin``. Further people
own actions but cannot log in.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, insert, select, text

from analysis import intervals
from ingest import demo_contacts, themes
from ingest.demo_texts import CLOSERS, GENERIC, JOINERS, OPENERS, PHRASES, TEXT, THEMES
from queries import bulk, follow_ups, rollup
from queries.db import analyze
from queries.passwords import hash_password
from queries.schema import (
    Action, ActionEvent, Base, FollowUp, FollowUpEvent, ImportBatch, Insight, Response, ResponseAttribute,
    ResponseTheme, Setting, Theme, Touchpoint, Unit, User, Workshop, WorkshopInsight, WorkshopProposal,
)
from queries.settings import bump_data_version

MANAGER_UNIT = "Uppsala Centrum"
SMALL_UNIT = "Storuman"
DELIVERY_REGION = "Region Syd"
IMPROVED_UNIT = "Gävle"
UNCHANGED_UNIT = "Västerås"
# Units whose recorded weakness (PLAN) is planted in their events, like the ones above.
WEAK_SPOTS = (("Lund", "web"), ("Örebro", "cleanliness"), ("Umeå", "waiting"), ("Stockholm City", "price"))
IMPROVED_DAYS_AGO = 150
UNCHANGED_DAYS_AGO = 120
CAMPAIGN_MONTHS_AGO = 8
DELIVERY_RAMP_DAYS = 91

# Region -> [(unit, relative size)]. Storuman's size gives ~7 responses a week at 100,000.
REGIONS = {
    "Region Nord": [("Umeå", 1.1), ("Luleå", 0.8), ("Sundsvall", 0.9), ("Östersund", 0.6),
                    ("Gävle", 1.0), ("Storuman", 0.16)],
    "Region Mitt": [("Uppsala Centrum", 2.0), ("Uppsala Gränby", 0.9), ("Västerås", 1.1),
                    ("Örebro", 1.0), ("Stockholm City", 2.2), ("Stockholm Kista", 1.3),
                    ("Solna", 1.2)],
    "Region Syd": [("Malmö", 1.8), ("Lund", 1.0), ("Helsingborg", 1.0), ("Kalmar", 0.6),
                   ("Jönköping", 0.8), ("Växjö", 0.7), ("Karlskrona", 0.5)],
}

# key, Swedish name, English name, share of responses, effect on the latent score.
TOUCHPOINTS = [
    ("web_booking", "Webbokning", "Web booking", 0.15, -0.1),
    ("store_visit", "Butiksbesök", "Store visit", 0.30, 0.2),
    ("checkout", "Kassa", "Checkout", 0.20, 0.0),
    ("delivery", "Leverans", "Delivery", 0.15, 0.0),
    ("customer_service", "Kundtjänst", "Customer service", 0.12, -0.2),
    ("complaint", "Reklamation", "Complaint", 0.08, -0.9),
]
CHANNELS = (("email", 0.55), ("sms", 0.30), ("web", 0.15))

# Per touchpoint, theme -> (chance of a bad event, chance of a good event).
EVENTS = {
    "store_visit": {"staff": (0.05, 0.14), "waiting": (0.04, 0.03), "price": (0.04, 0.04),
                    "quality": (0.02, 0.03), "availability": (0.06, 0.04),
                    "cleanliness": (0.03, 0.03), "competence": (0.04, 0.06)},
    "checkout": {"staff": (0.04, 0.12), "waiting": (0.09, 0.05), "price": (0.05, 0.03),
                 "campaign": (0.01, 0.01), "cleanliness": (0.02, 0.01)},
    "web_booking": {"web": (0.10, 0.10), "price": (0.03, 0.03), "availability": (0.04, 0.03),
                    "delivery": (0.01, 0.01)},
    "delivery": {"delivery": (0.05, 0.14), "quality": (0.04, 0.04), "complaints": (0.01, 0.01)},
    "customer_service": {"staff": (0.05, 0.15), "waiting": (0.08, 0.04),
                         "complaints": (0.05, 0.06), "competence": (0.04, 0.06),
                         "campaign": (0.01, 0.0)},
    "complaint": {"complaints": (0.18, 0.14), "quality": (0.12, 0.02), "staff": (0.04, 0.08),
                  "waiting": (0.05, 0.0)},
}
BASE_SCORE, NOISE, BAD_EVENT, GOOD_EVENT = 8.75, 1.5, 3.0, 0.8
# Imported segments: returning customers recommend a little more readily.
CUSTOMER_TYPES = {"sv": ("Ny kund", "Återkommande kund"), "en": ("New customer", "Returning customer")}
ORDER_BANDS = ("< 500 kr", "500–1 999 kr", "≥ 2 000 kr")
RETURNING_EFFECT = 0.5
# Uppsala Centrum (see generate): its own level, and what a complaint about its long queues
# costs on top of any other complaint.
HOME_EFFECT, LONG_QUEUE = 0.0, 1.5

Progress = Callable[[float, str], None]


@dataclass
class Generated:
    """The responses as column arrays, plus the event matrices behind them."""

    unit: np.ndarray
    touchpoint: np.ndarray
    channel: np.ndarray
    responded_at: pd.DatetimeIndex
    nps: np.ndarray  # float with NaN for "not answered"
    csat: np.ndarray
    bad: np.ndarray  # (responses, themes) bool
    good: np.ndarray
    has_comment: np.ndarray
    returning: np.ndarray  # returning customer (segment "customer_type")
    order_band: np.ndarray  # index into ORDER_BANDS (segment "order_value")


def is_empty(engine: Engine) -> bool:
    """True when the database has no units and no responses yet."""
    with engine.connect() as connection:
        units = connection.execute(select(func.count()).select_from(Unit)).scalar()
        responses = connection.execute(select(func.count()).select_from(Response)).scalar()
    return not units and not responses


def clear(connection) -> None:
    """Delete every row of every table (for ``--replace``)."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name == "units":
            connection.execute(table.update().values(parent_id=None))
        connection.execute(table.delete())


# --- the responses -------------------------------------------------------------------------

def _unit_table() -> pd.DataFrame:
    rows = [(region, name, size) for region, units in REGIONS.items() for name, size in units]
    return pd.DataFrame(rows, columns=["region", "name", "size"])


def _day_weights(days: pd.DatetimeIndex) -> np.ndarray:
    """Volume per day: slow growth, quieter weekends, a December peak, a July dip."""
    growth = 1 + 0.3 * np.linspace(0, 1, len(days))
    weekday = np.array([1.1, 1.05, 1.0, 1.0, 1.05, 0.9, 0.6])[days.day_of_week]
    season = np.where(days.month == 12, 1.25, np.where(days.month == 7, 0.85, 1.0))
    weights = growth * weekday * season
    return weights / weights.sum()


def _campaign_month(today: date) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = pd.Timestamp(today).to_period("M").start_time - pd.DateOffset(months=CAMPAIGN_MONTHS_AGO)
    return first, first + pd.DateOffset(months=1) - pd.Timedelta(days=1)


def generate(responses: int, seed: int, today: date) -> tuple[pd.DataFrame, Generated]:
    """Draw every response (without text) as arrays; deterministic for ``seed``."""
    rng = np.random.default_rng(seed)
    units = _unit_table()
    start = (pd.Timestamp(today) - pd.DateOffset(months=24) + pd.Timedelta(days=1)).normalize()
    days = pd.date_range(start, pd.Timestamp(today), freq="D")
    camp_first, camp_last = _campaign_month(today)

    extra = int(round(responses * 0.006))  # the campaign wave into customer service
    base = responses - extra
    unit = rng.choice(len(units), size=base, p=units["size"] / units["size"].sum())
    tp_share = np.array([tp[3] for tp in TOUCHPOINTS])
    touchpoint = rng.choice(len(TOUCHPOINTS), size=base, p=tp_share / tp_share.sum())
    day = rng.choice(len(days), size=base, p=_day_weights(days))
    in_campaign = np.flatnonzero((days >= camp_first) & (days <= camp_last))
    cs = [tp[0] for tp in TOUCHPOINTS].index("customer_service")
    unit = np.concatenate([unit, rng.choice(len(units), size=extra,
                                            p=units["size"] / units["size"].sum())])
    touchpoint = np.concatenate([touchpoint, np.full(extra, cs)])
    day = np.concatenate([day, rng.choice(in_campaign, size=extra)])
    wave = np.concatenate([np.zeros(base, bool), np.ones(extra, bool)])

    seconds = rng.integers(7 * 3600, 21 * 3600, size=responses)
    responded_at = pd.DatetimeIndex(days[day]) + pd.to_timedelta(seconds, unit="s")
    # The newest day only has answers up to now.
    now = pd.Timestamp(datetime.now(timezone.utc).replace(tzinfo=None))
    if pd.Timestamp(today) == now.normalize():
        responded_at = responded_at.where(responded_at <= now, now.floor("s"))
    age = (pd.Timestamp(today) - pd.DatetimeIndex(days[day])).days.to_numpy()

    bad, good = _events(rng, units, unit, touchpoint, age, wave)
    unit_effect = rng.normal(0, 0.25, len(units))  # each unit's own level
    home = int(units.index[units["name"] == MANAGER_UNIT][0])
    # ... except Uppsala Centrum's, set: what sets it apart is its staff and its queues.
    unit_effect[home] = HOME_EFFECT
    # Operational segments from the "order system", drawn apart so they leave the rest as it was.
    segments = np.random.default_rng(seed + 1)
    returning = segments.random(responses) < 0.62
    order_band = segments.choice(len(ORDER_BANDS), size=responses, p=[0.45, 0.4, 0.15])
    latent = (BASE_SCORE + unit_effect[unit] + np.array([tp[4] for tp in TOUCHPOINTS])[touchpoint]
              + rng.normal(0, NOISE, responses) - BAD_EVENT * bad.sum(1) + GOOD_EVENT * good.sum(1)
              + RETURNING_EFFECT * (returning - 0.62)
              - LONG_QUEUE * ((unit == home) & bad[:, THEMES.index("waiting")]))
    nps = np.clip(np.rint(latent), 0, 10)
    csat = np.clip(np.rint(1 + 0.4 * np.clip(latent, 0, 10) + rng.normal(0, 0.55, responses)), 1, 5)
    nps_missing = rng.random(responses) < 0.04
    csat_missing = (rng.random(responses) < 0.25) & ~nps_missing
    nps[nps_missing] = np.nan
    csat[csat_missing] = np.nan
    detractor = nps <= 6
    comment_chance = 0.20 + 0.22 * (bad.any(1) | good.any(1)) + 0.14 * detractor
    has_comment = rng.random(responses) < comment_chance

    channel_share = np.array([c[1] for c in CHANNELS])
    channel = np.array([c[0] for c in CHANNELS])[rng.choice(len(CHANNELS), size=responses,
                                                          p=channel_share)]
    order = np.argsort(responded_at.to_numpy(), kind="stable")
    generated = Generated(
        unit=unit[order], touchpoint=touchpoint[order], channel=channel[order],
        responded_at=responded_at[order], nps=nps[order], csat=csat[order],
        bad=bad[order], good=good[order], has_comment=has_comment[order],
        returning=returning[order], order_band=order_band[order],
    )
    return units, generated


def _events(rng, units: pd.DataFrame, unit: np.ndarray, touchpoint: np.ndarray, age: np.ndarray,
            wave: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bad and good events per response and theme, with the planted patterns."""
    n = len(unit)
    theme = {key: index for index, key in enumerate(THEMES)}
    tp_keys = [tp[0] for tp in TOUCHPOINTS]
    p_bad = np.zeros((n, len(THEMES)))
    p_good = np.zeros((n, len(THEMES)))
    for tp_index, tp_key in enumerate(tp_keys):
        rows = touchpoint == tp_index
        for key, (bad, good) in EVENTS[tp_key].items():
            p_bad[rows, theme[key]] = bad
            p_good[rows, theme[key]] = good

    def unit_rows(name: str) -> np.ndarray:
        return unit == int(units.index[units["name"] == name][0])

    # Uppsala Centrum: praised staff, long queues.
    home = unit_rows(MANAGER_UNIT)
    p_good[home, theme["staff"]] = np.minimum(p_good[home, theme["staff"]] * 2.6, 0.45)
    p_bad[home, theme["staff"]] *= 0.1
    queue_tps = np.isin(touchpoint, [tp_keys.index(k) for k in ("store_visit", "checkout", "customer_service")])
    p_bad[home & queue_tps, theme["waiting"]] = 0.40
    # The weak spots behind the other recorded weaknesses: more complaints, less praise.
    for name, key in WEAK_SPOTS:
        spot = unit_rows(name)[:, None] & (np.arange(len(THEMES)) == theme[key])
        p_bad[spot] = np.minimum(p_bad[spot] * 4, 0.3)
        p_good[spot] *= 0.5
    # Gävle: the same queues until its action was completed, then the usual rate.
    improved = unit_rows(IMPROVED_UNIT) & queue_tps & (age > IMPROVED_DAYS_AGO)
    p_bad[improved, theme["waiting"]] = 0.40
    # Västerås: customers miss product knowledge, before and after the training.
    advice = unit_rows(UNCHANGED_UNIT) & np.isin(touchpoint, [tp_keys.index("store_visit"),
                                                               tp_keys.index("customer_service")])
    p_bad[advice, theme["competence"]] = 0.18
    p_good[advice, theme["competence"]] = 0.02
    # Region Syd: late deliveries grow into a trend over the last three months, and
    # customers chasing their parcels bring them up with customer service and in complaints.
    south = units["region"].to_numpy()[unit] == DELIVERY_REGION
    ramp = np.clip((DELIVERY_RAMP_DAYS - age) / DELIVERY_RAMP_DAYS, 0, 1) ** 1.5
    deliveries = south & (touchpoint == tp_keys.index("delivery"))
    p_bad[deliveries, theme["delivery"]] = 0.05 + 0.55 * ramp[deliveries]
    p_good[deliveries, theme["delivery"]] *= 1 - 0.8 * ramp[deliveries]
    chasing = south & np.isin(touchpoint, [tp_keys.index(k) for k in ("customer_service", "complaint",
                                                                       "web_booking")])
    p_bad[chasing, theme["delivery"]] = np.maximum(p_bad[chasing, theme["delivery"]],
                                                  0.35 * ramp[chasing])
    # The campaign wave: complaints about the offer, customer service itself fine.
    p_bad[wave, theme["campaign"]] = 0.75
    p_good[wave, theme["staff"]] = 0.30

    bad, good = rng.random((n, len(THEMES))) < p_bad, rng.random((n, len(THEMES))) < p_good
    # Uppsala Centrum's staff make up for its queues: customers they delight let the wait go.
    bad[home & good[:, theme["staff"]], theme["waiting"]] = False
    return bad, good


# --- the comments --------------------------------------------------------------------------

def _typo(text: str, rnd: random.Random) -> str:
    """One of the slips people make when typing on a phone."""
    kind = rnd.randrange(5)
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) > 4 and word.isalpha()]
    if kind == 0 and long_words:
        i = rnd.choice(long_words)
        w, j = words[i], rnd.randrange(1, len(words[i]) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        return " ".join(words)
    if kind == 1 and long_words:
        i = rnd.choice(long_words)
        j = rnd.randrange(1, len(words[i]) - 1)
        words[i] = words[i][:j] + words[i][j + 1:]
        return " ".join(words)
    if kind == 2:
        return text.lower()
    if kind == 3:
        return text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
    return text.rstrip(".!") + (" " if rnd.random() < 0.5 else "")


def write_comment(bad: list[str], good: list[str], group: str, language: str,
                  rnd: random.Random) -> str:
    """A comment about the themes of the response's events, in a customer's voice."""
    first, second = (bad, good) if group == "detractor" else (good, bad)
    parts = [(key, "neg" if key in bad else "pos") for key in first + second][:3]
    if not parts:
        return rnd.choice(GENERIC[group][language])
    tone = parts[0][1]
    text = rnd.choice(OPENERS[tone][language])
    for index, (key, part_tone) in enumerate(parts):
        phrase = rnd.choice(PHRASES[key][part_tone][language])
        if index:
            joiner = rnd.choice(JOINERS["same" if part_tone == parts[index - 1][1] else "mixed"][language])
            if not joiner.endswith(". "):
                phrase = phrase[0].lower() + phrase[1:]
            text += joiner
        elif text and not text.endswith(". "):
            phrase = phrase[0].lower() + phrase[1:]
        text += phrase
    if rnd.random() < 0.2:
        text += ". " + rnd.choice(GENERIC[group][language])
    text += rnd.choice(CLOSERS[tone][language])
    if rnd.random() < 0.15:
        text = _typo(text, rnd)
    return text.strip()


def _comments(generated: Generated, language: str, seed: int) -> tuple[list, list]:
    """Comment text and language per response (None where there is no comment)."""
    rnd = random.Random(seed)
    other = "en" if language == "sv" else "sv"
    texts: list[str | None] = [None] * len(generated.unit)
    languages: list[str | None] = [None] * len(generated.unit)
    for row in np.flatnonzero(generated.has_comment):
        score = generated.nps[row]
        if np.isnan(score):
            score = 2 * generated.csat[row]
        group = "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
        bad = [THEMES[i] for i in np.flatnonzero(generated.bad[row])]
        good = [THEMES[i] for i in np.flatnonzero(generated.good[row])]
        rnd.shuffle(bad)
        rnd.shuffle(good)
        chosen = language if rnd.random() < 0.9 else other
        texts[row] = write_comment(bad, good, group, chosen, rnd)
        languages[row] = chosen
    return texts, languages


# --- writing it all ------------------------------------------------------------------------

def _utc(moment: datetime | date) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(9, 0))
    return moment.replace(tzinfo=timezone.utc)


def build_demo(engine: Engine, responses: int = 100_000, seed: int = 42, language: str = "sv",
               today: date | None = None, progress: Progress | None = None) -> None:
    """Fill an empty database with the demo organisation, in one transaction."""
    today = today or date.today()
    report = progress or (lambda _fraction, _message: None)
    report(0.0, "generating")
    units, generated = generate(responses, seed, today)
    texts, languages = _comments(generated, language, seed)
    report(0.25, "writing")
    with engine.begin() as connection, bulk.bulk_cache(connection):
        unit_ids = _write_units(connection, units)
        tp_ids = _write_touchpoints(connection)
        users = _write_users(connection, unit_ids, today)
        batch = connection.execute(insert(ImportBatch).values(
            source="demo", file_name=None, created_at=_utc(today), rows_accepted=responses,
            rows_rejected=0)).inserted_primary_key[0]
        with bulk.responses_load(connection, rebuild_indexes=True):
            _write_responses(connection, generated, texts, languages, unit_ids, tp_ids, batch, language,
                             lambda f: report(0.25 + 0.6 * f, "writing"))
        report(0.85, "counting")
        rollup.refresh(connection)
        _record_segments(connection)
        themes.ensure_default_themes(connection)
        themes.retag(connection)
        report(0.9, "actions")
        _write_insights_and_actions(connection, units, generated, unit_ids, users, today, language)
        kept_open = _write_follow_ups(connection, unit_ids, users, today, language)
        demo_contacts.write_contacts(connection, batch, language, consenting=kept_open)
        connection.execute(insert(Setting), [{"key": "demo", "value": "1"}])
        bump_data_version(connection)
    analyze(engine)
    report(1.0, "done")


def _record_segments(connection) -> None:
    """Customer type and order value become segments as an import whose mapping
    names them would record it (reason ``"mapping"``)."""
    from ingest import segments
    from ingest.load import segments_stored
    from queries import segments as segment_queries

    keys = ["customer_type", "order_value"]
    stored = segments_stored(connection, keys)
    decided = [segments.decide(segments.Tally(key, key), named=True, stored=stored[key]) for key in keys]
    segment_queries.record(connection, [(decision.key, decision.enabled, decision.reason) for decision in decided])


def _write_units(connection, units: pd.DataFrame) -> dict[str, int]:
    ids: dict[str, int] = {}
    for region in REGIONS:
        ids[region] = connection.execute(
            insert(Unit).values(name=region, parent_id=None, kind="region", active=True)
        ).inserted_primary_key[0]
    for row in units.itertuples():
        ids[row.name] = connection.execute(
            insert(Unit).values(name=row.name, parent_id=ids[row.region], kind="unit", active=True)
        ).inserted_primary_key[0]
    return ids


def _write_touchpoints(connection) -> list[int]:
    return [
        connection.execute(insert(Touchpoint).values(
            key=key, name_sv=sv, name_en=en, sort_order=order)).inserted_primary_key[0]
        for order, (key, sv, en, _share, _effect) in enumerate(TOUCHPOINTS)
    ]


# username, display name, role, unit, may log in
PEOPLE = [
    ("leader", "Lena Lindqvist", "leader", None, True),
    ("manager", "Maria Sjöberg", "manager", MANAGER_UNIT, True),
    ("staff", "Samir Haddad", "staff", MANAGER_UNIT, True),
    ("admin", "Anders Holm", "admin", None, True),
    ("karin.gavle", "Karin Nyström", "manager", IMPROVED_UNIT, False),
    ("johan.vasteras", "Johan Ek", "manager", UNCHANGED_UNIT, False),
    ("sara.malmo", "Sara Persson", "manager", "Malmö", False),
    ("ali.lund", "Ali Karimi", "manager", "Lund", False),
    ("eva.orebro", "Eva Berg", "manager", "Örebro", False),
    ("nils.umea", "Nils Öberg", "manager", "Umeå", False),
    ("ida.stockholm", "Ida Wallin", "manager", "Stockholm City", False),
    ("region.syd", "Per Nilsson", "manager", DELIVERY_REGION, False),
]


def _write_users(connection, unit_ids: dict[str, int], today: date) -> dict[str, int]:
    demo_hash = hash_password("demo")
    ids = {}
    for username, name, role, unit, may_log_in in PEOPLE:
        ids[username] = connection.execute(insert(User).values(
            username=username, display_name=name, email=f"{username}@demo.insikt.example",
            password_hash=demo_hash if may_log_in else None, role=role,
            unit_id=unit_ids[unit] if unit else None, active=True, session_version=0,
            failed_logins=0, created_at=datetime.now(timezone.utc),
            last_seen_at=_utc(today - timedelta(days=3)),  # so that some comments are new
        )).inserted_primary_key[0]
    return ids


def _write_responses(connection, generated: Generated, texts: list, languages: list,
                     unit_ids: dict[str, int], tp_ids: list[int], batch: int, language: str,
                     report: Callable[[float], None]) -> None:
    """Every response and its two attributes, as plain tuples (COPY on PostgreSQL)."""
    units = _unit_table()
    count = len(texts)
    unit_id = np.array([unit_ids[name] for name in units["name"]])[generated.unit].tolist()
    tp_id = np.array(tp_ids)[generated.touchpoint].tolist()
    lag = np.random.default_rng(count).integers(0, 72, count)
    responded = generated.responded_at
    # The survey tool's feed brings each response into Insikt within a few hours.
    event_at = bulk.datetimes(connection, responded - pd.to_timedelta(lag, unit="h"))
    arrived = responded + pd.to_timedelta(30 + lag * 5, unit="min")
    # Nothing has arrived later than now: a demo built today ends its imports at the build
    # (answers dated after now, in a demo for a later day, arrive as they are given).
    now = pd.Timestamp(datetime.now(timezone.utc).replace(tzinfo=None))
    imported_at = bulk.datetimes(connection, arrived.where(arrived <= now, responded.where(responded > now, now)))
    responded_at = bulk.datetimes(connection, responded)
    nps, csat = bulk.integers(generated.nps), bulk.integers(generated.csat)
    channel = generated.channel.tolist()
    columns = ("id", "source", "external_id", "unit_id", "touchpoint_id", "channel", "responded_at", "event_at",
               "nps", "csat", "comment", "language", "imported_at", "import_batch_id")
    chunk = 100_000
    for first in range(0, count, chunk):
        bulk.insert_rows(connection, Response.__table__, columns, [
            (index + 1, "demo", f"demo-{index + 1}", unit_id[index], tp_id[index], channel[index],
             responded_at[index], event_at[index], nps[index], csat[index], texts[index], languages[index],
             imported_at[index], batch)
            for index in range(first, min(count, first + chunk))])
        report(min(1.0, (first + chunk) / count))
    customer_types = CUSTOMER_TYPES[language]
    returning, band = generated.returning.tolist(), generated.order_band.tolist()
    bulk.insert_rows(connection, ResponseAttribute.__table__, ("response_id", "key", "value"), [
        row for index in range(count) for row in (
            (index + 1, "customer_type", customer_types[int(returning[index])]),
            (index + 1, "order_value", ORDER_BANDS[band[index]]))])
    if connection.dialect.name == "postgresql":
        connection.execute(text(
            "SELECT setval(pg_get_serial_sequence('responses', 'id'), "
            "(SELECT COALESCE(MAX(id), 1) FROM responses))"))


def _nps_between(generated: Generated, unit_index: int | None, first: date, last: date,
                 theme: str | None = None) -> intervals.Interval:
    """NPS of a unit (or everyone) over a period, optionally among responses whose
    events include ``theme``; the figures an insight was pinned with."""
    when = generated.responded_at
    rows = (when >= pd.Timestamp(first)) & (when < pd.Timestamp(last) + pd.Timedelta(days=1))
    rows = rows & ~np.isnan(generated.nps)
    if unit_index is not None:
        rows = rows & (generated.unit == unit_index)
    if theme is not None:
        column = THEMES.index(theme)
        rows = rows & (generated.bad[:, column] | generated.good[:, column])
    scores = generated.nps[rows]
    return intervals.nps(int((scores >= 9).sum()), int(((scores >= 7) & (scores <= 8)).sum()),
                         int((scores <= 6).sum()))


# unit, insight kind, theme, insight text key, days ago pinned,
# then the action: text key, owner, due (days from today), status, completed (days ago) or None
PLAN = [
    (MANAGER_UNIT, "strength", "staff", "insight_staff", 40,
     ("action_praise", "manager", -20, "done", 24)),
    (MANAGER_UNIT, "weakness", "waiting", "insight_waiting", 40,
     ("action_queue", "staff", -10, "in_progress", None)),
    (IMPROVED_UNIT, "weakness", "waiting", "insight_waiting", 200,
     ("action_tills", "karin.gavle", -145, "done", IMPROVED_DAYS_AGO)),
    (UNCHANGED_UNIT, "weakness", "competence", "insight_competence", 170,
     ("action_training", "johan.vasteras", -115, "done", UNCHANGED_DAYS_AGO)),
    ("Malmö", "emerging_issue", "delivery", "insight_delivery", 14,
     ("action_carrier", "region.syd", 14, "planned", None)),
    ("Lund", "weakness", "web", "insight_web", 90,
     ("action_web", "ali.lund", -30, "planned", None)),
    ("Örebro", "weakness", "cleanliness", "insight_cleanliness", 60,
     ("action_cleaning", "eva.orebro", 10, "in_progress", None)),
    ("Umeå", "weakness", "waiting", "insight_waiting", 120,
     ("action_signage", "nils.umea", -60, "cancelled", None)),
    ("Stockholm City", "weakness", "price", "insight_price", 20, None),
]


def _write_insights_and_actions(connection, units: pd.DataFrame, generated: Generated,
                                unit_ids: dict[str, int], users: dict[str, int], today: date,
                                language: str) -> None:
    names = units["name"].tolist()
    insight_ids: dict[tuple[str, str], int] = {}
    for unit, kind, theme, title, days_ago, action in PLAN:
        pinned = today - timedelta(days=days_ago)
        first = pinned - timedelta(days=90)
        own = _nps_between(generated, names.index(unit), first, pinned, theme)
        everyone = _nps_between(generated, None, first, pinned, theme)
        insight_id = connection.execute(insert(Insight).values(
            unit_id=unit_ids[unit], kind=kind, scope_type="theme", scope_key=theme, metric="nps",
            title=TEXT[title][language], period_start=first, period_end=pinned, estimate=own.estimate,
            low=own.low, high=own.high, n=own.n, comparator="organisation",
            comparator_estimate=everyone.estimate,
            created_by=users["manager"] if unit == MANAGER_UNIT else users["leader"],
            created_at=_utc(pinned),
        )).inserted_primary_key[0]
        insight_ids[(unit, theme)] = insight_id
        if action is not None:
            _write_action(connection, insight_id, unit_ids[unit], users, today, pinned, language, *action)
    _write_workshops(connection, unit_ids, users, insight_ids, today, language)


def _write_action(connection, insight_id: int, unit_id: int, users: dict[str, int], today: date,
                  pinned: date, language: str, text_key: str, owner: str, due_in: int, status: str,
                  completed_days_ago: int | None) -> None:
    created = _utc(pinned + timedelta(days=1))
    completed = _utc(today - timedelta(days=completed_days_ago)) if completed_days_ago else None
    updated = completed or _utc(min(today, pinned + timedelta(days=10)))
    action_id = connection.execute(insert(Action).values(
        insight_id=insight_id, unit_id=unit_id, title=TEXT[text_key][language], description="",
        owner_id=users[owner], due_date=today + timedelta(days=due_in), status=status,
        expected_effect="nps",  # every demo action aims to lift the recommendation score
        created_by=users["manager"] if owner in ("manager", "staff") else users["leader"],
        created_at=created, updated_at=updated, completed_at=completed, version=1,
    )).inserted_primary_key[0]
    events = [{"action_id": action_id, "user_id": users[owner], "at": created,
               "field": "created", "old_value": None, "new_value": "planned"}]
    if status != "planned":
        events.append({"action_id": action_id, "user_id": users[owner], "at": updated,
                       "field": "status", "old_value": "planned", "new_value": status})
    connection.execute(insert(ActionEvent), events)


def _write_workshops(connection, unit_ids, users, insight_ids, today: date, language: str) -> None:
    notes = {
        "sv": "Vi började med det som går bra och gick sedan igenom köerna. Förslagen röstades fram.",
        "en": "We started with what goes well, then went through the queues. Proposals were voted on.",
    }[language]
    held = today - timedelta(days=40)
    workshop_id = connection.execute(insert(Workshop).values(
        unit_id=unit_ids[MANAGER_UNIT], held_on=held, facilitator_id=users["manager"],
        participants="Maria Sjöberg, Samir Haddad, +6", notes=notes,
        period_start=held - timedelta(days=90), period_end=held, created_at=_utc(held),
    )).inserted_primary_key[0]
    for position, theme in enumerate(("staff", "waiting")):
        connection.execute(insert(WorkshopInsight).values(
            workshop_id=workshop_id, insight_id=insight_ids[(MANAGER_UNIT, theme)], position=position))
    proposals = {
        "sv": [("Kö-värd vid kassorna på helger", 7), ("Självscanning vid rusning", 4)],
        "en": [("Queue host at the tills at weekends", 7), ("Self-scanning at rush hour", 4)],
    }[language]
    for proposal, votes in proposals:
        connection.execute(insert(WorkshopProposal).values(
            workshop_id=workshop_id, insight_id=insight_ids[(MANAGER_UNIT, "waiting")],
            text=proposal, votes=votes, action_id=None))


# What a team found behind a case, by the first theme of its comment.
ROOT_CAUSE_BY_THEME = {"staff": "staff", "competence": "staff", "waiting": "process", "complaints": "process",
                       "quality": "product", "availability": "product", "delivery": "delivery",
                       "web": "process", "campaign": "campaign", "price": "price"}
RESOLUTIONS = {
    "sv": ["Ringde kunden, bad om ursäkt och bjöd på nästa köp.", "Mejlade kunden och förklarade vad vi ändrar.",
           "Ringde upp; kunden var nöjd med svaret.", "Bytte varan och följde upp med ett samtal."],
    "en": ["Called the customer, apologised and offered the next purchase.",
           "Emailed the customer and explained what we are changing.",
           "Called back; the customer was happy with the answer.", "Replaced the item and followed up by phone."],
}


def _write_follow_ups(connection, unit_ids: dict[str, int], users: dict[str, int], today: date,
                      language: str) -> set[int]:
    """Open cases by the default rules (the last 30 days' critical comments), then
    work them as a team would: cases under two days old stay new and unassigned;
    older ones go to the unit's staff or manager, or the region's manager (a unit
    with none of them keeps its cases unassigned), and are contacted, resolved
    with a root cause (some late) or still waiting, so that the queue and its
    measures have something to show. Whatever the seed and size, :data:`MANAGER_UNIT`'s
    newest case is still new and unassigned, and the first case each of its people gets
    stays contacted, waiting for the customer (the demo's manager and staff have a call
    to make); the ids of those are returned."""
    now = _utc(datetime.combine(today, time(12)))
    follow_ups.apply_rules(connection, now=now)
    parent = dict(connection.execute(select(Unit.id, Unit.parent_id)).all())
    managers = {unit_ids[unit]: users[username] for username, _n, role, unit, _l in PEOPLE
                if role == "manager" and unit in unit_ids}
    staff = {unit_ids[unit]: users[username] for username, _n, role, unit, _l in PEOPLE if role == "staff"}
    cases = connection.execute(
        select(FollowUp.id, FollowUp.unit_id, Response.id.label("response_id"), Response.responded_at,
               Response.imported_at)
        .join(Response, Response.id == FollowUp.response_id).order_by(FollowUp.id)).all()
    first_theme: dict[int, str] = {}
    for response_id, key in connection.execute(
            select(ResponseTheme.response_id, Theme.key).join(Theme, Theme.id == ResponseTheme.theme_id)
            .join(FollowUp, FollowUp.response_id == ResponseTheme.response_id)
            .order_by(ResponseTheme.response_id, Theme.sort_order)):
        first_theme.setdefault(response_id, key)
    home = [case for case in cases if case.unit_id == unit_ids[MANAGER_UNIT]]
    newest_home = max(home, key=follow_ups.received).id if home else None
    rnd = random.Random(len(cases))
    table, events, kept_open, turn = FollowUp.__table__, [], {}, {}
    for case in cases:
        received = follow_ups.received(case)  # deadlines count from the feed's delivery
        if now - received < timedelta(days=2) or case.id == newest_home:
            continue
        turn[case.unit_id] = turn.get(case.unit_id, -1) + 1  # the unit's staff and manager take turns
        owner = staff.get(case.unit_id) if turn[case.unit_id] % 2 == 0 else managers.get(case.unit_id)
        owner = owner or managers.get(case.unit_id) or managers.get(parent.get(case.unit_id))
        if owner is None:  # only people of the unit, or a manager above it, may own its cases
            continue
        if case.unit_id == unit_ids[MANAGER_UNIT]:
            kept_open.setdefault(owner, case.id)
        contacted = received + timedelta(hours=rnd.randint(3, 40))
        closed = contacted + timedelta(hours=rnd.randint(1, 30))
        fresh = now - received < timedelta(days=5)
        forgotten = case.id % 3 == 0 if fresh else case.id % 17 == 0
        stalled = case.id % 3 == 1 if fresh else case.id % 11 == 0
        if forgotten or contacted > now:  # assigned, nobody has called yet
            values, steps = {"owner_id": owner, "status": "new"}, []
        elif stalled or closed > now or case.id in kept_open.values():
            values, steps = {"owner_id": owner, "status": "contacted", "contacted_at": contacted}, [
                (contacted, "status", "new", "contacted")]
        elif case.id % 13 == 0:
            values = {"owner_id": owner, "status": "not_reachable", "contacted_at": contacted,
                      "resolved_at": closed}
            steps = [(contacted, "status", "new", "contacted"), (closed, "status", "contacted", "not_reachable")]
        else:
            cause = ROOT_CAUSE_BY_THEME.get(first_theme.get(case.response_id), "other")
            resolution = RESOLUTIONS[language][case.id % len(RESOLUTIONS[language])]
            values = {"owner_id": owner, "status": "resolved", "contacted_at": contacted, "resolved_at": closed,
                      "root_cause": cause, "resolution": resolution}
            steps = [(contacted, "status", "new", "contacted"), (closed, "status", "contacted", "resolved"),
                     (closed, "root_cause", None, cause), (closed, "resolution", None, resolution)]
        assigned = received + timedelta(hours=2)
        steps.insert(0, (assigned, "owner_id", None, str(owner)))
        connection.execute(table.update().where(table.c.id == case.id).values(
            **values, updated_at=steps[-1][0], version=1 + len({at for at, *_ in steps})))
        events += [{"follow_up_id": case.id, "user_id": owner, "at": at, "field": name, "old_value": old,
                    "new_value": new} for at, name, old, new in steps]
    if events:
        connection.execute(insert(FollowUpEvent), events)
    return set(kept_open.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build Insikt's demo organisation.")
    parser.add_argument("--responses", type=int, default=100_000, help="number of responses")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same demo)")
    parser.add_argument("--language", choices=("sv", "en"), default="sv", help="language of comments")
    parser.add_argument("--database-url", default=None, help="target database (default: configured)")
    parser.add_argument("--replace", action="store_true", help="delete existing data first")
    args = parser.parse_args(argv)
    if args.responses < 1000:
        parser.error("--responses must be at least 1000")
    from queries.db import DatabaseUnavailable, prepare

    try:
        engine = prepare(args.database_url)
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 2
    if not is_empty(engine):
        if not args.replace:
            print("The database already holds data; add --replace to delete it and build the demo.",
                  file=sys.stderr)
            return 1
        with engine.begin() as connection:
            clear(connection)

    def show(fraction: float, message: str) -> None:
        print(f"\r{fraction:4.0%} {message:<12}", end="", flush=True)

    build_demo(engine, responses=args.responses, seed=args.seed, language=args.language,
               progress=show)
    print(f"\nBuilt the demo with {args.responses:,} responses in "
          f"{engine.url.render_as_string(hide_password=True)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
