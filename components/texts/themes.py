"""Texts of language-aware themes, theme packs and the praise/complaint split
(merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    # theme packs
    "packs_title": {"sv": "Läs in ett temapaket", "en": "Load a theme pack"},
    "packs_first_run": {"sv": "Välj teman som passar era kunders ord", "en": "Pick themes that fit your customers' words"},
    "packs_pick": {"sv": "Temapaket", "en": "Theme pack"},
    "pack_retail": {"sv": "Svensk detaljhandel (standard)", "en": "Swedish retail (default)"},
    "pack_retail_about": {
        "sv": "Elva teman för butiker och e-handel: personal, väntetid, pris, kvalitet, sortiment, leverans, "
              "reklamationer, webb, kampanjer, renlighet och kompetens, med svenska och engelska mönster.",
        "en": "Eleven themes for shops and online retail: staff, waiting, price, quality, stock, delivery, "
              "complaints, web, offers, cleanliness and advice, with Swedish and English patterns.",
    },
    "pack_service_en": {"sv": "Engelska tjänster (försäkring, abonnemang, support)",
                        "en": "English service (insurance, subscriptions, support)"},
    "pack_service_en_about": {
        "sv": "Tio teman med engelska mönster: personal, väntetid, premie och pris, skadeärenden, fakturor och "
              "återbetalning, uppsägning, kommunikation, försäkringsskydd och villkor, webb och app, klagomål. "
              "Vardagliga ord som \"claim\" räknas som ärendet självt, inte som klagomål: om det berömdes eller "
              "kritiserades visar svarets betyg.",
        "en": "Ten themes with English patterns: staff, waiting, premiums and price, claims handling, billing and "
              "refunds, cancellation, communication, cover and terms, website and app, complaints. Everyday words "
              "such as \"claim\" count as the process itself, not as a complaint: the response's score tells "
              "whether it was praised or criticised.",
    },
    "packs_added": {"sv": "Nya teman: {keys}", "en": "New themes: {keys}"},
    "packs_replaced": {"sv": "Mönster ({languages}) ersätts i: {keys}",
                       "en": "Patterns ({languages}) replaced in: {keys}"},
    "packs_language_sv": {"sv": "svenska", "en": "Swedish"},
    "packs_language_en": {"sv": "engelska", "en": "English"},
    "packs_load": {"sv": "Läs in paketet och tagga om", "en": "Load the pack and retag"},
    "packs_loaded": {"sv": "{pack} inläst: {added} nya teman, {replaced} med nya mönster.",
                     "en": "{pack} loaded: {added} new themes, {replaced} with new patterns."},
    "admin_error_unknown_pack": {"sv": "Det finns inget sådant temapaket.", "en": "There is no such theme pack."},
    "audit_action_theme_pack_loaded": {"sv": "Temapaket inläst", "en": "Theme pack loaded"},
    "audit_target_theme_pack": {"sv": "Temapaket", "en": "Theme pack"},
    # languages
    "admin_preview_languages": {
        "sv": "Svenska mönster prövas på svenska kommentarer, engelska på engelska, båda där språket är okänt; "
              "{other} av kommentarerna här är på andra språk och taggas inte.",
        "en": "Swedish patterns are tried on Swedish comments, English ones on English comments, both where the "
              "language is not known; {other} of the comments here are in other languages and are not tagged.",
    },
    "themes_other_language": {
        "sv": "Andra språk: {n} kommentarer taggas inte (inga mönster för deras språk).",
        "en": "Other languages: {n} comments not tagged (no patterns for their language).",
    },
}
