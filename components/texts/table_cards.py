"""Texts of the cards that stand in for tables on a phone (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    "cards_none": {"sv": "Inga rader.", "en": "No rows."},
    "cards_open": {"sv": "Öppna", "en": "Open"},
    "cards_more": {
        "sv": "{shown} av {total} rader visas här; hela tabellen syns på en större skärm.",
        "en": "{shown} of {total} rows are shown here; the whole table shows on a larger screen.",
    },
    "cards_yes": {"sv": "ja", "en": "yes"},
    "cards_no": {"sv": "nej", "en": "no"},
}
