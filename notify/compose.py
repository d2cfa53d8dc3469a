"""E-mails and webhook messages, in the recipient's language.

An e-mail is built once as a list of blocks (heading, paragraph, list, quote,
link) and rendered twice: as plain text and as simple HTML in which every
string is HTML-escaped (names, titles, comments and links all come from data).
Numbers and dates are formatted like the app's (:mod:`analysis.formatting`);
times are shown in the follow-up rules' time zone. Every e-mail ends with a
link to the page where its recipient chooses what they get.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.formatting import day, number
from notify.comment_text import for_email
from notify.config import Settings
from notify.digest import Digest
from notify.texts import text
from queries.notifications import Person

PREFERENCES_PAGE = "notifications"
LISTED = 10  # cases or actions listed in one e-mail; the rest are counted


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "para", "items", "quote", "link", "small"
    text: str = ""
    url: str = ""
    label: str = ""  # what introduces a quote
    items: tuple[tuple[str, str], ...] = ()  # (line, quote or "")


@dataclass
class Mail:
    to: Person
    kind: str
    language: str
    subject: str
    blocks: list[Block] = field(default_factory=list)


def link(settings: Settings, page: str, language: str, unit_name: str | None = None,
         start=None, end=None) -> str:
    """An absolute link to a page of the app, with the unit and period as the
    sidebar filters read them from the URL (the unit by its name, as its filter shows it)."""
    params = {}
    if unit_name:
        params["unit"] = unit_name
    if start is not None and end is not None:
        params |= {"from": start.isoformat(), "to": end.isoformat()}
    params["lang"] = language
    return f"{settings.base_url}/{page}?{urlencode(params)}"


# --- cases ------------------------------------------------------------------------------------

def _span(hours: float, language: str) -> str:
    if hours < 1:
        return text("under_an_hour", language)
    if hours >= 48:
        return text("days_many", language, n=number(hours // 24, 0, language))
    whole = int(hours)
    return text("hours_one", language) if whole == 1 else text("hours_many", language, n=whole)


def moment(value, language: str, zone: ZoneInfo) -> str:
    local = pd.Timestamp(value).to_pydatetime().astimezone(zone)
    return f"{day(local.date(), language)} {local:%H:%M}"


def case_facts(case: dict, language: str, zone: ZoneInfo, now: datetime) -> dict[str, str]:
    """Unit, touchpoint, score and deadline of a case as words."""
    if pd.notna(case.get("nps")):
        score = text("score_nps", language, value=int(case["nps"]))
    elif pd.notna(case.get("csat")):
        score = text("score_csat", language, value=int(case["csat"]))
    else:
        score = text("score_none", language)
    due = pd.Timestamp(case["due_at"])
    left = (due - pd.Timestamp(now)).total_seconds() / 3600
    when = (text("due_in", language, due=moment(due, language, zone), left=_span(left, language)) if left > 0
            else text("due_passed", language, due=moment(due, language, zone), late=_span(-left, language)))
    return {"unit": str(case["unit"]), "touchpoint": str(case[f"touchpoint_{language}"]), "score": score,
            "when": when}


def _owner_line(case: dict, person: Person, language: str) -> str:
    if pd.isna(case.get("owner_id")):
        return text("owner_none", language)
    if int(case["owner_id"]) == person.id:
        return text("owner_you", language)
    return text("owner_named", language, owner=case["owner"])


def case_mail(kind: str, person: Person, cases: list[dict], language: str, settings: Settings,
              zone: ZoneInfo, now: datetime) -> Mail:
    """A new-case, reminder or escalation e-mail about ``cases`` (at least one)."""
    many = len(cases) > 1
    first = case_facts(cases[0], language, zone, now)
    subject = text(f"{kind}_subject_{'many' if many else 'one'}", language, n=len(cases), unit=first["unit"])
    if kind == "new_case":
        intro = text(f"new_case_intro_{'many' if many else 'one'}", language, n=len(cases))
    else:
        intro = text(f"{kind}_intro", language)
    lines = []
    for case in cases[:LISTED]:
        facts = case_facts(case, language, zone, now)
        lines.append((f"{text('case_line', language, **facts)}. {_owner_line(case, person, language)}",
                      for_email(case.get("comment"), language)))
    blocks = [Block("para", text("greeting", language, name=person.display_name)), Block("para", intro),
              Block("items", items=tuple(lines))]
    if len(cases) > LISTED:
        blocks.append(Block("para", text("more", language, n=len(cases) - LISTED)))
    blocks.append(Block("link", text("open_follow_up", language), link(settings, "follow_up", language)))
    return Mail(person, kind, language, subject, blocks + _footer(kind, language, settings))


def _footer(kind: str, language: str, settings: Settings) -> list[Block]:
    return [Block("small", text("signature", language)),
            Block("small", text("footer", language, kind=text(f"kind_{kind}", language))),
            Block("link", text("footer_link", language), link(settings, PREFERENCES_PAGE, language))]


# --- the digest -------------------------------------------------------------------------------

def _figure(value: float, measure: str, language: str) -> str:
    return number(value, 0, language) if measure == "nps" else number(value * 100, 0, language) + " %"


def _group(digest: Digest, row, language: str) -> str:
    if row.dimension == "overall":
        return text("group_overall", language)
    name = digest.group_names.get((row.dimension, row.key), row.key)
    if row.dimension == "segment":
        name = name.replace("=", ": ", 1)
    return text(f"dimension_{row.dimension}", language, name=name)


def strength_lines(digest: Digest, language: str) -> list[str]:
    """One line per clear strength, as the digest shows it."""
    return [text("digest_strength_line", language, group=_group(digest, row, language),
                 measure=text(f"measure_{row.measure}", language),
                 value=_figure(row.value, row.measure, language),
                 comparator_value=_figure(row.comp_value, row.measure, language),
                 comparator=text(f"comparator_{digest.comparator}", language), n=number(row.n, 0, language))
            for row in digest.strengths.head(3).itertuples()]


def digest_mail(person: Person, digest: Digest, language: str, settings: Settings, zone: ZoneInfo,
                now: datetime) -> Mail:
    """The weekly digest e-mail."""
    unit = digest.unit_name or text("all_units", language)
    week = digest.start.isocalendar().week
    period = {"start": digest.start, "end": digest.end}
    blocks = [Block("para", text("greeting", language, name=person.display_name)),
              Block("para", text("digest_intro", language, start=day(digest.start, language),
                                 end=day(digest.end, language), unit=unit)),
              Block("heading", text("digest_strengths", language))]
    lines = strength_lines(digest, language)
    if lines:
        blocks.append(Block("items", items=tuple((line, "") for line in lines)))
        if digest.quote:
            blocks.append(Block("quote", digest.quote, label=text("digest_quote", language)))
    else:
        blocks.append(Block("para", text("digest_no_strengths", language,
                                         comparator=text(f"comparator_{digest.comparator}", language))))
    blocks += [Block("link", text("digest_open_strengths", language),
                     link(settings, "strengths", language, digest.unit_name, **period)),
               Block("heading", text("digest_comments", language)),
               Block("para", text("digest_comments_line", language, n=number(digest.new_comments, 0, language))),
               Block("link", text("digest_open_comments", language),
                     link(settings, "comments", language, digest.unit_name, **period)),
               Block("heading", text("digest_cases", language))]
    if len(digest.open_cases):
        blocks.append(Block("para", text("digest_cases_line", language, n=number(len(digest.open_cases), 0, language),
                                         overdue=number(digest.overdue_cases, 0, language))))
        facts = [case_facts(case, language, zone, now) for case in digest.open_cases.head(LISTED).to_dict("records")]
        blocks.append(Block("items", items=tuple((text("case_line", language, **f), "") for f in facts)))
    else:
        blocks.append(Block("para", text("digest_no_cases", language)))
    blocks += [Block("link", text("open_follow_up", language), link(settings, "follow_up", language)),
               Block("heading", text("digest_actions", language))]
    if len(digest.actions_due):
        blocks.append(Block("para", text("digest_actions_line", language, n=number(len(digest.actions_due), 0, language),
                                         until=day(digest.actions_until, language))))
        blocks.append(Block("items", items=tuple(
            (text("digest_action_overdue" if action.state == "overdue" else "digest_action_line", language,
                  title=action.title, unit=action.unit, due=day(action.due_date, language)), "")
            for action in digest.actions_due.head(LISTED).itertuples())))
    else:
        blocks.append(Block("para", text("digest_no_actions", language)))
    blocks.append(Block("link", text("digest_open_actions", language), link(settings, "actions", language)))
    subject = text("digest_subject", language, unit=unit, week=week)
    return Mail(person, "digest", language, subject, blocks + _footer("digest", language, settings))


# --- rendering ------------------------------------------------------------------------------

def plain(mail: Mail) -> str:
    parts = []
    for block in mail.blocks:
        if block.kind == "heading":
            parts.append(f"{block.text}\n{'=' * len(block.text)}")
        elif block.kind == "items":
            parts.append("\n".join(f"- {line}" + (f"\n  »{quote}«" if quote else "") for line, quote in block.items))
        elif block.kind == "quote":
            parts.append(f"{block.label}\n  »{block.text}«")
        elif block.kind == "link":
            parts.append(f"{block.text}: {block.url}")
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def _e(value: str) -> str:
    return html.escape(value, quote=True).replace("\n", "<br>")


QUOTE_STYLE = "margin:4px 0 0 0;padding-left:10px;border-left:3px solid #999;color:#333"


def rich(mail: Mail) -> str:
    parts = []
    for block in mail.blocks:
        if block.kind == "heading":
            parts.append(f"<h2 style=\"font-size:17px;margin:20px 0 6px\">{_e(block.text)}</h2>")
        elif block.kind == "items":
            rows = "".join(f"<li>{_e(line)}" + (f"<blockquote style=\"{QUOTE_STYLE}\">{_e(quote)}</blockquote>"
                                                if quote else "") + "</li>" for line, quote in block.items)
            parts.append(f"<ul>{rows}</ul>")
        elif block.kind == "quote":
            parts.append(f"<p>{_e(block.label)}</p><blockquote style=\"{QUOTE_STYLE}\">{_e(block.text)}</blockquote>")
        elif block.kind == "link":
            parts.append(f"<p><a href=\"{_e(block.url)}\">{_e(block.text)}</a></p>")
        elif block.kind == "small":
            parts.append(f"<p style=\"color:#555;font-size:13px\">{_e(block.text)}</p>")
        else:
            parts.append(f"<p>{_e(block.text)}</p>")
    return (f"<!DOCTYPE html><html lang=\"{mail.language}\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(mail.subject)}</title></head>"
            f"<body style=\"font-family:Arial,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a\">"
            f"{''.join(parts)}</body></html>")


def message(mail: Mail, sender: str, about: list[str]) -> EmailMessage:
    """A multipart e-mail (plain text and HTML) ready for SMTP; its headers name
    the kind and what it is about (the subjects of the log, for tracing)."""
    result = EmailMessage()
    result["X-Insikt-Kind"] = mail.kind
    result["X-Insikt-About"] = " ".join(about)
    result["Subject"] = mail.subject
    result["From"] = sender
    result["To"] = formataddr((mail.to.display_name, mail.to.email))
    result["Date"] = formatdate(localtime=False)
    result["Message-ID"] = make_msgid("insikt", domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    result["Auto-Submitted"] = "auto-generated"
    result.set_content(plain(mail))
    result.add_alternative(rich(mail), subtype="html")
    result["Content-Language"] = mail.language  # after the content, which resets Content-* headers
    return result


# --- webhooks ---------------------------------------------------------------------------------

def webhook_payload(kind: str, case: dict, language: str, settings: Settings, zone: ZoneInfo,
                    now: datetime) -> dict:
    """A Teams/Slack-style JSON message about a case: ``text`` for the chat, and
    the facts under ``insikt`` for other receivers. No comment text: a chat
    channel may reach people outside the unit."""
    facts = case_facts(case, language, zone, now)
    url = link(settings, "follow_up", language)
    return {
        "text": f"{text(f'webhook_{kind}', language, **facts)} {url}",
        "insikt": {"kind": kind, "case_id": int(case["id"]), "unit": facts["unit"],
                   "touchpoint": case["touchpoint_key"], "due_at": pd.Timestamp(case["due_at"]).isoformat(),
                   "url": url},
    }
