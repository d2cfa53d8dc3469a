"""Generated review comments in English and Swedish with known planted topics, for
theme discovery (tests and ``bench.discovery``).

Each comment is about one planted topic (varied wording), about two, or about
nothing in particular (filler that real reviews are full of). :data:`TOPICS` holds,
per language, each topic's sentences and a regular expression that recognises
the topic in a comment, so a test can check what a candidate's examples are about.
Scores go with the topic: claims handling is praised (stars 4–5, NPS 9–10), the
premium increase criticised, cancellation and queueing mostly criticised.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# topic -> (tone: +1 praised, -1 criticised; sentences; what marks a comment as about it)
TOPICS: dict[str, dict[str, tuple[int, list[str], re.Pattern]]] = {
    "en": {
        "claims": (1, [
            "My claim was paid within a week.", "The claims process was quick and easy.",
            "Claim handled fast and reimbursed in a few days.", "They paid the vet claim without any fuss.",
            "Submitting a claim online was simple and it was paid quickly.",
            "Excellent claims handling, the money was in my account in days.",
            "Every claim I have made has been paid promptly.", "Claims are processed quickly.",
        ], re.compile(r"claim", re.I)),
        "premium": (-1, [
            "The premium went up again this year.", "My premium increased by 30 percent at renewal.",
            "Premiums rise every year for no reason.", "The monthly premium doubled after two years.",
            "Huge premium increase at renewal without explanation.",
            "They keep increasing the premium even though I never claimed... well, hardly.",
            "The renewal premium is far higher than last year.", "Premium increases are out of control.",
        ], re.compile(r"premium", re.I)),
        "cancel": (-1, [
            "Cancelling the policy was a nightmare.", "I tried to cancel my policy and it took weeks.",
            "The cancellation process is deliberately difficult.", "They make it very hard to cancel.",
            "Cancellation took three phone calls and a letter.", "I cancelled but they kept taking payments.",
            "You cannot cancel online, only by post.", "Cancelling my cover was far too complicated.",
        ], re.compile(r"cancel", re.I)),
        "queue": (-1, [
            "I waited 40 minutes in the phone queue.", "Long queue every time I call.",
            "Stuck in a queue on hold for an hour.", "The phone queue is endless.",
            "Waiting in the queue for ages before anyone answered.", "Queue times on the phone are terrible.",
            "Forty minutes in the queue just to ask a question.", "The call queue was over an hour long.",
        ], re.compile(r"queue|waited|waiting|on hold", re.I)),
    },
    "sv": {
        "claims": (1, [
            "Skadeanmälan hanterades snabbt och ersättningen kom efter en vecka.",
            "Smidig skadehantering, pengarna kom på några dagar.", "Min skadeanmälan betalades ut direkt.",
            "Skadan reglerades snabbt och utan krångel.", "Enkel skadeanmälan på nätet och snabb ersättning.",
            "Bästa skadehanteringen jag varit med om.", "Skaderegleringen gick fort och smidigt.",
            "De betalade ut ersättningen för skadan inom en vecka.",
        ], re.compile(r"skad", re.I)),
        "premium": (-1, [
            "Premien höjdes igen i år.", "Premien har höjts med trettio procent.",
            "Höjd premie varje år utan förklaring.", "Månadspremien har fördubblats på två år.",
            "Kraftig premiehöjning vid förnyelsen.", "Premiehöjningen kom utan förvarning.",
            "Premien är alldeles för hög jämfört med förra året.", "Orimliga premiehöjningar hela tiden.",
        ], re.compile(r"premie", re.I)),
        "cancel": (-1, [
            "Det var omöjligt att säga upp försäkringen.", "Uppsägningen tog flera veckor.",
            "Jag sa upp avtalet men de fortsatte att dra pengar.", "Krångligt att säga upp försäkringen.",
            "Uppsägning går bara med brev.", "Att säga upp avtalet krävde tre samtal.",
            "Uppsägningstiden är orimligt lång.", "De gör det svårt att säga upp sig.",
        ], re.compile(r"säg\w* upp|sa upp|uppsägning", re.I)),
        "queue": (-1, [
            "Jag stod i telefonkö i fyrtio minuter.", "Lång telefonkö varje gång jag ringer.",
            "Telefonkön var över en timme lång.", "Satt i kö i en evighet innan någon svarade.",
            "Köerna i telefon är hopplösa.", "Fyrtio minuter i telefonkön för en enkel fråga.",
            "Alltid lång kö när man ringer.", "Telefonköerna är alldeles för långa.",
        ], re.compile(r"kö", re.I)),
    },
}

# What reviews say besides their topic: many phrasings, each rare (as in real exports).
FILLER = {
    "en": ["Good insurance overall.", "Nothing special to report.", "Recommended to friends.",
           "Happy customer for years.", "The dog is doing fine.", "Average company, average service.",
           "Would use again.", "Five stars.", "Fine.", "The website looks modern.", "Easy to understand terms.",
           "My cat loves the vet.", "Decent cover for the price.", "All good.", "No complaints so far.",
           "Solid company.", "Thank you!", "Keep it up.", "Satisfied.", "Does what it says.",
           "Been with them since the puppy arrived.", "Our rabbit is insured too.", "Not bad at all.",
           "Simple and clear.", "Better than my last insurer.", "Reasonable.", "Pleasant experience.",
           "Second year with this company.", "I found them through a comparison site.", "OK I guess."],
    "sv": ["Bra försäkring överlag.", "Inget speciellt att säga.", "Rekommenderar till vänner.",
           "Nöjd kund sedan flera år.", "Hunden mår bra.", "Helt okej bolag.", "Skulle välja dem igen.",
           "Fem stjärnor.", "Okej.", "Hemsidan ser modern ut.", "Lätta villkor att förstå.",
           "Katten trivs hos veterinären.", "Bra skydd för pengarna.", "Allt bra.", "Inga klagomål hittills.",
           "Stabilt bolag.", "Tack!", "Fortsätt så.", "Nöjd.", "Gör vad den ska.",
           "Har haft dem sedan valpen kom.", "Kaninen är också försäkrad.", "Inte dåligt alls.",
           "Enkelt och tydligt.", "Bättre än mitt förra bolag.", "Rimligt.", "Trevlig upplevelse.",
           "Andra året hos dem.", "Hittade dem via en jämförelsesajt.", "Helt ok antar jag."],
}
WEIGHTS = {"claims": 0.16, "premium": 0.12, "cancel": 0.08, "queue": 0.10}


def corpus(n: int, language: str = "en", seed: int = 3, unit_ids: tuple[int, ...] = (1,)) -> pd.DataFrame:
    """``n`` comments in ``language`` ("sv", "en", or "mixed": half each): columns
    id, unit_id, comment, language, nps, csat and ``topic`` (the planted topics,
    joined by "+", or "" for filler)."""
    rng = np.random.default_rng(seed)
    rows = []
    names = list(WEIGHTS)
    probabilities = np.array([*WEIGHTS.values(), 1 - sum(WEIGHTS.values())])
    for index in range(n):
        lang = language if language != "mixed" else ("sv" if rng.random() < 0.5 else "en")
        pick = int(rng.choice(len(probabilities), p=probabilities))
        topics = [] if pick == len(names) else [names[pick]]
        if topics and rng.random() < 0.1:
            other = names[int(rng.integers(len(names)))]
            if other not in topics:
                topics.append(other)
        parts = [TOPICS[lang][topic][1][int(rng.integers(len(TOPICS[lang][topic][1])))] for topic in topics]
        if not topics or rng.random() < 0.3:
            parts.append(FILLER[lang][int(rng.integers(len(FILLER[lang])))])
        tone = sum(TOPICS[lang][topic][0] for topic in topics)
        quality = np.clip(0.7 + 0.25 * tone + rng.normal(0, 0.15), 0, 1)
        rows.append({"id": index + 1, "unit_id": unit_ids[index % len(unit_ids)], "comment": " ".join(parts),
                     "language": lang, "nps": int(round(quality * 10)),
                     "csat": int(np.clip(round(1 + quality * 4.2), 1, 5)), "topic": "+".join(topics)})
    return pd.DataFrame(rows)


def about(text: str, language: str, topic: str) -> bool:
    """Whether ``text`` is about ``topic`` (its planted marker occurs)."""
    return bool(TOPICS[language][topic][2].search(text))


PARKING = ["The parking lot was full again.", "No parking spaces near the clinic.",
           "Parking is impossible on weekdays.", "We had to park far away, the car park was full."]
UNITS = ("North", "South")  # two units of one region; PARKING is planted in South only


def store(engine, n: int = 2_000, language: str = "en", seed: int = 3, password_hash: str | None = None) -> None:
    """Write a corpus into the empty, migrated database of ``engine``: two units
    of one region (``North``: the corpus; ``South``: the corpus plus comments about
    parking), one touchpoint, stars and NPS, the default themes with every comment
    tagged, and users ``admin``, ``leader``, ``manager`` (of North) and ``staff``
    (of North), all with ``password_hash``."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import insert

    from ingest import themes
    from queries import rollup
    from queries.passwords import hash_password
    from queries.schema import Response, Touchpoint, Unit, User
    from queries.settings import bump_data_version

    frame = corpus(n, language, seed)
    rng = np.random.default_rng(seed + 1)
    now = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
    with engine.begin() as connection:
        region = connection.execute(insert(Unit).values(name="Region", kind="region", active=True)
                                    ).inserted_primary_key[0]
        units = {name: connection.execute(insert(Unit).values(name=name, parent_id=region, kind="unit", active=True)
                                          ).inserted_primary_key[0] for name in UNITS}
        touchpoint = connection.execute(insert(Touchpoint).values(key="review", name_sv="Omdöme", name_en="Review",
                                                                  sort_order=0)).inserted_primary_key[0]
        rows = []
        for index, row in enumerate(frame.itertuples()):
            unit = UNITS[index % 2]
            comment = row.comment
            if unit == "South" and rng.random() < 0.3:
                comment = PARKING[int(rng.integers(len(PARKING)))]
            rows.append({"source": "corpus", "external_id": f"c{index}", "unit_id": units[unit],
                         "touchpoint_id": touchpoint, "channel": "web",
                         "responded_at": now - timedelta(hours=index % 2000), "imported_at": now,
                         "nps": row.nps, "csat": row.csat, "comment": comment, "language": row.language})
        connection.execute(insert(Response), rows)
        rollup.refresh(connection)
        themes.ensure_default_themes(connection)
        themes.retag(connection)
        secret = password_hash or hash_password("demo")
        for username, role, unit in (("admin", "admin", None), ("leader", "leader", None),
                                     ("manager", "manager", "North"), ("staff", "staff", "North")):
            connection.execute(insert(User).values(
                username=username, display_name=username.capitalize(), password_hash=secret, role=role,
                unit_id=units[unit] if unit else None, active=True, session_version=0, failed_logins=0,
                created_at=now))
        bump_data_version(connection)


