"""Theme packs: ready-made theme lists an administrator loads and then edits.

* ``retail`` — the Swedish retail defaults (:data:`ingest.themes.DEFAULT_THEMES`,
  with English patterns for the same shops), loaded by itself when a database
  gets its first comments and has no themes.
* ``service_en`` — a general English service pack (insurance, subscriptions,
  utilities, support): staff, waiting, premiums and price, claims handling,
  billing and refunds, cancellation, communication, cover and terms, website and
  app, complaints. Written so that ordinary business words are not read as
  complaints: "claim" is the everyday claims process (praised as often as not:
  the tone of the response tells which), "deal with" is no offer, and nothing in
  it is a Swedish word that also occurs in English ("personal").

Loading a pack (:func:`load`) adds the themes it has that the database lacks
(active, at the end of the list) and, for a theme with the same key, takes the
pack's names and its patterns in the pack's languages and makes it active again
(the other language's patterns stay); on request it switches off the themes
outside the pack (kept, with their patterns, to switch on again). Then every
comment is tagged again (by the caller).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from ingest.themes import DEFAULT_THEMES, _theme
from queries.schema import Theme


@dataclass(frozen=True)
class Pack:
    """A named list of themes whose patterns in ``languages`` a load applies."""

    key: str
    languages: tuple[str, ...]
    themes: tuple[dict, ...]


SERVICE_EN = (
    _theme("staff", "Personal och bemötande", "Staff and friendliness", sv="", en="""
        staff; advisor*; adviser*; agent; agents; representative*; employee*; colleague*; the lady; the man;
        the guy; the woman; the girl; friendly; unfriendly; rude; rudely; rudeness; polite*; impolite*;
        helpful*; unhelpful*; courteous*; discourteous*; patien*; empath*; caring; professional*;
        unprofessional*; attitude*; knowledgeable; re:kind(?!\\s+of\\b)(?!\\w)"""),
    _theme("waiting", "Väntetid och snabbhet", "Waiting and speed", sv="", en="""
        wait*; on hold; hold music; queue*; took ages; took forever; took weeks; took months; slow; slowly;
        delay*; quick; quickly; quicker; fast; faster; prompt; promptly; speedy; swift*; response time*;
        turnaround; turn around; same day; within days; within a week"""),
    _theme("price", "Premie och pris", "Premiums and price", sv="", en="""
        premium*; price*; pricing; cost; costs; costly; expensive; cheap*; afford*; overpric*; renewal*;
        renew*; went up; gone up; goes up; go up; hike*; value for money; good value; poor value; bad value;
        excess; deductible*; monthly payment*; annual payment*"""),
    _theme("claims", "Skadeärenden", "Claims handling", sv="", en="""
        claim; claims; claimed; claiming; reimburs*; pay out; paid out; payout*; pay-out*; settle*;
        vet bill*; vet fee*; vets bill*; direct pay*; paid the vet; paid directly; assessor*; loss adjust*"""),
    _theme("billing", "Fakturor och återbetalning", "Billing and refunds", sv="", en="""
        refund*; money back; charged twice; double charged; overcharg*; direct debit*; billing; billed;
        invoice*; payment taken; took payment; taken from my account; bank statement*"""),
    _theme("cancellation", "Uppsägning", "Cancellation", sv="", en="""
        cancel*; cancell*; terminat*; close my account; closed my account; end my policy; ended my policy;
        stop my policy; auto-renew*; auto renew*; automatically renew*; opt out; switch provider*;
        switched provider*; leaving them; left them"""),
    _theme("communication", "Kommunikation och information", "Communication and information", sv="", en="""
        communicat*; email; emails; emailed; e-mail*; call back; called back; callback*; never called;
        no response; no reply; never replied; never heard back; not responded; kept informed; keep me informed;
        kept me informed; kept me updated; updates; letter*; explain*; clearly; unclear; confus*; jargon;
        information; informed"""),
    _theme("cover", "Försäkringsskydd och villkor", "Cover and terms", sv="", en="""
        cover; coverage; covered; not covered; policy terms; terms and conditions; small print; fine print;
        exclusion*; excluded; exclude; pre-existing; preexisting; pre existing; policy limit*; annual limit*;
        lifetime cover; lifetime policy; waiting period"""),
    _theme("web", "Webb och app", "Website and app", sv="", en="""
        website*; web site; webpage*; online; portal; log in; login*; logging in; sign in; password*;
        my account; re:apps?(?!\\w)"""),
    _theme("complaints", "Klagomål", "Complaints", sv="", en="""
        complaint*; complained; re:(?<!nothing to )complain(?!\\w); ombudsman; escalat*; formal complaint*"""),
)

PACKS: dict[str, Pack] = {
    "retail": Pack("retail", ("sv", "en"), tuple(DEFAULT_THEMES)),
    "service_en": Pack("service_en", ("en",), SERVICE_EN),
}


def get(key: str) -> Pack:
    """The pack called ``key``; ValueError for an unknown one."""
    try:
        return PACKS[key]
    except KeyError:
        raise ValueError(f"unknown theme pack {key!r}; known: {', '.join(PACKS)}") from None


def changes(connection: Connection, key: str) -> dict[str, list[str]]:
    """What loading pack ``key`` would do: theme keys ``added`` and ``replaced``
    (names and the patterns in the pack's languages), in the pack's order, and
    the active themes ``outside`` the pack (which a load may switch off)."""
    pack = get(key)
    existing = dict(connection.execute(select(Theme.key, Theme.active).order_by(Theme.sort_order, Theme.id)).all())
    keys = [theme["key"] for theme in pack.themes]
    return {"added": [theme for theme in keys if theme not in existing],
            "replaced": [theme for theme in keys if theme in existing],
            "outside": [theme for theme, active in existing.items() if active and theme not in keys]}


def load(connection: Connection, key: str, others_off: bool = False) -> dict[str, list[str]]:
    """Load pack ``key`` (see the module docstring) in the caller's transaction,
    switching off the active themes outside it when ``others_off``; returns the
    keys ``added``, ``replaced`` and ``deactivated``. The caller tags the comments again."""
    pack = get(key)
    found = changes(connection, key)
    last = connection.execute(select(func.max(Theme.sort_order))).scalar()
    order = -1 if last is None else last
    for theme in pack.themes:
        values = {"name_sv": theme["name_sv"], "name_en": theme["name_en"], "active": True,
                  **{f"patterns_{code}": theme[f"patterns_{code}"] for code in pack.languages}}
        if theme["key"] in found["replaced"]:
            connection.execute(update(Theme).where(Theme.key == theme["key"]).values(**values))
            continue
        order += 1
        connection.execute(insert(Theme).values(**{**theme, **values, "sort_order": order}))
    deactivated = found["outside"] if others_off else []
    if deactivated:
        connection.execute(update(Theme).where(Theme.key.in_(deactivated)).values(active=False))
    return {"added": found["added"], "replaced": found["replaced"], "deactivated": deactivated}
