"""The texts of e-mails and webhook messages, in Swedish and English (no Streamlit:
``python -m notify run`` imports them)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {"sv": "Hej {name}!", "en": "Hello {name},"},
    "signature": {"sv": "Hälsningar\nInsikt", "en": "Best regards\nInsikt"},
    "footer": {
        "sv": "Du får det här mejlet från Insikt ({kind}). Välj vilka mejl du får och på vilket språk:",
        "en": "You get this e-mail from Insikt ({kind}). Choose which e-mails you get, and in which language:",
    },
    "footer_link": {"sv": "Mina aviseringar", "en": "My notifications"},
    # what stands in for a customer's personal details in a quoted comment
    "mask_personal_number": {"sv": "[personnummer]", "en": "[personal identity number]"},
    "mask_phone": {"sv": "[telefonnummer]", "en": "[phone number]"},
    "mask_email": {"sv": "[e-postadress]", "en": "[e-mail address]"},
    "mask_card": {"sv": "[kortnummer]", "en": "[card number]"},
    # kinds, as the footer and the preferences name them
    "kind_new_case": {"sv": "nya återkopplingsärenden", "en": "new follow-up cases"},
    "kind_reminder": {"sv": "påminnelser före deadline", "en": "reminders before the deadline"},
    "kind_escalation": {"sv": "försenade ärenden", "en": "overdue cases"},
    "kind_digest": {"sv": "veckosammanfattningen", "en": "the weekly digest"},
    # one line per case
    "case_line": {"sv": "{unit} · {touchpoint} · {score} · {when}",
                  "en": "{unit} · {touchpoint} · {score} · {when}"},
    "score_nps": {"sv": "betyg {value} av 10", "en": "score {value} of 10"},
    "score_csat": {"sv": "nöjdhet {value} av 5", "en": "satisfaction {value} of 5"},
    "score_none": {"sv": "inget betyg", "en": "no score"},
    "due_in": {"sv": "svar senast {due} (om {left})", "en": "answer by {due} (in {left})"},
    "due_passed": {"sv": "skulle besvarats {due} ({late} sedan)", "en": "was due {due} ({late} ago)"},
    "owner_you": {"sv": "Du är ägare.", "en": "You own it."},
    "owner_none": {"sv": "Ingen ägare ännu – ta ärendet på sidan.",
                   "en": "No owner yet – take the case on the page."},
    "owner_named": {"sv": "Ägare: {owner}.", "en": "Owner: {owner}."},
    "hours_one": {"sv": "1 timme", "en": "1 hour"},
    "hours_many": {"sv": "{n} timmar", "en": "{n} hours"},
    "under_an_hour": {"sv": "mindre än en timme", "en": "less than an hour"},
    "days_many": {"sv": "{n} dagar", "en": "{n} days"},
    "open_follow_up": {"sv": "Öppna återkopplingen", "en": "Open the follow-up queue"},
    # new cases
    "new_case_subject_one": {"sv": "Nytt ärende att följa upp: {unit}", "en": "New case to follow up: {unit}"},
    "new_case_subject_many": {"sv": "{n} nya ärenden att följa upp", "en": "{n} new cases to follow up"},
    "new_case_intro_one": {
        "sv": "En kund var missnöjd och berättade varför. Hör av dig inom målet.",
        "en": "A customer was unhappy and said why. Get in touch within the target.",
    },
    "new_case_intro_many": {
        "sv": "{n} kunder var missnöjda och berättade varför. Hör av er inom målet.",
        "en": "{n} customers were unhappy and said why. Get in touch within the target.",
    },
    # reminders
    "reminder_subject_one": {"sv": "Påminnelse: ett ärende ska besvaras snart ({unit})",
                             "en": "Reminder: a case is due soon ({unit})"},
    "reminder_subject_many": {"sv": "Påminnelse: {n} ärenden ska besvaras snart",
                              "en": "Reminder: {n} cases are due soon"},
    "reminder_intro": {
        "sv": "De här ärendena har inte stängts, och tiden för att svara kunden går snart ut.",
        "en": "These cases are still open, and the time to answer the customer runs out soon.",
    },
    # escalations
    "escalation_subject_one": {"sv": "Försenat ärende i {unit}", "en": "Overdue case in {unit}"},
    "escalation_subject_many": {"sv": "{n} försenade ärenden", "en": "{n} overdue cases"},
    "escalation_intro": {
        "sv": "De här ärendena har passerat sin deadline utan att stängas. Se till att någon tar dem.",
        "en": "These cases have passed their deadline without being closed. Make sure someone takes them.",
    },
    # the weekly digest
    "digest_subject": {"sv": "Veckan i {unit}: vecka {week}", "en": "The week in {unit}: week {week}"},
    "digest_intro": {"sv": "Så här gick veckan {start} – {end} för {unit}.",
                     "en": "This is how the week {start} – {end} went for {unit}."},
    "all_units": {"sv": "alla enheter", "en": "all units"},
    "digest_strengths": {"sv": "Det här gick tydligt bra", "en": "What clearly went well"},
    "digest_strength_line": {
        "sv": "{group}: {measure} {value} mot {comparator_value} för {comparator} (n = {n})",
        "en": "{group}: {measure} {value} against {comparator_value} for {comparator} (n = {n})",
    },
    "digest_no_strengths": {
        "sv": "Inget stack tydligt ut den här veckan jämfört med {comparator} – det kan vara slumpen.",
        "en": "Nothing clearly stood out this week compared with {comparator} – it may be chance.",
    },
    "digest_quote": {"sv": "En kund skrev:", "en": "A customer wrote:"},
    "digest_open_strengths": {"sv": "Öppna styrkor och svagheter", "en": "Open strengths and weaknesses"},
    "digest_comments": {"sv": "Nya kommentarer", "en": "New comments"},
    "digest_comments_line": {"sv": "{n} kommentarer kom in under veckan.",
                             "en": "{n} comments came in during the week."},
    "digest_open_comments": {"sv": "Läs kommentarerna", "en": "Read the comments"},
    "digest_cases": {"sv": "Mina öppna ärenden", "en": "My open cases"},
    "digest_cases_line": {"sv": "Du äger {n} öppna ärenden, varav {overdue} försenade.",
                          "en": "You own {n} open cases, {overdue} of them overdue."},
    "digest_no_cases": {"sv": "Du äger inga öppna ärenden.", "en": "You own no open cases."},
    "digest_actions": {"sv": "Mina åtgärder som ska vara klara", "en": "My actions due"},
    "digest_actions_line": {"sv": "{n} av dina åtgärder ska vara klara senast {until}.",
                            "en": "{n} of your actions are due by {until}."},
    "digest_no_actions": {"sv": "Inga av dina åtgärder ska vara klara den närmaste veckan.",
                          "en": "None of your actions is due in the coming week."},
    "digest_action_line": {"sv": "{title} ({unit}) – senast {due}", "en": "{title} ({unit}) – due {due}"},
    "digest_action_overdue": {"sv": "{title} ({unit}) – försenad sedan {due}",
                              "en": "{title} ({unit}) – overdue since {due}"},
    "digest_open_actions": {"sv": "Öppna åtgärderna", "en": "Open the actions"},
    "more": {"sv": "… och {n} till", "en": "… and {n} more"},
    # names in sentences
    "measure_nps": {"sv": "NPS", "en": "NPS"},
    "measure_csat": {"sv": "nöjdhet (andel 4–5)", "en": "satisfaction (share 4–5)"},
    "comparator_organisation": {"sv": "resten av organisationen", "en": "the rest of the organisation"},
    "comparator_previous": {"sv": "veckan innan", "en": "the week before"},
    "group_overall": {"sv": "Totalt", "en": "Overall"},
    "dimension_touchpoint": {"sv": "Kontaktpunkten {name}", "en": "The touchpoint {name}"},
    "dimension_channel": {"sv": "Kanalen {name}", "en": "The channel {name}"},
    "dimension_theme": {"sv": "Temat {name}", "en": "The theme {name}"},
    "dimension_segment": {"sv": "Segmentet {name}", "en": "The segment {name}"},
    # webhooks (the app's default language)
    "webhook_new_case": {"sv": "Nytt ärende att följa upp i {unit}: {touchpoint}, {score}, {when}.",
                         "en": "New case to follow up in {unit}: {touchpoint}, {score}, {when}."},
    "webhook_escalation": {"sv": "Försenat ärende i {unit}: {touchpoint}, {score}, {when}.",
                           "en": "Overdue case in {unit}: {touchpoint}, {score}, {when}."},
}


def text(key: str, language: str, **values) -> str:
    """The text for ``key`` in ``language`` with its placeholders filled in."""
    template = TEXTS[key][language]
    return template.format(**values) if values else template