PASSWORD = "discover-Themes-2026"  # passes the password rules


def review_export(path, n: int = 3_000, seed: int = 3) -> None:
    """A review-site export of the English corpus as CSV: id, provider, stars, a
    title-less review text and its date (2023–2024), no NPS, no language column."""
    from datetime import date, timedelta

    frame = corpus(n, "en", seed)
    providers = ["Paws Cover", "Tail Guard", "Vet Direct"]
    first = date(2023, 5, 1)
    pd.DataFrame({
        "review_id": [f"r{value}" for value in frame["id"]],
        "provider": [providers[index % len(providers)] for index in range(n)],
        "stars": frame["csat"],
        "review": frame["comment"],
        "published": [(first + timedelta(days=int(index * 365 / n))).isoformat() for index in range(n)],
    }).to_csv(path, index=False)


def import_reviews(url: str, folder, n: int = 3_000) -> str:
    """Migrate the empty database at ``url``, import :func:`review_export` through
    the importer's command (English, units made from the providers) and add
    ``admin`` and ``manager`` (of Paws Cover) with :data:`PASSWORD`."""
    from pathlib import Path

    from ingest import load
    from queries import admin
    from queries.db import prepare

    path = Path(folder) / "reviews.csv"
    review_export(path, n)
    engine = prepare(url)
    code = load.main([str(path), "--database-url", url, "--create-missing", "--language", "en",
                      "--touchpoint", "Review", "--source", "reviews"])
    assert code == 0, code
    admin.add_user(engine, username="admin", display_name="Ada Admin", role="admin", password=PASSWORD)
    admin.add_user(engine, username="manager", display_name="Max Manager", role="manager", unit_name="Paws Cover",
                   password=PASSWORD)
    return url
