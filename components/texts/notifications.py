"""Texts of the notifications page (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "menu_notifications": {"sv": "Aviseringar", "en": "Notifications"},
    "nt_title": {"sv": "Mina aviseringar", "en": "My notifications"},
    "nt_caption": {
        "sv": "Välj vilka mejl Insikt skickar till dig och på vilket språk. Varje mejl har en länk hit.",
        "en": "Choose which e-mails Insikt sends you, and in which language. Every e-mail links here.",
    },
    "nt_off": {
        "sv": "Aviseringar är avstängda: ingen e-postserver är inställd. Dina val sparas till dess "
              "att en administratör slår på dem.",
        "en": "Notifications are off: no e-mail server is configured. Your choices are kept until an "
              "administrator switches them on.",
    },
    "nt_config_error": {"sv": "Inställningarna för e-post går inte att använda: {error}",
                        "en": "The e-mail settings cannot be used: {error}"},
    "nt_email": {"sv": "Mejlen går till {email}.", "en": "The e-mails go to {email}."},
    "nt_no_email": {
        "sv": "Ditt konto saknar e-postadress, så du får inga mejl. Be en administratör lägga till den.",
        "en": "Your account has no e-mail address, so you get no e-mails. Ask an administrator to add it.",
    },
    "nt_language": {"sv": "Språk i mejlen", "en": "Language of the e-mails"},
    "nt_language_default": {"sv": "Standard ({name})", "en": "Default ({name})"},
    "nt_kinds": {"sv": "Mejl jag vill få", "en": "E-mails I want"},
    "nt_kind_new_case": {"sv": "Nya ärenden att följa upp", "en": "New cases to follow up"},
    "nt_kind_new_case_help": {
        "sv": "När en missnöjd kund blir ett ärende: ärenden du äger, eller enhetens ärenden utan ägare.",
        "en": "When an unhappy customer becomes a case: cases you own, or your unit's cases without an owner.",
    },
    "nt_kind_reminder": {"sv": "Påminnelse före deadline", "en": "Reminder before the deadline"},
    "nt_kind_reminder_help": {
        "sv": "Några timmar innan ett öppet ärende ska vara besvarat.",
        "en": "A few hours before an open case must be answered.",
    },
    "nt_kind_escalation": {"sv": "Försenade ärenden i min enhet", "en": "Overdue cases in my unit"},
    "nt_kind_escalation_help": {
        "sv": "När ett ärende i din enhet passerar sin deadline utan att stängas.",
        "en": "When a case in your unit passes its deadline without being closed.",
    },
    "nt_kind_digest": {"sv": "Veckosammanfattning", "en": "Weekly digest"},
    "nt_kind_digest_help": {
        "sv": "Varje måndag: veckans tydliga styrkor med en kundkommentar, nya kommentarer, dina öppna "
              "ärenden och åtgärder som ska vara klara.",
        "en": "Every Monday: the week's clear strengths with a customer's words, new comments, your open "
              "cases and actions due.",
    },
    "nt_save": {"sv": "Spara", "en": "Save"},
    "nt_saved": {"sv": "Dina val är sparade.", "en": "Your choices are saved."},
    # webhooks (admins)
    "nt_webhooks_title": {"sv": "Webhooks för enheter", "en": "Unit webhooks"},
    "nt_webhooks_caption": {
        "sv": "Nya och försenade ärenden i en enhet (eller i en region och dess enheter) skickas som "
              "ett meddelande till enhetens kanal i Teams, Slack eller liknande. Inga kommentarer skickas.",
        "en": "New and overdue cases of a unit (or of a region and its units) are posted as a message to "
              "the unit's channel in Teams, Slack or similar. No comments are sent.",
    },
    "nt_webhooks_empty": {"sv": "Ingen enhet har en webhook ännu.", "en": "No unit has a webhook yet."},
    "nt_webhook_unit": {"sv": "Enhet", "en": "Unit"},
    "nt_webhook_url": {"sv": "Webhookens adress", "en": "Webhook address"},
    "nt_webhook_url_help": {
        "sv": "Adressen som kanalens inkommande webhook gav (https://…).",
        "en": "The address the channel's incoming webhook gave you (https://…).",
    },
    "nt_webhook_active": {"sv": "Aktiv", "en": "Active"},
    "nt_webhook_save": {"sv": "Spara webhook", "en": "Save webhook"},
    "nt_webhook_saved": {"sv": "Webhooken för {unit} är sparad.", "en": "The webhook of {unit} is saved."},
    "nt_webhook_remove": {"sv": "Ta bort webhook", "en": "Remove webhook"},
    "nt_webhook_removed": {"sv": "Webhooken för {unit} är borttagen.", "en": "The webhook of {unit} is removed."},
    "nt_webhook_empty": {"sv": "Fyll i webhookens adress (https://…).", "en": "Enter the webhook's address (https://…)."},
    "nt_webhook_too_long": {"sv": "Adressen är för lång (högst 500 tecken).",
                            "en": "The address is too long (at most 500 characters)."},
    "nt_webhook_not_url": {"sv": "”{url}” är ingen webbadress.", "en": "“{url}” is not a web address."},
    "nt_webhook_not_https": {
        "sv": "”{url}” nekas: en webhook måste använda https:// (http:// tillåts bara på 127.0.0.1 och "
              "localhost, för test).",
        "en": "“{url}” is refused: a webhook must use https:// (http:// is allowed only on 127.0.0.1 and "
              "localhost, for tests).",
    },
}
